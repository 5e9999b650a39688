import datetime

import pytest
from django.utils import timezone

# A fixed moment in British Summer Time, so times shown and sent are checked against UTC.
NOW = timezone.make_aware(datetime.datetime(2026, 6, 1, 9, 0))
START = NOW + datetime.timedelta(days=14)  # 15 June 2026, 9:00am BST = 08:00 UTC


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run on-commit work (the emails) as a real commit would."""

    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run


@pytest.fixture
def session(db):
    from events.factories import make_session

    return make_session(start=START, capacity=2)


@pytest.fixture
def people(db):
    from accounts.factories import UserFactory

    return [UserFactory() for _ in range(5)]
