"""Load test: a mixed journey against gunicorn (2 workers) on PostgreSQL, loopback only.

    .venv/bin/python bench/load.py [--users 30] [--run-time 60] [--keep-db] [--redis]

1. Drops and creates the PostgreSQL database ``safecity_load`` (``--database-url``), migrates,
   loads the demo site (modules, quizzes, agencies, demo Safe Places), adds ``--venues``
   listed Safe Places, ``--learners`` learner accounts with a known password and a verified
   email address, and certificates to verify; runs ``collectstatic`` into a temporary folder.
2. Starts gunicorn with production settings (``config.settings.production``, DEBUG off,
   WhiteNoise, the database cache unless ``--redis`` starts a private Redis) through a
   small settings module written to a temporary folder, then waits for ``/health``.
3. Runs locust headless with ``bench/locustfile.py``: after every learner has signed in,
   ``--run-time`` measured seconds, then it stops by itself (a hard stop follows 2 minutes
   later whatever happens).
4. Prints requests/s, p50/p95/p99, errors, a table per endpoint and whether the target holds:
   20 requests/s sustained with p95 under 300 ms and no errors. Also the server's CPU per
   request (gunicorn workers and this database's PostgreSQL backends, through psutil) and
   how busy the machine was, so figures from a shared machine can still be read.

gunicorn, Redis and the database are always stopped and dropped at the end (``--keep-db``
keeps the database). Nothing listens beyond 127.0.0.1.

What differs from production, and why (see the generated ``bench_settings.py``):
* Plain HTTP on loopback, as behind a TLS-terminating load balancer: SECURE_SSL_REDIRECT
  off, and cookies not marked Secure (and without the ``__Host-`` prefix), because the load
  generator's HTTP client only returns Secure cookies over HTTPS.
* The offline FakeGeocoder for Safe Places searches, and a dummy email backend.
* Rate limits are the production ones: each simulated person connects from their own
  loopback address (127.0.x.y), as real people have their own addresses.
"""

import argparse
import contextlib
import csv
import json
import os
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
VENV_BIN = ROOT / ".venv" / "bin"
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/safecity_load"
PASSWORD = "load-test-" + secrets.token_urlsafe(12)  # new for every run
TARGET_RPS = 20.0
TARGET_P95_MS = 300.0

SETTINGS = '''"""Written by bench/load.py for one load-test run; deleted afterwards."""

import os

from config.settings.production import *  # noqa: F403

# Plain HTTP on loopback, as behind a TLS-terminating load balancer. The load generator's
# HTTP client only sends Secure cookies over HTTPS, so the cookies are not Secure here.
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SESSION_COOKIE_NAME = "sessionid"
CSRF_COOKIE_NAME = "csrftoken"

# Never leave the machine: offline geocoder, no email.
SAFE_PLACES_GEOCODER = "network.geocoding.FakeGeocoder"
EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"

STATIC_ROOT = os.environ["BENCH_STATIC_ROOT"]
MEDIA_ROOT = os.environ["BENCH_MEDIA_ROOT"]
'''

# Postcodes and places a finder user might type (the FakeGeocoder knows SO14-SO19).
PLACES = [
    "Portswood",
    "Shirley",
    "Bitterne",
    "Woolston",
    "city centre",
    "Bargate",
    "Ocean Village",
    "Sholing",
    "St Marys",
    "SO14",
    "SO17",
]
POSTCODE_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"


