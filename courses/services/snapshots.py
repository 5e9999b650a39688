"""Storing each closed quarter's coverage figures once (``CoverageSnapshot``).

See ``courses.selectors.snapshots`` for what a quarter, its figures and a snapshot are.
"""

import datetime
import logging

from django.db import IntegrityError, transaction
from django.utils import timezone

from ..models import CoverageSnapshot
from ..selectors.snapshots import (
    DEFINITIONS_VERSION,
    Quarter,
    last_closed_quarter,
    quarter_figures,
)

log = logging.getLogger(__name__)

# How many missed quarters the daily job fills in at most (a job stopped for a long time).
CATCH_UP_QUARTERS = 4


class QuarterNotClosed(ValueError):
    pass


def take_snapshot(
    year: int, quarter: int, now: datetime.datetime | None = None
) -> tuple[CoverageSnapshot, bool]:
    """Store the figures of a closed quarter, once: ``(snapshot, True)`` when this call
    stored it, ``(the existing one, False)`` when it was already there (a second run, or a
    second worker that lost the race: the unique constraint on the quarter decides).

    The figures are computed with ``now`` = the quarter's last moment (Europe/London) for
    every agency. Raises ``QuarterNotClosed`` before the quarter has ended.
    """
    now = now or timezone.now()
    period = Quarter(year, quarter)
    if not period.is_closed(now):
        raise QuarterNotClosed(f"{period.label} has not ended yet.")
    existing = CoverageSnapshot.objects.filter(year=year, quarter=quarter).first()
    if existing is not None:
        return existing, False
    figures = quarter_figures(period)
    try:
        with transaction.atomic():
            snapshot = CoverageSnapshot.objects.create(
                year=year,
                quarter=quarter,
                period_start=period.start,
                period_end=period.end,
                taken_at=now,
                figures=figures,
                definitions_version=DEFINITIONS_VERSION,
            )
    except IntegrityError:
        return CoverageSnapshot.objects.get(year=year, quarter=quarter), False
    log.info("Coverage snapshot for %s taken", period.label)
    return snapshot, True


def quarters_due(now: datetime.datetime) -> list[Quarter]:
    """Closed quarters the daily job should snapshot, oldest first: the last closed quarter,
    and any before it back to the newest snapshot (at most ``CATCH_UP_QUARTERS``), so a job
    that did not run for a while fills the gap. With no snapshot at all, only the last
    closed quarter: figures for older quarters computed today would not be what they were.
    """
    last = last_closed_quarter(now)
    newest = CoverageSnapshot.objects.order_by("-year", "-quarter").first()
    due = [last]
    if newest is not None:
        floor = Quarter(newest.year, newest.quarter)
        cursor = last.previous()
        while cursor > floor and len(due) < CATCH_UP_QUARTERS:
            due.append(cursor)
            cursor = cursor.previous()
    existing = set(CoverageSnapshot.objects.values_list("year", "quarter"))
    return sorted(q for q in due if (q.year, q.number) not in existing)


def take_due_snapshots(now: datetime.datetime | None = None) -> list[CoverageSnapshot]:
    """Snapshot every quarter ``quarters_due`` lists; returns the ones this call stored."""
    now = now or timezone.now()
    taken = []
    for quarter in quarters_due(now):
        snapshot, created = take_snapshot(quarter.year, quarter.number, now)
        if created:
            taken.append(snapshot)
    return taken
