"""Time the question bank import of a 5,000-question file, end to end, through the admin.

    .venv/bin/python bench/quiz_import.py [--questions 5000] [--format gift|xml|both]

Generates a GIFT file (about 3 MB) and a Moodle XML file of ``--questions`` questions that mix
the four types, with HTML, per-option and general feedback, weights, categories and tags.
For each it reports:

- parse time: ``parse_upload`` alone (the parser, the structure rules and the item-writing
  check), and its peak Python allocation (tracemalloc, a separate run);
- the flow as an editor goes through it, with a worker thread standing in for ``db_worker``
  (tasks are queued by the web requests, DummyBackend, and run by the thread): the upload
  request, every progress poll (the page refreshes itself every 2 s; polled here every 0.25
  s), the preview's first and last pages, the confirm request and the result page; the time
  from the upload to the first progress update seen by a poll; the read task (parse + the
  preview) and the import task (one transaction) times; the indexing queued after the import
  (one task: the search index in bulk, the reference index per question) timed apart;
- the process's peak resident memory (ru_maxrss) at the end.

SQLite by default (a fresh file, in WAL mode so that polls read while the import writes, as
PostgreSQL's readers do); set BENCH_DATABASE_URL for PostgreSQL (see bench/_django.py).
"""

import argparse
import resource
import statistics
import threading
import time
import tracemalloc

from _django import setup

GIFT_TEMPLATES = [
    """// question {n}: single choice, with HTML and feedback on every option
::Chairing MARAC {n}::[html]<p>In area {n}, a <b>MARAC</b> (multi-agency risk assessment
conference) is held for a victim at high risk. <em>Which agency usually chairs it?</em>
Think about who holds the risk information and calls partners together.</p>{{
\t=The police#Right: usually a police officer of inspector rank chairs it.
\t~The housing provider#No\\: housing attends and shares information, but doesn't chair.
\t~The victim's GP#No\\: health partners attend, but the GP does not chair.
\t~Nobody \\= it is informal#No\\: MARAC has a chair and minutes.
\t####[html]<p>Read section 3.{n} of the <a href="https://example.org/marac">MARAC guide</a>.</p>
}}""",
    """// [tag:coercive-control] [tag:level-1]
::Signs of control {n}::[html]<p>Which of these are <strong>signs</strong> of coercive
control in a relationship? Choose every sign you would record ({n}).</p>{{
\t~%50%<p>Isolation from friends and family</p>#Yes: isolating someone is a common tactic.
\t~%50%<p>Monitoring their phone &amp; messages</p>#Yes: surveillance is part of control.
\t~%-100%<p>Sharing the household chores</p>#No: that is a healthy relationship.
\t~%-100%<p>Going out together at weekends</p>#No: doing things together is not control.
\t####[html]<p>See the <b>Power and Control Wheel</b> (case {n}).</p>
}}""",
    """::True or false {n}::[html]<p>Abuse is always physical \\{{case {n}\\}}: if there are
no injuries, there is no abuse to report.</p>{{FALSE#No: most abuse leaves no visible mark.\
#Correct: coercive control, economic and emotional abuse leave no injuries.\
####[html]<p>The Domestic Abuse Act 2021 names <i>economic</i> and <i>emotional</i> abuse.</p>}}""",
    """// [tag:services]
::Services {n}::[html]<p>Match each <b>service</b> to what it offers to a victim-survivor
in area {n}.</p>{{
\t=IDVA -> Independent advocacy through the risk process
\t=MARAC -> A multi-agency risk meeting
\t=Refuge -> Safe, confidential housing
\t=Helpline -> Advice and support 24 hours a day
\t####[html]<p>Each service is listed in the <a href="https://example.org/d">directory</a>.</p>
}}""",
]

