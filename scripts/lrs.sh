#!/usr/bin/env bash
# A real Learning Record Store on loopback for the xAPI tests (tests/xapi/): ralph's LRS
# (ralph-malph on PyPI) with its file-system backend, in its own virtualenv (.venv-lrs), so
# ralph's dependencies (FastAPI, pydantic, uvicorn...) never enter the project's .venv.
#
#   scripts/lrs.sh install                  create .venv-lrs with ralph (about 20 seconds)
#   scripts/lrs.sh serve PORT DIR           run the LRS on 127.0.0.1:PORT in the foreground,
#                                           statements stored under DIR; basic-auth user
#                                           $LRS_USERNAME / $LRS_PASSWORD (default lms / lms)
#                                           written to DIR/auth.json
#
# ralph-malph 5.1.0 imports requests without declaring it (api/auth/oidc.py): installed too.
set -euo pipefail
cd "$(dirname "$0")/.."

RALPH_VERSION=5.1.0
VENV=${LRS_VENV:-.venv-lrs}
PYTHON=${LRS_PYTHON:-python3.11}

case "${1:-}" in
  install)
    if [ ! -x "$VENV/bin/ralph" ]; then
      "$PYTHON" -m venv "$VENV"
      "$VENV/bin/pip" install --quiet --disable-pip-version-check \
        "ralph-malph[cli,lrs]==$RALPH_VERSION" requests
    fi
    "$VENV/bin/ralph" --version
    ;;
  serve)
    port=${2:?usage: scripts/lrs.sh serve PORT DIR}
    dir=${3:?usage: scripts/lrs.sh serve PORT DIR}
    [ -x "$VENV/bin/ralph" ] || { echo "run scripts/lrs.sh install first" >&2; exit 1; }
    mkdir -p "$dir/store"
    dir=$(cd "$dir" && pwd)
    export RALPH_APP_DIR="$dir"
    export RALPH_AUTH_FILE="$dir/auth.json"
    export RALPH_RUNSERVER_BACKEND=fs
    export RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH="$dir/store"
    export RALPH_BACKENDS__DATA__FS__DEFAULT_DIRECTORY_PATH="$dir/store"
    if [ ! -s "$RALPH_AUTH_FILE" ]; then
      "$VENV/bin/ralph" -v WARNING auth --write-to-disk \
        --username "${LRS_USERNAME:-lms}" --password "${LRS_PASSWORD:-lms}" --scope all \
        --agent-ifi-account "${LRS_USERNAME:-lms}" "http://127.0.0.1:$port/" >/dev/null
    fi
    # uvicorn itself rather than `ralph runserver`, which adds a reloader watching the
    # current directory: one process, stopped by its pid. ralph 5.1.0's file-system LRS
    # backend writes with its data backend's default operation, CREATE, which refuses to
    # write once its statements file exists: every statement after the first would fail
    # (HTTP 500). It is made to APPEND, as a statements log should.
    exec "$VENV/bin/python" - "$port" <<'PY'
import sys

import uvicorn
from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend

FSLRSBackend.default_operation_type = BaseOperationType.APPEND
uvicorn.run(
    "ralph.api:app",
    host="127.0.0.1",
    port=int(sys.argv[1]),
    log_level="warning",
    access_log=False,
)
PY
    ;;
  *)
    echo "usage: scripts/lrs.sh install | serve PORT DIR" >&2
    exit 2
    ;;
esac
