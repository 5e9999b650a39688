"""Opening hours: is a venue open at a given moment, in Europe/London time?

Hours are kept per weekday. Overnight hours close on the following day (a bar open 6pm to
2am is open at 1am on the next weekday). Venues may close on bank holidays in England; an
overnight spell that starts on a bank holiday does not happen either. The same rule is
written twice: ``is_open`` for one venue in Python, ``open_at_q`` as a database condition
for the finder. Tests check that the two always agree.
"""

import datetime
from dataclasses import dataclass
from functools import cache

import holidays
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone


def london(moment: datetime.datetime) -> datetime.datetime:
    """The moment in the city's local time (GMT or BST)."""
    from zoneinfo import ZoneInfo

    return timezone.localtime(moment, ZoneInfo("Europe/London"))


@cache
def _bank_holidays(year: int) -> frozenset[datetime.date]:
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year).keys())


def is_bank_holiday(day: datetime.date) -> bool:
    return day in _bank_holidays(day.year)


@dataclass(frozen=True)
class Spell:
    """One day's hours, as plain values (a model row or a form's cleaned data)."""

    weekday: int
    closed: bool
    opens: datetime.time | None
    closes: datetime.time | None
    overnight: bool


def _spells(hours) -> dict[int, Spell]:
    return {
        h.weekday: Spell(h.weekday, h.closed, h.opens, h.closes, h.overnight)
        for h in hours
        if not h.closed and h.opens is not None and h.closes is not None
    }


def is_open(hours, at: datetime.datetime, closed_on_bank_holidays: bool = False) -> bool:
    local = london(at)
    today, now = local.date(), local.time()
    yesterday = today - datetime.timedelta(days=1)
    spells = _spells(hours)
    first = spells.get(today.weekday())
    if (
        first
        and not (closed_on_bank_holidays and is_bank_holiday(today))
        and first.opens <= now
        and (first.overnight or now < first.closes)
    ):
        return True
    spill = spells.get(yesterday.weekday())
    return bool(
        spill
        and spill.overnight
        and not (closed_on_bank_holidays and is_bank_holiday(yesterday))
        and now < spill.closes
    )


def open_at_q(at: datetime.datetime, prefix: str = "") -> Q:
    """A condition on Venue: open at ``at`` (the same rule as :func:`is_open`)."""
    from .models import VenueHours

    local = london(at)
    today, now = local.date(), local.time()
    yesterday = today - datetime.timedelta(days=1)
    rows = VenueHours.objects.filter(venue=OuterRef(f"{prefix}pk"), closed=False)
    started_today = Exists(
        rows.filter(weekday=today.weekday(), opens__lte=now).filter(
            Q(overnight=True) | Q(closes__gt=now)
        )
    )
    spilled_over = Exists(rows.filter(weekday=yesterday.weekday(), overnight=True, closes__gt=now))
    bank_holiday_field = f"{prefix}closed_on_bank_holidays"
    first = Q(started_today)
    if is_bank_holiday(today):
        first &= Q(**{bank_holiday_field: False})
    second = Q(spilled_over)
    if is_bank_holiday(yesterday):
        second &= Q(**{bank_holiday_field: False})
    return first | second


def _next_opening(spells, start: datetime.date, closed_on_bank_holidays: bool, after=None):
    """The next (date, time) a spell starts, from ``start`` on (after ``after`` on that day)."""
    for offset in range(8):
        day = start + datetime.timedelta(days=offset)
        spell = spells.get(day.weekday())
        if spell is None or (closed_on_bank_holidays and is_bank_holiday(day)):
            continue
        if offset == 0 and after is not None and spell.opens <= after:
            continue
        return day, spell.opens
    return None


def _when(day: datetime.date, time: datetime.time, today: datetime.date) -> str:
    from .models import _time

    if day == today:
        return _time(time)
    if day == today + datetime.timedelta(days=1) and time == datetime.time(0):
        return "midnight"  # the end of today, not of tomorrow
    if day == today + datetime.timedelta(days=1):
        return f"{_time(time)} tomorrow"
    return f"{_time(time)} on {day.strftime('%A')}"


def status_text(hours, at: datetime.datetime, closed_on_bank_holidays: bool = False) -> str:
    """'Open now, closes at 11pm' or 'Closed now, opens at 9am tomorrow'."""
    local = london(at)
    today, now = local.date(), local.time()
    spells = _spells(hours)
    if is_open(hours, at, closed_on_bank_holidays):
        first = spells.get(today.weekday())
        yesterday = spells.get((today - datetime.timedelta(days=1)).weekday())
        if yesterday and yesterday.overnight and now < yesterday.closes:
            closing_day, closes = today, yesterday.closes
        elif first.overnight:
            closing_day, closes = today + datetime.timedelta(days=1), first.closes
        else:
            closing_day, closes = today, first.closes
        return f"Open now, closes at {_when(closing_day, closes, today)}"
    upcoming = _next_opening(spells, today, closed_on_bank_holidays, after=now)
    if upcoming is None:
        return "Closed now"
    return f"Closed now, opens at {_when(*upcoming, today)}"