XML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n'
XML_CATEGORY = (
    '<question type="category"><category><text>$course$/top/Bench/Category {c}</text>'
    "</category></question>\n"
)
XML_TEMPLATES = [
    """<question type="multichoice"><name><text>Chairing MARAC {n}</text></name>
<questiontext format="html"><text><![CDATA[<p>In area {n}, a <b>MARAC</b> is held for a victim
at high risk. <em>Which agency usually chairs it?</em></p>]]></text></questiontext>
<generalfeedback format="html"><text><![CDATA[<p>Read section 3.{n} of the guide.</p>]]></text>
</generalfeedback><single>true</single><shuffleanswers>1</shuffleanswers>
<answer fraction="100" format="html"><text><![CDATA[<p>The police</p>]]></text><feedback
format="html"><text><![CDATA[<p>Right: usually a police officer chairs it.</p>]]></text>
</feedback></answer>
<answer fraction="0" format="html"><text><![CDATA[<p>The housing provider</p>]]></text><feedback
format="html"><text>No: they attend, but don't chair.</text></feedback></answer>
<answer fraction="0" format="html"><text>The victim's GP</text><feedback format="html">
<text>No.</text></feedback></answer>
</question>
""",
    """<question type="multichoice"><name><text>Signs of control {n}</text></name>
<questiontext format="html"><text><![CDATA[<p>Which are <strong>signs</strong> of coercive
control? ({n})</p>]]></text></questiontext>
<generalfeedback format="html"><text><![CDATA[<p>See the <b>wheel</b>.</p>]]></text>
</generalfeedback><single>false</single>
<answer fraction="50" format="html"><text><![CDATA[<p>Isolation from friends</p>]]></text>
<feedback format="html"><text>Yes.</text></feedback></answer>
<answer fraction="50" format="html"><text><![CDATA[<p>Monitoring a phone &amp; messages</p>]]>
</text><feedback format="html"><text>Yes.</text></feedback></answer>
<answer fraction="-100" format="html"><text>Sharing chores</text><feedback format="html">
<text>No: that is healthy.</text></feedback></answer>
<answer fraction="-100" format="html"><text>Going out together</text><feedback format="html">
<text>No.</text></feedback></answer>
<tags><tag><text>coercive-control</text></tag></tags>
</question>
""",
    """<question type="truefalse"><name><text>True or false {n}</text></name>
<questiontext format="html"><text><![CDATA[<p>Abuse is always physical (case {n}).</p>]]></text>
</questiontext><generalfeedback format="html"><text>Most abuse leaves no mark.</text>
</generalfeedback>
<answer fraction="0" format="moodle_auto_format"><text>true</text><feedback format="html">
<text>No: most abuse leaves no visible mark.</text></feedback></answer>
<answer fraction="100" format="moodle_auto_format"><text>false</text><feedback format="html">
<text>Correct.</text></feedback></answer>
</question>
""",
    """<question type="matching"><name><text>Services {n}</text></name>
<questiontext format="html"><text><![CDATA[<p>Match each <b>service</b> ({n}).</p>]]></text>
</questiontext><generalfeedback format="html"><text></text></generalfeedback>
<shuffleanswers>true</shuffleanswers>
<subquestion format="html"><text><![CDATA[<p>IDVA</p>]]></text><answer><text>Independent advocacy
</text></answer></subquestion>
<subquestion format="html"><text>MARAC</text><answer><text>A multi-agency risk meeting</text>
</answer></subquestion>
<subquestion format="html"><text>Refuge</text><answer><text>Safe housing</text></answer>
</subquestion>
</question>
""",
]


