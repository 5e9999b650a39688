"""The embedded default, one SQLite file: pages can be read, and writes wait rather than fail,
while a long write (a question import in one transaction, run by a worker) holds the file."""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Run as its own process: the settings read DATABASE_URL and SQLITE_TIMEOUT when imported.
SCRIPT = textwrap.dedent(
    """
    import sqlite3, sys, threading, time
    sys.path[:0] = ["{root}", "{root}/site"]
    import django
    django.setup()
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE note (id integer primary key, text text)")
        cursor.execute("INSERT INTO note (text) VALUES ('before')")
        print("journal", cursor.execute("PRAGMA journal_mode").fetchone()[0])
        print("busy_timeout", cursor.execute("PRAGMA busy_timeout").fetchone()[0])

    # Another process's long write transaction (the worker's import), held for HOLD seconds.
    holding = threading.Event()
    def worker():
        other = sqlite3.connect(connection.settings_dict["NAME"], isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        other.execute("INSERT INTO note (text) VALUES ('imported')")
        holding.set()
        time.sleep({hold})
        other.execute("COMMIT")
        other.close()
    thread = threading.Thread(target=worker)
    thread.start()
    holding.wait()
    with connection.cursor() as cursor:
        started = time.monotonic()
        rows = cursor.execute("SELECT text FROM note ORDER BY id").fetchall()
        print("read", [r[0] for r in rows], "waited", round(time.monotonic() - started, 1))
        started = time.monotonic()
        try:
            cursor.execute("INSERT INTO note (text) VALUES ('session')")
            print("write ok, waited", round(time.monotonic() - started, 1))
        except Exception as error:
            print("write failed:", error)
    thread.join()
    """
)


def run(tmp_path, hold: float, **env):
    environment = {
        k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SQLITE_TIMEOUT"}
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="config.settings.test",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        **env,
    )
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT.format(root=ROOT, hold=hold)],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def test_the_file_is_in_write_ahead_mode_and_writers_wait_20_seconds_by_default(tmp_path):
    lines = run(tmp_path, hold=0.1)
    assert "journal wal" in lines
    assert "busy_timeout 20000" in lines


def test_a_page_reads_at_once_and_a_write_waits_for_a_long_transaction_to_end(tmp_path):
    lines = run(tmp_path, hold=1.5, SQLITE_TIMEOUT="4")
    assert "busy_timeout 4000" in lines
    read = next(line for line in lines if line.startswith("read"))
    assert read.startswith("read ['before'] waited 0.")  # the uncommitted import is not seen
    write = next(line for line in lines if line.startswith("write"))
    assert write.startswith("write ok")
    assert float(write.rsplit(" ", 1)[1]) >= 1


def test_a_write_still_fails_with_a_clear_error_once_the_wait_is_over(tmp_path):
    lines = run(tmp_path, hold=2, SQLITE_TIMEOUT="1")
    assert "write failed: database is locked" in lines
