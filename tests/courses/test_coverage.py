"""Coverage figures: hand-counted, recomputed another way, scoped by role, exported."""

import datetime
import io
import math
import zoneinfo

import pandas as pd
import pytest
from allauth.account.models import EmailAddress
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from certificates.models import Certificate
from certificates.services import issue_certificate
from courses.factories import module_with_lessons
from courses.models import Enrolment, TrainingRequirement
from courses.selectors.coverage import (
    coverage_table,
    headlines,
    learners_for_cell,
    quarter_bounds,
    scope_for,
    sectors_engaged,
)
from network.factories import AgencyFactory
from tests.helpers import sign_in

pytestmark = pytest.mark.django_db
LONDON = zoneinfo.ZoneInfo("Europe/London")
NOW = datetime.datetime(2026, 11, 22, 12, 0, tzinfo=LONDON)


def certify(user, module, expires_in_days: int):
    enrolment = Enrolment.objects.create(
        user=user, module=module, completed_at=NOW - datetime.timedelta(days=30)
    )
    certificate = issue_certificate(enrolment)
    Certificate.objects.filter(pk=certificate.pk).update(
        expires_at=NOW + datetime.timedelta(days=expires_in_days)
    )
    return certificate


@pytest.fixture
def data(user_with_role, catalogue):
    police = AgencyFactory(name="Police", sector="police", headcount=10)
    health = AgencyFactory(name="Hillside Trust", sector="health", headcount=0)
    first = module_with_lessons(catalogue, count=1, title="Identifying")
    second = module_with_lessons(catalogue, count=1, title="DARE")
    TrainingRequirement.objects.create(module=first, sector="police")
    people = {
        name: user_with_role(full_name=name, agency=police)
        for name in ("In Date", "Expiring", "Lapsed", "Started")
    }
    certify(people["In Date"], first, 400)
    certify(people["Expiring"], first, 30)
    certify(people["Lapsed"], first, -5)
    # Started before NOW: the selectors judge a past NOW as the records stood then.
    Enrolment.objects.create(
        user=people["Started"], module=first, started_at=NOW - datetime.timedelta(days=1)
    )
    # Neither of these counts: one never verified their email, the other picked the police
    # from the list and nobody has confirmed they work there.
    unverified = user_with_role(full_name="Unverified", agency=police)
    EmailAddress.objects.filter(user=unverified).update(verified=False)
    unconfirmed = user_with_role(full_name="Unconfirmed", agency=police, agency_confirmed_at=None)
    for outsider in (unverified, unconfirmed):
        certify(outsider, first, 400)
        Enrolment.objects.create(
            user=outsider, module=second, started_at=NOW - datetime.timedelta(days=1)
        )
    nurse = user_with_role(full_name="Nurse", agency=health)
    certify(nurse, second, 400)
    return {"police": police, "health": health, "first": first, "second": second}


@pytest.fixture
def coordinator(user_with_role):
    return user_with_role(Role.TRAINING_COORDINATOR)


def cell(table, agency, module):
    return table[(table.agency_id == agency.pk) & (table.module_id == module.pk)].iloc[0]


def test_one_agency_matches_a_hand_count(data, coordinator):
    table = coverage_table(coordinator, now=NOW)
    police = cell(table, data["police"], data["first"])
    assert police.registered == 4
    assert police.in_progress == 1
    assert police.in_date == 2  # In Date and Expiring
    assert police.expiring == 1
    assert police.lapsed == 1
    assert police.required_missing == 2  # Lapsed and Started must hold it and do not
    assert police.coverage == 20.0  # 2 of a headcount of 10
    assert police.coverage_registered == 50.0
    other = cell(table, data["police"], data["second"])
    assert (other.in_date, other.required_missing, other.in_progress) == (0, 0, 0)


def test_no_headcount_is_not_a_division_error(data, coordinator, client):
    table = coverage_table(coordinator, now=NOW)
    health = cell(table, data["health"], data["second"])
    assert health.in_date == 1
    assert math.isnan(health.coverage)
    sign_in(client, coordinator)
    assert "No headcount" in client.get(reverse("courses:coverage")).content.decode()


