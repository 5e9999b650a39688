"""Two tabs, double clicks, two workers: progress is recorded exactly once.

These need PostgreSQL: SQLite serialises writers and ignores row locks.
"""

import threading

import pytest
from django.db import connection, connections

from courses import services
from courses.models import Enrolment, LessonCompletion
from courses.selectors import live_lessons
from courses.signals import module_completed

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="concurrency needs PostgreSQL row locks"
    ),
]


def run_together(target, count: int) -> list[Exception]:
    barrier = threading.Barrier(count)
    errors = []

    def worker():
        try:
            barrier.wait()
            target()
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def test_simultaneous_starts_open_one_enrolment(user_with_role, module):
    learner = user_with_role()
    errors = run_together(lambda: services.start_module(learner, module), 10)
    assert errors == []
    assert Enrolment.objects.filter(user=learner, module=module).count() == 1


def test_simultaneous_completions_record_once_and_complete_once(user_with_role, module):
    learner = user_with_role()
    lessons = list(live_lessons(module))
    for lesson in lessons[:-1]:
        services.complete_lesson(learner, lesson)
    completed = []

    def receiver(sender, enrolment, **kwargs):
        completed.append(enrolment.pk)

    module_completed.connect(receiver)
    try:
        errors = run_together(lambda: services.complete_lesson(learner, lessons[-1]), 10)
    finally:
        module_completed.disconnect(receiver)

    assert errors == []
    assert LessonCompletion.objects.filter(lesson=lessons[-1]).count() == 1
    assert Enrolment.objects.filter(user=learner, completed_at__isnull=False).count() == 1
    assert len(completed) == 1
