"""Who the coverage figures name and how (issue 19): the confidence report's groups and
averages, and the people behind a cell (``learners``) with each person's state, at the
edges mutation testing found unpinned."""

import datetime
from datetime import date

import allauth.account.models
import pytest
import time_machine
from django.core.exceptions import PermissionDenied

from accounts.factories import UserFactory
from accounts.roles import Role
from courses.factories import module_with_lessons
from courses.models import ConfidenceResponse, TrainingRequirement
from courses.selectors.coverage import (
    confidence_change,
    coverage_and_roles,
    coverage_by_sector,
    coverage_table,
    learners,
    learners_for_cell,
    people_q,
    trained_per_quarter,
)
from network.factories import AgencyFactory

from .coverage_data import LONDON, NOW, build

pytestmark = pytest.mark.django_db


# --- Confidence before and after --------------------------------------------------------


def rate(person, module, before, after):
    """``before`` and ``after``: one rating per statement (a list), or None for none."""
    for stage, ratings in (("before", before), ("after", after)):
        for n, rating in enumerate(ratings or []):
            ConfidenceResponse.objects.create(
                user=person, module=module, stage=stage, statement=f"Statement {n}", rating=rating
            )


def row(agency, module, people, before, after, change):
    return {
        "agency": agency,
        "module": module,
        "people": people,
        "before": before,
        "after": after,
        "change": change,
    }


@pytest.fixture
def coordinator(user_with_role):
    return user_with_role(Role.TRAINING_COORDINATOR)


@pytest.fixture
def dare(catalogue):
    return module_with_lessons(catalogue, count=1, title="DARE")


def test_confidence_is_the_mean_of_each_person_s_mean_rounded_once(dare, coordinator):
    agency = AgencyFactory(name="Alpha")
    # One person rated two statements: their means are 1.5 before and 4.5 after. Averaging
    # every rating instead would give 11/6 (1.8) before and 21/6 (3.5) after.
    rate(UserFactory(agency=agency), dare, [1, 2], [4, 5])
    for _ in range(4):
        rate(UserFactory(agency=agency), dare, [2], [3])

    # Before: (1.5 + 4 * 2) / 5 = 1.9; after: (4.5 + 4 * 3) / 5 = 3.3; change 1.4.
    assert confidence_change(coordinator) == [row("Alpha", "DARE", 5, 1.9, 3.3, 1.4)]


def test_the_change_is_rounded_after_subtracting_not_from_rounded_figures(dare, coordinator):
    agency = AgencyFactory(name="Alpha")
    # Means 2.44 before and 3.66 after (six people): shown 2.4 and 3.7, change 1.2 (1.22),
    # where the difference of the rounded figures would be 1.3.
    for before, after in ([3], [4]), ([2], [4]), ([3], [4]), ([2], [4]), ([2], [3]), ([2], [3]):
        rate(UserFactory(agency=agency), dare, before, after)
    people = [UserFactory(agency=agency) for _ in range(3)]
    for person in people:
        rate(person, dare, [2, 3, 3], [4, 4, 3])
    # Six single ratings: before 14, after 22; three people at 8/3 before, 11/3 after.
    # Before (14 + 8) / 9 = 2.444…, after (22 + 11) / 9 = 3.666…
    assert confidence_change(coordinator) == [row("Alpha", "DARE", 9, 2.4, 3.7, 1.2)]


def test_only_people_who_rated_both_before_and_after_are_a_group_of_five(dare, coordinator):
    agency = AgencyFactory(name="Alpha")
    for _ in range(4):
        rate(UserFactory(agency=agency), dare, [2], [4])
    rate(UserFactory(agency=agency), dare, None, [5])  # after only
    rate(UserFactory(agency=agency), dare, [1], None)  # before only
    assert confidence_change(coordinator) == []

    rate(UserFactory(agency=agency), dare, [2], [4])
    assert confidence_change(coordinator) == [row("Alpha", "DARE", 5, 2.0, 4.0, 2.0)]


