"""Opening hours: is a venue open at a given moment, in Europe/London time?

Hours are kept per weekday. Overnight hours close on the following day (a bar open 6pm to
2am is open at 1am on the next weekday). A day "open 24 hours" is open from midnight to
midnight; several in a row are one long spell. Venues may close on bank holidays in England; an
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
    all_day: bool = False


MIDNIGHT = datetime.time(0)


def _spells(hours) -> dict[int, Spell]:
    """Open days by weekday. A 24-hour day becomes midnight to midnight (``overnight``, so
    it ends at the start of the next day and never spills into it)."""
    spells = {}
    for h in hours:
        if h.closed:
            continue
        if getattr(h, "all_day", False):
            spells[h.weekday] = Spell(h.weekday, False, MIDNIGHT, MIDNIGHT, True, all_day=True)
        elif h.opens is not None and h.closes is not None:
            spells[h.weekday] = Spell(h.weekday, False, h.opens, h.closes, h.overnight)
    return spells


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
        rows.filter(weekday=today.weekday()).filter(
            Q(all_day=True) | Q(opens__lte=now) & (Q(overnight=True) | Q(closes__gt=now))
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
        closing = _closing(spells, local.replace(tzinfo=None), closed_on_bank_holidays)
        if closing is None:
            return "Open now, open 24 hours"
        return f"Open now, closes at {_closing_words(closing, today)}"
    upcoming = _next_opening(spells, today, closed_on_bank_holidays, after=now)
    if upcoming is None:
        return "Closed now"
    day, opens = upcoming
    if spells[day.weekday()].all_day and day > today + datetime.timedelta(days=1):
        return f"Closed now, open 24 hours on {day.strftime('%A')}"
    return f"Closed now, opens at {_when(day, opens, today)}"


def _intervals(spells, start: datetime.date, days: int, closed_on_bank_holidays: bool):
    """(opens, closes) local datetimes of every spell starting on ``start`` and after."""
    for offset in range(days):
        day = start + datetime.timedelta(days=offset)
        spell = spells.get(day.weekday())
        if spell is None or (closed_on_bank_holidays and is_bank_holiday(day)):
            continue
        opens = datetime.datetime.combine(day, spell.opens)
        end_day = day + datetime.timedelta(days=1) if spell.overnight else day
        yield opens, datetime.datetime.combine(end_day, spell.closes)


def _closing(spells, now: datetime.datetime, closed_on_bank_holidays: bool):
    """When the venue, open at ``now`` (naive local time), next closes: the end of the spell
    it is in, carried on through any spell that starts as (or before) that one ends. None
    when it never closes in the coming week (open 24 hours every day)."""
    horizon = 9
    start = now.date() - datetime.timedelta(days=1)
    spans = sorted(_intervals(spells, start, horizon, closed_on_bank_holidays))
    end = None
    for opens, closes in spans:
        if end is None:
            if opens <= now < closes:
                end = closes
        elif opens <= end:
            end = max(end, closes)
    if end is None or end >= datetime.datetime.combine(
        start + datetime.timedelta(days=horizon - 1), MIDNIGHT
    ):
        return None
    return end


def _closing_words(end: datetime.datetime, today: datetime.date) -> str:
    """A closing moment in words. Midnight is named as the end of the day before it."""
    if end.time() != MIDNIGHT:
        return _when(end.date(), end.time(), today)
    night = end.date() - datetime.timedelta(days=1)
    if night == today:
        return "midnight"
    if night == today + datetime.timedelta(days=1):
        return "midnight tomorrow night"
    return f"midnight on {night.strftime('%A')} night"
