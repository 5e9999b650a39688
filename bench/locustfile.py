"""The mixed journey for ``bench/load.py``: learners and public visitors on one app server.

Run it through ``bench/load.py``, which builds the database and writes the snapshot this
file reads (``BENCH_SNAPSHOT``: module, lesson, quiz, certificate and venue addresses, and
the load-test learners' sign-in details).

* ``Learner`` (3 in 4 simulated people) signs in once through /accounts/login/, then browses
  the catalogue and modules, reads lessons (and marks some complete), opens Your learning,
  and takes quizzes: start an attempt, answer every page with option keys parsed from the
  page, check and submit, read the result.
* ``Visitor`` (1 in 4) is the public: browses the catalogue, verifies certificates with
  real codes, searches for Safe Places by postcode or place name and opens a venue page.

Each simulated person connects from an address of their own in 127.0.0.0/8, so the
per-address rate limits (sign-in, certificate checks) apply to them as they would to real
people; the load never leaves the machine.

Figures are taken from ``BENCH_SETTLE`` seconds after every learner has signed in (the
warm-up): a test that starts 30 people within seconds would otherwise measure 30 password
hashes in a queue, which a real morning never produces. Sign-ins during the measured
window (a learner who has used every quiz attempt signs in as another learner) are
measured. After ``BENCH_RUN_TIME`` measured seconds the test stops itself.
"""

import html
import itertools
import json
import os
import random
import re
import time

import gevent
from locust import HttpUser, between, events, task
from locust.clients import LocustHttpAdapter
from urllib3 import PoolManager

SNAPSHOT = json.loads(open(os.environ["BENCH_SNAPSHOT"], encoding="utf-8").read())  # noqa: SIM115
RUN_TIME = float(os.environ.get("BENCH_RUN_TIME", "60"))
SETTLE = float(os.environ.get("BENCH_SETTLE", "10"))
WARMUP_FILE = os.environ.get("BENCH_WARMUP_FILE", "")

CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
TOKEN_RE = re.compile(r'name="token" value="([^"]+)"')
CHOICE_RE = re.compile(r'<input[^>]*name="(q\d+)"[^>]*type="(radio|checkbox)"[^>]*value="([^"]*)"')
SELECT_RE = re.compile(r'<select[^>]*name="(q\d+-[^"]+)"[^>]*>(.*?)</select>', re.S)
OPTION_RE = re.compile(r'<option value="([^"]+)"')
ATTEMPT_RE = re.compile(r"/learning/attempts/(\d+)/")
CONTINUE_RE = re.compile(r"/learning/attempts/(\d+)/page/1/")

_addresses = itertools.count(2)
_learners = itertools.count()
# Gevent runs one simulated person at a time, so these counters need no lock.
_warmup = {
    "learners": 0,
    "expected": 0,
    "signed_in": 0,
    "spawned": False,
    "done": False,
    "started": time.time(),
    "logins_ms": [],
}


def _next_address() -> str:
    n = next(_addresses)
    return f"127.0.{(n // 250) % 250}.{n % 250 + 2}"


def _csrf(text: str) -> str:
    match = CSRF_RE.search(text)
    return html.unescape(match.group(1)) if match else ""


def _answers(page: str) -> dict[str, list[str]]:
    """Valid answers for every question on an attempt page, chosen at random."""
    groups: dict[str, tuple[str, list[str]]] = {}
    for name, kind, value in CHOICE_RE.findall(page):
        groups.setdefault(name, (kind, []))[1].append(html.unescape(value))
    answers = {}
    for name, (kind, values) in groups.items():
        if kind == "checkbox":
            answers[name] = random.sample(values, k=random.randint(1, min(2, len(values))))
        else:
            answers[name] = [random.choice(values)]
    for name, body in SELECT_RE.findall(page):
        options = [html.unescape(v) for v in OPTION_RE.findall(body)]
        if options:
            answers[name] = [random.choice(options)]
    return answers


