"""Issue 15, acceptance 4: the dashboard counts every figure in one pass over the people in
scope (``courses.selectors.coverage.Dashboard``). Each part must equal what the per-figure
queries count with the written definitions, on the edge-case data set and on the bench's
generated partnership, for the coordinator and an agency lead, with and without filters;
and the page's queries must not grow with the number of people or agencies.

The per-figure queries are compared "today" (time is moved to the data set's NOW, so both
use today's conditions); tests/courses/test_coverage_recompute.py checks them against
plain SQL.
"""

import datetime
import importlib.util
from pathlib import Path

import pandas as pd
import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.factories import UserFactory
from accounts.models import User
from accounts.roles import Role
from certificates import validity
from courses.selectors import coverage
from courses.selectors.coverage import (
    Dashboard,
    Scope,
    _detail,
    _roles,
    _sectors_by_queries,
    _table,
    data_quality,
    headlines,
    trained_per_quarter,
)
from courses.selectors.requirements import targets_table
from network.factories import AgencyFactory
from tests.helpers import sign_in

from .coverage_data import NOW, build

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def by_queries(scope, *, sector=None, module_id=None, period=None) -> dict:
    """Every dashboard figure from the per-figure queries (no single pass)."""
    agencies, modules, detail = _detail(scope, sector, module_id, None)
    table = _table(agencies, modules, detail)
    sectors = _sectors_by_queries(scope, sector=sector, module_id=module_id)
    return {
        "table": table,
        "roles": _roles(modules, detail),
        "sectors": sectors,
        "per_quarter": trained_per_quarter(scope, sector=sector, module_id=module_id),
        "tiles": headlines(
            table, scope, period=period, sectors=sectors, sector=sector, module_id=module_id
        ),
        "quality": data_quality(scope, table, sector=sector),
        "targets": [
            (row.requirement.pk, row.people, row.in_date, row.previous_people, row.previous_in_date)
            for row in targets_table(scope, validity.today())
        ],
    }


def by_one_pass(scope, *, sector=None, module_id=None, period=None) -> dict:
    figures = Dashboard(scope, sector=sector, module_id=module_id, period=period)
    return {
        "table": figures.table,
        "roles": figures.roles,
        "sectors": figures.sectors,
        "per_quarter": figures.per_quarter,
        "tiles": figures.tiles,
        "quality": figures.quality,
        "targets": [
            (row.requirement.pk, row.people, row.in_date, row.previous_people, row.previous_in_date)
            for row in figures.targets
        ],
    }


def assert_same(scope, **filters):
    expected, got = by_queries(scope, **filters), by_one_pass(scope, **filters)
    for name in ("table", "roles", "sectors"):
        pd.testing.assert_frame_equal(
            got[name].reset_index(drop=True),
            expected[name].reset_index(drop=True),
            check_dtype=False,
            obj=f"{name} {filters}",
        )
    for name in ("per_quarter", "tiles", "quality", "targets"):
        assert got[name] == expected[name], (name, filters)
    return got


FILTERS = [{}, {"sector": "police"}, {"sector": "health"}]


@pytest.fixture
def edge_cases(catalogue, user_with_role):
    coordinator = user_with_role(Role.TRAINING_COORDINATOR)
    return build(catalogue, coordinator, extra=25)


def test_one_pass_equals_the_per_figure_queries_on_every_edge_case(edge_cases):
    modules = edge_cases["modules"]
    police = edge_cases["agencies"]["police"]
    quarter = datetime.datetime(2026, 10, 1, tzinfo=NOW.tzinfo)
    with time_machine.travel(NOW, tick=False):
        for scope in (Scope(None), Scope(frozenset({police.pk}))):
            for filters in [
                *FILTERS,
                {"module_id": modules["first"].pk},
                {"sector": "police", "module_id": modules["second"].pk},
                {"period": (quarter - datetime.timedelta(days=200), quarter)},
            ]:
                got = assert_same(scope, **filters)
            assert got["tiles"]["trained_in_period"] > 0  # the comparison means something
        # Half the members confirmed before the previous quarter ended (the targets' trend).
        confirmed = User.objects.filter(agency_confirmed_at__isnull=False).order_by("pk")
        early = list(confirmed.values_list("pk", flat=True))[::2]
        User.objects.filter(pk__in=early).update(
            agency_confirmed_at=datetime.datetime(2026, 1, 5, tzinfo=NOW.tzinfo)
        )
        for filters in FILTERS:
            assert_same(Scope(None), **filters)
        everyone = by_one_pass(Scope(None))
    assert everyone["tiles"]["in_date"] > 0 and everyone["tiles"]["lapsed"] > 0
    assert everyone["quality"]["never_activated"] > 0 and everyone["quality"]["unconfirmed"] > 0
    assert any(count for _, count in everyone["per_quarter"])
    assert any(row[4] for row in everyone["targets"])  # in date at the previous quarter's end


