"""What each learning event says to the LRS: one statement per event, with a stable id, the
learner known only by a pseudonym, activities by absolute address, the event's own time."""

import datetime
import json
import uuid

import pytest
from django.utils import timezone

from config.site_url import rebase
from courses import services as learning
from courses.models import Enrolment, FaceToFaceSession
from courses.selectors import live_lessons
from events import services as events
from events.factories import TrainingCourseFactory, make_session
from events.models import Booking, BookingState
from xapi import services
from xapi.models import LearnerPseudonym, Statement
from xapi.statements import PROGRESS, statement_id

from .helpers import complete_lessons, quiz_for, take_quiz

pytestmark = pytest.mark.django_db

ADL = "http://adlnet.gov/expapi/verbs/"


def payload(key: str) -> dict:
    return Statement.objects.get(key=key).payload


def test_starting_a_module_says_launched_with_the_module_and_the_start_time(
    xapi_on, commit, learner, module
):
    with commit():
        enrolment = learning.start_module(learner, module)
    statement = payload(f"launched:enrolment:{enrolment.pk}")
    assert statement["verb"] == {"id": ADL + "launched", "display": {"en-GB": "launched"}}
    assert statement["object"] == {
        "objectType": "Activity",
        "id": rebase(module.get_url()),
        "definition": {
            "type": "http://adlnet.gov/expapi/activities/module",
            "name": {"en-GB": module.title},
        },
    }
    assert statement["object"]["id"].startswith("http://testserver/")
    assert datetime.datetime.fromisoformat(statement["timestamp"]) == enrolment.started_at.replace(
        microsecond=enrolment.started_at.microsecond // 1000 * 1000
    )
    assert statement["id"] == str(statement_id(f"launched:enrolment:{enrolment.pk}"))
    assert statement["context"]["registration"]
    # Opening the module again (a second tab) is the same enrolment: no second statement.
    with commit():
        learning.start_module(learner, module)
    assert Statement.objects.filter(verb="launched").count() == 1


def test_each_lesson_says_progressed_with_the_share_of_the_module_done(
    xapi_on, commit, learner, module
):
    lessons = list(live_lessons(module))
    assert len(lessons) == 3
    with commit():
        for lesson in lessons:
            learning.complete_lesson(learner, lesson)
        learning.complete_lesson(learner, lessons[0])  # again: nothing new
    rows = list(Statement.objects.filter(verb="progressed").order_by("created_at"))
    assert [row.payload["result"]["extensions"][PROGRESS] for row in rows] == [33, 66, 100]
    assert [row.payload["result"]["completion"] for row in rows] == [False, False, True]
    assert [row.payload["object"]["id"] for row in rows] == [
        rebase(lesson.get_url()) for lesson in lessons
    ]
    launched = payload(f"launched:enrolment:{Enrolment.objects.get(user=learner).pk}")
    for row in rows:
        assert row.payload["context"]["contextActivities"]["parent"] == [launched["object"]]
        assert row.payload["context"]["registration"] == launched["context"]["registration"]


def test_a_failed_quiz_says_failed_with_the_score(xapi_on, commit, learner, module):
    quiz = quiz_for(module, questions=2)
    with commit():
        attempt = take_quiz(learner, quiz, right=False)
    # Recorded when the grading commits (courses.signals.attempt_graded), not on a later sweep.
    statement = payload(f"graded:attempt:{attempt.pk}")
    assert statement["verb"]["id"] == ADL + "failed"
    assert statement["result"] == {
        "score": {"scaled": 0.0, "raw": 0.0, "min": 0, "max": 2.0},
        "success": False,
        "completion": True,
    }
    assert statement["object"]["id"] == f"http://testserver/learning/quizzes/{quiz.pk}/"
    assert statement["object"]["definition"]["type"].endswith("/assessment")


def test_the_sweep_records_a_grading_missed_in_the_last_two_days_only(
    xapi_on, commit, learner, module
):
    import datetime

    quiz = quiz_for(module, questions=2)
    with commit():
        attempt = take_quiz(learner, quiz, right=False)
    # As if the process had died between the commit and the signal's receiver.
    Statement.objects.filter(key=f"graded:attempt:{attempt.pk}").delete()
    attempt.refresh_from_db()
    two_days_on = attempt.submitted_at + services.SWEEP_WINDOW
    assert datetime.timedelta(days=2) == services.SWEEP_WINDOW
    # One second past the window: left alone (an LRS switched on later gets no backlog).
    assert services.sweep(now=two_days_on + datetime.timedelta(seconds=1)) == 0
    assert not Statement.objects.filter(key=f"graded:attempt:{attempt.pk}").exists()
    # At the window's edge: recorded, once however often the sweep runs.
    assert services.sweep(now=two_days_on) == 1
    assert services.sweep(now=two_days_on) == 0
    assert payload(f"graded:attempt:{attempt.pk}")["verb"]["id"] == ADL + "failed"


def test_passing_the_last_step_says_passed_then_completed(xapi_on, commit, learner, module):
    quiz = quiz_for(module, questions=2)
    with commit():
        complete_lessons(learner, module)
        attempt = take_quiz(learner, quiz, right=True)
    enrolment = Enrolment.objects.get(user=learner)
    assert enrolment.completed_at is not None
    passed = payload(f"graded:attempt:{attempt.pk}")
    assert passed["verb"]["id"] == ADL + "passed"
    assert passed["result"]["score"] == {"scaled": 1.0, "raw": 2.0, "min": 0, "max": 2.0}
    assert passed["result"]["success"] is True
    completed = payload(f"completed:enrolment:{enrolment.pk}")
    assert completed["verb"]["id"] == ADL + "completed"
    assert completed["result"] == {"completion": True}
    stamp = datetime.datetime.fromisoformat(completed["timestamp"])
    assert abs(stamp - enrolment.completed_at) < datetime.timedelta(milliseconds=1)
    assert sorted(Statement.objects.values_list("verb", flat=True)) == sorted(
        ["launched", "progressed", "progressed", "progressed", "passed", "completed"]
    )