def log(message: str) -> None:
    print(f"[load] {message}", flush=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def postcodes(count: int, seed: int = 8) -> list[str]:
    import random

    rng = random.Random(seed)
    return [
        f"SO{rng.randint(14, 19)} {rng.randint(0, 9)}"
        f"{rng.choice(POSTCODE_LETTERS)}{rng.choice(POSTCODE_LETTERS)}"
        for _ in range(count)
    ]


# --- The database -------------------------------------------------------------------------


def admin_connection(url: str):
    import psycopg

    parts = urllib.parse.urlsplit(url)
    server = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    return psycopg.connect(server, autocommit=True), parts.path.lstrip("/")


def recreate_database(url: str) -> None:
    connection, name = admin_connection(url)
    with connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def drop_database(url: str) -> None:
    connection, name = admin_connection(url)
    with connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def build(args) -> dict:
    """Migrate and fill the database; return the snapshot the locustfile reads."""
    import django

    django.setup()
    import logging

    logging.getLogger("safecity").setLevel(logging.WARNING)
    from django.core.management import call_command
    from django.test import override_settings

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    log(f"migrated in {time.perf_counter() - started:.0f} s")
    # Demo modules, quizzes and a few demo venues; demo accounts only exist in this database.
    with override_settings(DEMO_ACCOUNTS_ENABLED=True):
        call_command("load_demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    sys.path.insert(0, str(BENCH))
    import safe_places

    safe_places.build(args.venues, seed=8)
    snapshot = people_and_certificates(args.learners)
    snapshot.update(addresses(snapshot))
    log(f"data loaded at {time.perf_counter() - started:.0f} s")
    call_command("collectstatic", interactive=False, verbosity=0)
    from django.db import connections

    connections.close_all()
    log(f"database and static files ready in {time.perf_counter() - started:.0f} s")
    return snapshot


def people_and_certificates(count: int) -> dict:
    """``count`` learners who can sign in (no MFA: learners need none); a tenth of them
    hold a certificate for a module of the catalogue."""
    import datetime

    from allauth.account.models import EmailAddress
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from accounts.models import JobRole, User
    from certificates.models import Certificate
    from certificates.services import issue_certificate
    from courses.models import Enrolment, ModulePage
    from network.models import Agency

    password = make_password(PASSWORD)  # hashed once: the same hash for everyone
    agencies = list(Agency.objects.all()[:10]) or [None]
    users = User.objects.bulk_create(
        User(
            email=f"load.learner.{n}@load.example.org",
            full_name=f"Load Learner {n}",
            job_role=JobRole.FRONTLINE,
            agency=agencies[n % len(agencies)],
            password=password,
        )
        for n in range(count)
    )
    users = list(User.objects.filter(email__endswith="@load.example.org").order_by("pk"))
    EmailAddress.objects.bulk_create(
        EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users
    )
    modules = list(ModulePage.objects.live())
    now = timezone.now()
    for n, user in enumerate(users[: max(1, count // 10)]):
        enrolment = Enrolment.objects.create(
            user=user,
            module=modules[n % len(modules)],
            started_at=now - datetime.timedelta(days=40),
            completed_at=now - datetime.timedelta(days=30),
        )
        issue_certificate(enrolment)
    # The learners the simulated people sign in as: those without a certificate first.
    order = users[count // 10 :] + users[: count // 10]
    return {
        "password": PASSWORD,
        "learners": [u.email for u in order],
        "certificates": list(Certificate.objects.values_list("code", flat=True)),
    }


def addresses(snapshot: dict) -> dict:
    from courses.models import LessonPage, ModulePage, Quiz
    from network.selectors import listed_venues

    modules = ModulePage.objects.live().order_by("path")
    lessons = LessonPage.objects.live().order_by("path")
    return {
        "modules": [{"id": m.pk, "url": m.get_url()} for m in modules],
        "lessons": [{"id": lesson.pk, "url": lesson.get_url()} for lesson in lessons],
        "quizzes": list(
            Quiz.objects.filter(module__live=True).values_list("pk", flat=True).order_by("pk")
        ),
        "venues": list(listed_venues().values_list("slug", flat=True)[:500]),
        "places": PLACES + postcodes(200),
    }


# --- Processes -------------------------------------------------------------------------


def start_redis(workdir: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    process = subprocess.Popen(  # noqa: S603
        [
            shutil.which("redis-server") or "redis-server",
            "--bind",
            "127.0.0.1",
            "--port",
            str(port),
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(workdir),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return process, f"redis://127.0.0.1:{port}/0"


def start_gunicorn(args, port: int, env: dict, workdir: Path) -> subprocess.Popen:
    out = open(workdir / "gunicorn.log", "w")  # noqa: SIM115
    return subprocess.Popen(  # noqa: S603
        [
            str(VENV_BIN / "gunicorn"),
            "--pythonpath",
            f"site,{workdir}",
            "config.wsgi",
            "--workers",
            str(args.workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--no-control-socket",
        ],
        cwd=ROOT,
        env=env,
        stdout=out,
        stderr=subprocess.STDOUT,
    )


def wait_for_health(url: str, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("gunicorn stopped before it answered /health")
        try:
            with urllib.request.urlopen(url + "/health", timeout=5) as response:  # noqa: S310
                if response.status == 200:
                    log(f"/health: {response.read().decode()}")
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.5)
    raise RuntimeError("gunicorn did not answer /health in time")


def stop(process: subprocess.Popen | None) -> None:
    if process is None or process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def run_locust(args, host: str, env: dict, workdir: Path, gunicorn: subprocess.Popen) -> dict:
    """Run locust to the end; return the CPU used by the server during the measured window."""
    hard_stop = (
        args.run_time + args.settle + 120
    )  # warm-up (sign-ins) and a margin; the file stops itself
    command = [
        str(VENV_BIN / "locust"),
        "-f",
        str(BENCH / "locustfile.py"),
        "--headless",
        "--only-summary",
        "-u",
        str(args.users),
        "-r",
        str(args.spawn_rate),
        "--run-time",
        f"{hard_stop}s",
        "--stop-timeout",
        "10",
        "--host",
        host,
        "--csv",
        str(workdir / "locust"),
        "--csv-full-history",
        "--exit-code-on-error",
        "0",
        "--loglevel",
        "WARNING",
    ]
    log(f"locust: {args.users} simulated people, measured for {args.run_time} s")
    warmup_file = workdir / "warmup.json"
    before = None
    locust_cpu = {"before": 0.0, "last": 0.0}
    with open(workdir / "locust.log", "w") as out:
        locust = subprocess.Popen(  # noqa: S603
            command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT
        )
        try:
            deadline = time.monotonic() + hard_stop + 60
            while locust.poll() is None:
                locust_cpu["last"] = process_seconds(locust.pid)
                if before is None and warmup_file.exists():
                    before = cpu_snapshot(args, gunicorn)
                    locust_cpu["before"] = locust_cpu["last"]
                if time.monotonic() > deadline:
                    raise RuntimeError("locust did not stop in time")
                time.sleep(0.2)
        finally:
            stop(locust)
    after = cpu_snapshot(args, gunicorn)
    return {"before": before, "after": after, "locust": locust_cpu["last"] - locust_cpu["before"]}


def server_processes(args, gunicorn: subprocess.Popen) -> dict[str, list]:
    """The gunicorn workers and this database's PostgreSQL backends."""
    import psutil

    workers = psutil.Process(gunicorn.pid).children()
    connection, name = admin_connection(args.database_url)
    with connection:
        pids = [
            row[0]
            for row in connection.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
                [name],
            )
        ]
    backends = []
    for pid in pids:
        with contextlib.suppress(psutil.Error):
            backends.append(psutil.Process(pid))
    return {"gunicorn": workers, "postgres": backends}


def process_seconds(pid_or_process) -> float:
    """CPU seconds (user + system) a process has used so far; 0 once it has gone."""
    import psutil

    try:
        process = (
            psutil.Process(pid_or_process) if isinstance(pid_or_process, int) else pid_or_process
        )
        times = process.cpu_times()
    except psutil.Error:
        return 0.0
    return times.user + times.system


def cpu_snapshot(args, gunicorn: subprocess.Popen) -> dict:
    import psutil

    found = server_processes(args, gunicorn)
    machine = psutil.cpu_times()
    return {
        "at": time.monotonic(),
        "gunicorn": {p.pid: process_seconds(p) for p in found["gunicorn"]},
        "postgres": {p.pid: process_seconds(p) for p in found["postgres"]},
        "machine_busy": sum(machine) - machine.idle - getattr(machine, "iowait", 0.0),
    }


def cpu_used(cpu: dict) -> dict | None:
    before, after = cpu["before"], cpu["after"]
    if before is None:
        return None

    def delta(kind):
        # A backend that appeared during the window counts whole (it is at most seconds old).
        return sum(value - before[kind].get(pid, 0.0) for pid, value in after[kind].items())

    wall = after["at"] - before["at"]
    return {
        "wall": wall,
        "gunicorn": delta("gunicorn"),
        "postgres": delta("postgres"),
        "locust": cpu["locust"],
        "machine": after["machine_busy"] - before["machine_busy"],
    }


# --- Report ------------------------------------------------------------------------------


def number(value: str) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0


def report(workdir: Path, args, cpu: dict | None) -> bool:
    stats_file = workdir / "locust_stats.csv"
    if not stats_file.exists():
        print((workdir / "locust.log").read_text()[-3000:])
        raise RuntimeError("locust wrote no figures")
    rows = list(csv.DictReader(stats_file.open()))
    total = next(r for r in rows if r["Name"] == "Aggregated")
    endpoints = sorted(
        (r for r in rows if r["Name"] != "Aggregated"),
        key=lambda r: -number(r["Request Count"]),
    )
    warmup_file = workdir / "warmup.json"
    warmup = json.loads(warmup_file.read_text()) if warmup_file.exists() else None

    requests = int(number(total["Request Count"]))
    failures = int(number(total["Failure Count"]))
    rps = number(total["Requests/s"])
    p50, p95, p99 = (number(total[k]) for k in ("50%", "95%", "99%"))
    sustained = sustained_rps(workdir, warmup["measured_from"]) if warmup else ""

    print()
    print(f"Load test: {args.users} simulated people (3 learners : 1 public visitor), ")
    print(
        f"gunicorn {args.workers} workers, PostgreSQL, cache: {args.cache}, {os.cpu_count()} CPUs"
    )
    if warmup:
        logins = warmup["logins_ms"]
        print(
            f"Warm-up (not in the figures): {len(logins)} sign-ins in {warmup['seconds']} s "
            f"(median {statistics.median(logins):.0f} ms, slowest {max(logins):.0f} ms), "
            f"then {warmup['settle']:.0f} s to settle"
        )
    else:
        print("Warm-up did not finish (some sign-in never returned): figures cover the whole run")
    print()
    print(f"  requests        {requests} in the measured window")
    print(f"  requests/s      {rps:.1f} (mean)" + (f"; {sustained}" if sustained else ""))
    print(f"  latency         p50 {p50:.0f} ms, p95 {p95:.0f} ms, p99 {p99:.0f} ms")
    rate = failures / requests * 100 if requests else 0.0
    print(f"  errors          {failures} ({rate:.2f}%)")
    print()
    header = f"  {'endpoint':<34}{'reqs':>7}{'req/s':>7}{'p50':>7}{'p95':>7}{'p99':>7}{'errors':>8}"
    print(header)
    print("  " + "-" * (len(header) - 2))
    for r in endpoints:
        print(
            f"  {r['Type'] + ' ' + r['Name']:<34.34}{int(number(r['Request Count'])):>7}"
            f"{number(r['Requests/s']):>7.1f}{number(r['50%']):>7.0f}{number(r['95%']):>7.0f}"
            f"{number(r['99%']):>7.0f}{int(number(r['Failure Count'])):>8}"
        )
    failures_file = workdir / "locust_failures.csv"
    if failures and failures_file.exists():
        print("\n  errors:")
        for r in csv.DictReader(failures_file.open()):
            print(f"    {r['Occurrences']:>5} x {r['Method']} {r['Name']}: {r['Error'][:100]}")
    if cpu and requests:
        server_ms = (cpu["gunicorn"] + cpu["postgres"]) * 1000 / requests
        cores = os.cpu_count() or 1
        app = cpu["gunicorn"] + cpu["postgres"]
        others = max(0.0, cpu["machine"] - cpu["gunicorn"] - cpu["postgres"] - cpu["locust"])
        print()
        print(
            f"  server CPU      {server_ms:.1f} ms a request "
            f"(gunicorn {cpu['gunicorn'] * 1000 / requests:.1f}, "
            f"PostgreSQL {cpu['postgres'] * 1000 / requests:.1f})"
        )
        print(
            f"  ceiling         about {cores * 1000 / server_ms:.0f} req/s with all {cores} CPUs "
            f"free for the app; {TARGET_RPS:.0f} req/s needs "
            f"{TARGET_RPS * server_ms / 10 / cores:.0f}% of them"
        )
        print(
            f"  machine         {cpu['machine'] / cpu['wall'] / cores * 100:.0f}% of {cores} CPUs "
            f"busy during the window: the app {app / cpu['wall']:.2f} CPUs, "
            f"locust {cpu['locust'] / cpu['wall']:.2f}, other processes {others / cpu['wall']:.2f}"
        )
    print()
    held = rps >= TARGET_RPS and p95 < TARGET_P95_MS and failures == 0
    print(
        f"Target (>= {TARGET_RPS:.0f} req/s sustained, p95 < {TARGET_P95_MS:.0f} ms, 0 errors): "
        + ("MET" if held else "NOT MET")
    )
    return held


def sustained_rps(workdir: Path, measured_from: float) -> str:
    """The lowest and median per-second rate over the measured window, from the history."""
    history = workdir / "locust_stats_history.csv"
    if not history.exists():
        return ""
    # Locust's rate is a 10-second moving window: start 10 s into the measured window.
    start = measured_from + 10
    rates = [
        number(r["Requests/s"])
        for r in csv.DictReader(history.open())
        if r["Name"] == "Aggregated" and number(r["Timestamp"]) >= start
    ][:-1]
    if not rates:
        return ""
    return f"10-s window min {min(rates):.1f}, median {statistics.median(rates):.1f}"


# --- Main --------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=30, help="simulated people (default 30)")
    parser.add_argument("--spawn-rate", type=float, default=5, help="people started per second")
    parser.add_argument("--run-time", type=int, default=60, help="measured seconds (60)")
    parser.add_argument(
        "--settle", type=int, default=10, help="seconds between the last sign-in and measuring"
    )
    parser.add_argument("--learners", type=int, default=200, help="learner accounts (200)")
    parser.add_argument("--venues", type=int, default=300, help="extra Safe Places (300)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (2)")
    parser.add_argument(
        "--conn-max-age", type=int, default=60, help="DB_CONN_MAX_AGE for gunicorn (60)"
    )
    parser.add_argument("--redis", action="store_true", help="use a private Redis cache")
    parser.add_argument("--keep-db", action="store_true", help="keep the database afterwards")
    parser.add_argument("--database-url", default=os.environ.get("LOAD_DATABASE_URL", DEFAULT_URL))
    args = parser.parse_args()
    args.cache = "Redis" if args.redis else "database (no REDIS_URL)"
    if urllib.parse.urlsplit(args.database_url).hostname not in {"127.0.0.1", "localhost"}:
        parser.error("the load test only runs against a database on this machine")

    workdir = Path(tempfile.mkdtemp(prefix="safecity-load-"))
    (workdir / "bench_settings.py").write_text(SETTINGS)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench_settings",
        "DATABASE_URL": args.database_url,
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "BENCH_STATIC_ROOT": str(workdir / "static"),
        "BENCH_MEDIA_ROOT": str(workdir / "media"),
        "PYTHONPATH": os.pathsep.join([str(workdir), str(ROOT), str(ROOT / "site")]),
        # Persistent database connections (the setting reads DB_CONN_MAX_AGE), as advised
        # for production: a new PostgreSQL connection for every request costs a process.
        "DB_CONN_MAX_AGE": str(args.conn_max_age),
    }
    env.pop("REDIS_URL", None)
    redis = gunicorn = None
    held = False
    try:
        if args.redis:
            redis, env["REDIS_URL"] = start_redis(workdir)
        os.environ.update(env)
        sys.path[:0] = [str(workdir), str(ROOT), str(ROOT / "site")]
        log(f"creating {args.database_url}")
        recreate_database(args.database_url)
        snapshot = build(args)
        (workdir / "snapshot.json").write_text(json.dumps(snapshot))
        log(
            f"{len(snapshot['learners'])} learners, {len(snapshot['modules'])} modules, "
            f"{len(snapshot['lessons'])} lessons, {len(snapshot['quizzes'])} quizzes, "
            f"{len(snapshot['certificates'])} certificates, {len(snapshot['venues'])} venues"
        )
        port = free_port()
        host = f"http://127.0.0.1:{port}"
        gunicorn = start_gunicorn(args, port, env, workdir)
        wait_for_health(host, gunicorn)
        locust_env = {
            **env,
            "BENCH_SNAPSHOT": str(workdir / "snapshot.json"),
            "BENCH_RUN_TIME": str(args.run_time),
            "BENCH_WARMUP_FILE": str(workdir / "warmup.json"),
            "BENCH_SETTLE": str(args.settle),
        }
        cpu = run_locust(args, host, locust_env, workdir, gunicorn)
        held = report(workdir, args, cpu_used(cpu))
        errors = [
            line
            for line in (workdir / "gunicorn.log").read_text().splitlines()
            if "Traceback" in line or "ERROR" in line
        ]
        if errors:
            print(f"\ngunicorn logged {len(errors)} errors; see {workdir / 'gunicorn.log'}")
    finally:
        stop(gunicorn)
        stop(redis)
        if args.keep_db:
            log(f"kept the database {args.database_url}")
        else:
            drop_database(args.database_url)
            log("dropped the database")
        if gunicorn is None or held:
            shutil.rmtree(workdir, ignore_errors=True)
        else:
            log(f"logs kept in {workdir}")
    return 0 if held else 1


if __name__ == "__main__":
    sys.exit(main())
