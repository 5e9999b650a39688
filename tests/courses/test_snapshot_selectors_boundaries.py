"""The Board report's reading of snapshots (courses/selectors/snapshots.py) at the edges:
the previous quarter is that quarter of that year (not the same quarter of another
year), a change needs both figures, "this quarter so far" is the quarter of the moment
given, and only well-formed quarter keys are read."""

import datetime
import zoneinfo

import pytest

from courses.factories import module_with_lessons
from courses.models import CoverageSnapshot, Enrolment
from courses.selectors.snapshots import LIVE, Quarter, board_report

pytestmark = pytest.mark.django_db

LONDON = zoneinfo.ZoneInfo("Europe/London")


def london(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=LONDON)


def snapshot(year, number, **headline):
    quarter = Quarter(year, number)
    figures = {
        "headline": {
            "trained_in_quarter": 0,
            "in_date_people": 0,
            "coverage": None,
            "sectors_engaged": 0,
            "face_to_face_by_count": 0,
            **headline,
        },
        "sectors": [],
        "agencies": [],
        "per_quarter": [],
    }
    return CoverageSnapshot.objects.create(
        year=year,
        quarter=number,
        period_start=quarter.start,
        period_end=quarter.end,
        taken_at=quarter.end,
        figures=figures,
        definitions_version="test",
    )


def test_the_change_is_against_the_previous_quarter_of_the_right_year():
    # Q4 of the years either side of the previous quarter, as decoys.
    snapshot(2024, 4, trained_in_quarter=100, in_date_people=900, coverage=90)
    snapshot(2025, 4, trained_in_quarter=10, in_date_people=200, coverage=40)
    snapshot(2026, 1, trained_in_quarter=0, in_date_people=0, coverage=None)
    snapshot(2026, 4, trained_in_quarter=70, in_date_people=700, coverage=70)
    report = board_report("2026-Q1", now=london(2027, 1, 5))
    assert report["previous_label"] == "2025 Q4"
    # No figures were trained or in date this quarter (an empty database, restated);
    # coverage has no figure (no headcount), so it has no change either.
    assert report["changes"] == {
        "trained_in_quarter": -10,
        "in_date_people": -200,
        "coverage": None,
    }


def test_the_picker_lists_quarters_newest_year_first():
    from courses.selectors.snapshots import default_choice, snapshot_choices

    for year, number in ((2025, 4), (2026, 1), (2026, 2)):
        snapshot(year, number)
    now = london(2026, 8, 3)
    assert [key for key, _ in snapshot_choices(now)] == [LIVE, "2026-Q2", "2026-Q1", "2025-Q4"]
    assert default_choice(now) == "2026-Q2"


def test_no_change_when_the_previous_quarter_has_no_figure():
    snapshot(2025, 4, coverage=None)
    snapshot(2026, 1, coverage=35)
    report = board_report("2026-Q1", now=london(2026, 4, 2))
    assert report["changes"]["coverage"] is None


def test_this_quarter_so_far_is_the_quarter_of_the_moment_given(user_with_role, catalogue):
    from certificates.services import issue_certificate
    from network.factories import AgencyFactory

    first, second = (module_with_lessons(catalogue, count=1, title=t) for t in ("A", "B"))
    learner = user_with_role(
        agency=AgencyFactory(sector="police"), agency_confirmed_at=london(2025, 1, 6)
    )
    # Trained in two modules in the quarter: one person trained.
    for module, moment in ((first, london(2025, 4, 30, 9)), (second, london(2025, 5, 12, 23, 30))):
        enrolment = Enrolment.objects.create(user=learner, module=module, completed_at=moment)
        issue_certificate(enrolment, now=moment)
    report = board_report(LIVE, now=london(2025, 5, 12, 23, 45))
    assert (report["label"], report["final"]) == ("2025 Q2", False)
    assert report["period_start"] == london(2025, 4, 1)
    assert report["taken_at"] == london(2025, 5, 12, 23, 45)
    assert report["headline"]["trained_in_quarter"] == 1