def test_attending_a_session_says_attended_at_its_start_not_launched(
    xapi_on, commit, module, user_with_role
):
    from network.factories import AgencyFactory

    start = timezone.now() - datetime.timedelta(hours=1)
    session = make_session(start=start, capacity=5, course=TrainingCourseFactory(module=module))
    person = user_with_role(agency=AgencyFactory())
    booking = Booking.objects.create(session=session, user=person, state=BookingState.BOOKED)
    with commit():
        events.mark_attendance(session, {booking.pk: BookingState.ATTENDED}, session.trainer)
    attended = payload(f"attended:booking:{booking.pk}")
    assert attended["verb"]["id"] == ADL + "attended"
    assert attended["object"]["id"] == f"http://testserver/training/sessions/{session.pk}/"
    assert attended["object"]["definition"]["name"] == {"en-GB": session.course.title}
    assert datetime.datetime.fromisoformat(attended["timestamp"]) == start.replace(
        microsecond=start.microsecond // 1000 * 1000
    )
    # The module completed in person: completed, but never "launched".
    assert set(Statement.objects.values_list("verb", flat=True)) == {"attended", "completed"}
    # Marking the register again (no-show, then attended) is still one attendance.
    with commit():
        events.mark_attendance(session, {booking.pk: BookingState.NO_SHOW}, session.trainer)
        events.mark_attendance(session, {booking.pk: BookingState.ATTENDED}, session.trainer)
    assert Statement.objects.filter(verb="attended").count() == 1


def test_an_attendance_record_entered_afterwards_says_completed(
    xapi_on, commit, module, user_with_role
):
    from network.factories import AgencyFactory

    agency = AgencyFactory()
    person = user_with_role(agency=agency)
    record = FaceToFaceSession.objects.create(
        date=timezone.localdate(), module=module, trainer="Trainer", agency=agency
    )
    record.attendees.add(person)
    with commit():
        learning.record_session_attendance(record)
    assert list(Statement.objects.values_list("verb", flat=True)) == ["completed"]


def test_the_learner_is_a_pseudonym_never_their_email_name_or_account_number(
    xapi_on, commit, learner, module
):
    quiz = quiz_for(module)
    with commit():
        complete_lessons(learner, module)
        take_quiz(learner, quiz, right=True)
    pseudonym = LearnerPseudonym.objects.get(user=learner).pseudonym
    assert str(pseudonym) != str(learner.pk)
    statements = list(Statement.objects.filter(user=learner))
    assert len(statements) == 6
    for row in statements:
        assert row.payload["actor"] == {
            "objectType": "Agent",
            "account": {"homePage": "http://testserver", "name": str(pseudonym)},
        }
        text = json.dumps(row.payload).lower()
        # The whole value: a random pseudonym may begin with the same digits as the id.
        account_number = f'"name": "{learner.pk}"'
        for personal in ("imogen", "marlowe", "@example.org", "mbox", account_number):
            assert personal not in text


def test_pseudonyms_are_random_per_person(xapi_on, commit, module, user_with_role):
    first, second = user_with_role(), user_with_role()
    with commit():
        learning.start_module(first, module)
        learning.start_module(second, module)
    names = {row.payload["actor"]["account"]["name"] for row in Statement.objects.all()}
    assert len(names) == 2
    for name in names:
        assert uuid.UUID(name).version == 4


def test_statement_ids_come_from_the_event_and_the_site(settings):
    key = "completed:enrolment:12"
    assert statement_id(key) == statement_id(key)
    assert statement_id(key) != statement_id("completed:enrolment:13")
    here = statement_id(key)
    settings.SITE_URL = "https://staging.example.org"
    assert statement_id(key) != here


def test_recording_an_event_twice_keeps_one_statement(xapi_on, commit, learner, module):
    with commit():
        enrolment = learning.start_module(learner, module)
    first = services.record_launched(enrolment.pk)
    again = services.record_launched(enrolment.pk)
    assert first.pk == again.pk
    assert Statement.objects.count() == 1


def test_without_an_lrs_nothing_is_recorded(settings, commit, learner, module):
    settings.XAPI_LRS_ENDPOINT = ""
    quiz = quiz_for(module)
    with commit():
        complete_lessons(learner, module)
        take_quiz(learner, quiz, right=True)
    assert services.send_due() == {"sent": 0, "failed": 0, "waiting": 0}
    assert not Statement.objects.exists()
    assert not LearnerPseudonym.objects.exists()


def test_nothing_is_recorded_for_an_inactive_account(xapi_on, commit, learner, module):
    with commit():
        enrolment = learning.start_module(learner, module)
    learner.is_active = False
    learner.save(update_fields=["is_active"])
    assert services.record_progressed(0) is None
    assert services.record_completed(enrolment.pk) is None  # not complete either
    enrolment.completed_at = timezone.now()
    enrolment.save(update_fields=["completed_at"])
    assert services.record_completed(enrolment.pk) is None
    assert list(Statement.objects.values_list("verb", flat=True)) == ["launched"]
