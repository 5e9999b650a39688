"""A cluster on loopback, and one person's journey across it (issue 17).

    .venv/bin/python bench/cluster.py [--tasks 200] [--keep-db] [--verbose]

What runs (every port on 127.0.0.1, chosen free at start):

* PostgreSQL: a fresh database ``cluster_bench`` (``--database-url``), dropped at the end.
  Every Django process uses the production pool (``DATABASE_POOL_MAX_SIZE``).
* Redis: the machine's server, database ``--redis-db`` (5), flushed at start and end:
  sessions stay in PostgreSQL, the cache (rate limits, lockouts) is shared here.
* moto in server mode: the S3-compatible bucket for media (``config.storage``).
* two app nodes: gunicorn with ``config.settings.production`` (through
  ``bench/cluster/cluster_settings.py``, which only swaps SMTP for files and the geocoder
  for the offline one), 2 workers each, plain HTTP on loopback.
* HAProxy: TLS with a self-signed certificate made for this run, round robin, health checks
  on ``/health``, ``X-Forwarded-Proto: https`` and ``X-Forwarded-For`` to the nodes
  (``TRUSTED_PROXY_COUNT=1``), ``option redispatch`` and ``retry-on``; each answer carries
  ``X-Node`` (the node that served it).
* two ``manage.py db_worker`` processes (django-tasks database backend).

The journey (a learner, then an editor; one cookie jar each) checks that requests
alternate between the nodes, then: sign in, read a lesson and mark it complete, start the
quiz, answer page 1, kill node1 mid-quiz (SIGKILL to its master and workers: a crash
HAProxy has not noticed yet), answer page 2 on node2 (HAProxy's retry and redispatch
counters are printed; a 502/503 the person would see is retried once by the script and
counted), both answers saved, submit, certificate issued and its PDF downloaded; node1
restarts and is back in rotation; the editor signs in with a TOTP code, uploads an image
in the admin, and the other node serves it from the bucket; the certificate check's limit
(20 a minute per address) is shared: the 21st request is refused whichever node serves
it; ``--tasks`` queued emails are each sent exactly once, and both workers took some;
PostgreSQL connections stay within processes x pool size.

Each step prints PASS/FAIL and its time. Every process is stopped, the database dropped
and the Redis database flushed at the end, also after a failure or Ctrl-C. Exit status 0
only when every step passed.
"""

import argparse
import contextlib
import html
import io
import itertools
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import traceback
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CLUSTER = ROOT / "bench" / "cluster"
VENV_BIN = ROOT / ".venv" / "bin"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/cluster_bench"
PASSWORD = "cluster-" + secrets.token_urlsafe(12)  # new for every run
S3_REGION = "eu-west-2"
BUCKET = "safecity-cluster-media"
POOL_MAX_SIZE = 2

CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
TOKEN_RE = re.compile(r'name="token" value="([^"]+)"')
CERTIFICATE_RE = re.compile(r"/learning/certificates/([A-Za-z0-9-]+)/")


