"""Reminders 7 days and 1 day before a session: once each, to people booked and the trainer."""

import datetime

import pytest
from django.core.management import call_command

from accounts.factories import UserFactory
from events import services
from events.factories import make_session
from events.models import Booking, BookingState

from .conftest import NOW, START

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)
SECOND = datetime.timedelta(seconds=1)


@pytest.fixture
def booked(session):
    """Two people booked a fortnight ahead, one cancelled, one waiting."""
    users = [UserFactory() for _ in range(4)]
    states = [BookingState.BOOKED, BookingState.BOOKED, BookingState.CANCELLED]
    for user, state in zip(users, states, strict=False):
        Booking.objects.create(session=session, user=user, state=state, created_at=NOW)
    Booking.objects.create(
        session=session, user=users[3], state=BookingState.WAITING, created_at=NOW
    )
    return users


def recipients(mailoutbox):
    return sorted(address for m in mailoutbox for address in m.to)


def test_week_reminder_from_seven_days_before_once(session, booked, mailoutbox):
    assert services.send_reminders(START - 7 * DAY - SECOND) == 0
    assert services.send_reminders(START - 7 * DAY) == 3  # two booked and the trainer
    expected = sorted([booked[0].email, booked[1].email, session.trainer.email])
    assert recipients(mailoutbox) == expected
    assert services.send_reminders(START - 7 * DAY + SECOND) == 0
    assert services.send_reminders(START - DAY - SECOND) == 0
    learner_mail = next(m for m in mailoutbox if m.to == [booked[0].email])
    # The date, time and a link only: no course title (an abuser may read the mailbox).
    assert session.course.title not in learner_mail.body
    assert "Monday 15 June 2026 at 09:00" in learner_mail.body
    assert f"/training/sessions/{session.pk}/" in learner_mail.body
    trainer_mail = next(m for m in mailoutbox if m.to == [session.trainer.email])
    assert "2 people have a place" in trainer_mail.body


def test_day_reminder_from_one_day_before_once_not_after_the_start(session, booked, mailoutbox):
    services.send_reminders(START - 7 * DAY)
    mailoutbox.clear()
    assert services.send_reminders(START - DAY - SECOND) == 0
    assert services.send_reminders(START - DAY) == 3
    assert services.send_reminders(START - SECOND) == 0
    assert booked[2].email not in recipients(mailoutbox)  # cancelled
    assert booked[3].email not in recipients(mailoutbox)  # waiting
    late = make_session(start=START + 2 * DAY)
    Booking.objects.create(session=late, user=UserFactory(), state=BookingState.BOOKED)
    assert services.send_reminders(START + 2 * DAY) == 0  # started: too late


def test_no_week_reminder_for_a_place_booked_inside_the_week(session, mailoutbox):
    late_booker = UserFactory()
    Booking.objects.create(
        session=session,
        user=late_booker,
        state=BookingState.BOOKED,
        created_at=START - 7 * DAY + SECOND,
    )
    services.send_reminders(START - 3 * DAY)
    assert late_booker.email not in recipients(mailoutbox)
    services.send_reminders(START - DAY)
    assert late_booker.email in recipients(mailoutbox)


def test_a_cancelled_session_sends_nothing(session, booked, mailoutbox):
    services.cancel_session(session, now=NOW)
    mailoutbox.clear()
    assert services.send_reminders(START - DAY) == 0


def test_the_command_queues_the_task(session, booked, mailoutbox, monkeypatch):
    sent = []
    monkeypatch.setattr(services, "send_reminders", lambda now=None: sent.append(1) or 0)
    call_command("send_training_session_reminders")
    assert sent == [1]
