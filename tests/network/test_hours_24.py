"""Open 24 hours: an option on each weekday, shown as "Open 24 hours" and never as
"closes at 11:59pm", with "Open now" right across the day boundary."""

import datetime

import pytest
import time_machine
from django.db import IntegrityError, transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from network.factories import VenueFactory
from network.forms import HoursForm
from network.hours import Spell, is_open, open_at_q, status_text
from network.models import Venue, VenueHours

UTC = datetime.UTC
T = datetime.time
ALL_DAY = "all day"


def at(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=UTC)


def week(spec: dict) -> list[Spell]:
    """{weekday: ALL_DAY or (opens, closes, overnight)}; missing days are closed."""
    spells = []
    for day in range(7):
        value = spec.get(day)
        if value is None:
            spells.append(Spell(day, True, None, None, False))
        elif value == ALL_DAY:
            spells.append(Spell(day, False, None, None, False, all_day=True))
        else:
            spells.append(Spell(day, False, *value))
    return spells


def venue_with(spec: dict, **extra) -> Venue:
    """A listed venue with ``spec``'s hours (ALL_DAY days are open 24 hours)."""
    plain = {day: value for day, value in spec.items() if value != ALL_DAY}
    venue = VenueFactory(hours=plain, **extra)
    for day, value in spec.items():
        if value == ALL_DAY:
            VenueHours.objects.filter(venue=venue, weekday=day).update(
                closed=False, all_day=True, opens=None, closes=None, overnight=False
            )
    return venue


# 2026-01-14 is a Wednesday (weekday 2) in GMT, so London time is UTC.
WEDNESDAY_ALL_DAY_THEN_NINE_TO_FIVE = week({2: ALL_DAY, 3: (T(9), T(17), False)})


def test_a_24_hour_day_is_open_from_midnight_to_midnight():
    hours = WEDNESDAY_ALL_DAY_THEN_NINE_TO_FIVE
    assert is_open(hours, at(2026, 1, 14, 0, 0))
    assert is_open(hours, at(2026, 1, 14, 12, 0))
    assert is_open(hours, at(2026, 1, 14, 23, 59, 59))


def test_a_24_hour_day_closes_at_midnight_before_a_normal_day():
    hours = WEDNESDAY_ALL_DAY_THEN_NINE_TO_FIVE
    assert status_text(hours, at(2026, 1, 14, 12, 0)) == "Open now, closes at midnight"
    assert status_text(hours, at(2026, 1, 14, 23, 59)) == "Open now, closes at midnight"
    # The day boundary: Thursday has begun, and Thursday opens at 9am.
    assert not is_open(hours, at(2026, 1, 15, 0, 0))
    assert status_text(hours, at(2026, 1, 15, 0, 0)) == "Closed now, opens at 9am"
    assert status_text(hours, at(2026, 1, 15, 10, 0)) == "Open now, closes at 5pm"


def test_a_closed_day_before_a_24_hour_day_says_it_opens_at_midnight():
    hours = WEDNESDAY_ALL_DAY_THEN_NINE_TO_FIVE
    # Tuesday 8pm: Wednesday's 24 hours start at midnight tonight.
    assert status_text(hours, at(2026, 1, 13, 20, 0)) == "Closed now, opens at midnight"
    # Monday: Wednesday is two days away.
    assert status_text(hours, at(2026, 1, 12, 20, 0)) == ("Closed now, open 24 hours on Wednesday")


def test_24_hour_days_in_a_row_close_at_the_end_of_the_last_one():
    hours = week({2: ALL_DAY, 3: ALL_DAY, 4: (T(9), T(17), False)})
    assert status_text(hours, at(2026, 1, 14, 12, 0)) == (
        "Open now, closes at midnight tomorrow night"
    )
    hours = week({2: ALL_DAY, 3: ALL_DAY, 4: ALL_DAY})
    assert status_text(hours, at(2026, 1, 14, 12, 0)) == (
        "Open now, closes at midnight on Friday night"
    )


def test_a_24_hour_day_running_into_early_hours_closes_then():
    hours = week({2: ALL_DAY, 3: (T(0), T(6), False)})
    assert status_text(hours, at(2026, 1, 14, 22, 0)) == "Open now, closes at 6am tomorrow"


def test_overnight_hours_running_into_a_24_hour_day():
    hours = week({1: (T(18), T(2), True), 2: ALL_DAY})
    assert is_open(hours, at(2026, 1, 14, 1, 0))
    assert status_text(hours, at(2026, 1, 14, 1, 0)) == "Open now, closes at midnight"


def test_open_24_hours_every_day():
    hours = week(dict.fromkeys(range(7), ALL_DAY))
    assert status_text(hours, at(2026, 1, 14, 3, 0)) == "Open now, open 24 hours"


