"""Start Django for a benchmark script on a fresh database of its own.

SQLite in a temporary folder by default; set BENCH_DATABASE_URL to a PostgreSQL URL to
measure there (the database is created, and dropped afterwards).
"""

import os
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "site")]


warnings.filterwarnings("ignore", message="No directory at")


def setup(name: str):
    url = os.environ.get("BENCH_DATABASE_URL")
    if not url:
        folder = tempfile.mkdtemp(prefix=f"bench-{name}-")
        url = f"sqlite:///{folder}/bench.sqlite3"
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django
    from django.conf import settings

    django.setup()
    import logging

    logging.getLogger("safecity").setLevel(logging.WARNING)
    from django.test.utils import setup_test_environment

    setup_test_environment()
    settings.ALLOWED_HOSTS = ["*"]
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor == "postgresql":
        import atexit

        from django.test.utils import setup_databases, teardown_databases

        config = setup_databases(verbosity=0, interactive=False)
        atexit.register(teardown_databases, config, verbosity=0)
    else:
        call_command("migrate", verbosity=0)
    return url


def timed(fn, repeat: int = 30, warmup: int = 3) -> float:
    """Median wall time of ``fn()`` in milliseconds."""
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)
