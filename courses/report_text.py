"""The Board report's wording, shared by its HTML page and its PDF, so they say the same.

The figures and their definitions are in ``courses.selectors.snapshots``.
"""

import datetime

from django.utils import timezone

FOOTNOTE = (
    "People are counted once however many certificates they hold. A certificate is in date "
    "through the date it prints. Only people whose email address is verified and whose "
    "agency has confirmed they work there are counted. Final figures are stored when the "
    "quarter ends and never change afterwards; if records for the quarter are corrected "
    "later, the report says so in a restatement note. Figures at the quarter's end are as "
    "recorded when it ended."
)


def _day(moment) -> str:
    day = (
        moment
        if isinstance(moment, datetime.date) and not isinstance(moment, datetime.datetime)
        else timezone.localdate(moment)
    )
    return f"{day:%-d %B %Y}"


def _number(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def status_sentence(report: dict, today: datetime.date | None = None) -> str:
    produced = f"Produced {_day(today or timezone.localdate())} by Safe City Learning."
    if report["final"]:
        return (
            f"{report['label']}: {_day(report['period_start'])} to "
            f"{_day(report['period_last_day'])}. Final figures, stored on "
            f"{_day(report['taken_at'])} when the quarter had ended. {produced}"
        )
    return (
        f"{report['label']} so far: live figures from {_day(report['period_start'])} to "
        f"{_day(report['taken_at'])}. Not final: they change until the quarter ends. "
        f"{produced}"
    )


def change_heading(report: dict) -> str:
    if report["previous_label"]:
        return f"Change since {report['previous_label']}"
    return "Change since the previous quarter"


def _change(value, unit: str) -> str:
    if value is None:
        return "Not available"
    if value == 0:
        return "No change"
    sign = "+" if value > 0 else "−"
    size = abs(value)
    if unit == "people":
        unit = "person" if size == 1 else "people"
    else:
        unit = "point" if size == 1 else "points"
    return f"{sign}{_number(size)} {unit}"


def headline_rows(report: dict) -> list[tuple[str, str, str]]:
    """(measure, figure, change since the previous quarter) for the key figures table."""
    headline, changes = report["headline"], report["changes"]
    previous = report["previous_label"]
    when = "at the quarter's end" if report["final"] else "today"

    def change(name, unit):
        if not previous:
            return "No earlier final figures"
        if name not in changes:
            return ""
        return _change(changes[name], unit)

    coverage = headline.get("coverage")
    return [
        (
            "Staff trained this quarter (people, each counted once)",
            _number(headline["trained_in_quarter"]),
            change("trained_in_quarter", "people"),
        ),
        (
            f"People holding an in-date certificate {when} (agencies with a headcount)",
            _number(headline["in_date_people"]),
            change("in_date_people", "people"),
        ),
        (
            "Share of headcount holding an in-date certificate",
            f"{_number(coverage)}%" if coverage is not None else "–",
            change("coverage", "points"),
        ),
        ("Sectors engaged this quarter", _number(headline["sectors_engaged"]), ""),
        (
            "Face-to-face attendance recorded by count",
            _number(headline["face_to_face_by_count"]),
            "",
        ),
    ]


def restatement_sentences(report: dict) -> list[str]:
    return [
        f"Since this report was first produced on {_day(report['taken_at'])}, the "
        f"{row['figure']} changed from {_number(row['was'])} to {_number(row['now'])} because "
        "records were corrected. The figures above are those first reported."
        for row in report["restatements"]
    ]


def agency_rows(report: dict) -> list[dict]:
    """Agency and module rows with figures as text (a missing headcount is "Not given")."""
    return [
        {
            "agency": row["agency"],
            "module": row["module"],
            "headcount": "Not given" if row["headcount"] is None else str(row["headcount"]),
            "in_date": str(row["in_date"]),
            "required_missing": str(row["required_missing"]),
            "coverage": "–" if row["coverage"] is None else f"{_number(row['coverage'])}%",
        }
        for row in report["agencies"]
    ]
