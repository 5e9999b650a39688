"""The API's figures, read from the same selectors the coordinator's screens use.

Nothing here defines a figure: coverage comes from ``courses.selectors.coverage.Dashboard``
(the Training coverage dashboard's one pass), closed quarters from the stored
``CoverageSnapshot``s (the Board report), attendance from ``events.selectors.no_show_rates``
(the dashboard's no-show table) and Safe Places from the venues' status. Only names of
agencies, sectors, modules and areas and whole numbers leave this module, never a person.

Small numbers: coverage figures are given as the dashboard and the Board report give them
(no suppression), so the partnership's dashboard reconciles with the Board report; they
count staff groups against a headcount. Attendance is suppressed for an agency and month
with fewer than ``MIN_ATTENDANCE_GROUP`` people marked (attended + did not attend + late
cancellations), the threshold of the session feedback screens: a no-show is about a
person's conduct, and in a small agency one month's single no-show names the person.
"""

import datetime
import hashlib

from django.db.models import Count
from django.utils import timezone

from courses import coverage_definitions as words
from courses.coverage_definitions import percent
from courses.models import CoverageSnapshot
from courses.selectors.coverage import Dashboard, Scope, sector_rows
from events.selectors import MIN_FEEDBACK_GROUP, no_show_rates
from network.models import Sector, Venue, VenueStatus

from .models import ApiToken

#: Fewer people than this marked for an agency in a month: the month's figures are withheld.
MIN_ATTENDANCE_GROUP = MIN_FEEDBACK_GROUP
#: At most this many months of attendance in one call (one query per month).
MAX_MONTHS = 24
DEFAULT_MONTHS = 12
UNKNOWN_AREA = "Unknown"

SECTOR_NAMES = dict(Sector.choices)
STATUS_NAMES = dict(VenueStatus.choices)

COVERAGE_TERMS = (
    "counted",
    "registered",
    "in_progress",
    "in_date",
    "expiring",
    "lapsed",
    "never_trained",
    "required_missing",
    "coverage",
    "coverage_registered",
    "sector_coverage",
    "headline",
    "trained_in_period",
    "sectors_engaged",
    "face_to_face_by_count",
    "rounding",
)

SAFE_PLACES_DEFINITIONS = {
    "venues": "Venues in the Safe Places network (applications included), counted by their "
    "status now.",
    "area": "The postcode district of the venue's address: the first half of its postcode "
    "(for example SO14). 'Unknown' when no postcode is recorded.",
    "status": "submitted, under_review, approved (listed in the finder), rejected, "
    "suspended or lapsed (its annual check was not confirmed).",
}

ATTENDANCE_DEFINITIONS = {
    "month": "Face-to-face sessions (not cancelled) whose first date starts in the calendar "
    "month (Europe/London).",
    "agency": "People count for the agency they belong to now, with their membership confirmed.",
    "attended": "Bookings marked attended on the session's register.",
    "did_not_attend": "Bookings marked as a no-show on the register.",
    "late_cancellations": "Bookings marked as a late cancellation, or cancelled by the "
    "person less than 24 hours before the start. Not in the rate.",
    "no_show_rate": "Did not attend divided by (attended + did not attend), as a whole "
    "percentage rounded halves up; none when nobody was marked attended or did not attend.",
    "suppressed": f"True when fewer than {MIN_ATTENDANCE_GROUP} people were marked for the "
    "agency in the month: the figures are withheld (null) so nobody can be singled out.",
}


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


TOKEN_START = "scl_"  # noqa: S105 - how every token starts, not a secret


def find_token(token: str) -> ApiToken | None:
    """The row a presented token belongs to (revoked or expired ones too), or None."""
    if not token.startswith(TOKEN_START) or len(token) > 100:
        return None
    return ApiToken.objects.filter(token_hash=hash_token(token)).first()


def coverage_definitions() -> dict[str, str]:
    return {key: words.definition(key) for key in COVERAGE_TERMS}


def _whole(value) -> int | None:
    if value is None or value != value:  # NaN: no headcount
        return None
    return int(value)


def _dashboard(now: datetime.datetime) -> Dashboard:
    return Dashboard(Scope(None), now=now)


def coverage_by_agency(now: datetime.datetime) -> list[dict]:
    """The dashboard's agency table: one row per active agency and live module."""
    rows = []
    for record in _dashboard(now).table.to_dict("records"):
        headcount = _whole(record["headcount"])
        rows.append(
            {
                "agency_id": int(record["agency_id"]),
                "agency": record["agency"],
                "sector": record["sector"],
                "sector_name": SECTOR_NAMES.get(record["sector"], record["sector"]),
                "headcount": headcount,
                "module_id": int(record["module_id"]),
                "module": record["module"],
                **{figure: int(record[figure]) for figure in FIGURES},
                "coverage": percent(record["in_date"], headcount),
                "coverage_registered": percent(record["in_date"], record["registered"]),
            }
        )
    return rows


FIGURES = (
    "registered",
    "in_progress",
    "in_date",
    "expiring",
    "lapsed",
    "never_trained",
    "required_missing",
)


def coverage_by_module(now: datetime.datetime) -> list[dict]:
    """Per live module, the agency table's figures over every active agency: what the
    dashboard's tiles show with that module chosen."""
    table = _dashboard(now).table
    rows = []
    if table.empty:
        return rows
    for (module_id, module), group in table.groupby(["module_id", "module"], sort=False):
        rows.append(
            {
                "module_id": int(module_id),
                "module": module,
                **{figure: int(group[figure].sum()) for figure in FIGURES},
            }
        )
    return rows


