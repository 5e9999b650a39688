"""Calendar invitations parse with two parsers, keep their UID and cancel cleanly."""

import datetime

import pytest
import vobject
from django.core import mail
from icalendar import Calendar

from events import ics, services
from events.factories import make_session
from events.models import Mode, SessionDate

from .conftest import NOW, START

pytestmark = pytest.mark.django_db
HOUR = datetime.timedelta(hours=1)


def parse(text: str):
    """The same file through icalendar and vobject: (icalendar calendar, vobject calendar)."""
    return Calendar.from_ical(text), vobject.readOne(text)


def events(calendar: Calendar):
    return list(calendar.walk("VEVENT"))


def attachment(message) -> tuple[str, str, str]:
    [(name, content, mimetype)] = message.attachments
    return name, content if isinstance(content, str) else content.decode(), mimetype


def test_a_booking_invitation_is_a_request_in_utc_with_title_place_and_link(session, people):
    booking = services.book(people[0], session, NOW)
    text = ics.invitation(booking, ics.REQUEST, NOW)
    calendar, second = parse(text)
    assert calendar["METHOD"] == "REQUEST"
    [event] = events(calendar)
    # 15 June 2026 9:00am in London is 08:00 UTC (British Summer Time).
    assert event.decoded("DTSTART") == datetime.datetime(2026, 6, 15, 8, 0, tzinfo=datetime.UTC)
    assert "DTSTART:20260615T080000Z" in text
    assert event.decoded("DTEND") - event.decoded("DTSTART") == 3 * HOUR
    assert str(event["STATUS"]) == "CONFIRMED"
    assert str(event["SUMMARY"]) == session.course.title
    assert str(event["LOCATION"]) == "Room 2, Civic Centre, 1 High Street"
    assert f"http://testserver/training/sessions/{session.pk}/" in str(event["DESCRIPTION"])
    assert str(event["UID"]) == f"booking-{booking.pk}-date-{session.dates.get().pk}@testserver"
    # The second parser reads the same event.
    assert second.method.value == "REQUEST"
    assert second.vevent.uid.value == str(event["UID"])
    assert second.vevent.dtstart.value == event.decoded("DTSTART")


def test_nothing_beyond_title_dates_place_and_link(session, people):
    session.mode = Mode.ONLINE
    session.joining_link = "https://meet.example.org/secret-room-123"
    session.venue_accessibility = "Private note"
    session.save()
    booking = services.book(people[0], session, NOW)
    text = ics.invitation(booking, ics.REQUEST, NOW)
    assert "secret-room-123" not in text
    assert session.trainer.full_name not in text and session.trainer.email not in text
    assert people[1].email not in text
    [event] = events(Calendar.from_ical(text))
    assert str(event["LOCATION"]).startswith("Online")


def test_the_uid_stays_and_the_sequence_rises_through_offer_acceptance_and_cancellation(
    session, people
):
    booked = services.book(people[0], session, NOW)
    services.book(people[1], session, NOW)
    waiting = services.book(people[2], session, NOW)
    services.cancel(booked, NOW + HOUR)
    waiting.refresh_from_db()
    offered = events(Calendar.from_ical(ics.invitation(waiting, ics.REQUEST, NOW)))[0]
    assert str(offered["STATUS"]) == "TENTATIVE"

    accepted_booking = services.accept_offer(waiting, NOW + 2 * HOUR)
    accepted = events(Calendar.from_ical(ics.invitation(accepted_booking, ics.REQUEST, NOW)))[0]

    # The coordinator moves the session an hour later.
    SessionDate.objects.filter(session=session).update(
        starts_at=START + HOUR, ends_at=START + 4 * HOUR
    )
    services.notify_session_changed(session, NOW + 3 * HOUR)
    accepted_booking.refresh_from_db()
    moved = events(Calendar.from_ical(ics.invitation(accepted_booking, ics.REQUEST, NOW)))[0]

    cancelled_booking = services.cancel(accepted_booking, NOW + 4 * HOUR)
    cancelled_text = ics.invitation(cancelled_booking, ics.CANCEL, NOW)
    calendar, second = parse(cancelled_text)
    cancelled = events(calendar)[0]

    uids = {str(e["UID"]) for e in (offered, accepted, moved, cancelled)}
    assert len(uids) == 1
    sequences = [int(e["SEQUENCE"]) for e in (offered, accepted, moved, cancelled)]
    assert sequences == sorted(set(sequences)), sequences  # strictly rising
    assert moved.decoded("DTSTART") == datetime.datetime(2026, 6, 15, 9, 0, tzinfo=datetime.UTC)
    assert calendar["METHOD"] == "CANCEL"
    assert str(cancelled["STATUS"]) == "CANCELLED"
    assert second.method.value == "CANCEL" and second.vevent.status.value == "CANCELLED"


def test_a_session_on_two_days_is_two_events_with_their_own_uids(people):
    session = make_session(start=START)
    SessionDate.objects.create(
        session=session,
        starts_at=START + datetime.timedelta(days=7),
        ends_at=START + datetime.timedelta(days=7, hours=3),
    )
    booking = services.book(people[0], session, NOW)
    calendar, second = parse(ics.invitation(booking, ics.REQUEST, NOW))
    assert len({str(e["UID"]) for e in events(calendar)}) == 2
    assert len(second.vevent_list) == 2


def test_the_emails_carry_the_invitation_and_the_cancellation(session, people, commit):
    with commit():
        booking = services.book(people[0], session, NOW)
    name, content, mimetype = attachment(mail.outbox[-1])
    assert name == "invitation.ics" and mimetype == "text/calendar; method=REQUEST"
    assert Calendar.from_ical(content)["METHOD"] == "REQUEST"
    with commit():
        services.cancel(booking, NOW + HOUR)
    name, content, mimetype = attachment(mail.outbox[-1])
    assert mimetype == "text/calendar; method=CANCEL"
    calendar, second = parse(content)
    assert str(events(calendar)[0]["STATUS"]) == "CANCELLED"
    assert second.method.value == "CANCEL"


def test_joining_the_waiting_list_sends_no_calendar_entry(session, people, commit):
    services.book(people[0], session, NOW)
    services.book(people[1], session, NOW)
    with commit():
        services.book(people[2], session, NOW)
    message = mail.outbox[-1]
    assert message.subject.endswith("You are on the waiting list for a training session")
    assert not message.attachments


def test_download_all_holds_places_and_offers_still_to_come(session, people):
    later = make_session(start=START + datetime.timedelta(days=30))
    past = make_session(start=NOW - 48 * HOUR, booking_deadline=NOW - 72 * HOUR)
    cancelled = make_session(start=START + datetime.timedelta(days=40))
    kept = [services.book(people[0], session, NOW), services.book(people[0], later, NOW)]
    services.cancel(services.book(people[0], cancelled, NOW), NOW)
    from events.models import Booking, BookingState

    Booking.objects.create(session=past, user=people[0], state=BookingState.ATTENDED)
    from events.selectors import calendar_bookings

    text = ics.all_bookings(calendar_bookings(people[0], NOW), NOW)
    calendar, second = parse(text)
    assert calendar["METHOD"] == "PUBLISH"
    assert sorted(str(e["UID"]).split("-")[1] for e in events(calendar)) == sorted(
        str(b.pk) for b in kept
    )
    assert len(second.vevent_list) == 2
