"""The data-quality panel and the sector rows, figure by figure (issue 19): which agencies
are left out of sector coverage and in what order, which are over their headcount, how many
accounts are never activated or not confirmed, for every agency, one sector and one
agency's lead; and the sector table as the dashboard, the exports and the API show it."""

import math

import pandas as pd
import pytest
import time_machine

from accounts.factories import UserFactory
from accounts.roles import Role
from courses.selectors.coverage import (
    Dashboard,
    Scope,
    agencies_left_out,
    coverage_table,
    data_quality,
    sector_rows,
)
from network.factories import AgencyFactory

from .coverage_data import NOW, build

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(catalogue, user_with_role):
    coordinator = user_with_role(Role.TRAINING_COORDINATOR, agency=None)
    with time_machine.travel(NOW, tick=False):
        return build(catalogue, coordinator)


def quality(scope, **filters):
    with time_machine.travel(NOW, tick=False):
        return data_quality(scope, coverage_table(scope, now=NOW, **filters), **filters)


def left(agency, headcount):
    return {
        "agency_id": agency.pk,
        "agency": agency.name,
        "sector": agency.sector,
        "headcount": headcount,
    }


def over(agency, registered):
    return {
        "agency_id": agency.pk,
        "agency": agency.name,
        "headcount": agency.headcount,
        "registered": registered,
    }


# --- On the generated edge cases (tests/courses/coverage_data.py) ----------------------------


def test_for_every_agency_each_problem_is_listed_once(world):
    a = world["agencies"]
    assert quality(Scope(None)) == {
        # By name; a headcount of 0 is "no headcount" (no coverage figure), not "over".
        "no_headcount": [left(a["zero"], 0), left(a["no_headcount"], None)],
        # Police Alpha: 13 people counted against 10; Health Small: 3 against 2.
        "over_headcount": [over(a["small"], 3), over(a["police"], 13)],
        "never_activated": 1,  # "Unverified"; the erased and the deactivated are not active
        "unconfirmed": 1,  # "Unconfirmed"; the mover was confirmed in their new agency
    }


def test_one_sector_lists_its_own_agencies_and_people_only(world):
    a = world["agencies"]
    assert quality(Scope(None), sector="health") == {
        "no_headcount": [left(a["zero"], 0)],
        "over_headcount": [over(a["small"], 3)],
        "never_activated": 0,
        "unconfirmed": 0,
    }
    police = quality(Scope(None), sector="police")
    assert police["no_headcount"] == [left(a["no_headcount"], None)]
    assert (police["never_activated"], police["unconfirmed"]) == (1, 1)


def test_an_agency_lead_sees_their_own_agency_s_problems_only(world):
    a = world["agencies"]
    assert quality(Scope(frozenset({a["schools"].pk}))) == {
        "no_headcount": [],
        "over_headcount": [],  # 5 registered against 11
        "never_activated": 0,
        "unconfirmed": 0,
    }
    beta = quality(Scope(frozenset({a["no_headcount"].pk})))
    assert beta["no_headcount"] == [left(a["no_headcount"], None)]


def test_the_dashboard_s_own_member_counts_are_used_as_given_even_when_0(world):
    table = coverage_table(Scope(None), now=NOW)
    for given in [(0, 0), (4, 7)]:
        found = data_quality(Scope(None), table, members=given)
        assert (found["never_activated"], found["unconfirmed"]) == given
    with time_machine.travel(NOW, tick=False):
        dashboard = Dashboard(Scope(None), now=None).quality
    assert (dashboard["never_activated"], dashboard["unconfirmed"]) == (1, 1)


# --- At the headcount ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("headcount", "people", "listed"), [(1, 1, False), (1, 2, True), (2, 2, False), (2, 3, True)]
)
def test_an_agency_is_over_its_headcount_only_with_more_people_than_it(
    module, headcount, people, listed
):
    agency = AgencyFactory(name="Solent Housing", sector="housing", headcount=headcount)
    UserFactory.create_batch(people, agency=agency)
    found = data_quality(Scope(None), coverage_table(Scope(None)))
    assert found["over_headcount"] == ([over(agency, people)] if listed else [])
    assert found["no_headcount"] == []


def test_with_no_live_module_nothing_is_over_and_the_empty_headcounts_still_show():
    agency = AgencyFactory(name="Solent Housing", headcount=None)
    UserFactory.create_batch(2, agency=agency)
    found = data_quality(Scope(None), coverage_table(Scope(None)))
    assert found["over_headcount"] == []
    assert found["no_headcount"] == [left(agency, None)]


def test_agencies_left_out_are_in_natural_order_active_ones_only():
    tenth = AgencyFactory(name="Team 10", sector="police", headcount=None)
    ninth = AgencyFactory(name="team 9", sector="health", headcount=0)
    hundredth = AgencyFactory(name="Team 100", sector="police", headcount=None)
    AgencyFactory(name="Team 1", headcount=None, is_active=False)
    AgencyFactory(name="Team 2", headcount=1)
    assert agencies_left_out(Scope(None)) == [
        left(ninth, 0),
        left(tenth, None),
        left(hundredth, None),
    ]
    assert agencies_left_out(Scope(None), sector="police") == [
        left(tenth, None),
        left(hundredth, None),
    ]
    assert agencies_left_out(Scope(frozenset({ninth.pk}))) == [left(ninth, 0)]
    assert all(
        type(row["headcount"]) in (int, type(None)) for row in agencies_left_out(Scope(None))
    )


# --- The sector rows ---------------------------------------------------------------------------


def test_sector_rows_are_whole_numbers_named_and_rounded_once():
    sectors = pd.DataFrame(
        {
            "sector": ["education", "health", "police", "retired-sector"],
            "headcount": [11.0, math.nan, 8.0, 2.0],
            "trained": [5, 3, 1, 3],
            "coverage": [5 / 11 * 100, math.nan, 12.5, 150.0],
        }
    )
    rows = sector_rows(sectors)
    assert rows == [
        {
            "sector_value": "education",
            "sector": "Education",
            "trained": 5,
            "headcount": 11,
            "coverage": 45,
        },
        {
            "sector_value": "health",
            "sector": "Health",
            "trained": 3,
            "headcount": None,
            "coverage": None,
        },
        {
            "sector_value": "police",
            "sector": "Police",
            "trained": 1,
            "headcount": 8,
            "coverage": 13,
        },
        # A sector no longer offered keeps its stored value as its name.
        {
            "sector_value": "retired-sector",
            "sector": "retired-sector",
            "trained": 3,
            "headcount": 2,
            "coverage": 150,
        },
    ]
    assert all(
        type(row[key]) in (int, type(None)) for row in rows for key in ("trained", "headcount")
    )


def test_sector_rows_of_no_sectors_are_none():
    assert sector_rows(pd.DataFrame(columns=["sector", "headcount", "trained", "coverage"])) == []
