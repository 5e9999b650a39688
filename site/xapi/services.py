"""Recording statements about learning events, and sending them to the LRS.

**Events** (each recorded once; the key makes the statement id):

=============  ==============================  =================================================
verb           key                             when
=============  ==============================  =================================================
launched       ``launched:enrolment:<id>``     an enrolment is opened (not one created already
                                               complete by attending a session in person)
progressed     ``progressed:completion:<id>``  a lesson is completed; progress = lessons done in
                                               this enrolment so far out of the module's lessons
completed      ``completed:enrolment:<id>``    ``courses.signals.module_completed``
passed/failed  ``graded:attempt:<id>``         ``courses.signals.attempt_graded`` (``sweep``
                                               catches one missed by a crash before it was sent)
attended       ``attended:booking:<id>``       a training booking is marked attended
=============  ==============================  =================================================

Nothing is recorded when no LRS is configured (``conf.enabled``), nor for an inactive
account (erased, or switched off): nothing more about them leaves the service.

**Sending** (``send_due``): a statement is due when unsent and ``next_attempt_at`` has come.
Just before sending one, a worker claims it by moving ``next_attempt_at`` forward by
``LEASE`` in a compare-and-set update (``UPDATE ... WHERE unsent AND due``: on PostgreSQL the
second of two concurrent updates waits for the first and then matches nothing), so two
workers never send one statement at once, and a worker that dies leaves it due again after
the lease. Claiming one at a time keeps the lease to one request, however long the batch. A
failed send counts an attempt and waits ``backoff(attempts)``: 1 minute, doubling, at most
6 hours; it is retried for as long as it takes (``last_error`` says why it failed).
"""

from __future__ import annotations

import datetime
import logging

from django.db import transaction
from django.utils import timezone

from config.site_url import absolute, base, rebase

from . import client, conf
from . import statements as build
from .models import LearnerPseudonym, Statement

logger = logging.getLogger(__name__)

FIRST_RETRY = datetime.timedelta(minutes=1)
LONGEST_WAIT = datetime.timedelta(hours=6)
LEASE = datetime.timedelta(minutes=5)
BATCH = 200
# How far back the sweep (a backstop: grading sends attempt_graded) looks for graded attempts
# without a statement.
SWEEP_WINDOW = datetime.timedelta(days=2)


# --- Recording -----------------------------------------------------------------------------


def pseudonym_for(user) -> str:
    row, _ = LearnerPseudonym.objects.get_or_create(user=user)
    return str(row.pseudonym)


def _page_activity(page, kind: str) -> dict:
    return build.activity(rebase(page.get_url() or page.url_path), kind, page.title)


def _record(key: str, user, make) -> Statement | None:
    """Store the statement of event ``key`` once, then have it sent after commit.

    ``make(agent)`` builds the statement's verb, object, time and result."""
    if not conf.enabled() or user is None or not user.is_active:
        return None
    existing = Statement.objects.filter(key=key).first()
    if existing is not None:
        return existing
    agent = build.actor(base(), pseudonym_for(user))
    payload = make(agent)
    statement, created = Statement.objects.get_or_create(
        key=key,
        defaults={
            "id": build.statement_id(key),
            "user": user,
            "verb": payload["verb"]["display"][conf.LANGUAGE],
            "payload": payload,
        },
    )
    if created:
        transaction.on_commit(_queue_sending, robust=True)
    return statement


def _queue_sending() -> None:
    from .tasks import send_statements

    send_statements.enqueue()


def record_launched(enrolment_id: int) -> Statement | None:
    from courses.models import Enrolment

    enrolment = Enrolment.objects.select_related("user", "module").filter(pk=enrolment_id).first()
    if enrolment is None:
        return None
    key = f"launched:enrolment:{enrolment.pk}"
    return _record(
        key,
        enrolment.user,
        lambda agent: build.build(
            key,
            "launched",
            agent,
            _page_activity(enrolment.module, "module"),
            enrolment.started_at,
            enrolment_id=enrolment.pk,
        ),
    )


