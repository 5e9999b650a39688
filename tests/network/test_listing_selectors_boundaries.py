"""What the Safe Places officer compares before approving a listing change, row by row.

``listing_hours`` reads the seven days as they stand (a missing day is closed; a closed or
24-hour day has no times, whatever is left in the row); ``change_rows`` puts each public
field and each day's hours side by side, marks what changed and nothing else, and shows
yes/no and empty values in words.
"""

import datetime

import pytest
from django.utils import timezone

from network.factories import VenueFactory
from network.models import VenueChange, VenueHours
from network.selectors import change_rows, hours_from_json, listing_hours

pytestmark = pytest.mark.django_db

T = datetime.time


@pytest.fixture
def venue():
    venue = VenueFactory(
        public_phone="023 8000 0000",
        description="",
        step_free=True,
        accessible_toilet=False,
        quiet_space=False,
        hearing_loop=False,
        closed_on_bank_holidays=False,
        hours={},
    )
    VenueHours.objects.filter(venue=venue).delete()
    VenueHours.objects.bulk_create(
        [
            VenueHours(venue=venue, weekday=0, opens=T(9), closes=T(17)),
            # Closed, with the overnight times it had before it closed still in the row.
            VenueHours(
                venue=venue, weekday=1, closed=True, opens=T(22), closes=T(2), overnight=True
            ),
            VenueHours(venue=venue, weekday=2, all_day=True),
            VenueHours(venue=venue, weekday=3, opens=T(22), closes=T(2), overnight=True),
            # Friday to Sunday have no row at all.
        ]
    )
    return venue


def closed(day):
    return {
        "weekday": day,
        "closed": True,
        "all_day": False,
        "opens": None,
        "closes": None,
        "overnight": False,
    }


def test_the_seven_days_as_they_stand_with_missing_days_closed(venue):
    assert listing_hours(venue) == [
        {
            "weekday": 0,
            "closed": False,
            "all_day": False,
            "opens": T(9),
            "closes": T(17),
            "overnight": False,
        },
        closed(1),
        {
            "weekday": 2,
            "closed": False,
            "all_day": True,
            "opens": None,
            "closes": None,
            "overnight": False,
        },
        {
            "weekday": 3,
            "closed": False,
            "all_day": False,
            "opens": T(22),
            "closes": T(2),
            "overnight": True,
        },
        closed(4),
        closed(5),
        closed(6),
    ]


def test_stored_times_come_back_as_times_and_empty_ones_as_none():
    rows = [{"weekday": 0, "opens": "09:30", "closes": "", "closed": False}]
    assert hours_from_json(rows) == [
        {"weekday": 0, "opens": T(9, 30), "closes": None, "closed": False}
    ]
    assert hours_from_json([{"weekday": 1}]) == [{"weekday": 1, "opens": None, "closes": None}]


def proposal(venue, **fields):
    hours = [
        {
            "weekday": 0,
            "closed": False,
            "all_day": False,
            "opens": "09:00",
            "closes": "17:30",
            "overnight": False,
        },
        {**closed(1)},
        {
            "weekday": 2,
            "closed": False,
            "all_day": True,
            "opens": None,
            "closes": None,
            "overnight": False,
        },
        {
            "weekday": 3,
            "closed": False,
            "all_day": False,
            "opens": "22:00",
            "closes": "02:00",
            "overnight": True,
        },
        {**closed(4)},
        {
            "weekday": 5,
            "closed": False,
            "all_day": False,
            "opens": "12:00",
            "closes": "00:00",
            "overnight": True,
        },
        {**closed(6)},
    ]
    return VenueChange.objects.create(
        venue=venue, proposed={**fields, "hours": hours}, submitted_at=timezone.now()
    )


def test_each_field_and_day_is_shown_old_beside_new_and_only_changes_are_marked(venue):
    change = proposal(
        venue,
        public_phone="023 8000 1111",
        description="A café by the park.",
        step_free=True,
        accessible_toilet=False,
        quiet_space=True,
        hearing_loop=False,
        closed_on_bank_holidays=True,
    )
    assert change_rows(venue, change) == [
        {
            "label": "Public phone number",
            "old": "023 8000 0000",
            "new": "023 8000 1111",
            "changed": True,
        },
        {
            "label": "About this place",
            "old": "None given",
            "new": "A café by the park.",
            "changed": True,
        },
        {"label": "Step-free access", "old": "Yes", "new": "Yes", "changed": False},
        {"label": "Accessible toilet", "old": "No", "new": "No", "changed": False},
        {"label": "Quiet space", "old": "No", "new": "Yes", "changed": True},
        {"label": "Hearing loop", "old": "No", "new": "No", "changed": False},
        {"label": "Closed on bank holidays", "old": "No", "new": "Yes", "changed": True},
        {"label": "Monday", "old": "9am to 5pm", "new": "9am to 5:30pm", "changed": True},
        {"label": "Tuesday", "old": "Closed", "new": "Closed", "changed": False},
        {"label": "Wednesday", "old": "Open 24 hours", "new": "Open 24 hours", "changed": False},
        {
            "label": "Thursday",
            "old": "10pm to 2am (next day)",
            "new": "10pm to 2am (next day)",
            "changed": False,
        },
        {"label": "Friday", "old": "Closed", "new": "Closed", "changed": False},
        {
            "label": "Saturday",
            "old": "Closed",
            "new": "midday to midnight (next day)",
            "changed": True,
        },
        {"label": "Sunday", "old": "Closed", "new": "Closed", "changed": False},
    ]


def test_a_field_the_change_does_not_name_is_shown_as_it_is_unchanged(venue):
    change = proposal(venue, public_phone="023 8000 1111")
    rows = {row["label"]: row for row in change_rows(venue, change)}
    assert rows["About this place"] == {
        "label": "About this place",
        "old": "None given",
        "new": "None given",
        "changed": False,
    }
    assert rows["Step-free access"]["new"] == "Yes"
    assert not rows["Step-free access"]["changed"]
    assert rows["Public phone number"]["changed"]


def test_a_change_without_hours_compares_only_the_fields(venue):
    change = VenueChange.objects.create(
        venue=venue, proposed={"public_phone": "023 8000 1111"}, submitted_at=timezone.now()
    )
    labels = [row["label"] for row in change_rows(venue, change)]
    assert labels == [
        "Public phone number",
        "About this place",
        "Step-free access",
        "Accessible toilet",
        "Quiet space",
        "Hearing loop",
        "Closed on bank holidays",
    ]