def test_more_certificates_than_packed_counts_hold_fall_back_to_queries(edge_cases, monkeypatch):
    """Past ``MOST_PACKED`` certificates for one person, the packed counts could carry into
    the next quarter's: the figures that use them are counted by their own queries."""
    monkeypatch.setattr(coverage, "MOST_PACKED", 0)
    with time_machine.travel(NOW, tick=False):
        assert not Dashboard(Scope(None)).packed
        assert_same(Scope(None))
        assert_same(Scope(None), sector="police")


def test_a_group_too_large_for_its_packed_fields_falls_back_to_queries(edge_cases, monkeypatch):
    """Summed over a group of 2**FIELD_BITS people or more, a packed field could carry into
    the next one: then every figure is counted by the per-figure queries."""
    monkeypatch.setattr(coverage, "LARGEST_GROUP", 1)
    with time_machine.travel(NOW, tick=False):
        assert not Dashboard(Scope(None)).packed
        got = assert_same(Scope(None))
        assert_same(Scope(None), sector="police")
    assert got["tiles"]["in_date"] > 0 and got["tiles"]["in_progress"] > 0


def test_the_agency_table_written_in_python_escapes_names(catalogue, client, user_with_role):
    """The agency table's rows are written by the view, not the template: names are still
    escaped, and every figure still links to its people."""
    coordinator = user_with_role(Role.TRAINING_COORDINATOR)
    build(catalogue, coordinator)
    agency = AgencyFactory(name='Fish & <b>"Chips"</b>', sector="housing", headcount=4)
    UserFactory(agency=agency)
    sign_in(client, coordinator)
    html = client.get(reverse("courses:coverage")).content.decode()
    assert "<b>" not in html
    assert "Fish &amp; &lt;b&gt;&quot;Chips&quot;&lt;/b&gt;" in html
    learners = reverse("courses:coverage_learners", args=[agency.pk, 0]).rsplit("/0/", 1)[0]
    assert html.count(f'href="{learners}/') >= 7  # registered, and six figures a module


def test_a_past_moment_is_refused():
    with pytest.raises(ValueError, match="today"):
        Dashboard(Scope(None), now=NOW - datetime.timedelta(days=400))


def load_bench():
    spec = importlib.util.spec_from_file_location("coverage_bench", ROOT / "bench/coverage.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    return bench


def test_one_pass_equals_the_per_figure_queries_on_the_bench_partnership(catalogue):
    """The generated partnership (refreshers, revocations, late records, moves, erasure…)
    at 2,000 learners: the one pass and the floor's GROUP BY agree too."""
    bench = load_bench()
    data = bench.build_dataset(2000, 12, catalogue=catalogue)
    lead = Scope(frozenset({data["lead_agency_id"]}))
    for scope in (Scope(None), lead):
        for filters in [*FILTERS, {"module_id": data["module_ids"][2]}]:
            assert_same(scope, **filters)
    table = Dashboard(Scope(None)).table
    floor = bench.floor_counts()
    cells = zip(table["agency_id"], table["module_id"], table["in_date"], strict=True)
    assert all(count == floor.get((agency, module), 0) for agency, module, count in cells)
    assert sum(floor.values()) > 1000


def test_the_page_makes_the_same_queries_for_more_agencies_and_people(
    catalogue, client, user_with_role, django_assert_max_num_queries
):
    coordinator = user_with_role(Role.TRAINING_COORDINATOR)
    build(catalogue, coordinator, extra=5)
    sign_in(client, coordinator)
    url = reverse("courses:coverage")
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    for n in range(6):
        agency = AgencyFactory(name=f"Added agency {n}", sector="housing", headcount=20)
        for _ in range(4):
            UserFactory(agency=agency)
    with CaptureQueriesContext(connection) as large:
        page = client.get(url)
    assert page.status_code == 200
    assert "Added agency 5" in page.content.decode()
    assert len(large.captured_queries) == len(small.captured_queries)
    with django_assert_max_num_queries(20):
        assert client.get(url + "?sector=police").status_code == 200
