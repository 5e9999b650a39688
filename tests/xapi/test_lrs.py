"""Acceptance, against ralph's LRS on loopback: completing a module sends the expected
statements once each and the LRS returns them by query; with the LRS down they wait, are
retried later, and are still there once each."""

import datetime
import json
from collections import Counter

import pytest
from django.utils import timezone

from config.site_url import base
from courses import services as learning
from courses.selectors import live_lessons
from xapi import services
from xapi.models import LearnerPseudonym, Statement

from .helpers import complete_lessons, quiz_for, take_quiz

pytestmark = pytest.mark.django_db


def pseudonym_of(learner) -> str:
    return str(LearnerPseudonym.objects.get(user=learner).pseudonym)


def agent_of(learner) -> str:
    account = {"homePage": base(), "name": pseudonym_of(learner)}
    return json.dumps({"objectType": "Agent", "account": account})


def in_lrs(lrs, learner) -> list[dict]:
    response = lrs.get(agent=agent_of(learner), limit=100)
    assert response.status_code == 200
    return response.json()["statements"]


def by_id(lrs, statement_id) -> list[dict]:
    """GET statements?statementId=: xAPI answers the statement itself; ralph 5.1 answers a
    list of the matches, which lets the test see that there is exactly one."""
    response = lrs.get(statementId=str(statement_id))
    assert response.status_code == 200
    body = response.json()
    return body.get("statements", [body])


def verbs(statements) -> Counter:
    return Counter(row["verb"]["id"].rsplit("/", 1)[1] for row in statements)


def test_completing_a_module_sends_each_statement_once_and_the_lrs_returns_them(
    lrs, commit, learner, module
):
    quiz = quiz_for(module)
    with commit():
        complete_lessons(learner, module)
        take_quiz(learner, quiz, right=True)
    rows = list(Statement.objects.filter(user=learner))
    assert all(row.sent_at is not None and row.attempts == 0 for row in rows)

    stored = in_lrs(lrs, learner)
    assert verbs(stored) == Counter(launched=1, progressed=3, passed=1, completed=1)
    assert sorted(row["id"] for row in stored) == sorted(str(row.pk) for row in rows)
    for row in rows:
        [found] = by_id(lrs, row.pk)
        assert found["verb"] == row.payload["verb"]
        assert found["object"] == row.payload["object"]
        assert found["timestamp"] == row.payload["timestamp"]
        assert found["actor"]["account"]["name"] == pseudonym_of(learner)
    # Sending again (an operator resets the outbox) leaves one copy of each in the LRS.
    Statement.objects.update(sent_at=None, next_attempt_at=timezone.now())
    assert services.send_due()["sent"] == 6
    assert verbs(in_lrs(lrs, learner)) == Counter(launched=1, progressed=3, passed=1, completed=1)


def test_with_the_lrs_down_statements_wait_and_are_sent_once_when_it_is_back(
    lrs, commit, learner, module
):
    first = live_lessons(module).first()
    lrs.stop()
    try:
        with commit():
            learning.complete_lesson(learner, first)
        before = timezone.now()
        rows = list(Statement.objects.filter(user=learner).order_by("created_at"))
        assert [row.verb for row in rows] == ["launched", "progressed"]
        for row in rows:
            assert row.sent_at is None
            assert row.next_attempt_at > before  # waiting for a retry
        # The first send found the LRS unreachable; the other waits as long, uncounted.
        assert [row.attempts for row in rows] == [1, 0]
        assert "unreachable" in rows[0].last_error
    finally:
        lrs.start()
    # Back up, but the wait is not over: nothing is sent yet.
    assert services.send_due(before)["sent"] == 0
    later = max(row.next_attempt_at for row in Statement.objects.all())
    assert services.send_due(later + datetime.timedelta(seconds=1))["sent"] == 2
    assert services.send_due(later + datetime.timedelta(hours=7))["sent"] == 0
    stored = in_lrs(lrs, learner)
    assert verbs(stored) == Counter(launched=1, progressed=1)
    for row in rows:
        [found] = by_id(lrs, row.pk)
        assert found["id"] == str(row.pk)