def build_gift(count: int) -> bytes:
    chunks = []
    per_category = max(1, count // 10)
    for n in range(count):
        if n % per_category == 0:
            chunks.append(f"$CATEGORY: $course$/top/Bench/Category {n // per_category}")
        # As Moodle writes it: a comment naming each question, before it.
        chunks.append(
            f"// question: {100000 + n}  name: bench question {n} (reviewed by the "
            "partnership's training group; sources: local guidance and the 2021 Act)\n"
            + GIFT_TEMPLATES[n % len(GIFT_TEMPLATES)].format(n=n)
        )
    return ("\n\n".join(chunks) + "\n").encode()


def build_xml(count: int) -> bytes:
    chunks = [XML_HEAD]
    per_category = max(1, count // 10)
    for n in range(count):
        if n % per_category == 0:
            chunks.append(XML_CATEGORY.format(c=n // per_category))
        chunks.append(XML_TEMPLATES[n % len(XML_TEMPLATES)].format(n=n))
    chunks.append("</quiz>\n")
    return "".join(chunks).encode()


class Worker(threading.Thread):
    """Stands in for db_worker: runs one task function, timed, then the tasks it queued
    (the indexing after an import), timed apart, then closes its connection."""

    def __init__(self, fn, *args):
        super().__init__(daemon=True)
        self.fn, self.args, self.result, self.error = fn, args, None, None
        self.seconds = self.queued_seconds = 0.0
        self.queued = 0

    def run(self):
        from django.db import connections
        from django_tasks import default_task_backend

        started = time.perf_counter()
        try:
            self.result = self.fn(*self.args)
            self.seconds = time.perf_counter() - started
            # DummyBackend keeps what this thread queued (its backends are per thread).
            queued = list(default_task_backend.results)
            default_task_backend.clear()
            started = time.perf_counter()
            for result in queued:
                result.task.call(*result.args, **result.kwargs)
            self.queued_seconds, self.queued = time.perf_counter() - started, len(queued)
        except Exception as error:  # reported, not hidden
            self.error = error
        finally:
            connections.close_all()


def poll_until(client, url, worker, requests, first_progress, started, done_statuses):
    from courses.models import QuestionImport

    pk = int(url.rstrip("/").rsplit("/", 1)[1])
    while True:
        t0 = time.perf_counter()
        response = client.get(url)
        requests.append(("progress poll", time.perf_counter() - t0))
        assert response.status_code == 200, response.status_code
        row = QuestionImport.objects.values("status", "progress_done").get(pk=pk)
        if first_progress[0] is None and (
            row["progress_done"] or row["status"] not in ("queued", "parsing", "importing")
        ):
            first_progress[0] = time.perf_counter() - started
        if row["status"] in done_statuses and not worker.is_alive():
            return row["status"]
        time.sleep(0.25)


def run_flow(label: str, filename: str, data: bytes, user) -> dict:
    from django.test import Client
    from django.urls import reverse

    from courses.models import Question
    from courses.services import question_bank
    from tests.helpers import sign_in

    client = Client()
    sign_in(client, user)
    client.get(reverse("courses_question_import"))  # a warm server: not the first request
    requests: list[tuple[str, float]] = []

    from django.core.files.uploadedfile import SimpleUploadedFile

    started = time.perf_counter()
    response = client.post(
        reverse("courses_question_import"), {"file": SimpleUploadedFile(filename, data)}
    )
    requests.append(("upload", time.perf_counter() - started))
    assert response.status_code == 302, response.status_code
    url = response["Location"]
    pk = int(url.rstrip("/").rsplit("/", 1)[1])

    first_progress = [None]
    reader = Worker(question_bank.run_parse, pk)
    reader.start()
    status = poll_until(client, url, reader, requests, first_progress, started, ("ready", "failed"))
    assert status == "ready", (status, reader.error)

    for page in ("", "?page=250"):
        t0 = time.perf_counter()
        response = client.get(url + page)
        requests.append((f"preview page {page or '1'}", time.perf_counter() - t0))
        assert response.status_code == 200

    t0 = time.perf_counter()
    response = client.post(url, {"action": "confirm"})
    requests.append(("confirm", time.perf_counter() - t0))
    assert response.status_code == 302
    before = Question.objects.count()
    importer = Worker(question_bank.run_import, pk, user.pk)
    importer.start()
    progress_during_import = [None]
    status = poll_until(
        client, url, importer, requests, progress_during_import, time.perf_counter(), ("done",)
    )
    assert status == "done", (status, importer.error)
    imported = Question.objects.count() - before

    t0 = time.perf_counter()
    assert client.get(url).status_code == 200
    requests.append(("result page", time.perf_counter() - t0))

    polls = [seconds for name, seconds in requests if name == "progress poll"]
    longest = max(requests, key=lambda row: row[1])
    return {
        "label": label,
        "size": len(data),
        "imported": imported,
        "read task": reader.seconds,
        "import task": importer.seconds,
        "indexing": importer.queued_seconds,
        "index tasks": importer.queued,
        "first progress": first_progress[0],
        "upload": dict(requests)["upload"],
        "confirm": dict(requests)["confirm"],
        "polls": len(polls),
        "poll median": statistics.median(polls),
        "poll max": max(polls),
        "preview page 1": dict(requests)["preview page 1"],
        "longest": longest,
    }


def time_parse(filename: str, data: bytes) -> tuple[float, float, int]:
    from courses.services.question_bank import parse_upload

    started = time.perf_counter()
    result = parse_upload(filename, data)
    seconds = time.perf_counter() - started
    assert not result.errors, result.errors[:3]
    tracemalloc.start()
    parse_upload(filename, data)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return seconds, peak / 1024 / 1024, len(result.questions)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--questions", type=int, default=5000)
    parser.add_argument("--format", choices=["gift", "xml", "both"], default="both")
    args = parser.parse_args()
    setup("quiz_import")

    from django.db import connection
    from django.test import override_settings

    # Queued by the web requests, run by the worker threads below.
    override_settings(
        TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    ).enable()

    from accounts.factories import UserFactory
    from accounts.roles import Role

    user = UserFactory(role=Role.TRAINING_COORDINATOR)  # imports as drafts, as most do
    files = []
    if args.format in ("gift", "both"):
        files.append(("GIFT", "bench.gift", build_gift(args.questions)))
    if args.format in ("xml", "both"):
        files.append(("Moodle XML", "bench.xml", build_xml(args.questions)))

    rows = []
    for label, filename, data in files:
        parse_seconds, parse_peak, count = time_parse(filename, data)
        assert count == args.questions, count
        row = run_flow(label, filename, data, user)
        row.update(parse=parse_seconds, parse_peak=parse_peak)
        rows.append(row)

    peak_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\n{args.questions:,} questions, {connection.vendor}\n")
    table = [
        ("File size", lambda r: f"{r['size'] / 1024 / 1024:.2f} MB"),
        ("Parse (parse_upload)", lambda r: f"{r['parse']:.2f} s"),
        ("Parse peak allocation", lambda r: f"{r['parse_peak']:.0f} MiB"),
        ("Read task (parse + preview)", lambda r: f"{r['read task']:.2f} s"),
        ("Import task (1 transaction)", lambda r: f"{r['import task']:.2f} s"),
        ("Questions imported", lambda r: f"{r['imported']:,}"),
        (
            "Indexing after commit (task)",
            lambda r: f"{r['indexing']:.2f} s ({r['index tasks']:,})",
        ),
        ("First progress update", lambda r: f"{r['first progress']:.2f} s after upload"),
        ("Upload request", lambda r: f"{r['upload'] * 1000:.0f} ms"),
        (
            "Progress poll (median/max)",
            lambda r: f"{r['poll median'] * 1000:.0f}/{r['poll max'] * 1000:.0f} ms ({r['polls']})",
        ),
        ("Preview page 1", lambda r: f"{r['preview page 1'] * 1000:.0f} ms"),
        ("Confirm request", lambda r: f"{r['confirm'] * 1000:.0f} ms"),
        ("Longest web request", lambda r: f"{r['longest'][1] * 1000:.0f} ms ({r['longest'][0]})"),
    ]
    width = max(len(name) for name, _ in table)
    print(f"{'':{width}}  " + "  ".join(f"{row['label']:>28}" for row in rows))
    for name, cell in table:
        print(f"{name:{width}}  " + "  ".join(f"{cell(row):>28}" for row in rows))
    print(f"\nPeak resident memory of the process: {peak_rss:.0f} MiB")


if __name__ == "__main__":
    main()