def test_people_who_counted_when_they_rated_still_count_others_never(dare, coordinator):
    agency = AgencyFactory(name="Alpha")
    for _ in range(4):
        rate(UserFactory(agency=agency), dare, [2], [4])
    unverified = UserFactory(agency=agency)
    allauth.account.models.EmailAddress.objects.filter(user=unverified).update(verified=False)
    rate(unverified, dare, [1], [1])
    rate(UserFactory(agency=agency, agency_confirmed_at=None), dare, [1], [1])
    assert confidence_change(coordinator) == []

    leaver = UserFactory(agency=agency)
    rate(leaver, dare, [5], [5])
    leaver.is_active = False
    leaver.save(update_fields=["is_active"])
    # A leaver's ratings stay in the report (as the past figures keep them).
    assert confidence_change(coordinator) == [row("Alpha", "DARE", 5, 2.6, 4.2, 1.6)]


def test_groups_are_per_agency_and_module_in_order_of_agency_then_module(
    catalogue, dare, coordinator
):
    safe = module_with_lessons(catalogue, count=1, title="Safe and Together")
    alpha, beta = AgencyFactory(name="Alpha"), AgencyFactory(name="Beta")
    for _ in range(5):
        rate(UserFactory(agency=beta), dare, [1], [2])
        rate(UserFactory(agency=alpha), safe, [3], [5])
        person = UserFactory(agency=alpha)
        rate(person, dare, [4], [4])
        rate(person, safe, [1], [2])
    assert confidence_change(coordinator) == [
        row("Alpha", "DARE", 5, 4.0, 4.0, 0.0),
        row("Alpha", "Safe and Together", 10, 2.0, 3.5, 1.5),
        row("Beta", "DARE", 5, 1.0, 2.0, 1.0),
    ]


def test_agencies_and_modules_sharing_a_name_are_reported_together(catalogue, coordinator):
    # Three people in each of two agencies called "Housing", on two modules called "DARE":
    # no group reaches five alone, together they are six people.
    first = module_with_lessons(catalogue, count=1, title="DARE")
    second = module_with_lessons(catalogue, count=1, title="DARE")
    one, two = AgencyFactory(name="Housing"), AgencyFactory(name="Housing")
    for agency, module, before, after in (
        (one, first, 1, 2),
        (two, first, 2, 4),
        (one, second, 3, 5),
        (two, second, 2, 3),
    ):
        for _ in range(3 if agency is one and module is first else 1):
            rate(UserFactory(agency=agency), module, [before], [after])
    # Six people: before (3*1 + 2 + 3 + 2) / 6 = 1.67, after (3*2 + 4 + 5 + 3) / 6 = 3.0.
    assert confidence_change(coordinator) == [row("Housing", "DARE", 6, 1.7, 3.0, 1.3)]


def test_an_agency_lead_sees_their_own_agency_s_groups_only(dare, coordinator):
    alpha, beta = AgencyFactory(name="Alpha"), AgencyFactory(name="Beta")
    for agency in (alpha, beta):
        for _ in range(5):
            rate(UserFactory(agency=agency), dare, [2], [3])
    lead = UserFactory(role=Role.AGENCY_LEAD, agency=beta)
    assert confidence_change(lead) == [row("Beta", "DARE", 5, 2.0, 3.0, 1.0)]
    assert [r["agency"] for r in confidence_change(coordinator)] == ["Alpha", "Beta"]


def test_people_count_for_the_agency_they_are_in_now(dare, coordinator):
    alpha, beta = AgencyFactory(name="Alpha"), AgencyFactory(name="Beta")
    people = [UserFactory(agency=alpha) for _ in range(5)]
    for person in people:
        rate(person, dare, [2], [3])
    people[0].agency = beta
    people[0].save(update_fields=["agency"])
    assert confidence_change(coordinator) == []


# --- The people behind a cell -------------------------------------------------------------


@pytest.fixture
def world(catalogue):
    lead = UserFactory(role=Role.TRAINING_COORDINATOR, agency=None)
    with time_machine.travel(NOW, tick=False):
        return build(catalogue, lead) | {"coordinator": lead}


