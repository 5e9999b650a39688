"""The coordinator's tools: copy, change a date, cancel, move a person, export the register,
the calendar view; and the services behind them."""

import csv
import datetime
import io

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from accounts.factories import UserFactory
from accounts.roles import Role
from events import services
from events.factories import make_session
from events.models import Booking, BookingState, Session, SessionStatus
from network.factories import AgencyFactory
from tests.helpers import sign_in

from .test_admin import _edit, whole_minutes

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


@pytest.fixture
def coordinator(client, user_with_role):
    person = user_with_role(Role.TRAINING_COORDINATOR)
    sign_in(client, person)
    return person


def invitations(message):
    [(_name, content, mimetype)] = message.attachments
    text = content if isinstance(content, str) else content.decode()
    calendar = Calendar.from_ical(text)
    return calendar, list(calendar.walk("VEVENT")), mimetype


@pytest.mark.parametrize("role", [Role.LEARNER, Role.AGENCY_LEAD, Role.EDITOR])
def test_only_the_coordinator_reaches_the_tools(client, user_with_role, role):
    session = make_session()
    sign_in(client, user_with_role(role))
    for name, args in [
        ("events_admin_session_tools", [session.pk]),
        ("events_admin_register_csv", [session.pk]),
        ("events_admin_calendar", []),
        ("events_admin_feedback", []),
    ]:
        assert client.get(reverse(name, args=args)).status_code in (302, 403), name
    for name in ("events_admin_copy_session", "events_admin_cancel_session"):
        client.post(reverse(name, args=[session.pk]), {"confirm": "yes"})
    assert Session.objects.count() == 1
    assert Session.objects.get().status == SessionStatus.SCHEDULED


def test_the_listing_links_each_session_to_its_tools(client, coordinator):
    session = make_session()
    page = client.get(reverse("training_sessions:index")).content.decode()
    assert reverse("events_admin_session_tools", args=[session.pk]) in page
    assert client.get(reverse("events_admin_session_tools", args=[session.pk])).status_code == 200


def test_copy_makes_a_scheduled_session_with_the_same_dates_and_no_bookings(client, coordinator):
    session = make_session(capacity=3)
    services.book(UserFactory(), session)
    response = client.post(reverse("events_admin_copy_session", args=[session.pk]))
    copy = Session.objects.exclude(pk=session.pk).get()
    assert response.status_code == 302
    assert response.url == reverse("training_sessions:edit", args=[copy.pk])
    assert copy.course_id == session.course_id and copy.capacity == 3
    assert copy.status == SessionStatus.SCHEDULED and not copy.bookings.exists()
    assert list(copy.dates.values_list("starts_at", "ends_at")) == list(
        session.dates.values_list("starts_at", "ends_at")
    )


def test_changing_a_date_sends_the_same_uid_with_a_higher_sequence(
    client, coordinator, django_capture_on_commit_callbacks
):
    session = make_session(start=whole_minutes(), capacity=2)
    person = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        services.book(person, session)
    _cal, [first], _ = invitations(mail.outbox[-1])
    mail.outbox.clear()
    later = timezone.localtime(session.starts_at + DAY)
    with django_capture_on_commit_callbacks(execute=True):
        _edit(
            client,
            session,
            **{
                "dates-0-starts_at": later.strftime("%Y-%m-%d %H:%M"),
                "dates-0-ends_at": (later + datetime.timedelta(hours=2)).strftime("%Y-%m-%d %H:%M"),
            },
        )
    [message] = mail.outbox
    assert message.to == [person.email]
    calendar, [updated], mimetype = invitations(message)
    assert calendar["METHOD"] == "REQUEST" and mimetype.endswith("method=REQUEST")
    assert str(updated["UID"]) == str(first["UID"])
    assert int(updated["SEQUENCE"]) > int(first["SEQUENCE"])
    assert updated.decoded("DTSTART") == later.astimezone(datetime.UTC)


