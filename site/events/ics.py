"""Calendar invitations (iCalendar, RFC 5545 and iTIP, RFC 5546) for bookings.

- One VEVENT per session date. Its UID is ``booking-<booking id>-date-<date id>@<site host>``:
  stable for the life of the booking, so a later invitation updates or cancels the same
  calendar entry instead of adding another.
- SEQUENCE is ``booking.sequence + session.sequence``: each counter only goes up (the
  booking's on every change of state, the session's when its dates, place or status
  change), so every later invitation for a UID carries a higher SEQUENCE.
- METHOD:REQUEST when a place is booked, offered or changed (STATUS CONFIRMED for a place,
  TENTATIVE for an offer); METHOD:CANCEL with STATUS:CANCELLED when it is cancelled or an
  offer expires; METHOD:PUBLISH for "Download all my bookings".
- Times are in UTC (``...Z``), which every calendar converts to the reader's zone.
- What it holds: the course title, the dates, the place ("Online", or the venue's address)
  and a link to the session page (the joining link is on that page, for people with a
  place). Nothing else: no trainer, no other attendees, no notes.
"""

from __future__ import annotations

import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText

from config.site_url import absolute, base

from .models import Booking, BookingState, Mode

REQUEST = "REQUEST"
CANCEL = "CANCEL"
PUBLISH = "PUBLISH"
PRODID = "-//Safe City Learning//Training sessions//EN"


def host() -> str:
    return urlsplit(base()).hostname or "safe-city-learning.invalid"


def uid(booking: Booking, date) -> str:
    return f"booking-{booking.pk}-date-{date.pk}@{host()}"


def sequence(booking: Booking) -> int:
    return booking.sequence + booking.session.sequence


def session_link(booking: Booking) -> str:
    return absolute(reverse("events:session", args=[booking.session_id]))


def _place(booking: Booking) -> str:
    session = booking.session
    if session.mode == Mode.ONLINE:
        return "Online (the joining link is on the session page)"
    return " ".join(session.venue_address.split())


def _status(booking: Booking, method: str) -> str:
    if method == CANCEL:
        return "CANCELLED"
    if booking.state == BookingState.OFFERED:
        return "TENTATIVE"
    return "CONFIRMED"


def _calendar(method: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    return calendar


def _events(booking: Booking, method: str, stamp: datetime.datetime) -> list[Event]:
    session = booking.session
    link = session_link(booking)
    organiser = vCalAddress(f"mailto:{settings.DEFAULT_FROM_EMAIL}")
    organiser.params["cn"] = vText("Safe City Learning")
    attendee = vCalAddress(f"mailto:{booking.user.email}")
    attendee.params["role"] = vText("REQ-PARTICIPANT")
    attendee.params["partstat"] = vText(
        "NEEDS-ACTION" if booking.state == BookingState.OFFERED else "ACCEPTED"
    )
    attendee.params["rsvp"] = vText("FALSE")
    events = []
    for date in sorted(session.dates.all(), key=lambda d: d.starts_at):
        event = Event()
        event.add("uid", uid(booking, date))
        event.add("dtstamp", stamp)
        event.add("dtstart", date.starts_at.astimezone(datetime.UTC))
        event.add("dtend", date.ends_at.astimezone(datetime.UTC))
        event.add("sequence", sequence(booking))
        event.add("summary", session.course.title)
        event.add("location", _place(booking))
        event.add("description", f"Details and changes: {link}")
        event.add("url", link)
        event.add("status", _status(booking, method))
        event.add("transp", "OPAQUE")
        event.add("organizer", organiser)
        event.add("attendee", attendee)
        events.append(event)
    return events


def invitation(booking: Booking, method: str, now: datetime.datetime | None = None) -> str:
    """The invitation (REQUEST) or cancellation (CANCEL) for one booking, as text."""
    stamp = (now or timezone.now()).astimezone(datetime.UTC)
    calendar = _calendar(method)
    for event in _events(booking, method, stamp):
        calendar.add_component(event)
    return calendar.to_ical().decode("utf-8")


def all_bookings(bookings, now: datetime.datetime | None = None) -> str:
    """Every booking given, in one calendar to import (METHOD:PUBLISH)."""
    stamp = (now or timezone.now()).astimezone(datetime.UTC)
    calendar = _calendar(PUBLISH)
    for booking in bookings:
        for event in _events(booking, PUBLISH, stamp):
            calendar.add_component(event)
    return calendar.to_ical().decode("utf-8")


def attachment(booking: Booking, method: str, now=None) -> tuple[str, str, str]:
    """(filename, content, MIME type) for an email, as calendars expect an invitation."""
    return (
        "invitation.ics",
        invitation(booking, method, now),
        f"text/calendar; method={method}",
    )
