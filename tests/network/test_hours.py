"""Opening hours in Europe/London time: the rule a person relies on when they tick "Open now"."""

import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from network.factories import VenueFactory
from network.hours import Spell, is_bank_holiday, is_open, open_at_q, status_text
from network.models import Venue

UTC = datetime.UTC
T = datetime.time


def at(*args) -> datetime.datetime:
    """An aware UTC moment."""
    return datetime.datetime(*args, tzinfo=UTC)


def week(spec: dict) -> list[Spell]:
    """{weekday: (opens, closes, overnight) or None} -> the seven days' spells."""
    spells = []
    for day in range(7):
        value = spec.get(day)
        if value is None:
            spells.append(Spell(day, True, None, None, False))
        else:
            spells.append(Spell(day, False, *value))
    return spells


NINE_TO_FIVE = week({d: (T(9), T(17), False) for d in range(7)})
# Monday to Friday 9 to 5, closed at the weekend.
WEEKDAYS_ONLY = week({d: (T(9), T(17), False) for d in range(5)})
# A bar: Friday 6pm to 2am on Saturday, closed every other day.
FRIDAY_NIGHTS = week({4: (T(18), T(2), True)})


# 2026-01-14 is a Wednesday in GMT (London = UTC).
def test_open_during_normal_hours():
    assert is_open(NINE_TO_FIVE, at(2026, 1, 14, 12, 0))
    assert status_text(NINE_TO_FIVE, at(2026, 1, 14, 12, 0)) == "Open now, closes at 5pm"


def test_closed_before_opening_says_when_it_opens():
    assert not is_open(NINE_TO_FIVE, at(2026, 1, 14, 8, 59))
    assert status_text(NINE_TO_FIVE, at(2026, 1, 14, 8, 0)) == "Closed now, opens at 9am"


def test_opening_time_is_open_and_closing_time_is_closed():
    assert is_open(NINE_TO_FIVE, at(2026, 1, 14, 9, 0))
    assert is_open(NINE_TO_FIVE, at(2026, 1, 14, 16, 59, 59))
    assert not is_open(NINE_TO_FIVE, at(2026, 1, 14, 17, 0))
    assert status_text(NINE_TO_FIVE, at(2026, 1, 14, 17, 0)) == (
        "Closed now, opens at 9am tomorrow"
    )


def test_a_closed_day_is_closed_all_day_and_points_to_the_next_opening():
    saturday_noon = at(2026, 1, 17, 12, 0)
    assert not is_open(WEEKDAYS_ONLY, saturday_noon)
    assert status_text(WEEKDAYS_ONLY, saturday_noon) == "Closed now, opens at 9am on Monday"


def test_overnight_hours_are_open_after_midnight_on_the_next_day():
    friday_night = at(2026, 1, 16, 23, 30)
    saturday_1am = at(2026, 1, 17, 1, 0)
    assert is_open(FRIDAY_NIGHTS, friday_night)
    assert status_text(FRIDAY_NIGHTS, friday_night) == "Open now, closes at 2am tomorrow"
    assert is_open(FRIDAY_NIGHTS, saturday_1am)
    assert status_text(FRIDAY_NIGHTS, saturday_1am) == "Open now, closes at 2am"


def test_overnight_hours_close_at_their_closing_time():
    assert not is_open(FRIDAY_NIGHTS, at(2026, 1, 17, 2, 0))
    # Saturday is a closed day of its own: Friday's spell is all there is.
    assert not is_open(FRIDAY_NIGHTS, at(2026, 1, 17, 18, 30))
    # Thursday has no hours, so nothing spills into early Friday.
    assert not is_open(FRIDAY_NIGHTS, at(2026, 1, 16, 1, 0))


def test_british_summer_time_is_used_in_summer():
    # 08:30 UTC on 1 July is 09:30 in London (BST): open.
    assert is_open(NINE_TO_FIVE, at(2026, 7, 1, 8, 30))
    # 16:30 UTC is 17:30 BST: closed, although 16:30 is inside 9 to 5.
    assert not is_open(NINE_TO_FIVE, at(2026, 7, 1, 16, 30))
    # In winter (GMT) 08:30 UTC is 08:30 in London: not open yet.
    assert not is_open(NINE_TO_FIVE, at(2026, 1, 14, 8, 30))


