"""Quarters, the figures the Board report gives for each, and how they compare.

Definitions (``DEFINITIONS_VERSION``; the Board report prints the same words):

- **Quarter**: a calendar quarter in Europe/London, from its first day's midnight up to,
  not including, the next quarter's first midnight. Its **last moment** is the microsecond
  before that (31 December 23:59:59.999999 London time for Q4; during British Summer Time
  that is 22:59:59.999999 UTC, for Q2 and Q3).
- **Closed**: a quarter whose last moment has passed.
- **Figures of a quarter** are computed by the dashboard's selectors
  (``courses.selectors.coverage``) for every agency (``Scope(None)``) with ``now`` = the
  quarter's last moment, judged as the records stood then (``coverage.as_at``): a
  certificate counts only if it was in force at that moment (issued by then, never
  revoked, not replaced by one issued by then: ``certificates.validity``), and an
  enrolment is in progress if it was started by then and not completed by then. People,
  their agencies and job roles, live modules and headcounts are as they are when the
  figures are computed:

  - ``trained_in_quarter``: distinct people with a certificate issued in the quarter and not
    revoked (people, not certificates: someone trained in two modules counts once);
  - ``in_date_people``: distinct people holding at least one in-date certificate at the
    quarter's end, in agencies with a headcount (the numerator of ``coverage``: the sum of
    the per-sector figure; each person is in one sector);
  - ``coverage``: the dashboard's overall share of headcount holding an in-date
    certificate, a whole percentage (``coverage_definitions.percent``, over agencies with a
    headcount); per sector and per agency and module likewise;
  - ``sectors_engaged``: sectors with at least one person trained in the quarter;
  - ``face_to_face_by_count``: attendance at face-to-face sessions in the quarter recorded
    by count only;
  - per sector and per agency and module: the dashboard's rows at the quarter's end (each
    agency and module figure counts people: one certificate in force per person and module);
  - ``per_quarter``: people trained in each of the eight quarters up to this one.

- **Snapshot**: those figures, stored once when the quarter has closed (normally on its
  first following day; ``take_coverage_snapshots``). The Board report for a closed quarter
  shows the snapshot's figures.
- **Restatement**: the figures of ``RESTATED`` are computed again whenever the report is
  produced. These depend only on records dated in the quarter, so a difference means a
  record was corrected afterwards (a certificate revoked, a session's count changed); the
  report then keeps the snapshot's figure and says what it would be now. Figures "at the
  quarter's end" (in date, coverage) are as recorded when the snapshot was taken and are
  not restated: their certificates are judged as at the quarter's end, so renewals and new
  training after it no longer change them, but they count people as they are now (active,
  in their agency now) over today's headcounts, so recomputing them later would also
  report leavers, moves and headcount updates, which are not corrections of the quarter.
- **Change since the previous quarter**: this quarter's figure minus the previous quarter's
  snapshot figure (percentage points for coverage, people otherwise); none when the previous
  quarter has no snapshot.
"""

import datetime
import math
from dataclasses import dataclass

from django.utils import timezone

from certificates import validity
from network.models import Sector

from ..coverage_definitions import percent
from ..models import CoverageSnapshot
from .coverage import (
    Scope,
    coverage_by_sector,
    coverage_table,
    headlines,
    trained_per_quarter,
)

# 2027.2: figures at the quarter's end judge certificates and enrolments as at its last
# moment (before: as recorded when the snapshot was taken).
DEFINITIONS_VERSION = "2027.2"
LIVE = "live"