def log(message: str) -> None:
    print(f"[cluster] {message}", flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class StepFailed(Exception):
    pass


def check(condition: bool, message: str) -> None:
    if not condition:
        raise StepFailed(message)


# --- Processes ------------------------------------------------------------------------


class Processes:
    """Every process the harness starts, stopped in reverse order whatever happens."""

    def __init__(self, workdir: Path):
        self.workdir = workdir
        self.running: dict[str, subprocess.Popen] = {}

    def start(self, name: str, command: list[str], env: dict | None = None) -> subprocess.Popen:
        out = open(self.workdir / f"{name}.log", "ab")  # noqa: SIM115
        process = subprocess.Popen(  # noqa: S603
            command,
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # Ctrl-C reaches the harness only; it stops them
        )
        out.close()
        self.running[name] = process
        return process

    def stop(self, name: str, sig: int = signal.SIGTERM, timeout: float = 20) -> None:
        process = self.running.pop(name, None)
        if process is None or process.poll() is not None:
            return
        if sig == signal.SIGKILL:
            # A crash: the master and its workers at once (each process has its own group).
            os.killpg(process.pid, signal.SIGKILL)
        else:
            process.send_signal(sig)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()

    def stop_all(self) -> None:
        for name in reversed(list(self.running)):
            self.stop(name)

    def log_tail(self, name: str, lines: int = 30) -> str:
        path = self.workdir / f"{name}.log"
        if not path.exists():
            return ""
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


def wait_until(predicate, timeout: float, what: str, interval: float = 0.3) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(Exception):
            if predicate():
                return
        time.sleep(interval)
    raise StepFailed(f"timed out after {timeout:.0f} s waiting for {what}")


def node_healthy(port: int) -> bool:
    import requests

    response = requests.get(
        f"http://127.0.0.1:{port}/health", headers={"X-Forwarded-Proto": "https"}, timeout=3
    )
    return response.status_code == 200


# --- The database, the bucket and the data the journey needs -----------------------------


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


def flush_redis(url: str) -> None:
    import redis

    redis.Redis.from_url(url).flushdb()


def make_certificate(workdir: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1, valid one day: HAProxy's PEM and the CA file
    the journey's HTTP client trusts."""
    key, cert = workdir / "tls.key", workdir / "tls.crt"
    subprocess.run(  # noqa: S603
        [
            shutil.which("openssl") or "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    pem = workdir / "haproxy.pem"
    pem.write_bytes(cert.read_bytes() + key.read_bytes())
    pem.chmod(0o600)
    return pem, cert


def build_data(processes: Processes) -> dict:
    """Migrate; one published module (one lesson, a two-page quiz), a learner and an editor
    with an authenticator app. Runs in this process with the cluster's settings."""
    import django

    django.setup()
    import logging

    from django.core.management import call_command

    logging.getLogger("safecity").setLevel(logging.WARNING)
    # collectstatic (WhiteNoise compresses every file) needs no database: it runs alongside.
    collectstatic = processes.start(
        "collectstatic",
        [str(VENV_BIN / "python"), "manage.py", "collectstatic", "--noinput", "-v", "0"],
        env={**os.environ},
    )
    call_command("migrate", verbosity=0)
    from accounts.factories import UserFactory
    from accounts.roles import Role
    from courses.factories import (
        CourseIndexPageFactory,
        make_question,
        make_quiz,
        module_with_lessons,
    )
    from pages.demo import load_pages

    home = load_pages()
    catalogue = CourseIndexPageFactory(parent=home)
    module = module_with_lessons(catalogue, count=1, title="Cluster module")
    questions = [make_question("single", name=f"Cluster question {n}") for n in (1, 2)]
    quiz = make_quiz(
        module,
        questions,
        questions_per_page=1,
        pass_mark=100,
        shuffle_questions=False,
        shuffle_options=False,
    )
    learner = UserFactory(role=Role.LEARNER, email="cluster.learner@example.org", password=PASSWORD)
    editor = UserFactory(role=Role.EDITOR, email="cluster.editor@example.org", password=PASSWORD)
    # Staff roles get an authenticator app from the factory (accounts.factories.add_totp).
    lesson = module.get_children().live().first().specific
    check(collectstatic.wait(timeout=600) == 0, "collectstatic failed")
    from django.db import connections

    connections.close_all()
    return {
        "module": module.pk,
        "lesson": lesson.pk,
        "lesson_url": lesson.get_url(),
        "quiz": quiz.pk,
        "learner": learner.email,
        "editor": editor.email,
    }


# --- The journey's HTTP client -------------------------------------------------------------


class Person:
    """One browser: a cookie jar, the CSRF token of the last form, the nodes that served it."""

    def __init__(self, base: str, ca_file: Path, report):
        import requests

        self.base = base
        self.session = requests.Session()
        # Per request: a session's verify loses to REQUESTS_CA_BUNDLE in the environment.
        self.ca_file = str(ca_file)
        # Django checks the Referer of HTTPS form posts, as a browser sends it.
        self.session.headers["Referer"] = base + "/"
        self.nodes: list[str] = []
        self.retries = 0
        self.report = report

    def request(self, method: str, path: str, *, retry: bool = False, **kwargs):
        url = path if path.startswith("http") else self.base + path
        kwargs.setdefault("allow_redirects", False)
        kwargs.setdefault("timeout", 30)
        kwargs.setdefault("verify", self.ca_file)
        response = self.session.request(method, url, **kwargs)
        if retry and response.status_code in (502, 503, 504):
            # What a person does when a page fails: try again, once.
            self.retries += 1
            self.report(f"  retry after {response.status_code} on {method} {path}")
            response = self.session.request(method, url, **kwargs)
        FIGURES["requests"] += 1
        if response.status_code >= 500:
            FIGURES["errors seen by the person"] += 1
        node = response.headers.get("X-Node", "?")
        self.nodes.append(node)
        self.report(
            f"  {method} {urllib.parse.urlsplit(url).path} -> {response.status_code} {node}"
        )
        return response

    def get(self, path: str, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path: str, data: dict, page: str, **kwargs):
        match = CSRF_RE.search(page)
        check(match is not None, f"no CSRF token on the page before POST {path}")
        data = {"csrfmiddlewaretoken": html.unescape(match.group(1)), **data}
        return self.request("POST", path, data=data, **kwargs)

    def follow(self, response, **kwargs):
        check(response.status_code in (301, 302, 303), f"expected a redirect, got {response}")
        return self.get(response.headers["Location"], **kwargs)


def alternates(nodes: list[str]) -> bool:
    return len(nodes) >= 2 and all(a != b for a, b in itertools.pairwise(nodes))


def sign_in(person: Person, email: str, totp_secret_of=None):
    page = person.get("/accounts/login/")
    check(page.status_code == 200, f"sign-in page: {page.status_code}")
    response = person.post("/accounts/login/", {"login": email, "password": PASSWORD}, page.text)
    check(response.status_code == 302, f"sign-in POST: {response.status_code}")
    location = response.headers["Location"]
    if totp_secret_of is not None:
        check("/2fa/authenticate" in location, f"no code asked for, went to {location}")
        page = person.get(location)
        response = person.post(location, {"code": totp_secret_of()}, page.text)
        check(response.status_code == 302, f"code POST: {response.status_code}")
        location = response.headers["Location"]
    check("/accounts/login" not in location, f"sign-in refused: {location}")
    return location


# --- The steps ----------------------------------------------------------------------------


def run_journey(args, ctx: dict, processes: Processes, steps) -> None:
    """Every step of the journey; ``steps`` records PASS/FAIL and timings."""
    from django.db import close_old_connections

    verbose = args.verbose

    def report(message: str) -> None:
        if verbose:
            print(message, flush=True)

    learner = Person(ctx["base"], ctx["ca_file"], report)
    data = ctx["data"]

    with steps("learner signs in; requests alternate between the nodes"):
        sign_in(learner, data["learner"])
        dashboard = learner.get("/learning/")
        check(dashboard.status_code == 200, f"Your learning: {dashboard.status_code}")
        check(alternates(learner.nodes), f"nodes did not alternate: {learner.nodes}")
        check(set(learner.nodes) == {"node1", "node2"}, f"nodes: {learner.nodes}")

    with steps("reads the lesson on one node, marks it complete on the other"):
        lesson = learner.get(data["lesson_url"])
        check(lesson.status_code == 200, f"lesson: {lesson.status_code}")
        page = lesson.text
        if "content_note=seen" in page:
            page = learner.get(data["lesson_url"] + "?content_note=seen").text
        done = learner.post(f"/learning/lessons/{data['lesson']}/complete/", {}, page)
        check(done.status_code == 302, f"complete lesson: {done.status_code}")
        check(alternates(learner.nodes[-3:]), f"nodes: {learner.nodes[-3:]}")

    from courses.models import Attempt

    with steps("starts the quiz and answers page 1"):
        overview = learner.get(f"/learning/quizzes/{data['quiz']}/")
        check(overview.status_code == 200, f"quiz overview: {overview.status_code}")
        started = learner.post(f"/learning/quizzes/{data['quiz']}/start/", {}, overview.text)
        check(started.status_code == 302, f"start quiz: {started.status_code}")
        page1 = learner.follow(started)
        check(page1.status_code == 200, f"page 1: {page1.status_code}")
        attempt_id = int(re.search(r"/attempts/(\d+)/", started.headers["Location"]).group(1))
        close_old_connections()
        attempt = Attempt.objects.get(pk=attempt_id)
        right = [
            next(o["key"] for o in q["options"] if float(o["fraction"]) == 1.0)
            for q in attempt.questions
        ]
        saved = learner.post(
            f"/learning/attempts/{attempt_id}/page/1/",
            {"q0": right[0], "action": "next"},
            page1.text,
        )
        check(saved.status_code == 302, f"answer page 1: {saved.status_code}")
        page2 = learner.follow(saved)
        check(page2.status_code == 200 and "q1" in page2.text, f"page 2: {page2.status_code}")
        check(alternates(learner.nodes), f"nodes did not alternate: {learner.nodes}")

    with steps("node1 dies mid-quiz (SIGKILL); page 2 is answered on node2"):
        # A crash, not a drain: HAProxy has not seen it yet, so the next request is sent
        # to node1, refused, and redispatched to node2 (retry-on conn-failure).
        processes.stop("node1", sig=signal.SIGKILL)
        before = len(learner.nodes)
        saved = learner.post(
            f"/learning/attempts/{attempt_id}/page/2/",
            {"q1": right[1], "action": "finish"},
            page2.text,
            retry=True,
        )
        check(saved.status_code == 302, f"answer page 2: {saved.status_code}")
        summary = learner.follow(saved, retry=True)
        check(summary.status_code == 200, f"check your answers: {summary.status_code}")
        served = learner.nodes[before:]
        check(set(served) == {"node2"}, f"served by {served} after node1 stopped")
        close_old_connections()
        attempt.refresh_from_db()
        expected = {"0": [right[0]], "1": [right[1]]}
        FIGURES["answers lost"] = sum(
            1 for key, value in expected.items() if attempt.answers.get(key) != value
        )
        check(
            attempt.answers == expected,
            f"answers lost: {attempt.answers}",
        )
        stats = haproxy_stats(ctx)
        log(
            f"  retries the person saw: {learner.retries}; HAProxy retried "
            f"{stats['node1']['wretr']} and redispatched {stats['app']['wredis']} request(s)"
        )

    with steps("submits; certificate issued and its PDF downloaded"):
        token = TOKEN_RE.search(summary.text)
        check(token is not None, "no submit token on the check page")
        submitted = learner.post(
            f"/learning/attempts/{attempt_id}/check/",
            {"token": html.unescape(token.group(1))},
            summary.text,
            retry=True,
        )
        check(submitted.status_code == 302, f"submit: {submitted.status_code}")
        result = learner.follow(submitted, retry=True)
        check(result.status_code == 200, f"result: {result.status_code}")
        from certificates.models import Certificate

        close_old_connections()
        certificate = Certificate.objects.get(enrolment__user__email=data["learner"])
        check(certificate.number in result.text, "the result page does not name the certificate")
        pdf = learner.get(f"/learning/certificates/{certificate.number}/pdf/", retry=True)
        check(pdf.status_code == 200, f"certificate PDF: {pdf.status_code}")
        check(pdf.content.startswith(b"%PDF"), "the download is not a PDF")
        ctx["certificate_code"] = certificate.code

    with steps("node1 comes back and takes traffic again"):
        start_node(ctx, processes, "node1")
        wait_until(lambda: node_healthy(ctx["ports"]["node1"]), 60, "node1 /health")

        wait_until(lambda: servers_up(ctx) == {"node1", "node2"}, 30, "HAProxy: node1 UP")
        before = len(learner.nodes)
        for _ in range(3):
            check(learner.get("/learning/").status_code == 200, "Your learning after restart")
        back = learner.nodes[before:]
        check(alternates(back) and "node1" in back, f"nodes after node1 came back: {back}")

    editor = Person(ctx["base"], ctx["ca_file"], report)
    with steps("editor signs in with a code, uploads an image; the other node serves it"):
        from accounts.factories import totp_code
        from accounts.models import User

        close_old_connections()
        editor_user = User.objects.get(email=data["editor"])
        sign_in(editor, data["editor"], totp_secret_of=lambda: totp_code(editor_user))
        form = editor.get("/admin/images/add/")
        check(form.status_code == 200, f"admin image form: {form.status_code}")
        image = png_bytes()
        title = f"Cluster image {secrets.token_hex(4)}"
        collection = re.search(
            r'<select name="collection"[^>]*>.*?<option value="(\d+)"', form.text, re.S
        )
        fields = {"title": title}
        if collection:
            fields["collection"] = collection.group(1)
        uploaded = editor.post(
            "/admin/images/add/",
            fields,
            form.text,
            files={"file": ("cluster.png", image, "image/png")},
        )
        check(uploaded.status_code == 302, f"upload: {uploaded.status_code}")
        upload_node = editor.nodes[-1]
        from wagtail.images import get_image_model

        close_old_connections()
        stored = get_image_model().objects.get(title=title)
        keys = ctx["s3"].list_objects_v2(Bucket=BUCKET).get("Contents", [])
        check(
            any(item["Key"] == stored.file.name for item in keys),
            f"{stored.file.name} is not in the bucket",
        )
        served = editor.get(f"/media/{stored.file.name}")
        check(served.status_code == 200, f"image from the other node: {served.status_code}")
        check(editor.nodes[-1] != upload_node, f"served by the upload node {upload_node}")
        check(served.content == image, "the image served is not the one uploaded")

    with steps("certificate checks: the 21st in a minute is refused, counted across nodes"):
        visitor = Person(ctx["base"], ctx["ca_file"], report)
        statuses = [
            visitor.get(f"/verify/{ctx['certificate_code']}/").status_code for _ in range(21)
        ]
        check(statuses[:20] == [200] * 20, f"first 20: {statuses[:20]}")
        check(statuses[20] == 429, f"21st: {statuses[20]}")
        check({"node1", "node2"} <= set(visitor.nodes[:20]), f"nodes: {visitor.nodes[:20]}")
        log(f"  the 21st was refused by {visitor.nodes[20]}; each node served about 10")

    with steps(f"{args.tasks} background tasks run exactly once by two workers"):
        run_tasks(args, ctx)

    with steps("PostgreSQL connections: pooled, open between requests, within the limit"):
        # 2 nodes x 2 gunicorn workers and 2 db_workers, each with a pool of at most
        # DATABASE_POOL_MAX_SIZE, and this harness's own connection.
        limit = (2 * 2 + 2) * POOL_MAX_SIZE + 1
        count = database_connections(args)
        log(f"  {count} connections to {args.database_url.rsplit('/', 1)[-1]} (limit {limit})")
        check(count <= limit, f"{count} connections, more than the pools allow ({limit})")
        # Each process keeps DATABASE_POOL_MIN_SIZE open while idle: at least one per node
        # worker that has served a request, and one per db_worker.
        check(count >= 4, f"only {count} connections open: the pools are not keeping any")

    with steps("no server error or traceback in the nodes' and workers' logs"):
        problems = []
        for name in ("node1", "node2", "worker1", "worker2"):
            text = (ctx["workdir"] / f"{name}.log").read_text(errors="replace")
            for marker in ("Traceback", "Internal Server Error"):
                if marker in text:
                    problems.append(f"{name}: {marker}")
        for name in problems:
            log(f"  --- {name.split(':')[0]}.log ---\n{processes.log_tail(name.split(':')[0])}")
        check(not problems, ", ".join(problems))


def haproxy_stats(ctx: dict) -> dict[str, dict[str, str]]:
    """HAProxy's counters by server name (and "app" for the backend), from its socket."""
    with socket.socket(socket.AF_UNIX) as sock:
        sock.connect(str(ctx["workdir"] / "haproxy.sock"))
        sock.sendall(b"show stat\n")
        raw = b""
        while chunk := sock.recv(65536):
            raw += chunk
    lines = raw.decode().splitlines()
    header = lines[0].lstrip("# ").split(",")
    rows = [dict(zip(header, line.split(","), strict=False)) for line in lines[1:] if line]
    stats = {}
    for row in rows:
        if row.get("pxname") == "app":
            stats["app" if row["svname"] == "BACKEND" else row["svname"]] = row
    return stats


def servers_up(ctx: dict) -> set[str]:
    stats = haproxy_stats(ctx)
    return {name for name, row in stats.items() if name != "app" and row["status"] == "UP"}


def database_connections(args) -> int:
    connection, name = admin_connection(args.database_url)
    with connection:
        return connection.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = %s", [name]
        ).fetchone()[0]


def png_bytes() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (64, 48), (30, 120, 200)).save(out, format="PNG")
    return out.getvalue()


def run_tasks(args, ctx: dict) -> None:
    from django.db import close_old_connections
    from django_tasks_db.models import DBTaskResult

    from accounts.tasks import send_email

    close_old_connections()
    DBTaskResult.objects.all().delete()  # only this step's tasks are counted
    subjects = [f"cluster-task-{n:04d}" for n in range(args.tasks)]
    started = time.perf_counter()  # the workers start on the first while the rest queue
    for subject in subjects:
        send_email.enqueue(to=["nobody@example.org"], subject=subject, body="Cluster test.\n")

    def finished() -> bool:
        close_old_connections()
        return not DBTaskResult.objects.exclude(status__in=["SUCCESSFUL", "FAILED"]).exists()

    wait_until(finished, 120 + args.tasks, f"{args.tasks} tasks to finish", interval=0.5)
    elapsed = time.perf_counter() - started
    results = list(DBTaskResult.objects.values_list("status", "worker_ids"))
    check(len(results) == args.tasks, f"{len(results)} results for {args.tasks} tasks")
    failed = [r for r in results if r[0] != "SUCCESSFUL"]
    check(not failed, f"{len(failed)} tasks failed")
    claimed_twice = [r for r in results if len(r[1]) != 1]
    check(not claimed_twice, f"{len(claimed_twice)} tasks claimed by more than one worker")
    sent = []
    for path in Path(ctx["email_dir"]).glob("*.log"):
        sent += re.findall(r"^Subject: .*?(cluster-task-\d{4})$", path.read_text(), re.M)
    missing = set(subjects) - set(sent)
    duplicates = {s for s in sent if sent.count(s) > 1}
    FIGURES["tasks run twice"] = len(duplicates)  # an email sent twice: its task ran twice
    check(not missing, f"{len(missing)} emails never sent")
    check(not duplicates, f"{len(duplicates)} emails sent more than once")
    per_worker: dict[str, int] = {}
    for _, workers in results:
        per_worker[workers[0]] = per_worker.get(workers[0], 0) + 1
    shares = sorted(per_worker.values())
    log(f"  {args.tasks} tasks queued and run in {elapsed:.1f} s; per worker: {shares}")
    check(len(per_worker) == 2, f"only {len(per_worker)} worker took tasks: {per_worker}")


# --- Starting the cluster -------------------------------------------------------------------


def start_node(ctx: dict, processes: Processes, name: str) -> None:
    processes.start(
        name,
        [
            str(VENV_BIN / "gunicorn"),
            "--pythonpath",
            f"site,{CLUSTER}",
            "config.wsgi",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{ctx['ports'][name]}",
            "--graceful-timeout",
            "10",
            "--no-control-socket",
        ],
        env=ctx["env"],
    )


def start_haproxy(ctx: dict, processes: Processes) -> None:
    template = (CLUSTER / "haproxy.cfg.template").read_text()
    config = template.format(
        lb_port=ctx["ports"]["lb"],
        pem=ctx["pem"],
        workdir=ctx["workdir"],
        node1=ctx["ports"]["node1"],
        node2=ctx["ports"]["node2"],
    )
    path = ctx["workdir"] / "haproxy.cfg"
    path.write_text(config)
    haproxy = shutil.which("haproxy") or "/usr/sbin/haproxy"
    subprocess.run([haproxy, "-c", "-q", "-f", str(path)], check=True)  # noqa: S603
    processes.start("haproxy", [haproxy, "-db", "-f", str(path)])


def ensure_haproxy() -> None:
    if shutil.which("haproxy") or Path("/usr/sbin/haproxy").exists():
        return
    log("HAProxy is missing: installing it with apt-get (Debian package haproxy)")
    subprocess.run(["apt-get", "install", "-y", "haproxy"], check=True)  # noqa: S607


def cluster_env(args, ctx: dict) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "cluster_settings",
            "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "site"), str(CLUSTER)]),
            "SECRET_KEY": secrets.token_urlsafe(64),
            "ALLOWED_HOSTS": "127.0.0.1",
            "SITE_URL": ctx["base"],
            "TRUSTED_PROXY_COUNT": "1",
            "APP_SERVERS": "2",
            "DATABASE_URL": args.database_url,
            "DATABASE_POOL_MAX_SIZE": str(POOL_MAX_SIZE),
            "DATABASE_POOL_MIN_SIZE": "1",
            "DATABASE_POOL_TIMEOUT": "10",
            "REDIS_URL": ctx["redis_url"],
            "AWS_STORAGE_BUCKET_NAME": BUCKET,
            "AWS_S3_ENDPOINT_URL": ctx["s3_endpoint"],
            "AWS_S3_REGION_NAME": S3_REGION,
            "AWS_S3_ADDRESSING_STYLE": "path",
            "AWS_ACCESS_KEY_ID": "cluster-access-key",
            "AWS_SECRET_ACCESS_KEY": "cluster-secret-key",
            "STATIC_ROOT": str(ctx["workdir"] / "static"),
            "CLUSTER_EMAIL_DIR": ctx["email_dir"],
        }
    )
    return env


