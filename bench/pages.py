"""Requests per second of the pages people wait for, against a bare Wagtail site, in one run.

    .venv/bin/python bench/pages.py [--duration 5] [--rounds 3] [--connections 2] [--learners 2000]

What it does, all on loopback in a temporary folder that is removed afterwards:

1. **The floor**: ``wagtail start bare`` (the project's own Wagtail), production settings
   (``DEBUG = False``, ``ManifestStaticFilesStorage``) with a ``local.py`` giving a secret
   key and allowed hosts, migrated on SQLite, static files collected; its home page.
2. **This project**: ``manage.py migrate`` and ``manage.py load_demo`` into a SQLite file
   (dev settings, for the demo accounts), plus ``--learners`` more learners at every stage
   of every module, so the tables are not trivially small; the demo learner
   (learner@example.org) has started the first module (half its lessons done) and holds a
   certificate for another. Then served with ``config.settings.production``
   (``DEBUG = False``, WhiteNoise's manifest storage after ``collectstatic``, Redis cache on
   a private ``redis-server`` when one is installed, else the database cache), with
   ``SECURE_SSL_REDIRECT`` off because loopback is plain HTTP.
3. Both under gunicorn with **one sync worker** each. The learner is signed in by a session
   made directly (``SessionStore``, with Django's own auth keys), sent as a cookie.
4. Every URL is fetched once and must answer 200 with the expected page (the learner's
   pages must not be a sign-in redirect), warmed up, then loaded for ``--duration`` seconds
   with **wrk** (``-t1 -c<connections>``; Debian's package, installed with apt-get when
   missing and running as root), or with the Python fallback (threads, ``http.client``)
   when wrk cannot be had. The same method is used for every URL in a run (printed). The
   URLs are loaded round-robin ``--rounds`` times and the median kept, so that a change in
   the load of shared cores does not fall on one page only.

The learner's pages are loaded as a learner's repeat views: the browser holds the session
and CSRF cookies a sign-in leaves, so the learner's page cache (``site/pagecache``) serves
them after the first view. ``--no-page-cache`` turns that cache off (every view rendered,
as a first view is).

Prints requests per second per page and ``floor rps / page rps`` (1.00 = as fast as the bare
Wagtail home page; the target for the learner's pages is at most 1.5).
"""