class Person(HttpUser):
    abstract = True
    wait_time = between(0.5, 2)

    def on_start(self):
        # A connection pool of this person's own, from their own loopback address.
        pool = PoolManager(num_pools=2, maxsize=2, source_address=(_next_address(), 0))
        self.client.mount("http://", LocustHttpAdapter(pool_manager=pool))

    def get(self, url, name, **kwargs):
        return self.client.get(url, name=name, **kwargs)

    def follow(self, response, name):
        """GET the page a POST redirected to (each hop is its own measured request)."""
        location = response.headers.get("Location", "")
        if response.status_code != 302 or not location:
            return None
        return self.client.get(location, name=name, allow_redirects=False)

    def post(self, url, data, name, referer_page):
        data = {"csrfmiddlewaretoken": _csrf(referer_page), **data}
        with self.client.post(
            url, data=data, name=name, allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 302:
                response.failure(f"expected a redirect, got {response.status_code}")
            return response

    def browse_catalogue(self):
        self.get("/modules/", "catalogue")

    def view_module(self):
        return self.get(random.choice(SNAPSHOT["modules"])["url"], "module page")


def _check_warmed_up(environment) -> None:
    """Start the measured window once every learner has been spawned and has signed in."""
    if _warmup["done"] or not _warmup["spawned"]:
        return
    if _warmup["signed_in"] < max(_warmup["learners"], _warmup["expected"]):
        return
    _warmup["done"] = True
    _warmup["seconds"] = round(time.time() - _warmup["started"], 1)
    # Let the queue of requests that waited behind the sign-ins drain, then measure.
    gevent.spawn_later(SETTLE, _measure, environment)


def _measure(environment) -> None:
    environment.stats.reset_all()
    if WARMUP_FILE:
        with open(WARMUP_FILE, "w", encoding="utf-8") as out:
            json.dump(
                {
                    "seconds": _warmup["seconds"],
                    "settle": SETTLE,
                    "measured_from": time.time(),
                    "logins_ms": _warmup["logins_ms"],
                },
                out,
            )
    gevent.spawn_later(RUN_TIME, environment.runner.quit)


@events.test_start.add_listener
def _on_test_start(environment, **kwargs):
    _warmup["started"] = time.time()


@events.spawning_complete.add_listener
def _on_spawning_complete(user_count, **kwargs):
    environment = _warmup["environment"]
    _warmup["expected"] = environment.runner.user_classes_count.get("Learner", 0)
    _warmup["spawned"] = True
    _check_warmed_up(environment)


@events.init.add_listener
def _on_init(environment, **kwargs):
    _warmup["environment"] = environment


class Learner(Person):
    """A member of staff doing their training, signed in."""

    weight = 3

    def on_start(self):
        super().on_start()
        _warmup["learners"] += 1
        start = time.perf_counter()
        try:
            self.sign_in()
        finally:
            _warmup["logins_ms"].append((time.perf_counter() - start) * 1000)
            _warmup["signed_in"] += 1
            _check_warmed_up(self.environment)

    def sign_in(self):
        learners = SNAPSHOT["learners"]
        self.email = learners[next(_learners) % len(learners)]
        self.client.cookies.clear()
        self.started_modules: set[int] = set()
        self.blocked_quizzes: set[int] = set()
        page = self.get("/accounts/login/", "sign-in page").text
        with self.client.post(
            "/accounts/login/",
            data={
                "csrfmiddlewaretoken": _csrf(page),
                "login": self.email,
                "password": SNAPSHOT["password"],
            },
            name="sign in (POST)",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302 or "/accounts/login" in response.headers.get(
                "Location", ""
            ):
                response.failure(f"sign-in failed: {response.status_code}")

    @task(3)
    def catalogue(self):
        self.browse_catalogue()

    @task(3)
    def module(self):
        module = random.choice(SNAPSHOT["modules"])
        page = self.get(module["url"], "module page").text
        if module["id"] not in self.started_modules and "/start/" in page:
            self.started_modules.add(module["id"])
            response = self.post(
                f"/learning/modules/{module['id']}/start/", {}, "start module (POST)", page
            )
            self.follow(response, "lesson page")

    @task(6)
    def read_lesson(self):
        lesson = random.choice(SNAPSHOT["lessons"])
        response = self.get(lesson["url"], "lesson page")
        page = response.text
        if "content_note=seen" in page:
            page = self.get(lesson["url"] + "?content_note=seen", "lesson page").text
        if random.random() < 0.3 and f"/learning/lessons/{lesson['id']}/complete/" in page:
            done = self.post(
                f"/learning/lessons/{lesson['id']}/complete/",
                {},
                "mark lesson complete (POST)",
                page,
            )
            self.follow(done, "lesson page")

    @task(1)
    def dashboard(self):
        self.get("/learning/", "your learning")

    @task(2)
    def take_quiz(self):
        open_quizzes = [q for q in SNAPSHOT["quizzes"] if q not in self.blocked_quizzes]
        if not open_quizzes:
            # Every attempt used or waiting: another learner sits down at the desk.
            self.sign_in()
            return
        quiz = random.choice(open_quizzes)
        overview = self.get(f"/learning/quizzes/{quiz}/", "quiz overview").text
        continuing = CONTINUE_RE.search(overview)
        if continuing:
            # An attempt left open earlier: "Continue your attempt".
            attempt = continuing.group(1)
            response = self.get(continuing.group(0), "attempt page", allow_redirects=False)
        elif f"/learning/quizzes/{quiz}/start/" in overview:
            started = self.post(
                f"/learning/quizzes/{quiz}/start/", {}, "start attempt (POST)", overview
            )
            match = ATTEMPT_RE.search(started.headers.get("Location", ""))
            if match is None:
                self.blocked_quizzes.add(quiz)
                self.follow(started, "quiz overview")
                return
            attempt = match.group(1)
            response = self.follow(started, "attempt page")
        else:
            # Passed already, or waiting before the next attempt: the overview says which.
            self.blocked_quizzes.add(quiz)
            return
        for _ in range(20):  # pages of questions, then the check-your-answers page
            if response is None or response.status_code != 200:
                return
            page = response.text
            if "/check/" in response.url:
                token = TOKEN_RE.search(page)
                submitted = self.post(
                    f"/learning/attempts/{attempt}/check/",
                    {"token": html.unescape(token.group(1)) if token else ""},
                    "submit attempt (POST)",
                    page,
                )
                self.follow(submitted, "attempt result")
                return
            action = "finish" if "Save and check your answers" in page else "next"
            saved = self.post(
                response.url,
                {**_answers(page), "action": action},
                "answer page (POST)",
                page,
            )
            target = saved.headers.get("Location", "")
            response = self.follow(
                saved, "check answers page" if "/check/" in target else "attempt page"
            )

    @task(1)
    def verify(self):
        self.get(f"/verify/{random.choice(SNAPSHOT['certificates'])}/", "verify certificate")


class Visitor(Person):
    """Someone from the public or an employer: no account."""

    weight = 1

    @task(2)
    def catalogue(self):
        self.browse_catalogue()

    @task(2)
    def module(self):
        self.view_module()

    @task(3)
    def verify(self):
        self.get(f"/verify/{random.choice(SNAPSHOT['certificates'])}/", "verify certificate")

    @task(3)
    def find_safe_place(self):
        page = self.get("/safe-places/find/", "Safe Places finder").text
        data = {"csrfmiddlewaretoken": _csrf(page), "query": random.choice(SNAPSHOT["places"])}
        if random.random() < 0.3:
            data["open_now"] = "on"
        with self.client.post(
            "/safe-places/find/", data=data, name="search Safe Places (POST)", catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(f"search failed: {response.status_code}")
            elif "could not find that place" in response.text:
                response.failure("place not found")
        if random.random() < 0.5:
            self.get(f"/safe-places/venues/{random.choice(SNAPSHOT['venues'])}/", "Safe Place page")
