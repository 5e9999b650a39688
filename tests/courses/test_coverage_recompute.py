# ruff: noqa: S608 - the SQL is built from constant fragments of this file, never input.
"""Acceptance 1 of issue 15: every dashboard figure recomputed in plain SQL from the
written definitions (docs/coverage.md), not through the selectors or the ORM, over a data
set holding every edge case (tests/courses/coverage_data.py), and no difference.

Day boundaries are worked out here in Python (Europe/London) and passed as parameters, so
the same SQL runs on SQLite and PostgreSQL:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/safecity_b .venv/bin/pytest ...
"""

import datetime

import pytest
from django.db import connection

from accounts.roles import Role
from certificates.validity import start_of
from courses.coverage_definitions import percent
from courses.selectors.coverage import (
    FIGURES,
    Scope,
    coverage_and_roles,
    coverage_by_sector,
    headlines,
    trained_per_quarter,
)

from .coverage_data import NOW, TODAY, build

pytestmark = pytest.mark.django_db

# Who counts now (the definition "Who counts"), as a derived table.
COUNTED = """
    SELECT u.id AS user_id, u.agency_id AS agency_id, u.job_role AS job_role,
           a.sector AS sector, a.headcount AS headcount
    FROM accounts_user u JOIN network_agency a ON a.id = u.agency_id
    WHERE u.is_active = %(yes)s AND a.is_active = %(yes)s
      AND u.agency_confirmed_at IS NOT NULL
      AND EXISTS (SELECT 1 FROM account_emailaddress e
                  WHERE e.user_id = u.id AND e.email = u.email AND e.verified = %(yes)s)
"""
LIVE = """
    SELECT p.id AS module_id FROM wagtailcore_page p
    JOIN courses_modulepage m ON m.page_ptr_id = p.id WHERE p.live = %(yes)s
"""
IN_FORCE = "c.revoked_at IS NULL AND c.superseded_by_id IS NULL"
IN_DATE = IN_FORCE + " AND c.expires_at >= %(today)s"
EXPIRING = IN_DATE + " AND c.expires_at < %(after_60_days)s"
LAPSED = IN_FORCE + " AND c.expires_at < %(today)s"


def holds(condition: str) -> str:
    return (
        "EXISTS (SELECT 1 FROM certificates_certificate c WHERE c.user_id = k.user_id "
        f"AND c.module_id = m.module_id AND {condition})"
    )


REQUIRED = """EXISTS (SELECT 1 FROM courses_trainingrequirement r
    WHERE r.module_id = m.module_id AND (r.sector = '' OR r.sector = k.sector)
      AND (r.job_role = '' OR r.job_role = k.job_role))"""
IN_PROGRESS = """EXISTS (SELECT 1 FROM courses_enrolment e WHERE e.user_id = k.user_id
    AND e.module_id = m.module_id AND e.completed_at IS NULL)"""

#: Each figure of a cell as a condition on a counted person k and a live module m.
CONDITIONS = {
    "registered": "1 = 1",
    "in_progress": IN_PROGRESS,
    "in_date": holds(IN_DATE),
    "expiring": holds(EXPIRING),
    "lapsed": f"{holds(LAPSED)} AND NOT {holds(IN_DATE)}",
    "never_trained": f"NOT {holds(IN_FORCE)}",
    "required_missing": f"{REQUIRED} AND NOT {holds(IN_DATE)}",
}
# Historic: people who counted when trained (deactivated and erased people still do).
COUNTED_THEN = """
    u.agency_id IS NOT NULL AND u.agency_confirmed_at IS NOT NULL
    AND (EXISTS (SELECT 1 FROM account_emailaddress e
                 WHERE e.user_id = u.id AND e.email = u.email AND e.verified = %(yes)s)
         OR u.email LIKE %(erased)s)
"""


def sql(query: str, params: dict) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        return cursor.fetchall()


def moment(value: datetime.datetime):
    return connection.ops.adapt_datetimefield_value(value)