# The figures the journey is judged by, printed at the end (issue 17's acceptance).
FIGURES = {"requests": 0, "errors seen by the person": 0, "answers lost": 0, "tasks run twice": 0}


class Steps:
    def __init__(self):
        self.results: list[tuple[str, bool, float]] = []

    @contextlib.contextmanager
    def __call__(self, name: str):
        started = time.perf_counter()
        try:
            yield
        except Exception as error:
            elapsed = time.perf_counter() - started
            self.results.append((name, False, elapsed))
            log(f"FAIL  {elapsed:6.2f} s  {name}: {error}")
            if not isinstance(error, StepFailed):
                traceback.print_exc()
            raise
        elapsed = time.perf_counter() - started
        self.results.append((name, True, elapsed))
        log(f"PASS  {elapsed:6.2f} s  {name}")


def interrupted(signum, frame):
    raise KeyboardInterrupt


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    parser.add_argument("--redis-db", type=int, default=5)
    parser.add_argument("--tasks", type=int, default=200)
    parser.add_argument("--keep-db", action="store_true")
    parser.add_argument("--verbose", action="store_true", help="print every request")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="safecity-cluster-"))
    processes = Processes(workdir)
    steps = Steps()
    redis_url = f"redis://127.0.0.1:6379/{args.redis_db}"
    ports = {name: free_port() for name in ("lb", "node1", "node2", "s3")}
    ctx = {
        "workdir": workdir,
        "ports": ports,
        "base": f"https://127.0.0.1:{ports['lb']}",
        "redis_url": redis_url,
        "s3_endpoint": f"http://127.0.0.1:{ports['s3']}",
        "email_dir": str(workdir / "emails"),
    }
    (workdir / "emails").mkdir()
    # Ctrl-C and SIGTERM both end in the finally below.
    signal.signal(signal.SIGTERM, interrupted)
    started = time.perf_counter()
    ok = False
    database_made = False
    try:
        with steps("start: database, Redis, S3 (moto), data, 2 nodes, HAProxy, 2 workers"):
            ensure_haproxy()
            ctx["pem"], ctx["ca_file"] = make_certificate(workdir)
            flush_redis(redis_url)
            recreate_database(args.database_url)
            database_made = True
            processes.start(
                "moto",
                [str(VENV_BIN / "moto_server"), "-H", "127.0.0.1", "-p", str(ports["s3"])],
            )
            ctx["env"] = env = cluster_env(args, ctx)
            # This process uses the same settings (without a pool) to build data and check.
            os.environ.update({k: v for k, v in env.items() if not k.startswith("DATABASE_POOL")})
            sys.path[:0] = [str(ROOT), str(ROOT / "site"), str(CLUSTER)]
            import boto3

            ctx["s3"] = boto3.client(
                "s3",
                endpoint_url=ctx["s3_endpoint"],
                region_name=S3_REGION,
                aws_access_key_id=env["AWS_ACCESS_KEY_ID"],
                aws_secret_access_key=env["AWS_SECRET_ACCESS_KEY"],
            )
            wait_until(lambda: ctx["s3"].list_buckets() is not None, 30, "moto")
            ctx["s3"].create_bucket(
                Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": S3_REGION}
            )
            phase = time.perf_counter()
            ctx["data"] = build_data(processes)
            log(f"  database migrated and filled in {time.perf_counter() - phase:.0f} s")
            phase = time.perf_counter()
            for node in ("node1", "node2"):
                start_node(ctx, processes, node)
            for n in (1, 2):
                processes.start(
                    f"worker{n}",
                    [
                        str(VENV_BIN / "python"),
                        "manage.py",
                        "db_worker",
                        "--worker-id",
                        f"worker{n}",
                        "--interval",
                        "0.2",
                        "--no-startup-delay",
                    ],
                    env=env,
                )
            for node in ("node1", "node2"):
                wait_until(lambda n=node: node_healthy(ports[n]), 90, f"{node} /health")
            log(f"  nodes and workers up in {time.perf_counter() - phase:.0f} s")
            start_haproxy(ctx, processes)
            import requests

            wait_until(
                lambda: (
                    requests.get(ctx["base"] + "/health", verify=str(ctx["ca_file"]), timeout=3).ok
                ),
                30,
                "HAProxy",
            )
            # Both servers up in HAProxy's eyes (rise 2 checks) before the journey counts.
            wait_until(lambda: servers_up(ctx) == {"node1", "node2"}, 30, "both nodes UP")
        run_journey(args, ctx, processes, steps)
        ok = True
    except KeyboardInterrupt:
        log("interrupted")
    except Exception as error:
        if not steps.results or steps.results[-1][1]:
            log(f"FAIL  {error}")
            traceback.print_exc()
        for name in ("node1", "node2", "worker1", "worker2", "haproxy", "moto"):
            tail = processes.log_tail(name, 15)
            if tail and ("Error" in tail or "Traceback" in tail):
                log(f"--- last lines of {name}.log ---\n{tail}")
    finally:
        processes.stop_all()
        with contextlib.suppress(Exception):
            from django.db import connections

            connections.close_all()
        if database_made and not args.keep_db:
            with contextlib.suppress(Exception):
                drop_database(args.database_url)
        with contextlib.suppress(Exception):
            flush_redis(redis_url)
        shutil.rmtree(workdir, ignore_errors=True)
    passed = sum(1 for _, good, _ in steps.results if good)
    log("  ".join(f"{name}: {value}" for name, value in FIGURES.items()))
    log(
        f"{'PASS' if ok else 'FAIL'}: {passed}/{len(steps.results)} steps in "
        f"{time.perf_counter() - started:.0f} s"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
