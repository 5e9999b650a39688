"""Storing closed quarters (courses/services/snapshots.py) at the edges: the newest
snapshot decides how far back the daily job catches up (the latest year *and* quarter,
not a quarter of an older year, not an older quarter of the same year), the moment given
is the one used, and a second run reads one row and stores nothing."""

import datetime
import zoneinfo

import pytest

from courses.models import CoverageSnapshot
from courses.selectors.snapshots import Quarter
from courses.services.snapshots import (
    QuarterNotClosed,
    quarters_due,
    take_due_snapshots,
    take_snapshot,
)

pytestmark = pytest.mark.django_db

LONDON = zoneinfo.ZoneInfo("Europe/London")


def london(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=LONDON)


def stored(*quarters):
    for year, number in quarters:
        take_snapshot(year, number, Quarter(year, number).end)


def test_the_newest_snapshot_is_the_latest_year_first():
    # 2025 Q3 has the higher quarter number; 2026 Q1 is the newer snapshot. The gap
    # before the newest (2025 Q4) is not filled: figures computed today for it would not
    # be what they were then.
    stored((2025, 3), (2026, 1))
    assert quarters_due(london(2026, 8, 1)) == [Quarter(2026, 2)]


def test_the_newest_snapshot_is_the_latest_quarter_of_its_year():
    stored((2026, 1), (2026, 3))  # 2026 Q1 stored first
    assert quarters_due(london(2027, 2, 1)) == [Quarter(2026, 4)]


def test_the_not_ended_message_names_the_quarter():
    with pytest.raises(QuarterNotClosed, match=r"^2026 Q4 has not ended yet\.$"):
        take_snapshot(2026, 4, london(2026, 12, 31, 12))


def test_a_second_run_reads_one_row_and_computes_nothing(django_assert_num_queries):
    first, created = take_snapshot(2026, 3, london(2026, 10, 2))
    assert created
    with django_assert_num_queries(1):
        again, created = take_snapshot(2026, 3, london(2026, 10, 3))
    assert (again, created) == (first, False)
    assert again.taken_at == london(2026, 10, 2)


def test_the_same_quarter_of_another_year_is_another_snapshot():
    stored((2025, 3))
    snapshot, created = take_snapshot(2026, 3, london(2026, 10, 2))
    assert created and snapshot.label == "2026 Q3"
    other, created = take_snapshot(2026, 2, london(2026, 10, 2))
    assert created and other.label == "2026 Q2"


def test_the_daily_job_stores_each_due_quarter_as_of_the_moment_given():
    stored((2025, 3))
    moment = london(2026, 4, 5, 6, 30)
    taken = take_due_snapshots(moment)
    assert [snapshot.label for snapshot in taken] == ["2025 Q4", "2026 Q1"]
    assert all(snapshot.taken_at == moment for snapshot in taken)
    assert take_due_snapshots(moment) == []
    assert CoverageSnapshot.objects.count() == 3


def test_the_daily_job_before_a_quarter_ends_stores_the_one_before():
    taken = take_due_snapshots(london(2025, 12, 31, 23, 59))
    assert [snapshot.label for snapshot in taken] == ["2025 Q3"]


def test_a_worker_that_loses_the_race_returns_the_winners_snapshot(monkeypatch):
    """Two workers both find no snapshot, both compute; the second insert breaks the unique
    quarter and that worker returns the first one's row (SQLite: the race is staged)."""
    from courses.services import snapshots

    stored((2025, 3), (2026, 2))  # the same quarter a year before; the quarter before
    compute = snapshots.quarter_figures
    winner = {}

    def meanwhile(period):
        figures = compute(period)
        # Another worker stores the quarter while this one was computing.
        winner["snapshot"] = CoverageSnapshot.objects.create(
            year=2026,
            quarter=3,
            period_start=period.start,
            period_end=period.end,
            taken_at=london(2026, 10, 1, 1),
            figures=figures,
            definitions_version="winner",
        )
        return figures

    monkeypatch.setattr(snapshots, "quarter_figures", meanwhile)
    snapshot, created = take_snapshot(2026, 3, london(2026, 10, 1, 2))
    assert created is False
    assert snapshot == winner["snapshot"] and snapshot.definitions_version == "winner"
    assert CoverageSnapshot.objects.filter(year=2026, quarter=3).count() == 1


def test_storing_a_snapshot_is_logged_with_its_quarter(caplog):
    import logging

    with caplog.at_level(logging.INFO, logger="courses.services.snapshots"):
        take_snapshot(2026, 3, london(2026, 10, 2))
        take_snapshot(2026, 3, london(2026, 10, 3))  # already there: nothing logged
    assert [r.getMessage() for r in caplog.records if r.name == "courses.services.snapshots"] == [
        "Coverage snapshot for 2026 Q3 taken"
    ]