# Headline figures, in the order the report lists them, with their names in sentences.
FIGURES = {
    "trained_in_quarter": "people trained in the quarter",
    "in_date_people": "people holding an in-date certificate at the quarter's end",
    "coverage": "share of headcount holding an in-date certificate",
    "sectors_engaged": "sectors engaged",
    "face_to_face_by_count": "face-to-face attendance recorded by count",
}
# Not in date or coverage at the quarter's end: see "Restatement" above.
RESTATED = ("trained_in_quarter", "sectors_engaged", "face_to_face_by_count")
AGENCY_COLUMNS = [
    "agency_id",
    "agency",
    "sector",
    "headcount",
    "module_id",
    "module",
    "registered",
    "in_progress",
    "in_date",
    "expiring",
    "lapsed",
    "never_trained",
    "required_missing",
]


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    number: int

    @classmethod
    def containing(cls, moment: datetime.datetime) -> "Quarter":
        local = timezone.localtime(moment)
        return cls(local.year, (local.month - 1) // 3 + 1)

    @classmethod
    def parse(cls, key: str) -> "Quarter | None":
        """``"2026-Q4"`` as a quarter; None for anything else."""
        year, _, number = (key or "").partition("-Q")
        if not (year.isdigit() and len(year) == 4 and number in {"1", "2", "3", "4"}):
            return None
        return cls(int(year), int(number))

    @property
    def key(self) -> str:
        return f"{self.year}-Q{self.number}"

    @property
    def label(self) -> str:
        return f"{self.year} Q{self.number}"

    @property
    def start(self) -> datetime.datetime:
        first = datetime.date(self.year, 3 * self.number - 2, 1)
        return timezone.make_aware(datetime.datetime.combine(first, datetime.time.min))

    @property
    def end(self) -> datetime.datetime:
        """The next quarter's first moment (the quarter ends just before it)."""
        return self.next().start

    @property
    def last_moment(self) -> datetime.datetime:
        return self.end - datetime.timedelta(microseconds=1)

    def next(self) -> "Quarter":
        return Quarter(self.year + self.number // 4, self.number % 4 + 1)

    def previous(self) -> "Quarter":
        return Quarter(self.year - (self.number == 1), (self.number - 2) % 4 + 1)

    def is_closed(self, now: datetime.datetime) -> bool:
        return now >= self.end


def last_closed_quarter(now: datetime.datetime) -> Quarter:
    return Quarter.containing(now).previous()


def _plain(value):
    """A JSON-safe value: NaN becomes None, numpy numbers become Python numbers."""
    if value is None:
        return None
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def _whole(value) -> int | None:
    """A headcount as a whole number (pandas gives floats when some are missing)."""
    value = _plain(value)
    return None if value is None else int(value)


def figures_at(moment: datetime.datetime, start: datetime.datetime, end: datetime.datetime):
    """Every figure, for every agency, as the dashboard's selectors give them at ``moment``
    for people trained from ``start`` up to (not including) ``end``."""
    scope = Scope(None)
    table = coverage_table(scope, now=moment)
    sectors = coverage_by_sector(scope, moment)
    tiles = headlines(table, scope, now=moment, period=(start, end), sectors=sectors)
    names = dict(Sector.choices)
    return {
        "headline": {
            "trained_in_quarter": int(tiles["trained_in_period"]),
            "in_date_people": int(sectors["trained"].sum()) if not sectors.empty else 0,
            "coverage": _plain(tiles["coverage_overall"]),
            "sectors_engaged": int(tiles["sectors_engaged"]),
            "face_to_face_by_count": int(tiles["face_to_face_by_count"]),
            "in_date_certificates": int(tiles["in_date"]),
            "expiring_soon": int(tiles["expiring_soon"]),
        },
        "sectors": [
            {
                "sector": row["sector"],
                "name": names.get(row["sector"], row["sector"]),
                "headcount": _whole(row["headcount"]),
                "trained": int(row["trained"]),
                "coverage": percent(row["trained"], _whole(row["headcount"])),
            }
            for row in sectors.to_dict("records")
        ],
        "agencies": [
            {
                **{column: _plain(record.get(column)) for column in AGENCY_COLUMNS},
                "headcount": _whole(record.get("headcount")),
                "coverage": percent(record.get("in_date"), _whole(record.get("headcount"))),
            }
            for record in table.to_dict("records")
        ],
        "per_quarter": [
            [label, int(count)] for label, count in trained_per_quarter(scope, now=moment)
        ],
    }


def quarter_figures(quarter: Quarter) -> dict:
    """The figures of a closed quarter, computed from today's records."""
    return figures_at(quarter.last_moment, quarter.start, quarter.end)


def snapshot_choices(now: datetime.datetime) -> list[tuple[str, str]]:
    """The report's quarter picker: this quarter so far first (labelled as live), then
    every quarter with a snapshot, newest first."""
    current = Quarter.containing(now)
    choices = [(LIVE, f"{current.label} so far (live figures, not final)")]
    for year, number in CoverageSnapshot.objects.order_by("-year", "-quarter").values_list(
        "year", "quarter"
    ):
        quarter = Quarter(year, number)
        choices.append((quarter.key, f"{quarter.label} (final)"))
    return choices


def default_choice(now: datetime.datetime) -> str:
    """The newest quarter with a snapshot (normally the last closed one), else live."""
    newest = CoverageSnapshot.objects.order_by("-year", "-quarter").first()
    return newest.key if newest else LIVE


def _snapshot(quarter: Quarter) -> CoverageSnapshot | None:
    return CoverageSnapshot.objects.filter(year=quarter.year, quarter=quarter.number).first()


def _change(current, previous):
    if current is None or previous is None:
        return None
    return round(current - previous, 1)


def board_report(choice: str, now: datetime.datetime | None = None) -> dict:
    """The Board report's content for ``choice`` (a quarter key with a snapshot, or
    ``LIVE``). Raises ``CoverageSnapshot.DoesNotExist`` for a quarter without one."""
    now = now or timezone.now()
    if choice == LIVE:
        quarter = Quarter.containing(now)
        # This quarter up to the end of today, as on the dashboard.
        tomorrow = validity.start_of(timezone.localdate(now) + datetime.timedelta(days=1))
        figures = figures_at(now, quarter.start, tomorrow)
        snapshot = None
    else:
        quarter = Quarter.parse(choice)
        snapshot = _snapshot(quarter) if quarter else None
        if snapshot is None:
            raise CoverageSnapshot.DoesNotExist(choice)
        figures = snapshot.figures
    headline = figures["headline"]
    previous = _snapshot(quarter.previous())
    changes = {}
    if previous is not None:
        for name in ("trained_in_quarter", "in_date_people", "coverage"):
            changes[name] = _change(headline.get(name), previous.figures["headline"].get(name))
    restatements = []
    if snapshot is not None:
        again = quarter_figures(quarter)["headline"]
        for name in RESTATED:
            if again.get(name) != headline.get(name):
                restatements.append(
                    {"figure": FIGURES[name], "was": headline.get(name), "now": again.get(name)}
                )
    return {
        "quarter": quarter,
        "label": quarter.label,
        "final": snapshot is not None,
        "key": choice,
        "period_start": quarter.start,
        "period_last_day": timezone.localdate(quarter.last_moment),
        "taken_at": snapshot.taken_at if snapshot else now,
        "definitions_version": snapshot.definitions_version if snapshot else DEFINITIONS_VERSION,
        "headline": headline,
        "previous_label": previous.label if previous else None,
        "changes": changes,
        "restatements": restatements,
        "sectors": figures["sectors"],
        "agencies": figures["agencies"],
        "per_quarter": figures["per_quarter"],
    }