def parameters(start: datetime.datetime, end: datetime.datetime) -> dict:
    return {
        "yes": True,
        "today": moment(start_of(TODAY)),
        "after_60_days": moment(start_of(TODAY + datetime.timedelta(days=61))),
        "start": moment(start),
        "end": moment(end),
        "first_day": connection.ops.adapt_datefield_value(start.date()),
        "last_day": connection.ops.adapt_datefield_value(TODAY),
        "erased": "%@erased.invalid",
    }


def cells(group: str, params: dict) -> dict:
    """{(group value, module): {figure: people}} for every counted group and live module."""
    found: dict = {}
    for figure, condition in CONDITIONS.items():
        rows = sql(
            f"SELECT k.{group}, m.module_id, COUNT(DISTINCT k.user_id) "
            f"FROM ({COUNTED}) k CROSS JOIN ({LIVE}) m WHERE {condition} "
            f"GROUP BY k.{group}, m.module_id",
            params,
        )
        for key, module_id, people in rows:
            found.setdefault((key or "", module_id), dict.fromkeys(FIGURES, 0))[figure] = people
    return found


@pytest.fixture
def dataset(catalogue, user_with_role):
    coordinator = user_with_role(Role.TRAINING_COORDINATOR)
    return build(catalogue, coordinator, extra=40)


