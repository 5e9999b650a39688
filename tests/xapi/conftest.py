"""A real Learning Record Store for the xAPI tests: ralph's LRS (scripts/lrs.sh) on a free
loopback port, started once per session, with its own statement store in a temporary folder.

Without ``.venv-lrs`` (``bash scripts/lrs.sh install``) the tests that need it are skipped,
unless ``LRS_REQUIRED=1`` (CI), when they fail instead.
"""

import os
import pathlib
import socket
import subprocess
import time
import uuid

import pytest
import requests

ROOT = pathlib.Path(__file__).resolve().parents[2]
RALPH = ROOT / ".venv-lrs" / "bin" / "ralph"
USERNAME = "lms"
PASSWORD = "lrs-test-password"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class LoopbackLRS:
    def __init__(self, folder: pathlib.Path):
        self.folder = folder
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}/xAPI/"

    def start(self) -> None:
        env = {**os.environ, "LRS_USERNAME": USERNAME, "LRS_PASSWORD": PASSWORD}
        self.process = subprocess.Popen(
            ["bash", str(ROOT / "scripts" / "lrs.sh"), "serve", str(self.port), str(self.folder)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"The LRS stopped at start (exit {self.process.returncode})")
            try:
                if requests.get(self.endpoint + "../__heartbeat__", timeout=1).ok:
                    return
            except requests.ConnectionError:
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError("The LRS did not answer within 60 seconds")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def get(self, **params) -> requests.Response:
        return requests.get(
            self.endpoint + "statements",
            params=params,
            auth=(USERNAME, PASSWORD),
            headers={"X-Experience-API-Version": "1.0.3"},
            timeout=10,
        )


@pytest.fixture(scope="session")
def loopback_lrs(tmp_path_factory):
    if not RALPH.exists():
        message = "ralph's LRS is not installed: run bash scripts/lrs.sh install"
        if os.environ.get("LRS_REQUIRED") == "1":
            pytest.fail(message)
        pytest.skip(message)
    lrs = LoopbackLRS(tmp_path_factory.mktemp("lrs"))
    lrs.start()
    yield lrs
    lrs.stop()


@pytest.fixture
def lrs(loopback_lrs, settings):
    """The loopback LRS, configured as this site's LRS. Each test has its own SITE_URL, so
    its statement ids and actors are its own in the LRS shared by the session."""
    settings.SITE_URL = f"https://learning-{uuid.uuid4().hex[:12]}.example.org"
    settings.XAPI_LRS_ENDPOINT = loopback_lrs.endpoint
    settings.XAPI_LRS_USERNAME = USERNAME
    settings.XAPI_LRS_PASSWORD = PASSWORD
    if loopback_lrs.process is None:  # a test stopped it
        loopback_lrs.start()
    return loopback_lrs


@pytest.fixture
def xapi_on(settings):
    """An LRS configured at a closed loopback port: statements are recorded, sends fail."""
    settings.XAPI_LRS_ENDPOINT = f"http://127.0.0.1:{free_port()}/xAPI/"
    settings.XAPI_LRS_USERNAME = USERNAME
    settings.XAPI_LRS_PASSWORD = PASSWORD
    settings.XAPI_TIMEOUT_SECONDS = 2


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run on-commit work (recording, then sending) as a real commit would."""

    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run


@pytest.fixture
def learner(user_with_role):
    return user_with_role(full_name="Imogen Marlowe-Testperson", email="imogen@example.org")