def test_the_same_numbers_computed_a_second_way(data, coordinator):
    """Recompute in-date holders per agency and module with one SQL GROUP BY."""
    table = coverage_table(coordinator, now=NOW)
    grouped = (
        Certificate.objects.filter(
            revoked_at__isnull=True,
            superseded_by__isnull=True,
            user__agency__isnull=False,
            user__agency_confirmed_at__isnull=False,
            user__emailaddress__verified=True,
        )
        .values("user__agency_id", "module_id")
        .annotate(
            in_date=Count("user", filter=Q(expires_at__gt=NOW), distinct=True),
            lapsed=Count("user", filter=Q(expires_at__lte=NOW), distinct=True),
        )
    )
    for row in grouped:
        agency = type(data["police"]).objects.get(pk=row["user__agency_id"])
        module = type(data["first"]).objects.get(pk=row["module_id"])
        found = cell(table, agency, module)
        assert (found.in_date, found.lapsed) == (row["in_date"], row["lapsed"])


def test_agency_leads_see_only_their_own_agency(data, user_with_role, client):
    lead = user_with_role(Role.AGENCY_LEAD, agency=data["police"])
    table = coverage_table(lead, now=NOW)
    assert set(table.agency_id) == {data["police"].pk}
    with pytest.raises(PermissionDenied):
        learners_for_cell(lead, data["health"].pk, data["second"].pk)

    sign_in(client, lead)
    html = client.get(reverse("courses:coverage")).content.decode()
    assert "Police" in html and "Hillside Trust" not in html
    other = reverse("courses:coverage_learners", args=[data["health"].pk, data["second"].pk])
    assert client.get(other).status_code == 404
    own = reverse("courses:coverage_learners", args=[data["police"].pk, data["first"].pk])
    page = client.get(own).content.decode()
    assert "Expiring soon" in page and "In progress" in page


def test_learners_and_editors_cannot_see_coverage(user_with_role, client):
    for role in (Role.LEARNER, Role.EDITOR):
        person = user_with_role(role)
        with pytest.raises(PermissionDenied):
            scope_for(person)
        sign_in(client, person)
        assert client.get(reverse("courses:coverage")).status_code == 403


def test_drill_down_names_each_learners_status(data, coordinator):
    rows = {
        r["name"]: r["status"]
        for r in learners_for_cell(coordinator, data["police"].pk, data["first"].pk, now=NOW)
    }
    assert rows == {
        "In Date": "In date",
        "Expiring": "Expiring soon",
        "Lapsed": "Lapsed",
        "Started": "In progress",
    }


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_exports_equal_the_table(data, coordinator, client, kind):
    sign_in(client, coordinator)
    response = client.get(reverse("courses:coverage") + f"?format={kind}")
    assert response["Content-Disposition"].endswith(f'.{kind}"')
    if kind == "csv":
        exported = pd.read_csv(io.StringIO(response.content.decode("utf-8-sig")))
    else:
        exported = pd.read_excel(io.BytesIO(response.content))
    table = coverage_table(coordinator)
    assert list(exported["Agency"]) == list(table["agency"])
    assert list(exported["Module"]) == list(table["module"])
    assert list(exported["Holding an in-date certificate"]) == list(table["in_date"])
    assert list(exported["Required but missing"]) == list(table["required_missing"])


def test_quarters_and_sectors_engaged_across_a_boundary(user_with_role, catalogue, coordinator):
    module = module_with_lessons(catalogue, count=1)
    police = AgencyFactory(name="Police", sector="police", headcount=5)
    health = AgencyFactory(name="Health", sector="health", headcount=5)
    late_september = datetime.datetime(2026, 9, 30, 23, 30, tzinfo=LONDON)
    early_october = datetime.datetime(2026, 10, 1, 0, 30, tzinfo=LONDON)
    for agency, when in ((police, late_september), (health, early_october)):
        enrolment = Enrolment.objects.create(
            user=user_with_role(agency=agency), module=module, completed_at=when
        )
        issue_certificate(enrolment, now=when)

    q3 = quarter_bounds(late_september)
    q4 = quarter_bounds(early_october)
    assert q3[1] == q4[0] == datetime.datetime(2026, 10, 1, tzinfo=LONDON)
    scope = scope_for(coordinator)
    assert sectors_engaged(scope, *q3) == 1
    assert sectors_engaged(scope, *q4) == 1
    assert sectors_engaged(scope, q3[0], q4[1]) == 2
    tiles = headlines(
        coverage_table(coordinator), coordinator, now=early_october + datetime.timedelta(days=14)
    )
    assert tiles["trained_in_period"] == 1
    assert timezone.is_aware(q4[0])


