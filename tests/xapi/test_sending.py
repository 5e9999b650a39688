"""Sending: due statements go once, failures wait longer each time, two workers never send one
statement twice, and an operator can send from cron."""

import datetime
import io

import pytest
import requests
from django.core.management import call_command
from django.utils import timezone

from courses import services as learning
from xapi import client, services, tasks
from xapi.models import Statement

pytestmark = pytest.mark.django_db

MINUTE = datetime.timedelta(minutes=1)
SECOND = datetime.timedelta(seconds=1)


class FakeResponse:
    def __init__(self, status: int, text: str = ""):
        self.status_code = status
        self.text = text


@pytest.fixture
def lrs_answers(monkeypatch):
    """The LRS as a list of answers (status codes, or an exception to raise); records every
    statement id PUT to it."""
    calls: list[str] = []
    answers: list = []

    def put(self, url, params=None, **kwargs):
        calls.append(params["statementId"])
        answer = answers.pop(0) if answers else 204
        if isinstance(answer, Exception):
            raise answer
        return FakeResponse(answer, "problem" if answer >= 400 else "")

    monkeypatch.setattr(requests.Session, "put", put)
    return answers, calls


@pytest.fixture
def pending(xapi_on, commit, learner, module, lrs_answers):
    """Five statements (launched, progressed x 3, completed: the module has no quiz) recorded
    while the LRS refused them all."""
    from courses.selectors import live_lessons

    answers, calls = lrs_answers
    answers.extend([requests.ConnectionError()] * 10)
    with commit():
        for lesson in live_lessons(module):
            learning.complete_lesson(learner, lesson)
    answers.clear()
    calls.clear()
    Statement.objects.update(next_attempt_at=NOW, attempts=0, last_error="")
    return list(Statement.objects.order_by("created_at").values_list("pk", flat=True))


NOW = timezone.make_aware(datetime.datetime(2026, 6, 1, 9, 0))


def test_backoff_doubles_from_a_minute_up_to_six_hours():
    assert services.backoff(0) == datetime.timedelta(0)
    assert services.backoff(1) == MINUTE
    assert services.backoff(2) == 2 * MINUTE
    assert services.backoff(3) == 4 * MINUTE
    assert services.backoff(9) == 256 * MINUTE  # 4h16, still under the cap
    assert services.backoff(10) == datetime.timedelta(hours=6)  # 512 minutes, capped
    assert services.backoff(1000) == datetime.timedelta(hours=6)


def test_due_statements_are_sent_once(pending, lrs_answers):
    _, calls = lrs_answers
    assert services.send_due(NOW) == {"sent": 5, "failed": 0, "waiting": 0}
    assert calls == [str(pk) for pk in pending]
    assert all(row.sent_at is not None for row in Statement.objects.all())
    assert services.send_due(NOW + MINUTE) == {"sent": 0, "failed": 0, "waiting": 0}
    assert len(calls) == 5


def test_a_refused_statement_waits_a_minute_then_two(pending, lrs_answers):
    answers, calls = lrs_answers
    answers.append(500)
    assert services.send_due(NOW) == {"sent": 4, "failed": 1, "waiting": 1}
    refused = Statement.objects.get(pk=pending[0])
    assert refused.sent_at is None
    assert refused.attempts == 1
    assert refused.next_attempt_at == NOW + MINUTE
    assert refused.last_error.startswith("HTTP 500")
    # Not before its time; exactly at it, it is tried again.
    answers.append(500)
    assert services.send_due(NOW + MINUTE - SECOND)["failed"] == 0
    assert services.send_due(NOW + MINUTE)["failed"] == 1
    refused.refresh_from_db()
    assert refused.attempts == 2
    assert refused.next_attempt_at == NOW + 3 * MINUTE  # then two minutes more
    assert services.send_due(NOW + 3 * MINUTE) == {"sent": 1, "failed": 0, "waiting": 0}
    assert calls.count(str(pending[0])) == 3