def coverage_by_sector(now: datetime.datetime) -> dict:
    """The dashboard's coverage by sector and its headline coverage tile."""
    figures = _dashboard(now)
    tiles = figures.tiles
    sectors = [
        {
            "sector": row["sector_value"],
            "sector_name": row["sector"],
            "headcount": row["headcount"],
            "people_in_date": row["trained"],
            "coverage": row["coverage"],
        }
        for row in sector_rows(figures.sectors)
    ]
    return {
        "headline": {
            "people_in_date": int(tiles["coverage_trained"]),
            "headcount": int(tiles["coverage_headcount"]),
            "coverage": tiles["coverage_overall"],
        },
        "sectors": sectors,
        "agencies_without_headcount": [row["agency"] for row in figures.quality["no_headcount"]],
    }


HEADLINE = (
    "trained_in_quarter",
    "in_date_people",
    "coverage",
    "sectors_engaged",
    "face_to_face_by_count",
)


def coverage_by_quarter(now: datetime.datetime) -> dict:
    """Closed quarters as their snapshots recorded them (the Board report's figures), and
    people trained in each of the last eight quarters as the dashboard counts them now."""
    quarters = []
    for snapshot in CoverageSnapshot.objects.order_by("year", "quarter"):
        figures = snapshot.figures or {}
        headline = figures.get("headline", {})
        quarters.append(
            {
                "quarter": snapshot.key,
                "label": snapshot.label,
                "period_start": snapshot.period_start,
                "period_end": snapshot.period_end,
                "taken_at": snapshot.taken_at,
                "definitions_version": snapshot.definitions_version,
                **{name: headline.get(name) for name in HEADLINE},
                "sectors": [
                    {
                        "sector": row.get("sector"),
                        "sector_name": SECTOR_NAMES.get(row.get("sector"), row.get("sector")),
                        "headcount": row.get("headcount"),
                        "people_in_date": row.get("trained"),
                        "coverage": row.get("coverage"),
                    }
                    for row in figures.get("sectors", [])
                ],
            }
        )
    trained = [
        {"quarter": label, "people_trained": int(count)}
        for label, count in _dashboard(now).per_quarter
    ]
    return {"closed_quarters": quarters, "trained_per_quarter": trained}


def _area(postcode: str) -> str:
    postcode = (postcode or "").strip().upper()
    return postcode.split()[0] if postcode else UNKNOWN_AREA


def safe_places_counts() -> dict:
    """Venues by status, and by postcode district and status (one query)."""
    by_status = dict.fromkeys(VenueStatus.values, 0)
    by_area: dict[tuple[str, str], int] = {}
    # Grouped in the database by (status, postcode), then by district here.
    rows = (
        Venue.objects.order_by()
        .values("status", "postcode")
        .annotate(n=Count("pk"))
        .values_list("status", "postcode", "n")
    )
    for status, postcode, count in rows:
        by_status[status] = by_status.get(status, 0) + count
        key = (_area(postcode), status)
        by_area[key] = by_area.get(key, 0) + count
    return {
        "by_status": [
            {"status": status, "status_name": STATUS_NAMES.get(status, status), "venues": count}
            for status, count in by_status.items()
        ],
        "by_area": [
            {
                "area": area,
                "status": status,
                "status_name": STATUS_NAMES.get(status, status),
                "venues": count,
            }
            for (area, status), count in sorted(by_area.items())
        ],
    }


def month_start(year: int, month: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(year, month, 1))


def months_between(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    months, cursor = [], first.replace(day=1)
    while cursor <= last:
        months.append(cursor)
        cursor = (cursor + datetime.timedelta(days=32)).replace(day=1)
    return months


def default_months(now: datetime.datetime) -> tuple[datetime.date, datetime.date]:
    """The last ``DEFAULT_MONTHS`` calendar months, this one included."""
    last = timezone.localdate(now).replace(day=1)
    first = last
    for _ in range(DEFAULT_MONTHS - 1):
        first = (first - datetime.timedelta(days=1)).replace(day=1)
    return first, last


def attendance_by_month(first: datetime.date, last: datetime.date) -> list[dict]:
    """Per calendar month from ``first`` to ``last`` and agency: the dashboard's no-show
    figures (``no_show_rates``) for sessions starting in the month, withheld below
    ``MIN_ATTENDANCE_GROUP`` people."""
    rows = []
    for month in months_between(first, last):
        following = (month + datetime.timedelta(days=32)).replace(day=1)
        start = month_start(month.year, month.month)
        end = month_start(following.year, following.month)
        for row in no_show_rates(Scope(None), start, end):
            marked = row["attended"] + row["no_shows"] + row["late_cancellations"]
            suppressed = marked < MIN_ATTENDANCE_GROUP
            rows.append(
                {
                    "month": f"{month.year:04d}-{month.month:02d}",
                    "agency_id": row["agency_id"],
                    "agency": row["agency"],
                    "suppressed": suppressed,
                    "attended": None if suppressed else row["attended"],
                    "did_not_attend": None if suppressed else row["no_shows"],
                    "late_cancellations": None if suppressed else row["late_cancellations"],
                    "no_show_rate": None
                    if suppressed
                    else percent(row["no_shows"], row["attended"] + row["no_shows"]),
                }
            )
    return rows