def test_a_24_hour_venue_closed_on_bank_holidays_is_closed_on_christmas_day():
    # Friday 25 December 2026.
    hours = week(dict.fromkeys(range(7), ALL_DAY))
    assert not is_open(hours, at(2026, 12, 25, 12, 0), closed_on_bank_holidays=True)
    assert is_open(hours, at(2026, 12, 25, 12, 0), closed_on_bank_holidays=False)
    assert status_text(hours, at(2026, 12, 24, 12, 0), closed_on_bank_holidays=True) == (
        "Open now, closes at midnight"
    )


def test_describe_says_open_24_hours():
    row = VenueHours(weekday=2, all_day=True)
    assert row.describe() == "Open 24 hours"
    assert str(row) == "Wednesday: Open 24 hours"


# --- Storage --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_database_refuses_a_24_hour_day_with_times_or_closed():
    venue = VenueFactory()
    row = VenueHours.objects.get(venue=venue, weekday=0)
    for bad in (
        {"all_day": True, "closed": False, "opens": T(9), "closes": T(17)},
        {"all_day": True, "closed": True, "opens": None, "closes": None},
        {"all_day": True, "closed": False, "opens": None, "closes": None, "overnight": True},
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            VenueHours.objects.filter(pk=row.pk).update(**{"overnight": False, **bad})
    VenueHours.objects.filter(pk=row.pk).update(
        all_day=True, closed=False, opens=None, closes=None, overnight=False
    )


def test_model_validation_for_a_24_hour_day():
    VenueHours(weekday=0, all_day=True).clean()  # no times needed
    with pytest.raises(Exception, match="24 hours"):
        VenueHours(weekday=0, all_day=True, closed=True).clean()


@pytest.mark.django_db
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    spec=st.fixed_dictionaries(
        {
            day: st.sampled_from(
                [None, ALL_DAY, (T(9), T(17), False), (T(18), T(2), True), (T(0), T(6), False)]
            )
            for day in range(7)
        }
    ),
    moment=st.builds(
        lambda day, hour, minute: datetime.datetime.combine(day, T(hour, minute), tzinfo=UTC),
        st.dates(min_value=datetime.date(2026, 12, 20), max_value=datetime.date(2027, 1, 3)),
        st.integers(0, 23),
        st.sampled_from([0, 1, 59]),
    ),
    closed_on_bank_holidays=st.booleans(),
)
def test_is_open_and_the_database_condition_agree_for_24_hour_days(
    spec, moment, closed_on_bank_holidays
):
    venue = venue_with(spec, closed_on_bank_holidays=closed_on_bank_holidays)
    expected = is_open(list(venue.hours.all()), moment, closed_on_bank_holidays)
    found = Venue.objects.filter(pk=venue.pk).filter(open_at_q(moment)).exists()
    assert found == expected, (spec, moment)


# --- Forms ----------------------------------------------------------------------------------


def hours_form(**data):
    return HoursForm({f"hours-2-{k}": v for k, v in data.items()}, weekday=2)


def test_the_hours_form_offers_open_24_hours():
    form = hours_form(all_day="on")
    assert form.is_valid(), form.errors
    assert form.row() == {
        "weekday": 2,
        "closed": False,
        "all_day": True,
        "opens": None,
        "closes": None,
        "overnight": False,
    }
    assert "Open 24 hours" in str(HoursForm(weekday=2)["all_day"].label)


def test_closed_and_open_24_hours_together_is_an_error():
    form = hours_form(all_day="on", closed="on")
    assert not form.is_valid()
    assert "Wednesday" in str(form.errors) and "24 hours" in str(form.errors)


# --- Pages ----------------------------------------------------------------------------------


@pytest.mark.django_db
@time_machine.travel(at(2026, 1, 14, 22, 30), tick=False)
def test_the_venue_page_shows_open_24_hours_and_closes_at_midnight(client):
    venue = venue_with({2: ALL_DAY, 3: (T(9), T(17), False)})
    html = client.get(reverse("network:venue", args=[venue.slug])).content.decode()
    assert "Open now, closes at midnight" in html
    assert "Open 24 hours" in html
    assert "11:59" not in html


@pytest.mark.django_db
@time_machine.travel(at(2026, 1, 15, 0, 0), tick=False)
def test_open_now_in_the_finder_ends_at_midnight_after_a_24_hour_day(client):
    from network.geocoding import FAKE_PLACES

    lat, lng = FAKE_PLACES["portswood"]
    venue_with(
        {2: ALL_DAY, 3: (T(9), T(17), False)}, name="All Day Pharmacy", latitude=lat, longitude=lng
    )
    response = client.post(
        reverse("network:finder"), {"query": "Portswood", "open_now": "on"}, follow=True
    )
    assert "All Day Pharmacy" not in response.content.decode()
    response = client.post(reverse("network:finder"), {"query": "Portswood"}, follow=True)
    assert "Closed now, opens at 9am" in response.content.decode()