def test_a_conflict_at_the_lrs_is_not_retried(pending, lrs_answers):
    answers, calls = lrs_answers
    answers.append(409)
    services.send_due(NOW)
    row = Statement.objects.get(pk=pending[0])
    assert row.sent_at is not None
    assert "409" in row.last_error
    services.send_due(NOW + datetime.timedelta(hours=7))
    assert calls.count(str(pending[0])) == 1


def test_when_the_lrs_is_unreachable_the_rest_wait_without_an_attempt_counted(pending, lrs_answers):
    answers, calls = lrs_answers
    answers.append(requests.ConnectionError())
    assert services.send_due(NOW) == {"sent": 0, "failed": 1, "waiting": 5}
    assert len(calls) == 1  # it stopped there
    rows = list(Statement.objects.order_by("created_at"))
    assert [row.attempts for row in rows] == [1, 0, 0, 0, 0]
    assert {row.next_attempt_at for row in rows} == {NOW + MINUTE}
    assert rows[0].last_error == "ConnectionError: LRS unreachable"


def test_a_claim_is_taken_once_until_its_lease_runs_out(pending):
    first = pending[0]
    assert services.claim(first, NOW) is True
    assert services.claim(first, NOW) is False  # a second worker
    assert services.claim(first, NOW + services.LEASE - SECOND) is False
    assert services.claim(first, NOW + services.LEASE) is True  # the first worker died
    Statement.objects.filter(pk=first).update(sent_at=NOW)
    assert services.claim(first, NOW + 2 * services.LEASE) is False  # sent: never again


def test_a_second_worker_running_meanwhile_sends_nothing_twice(pending, monkeypatch):
    """The second worker starts while the first is sending its first statement."""
    sent: list[str] = []
    inner: list[dict] = []

    def put(statement, session=None):
        sent.append(statement["id"])
        if len(sent) == 1:
            inner.append(services.send_due(NOW))
        return client.Outcome(True)

    monkeypatch.setattr(client, "put_statement", put)
    outer = services.send_due(NOW)
    assert sorted(sent) == sorted(str(pk) for pk in pending)  # each once
    assert inner[0]["sent"] == 4  # the second worker took the other four
    assert outer["sent"] == 1


def test_a_failed_run_queues_a_retry_at_the_earliest_wait(pending, lrs_answers, settings):
    answers, _ = lrs_answers
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    answers.append(500)
    counts = services.send_due(NOW)
    assert counts["failed"] == 1
    backend = tasks.send_statements.get_backend()
    assert tasks.schedule_retry() is True
    assert backend.results[-1].task.run_after == NOW + MINUTE


def test_the_immediate_backend_cannot_defer_so_cron_retries(pending, lrs_answers):
    answers, _ = lrs_answers
    answers.append(500)
    services.send_due(NOW)
    assert tasks.schedule_retry() is False


def test_the_command_sends_what_is_due(pending, lrs_answers, time_machine):
    time_machine.move_to(NOW + SECOND)
    out = io.StringIO()
    call_command("send_xapi_statements", stdout=out)
    assert out.getvalue().strip() == "Sent 5, failed 0, 0 waiting to be sent."


def test_the_command_without_an_lrs_says_so(settings):
    settings.XAPI_LRS_ENDPOINT = ""
    out = io.StringIO()
    call_command("send_xapi_statements", stdout=out)
    assert "No LRS configured" in out.getvalue()


def test_the_request_is_a_put_by_id_with_the_xapi_version_and_a_timeout(
    xapi_on, settings, monkeypatch
):
    seen = {}

    def put(url, **kwargs):
        seen.update(url=url, **kwargs)
        return FakeResponse(204)

    monkeypatch.setattr(requests, "put", put)
    settings.XAPI_LRS_ENDPOINT = "https://lrs.example.org/xAPI"
    assert client.put_statement({"id": "abc"}) == client.Outcome(True)
    assert seen["url"] == "https://lrs.example.org/xAPI/statements"
    assert seen["params"] == {"statementId": "abc"}
    assert seen["headers"]["X-Experience-API-Version"] == "1.0.3"
    assert seen["auth"] == ("lms", "lrs-test-password")
    assert seen["timeout"] == 2
    assert seen["allow_redirects"] is False