def test_every_dashboard_figure_recomputed_in_sql(dataset):
    start = datetime.datetime(2026, 10, 1, tzinfo=NOW.tzinfo)
    end = start_of(TODAY + datetime.timedelta(days=1))
    params = parameters(start, end)
    scope = Scope(None)
    table, roles = coverage_and_roles(scope, now=NOW)
    sectors = coverage_by_sector(scope, NOW)
    tiles = headlines(table, scope, now=NOW, sectors=sectors)

    # The agency table: every cell, every figure, and the coverage shown.
    expected = cells("agency_id", params)
    got = {
        (row["agency_id"], row["module_id"]): {figure: row[figure] for figure in FIGURES}
        for row in table.to_dict("records")
    }
    assert {key: value for key, value in got.items() if any(value.values())} == expected
    headcounts = dict(sql("SELECT id, headcount FROM network_agency", params))
    shown = {
        (agency, module): people
        for agency, module, people in sql(
            f"SELECT k.agency_id, m.module_id, (200 * COUNT(DISTINCT k.user_id) + "
            f"MAX(k.headcount)) / (2 * MAX(k.headcount)) FROM ({COUNTED}) k "
            f"CROSS JOIN ({LIVE}) m WHERE k.headcount > 0 AND {CONDITIONS['in_date']} "
            "GROUP BY k.agency_id, m.module_id",
            params,
        )
    }
    for row in table.to_dict("records"):
        key = (row["agency_id"], row["module_id"])
        headcount = headcounts[row["agency_id"]]
        want = shown.get(key, 0 if headcount else None)
        assert percent(row["in_date"], row["headcount"]) == want, key

    # Compliance by job role.
    expected_roles = cells("job_role", params)
    got_roles = {
        (row["job_role"], row["module_id"]): {figure: row[figure] for figure in FIGURES}
        for row in roles.to_dict("records")
    }
    assert got_roles == expected_roles

    # Sector coverage and the headline: agencies with a headcount above 0 only.
    trained = dict(
        sql(
            f"SELECT k.sector, COUNT(DISTINCT k.user_id) FROM ({COUNTED}) k "
            f"CROSS JOIN ({LIVE}) m WHERE k.headcount > 0 AND {CONDITIONS['in_date']} "
            "GROUP BY k.sector",
            params,
        )
    )
    headcount = dict(
        sql(
            "SELECT sector, SUM(headcount) FROM network_agency "
            "WHERE is_active = %(yes)s AND headcount > 0 GROUP BY sector",
            params,
        )
    )
    for row in sectors.to_dict("records"):
        assert row["trained"] == trained.get(row["sector"], 0), row["sector"]
        if row["headcount"] == row["headcount"]:
            assert int(row["headcount"]) == headcount[row["sector"]]
        else:
            assert row["sector"] not in headcount
    [(people, total)] = sql(
        f"SELECT COUNT(DISTINCT k.user_id), (SELECT SUM(headcount) FROM network_agency "
        f"WHERE is_active = %(yes)s AND headcount > 0) FROM ({COUNTED}) k "
        f"CROSS JOIN ({LIVE}) m WHERE k.headcount > 0 AND {CONDITIONS['in_date']}",
        params,
    )
    assert (tiles["coverage_trained"], tiles["coverage_headcount"]) == (people, total)
    [(overall,)] = sql(f"SELECT (200 * {people} + {total}) / (2 * {total})", {})
    assert tiles["coverage_overall"] == overall

    # The tiles summed from the table.
    registered = sql(f"SELECT COUNT(*) FROM ({COUNTED}) k", params)[0][0]
    assert tiles["registered"] == registered
    for tile, figure in (
        ("in_progress", "in_progress"),
        ("in_date", "in_date"),
        ("expiring_soon", "expiring"),
        ("lapsed", "lapsed"),
        ("never_trained", "never_trained"),
        ("required_missing", "required_missing"),
    ):
        assert tiles[tile] == sum(cell[figure] for cell in expected.values()), tile

    # Period figures: historic, so deactivated and erased people count.
    issued_in = (
        "FROM certificates_certificate c JOIN accounts_user u ON u.id = c.user_id "
        "JOIN network_agency a ON a.id = u.agency_id "
        f"WHERE c.revoked_at IS NULL AND {COUNTED_THEN} "
        "AND c.issued_at >= %(start)s AND c.issued_at < %(end)s"
    )
    [(people_trained, sectors_engaged)] = sql(
        f"SELECT COUNT(DISTINCT c.user_id), COUNT(DISTINCT a.sector) {issued_in}", params
    )
    assert tiles["trained_in_period"] == people_trained
    assert tiles["sectors_engaged"] == sectors_engaged
    [(by_count,)] = sql(
        "SELECT COALESCE(SUM(attendance_count), 0) FROM courses_facetofacesession "
        "WHERE date >= %(first_day)s AND date <= %(last_day)s",
        params,
    )
    assert tiles["face_to_face_by_count"] == by_count == 12  # today's 7 included

    # Staff trained per quarter: people once per quarter.
    quarters = trained_per_quarter(scope, now=NOW)
    starts = [
        datetime.datetime(2025 + n // 4, 1 + 3 * (n % 4), 1, tzinfo=NOW.tzinfo) for n in range(8)
    ]
    ends = [*starts[1:], datetime.datetime(2027, 1, 1, tzinfo=NOW.tzinfo)]
    for (label, count), first, last in zip(quarters, starts, ends, strict=True):
        [(people_in_quarter,)] = sql(
            f"SELECT COUNT(DISTINCT c.user_id) {issued_in}",
            {**params, "start": moment(first), "end": moment(last)},
        )
        assert count == people_in_quarter, label
    assert [label for label, _ in quarters][-2:] == ["2026 Q3", "2026 Q4"]


def test_the_edge_cases_are_in_the_data(dataset):
    """The data set holds what it claims to (so the comparison above means something)."""
    scope = Scope(None)
    table, _ = coverage_and_roles(scope, now=NOW)
    agencies, modules = dataset["agencies"], dataset["modules"]
    by_cell = {(r["agency_id"], r["module_id"]): r for r in table.to_dict("records")}
    police = by_cell[(agencies["police"].pk, modules["first"].pk)]
    assert police["in_date"] >= 6  # in date, expiring, today, day 60, day 61, refreshed
    assert police["lapsed"] >= 2  # lapsed, lapsed yesterday
    assert agencies["closed"].pk not in set(table["agency_id"])
    assert modules["withdrawn"].pk not in set(table["module_id"])
    small = by_cell[(agencies["small"].pk, modules["second"].pk)]
    assert percent(small["in_date"], small["headcount"]) > 100
