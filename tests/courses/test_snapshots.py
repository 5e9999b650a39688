"""Quarterly coverage snapshots: quarters in Europe/London, stored once, taken daily."""

import datetime
import io
import threading
import zoneinfo

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection, connections

from certificates.services import issue_certificate
from courses.factories import module_with_lessons
from courses.models import CoverageSnapshot, Enrolment
from courses.selectors.snapshots import LIVE, Quarter, default_choice, snapshot_choices
from courses.services import snapshots
from courses.services.snapshots import QuarterNotClosed, quarters_due, take_snapshot
from network.factories import AgencyFactory

LONDON = zoneinfo.ZoneInfo("Europe/London")
UTC = datetime.UTC


def london(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=LONDON)


def certify(user, module, moment):
    enrolment = Enrolment.objects.create(user=user, module=module, completed_at=moment)
    return issue_certificate(enrolment)


# --- Quarters -------------------------------------------------------------------------


def test_quarter_ends_at_the_last_microsecond_of_31_december_london():
    q4 = Quarter(2026, 4)
    assert q4.start == london(2026, 10, 1)
    assert q4.end == london(2027, 1, 1)
    assert q4.last_moment == london(2026, 12, 31, 23, 59, 59, 999999)
    assert q4.next() == Quarter(2027, 1) and Quarter(2027, 1).previous() == q4


@pytest.mark.parametrize(
    ("quarter", "last_utc"),
    [
        # British Summer Time: the quarter ends at 23:00 UTC, an hour before midnight UTC.
        (Quarter(2026, 2), datetime.datetime(2026, 6, 30, 22, 59, 59, 999999, tzinfo=UTC)),
        (Quarter(2026, 3), datetime.datetime(2026, 9, 30, 22, 59, 59, 999999, tzinfo=UTC)),
        (Quarter(2026, 1), datetime.datetime(2026, 3, 31, 22, 59, 59, 999999, tzinfo=UTC)),
        (Quarter(2026, 4), datetime.datetime(2026, 12, 31, 23, 59, 59, 999999, tzinfo=UTC)),
    ],
)
def test_quarter_end_in_utc_follows_summer_time(quarter, last_utc):
    assert quarter.last_moment == last_utc


def test_a_quarter_is_closed_from_the_next_quarters_first_moment():
    q4 = Quarter(2026, 4)
    assert not q4.is_closed(london(2026, 12, 31, 23, 59, 59, 999999))
    assert q4.is_closed(london(2027, 1, 1))


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("2026-Q4", Quarter(2026, 4)),
        ("2026-Q1", Quarter(2026, 1)),
        ("2026-Q0", None),
        ("2026-Q5", None),
        ("26-Q4", None),
        ("2026Q4", None),
        ("", None),
        ("live", None),
    ],
)
def test_quarter_keys(key, expected):
    assert Quarter.parse(key) == expected


# --- Taking a snapshot ------------------------------------------------------------------


@pytest.fixture
def police(db):
    return AgencyFactory(name="Police", sector="police", headcount=10)


@pytest.mark.django_db
def test_a_quarter_cannot_be_snapshotted_before_it_ends():
    with pytest.raises(QuarterNotClosed):
        take_snapshot(2026, 4, london(2026, 12, 31, 23, 59, 59, 999999))
    snapshot, created = take_snapshot(2026, 4, london(2027, 1, 1))
    assert created and snapshot.label == "2026 Q4"
    assert snapshot.period_start == london(2026, 10, 1)
    assert snapshot.period_end == london(2027, 1, 1)
    assert snapshot.definitions_version


def test_snapshot_counts_people_not_certificates_at_the_quarter_end(
    user_with_role, catalogue, police
):
    first = module_with_lessons(catalogue, count=1, title="Identifying")
    second = module_with_lessons(catalogue, count=1, title="DARE")
    both = user_with_role(agency=police)
    one = user_with_role(agency=police)
    certify(both, first, london(2026, 10, 5, 9))
    certify(both, second, london(2026, 11, 5, 9))
    certify(one, first, london(2026, 12, 31, 23, 59))  # the quarter's last minute

    snapshot, _ = take_snapshot(2026, 4, london(2027, 1, 1, 0, 0))
    headline = snapshot.figures["headline"]
    assert headline["trained_in_quarter"] == 2  # three certificates, two people
    assert headline["in_date_people"] == 2  # people, not certificates, on 31 December
    assert headline["sectors_engaged"] == 1
    cells = {row["module"]: row for row in snapshot.figures["agencies"]}
    assert cells["Identifying"]["in_date"] == 2 and cells["DARE"]["in_date"] == 1
    assert cells["Identifying"]["headcount"] == 10
    assert [row["sector"] for row in snapshot.figures["sectors"]] == ["police"]

    # 1 January 00:00 belongs to Q1.
    late = user_with_role(agency=police)
    certify(late, first, london(2027, 1, 1, 0, 0))
    q1, _ = take_snapshot(2027, 1, london(2027, 4, 1))
    assert q1.figures["headline"]["trained_in_quarter"] == 1