def test_trained_per_quarter_counts_people_once_per_quarter(user_with_role, catalogue, coordinator):
    from courses.selectors.coverage import trained_per_quarter

    module = module_with_lessons(catalogue, count=1)
    other = module_with_lessons(catalogue, count=1)
    agency = AgencyFactory(name="Police", sector="police")
    person = user_with_role(agency=agency)
    moments = [
        datetime.datetime(2026, 9, 30, 23, 30, tzinfo=LONDON),  # Q3
        datetime.datetime(2026, 10, 1, 0, 30, tzinfo=LONDON),  # Q4
        datetime.datetime(2026, 10, 20, 9, 0, tzinfo=LONDON),  # Q4 again, same person
    ]
    for when, which in zip(moments, (module, module, other), strict=True):
        enrolment = Enrolment.objects.create(user=person, module=which, completed_at=when)
        issue_certificate(enrolment, now=when)
    counts = dict(trained_per_quarter(coordinator, quarters=3, now=NOW))
    assert counts == {"2026 Q2": 0, "2026 Q3": 1, "2026 Q4": 1}


def test_confidence_change_is_reported_only_for_groups_of_five(
    user_with_role, catalogue, coordinator
):
    from courses.models import ConfidenceResponse
    from courses.selectors.coverage import confidence_change

    module = module_with_lessons(catalogue, count=1, title="DARE")
    big, small = AgencyFactory(name="Big agency"), AgencyFactory(name="Small agency")

    def rate(agency, before, after):
        person = user_with_role(agency=agency)
        for stage, rating in (("before", before), ("after", after)):
            ConfidenceResponse.objects.create(
                user=person, module=module, stage=stage, statement="I can ask", rating=rating
            )

    for before, after in ((1, 3), (2, 4), (2, 3), (3, 5), (2, 5)):
        rate(big, before, after)
    for _ in range(4):
        rate(small, 1, 5)
    only_before = user_with_role(agency=big)
    ConfidenceResponse.objects.create(
        user=only_before, module=module, stage="before", statement="I can ask", rating=5
    )

    rows = confidence_change(coordinator)
    assert rows == [
        {
            "agency": "Big agency",
            "module": "DARE",
            "people": 5,
            "before": 2.0,
            "after": 4.0,
            "change": 2.0,
        }
    ]


def test_named_face_to_face_attendance_counts_and_issues_certificates(
    client, coordinator, user_with_role, catalogue, django_capture_on_commit_callbacks
):
    from courses.models import FaceToFaceSession

    module = module_with_lessons(catalogue, count=1, title="Safe and Together")
    agency = AgencyFactory(name="Children's services", sector="childrens_social_care", headcount=4)
    attendees = [user_with_role(agency=agency) for _ in range(2)]
    sign_in(client, coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("facetofacesession:add"),
            {
                "date": "2026-11-10",
                "trainer": "A. Trainer",
                "module": module.pk,
                "topic": "",
                "agency": agency.pk,
                "attendees": [a.pk for a in attendees],
                "attendance_count": "0",
            },
        )
    assert response.status_code == 302
    assert Certificate.objects.filter(module=module).count() == 2
    found = cell(coverage_table(coordinator), agency, module)
    assert (found.in_date, found.coverage) == (2, 50.0)

    # Saving the session again does not issue anything twice.
    session = FaceToFaceSession.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("facetofacesession:edit", args=[session.pk]),
            {
                "date": "2026-11-10",
                "trainer": "A. Trainer",
                "module": module.pk,
                "topic": "",
                "agency": agency.pk,
                "attendees": [a.pk for a in attendees],
                "attendance_count": "12",
            },
        )
    assert Certificate.objects.filter(module=module).count() == 2


def test_drill_down_lists_names_in_natural_order(user_with_role, catalogue, coordinator, client):
    agency = AgencyFactory(name="Numbered", sector="police", headcount=20)
    module = module_with_lessons(catalogue, count=1, title="Identifying")
    for name in ("Learner 10", "learner 2", "Learner 1", "Learner 11", "Aaron"):
        user_with_role(full_name=name, agency=agency)
    names = [row["name"] for row in learners_for_cell(coordinator, agency.pk, module.pk)]
    assert names == ["Aaron", "Learner 1", "learner 2", "Learner 10", "Learner 11"]
    sign_in(client, coordinator)
    html = client.get(reverse("courses:coverage_learners", args=[agency.pk, module.pk]))
    text = html.content.decode()
    positions = [text.index(f">{name}<") for name in names]
    assert positions == sorted(positions)
