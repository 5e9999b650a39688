"""The Training Coordinator manages courses and sessions in the admin; saving tells people."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from events import services
from events.factories import make_session
from events.models import Booking, BookingState, SessionStatus
from tests.helpers import sign_in

pytestmark = pytest.mark.django_db


def form_data(page: str) -> dict:
    """The values of the admin form's fields, as the browser would send them."""
    form = BeautifulSoup(page, "html.parser").find("form", id="w-editor-form")
    data = {}
    for field in form.find_all(["input", "select", "textarea"]):
        name = field.get("name")
        if not name or "__prefix__" in name or field.get("type") in ("submit", "checkbox"):
            continue
        if field.name == "select":
            chosen = field.find("option", selected=True)
            data[name] = chosen["value"] if chosen else ""
        elif field.name == "textarea":
            data[name] = field.text.strip()
        else:
            data[name] = field.get("value", "")
    return data


def whole_minutes():
    """A start two weeks away, to the minute, as the admin's date-time field writes it."""
    return (timezone.now() + datetime.timedelta(days=14)).replace(second=0, microsecond=0)


@pytest.fixture
def coordinator(client, user_with_role):
    person = user_with_role(Role.TRAINING_COORDINATOR)
    sign_in(client, person)
    return person


@pytest.mark.parametrize("role", [Role.LEARNER, Role.EDITOR, Role.AGENCY_LEAD])
def test_only_the_coordinator_manages_sessions(client, user_with_role, role):
    sign_in(client, user_with_role(role))
    for name in ("training_sessions:index", "training_courses:index"):
        assert client.get(reverse(name)).status_code in (302, 403)


def test_the_coordinator_reaches_courses_and_sessions(client, coordinator):
    session = make_session()
    for url in (
        reverse("training_courses:index"),
        reverse("training_courses:add"),
        reverse("training_sessions:index"),
        reverse("training_sessions:add"),
        reverse("training_sessions:edit", args=[session.pk]),
    ):
        assert client.get(url).status_code == 200, url


def _edit(client, session, **changes):
    url = reverse("training_sessions:edit", args=[session.pk])
    data = form_data(client.get(url).content.decode())
    data.update(changes)
    return client.post(url, data)


def test_moving_a_session_sends_booked_people_an_updated_invitation(
    client, coordinator, django_capture_on_commit_callbacks
):
    session = make_session(start=whole_minutes(), capacity=1)
    booking = services.book(coordinator, session)
    mail.outbox.clear()
    later = timezone.localtime(session.starts_at + datetime.timedelta(hours=1))
    with django_capture_on_commit_callbacks(execute=True):
        response = _edit(
            client,
            session,
            **{
                "dates-0-starts_at": later.strftime("%Y-%m-%d %H:%M"),
                "dates-0-ends_at": (later + datetime.timedelta(hours=2)).strftime("%Y-%m-%d %H:%M"),
            },
        )
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.sequence == 1
    [message] = mail.outbox
    assert message.subject.endswith("A training session you booked has changed")
    booking.refresh_from_db()
    assert booking.state == BookingState.BOOKED


def test_saving_without_changes_tells_nobody(
    client, coordinator, django_capture_on_commit_callbacks
):
    session = make_session(start=whole_minutes(), capacity=1)
    services.book(coordinator, session)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert _edit(client, session).status_code == 302
    assert mail.outbox == []


def test_cancelling_a_session_in_the_admin_cancels_its_bookings(
    client, coordinator, django_capture_on_commit_callbacks
):
    session = make_session(start=whole_minutes(), capacity=1)
    services.book(coordinator, session)
    with django_capture_on_commit_callbacks(execute=True):
        assert _edit(client, session, status=SessionStatus.CANCELLED).status_code == 302
    assert set(Booking.objects.values_list("state", flat=True)) == {BookingState.CANCELLED}
    assert mail.outbox[-1].subject.endswith("A training session you booked is cancelled")