def test_training_after_the_quarter_is_not_in_date_at_its_end(user_with_role, module, police):
    person = user_with_role(agency=police)
    certify(person, module, london(2027, 1, 2, 10))
    with time_machine.travel(london(2027, 1, 4, 9), tick=False):
        snapshot, _ = take_snapshot(2026, 4, london(2027, 1, 4, 9))
    assert snapshot.figures["headline"]["in_date_people"] == 0
    [cell] = snapshot.figures["agencies"]
    assert (cell["in_date"], cell["lapsed"], cell["never_trained"]) == (0, 0, 1)


@pytest.mark.parametrize(
    ("issued", "counted"),
    [
        (london(2026, 12, 31, 23, 59, 59, 999999), 1),  # the quarter's last moment
        (london(2027, 1, 1), 0),  # a microsecond later: the next quarter
    ],
)
def test_in_date_at_the_quarter_end_by_the_moment_issued(
    user_with_role, module, police, issued, counted
):
    certify(user_with_role(agency=police), module, issued)
    with time_machine.travel(london(2027, 1, 1, 0, 5), tick=False):
        snapshot, _ = take_snapshot(2026, 4, london(2027, 1, 1, 0, 5))
    assert snapshot.figures["headline"]["in_date_people"] == counted
    assert snapshot.figures["headline"]["trained_in_quarter"] == counted


def test_a_refresher_after_the_quarter_leaves_the_certificate_held_then(
    user_with_role, module, police
):
    """Lapsed at the quarter's end, renewed on 2 January: lapsed in the snapshot, not in
    date; the certificate in force at the end of December is the older one."""
    person = user_with_role(agency=police)
    old = certify(person, module, london(2024, 1, 10, 9))
    old.expires_at = london(2026, 12, 30, 12)  # printed 30 December: lapsed on the 31st
    old.save(update_fields=["expires_at"])
    certify(person, module, london(2027, 1, 2, 9))
    with time_machine.travel(london(2027, 1, 4, 9), tick=False):
        snapshot, _ = take_snapshot(2026, 4, london(2027, 1, 4, 9))
    [cell] = snapshot.figures["agencies"]
    assert (cell["in_date"], cell["lapsed"], cell["never_trained"]) == (0, 1, 0)
    assert snapshot.figures["headline"]["in_date_people"] == 0


def test_in_progress_at_the_quarter_end_is_started_by_then_and_not_completed_by_then(
    user_with_role, catalogue, police
):
    end = london(2026, 12, 31, 23, 59, 59, 999999)
    microsecond = datetime.timedelta(microseconds=1)
    modules = [module_with_lessons(catalogue, count=1, title=f"M{i}") for i in range(4)]
    person = user_with_role(agency=police)
    cases = [
        (end, None),  # started at the last moment, never completed: in progress
        (end - microsecond, end + microsecond),  # completed after the end: in progress
        (end - microsecond, end),  # completed at the last moment: not in progress
        (end + microsecond, None),  # started after the end: not in progress
    ]
    for module, (started, completed) in zip(modules, cases, strict=True):
        Enrolment.objects.create(
            user=person, module=module, started_at=started, completed_at=completed
        )
    with time_machine.travel(london(2027, 1, 4, 9), tick=False):
        snapshot, _ = take_snapshot(2026, 4, london(2027, 1, 4, 9))
    cells = {row["module"]: row["in_progress"] for row in snapshot.figures["agencies"]}
    assert cells == {"M0": 1, "M1": 1, "M2": 0, "M3": 0}


@pytest.mark.parametrize(
    ("last_minute", "next_quarter_start", "number"),
    [
        (london(2026, 6, 30, 23, 59), london(2026, 7, 1), 2),
        (london(2026, 9, 30, 23, 59), london(2026, 10, 1), 3),
    ],
)
def test_summer_time_quarter_end(
    user_with_role, module, police, last_minute, next_quarter_start, number
):
    inside = user_with_role(agency=police)
    outside = user_with_role(agency=police)
    certify(inside, module, last_minute)
    # Midnight BST is 23:00 UTC on the last day: it belongs to the next quarter.
    certify(outside, module, next_quarter_start)
    assert next_quarter_start.astimezone(UTC).hour == 23
    snapshot, _ = take_snapshot(2026, number, next_quarter_start)
    assert snapshot.figures["headline"]["trained_in_quarter"] == 1
    following, _ = take_snapshot(2026, number + 1, Quarter(2026, number + 1).end)
    assert following.figures["headline"]["trained_in_quarter"] == 1


