import pytest

from courses import services
from courses.selectors import live_lessons


@pytest.fixture
def complete_module(django_capture_on_commit_callbacks):
    """Complete every lesson of a module (no quiz) for a learner: a certificate is issued."""

    def complete(user, module):
        with django_capture_on_commit_callbacks(execute=True):
            for lesson in live_lessons(module):
                enrolment, _ = services.complete_lesson(user, lesson)
        enrolment.refresh_from_db()
        return enrolment

    return complete
