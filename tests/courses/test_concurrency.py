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
from tests.helpers import sign_in

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


def test_twenty_simultaneous_submissions_grade_one_attempt_once(user_with_role, module, caplog):
    from django.test import Client
    from django.urls import reverse

    from courses.factories import make_question, make_quiz
    from courses.models import Attempt

    learner = user_with_role()
    quiz = make_quiz(module, [make_question() for _ in range(3)])
    attempt = services.start_attempt(learner, quiz)
    url = reverse("courses:attempt_summary", args=[attempt.pk])
    token = str(attempt.submit_token)
    statuses = []

    def submit():
        client = Client()
        sign_in(client, learner)
        statuses.append(client.post(url, {"token": token}).status_code)

    with caplog.at_level("INFO", logger="safecity.quiz"):
        errors = run_together(submit, 20)

    assert errors == []
    assert statuses == [302] * 20
    graded = Attempt.objects.filter(user=learner, quiz=quiz)
    assert graded.count() == 1
    attempt.refresh_from_db()
    assert attempt.is_finished
    assert attempt.score is not None
    assert caplog.text.count(f"Graded attempt {attempt.pk}:") == 1