def record_progressed(completion_id: int) -> Statement | None:
    from courses.models import LessonCompletion
    from courses.selectors import live_lessons

    completion = (
        LessonCompletion.objects.select_related("enrolment__user", "enrolment__module", "lesson")
        .filter(pk=completion_id)
        .first()
    )
    if completion is None:
        return None
    enrolment = completion.enrolment
    lesson_ids = set(live_lessons(enrolment.module).values_list("pk", flat=True))
    # Progress as it stood at this lesson: the completions up to and including this one.
    done = set(
        enrolment.completions.filter(pk__lte=completion.pk).values_list("lesson_id", flat=True)
    )
    key = f"progressed:completion:{completion.pk}"
    return _record(
        key,
        enrolment.user,
        lambda agent: build.build(
            key,
            "progressed",
            agent,
            _page_activity(completion.lesson, "lesson"),
            completion.completed_at,
            result=build.progress_result(len(done & lesson_ids), len(lesson_ids)),
            parent=_page_activity(enrolment.module, "module"),
            enrolment_id=enrolment.pk,
        ),
    )


def record_completed(enrolment_id: int) -> Statement | None:
    from courses.models import Enrolment

    enrolment = Enrolment.objects.select_related("user", "module").filter(pk=enrolment_id).first()
    if enrolment is None or enrolment.completed_at is None:
        return None
    key = f"completed:enrolment:{enrolment.pk}"
    return _record(
        key,
        enrolment.user,
        lambda agent: build.build(
            key,
            "completed",
            agent,
            _page_activity(enrolment.module, "module"),
            enrolment.completed_at,
            result={"completion": True},
            enrolment_id=enrolment.pk,
        ),
    )


def record_graded(attempt_id: int) -> Statement | None:
    from django.urls import reverse

    from courses.models import Attempt
    from courses.models.quizzes import AttemptStatus

    attempt = (
        Attempt.objects.select_related("user", "quiz__module")
        .filter(pk=attempt_id, status=AttemptStatus.FINISHED)
        .first()
    )
    if attempt is None:
        return None
    verb = "passed" if attempt.passed else "failed"
    key = f"graded:attempt:{attempt.pk}"
    quiz = attempt.quiz
    return _record(
        key,
        attempt.user,
        lambda agent: build.build(
            key,
            verb,
            agent,
            build.activity(
                absolute(reverse("courses:quiz", args=[quiz.pk])), "assessment", quiz.title
            ),
            attempt.submitted_at,
            result=build.score_result(attempt.score, attempt.max_score, bool(attempt.passed)),
            parent=_page_activity(quiz.module, "module"),
        ),
    )


def record_attended(booking_id: int) -> Statement | None:
    from django.urls import reverse

    from events.models import Booking, BookingState
    from events.selectors import session_start

    booking = (
        Booking.objects.select_related("user", "session__course__module")
        .filter(pk=booking_id, state=BookingState.ATTENDED)
        .first()
    )
    if booking is None:
        return None
    session = booking.session
    course = session.course
    key = f"attended:booking:{booking.pk}"
    parent = _page_activity(course.module, "module") if course.module_id else None
    return _record(
        key,
        booking.user,
        lambda agent: build.build(
            key,
            "attended",
            agent,
            build.activity(
                absolute(reverse("events:session", args=[session.pk])), "meeting", course.title
            ),
            session_start(session) or booking.updated_at,
            parent=parent,
        ),
    )


def sweep(now: datetime.datetime | None = None) -> int:
    """Record graded attempts of the last ``SWEEP_WINDOW`` that have no statement yet.
    Returns how many were recorded."""
    from courses.models import Attempt
    from courses.models.quizzes import AttemptStatus

    if not conf.enabled():
        return 0
    now = now or timezone.now()
    keys = {
        f"graded:attempt:{pk}": pk
        for pk in Attempt.objects.filter(
            status=AttemptStatus.FINISHED,
            submitted_at__gte=now - SWEEP_WINDOW,
            user__is_active=True,
        ).values_list("pk", flat=True)
    }
    recorded = set(Statement.objects.filter(key__in=list(keys)).values_list("key", flat=True))
    return sum(
        1 for key, pk in keys.items() if key not in recorded and record_graded(pk) is not None
    )


# --- Sending -------------------------------------------------------------------------------


