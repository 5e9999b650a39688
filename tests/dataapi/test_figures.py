"""Every figure the API gives equals the one the Training coverage dashboard (or the Board
report) shows for the same data, and the number of queries does not grow with the data."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.factories import UserFactory
from certificates.services import issue_certificate  # noqa: F401 - data helpers below
from courses import coverage_definitions as words
from courses.selectors.coverage import FIGURES
from courses.selectors.snapshots import board_report
from dataapi.selectors import MIN_ATTENDANCE_GROUP
from network.models import Venue, VenueStatus
from tests.courses.coverage_data import NOW, at, certify, days
from tests.helpers import sign_in

from .conftest import call, data_routes, path_of
from .data import populate

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(catalogue, coordinator):
    return populate(catalogue, coordinator)


@pytest.fixture
def api(client, make_token):
    _, token = make_token()

    def get(name, **query):
        with time_machine.travel(NOW, tick=False):
            response = call(client, name, token, **query)
        assert response.status_code == 200, response.content
        return response.json()

    return get


@pytest.fixture
def dashboard(client, coordinator):
    def page(**query):
        with time_machine.travel(NOW, tick=False):
            sign_in(client, coordinator)
            response = client.get(reverse("courses:coverage"), query)
        assert response.status_code == 200
        return response.context

    return page


def test_coverage_by_agency_and_module_is_the_dashboard_s_agency_table(world, api, dashboard):
    page = dashboard()
    expected = {
        (row["agency_id"], cell["module_id"]): {
            "agency": row["agency"],
            "headcount": row["headcount"],
            **{figure: int(cell[figure]) for figure in FIGURES},
            "coverage": cell["coverage_shown"],
            "coverage_registered": words.percent(cell["in_date"], cell["registered"]),
        }
        for row in page["rows"]
        for cell in row["cells"]
    }
    body = api("coverage-agencies")
    got = {
        (row["agency_id"], row["module_id"]): {
            key: row[key] for key in ("agency", "headcount", *FIGURES, "coverage")
        }
        | {"coverage_registered": row["coverage_registered"]}
        for row in body["results"]
    }
    assert got == expected
    # The edge cases are there: over 100%, no headcount, a headcount of 0.
    shown = {(row["agency"], row["module"]): row["coverage"] for row in body["results"]}
    assert shown[("Health Small", "DARE")] > 100
    assert shown[("Police Beta", "Identifying")] is None
    assert shown[("Health Zero", "DARE")] is None
    assert "Closed Agency" not in {agency for agency, _ in shown}
    assert "Withdrawn" not in {module for _, module in shown}
    assert body["definitions"]["in_date"] == words.definition("in_date")
    assert body["as_at"].startswith("2026-11-22T12:00:00")


def test_coverage_by_module_is_the_dashboard_s_tiles_with_that_module_chosen(world, api, dashboard):
    body = api("coverage-modules")
    assert [row["module"] for row in body["results"]] == ["Identifying", "DARE"]
    for row in body["results"]:
        tiles = dashboard(module=row["module_id"])["tiles"]
        expected = {figure: tiles[figure] for figure in FIGURES if figure != "expiring"}
        expected["expiring"] = tiles["expiring_soon"]
        assert {figure: row[figure] for figure in FIGURES} == expected, row["module"]
        assert row["in_date"] > 0


def test_coverage_by_sector_is_the_dashboard_s_sector_table_and_headline(world, api, dashboard):
    page = dashboard()
    body = api("coverage-sectors")["results"]
    assert body["sectors"] == [
        {
            "sector": row["sector_value"],
            "sector_name": row["sector"],
            "headcount": row["headcount"],
            "people_in_date": row["trained"],
            "coverage": row["coverage"],
        }
        for row in page["by_sector"]
    ]
    tiles = page["tiles"]
    assert body["headline"] == {
        "people_in_date": tiles["coverage_trained"],
        "headcount": tiles["coverage_headcount"],
        "coverage": tiles["coverage_overall"],
    }
    assert body["agencies_without_headcount"] == [row["agency"] for row in page["left_out"]]
    assert set(body["agencies_without_headcount"]) == {"Health Zero", "Police Beta"}


def test_coverage_by_quarter_is_the_board_report_and_the_dashboard_s_quarters(
    world, api, dashboard
):
    body = api("coverage-quarters")["results"]
    with time_machine.travel(NOW, tick=False):
        report = board_report("2026-Q3")
    [quarter] = body["closed_quarters"]
    assert quarter["quarter"] == "2026-Q3"
    assert quarter["definitions_version"] == report["definitions_version"]
    for name, value in report["headline"].items():
        if name in quarter:
            assert quarter[name] == value, name
    assert quarter["trained_in_quarter"] > 0
    assert [
        (row["sector"], row["headcount"], row["people_in_date"], row["coverage"])
        for row in quarter["sectors"]
    ] == [
        (row["sector"], row["headcount"], row["trained"], row["coverage"])
        for row in report["sectors"]
    ]
    per_quarter = dashboard()["per_quarter"]
    assert [(row["quarter"], row["people_trained"]) for row in body["trained_per_quarter"]] == [
        (label, count) for label, count in per_quarter
    ]
    assert sum(count for _, count in per_quarter) > 0


def test_safe_places_counts_are_the_venues_by_status_and_district(world, api):
    body = api("safe-places")["results"]
    assert {row["status"]: row["venues"] for row in body["by_status"]} == {
        status: Venue.objects.filter(status=status).count() for status in VenueStatus.values
    }
    assert {(row["area"], row["status"]): row["venues"] for row in body["by_area"]} == {
        ("SO14", "approved"): 2,
        ("SO15", "approved"): 1,
        ("SO15", "suspended"): 1,
        ("SO16", "submitted"): 1,
        ("SO17", "lapsed"): 1,
        ("SO17", "rejected"): 1,
    }


def test_attendance_is_the_dashboard_s_no_show_table_for_each_month(world, api, dashboard):
    body = api("attendance", **{"from": "2026-10", "to": "2026-11"})
    got = {(row["month"], row["agency"]): row for row in body["results"]}
    assert {month for month, _ in got} == {"2026-10", "2026-11"}
    for month, first, last in (
        ("2026-10", "2026-10-01", "2026-10-31"),
        ("2026-11", "2026-11-01", "2026-11-30"),
    ):
        rows = dashboard(start=first, end=last)["no_show_rows"]
        assert {row["agency"] for row in rows} == {a for m, a in got if m == month}
        for row in rows:
            mine = got[(month, row["agency"])]
            marked = row["attended"] + row["no_shows"] + row["late_cancellations"]
            if marked < MIN_ATTENDANCE_GROUP:
                assert mine["suppressed"] is True
                assert [
                    mine[key]
                    for key in ("attended", "did_not_attend", "late_cancellations", "no_show_rate")
                ] == [None] * 4
            else:
                assert mine["suppressed"] is False
                assert (
                    mine["attended"],
                    mine["did_not_attend"],
                    mine["late_cancellations"],
                    mine["no_show_rate"],
                ) == (
                    row["attended"],
                    row["no_shows"],
                    row["late_cancellations"],
                    row["rate_percent"],
                )
    # The boundaries: X with exactly 5 in November is shown; Y with 4 is withheld.
    assert got[("2026-11", "Attendance X")]["no_show_rate"] == 40
    assert got[("2026-10", "Attendance X")]["did_not_attend"] == 1  # not the cancelled session
    assert got[("2026-11", "Attendance Y")]["suppressed"] is True


def test_attendance_defaults_to_the_last_twelve_months(world, api):
    body = api("attendance")
    months = {row["month"] for row in body["results"]}
    assert months == {"2026-10", "2026-11"}  # the only months with marks


@pytest.mark.parametrize(
    "query",
    [
        {"from": "2026-10"},
        {"from": "2026-13", "to": "2026-12"},
        {"from": "2026-11", "to": "2026-10"},
        {"from": "2024-01", "to": "2026-01"},  # 25 months
        {"from": "october", "to": "2026-11"},
    ],
)
def test_a_wrong_month_range_is_a_400_with_a_reason(client, make_token, query):
    _, token = make_token()
    response = call(client, "attendance", token, **query)
    assert response.status_code == 400
    assert set(response.json()) == {"detail"}


def test_twenty_four_months_is_allowed(client, make_token):
    _, token = make_token()
    assert (
        call(client, "attendance", token, **{"from": "2025-01", "to": "2026-12"}).status_code == 200
    )


# --- Queries do not grow with the data -------------------------------------------------------

# Most queries each endpoint may make (token look-up, last used, audit row and the figures;
# attendance: one query per month asked for, 12 by default).
MAX_QUERIES = {
    "dataapi:v1:coverage-agencies": 8,
    "dataapi:v1:coverage-modules": 8,
    "dataapi:v1:coverage-sectors": 10,
    "dataapi:v1:coverage-quarters": 7,
    "dataapi:v1:safe-places": 4,
    "dataapi:v1:attendance": 15,
}


def _queries(client, token, route) -> int:
    with time_machine.travel(NOW, tick=False), CaptureQueriesContext(connection) as queries:
        assert call(client, path_of(route), token).status_code == 200
    return len(queries)


def test_queries_do_not_grow_with_the_number_of_people(
    client, world, make_token, django_assert_max_num_queries
):
    assert set(MAX_QUERIES) == {route.name for route in data_routes()}
    _, token = make_token()
    before = {route.name: _queries(client, token, route) for route in data_routes()}
    for route in data_routes():
        with django_assert_max_num_queries(MAX_QUERIES[route.name]):
            _queries(client, token, route)
    # Many more people, certificates, bookings and venues.
    police = world["agencies"]["police"]
    module = world["modules"]["first"]
    x = world["attendance_agencies"]["x"]
    from events.factories import make_session
    from events.models import Booking, BookingState
    from network.factories import VenueFactory

    from .data import OCTOBER

    session = make_session(start=OCTOBER + datetime.timedelta(days=3), capacity=50)
    for n in range(30):
        person = UserFactory(agency=police if n % 2 else x, job_role="manager")
        certify(person, module, issued=at(days(-30)), expires=at(days(300)))
        Booking.objects.create(session=session, user=person, state=BookingState.ATTENDED)
        VenueFactory(postcode=f"SO{20 + n} 1AA", address_line_1=f"{n} Growth Road")
    after = {route.name: _queries(client, token, route) for route in data_routes()}
    assert after == before