def people(world, figure="registered", module="first", now=NOW, **filters):
    with time_machine.travel(NOW, tick=False):
        return learners(
            world["coordinator"], world["modules"][module].pk, figure, now=now, **filters
        )


def states(rows):
    return [(r["name"], r["status"], r["in_progress"], r["expires_on"]) for r in rows]


IN_DATE, EXPIRING, LAPSED = "In date", "Expiring soon", "Lapsed"
NEVER, STARTED = "Never trained", "In progress"


def test_a_cell_lists_its_people_in_natural_order_each_with_their_state(world):
    police = world["agencies"]["police"]
    rows = people(world, agency_id=police.pk)
    assert states(rows) == [
        ("Day Sixty", EXPIRING, False, date(2027, 1, 21)),  # the 60th day is expiring
        ("Day Sixty One", IN_DATE, False, date(2027, 1, 22)),
        ("Expires Today", EXPIRING, False, date(2026, 11, 22)),  # in date through today
        ("Expiring", EXPIRING, False, date(2026, 12, 22)),
        ("In Date", IN_DATE, False, date(2027, 12, 27)),
        ("Lapsed", LAPSED, True, date(2026, 11, 17)),  # lapsed, with a refresher started
        ("Lapsed Yesterday", LAPSED, False, date(2026, 11, 21)),
        ("Late Record", NEVER, False, None),  # trained on the other module only
        ("No Role", NEVER, False, None),
        ("Refreshed", IN_DATE, False, date(2027, 9, 18)),  # the newest certificate
        ("Revoked Refresher", EXPIRING, False, date(2026, 12, 12)),  # the one before it
        ("Started", STARTED, True, None),
        ("Withdrawn Only", NEVER, False, None),
    ]
    day_sixty = world["people"]["Day Sixty"]
    assert rows[0] == {
        "id": day_sixty.pk,
        "name": "Day Sixty",
        "email": day_sixty.email,
        "job_role": "Frontline practitioner",
        "agency": "Police Alpha",
        "status": EXPIRING,
        "in_progress": False,
        "expires_at": day_sixty.certificates.get().expires_at,
        "expires_on": date(2027, 1, 21),
    }
    assert {r["job_role"] for r in rows} == {"Frontline practitioner", "Team leader or manager", ""}


def test_required_but_missing_is_everyone_required_without_a_certificate_in_date(world):
    police = world["agencies"]["police"]
    assert [r["name"] for r in people(world, "required_missing", agency_id=police.pk)] == [
        "Lapsed",
        "Lapsed Yesterday",
        "Late Record",
        "No Role",
        "Started",
        "Withdrawn Only",
    ]
    # On the second module only managers are required: none of Police Alpha's has it.
    managers = people(world, "required_missing", "second", agency_id=police.pk)
    assert [r["name"] for r in managers] == [
        "Refreshed",
        "Revoked Refresher",
        "Started",
    ]


def test_at_a_past_moment_each_state_is_as_the_records_stood_then(world):
    police = world["agencies"]["police"]
    then = datetime.datetime(2026, 10, 15, 12, tzinfo=LONDON)  # 60 days later: 14 December
    assert states(people(world, agency_id=police.pk, now=then)) == [
        ("Day Sixty", IN_DATE, False, date(2027, 1, 21)),
        ("Day Sixty One", IN_DATE, False, date(2027, 1, 22)),
        ("Expires Today", EXPIRING, False, date(2026, 11, 22)),
        ("Expiring", IN_DATE, False, date(2026, 12, 22)),  # not yet within 60 days
        ("In Date", IN_DATE, False, date(2027, 12, 27)),  # issued on 1 October
        ("Lapsed", EXPIRING, False, date(2026, 11, 17)),  # its refresher started later
        ("Lapsed Yesterday", EXPIRING, False, date(2026, 11, 21)),
        ("Late Record", NEVER, False, None),
        ("No Role", NEVER, False, None),
        ("Refreshed", IN_DATE, False, date(2027, 9, 18)),  # issued on 30 September
        ("Revoked Refresher", EXPIRING, False, date(2026, 12, 12)),  # revoked: never counts
        ("Started", NEVER, False, None),  # started on 21 November
        ("Withdrawn Only", NEVER, False, None),
    ]


