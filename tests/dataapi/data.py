"""A populated partnership for the API tests: the coverage edge cases of
``tests/courses/coverage_data.py`` (as of its ``NOW``), a closed quarter's snapshot, marked
registers in two months, and Safe Places venues in several statuses and districts."""

import datetime

import time_machine

from accounts.factories import UserFactory
from courses.services.snapshots import take_snapshot
from events.factories import make_session
from events.models import Booking, BookingState
from network.factories import AgencyFactory, VenueFactory
from network.models import VenueStatus
from tests.courses.coverage_data import LONDON, NOW, build

OCTOBER = datetime.datetime(2026, 10, 15, 10, 0, tzinfo=LONDON)
# The first moment of November (London): in November, not October.
NOVEMBER = datetime.datetime(2026, 11, 1, 0, 0, tzinfo=LONDON)

# (agency, month, states): X has 6 marked in October and exactly 5 in November (shown);
# Y has 2 and 4 (fewer than 5: withheld).
A, N, L = BookingState.ATTENDED, BookingState.NO_SHOW, BookingState.LATE_CANCELLATION
REGISTERS = {
    ("x", OCTOBER): [A, A, A, A, N, L],
    ("x", NOVEMBER): [A, A, A, N, N],
    ("y", OCTOBER): [A, N],
    ("y", NOVEMBER): [A, A, A, N],
}

VENUES = [
    ("SO14 7LY", VenueStatus.APPROVED),
    ("SO14 0AA", VenueStatus.APPROVED),
    ("SO15 2BB", VenueStatus.APPROVED),
    ("SO15 3CC", VenueStatus.SUSPENDED),
    ("SO16 4DD", VenueStatus.SUBMITTED),
    ("SO17 5EE", VenueStatus.REJECTED),
    ("SO17 5EE", VenueStatus.LAPSED),
]


def make_people(agency, states, session, label: str):
    for n, state in enumerate(states):
        person = UserFactory(agency=agency, full_name=f"Attendee {label} {n}", job_role="frontline")
        Booking.objects.create(session=session, user=person, state=state)


def populate(catalogue, coordinator, *, extra: int = 25) -> dict:
    data = build(catalogue, coordinator, extra=extra)
    agencies = {
        "x": AgencyFactory(name="Attendance X", sector="housing", headcount=40),
        "y": AgencyFactory(name="Attendance Y", sector="housing", headcount=30),
    }
    for (key, start), states in REGISTERS.items():
        session = make_session(start=start, capacity=20)
        make_people(agencies[key], states, session, f"{key}{start:%m}")
    # A cancelled session's marks never count.
    cancelled = make_session(start=OCTOBER, capacity=20, status="cancelled")
    make_people(agencies["x"], [N, N, N, N, N], cancelled, "cancelled")
    for n, (postcode, status) in enumerate(VENUES):
        VenueFactory(
            postcode=postcode,
            status=status,
            address_line_1=f"{n} Test Street",
            lead_name=f"Venue Lead Person {n}",
            contact_email=f"venue.lead.{n}@business.example",
        )
    with time_machine.travel(NOW, tick=False):
        take_snapshot(2026, 3, now=NOW)
    return {**data, "attendance_agencies": agencies}
