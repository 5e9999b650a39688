import datetime

import pytest
from django.utils import timezone

from courses import services
from courses.models import Enrolment, LessonCompletion
from courses.selectors import live_lessons
from courses.signals import module_completed

pytestmark = pytest.mark.django_db


@pytest.fixture
def learner(user_with_role):
    return user_with_role()


@pytest.fixture
def completions_sent():
    sent = []

    def receiver(sender, enrolment, **kwargs):
        sent.append(enrolment)

    module_completed.connect(receiver)
    yield sent
    module_completed.disconnect(receiver)


def test_starting_twice_keeps_one_enrolment(learner, module):
    first = services.start_module(learner, module)
    second = services.start_module(learner, module)
    assert first == second
    assert Enrolment.objects.filter(user=learner, module=module).count() == 1


def test_marking_a_lesson_twice_keeps_one_record(learner, module):
    lesson = live_lessons(module).first()
    services.complete_lesson(learner, lesson)
    services.complete_lesson(learner, lesson)
    assert LessonCompletion.objects.filter(lesson=lesson).count() == 1


def test_module_completes_once_when_every_lesson_is_done(
    learner, module, completions_sent, django_capture_on_commit_callbacks
):
    lessons = list(live_lessons(module))
    with django_capture_on_commit_callbacks(execute=True):
        for lesson in lessons[:-1]:
            enrolment, done = services.complete_lesson(learner, lesson)
            assert not done
        enrolment, done = services.complete_lesson(learner, lessons[-1])
        assert done
        # Doing the last lesson again changes nothing.
        _, again = services.complete_lesson(learner, lessons[-1])
    assert not again
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None
    assert completions_sent == [enrolment]


def test_unpublished_lessons_do_not_count_towards_completion(learner, module):
    lessons = list(live_lessons(module))
    lessons[-1].unpublish()
    for lesson in lessons[:-1]:
        enrolment, done = services.complete_lesson(learner, lesson)
    assert done
    assert enrolment.completed_at is not None


def test_a_completed_module_is_not_restarted_until_a_refresher_is_due(learner, module):
    for lesson in live_lessons(module):
        enrolment, _ = services.complete_lesson(learner, lesson)
    assert services.start_module(learner, module) == enrolment
    assert services.start_module(learner, module, refresher=True) == enrolment

    # 35 months later (refresh period 36 months, warning 60 days before): refresher allowed.
    Enrolment.objects.filter(pk=enrolment.pk).update(
        completed_at=timezone.now() - datetime.timedelta(days=35 * 30)
    )
    refresher = services.start_module(learner, module, refresher=True)
    assert refresher != enrolment
    assert refresher.completed_at is None
    assert Enrolment.objects.filter(user=learner, module=module).count() == 2


def test_progress_is_per_learner(user_with_role, module):
    first, second = user_with_role(), user_with_role()
    services.complete_lesson(first, live_lessons(module).first())
    assert not LessonCompletion.objects.filter(enrolment__user=second).exists()
    assert Enrolment.objects.filter(user=second).count() == 0


def test_reflections_are_saved_per_learner_and_question(learner, module):
    lesson = live_lessons(module).first()
    services.save_reflection(learner, lesson, "block-1", "First thoughts")
    services.save_reflection(learner, lesson, "block-1", "Second thoughts")
    note = learner.reflections.get()
    assert note.text == "Second thoughts"