def test_one_sector_or_one_job_role_across_every_agency_in_view(world):
    # Education: the Schools agency, with the person who moved there after training.
    assert states(people(world, sector="education")) == [
        ("Mover", IN_DATE, False, date(2027, 3, 2)),
        *[(f"School {n}", EXPIRING, False, date(2027, 1, 1)) for n in range(4)],
    ]
    # Managers on the second module, in every active agency (not Health Zero's frontline
    # worker, not the erased person).
    managers = people(world, module="second", job_role="manager")
    assert [(r["name"], r["agency"], r["status"]) for r in managers] == [
        ("Beta 0", "Police Beta", NEVER),
        ("Beta 1", "Police Beta", NEVER),
        ("Refreshed", "Police Alpha", NEVER),
        ("Revoked Refresher", "Police Alpha", NEVER),
        ("Small 0", "Health Small", IN_DATE),
        ("Small 1", "Health Small", IN_DATE),
        ("Small 2", "Health Small", IN_DATE),
        ("Started", "Police Alpha", NEVER),
    ]


def test_nobody_for_a_withdrawn_module_or_an_inactive_agency(world):
    assert people(world, module="withdrawn") == []
    assert people(world, agency_id=world["agencies"]["closed"].pk) == []


def test_an_unknown_figure_is_refused(world):
    with pytest.raises(ValueError, match="Unknown figure: trained"):
        people(world, "trained")


def test_an_agency_lead_sees_their_own_agency_s_people_only(world):
    schools, police = world["agencies"]["schools"], world["agencies"]["police"]
    lead = UserFactory(role=Role.AGENCY_LEAD, agency=schools, full_name="Zed Lead")
    module = world["modules"]["first"].pk
    with time_machine.travel(NOW, tick=False):
        own = [r["name"] for r in learners(lead, module, now=NOW)]
        with pytest.raises(PermissionDenied):
            learners(lead, module, agency_id=police.pk, now=NOW)
        with pytest.raises(PermissionDenied):
            learners_for_cell(lead, police.pk, module, NOW)
        cell = learners_for_cell(lead, schools.pk, module, NOW)
        missing = learners_for_cell(lead, schools.pk, module, NOW, required_missing=True)
        expiring = learners_for_cell(lead, schools.pk, module, NOW, figure="expiring")
        # The coordinator's cell for the same agency: that agency's people only.
        theirs = learners_for_cell(world["coordinator"], schools.pk, module, NOW)
    assert own == ["Mover", "School 0", "School 1", "School 2", "School 3", "Zed Lead"]
    assert [r["name"] for r in cell] == own
    assert missing == []  # the first module is required of the police sector only
    assert [r["name"] for r in expiring] == [f"School {n}" for n in range(4)]
    assert [r["name"] for r in theirs] == own


def test_names_sort_as_people_read_them_and_namesakes_by_account(catalogue, coordinator):
    module = module_with_lessons(catalogue, count=1, title="DARE")
    agency = AgencyFactory(name="Alpha")
    names = ["officer 10", "Officer 9", "Officer 2", "Officer 9"]
    made = [UserFactory(agency=agency, full_name=name) for name in names]
    rows = learners(coordinator, module.pk, agency_id=agency.pk)
    assert [(r["name"], r["id"]) for r in rows] == [
        ("Officer 2", made[2].pk),
        ("Officer 9", made[1].pk),
        ("Officer 9", made[3].pk),
        ("officer 10", made[0].pk),
    ]


# --- Coverage by sector, filtered ------------------------------------------------------------


def sectors(world, now=None, **filters):
    with time_machine.travel(NOW, tick=False):
        frame = coverage_by_sector(world["coordinator"], now, **filters)
    return [(r["sector"], r["headcount"], r["trained"]) for r in frame.to_dict("records")]