import argparse
import http.client
import json
import os
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = Path(sys.executable).parent
PAGES = ["lesson", "module", "catalogue", "dashboard", "verify", "finder"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run(command, **kwargs):
    return subprocess.run(command, check=True, capture_output=True, text=True, **kwargs)  # noqa: S603


def wait_for(port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"nothing listening on port {port}")


def gunicorn(app: str, port: int, cwd: Path, env: dict, log: Path) -> subprocess.Popen:
    process = subprocess.Popen(  # noqa: S603
        [
            str(VENV_BIN / "gunicorn"),
            app,
            "--workers=1",
            "--worker-class=sync",
            f"--bind=127.0.0.1:{port}",
            "--access-logfile=-" if os.environ.get("BENCH_ACCESS_LOG") else "--log-level=warning",
        ],
        cwd=cwd,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    wait_for(port)
    return process


def fetch(port: int, path: str, cookie: str = "") -> tuple[int, str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Host": "127.0.0.1"}
    if cookie:
        headers["Cookie"] = cookie
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    body = response.read().decode("utf-8", "replace")
    connection.close()
    return response.status, body


def have_wrk() -> bool:
    if shutil.which("wrk"):
        return True
    if os.geteuid() == 0 and shutil.which("apt-get"):
        subprocess.run(
            ["apt-get", "install", "-y", "-q", "wrk"],  # noqa: S607
            check=False,
            capture_output=True,
            env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
        )
    return bool(shutil.which("wrk"))


def load_wrk(port: int, path: str, cookie: str, duration: int, connections: int) -> float:
    command = ["wrk", "-t1", f"-c{connections}", f"-d{duration}s", "-H", "Host: 127.0.0.1"]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    output = run([*command, f"http://127.0.0.1:{port}{path}"]).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if errors:
        raise RuntimeError(f"{path}: {errors[1]} error responses under load\n{output}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1])


def load_python(port: int, path: str, cookie: str, duration: int, connections: int) -> float:
    """Threads, each with one http.client connection kept alive while the server allows."""
    counts = [0] * connections
    failures = []
    deadline = time.monotonic() + duration

    def worker(index):
        connection = None
        headers = {"Host": "127.0.0.1", **({"Cookie": cookie} if cookie else {})}
        while time.monotonic() < deadline:
            if connection is None:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            try:
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                response.read()
            except (http.client.HTTPException, OSError):
                connection.close()
                connection = None
                continue
            if response.status != 200:
                failures.append(response.status)
            counts[index] += 1
            if response.getheader("Connection", "").lower() == "close":
                connection.close()
                connection = None

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(connections)]
    start = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise RuntimeError(f"{path}: {len(failures)} error responses under load")
    return sum(counts) / (time.monotonic() - start)


def build_bare(folder: Path, env: dict) -> Path:
    folder.mkdir()
    run([str(VENV_BIN / "wagtail"), "start", "bare", str(folder)])
    (folder / "bare" / "settings" / "local.py").write_text(
        f'SECRET_KEY = "{secrets.token_urlsafe(50)}"\nALLOWED_HOSTS = ["127.0.0.1"]\n'
    )
    bare_env = {**env, "DJANGO_SETTINGS_MODULE": "bare.settings.production"}
    for command in (["migrate", "--noinput"], ["collectstatic", "--noinput"]):
        run([sys.executable, "manage.py", *command], cwd=folder, env=bare_env)
    return folder


PREPARE = """
import json, random, sys
import django
django.setup()
from django.utils import timezone
from accounts.models import User
from courses import services
from courses.models import Enrolment, LessonCompletion, ModulePage
from courses.selectors import live_lessons

learners = int(sys.argv[1])
modules = list(ModulePage.objects.live().order_by("path"))
lessons = {m.pk: list(live_lessons(m)) for m in modules}
random.seed(1)
users = User.objects.bulk_create(
    User(email=f"learner{i}@bench.example.org", full_name=f"Learner {i}") for i in range(learners)
)
enrolments = Enrolment.objects.bulk_create(
    Enrolment(user=user, module=module)
    for user in users
    for module in random.sample(modules, k=random.randint(1, len(modules)))
)
LessonCompletion.objects.bulk_create(
    LessonCompletion(enrolment=e, lesson=lesson)
    for e in enrolments
    for lesson in lessons[e.module_id][: random.randint(0, len(lessons[e.module_id]))]
)
me = User.objects.get(email="learner@example.org")
module, other = modules[0], modules[-1]
services.start_module(me, module)
for lesson in lessons[module.pk][: len(lessons[module.pk]) // 2]:
    services.complete_lesson(me, lesson)
from certificates.models import Certificate
from certificates.services import issue_certificate
certificate = Certificate.objects.filter(user=me).first()
if certificate is None:  # a completed module (quizzes aside) and its certificate
    done = Enrolment.objects.create(user=me, module=other, completed_at=timezone.now())
    LessonCompletion.objects.bulk_create(
        LessonCompletion(enrolment=done, lesson=lesson) for lesson in lessons[other.pk]
    )
    certificate = issue_certificate(done)
print(json.dumps({
    "user": me.pk,
    "lesson": lessons[module.pk][len(lessons[module.pk]) // 2].url,
    "module": module.url,
    "catalogue": module.get_parent().url,
    "code": certificate.code if certificate else None,
}))
"""

SESSION = """
import sys
import django
django.setup()
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from importlib import import_module
from accounts.models import User

user = User.objects.get(pk=int(sys.argv[1]))
store = import_module(settings.SESSION_ENGINE).SessionStore()
store[SESSION_KEY] = str(user.pk)
store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
store[HASH_SESSION_KEY] = user.get_session_auth_hash()
# The learner has read the content notes already (as after "Continue" on the note's page).
from courses.models import LessonPage
from courses.views import CONTENT_NOTE_SESSION_KEY
store[CONTENT_NOTE_SESSION_KEY] = list(
    LessonPage.objects.filter(distressing=True).values_list("pk", flat=True)
)
store.create()
# The CSRF cookie a browser holds once signed in (the sign-in form set it).
from django.middleware.csrf import _get_new_csrf_string
csrf = _get_new_csrf_string()
print(f"{settings.SESSION_COOKIE_NAME}={store.session_key}; {settings.CSRF_COOKIE_NAME}={csrf}")
"""


def build_project(folder: Path, env: dict, learners: int) -> tuple[dict, dict]:
    database = folder / "project.sqlite3"
    dev_env = {
        **env,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATABASE_URL": f"sqlite:///{database}",
        "PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'site'}",
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    run([*manage, "migrate", "--noinput"], cwd=ROOT, env=dev_env)
    run([*manage, "load_demo"], cwd=ROOT, env=dev_env)
    facts = json.loads(
        run([sys.executable, "-c", PREPARE, str(learners)], cwd=ROOT, env=dev_env).stdout
    )
    prod_env = {
        **dev_env,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": "https://learning.example.org",
        "SECURE_SSL_REDIRECT": "false",
        "STATIC_ROOT": str(folder / "static"),
        "MEDIA_ROOT": str(folder / "media"),
    }
    prod_env.pop("AWS_STORAGE_BUCKET_NAME", None)
    run([*manage, "collectstatic", "--noinput"], cwd=ROOT, env=prod_env)
    if not prod_env.get("REDIS_URL"):
        run([*manage, "createcachetable"], cwd=ROOT, env=prod_env)
    cookie = run(
        [sys.executable, "-c", SESSION, str(facts["user"])], cwd=ROOT, env=prod_env
    ).stdout.strip()
    facts["cookie"] = cookie
    return facts, prod_env


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=5, help="seconds per URL per round")
    parser.add_argument("--connections", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=3, help="round-robin passes (median kept)")
    parser.add_argument("--learners", type=int, default=2000)
    parser.add_argument("--python-load", action="store_true", help="never use wrk")
    parser.add_argument(
        "--no-page-cache",
        action="store_true",
        help="render every view (LEARNER_PAGE_CACHE_SECONDS=0): a learner's first view",
    )
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="bench-pages-"))
    processes = []
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE",)}
    env["PATH"] = f"{VENV_BIN}{os.pathsep}{env.get('PATH', '')}"
    try:
        if shutil.which("redis-server"):
            redis_port = free_port()
            processes.append(
                subprocess.Popen(  # noqa: S603
                    ["redis-server", "--port", str(redis_port), "--save", "", "--appendonly", "no"],  # noqa: S607
                    stdout=subprocess.DEVNULL,
                    cwd=folder,
                )
            )
            wait_for(redis_port)
            env["REDIS_URL"] = f"redis://127.0.0.1:{redis_port}/0"
        else:
            env.pop("REDIS_URL", None)
        bare = build_bare(folder / "bare", env)
        facts, project_env = build_project(folder, env, args.learners)
        if args.no_page_cache:
            project_env["LEARNER_PAGE_CACHE_SECONDS"] = "0"

        bare_port, project_port = free_port(), free_port()
        processes.append(
            gunicorn(
                "bare.wsgi:application",
                bare_port,
                bare,
                {**env, "DJANGO_SETTINGS_MODULE": "bare.settings.production"},
                folder / "bare.log",
            )
        )
        processes.append(
            gunicorn(
                "config.wsgi:application", project_port, ROOT, project_env, folder / "site.log"
            )
        )
        cookie = facts["cookie"]
        targets = {
            "bare Wagtail home (floor)": (bare_port, "/", "", "Welcome to your new Wagtail site"),
            "lesson": (project_port, facts["lesson"], cookie, "Lessons in this module"),
            "module": (project_port, facts["module"], cookie, "Lessons"),
            "catalogue": (project_port, facts["catalogue"], cookie, facts["module"]),
            "dashboard": (project_port, "/learning/", cookie, "Sign out"),
            # The form (GET): answers to codes are rate-limited per address, as they should be.
            "verify": (project_port, "/verify/", "", "printed under the QR code"),
            "finder": (project_port, "/safe-places/find/", "", "<form"),
        }
        for name, (port, path, cookie_value, expected) in targets.items():
            status, body = fetch(port, path, cookie_value)
            if status != 200 or expected not in body:
                raise RuntimeError(f"{name} {path}: status {status}, {expected!r} not in page")

        use_wrk = not args.python_load and have_wrk()
        method = (
            f"wrk -t1 -c{args.connections} -d{args.duration}s"
            if use_wrk
            else f"Python http.client, {args.connections} threads, {args.duration} s"
        )
        load = load_wrk if use_wrk else load_python
        print(
            f"gunicorn, 1 sync worker each, loopback; load: {method}; cache: "
            f"{'Redis' if env.get('REDIS_URL') else 'database'}; demo data + "
            f"{args.learners} learners; {os.cpu_count()} CPUs (shared); learner page cache "
            f"{'off (every view rendered)' if args.no_page_cache else 'on (repeat views)'}"
        )
        for port, path, cookie_value, _ in targets.values():
            for _ in range(20):
                fetch(port, path, cookie_value)
        # Round-robin over the URLs, several times: a change in the machine's load (other
        # work on shared cores) then touches every page alike. The median round is kept.
        samples = {name: [] for name in targets}
        for round_number in range(args.rounds):
            for name, (port, path, cookie_value, _) in targets.items():
                rps = load(port, path, cookie_value, args.duration, args.connections)
                samples[name].append(rps)
            print(
                f"  round {round_number + 1}: "
                + ", ".join(
                    f"{name.split(' ')[0]} {values[-1]:.1f}" for name, values in samples.items()
                ),
                flush=True,
            )
        results = {name: statistics.median(values) for name, values in samples.items()}
        floor = results["bare Wagtail home (floor)"]
        print(f"{'page':<28}{'URL':<58}{'req/s':>8}{'floor/page':>12}  (median of {args.rounds})")
        for name, rps in results.items():
            path = targets[name][1]
            print(f"{name:<28}{path:<58}{rps:>8.1f}{floor / rps:>12.2f}")
    finally:
        for process in reversed(processes):
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
        if os.environ.get("BENCH_KEEP"):
            print(f"kept {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