def test_cancel_needs_confirming_then_tells_everyone_and_clears_the_waiting_list(
    client, coordinator, django_capture_on_commit_callbacks
):
    session = make_session(capacity=1)
    booked, waiting = UserFactory(), UserFactory()
    services.book(booked, session)
    services.book(waiting, session)
    url = reverse("events_admin_cancel_session", args=[session.pk])
    response = client.post(url)
    assert response.status_code == 400
    assert "Confirm that you want to cancel the session" in response.content.decode()
    assert Session.objects.get(pk=session.pk).status == SessionStatus.SCHEDULED
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"confirm": "yes"}).status_code == 302
    assert Session.objects.get(pk=session.pk).status == SessionStatus.CANCELLED
    assert set(session.bookings.values_list("state", flat=True)) == {BookingState.CANCELLED}
    by_person = {m.to[0]: m for m in mail.outbox}
    assert set(by_person) == {booked.email, waiting.email}
    calendar, _events, _ = invitations(by_person[booked.email])
    assert calendar["METHOD"] == "CANCEL"
    assert not by_person[waiting.email].attachments  # they had no invitation to cancel


def test_move_a_person_to_another_session_of_the_course(
    client, coordinator, django_capture_on_commit_callbacks
):
    source = make_session(capacity=1)
    target = make_session(
        course=source.course, start=timezone.now() + datetime.timedelta(days=20), capacity=1
    )
    person, waiting = UserFactory(), UserFactory()
    booking = services.book(person, source)
    services.book(waiting, source)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("events_admin_move_person", args=[source.pk]),
            {"booking": booking.pk, "target": target.pk},
        )
    assert response.status_code == 302
    assert Booking.objects.get(pk=booking.pk).state == BookingState.CANCELLED
    moved = Booking.objects.get(session=target, user=person)
    assert moved.state == BookingState.BOOKED
    # The freed seat on the old session went to the person waiting.
    assert Booking.objects.get(session=source, user=waiting).state == BookingState.OFFERED
    methods = sorted(
        Calendar.from_ical(m.attachments[0][1])["METHOD"]
        for m in mail.outbox
        if m.to == [person.email]
    )
    assert methods == ["CANCEL", "REQUEST"]


def test_moving_to_another_course_is_refused_on_the_page(client, coordinator):
    source = make_session(capacity=2)
    other = make_session(capacity=2)  # another course
    booking = services.book(UserFactory(), source)
    response = client.post(
        reverse("events_admin_move_person", args=[source.pk]),
        {"booking": booking.pk, "target": other.pk},
    )
    assert response.status_code == 400
    assert "Select a session from the list" in response.content.decode()
    assert Booking.objects.get(pk=booking.pk).state == BookingState.BOOKED
    with pytest.raises(services.BookingRefused):
        services.move_booking(booking, other)


def test_the_register_csv_is_safe_from_formulas(client, coordinator):
    session = make_session(capacity=3)
    agency = AgencyFactory(name="@Agency")
    sneaky = UserFactory(full_name='=HYPERLINK("http://evil","x")', agency=agency)
    plain = UserFactory(full_name="Ann Plain")
    minus = UserFactory(full_name="-2+3")
    for person in (sneaky, plain, minus):
        services.book(person, session)
    response = client.get(reverse("events_admin_register_csv", args=[session.pk]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:2] == ["Name", "Email"]
    names = {row[0] for row in rows[1:]}
    assert names == {'\'=HYPERLINK("http://evil","x")', "Ann Plain", "'-2+3"}
    agency_cells = {row[0]: row[2] for row in rows[1:]}
    assert agency_cells['\'=HYPERLINK("http://evil","x")'] == "'@Agency"
    for row in rows[1:]:
        assert all(not cell.startswith(("=", "+", "-", "@")) for cell in row)


def test_the_calendar_shows_sessions_on_their_days_without_javascript(client, coordinator):
    start = timezone.make_aware(datetime.datetime(2027, 3, 9, 10, 0))
    session = make_session(start=start)
    make_session(start=start + datetime.timedelta(days=31))  # April: not shown
    response = client.get(reverse("events_admin_calendar"), {"month": "2027-03"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "March 2027" in page and "1 session date" in page
    assert reverse("events_admin_session_tools", args=[session.pk]) in page
    assert "?month=2027-04" in page and "?month=2027-02" in page
    assert "<script" not in page.split("<main", 1)[-1].split("</main>", 1)[0]


def test_a_bad_month_is_a_message_not_an_error(client, coordinator):
    response = client.get(reverse("events_admin_calendar"), {"month": "March"})
    assert response.status_code == 400
    assert "Enter a month as year and month" in response.content.decode()