def test_sector_coverage_for_one_sector_one_module_and_another_day(world):
    # Today, every live module: Police Alpha's 8 in date (Police Beta has no headcount),
    # Health Small's 3 (Health Zero's headcount is 0), Schools' 5.
    everything = [("education", 11.0, 5), ("health", 2.0, 3), ("police", 10.0, 8)]
    assert sectors(world) == everything
    assert sectors(world, NOW) == everything
    assert sectors(world, sector="education") == [("education", 11.0, 5)]
    second = world["modules"]["second"].pk
    assert sectors(world, module_id=second) == [
        ("education", 11.0, 0),
        ("health", 2.0, 3),
        ("police", 10.0, 1),  # the late face-to-face record
    ]
    # On 2 January: the certificates expiring on 22 November, 12 and 22 December and the
    # four schools' on 1 January have lapsed by then.
    assert sectors(world, NOW + datetime.timedelta(days=41)) == [
        ("education", 11.0, 1),
        ("health", 2.0, 3),
        ("police", 10.0, 5),
    ]


def test_sector_coverage_at_a_past_moment_for_one_module(world):
    then = datetime.datetime(2026, 10, 15, 12, tzinfo=LONDON)
    second = world["modules"]["second"].pk
    assert sectors(world, then, module_id=second) == [
        ("education", 11.0, 0),
        ("health", 2.0, 3),
        ("police", 10.0, 1),
    ]
    assert sectors(world, then, sector="police", module_id=second) == [("police", 10.0, 1)]


def test_a_requirement_of_one_role_in_one_sector_and_of_every_role_in_another(
    catalogue, coordinator
):
    module = module_with_lessons(catalogue, count=1, title="Harmful practices")
    health = AgencyFactory(name="Health", sector="health")
    police = AgencyFactory(name="Police", sector="police")
    schools = AgencyFactory(name="Schools", sector="education")
    TrainingRequirement.objects.create(module=module, sector="health", job_role="manager")
    TrainingRequirement.objects.create(module=module, sector="education")
    for name, agency, role in (
        ("Health manager", health, "manager"),
        ("Health frontline", health, "frontline"),
        ("Police manager", police, "manager"),
        ("School frontline", schools, "frontline"),
        ("School manager", schools, "manager"),
    ):
        UserFactory(full_name=name, agency=agency, job_role=role)
    missing = learners(coordinator, module.pk, "required_missing")
    assert [r["name"] for r in missing] == ["Health manager", "School frontline", "School manager"]


# --- The coverage table of one module, on other days ------------------------------------------


def test_the_table_and_roles_of_one_module_today_at_a_past_moment_and_ahead(world):
    second = world["modules"]["second"].pk
    september = datetime.datetime(2026, 9, 15, 12, tzinfo=LONDON)
    january = NOW + datetime.timedelta(days=41)

    def figures(now):
        with time_machine.travel(NOW, tick=False):
            table, roles = coverage_and_roles(world["coordinator"], module_id=second, now=now)
            assert coverage_table(world["coordinator"], module_id=second, now=now).equals(table)
        assert set(table["module_id"]) == set(roles["module_id"]) == {second}
        cells = [(r["agency"], r["in_date"], r["expiring"]) for r in table.to_dict("records")]
        by_role = [
            (r["job_role"], r["in_date"], r["expiring"], r["required_missing"])
            for r in roles.to_dict("records")
        ]
        return cells, by_role

    # Today: Health Small's three managers (to 20 February), Health Zero's one, the late
    # record in Police Alpha.
    assert figures(None) == (
        [
            ("Health Small", 3, 0),
            ("Health Zero", 1, 0),
            ("Police Alpha", 1, 0),
            ("Police Beta", 0, 0),
            ("Schools", 0, 0),
        ],
        [("frontline", 2, 0, 0), ("manager", 3, 0, 5), ("", 0, 0, 0)],
    )
    # On 15 September only the late record's certificate of 1 September had been issued.
    assert figures(september) == (
        [
            ("Health Small", 0, 0),
            ("Health Zero", 0, 0),
            ("Police Alpha", 1, 0),
            ("Police Beta", 0, 0),
            ("Schools", 0, 0),
        ],
        [("frontline", 1, 0, 0), ("manager", 0, 0, 8), ("", 0, 0, 0)],
    )
    # On 2 January the same people are in date, and within 60 days of their expiry.
    assert figures(january) == (
        [
            ("Health Small", 3, 3),
            ("Health Zero", 1, 1),
            ("Police Alpha", 1, 0),
            ("Police Beta", 0, 0),
            ("Schools", 0, 0),
        ],
        [("frontline", 2, 1, 0), ("manager", 3, 3, 5), ("", 0, 0, 0)],
    )