def test_the_night_the_clocks_go_forward():
    # 29 March 2026: at 01:00 GMT the clocks jump to 02:00 BST.
    early_sunday = week({6: (T(2), T(5), False)})
    assert not is_open(early_sunday, at(2026, 3, 29, 0, 30))  # 00:30 GMT
    assert is_open(early_sunday, at(2026, 3, 29, 1, 30))  # 02:30 BST


def test_christmas_day_is_a_bank_holiday_in_england():
    assert is_bank_holiday(datetime.date(2026, 12, 25))
    assert not is_bank_holiday(datetime.date(2026, 12, 23))


def test_a_venue_closed_on_bank_holidays_is_closed_on_christmas_day():
    christmas_noon = at(2026, 12, 25, 12, 0)  # a Friday
    assert is_open(NINE_TO_FIVE, christmas_noon, closed_on_bank_holidays=False)
    assert not is_open(NINE_TO_FIVE, christmas_noon, closed_on_bank_holidays=True)
    assert status_text(NINE_TO_FIVE, christmas_noon, True).startswith("Closed now")
    # An ordinary Friday the week before is open as usual.
    assert is_open(NINE_TO_FIVE, at(2026, 12, 18, 12, 0), closed_on_bank_holidays=True)


def test_a_christmas_day_overnight_spell_does_not_spill_into_boxing_day():
    christmas_night = at(2026, 12, 25, 20, 0)
    early_26th = at(2026, 12, 26, 1, 0)
    assert is_open(FRIDAY_NIGHTS, christmas_night, closed_on_bank_holidays=False)
    assert is_open(FRIDAY_NIGHTS, early_26th, closed_on_bank_holidays=False)
    assert not is_open(FRIDAY_NIGHTS, christmas_night, closed_on_bank_holidays=True)
    assert not is_open(FRIDAY_NIGHTS, early_26th, closed_on_bank_holidays=True)


# --- The database rule agrees with the Python rule ------------------------------------------

quarter_hours = st.builds(T, hour=st.integers(0, 23), minute=st.sampled_from([0, 15, 30, 45]))


@st.composite
def day_hours(draw):
    if draw(st.booleans()):
        return None
    opens = draw(quarter_hours)
    closes = draw(quarter_hours)
    # Closing at or before opening time means the spell runs past midnight.
    return (opens, closes, closes <= opens)


weekly_hours = st.fixed_dictionaries({day: day_hours() for day in range(7)})

# Days where the rule has edges: bank holidays and their eves, and clock changes.
INTERESTING_DAYS = [
    datetime.date(2026, 12, 24),
    datetime.date(2026, 12, 25),
    datetime.date(2026, 12, 26),
    datetime.date(2026, 12, 27),
    datetime.date(2026, 12, 28),
    datetime.date(2026, 12, 29),
    datetime.date(2026, 3, 29),
    datetime.date(2026, 3, 30),
    datetime.date(2026, 10, 25),
    datetime.date(2026, 10, 26),
    datetime.date(2026, 5, 4),
    datetime.date(2026, 5, 5),
]
days = st.one_of(
    st.sampled_from(INTERESTING_DAYS),
    st.dates(min_value=datetime.date(2026, 1, 1), max_value=datetime.date(2027, 12, 31)),
)
moments = st.builds(
    lambda day, hour, minute, second: datetime.datetime.combine(
        day, T(hour, minute, second), tzinfo=UTC
    ),
    days,
    st.integers(0, 23),
    st.sampled_from([0, 14, 15, 29, 30, 45, 59]),
    st.sampled_from([0, 0, 0, 59]),
)


@pytest.mark.django_db
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(spec=weekly_hours, moment=moments, closed_on_bank_holidays=st.booleans())
def test_is_open_and_the_database_condition_always_agree(spec, moment, closed_on_bank_holidays):
    venue = VenueFactory(hours=spec, closed_on_bank_holidays=closed_on_bank_holidays)
    hours = list(venue.hours.all())
    expected = is_open(hours, moment, closed_on_bank_holidays)
    found = Venue.objects.filter(pk=venue.pk).filter(open_at_q(moment)).exists()
    assert found == expected, (spec, moment, closed_on_bank_holidays)