@pytest.mark.parametrize(
    ("key", "quarter"),
    [
        ("2026-Q1", Quarter(2026, 1)),
        ("2026-Q2", Quarter(2026, 2)),
        ("2026-Q3", Quarter(2026, 3)),
        ("2026-Q4", Quarter(2026, 4)),
        ("2026-Q5", None),
        ("2026-Q0", None),
        ("26-Q1", None),
        ("2026Q1", None),
        ("", None),
        (None, None),
    ],
)
def test_quarter_keys(key, quarter):
    assert Quarter.parse(key) == quarter


@pytest.mark.parametrize("key", ["2026-Q9", "nonsense", "", "2026-Q3"])
def test_a_report_of_a_quarter_without_a_snapshot_is_refused(key):
    snapshot(2026, 2)
    with pytest.raises(CoverageSnapshot.DoesNotExist):
        board_report(key, now=london(2026, 12, 1))


def test_a_final_report_carries_its_snapshots_own_record():
    stored = snapshot(2026, 1, trained_in_quarter=3)
    report = board_report("2026-Q1", now=london(2026, 11, 30))
    assert report["key"] == "2026-Q1" and report["final"] is True
    assert report["taken_at"] == stored.taken_at == Quarter(2026, 1).end
    assert report["definitions_version"] == "test"
    assert report["period_last_day"] == datetime.date(2026, 3, 31)


def test_an_agency_without_a_headcount_has_no_coverage_figure(catalogue):
    from courses.selectors.snapshots import quarter_figures
    from network.factories import AgencyFactory

    module_with_lessons(catalogue, count=1, title="Module")
    AgencyFactory(name="Counted", sector="police", headcount=40)
    AgencyFactory(name="Uncounted", sector="health", headcount=None)
    figures = quarter_figures(Quarter(2026, 3))
    sectors = {row["sector"]: row for row in figures["sectors"]}
    police = sectors["police"]
    assert (police["name"], police["headcount"], police["trained"]) == ("Police", 40, 0)
    assert police["coverage"] == 0 and sectors["health"]["coverage"] is None
    assert sectors["health"]["headcount"] is None
    rows = {row["agency"]: row for row in figures["agencies"]}
    assert (rows["Counted"]["headcount"], rows["Counted"]["coverage"]) == (40, 0)
    assert (rows["Uncounted"]["headcount"], rows["Uncounted"]["coverage"]) == (None, None)


def test_numbers_from_pandas_are_stored_as_plain_numbers():
    import json

    import numpy

    from courses.selectors.snapshots import _plain, _whole

    assert _plain(numpy.int64(7)) == 7 and type(_plain(numpy.int64(7))) is int
    assert type(_plain(numpy.float64(2.5))) is float
    assert _plain(numpy.float64("nan")) is None and _plain(float("nan")) is None
    assert _plain(None) is None and _whole(None) is None
    assert _whole(numpy.float64(40.0)) == 40 and type(_whole(numpy.float64(40.0))) is int
    json.dumps([_plain(numpy.int64(7)), _whole(numpy.float64(40.0))])


def test_a_quarter_with_nobody_in_it_has_nobody_in_date():
    from courses.selectors.snapshots import quarter_figures

    assert quarter_figures(Quarter(2026, 3))["headline"]["in_date_people"] == 0


def test_quarter_figures_count_certificates_as_at_the_quarters_end(user_with_role, catalogue):
    """In date and expiring soon at 30 June 2025 (it expired in July 2025)."""
    from certificates.models import Certificate
    from certificates.services import issue_certificate
    from courses.selectors.snapshots import quarter_figures
    from network.factories import AgencyFactory

    module = module_with_lessons(catalogue, count=1, title="Module")
    learner = user_with_role(
        agency=AgencyFactory(sector="police", headcount=10),
        agency_confirmed_at=london(2024, 6, 1),
    )
    issued = london(2024, 7, 20, 12)
    enrolment = Enrolment.objects.create(user=learner, module=module, completed_at=issued)
    certificate = issue_certificate(enrolment, now=issued)
    Certificate.objects.filter(pk=certificate.pk).update(expires_at=london(2025, 7, 20, 12))
    headline = quarter_figures(Quarter(2025, 2))["headline"]
    assert (headline["in_date_certificates"], headline["expiring_soon"]) == (1, 1)
    assert (headline["in_date_people"], headline["coverage"]) == (1, 10)