def test_who_was_expiring_at_a_past_moment_is_judged_by_the_certificates_of_then(world):
    police = world["agencies"]["police"].pk
    september = datetime.datetime(2026, 9, 15, 12, tzinfo=LONDON)
    # On 15 September, Refreshed held only the certificate expiring on 12 November; its
    # refresher was issued on 30 September.
    assert [r["name"] for r in people(world, "expiring", agency_id=police, now=september)] == [
        "Refreshed"
    ]
    assert [r["name"] for r in people(world, "lapsed", agency_id=police, now=september)] == []
    rows = people(world, agency_id=police, now=september)
    refreshed = next(r for r in rows if r["name"] == "Refreshed")
    assert (refreshed["status"], refreshed["expires_on"]) == (EXPIRING, date(2026, 11, 12))
    in_date = next(r for r in rows if r["name"] == "In Date")
    assert (in_date["status"], in_date["expires_on"]) == (NEVER, None)  # issued 1 October


def test_refusals_say_why(world):
    lead = UserFactory(role=Role.AGENCY_LEAD, agency=world["agencies"]["schools"])
    police = world["agencies"]["police"].pk
    with pytest.raises(PermissionDenied, match=r"^You cannot see this agency's training\.$"):
        learners(lead, world["modules"]["first"].pk, agency_id=police)
    with pytest.raises(ValueError, match=r"^Unknown figure: trained$"):
        people_q("trained", world["modules"]["first"].pk, NOW.date())


def test_a_past_table_of_a_sector_with_no_agencies_keeps_its_columns(world):
    september = datetime.datetime(2026, 9, 15, 12, tzinfo=LONDON)
    with time_machine.travel(NOW, tick=False):
        today = coverage_and_roles(world["coordinator"], sector="housing")
        then = coverage_and_roles(world["coordinator"], sector="housing", now=september)
    for now, past in zip(today, then, strict=True):
        assert past.empty and now.empty
        assert list(past.columns) == list(now.columns)
    assert "required_missing" in then[0].columns and "required" in then[1].columns

    # Agencies, but no live module: the same.
    for module in ("first", "second"):
        world["modules"][module].unpublish()
    with time_machine.travel(NOW, tick=False):
        then = coverage_and_roles(world["coordinator"], now=september)
    for now, past in zip(today, then, strict=True):
        assert past.empty and list(past.columns) == list(now.columns)


def test_people_trained_per_quarter_end_with_the_quarter_of_the_moment_given(world):
    june = datetime.datetime(2025, 6, 30, 12, tzinfo=LONDON)
    with time_machine.travel(NOW, tick=False):
        quarters = trained_per_quarter(world["coordinator"], 4, now=june)
    # The certificates issued "long ago" (23 December 2024): twelve people counted now.
    assert quarters == [("2024 Q3", 0), ("2024 Q4", 12), ("2025 Q1", 0), ("2025 Q2", 0)]


def test_a_drill_down_reads_the_same_number_of_queries_for_one_person_or_many(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    people(world, agency_id=world["agencies"]["zero"].pk)  # caches warmed (content types…)
    counts = []
    for agency in ("small", "police"):  # three people, then thirteen
        with CaptureQueriesContext(connection) as queries:
            people(world, agency_id=world["agencies"][agency].pk)
        counts.append(len(queries))
    assert counts[0] == counts[1]
