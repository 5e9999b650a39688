"""PostgreSQL connection pooling in production (settings/production.py, DATABASE_POOL_*).

The settings are read in a fresh interpreter with a controlled environment, as
tests/config/test_settings.py does: production settings cannot be imported into the test
process, and the pool must be checked exactly as ``manage.py`` and gunicorn would build it.
"""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
PG_URL = "postgres://postgres@127.0.0.1:5432/safecity"

SHOW_DATABASE = """
import json
import django
from django.conf import settings
django.setup()
default = settings.DATABASES["default"]
print(json.dumps({
    "ENGINE": default["ENGINE"],
    "CONN_MAX_AGE": default["CONN_MAX_AGE"],
    "pool": default.get("OPTIONS", {}).get("pool"),
}))
"""

# Two requests' worth of connect/close on the production connection: with a pool the second
# gets the same PostgreSQL backend (the connection went back to the pool, open).
TWO_CONNECTIONS = """
import json
import django
django.setup()
from django.db import connection
pids = []
for _ in range(2):
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pids.append(cursor.fetchone()[0])
    connection.close()
pool = connection.pool
print(json.dumps({
    "pool_class": f"{type(pool).__module__}.{type(pool).__name__}" if pool else None,
    "pids": pids,
    "max_size": pool.max_size if pool else None,
}))
connection.close_pool()
"""


def production(script: str, **env) -> subprocess.CompletedProcess:
    environment = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("DATABASE_POOL")
        and k not in {"SECRET_KEY", "DJANGO_SETTINGS_MODULE", "DB_CONN_MAX_AGE"}
    }
    environment.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(64),
            "ALLOWED_HOSTS": "learning.example.org",
            "SITE_URL": "https://learning.example.org",
            "DATABASE_URL": PG_URL,
            "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "site")]),
            **env,
        }
    )
    return subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def database_settings(**env) -> dict:
    result = production(SHOW_DATABASE, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_without_the_variable_there_is_no_pool_and_persistent_connections_still_work():
    default = database_settings(DB_CONN_MAX_AGE="60")
    assert default["pool"] is None
    assert default["CONN_MAX_AGE"] == 60


def test_pool_options_come_from_the_environment():
    default = database_settings(
        DATABASE_POOL_MAX_SIZE="4", DATABASE_POOL_MIN_SIZE="2", DATABASE_POOL_TIMEOUT="5"
    )
    assert default["ENGINE"] == "django.db.backends.postgresql"
    assert default["pool"] == {"min_size": 2, "max_size": 4, "timeout": 5.0}


def test_pool_defaults_keep_one_connection_open_and_wait_ten_seconds():
    default = database_settings(DATABASE_POOL_MAX_SIZE="1")
    assert default["pool"] == {"min_size": 1, "max_size": 1, "timeout": 10.0}


def test_a_pool_turns_persistent_connections_off_as_django_requires():
    # DB_CONN_MAX_AGE left from before pooling was switched on must not stop the site.
    default = database_settings(DATABASE_POOL_MAX_SIZE="3", DB_CONN_MAX_AGE="600")
    assert default["CONN_MAX_AGE"] == 0
    assert default["pool"]["max_size"] == 3


@pytest.mark.parametrize("value", ["0", ""])
def test_zero_or_empty_means_no_pool(value):
    default = database_settings(DATABASE_POOL_MAX_SIZE=value)
    assert default["pool"] is None


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"DATABASE_POOL_MAX_SIZE": "-1"}, "DATABASE_POOL_MAX_SIZE must be 0"),
        (
            {"DATABASE_POOL_MAX_SIZE": "2", "DATABASE_POOL_MIN_SIZE": "3"},
            "DATABASE_POOL_MIN_SIZE must be between",
        ),
        (
            {"DATABASE_POOL_MAX_SIZE": "2", "DATABASE_URL": "sqlite:////tmp/pool.sqlite3"},
            "needs a PostgreSQL DATABASE_URL",
        ),
    ],
)
def test_pool_settings_that_cannot_work_stop_the_site_at_start(env, message):
    result = production(SHOW_DATABASE, **env)
    assert result.returncode != 0
    assert message in result.stderr


@pytest.mark.parametrize("min_size", [0, 2])
def test_the_minimum_may_be_anything_from_none_to_the_maximum(min_size):
    default = database_settings(DATABASE_POOL_MAX_SIZE="2", DATABASE_POOL_MIN_SIZE=str(min_size))
    assert default["pool"]["min_size"] == min_size


@pytest.mark.django_db
def test_production_connections_come_from_a_psycopg_pool_on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("Connection pooling is PostgreSQL only (run with a PostgreSQL DATABASE_URL)")
    database = connection.settings_dict
    url = f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}"
    # One connection at most, so the pool cannot hand out a second one it opened meanwhile.
    result = production(
        TWO_CONNECTIONS, DATABASE_URL=url, DATABASE_POOL_MAX_SIZE="1", DATABASE_POOL_MIN_SIZE="1"
    )
    assert result.returncode == 0, result.stderr
    used = json.loads(result.stdout.strip().splitlines()[-1])
    assert used["pool_class"] == "psycopg_pool.pool.ConnectionPool"
    assert used["max_size"] == 1
    # Closed after the first request, the connection went back to the pool still open.
    assert used["pids"][0] == used["pids"][1]


@pytest.mark.django_db
def test_without_a_pool_each_request_opens_a_new_postgresql_connection():
    """The other side of the test above: the same pid is the pool's doing."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    database = connection.settings_dict
    url = f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}"
    result = production(TWO_CONNECTIONS, DATABASE_URL=url)
    assert result.returncode == 0, result.stderr
    used = json.loads(result.stdout.strip().splitlines()[-1])
    assert used["pool_class"] is None
    assert used["pids"][0] != used["pids"][1]
