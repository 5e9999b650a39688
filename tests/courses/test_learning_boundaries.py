"""Learners' progress at its edges (courses/services/learning.py): a completed module is only
reopened for a refresher that is asked for and due; the tab that loses a race gets the
enrolment the other opened; each reflection question keeps its own answer; a face-to-face
register completes the module once per person, at noon UK time on the day of the session."""

import datetime
import zoneinfo
from unittest import mock

import pytest
import time_machine

from certificates.models import Certificate
from courses import services
from courses.factories import module_with_lessons
from courses.models import Enrolment, FaceToFaceSession, ReflectionNote
from courses.selectors import live_lessons, refresh_due_at
from courses.selectors import refresh_due as is_refresh_due
from courses.signals import module_completed
from network.factories import AgencyFactory

pytestmark = pytest.mark.django_db

LONDON = zoneinfo.ZoneInfo("Europe/London")


@pytest.fixture
def learner(user_with_role):
    return user_with_role()


def complete_module(learner, module, django_capture_on_commit_callbacks) -> Enrolment:
    with django_capture_on_commit_callbacks(execute=True):
        for lesson in live_lessons(module):
            enrolment, _ = services.complete_lesson(learner, lesson)
    assert enrolment.is_complete
    return enrolment


def test_a_completed_module_reopens_only_for_a_refresher_asked_for_once_due(
    learner, module, django_capture_on_commit_callbacks
):
    done = complete_module(learner, module, django_capture_on_commit_callbacks)
    due_at = refresh_due_at(done)
    # Due: opening the module still shows the completed round unless a refresher is asked for.
    with time_machine.travel(due_at, tick=False):
        assert is_refresh_due(done)
        assert services.start_module(learner, module) == done
        assert Enrolment.objects.filter(user=learner, module=module).count() == 1
        refresher = services.start_module(learner, module, refresher=True)
    assert refresher != done and not refresher.is_complete
    assert Enrolment.objects.filter(user=learner, module=module).count() == 2
    # Asking again (a double click) opens no third one.
    with time_machine.travel(due_at, tick=False):
        assert services.start_module(learner, module, refresher=True) == refresher
    assert Enrolment.objects.filter(user=learner, module=module).count() == 2


def test_a_refresher_asked_for_before_it_is_due_keeps_the_completed_round(
    learner, module, django_capture_on_commit_callbacks
):
    done = complete_module(learner, module, django_capture_on_commit_callbacks)
    not_yet = refresh_due_at(done) - datetime.timedelta(days=61)
    with time_machine.travel(not_yet, tick=False):
        assert not is_refresh_due(done)
        assert services.start_module(learner, module, refresher=True) == done
    assert Enrolment.objects.filter(user=learner, module=module).count() == 1


def test_the_tab_that_lost_the_race_gets_the_enrolment_the_other_tab_opened(
    learner, module, catalogue, user_with_role
):
    # Both tabs read "no open enrolment"; the other one's insert landed first. Around it:
    # this person's earlier, completed round, and someone else's open enrolment.
    earlier = Enrolment.objects.create(
        user=learner, module=module, completed_at=datetime.datetime(2025, 1, 6, tzinfo=LONDON)
    )
    Enrolment.objects.create(user=user_with_role(), module=module)
    other_module = module_with_lessons(catalogue, count=1, title="Harmful practices")
    elsewhere = Enrolment.objects.create(user=learner, module=other_module)
    opened = Enrolment.objects.create(user=learner, module=module)
    with mock.patch("courses.services.learning.current_enrolment", return_value=None):
        assert services.start_module(learner, module) == opened
    assert set(Enrolment.objects.filter(user=learner)) == {earlier, elsewhere, opened}


def test_each_reflection_question_keeps_its_own_answer(learner, module):
    lesson = live_lessons(module).first()
    services.save_reflection(learner, lesson, "r-1", "First answer.")
    services.save_reflection(learner, lesson, "r-2", "Second answer.")
    services.save_reflection(learner, lesson, "r-1", "First answer, rewritten.")
    assert dict(ReflectionNote.objects.filter(user=learner).values_list("block_id", "text")) == {
        "r-1": "First answer, rewritten.",
        "r-2": "Second answer.",
    }


def register(module, day: datetime.date, *people) -> FaceToFaceSession:
    session = FaceToFaceSession.objects.create(
        module=module, agency=AgencyFactory(), date=day, topic="DASH", trainer="Tr Ainer"
    )
    session.attendees.add(*people)
    return session


def test_a_register_completes_the_module_at_noon_uk_time_once_per_person(
    module, user_with_role, django_capture_on_commit_callbacks
):
    first, second, third = user_with_role(), user_with_role(), user_with_role()
    summer = datetime.date(2026, 7, 14)  # British Summer Time: noon is 11:00 UTC
    session = register(module, summer, first, second)

    with django_capture_on_commit_callbacks(execute=True):
        created = services.record_session_attendance(session)
    assert {enrolment.user for enrolment in created} == {first, second}
    noon = datetime.datetime(2026, 7, 14, 12, 0, tzinfo=LONDON)
    for enrolment in Enrolment.objects.filter(session=session):
        assert enrolment.module_id == module.pk
        assert enrolment.started_at == noon and enrolment.completed_at == noon
    # The certificate for each, issued when the completion is committed.
    assert set(Certificate.objects.values_list("user", flat=True)) == {first.pk, second.pk}

    # A name added later: only that person is added, and certified.
    session.attendees.add(third)
    with django_capture_on_commit_callbacks(execute=True):
        [added] = services.record_session_attendance(session)
    assert added.user == third
    assert Enrolment.objects.filter(session=session).count() == 3
    assert Certificate.objects.filter(user=third).count() == 1

    # Run again with nobody new: nothing is created, nothing is sent.
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert services.record_session_attendance(session) == []
    assert callbacks == []
    assert Certificate.objects.count() == 3


def test_a_register_for_a_session_on_no_module_completes_nothing(learner, catalogue):
    session = register(None, datetime.date(2026, 7, 14), learner)
    assert services.record_session_attendance(session) == []
    assert not Enrolment.objects.exists()


def test_a_register_counts_attendance_of_this_session_not_of_another(
    learner, module, django_capture_on_commit_callbacks
):
    # Someone on two registers for the same module (a two-day course recorded as two
    # sessions) gets an enrolment for each session they attended.
    one = register(module, datetime.date(2026, 1, 12), learner)
    two = register(module, datetime.date(2026, 1, 19), learner)
    with django_capture_on_commit_callbacks(execute=True):
        services.record_session_attendance(one)
        [second] = services.record_session_attendance(two)
    assert second.session == two
    assert second.completed_at == datetime.datetime(2026, 1, 19, 12, 0, tzinfo=LONDON)


def test_completions_are_announced_as_the_enrolment_s_so_a_receiver_may_filter_on_it(
    learner, module, django_capture_on_commit_callbacks
):
    heard = []

    def receiver(sender, enrolment, **kwargs):
        heard.append((sender, enrolment.user, enrolment.session_id is not None))

    module_completed.connect(receiver, sender=Enrolment)
    try:
        complete_module(learner, module, django_capture_on_commit_callbacks)
        session = register(module, datetime.date(2026, 1, 12), learner)
        with django_capture_on_commit_callbacks(execute=True):
            services.record_session_attendance(session)
    finally:
        module_completed.disconnect(receiver, sender=Enrolment)
    assert heard == [(Enrolment, learner, False), (Enrolment, learner, True)]
