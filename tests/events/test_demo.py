"""The demo's training sessions: upcoming, idempotent, and none without the demo trainer."""

import pytest
from django.utils import timezone

from accounts.factories import UserFactory
from events.demo import TRAINER_EMAIL, load_training_sessions
from events.models import Session
from events.selectors import upcoming_sessions

pytestmark = pytest.mark.django_db


def test_no_trainer_no_sessions():
    assert load_training_sessions() == 0
    assert not Session.objects.exists()


def test_a_few_upcoming_sessions_once():
    UserFactory(email=TRAINER_EMAIL)
    assert load_training_sessions() == 4
    assert load_training_sessions() == 0
    sessions = list(upcoming_sessions(timezone.now()))
    assert len(sessions) == 4
    for session in sessions:
        session.full_clean()  # a venue for in person, a link online
