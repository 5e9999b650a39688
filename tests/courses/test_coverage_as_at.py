"""Coverage "as at" a past moment (issue 15: quarterly snapshots).

``courses.selectors.coverage.as_at``: a ``now`` before today (Europe/London) is judged as
the records stood then; no ``now``, the current moment or any moment of today keep today's
rule (and today's SQL, so the dashboard stays as fast).
"""

import datetime
import zoneinfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from certificates.services import issue_certificate
from courses.models import Enrolment
from courses.selectors.coverage import (
    FIGURES,
    Scope,
    as_at,
    coverage_by_sector,
    coverage_table,
    learners,
)
from network.factories import AgencyFactory

pytestmark = pytest.mark.django_db
LONDON = zoneinfo.ZoneInfo("Europe/London")
TODAY_10AM = datetime.datetime(2027, 1, 4, 10, 0, tzinfo=LONDON)
MIDNIGHT = datetime.datetime(2027, 1, 4, 0, 0, tzinfo=LONDON)  # today's first moment
MICRO = datetime.timedelta(microseconds=1)


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(TODAY_10AM, tick=False):
        yield


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (None, None),
        (TODAY_10AM, None),  # the dashboard: timezone.now()
        (MIDNIGHT, None),  # earlier today: today's rule
        (MIDNIGHT - MICRO, MIDNIGHT - MICRO),  # yesterday's last moment: as at then
        (TODAY_10AM + datetime.timedelta(days=30), None),  # the future: today's rule
    ],
    ids=["none", "current-moment", "today-midnight", "yesterday-last-moment", "future"],
)
def test_as_at_only_for_a_moment_before_today(now, expected):
    assert as_at(now) == expected


def test_the_dashboard_path_keeps_todays_sql(trained_this_morning):
    """No as-at subquery (``EXISTS`` a certificate ranking above, ``validity.in_force_q``
    with a moment) when ``now`` is the current moment: the dashboard's single pass reads
    ``issued_at`` only to count people per quarter and period."""
    with CaptureQueriesContext(connection) as queries:
        coverage_table(Scope(None), now=timezone.now())
        coverage_by_sector(Scope(None), timezone.now())
    assert queries.captured_queries
    assert not any("EXISTS" in query["sql"].upper() for query in queries.captured_queries)
    with CaptureQueriesContext(connection) as queries:
        coverage_table(Scope(None), now=MIDNIGHT - MICRO)
    assert any("EXISTS" in query["sql"].upper() for query in queries.captured_queries)


@pytest.fixture
def trained_this_morning(user_with_role, module):
    police = AgencyFactory(name="Police", sector="police", headcount=10)
    person = user_with_role(agency=police)
    issued = datetime.datetime(2027, 1, 4, 9, 0, tzinfo=LONDON)
    enrolment = Enrolment.objects.create(
        user=person, module=module, started_at=issued - MICRO, completed_at=issued
    )
    issue_certificate(enrolment)
    return police, module, person


@pytest.mark.parametrize(
    ("now", "in_date"),
    [(MIDNIGHT, 1), (MIDNIGHT - MICRO, 0)],
    ids=["earlier-today-counts-this-mornings-training", "yesterday-does-not"],
)
def test_training_recorded_today_counts_for_today_not_for_yesterday(
    trained_this_morning, now, in_date
):
    police, module, person = trained_this_morning
    [row] = coverage_table(Scope(None), now=now).to_dict("records")
    assert row["in_date"] == in_date
    assert row["never_trained"] == 1 - in_date
    [sector] = coverage_by_sector(Scope(None), now).to_dict("records")
    assert sector["trained"] == in_date
    people = learners(Scope(None), module.pk, "in_date", agency_id=police.pk, now=now)
    assert [row["id"] for row in people] == ([person.pk] if in_date else [])


def test_drill_downs_equal_cells_at_a_past_moment(trained_this_morning, user_with_role):
    """At a past moment the drill-downs use the same as-at conditions as the cells."""
    police, module, _person = trained_this_morning
    other = user_with_role(agency=police)
    # Started yesterday, completed this morning: in progress at yesterday's last moment.
    Enrolment.objects.create(
        user=other,
        module=module,
        started_at=MIDNIGHT - datetime.timedelta(hours=2),
        completed_at=TODAY_10AM - datetime.timedelta(minutes=30),
    )
    moment = MIDNIGHT - MICRO
    [row] = coverage_table(Scope(None), now=moment).to_dict("records")
    assert (row["registered"], row["in_progress"], row["in_date"]) == (2, 1, 0)
    for figure in FIGURES:
        people = learners(Scope(None), module.pk, figure, agency_id=police.pk, now=moment)
        assert len(people) == row[figure], figure
    [started] = learners(Scope(None), module.pk, "in_progress", agency_id=police.pk, now=moment)
    assert (started["id"], started["status"]) == (other.pk, "In progress")
