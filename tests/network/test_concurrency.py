"""Safe Places changes happen exactly once when officers and the daily job act at once
(PostgreSQL row locks; SQLite ignores select_for_update, so these run on PostgreSQL only)."""

import threading

import pytest
from django.core import mail
from django.db import connection, connections
from wagtail.models import ModelLogEntry

from network import services
from network.factories import VenueFactory
from network.models import Venue, VenueStatus

from .helpers import add_contact

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL"),
]


def run_together(count, action):
    barrier = threading.Barrier(count)
    outcomes, errors = [], []

    def worker():
        try:
            barrier.wait()
            outcomes.append(action())
        except services.TransitionRefused as refused:
            outcomes.append(refused)
        except Exception as error:  # anything else is a failure of the test
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    return outcomes


def test_ten_officers_approving_at_once_approve_once(officer, pending_venue, trained_staff):
    trained_staff(pending_venue)
    venue = Venue.objects.get(pk=pending_venue.pk)
    outcomes = run_together(
        10, lambda: services.transition(venue, VenueStatus.APPROVED, by=officer)
    )
    approved = [o for o in outcomes if isinstance(o, Venue)]
    assert len(approved) == 1
    assert all(isinstance(o, services.TransitionRefused) for o in outcomes if o not in approved)
    assert (
        ModelLogEntry.objects.for_instance(venue).filter(action="network.venue.approve").count()
        == 1
    )
    assert Venue.objects.get(pk=venue.pk).status == VenueStatus.APPROVED


def test_two_workers_sending_reminders_send_each_once(scheme, trained_staff):
    import datetime

    from django.utils import timezone

    due = timezone.localdate() + datetime.timedelta(days=10)
    venues = [VenueFactory(next_check_due=due) for _ in range(6)]
    for venue in venues:
        add_contact(venue)
        trained_staff(venue)
    sent = run_together(4, services.send_check_reminders)
    assert sum(sent) == 6
    assert len(mail.outbox) == 6
    assert sorted(m.to[0] for m in mail.outbox) == sorted(v.contact_email for v in venues)


def test_fifteen_invitations_at_once_send_no_more_than_the_hourly_limit(scheme):
    from django.core.exceptions import ValidationError

    venue = VenueFactory()
    add_contact(venue)
    counter = iter(range(100))

    def invite():
        try:
            return services.invite_staff(venue, f"person{next(counter)}@shop.example", by=None)
        except ValidationError as refused:
            return refused

    outcomes = run_together(15, invite)
    refused = [o for o in outcomes if isinstance(o, services.TooManyInvitations)]
    assert len(refused) == 15 - services.INVITES_PER_HOUR
    assert venue.memberships.filter(user__isnull=True).count() == services.INVITES_PER_HOUR