def test_a_second_run_stores_nothing_and_keeps_the_first_figures(user_with_role, module, police):
    person = user_with_role(agency=police)
    certificate = certify(person, module, london(2026, 11, 1, 12))
    first, created = take_snapshot(2026, 4, london(2027, 1, 1, 0, 5))
    assert created and first.figures["headline"]["trained_in_quarter"] == 1
    certificate.revoked_at = london(2027, 1, 2)
    certificate.revoked_reason = "Issued in error"
    certificate.save()
    again, created = take_snapshot(2026, 4, london(2027, 1, 4))
    assert not created and again.pk == first.pk
    assert CoverageSnapshot.objects.count() == 1
    again.refresh_from_db()
    assert again.figures["headline"]["trained_in_quarter"] == 1
    assert again.taken_at == london(2027, 1, 1, 0, 5)


# --- Which quarters the daily job takes ---------------------------------------------------


def stored(*quarters):
    for year, number in quarters:
        take_snapshot(year, number, Quarter(year, number).end)


@pytest.mark.django_db
def test_first_run_takes_only_the_last_closed_quarter():
    assert quarters_due(london(2027, 1, 1)) == [Quarter(2026, 4)]
    assert quarters_due(london(2026, 12, 31, 23, 59)) == [Quarter(2026, 3)]


@pytest.mark.django_db
def test_missed_quarters_are_caught_up_back_to_the_newest_snapshot():
    stored((2026, 1))
    assert quarters_due(london(2027, 1, 4)) == [
        Quarter(2026, 2),
        Quarter(2026, 3),
        Quarter(2026, 4),
    ]
    stored((2026, 4))
    assert quarters_due(london(2027, 1, 4)) == []


@pytest.mark.django_db
def test_catch_up_is_limited():
    stored((2024, 1))
    due = quarters_due(london(2027, 1, 4))
    assert len(due) == snapshots.CATCH_UP_QUARTERS
    assert due[0] == Quarter(2026, 1) and due[-1] == Quarter(2026, 4)


@pytest.mark.parametrize(
    "moment",
    [london(2027, 1, 1, 0, 0, 30), london(2027, 1, 2, 6, 15), london(2027, 1, 4, 23, 59)],
)
def test_the_daily_command_on_1_to_4_january_stores_q4(db, moment):
    with time_machine.travel(moment, tick=False):
        call_command("take_coverage_snapshots", stdout=io.StringIO())
        call_command("take_coverage_snapshots", stdout=io.StringIO())
    assert list(CoverageSnapshot.objects.values_list("year", "quarter")) == [(2026, 4)]


@pytest.mark.django_db
def test_the_daily_command_on_31_december_does_not_store_q4():
    with time_machine.travel(london(2026, 12, 31, 23, 59), tick=False):
        call_command("take_coverage_snapshots", stdout=io.StringIO())
    assert list(CoverageSnapshot.objects.values_list("year", "quarter")) == [(2026, 3)]


@pytest.mark.django_db
def test_picker_offers_live_then_final_quarters_newest_first():
    now = london(2027, 1, 4)
    assert default_choice(now) == LIVE
    stored((2026, 3), (2026, 4))
    choices = snapshot_choices(now)
    assert [key for key, _ in choices] == [LIVE, "2026-Q4", "2026-Q3"]
    assert "not final" in choices[0][1] and "2027 Q1" in choices[0][1]
    assert default_choice(now) == "2026-Q4"


# --- Two workers at once (PostgreSQL) -----------------------------------------------------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent writers")
def test_two_workers_store_one_snapshot(monkeypatch):
    workers = 2
    barrier = threading.Barrier(workers)
    real = snapshots.quarter_figures

    def figures_after_both_checked(quarter):
        # Both workers have found no snapshot before either stores one.
        barrier.wait(timeout=20)
        return real(quarter)

    monkeypatch.setattr(snapshots, "quarter_figures", figures_after_both_checked)
    results, errors = [], []

    def work():
        try:
            results.append(take_snapshot(2026, 4, london(2027, 1, 1, 0, 1)))
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(created for _, created in results) == [False, True]
    assert len({snapshot.pk for snapshot, _ in results}) == 1
    assert CoverageSnapshot.objects.count() == 1
