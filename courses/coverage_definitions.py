"""What every coverage figure means, written once.

The words below are the definitions: ``docs/coverage.md`` repeats them (a test checks that
every one is there word for word) and the dashboard shows them as help beside each figure
("How these figures are worked out"). The selectors in ``courses.selectors.coverage``
implement them; ``tests/courses/test_coverage_recompute.py`` recomputes every figure from
these words in plain SQL and finds no difference.

Display rules live here too, so the page, the legend and the downloads cannot disagree:
``percent`` is the only rounding (once, at display, halves up) and ``band`` the only
colour rule, which the legend (``LEGEND``) is built from.
"""

from dataclasses import dataclass

DEFINITIONS: dict[str, tuple[str, str]] = {
    "counted": (
        "Who counts",
        "Current figures count a person only when their account is active, their email "
        "address is verified and their membership of an agency is confirmed, the agency is "
        "active, and the module is live (published; a withdrawn module is not shown). The "
        "same rule applies everywhere: tiles, the agency table, compliance by job role, "
        "coverage by sector, the drill-downs and the downloads.",
    ),
    "registered": (
        "Registered",
        "People who count for the agency today. Each person counts once, for the agency on "
        "their account now.",
    ),
    "in_progress": (
        "In progress",
        "Registered people with an enrolment in the module that is started and not "
        "completed, whatever certificate they already hold (a refresher under way counts).",
    ),
    "in_date": (
        "In date",
        "Registered people holding a certificate for the module that is in force (not "
        "revoked and not replaced by a newer one) and whose printed expiry date is today or "
        "later. A certificate is in date through the whole of the date it prints (Europe/"
        "London) and lapses at the midnight after. A person holds at most one certificate in "
        "force per module; revoking the newest restores the one before.",
    ),
    "expiring": (
        "Expiring",
        "People in date whose printed expiry date is no more than 60 days after today "
        "(today and the 60th day both count). They are counted in in date too.",
    ),
    "lapsed": (
        "Lapsed",
        "Registered people holding a certificate in force for the module whose printed "
        "expiry date is before today, and no certificate in date.",
    ),
    "never_trained": (
        "Never trained",
        "Registered people holding no certificate in force for the module: none was ever "
        "issued, or every one was revoked. Registered = in date + lapsed + never trained.",
    ),
    "required_missing": (
        "Required but missing",
        "Registered people who must hold the module (the requirements matrix, by their "
        "agency's sector and their job role) and are not in date for it: lapsed or never "
        "trained.",
    ),
    "coverage": (
        "Coverage",
        "In date divided by the agency's headcount, as a percentage. There is no coverage "
        "figure when the agency has no headcount or a headcount of 0. Over 100% means the "
        "headcount is out of date or wrong: it is flagged as a data problem, never shown as "
        "green.",
    ),
    "coverage_registered": (
        "Coverage of registered",
        "In date divided by registered, as a percentage; no figure when nobody is registered.",
    ),
    "sector_coverage": (
        "Sector coverage",
        "People holding at least one certificate in date (for any live module, or for the "
        "module chosen) divided by the total headcount, over the sector's agencies that have "
        "a headcount above 0. People in agencies with no headcount, or a headcount of 0, are "
        "left out of both numbers, and those agencies are listed.",
    ),
    "headline": (
        "Headline coverage",
        "Sector coverage worked out over every sector shown: people in date in agencies with "
        "a headcount above 0, divided by the total headcount of those agencies.",
    ),
    "job_role": (
        "Compliance by job role",
        "For each job role and module: the registered people in that role, and how many are "
        "in date, lapsed, never trained and required but missing. Coverage of the role is in "
        "date divided by registered people in the role (agencies give no headcount by role).",
    ),
    "trained_in_period": (
        "Trained in the period",
        "People, each counted once, issued a certificate in the period that has not been "
        "revoked since, for any module (or the module chosen). This is a historic figure: "
        "people since deactivated or erased still count (they were trained then), under "
        "the agency on their account now. Staff trained per quarter is the same figure for "
        "each calendar quarter.",
    ),
    "sectors_engaged": (
        "Sectors engaged",
        "Sectors with at least one person trained in the period (the same people as trained "
        "in the period).",
    ),
    "face_to_face_by_count": (
        "Face to face by count",
        "The attendance recorded by count only (no names) at face-to-face sessions dated in "
        "the period, today included. These people are not named, so they are in no other "
        "figure.",
    ),
    "rounding": (
        "Rounding",
        "Percentages are worked out from the whole numbers and rounded once, when shown, to "
        "the nearest whole number, halves up: 5 of 11 (45.45%) is shown as 45%.",
    ),
    "data_quality": (
        "Data quality",
        "Agencies with no headcount (no coverage figure), agencies with more people "
        "registered than their headcount (the headcount needs updating), accounts never "
        "activated (an active account in an agency whose email address is not verified) and "
        "agency members not confirmed yet. None of these people count until the problem is "
        "put right.",
    ),
}


def term(key: str) -> str:
    return DEFINITIONS[key][0]


def definition(key: str) -> str:
    return DEFINITIONS[key][1]


def entries(*keys: str) -> list[tuple[str, str]]:
    """(term, definition) pairs for a help panel."""
    return [DEFINITIONS[key] for key in keys]


def percent(numerator, denominator) -> int | None:
    """``numerator`` of ``denominator`` as a whole percentage, rounded once, halves up.

    Worked out in integers, so 5 of 11 is 45 (45.45…) and 1 of 8 is 13 (12.5): never a
    rounded number rounded again. None when there is no denominator (missing, NaN or 0).
    """
    if denominator is None or denominator != denominator or denominator <= 0:
        return None
    if numerator is None or numerator != numerator:
        return None
    numerator, denominator = int(numerator), int(denominator)
    return (200 * numerator + denominator) // (2 * denominator)


HIGH, MEDIUM, OVER = 80, 50, 100


@dataclass(frozen=True)
class Band:
    name: str  # the CSS modifier: app-heat--<name>
    colour: str
    meaning: str


BANDS = {
    "high": Band("high", "Green", f"{HIGH}% to {OVER}%"),
    "medium": Band("medium", "Amber", f"{MEDIUM}% to {HIGH - 1}%"),
    "low": Band("low", "Red", f"under {MEDIUM}%"),
    "over": Band("over", "Purple", f"over {OVER}%: a data problem (check the headcount)"),
    "none": Band("none", "No colour", "no coverage figure (no headcount, or 0)"),
}


def band(shown: int | None) -> str:
    """The colour band of a percentage as shown (after ``percent``), so the colour always
    agrees with the number beside it and with the legend."""
    if shown is None:
        return "none"
    if shown > OVER:
        return "over"
    if shown >= HIGH:
        return "high"
    if shown >= MEDIUM:
        return "medium"
    return "low"


LEGEND = list(BANDS.values())