def backoff(attempts: int) -> datetime.timedelta:
    """How long to wait after the ``attempts``-th failed send (1, 2, 4... minutes, at most
    ``LONGEST_WAIT``)."""
    if attempts < 1:
        return datetime.timedelta(0)
    if attempts > 20:  # 2**20 minutes is far past the cap; avoids huge numbers
        return LONGEST_WAIT
    return min(FIRST_RETRY * 2 ** (attempts - 1), LONGEST_WAIT)


def due_ids(now: datetime.datetime, limit: int = BATCH) -> list:
    return list(
        Statement.objects.filter(sent_at__isnull=True, next_attempt_at__lte=now)
        .order_by("next_attempt_at", "created_at")
        .values_list("pk", flat=True)[:limit]
    )


def claim(statement_id, now: datetime.datetime) -> bool:
    """Take the statement for sending if it is still due. True for exactly one caller."""
    return bool(
        Statement.objects.filter(
            pk=statement_id, sent_at__isnull=True, next_attempt_at__lte=now
        ).update(next_attempt_at=now + LEASE)
    )


def _failed(statement: Statement, error: str, now: datetime.datetime) -> datetime.datetime:
    attempts = statement.attempts + 1
    retry_at = now + backoff(attempts)
    Statement.objects.filter(pk=statement.pk, sent_at__isnull=True).update(
        attempts=attempts, next_attempt_at=retry_at, last_error=error[:500]
    )
    return retry_at


def send_due(now: datetime.datetime | None = None) -> dict:
    """Send every due statement once (see the module's docstring). Returns counts:
    ``{"sent": n, "failed": m, "waiting": k}`` (waiting: unsent, not due yet)."""
    import requests

    sent = failed = 0
    if conf.enabled():
        sweep(now)
        ids = due_ids(now or timezone.now())
        with requests.Session() as session:
            for index, pk in enumerate(ids):
                # The clock is read again for each claim: a long run never claims with a
                # lease that has already run out.
                moment = now or timezone.now()
                if not claim(pk, moment):
                    continue  # another worker has it
                statement = Statement.objects.get(pk=pk)
                try:
                    outcome = client.put_statement(statement.payload, session)
                except client.Unreachable as error:
                    retry_at = _failed(statement, str(error), moment)
                    failed += 1
                    # The LRS is down: the rest wait as long, without an attempt counted.
                    Statement.objects.filter(
                        pk__in=ids[index + 1 :], sent_at__isnull=True, next_attempt_at__lte=moment
                    ).update(next_attempt_at=retry_at)
                    logger.warning("xAPI: LRS unreachable; retrying at %s", retry_at)
                    break
                if outcome.stored:
                    Statement.objects.filter(pk=pk).update(
                        sent_at=timezone.now(), last_error=outcome.error
                    )
                    sent += 1
                else:
                    _failed(statement, outcome.error, moment)
                    failed += 1
                    logger.warning("xAPI: statement %s refused: %s", pk, outcome.error)
    waiting = Statement.objects.filter(sent_at__isnull=True).count()
    return {"sent": sent, "failed": failed, "waiting": waiting}


def next_retry_at() -> datetime.datetime | None:
    row = (
        Statement.objects.filter(sent_at__isnull=True)
        .order_by("next_attempt_at")
        .values_list("next_attempt_at", flat=True)
        .first()
    )
    return row


# --- Personal data -------------------------------------------------------------------------


def export_for(user) -> list[dict]:
    """What the LRS was (or will be) told about this person, for their subject-access export."""
    pseudonym = LearnerPseudonym.objects.filter(user=user).values_list("pseudonym", flat=True)
    known_as = str(pseudonym.first() or "")
    return [
        {
            "known_to_the_lrs_as": known_as,
            "statement": str(row.pk),
            "verb": row.verb,
            "activity": row.payload.get("object", {}).get("id", ""),
            "at": row.payload.get("timestamp", ""),
            "sent_at": timezone.localtime(row.sent_at).isoformat() if row.sent_at else None,
        }
        for row in Statement.objects.filter(user=user).order_by("created_at", "key")
    ]


def forget(user) -> None:
    """Erasure: the pseudonym and every statement about them, sent or not. Unsent ones are
    never sent; sent ones stay in the LRS under a pseudonym nobody can link back to them."""
    Statement.objects.filter(user=user).delete()
    LearnerPseudonym.objects.filter(user=user).delete()
