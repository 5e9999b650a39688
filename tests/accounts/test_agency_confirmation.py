"""Who counts for an agency: verified email, and membership confirmed (by domain or a person).

A stranger can sign up and pick any agency from the list. Until their email is verified and
the agency lead (or the coordinator) confirms they belong, they never count in the agency's
figures and never appear in its drill-down. A registered email domain is proof on its own.
"""

import datetime
import importlib
import re

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps as global_apps
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.audit import ACTIONS
from accounts.models import AuditEvent, User
from accounts.roles import Role
from certificates.services import issue_certificate
from courses.models import Enrolment
from courses.selectors.coverage import (
    confidence_change,
    coverage_by_sector,
    coverage_table,
    headlines,
    learners_for_cell,
    trained_per_quarter,
)
from network.factories import AgencyEmailDomainFactory, AgencyFactory
from tests.helpers import sign_in

pytestmark = pytest.mark.django_db

PASSWORD = "Lighthouse-Orchard-42"
MEMBERS = "/learning/coverage/members/"


def sign_up(client, email, agency=""):
    response = client.post(
        reverse("account_signup"),
        {
            "full_name": "Casey Stranger",
            "email": email,
            "job_role": "frontline",
            "agency": str(agency),
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert response.status_code == 302
    return User.objects.get(email=email)


def verify(email):
    """Follow the link in the confirmation email, as the person would."""
    message = next(m for m in reversed(mail.outbox) if email in m.to)
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", message.body).group(0)
    Client().post(link)
    assert EmailAddress.objects.get(email=email).verified


def certify(user, module, when=None):
    when = when or timezone.now() - datetime.timedelta(days=1)
    enrolment = Enrolment.objects.create(user=user, module=module, completed_at=when)
    return issue_certificate(enrolment, now=when)


def counted(viewer, agency, module, name):
    """Whether ``name`` counts anywhere in the agency's figures or drill-down."""
    table = coverage_table(viewer)
    row = table[(table.agency_id == agency.pk) & (table.module_id == module.pk)].iloc[0]
    names = {r["name"] for r in learners_for_cell(viewer, agency.pk, module.pk)}
    return row.registered, row.in_date, name in names


@pytest.fixture
def school(db):
    return AgencyFactory(name="Bitterne Park School", sector="education", headcount=50)


@pytest.fixture
def lead(user_with_role, school):
    return user_with_role(Role.AGENCY_LEAD, agency=school, full_name="Lena Lead")


@pytest.fixture
def coordinator(user_with_role):
    return user_with_role(Role.TRAINING_COORDINATOR)


def test_a_stranger_who_picked_an_agency_counts_only_once_verified_and_confirmed(
    client, school, lead, module
):
    stranger = sign_up(client, "casey@example.org", agency=school.pk)
    assert stranger.agency == school and stranger.agency_confirmed_at is None
    # Pretend they had already been given a certificate: it must not count either.
    certify(stranger, module)
    lead_baseline = counted(lead, school, module, "Lena Lead")
    assert lead_baseline == (1, 0, True)  # the lead alone (confirmed by the factory)
    assert counted(lead, school, module, "Casey Stranger") == (1, 0, False)

    lead_client = Client()
    sign_in(lead_client, lead)
    page = lead_client.get(
        reverse("courses:coverage_learners", args=[school.pk, module.pk])
    ).content.decode()
    assert "Casey Stranger" not in page

    verify("casey@example.org")
    stranger.refresh_from_db()
    assert stranger.agency_confirmed_at is None  # a choice from the list is not proof
    assert counted(lead, school, module, "Casey Stranger") == (1, 0, False)

    listing = lead_client.get(MEMBERS).content.decode()
    assert "Casey Stranger" in listing and "casey@example.org" in listing
    response = lead_client.post(MEMBERS, {"confirm": stranger.pk})
    assert response.status_code == 302
    stranger.refresh_from_db()
    assert stranger.agency_confirmed_by == lead
    assert stranger.agency_confirmed_at is not None
    assert counted(lead, school, module, "Casey Stranger") == (2, 1, True)
    event = AuditEvent.objects.get(action="agency.confirmed")
    assert (event.actor, event.target_id) == (lead, str(stranger.pk))
    assert "casey" not in event.summary.lower()
    assert "Casey Stranger" not in lead_client.get(MEMBERS).content.decode()


def test_a_verified_work_email_at_the_agencys_domain_counts_without_confirmation(
    client, lead, school, module
):
    AgencyEmailDomainFactory(agency=school, domain="bitterne.sch.uk")
    teacher = sign_up(client, "teacher@bitterne.sch.uk")
    assert teacher.agency == school
    assert counted(lead, school, module, "Casey Stranger")[2] is False  # not verified yet

    verify("teacher@bitterne.sch.uk")
    teacher.refresh_from_db()
    assert teacher.agency_confirmed_at is not None
    assert teacher.agency_confirmed_by is None  # the domain is the proof, not a person
    assert counted(lead, school, module, "Casey Stranger") == (2, 0, True)


def test_unverified_people_count_nowhere_in_the_dashboard_charts_or_exports(
    client, user_with_role, school, coordinator, module
):
    """Confirmed by the coordinator but never verified: no tile, chart, table or export."""
    from courses.models import ConfidenceResponse

    people = []
    for n in range(5):
        person = user_with_role(agency=school, full_name=f"Unverified {n}")
        EmailAddress.objects.filter(user=person).update(verified=False)
        certify(person, module)
        for stage, rating in (("before", 1), ("after", 5)):
            ConfidenceResponse.objects.create(
                user=person, module=module, stage=stage, statement="I can ask", rating=rating
            )
        people.append(person)

    table = coverage_table(coordinator)
    assert table["registered"].sum() == 0 and table["in_date"].sum() == 0
    sectors = coverage_by_sector(coordinator)
    assert sectors["trained"].sum() == 0
    assert sum(count for _, count in trained_per_quarter(coordinator)) == 0
    tiles = headlines(table, coordinator, sectors=sectors)
    assert (tiles["trained_in_period"], tiles["sectors_engaged"], tiles["in_date"]) == (0, 0, 0)
    assert confidence_change(coordinator) == []
    assert learners_for_cell(coordinator, school.pk, module.pk) == []

    sign_in(client, coordinator)
    for query in ("?format=csv", "?table=sectors&format=csv", "?table=quarters&format=csv"):
        body = client.get(reverse("courses:coverage") + query).content.decode("utf-8-sig")
        assert "Unverified" not in body

    # Verifying them all brings every figure in (they were confirmed by the factory).
    EmailAddress.objects.filter(user__in=people).update(verified=True)
    assert coverage_table(coordinator)["in_date"].sum() == 5
    assert coverage_by_sector(coordinator)["trained"].sum() == 5
    assert confidence_change(coordinator)[0]["people"] == 5


def test_a_lead_cannot_see_or_confirm_another_agencys_people(client, lead, user_with_role):
    other = AgencyFactory(name="Another agency")
    outsider = user_with_role(agency=other, full_name="Olive Outsider", agency_confirmed_at=None)
    sign_in(client, lead)
    assert "Olive Outsider" not in client.get(MEMBERS).content.decode()
    assert client.get(MEMBERS + f"?agency={other.pk}").status_code in (403, 404)
    for data in ({"confirm": outsider.pk}, {"decline": outsider.pk}):
        assert client.post(MEMBERS, data).status_code in (403, 404)
    assert client.post(MEMBERS, {"confirm_selected": "", "person": [outsider.pk]}).status_code in (
        403,
        404,
    )
    outsider.refresh_from_db()
    assert outsider.agency == other and outsider.agency_confirmed_at is None
    assert not AuditEvent.objects.filter(action__startswith="agency.").exists()


def test_learners_cannot_use_the_confirmation_page(client, user_with_role, school):
    person = user_with_role(agency=school, agency_confirmed_at=None)
    sign_in(client, person)
    assert client.get(MEMBERS).status_code == 403
    assert client.post(MEMBERS, {"confirm": person.pk}).status_code == 403
    person.refresh_from_db()
    assert person.agency_confirmed_at is None


def test_confirming_needs_post_and_a_csrf_token(lead, user_with_role, school):
    person = user_with_role(agency=school, agency_confirmed_at=None)
    browser = Client(enforce_csrf_checks=True)
    sign_in(browser, lead)
    assert browser.post(MEMBERS, {"confirm": person.pk}).status_code == 403
    assert browser.get(MEMBERS + f"?confirm={person.pk}").status_code == 200
    person.refresh_from_db()
    assert person.agency_confirmed_at is None


def test_the_coordinator_confirms_several_people_at_once_and_filters_by_agency(
    client, coordinator, user_with_role, school
):
    other = AgencyFactory(name="Solent Mind")
    a, b, c = (
        user_with_role(agency=agency, full_name=name, agency_confirmed_at=None)
        for agency, name in ((school, "Ada Able"), (other, "Ben Baker"), (school, "Cal Cole"))
    )
    sign_in(client, coordinator)
    everyone = client.get(MEMBERS).content.decode()
    assert all(name in everyone for name in ("Ada Able", "Ben Baker", "Cal Cole"))
    only_school = client.get(MEMBERS + f"?agency={school.pk}").content.decode()
    assert "Ada Able" in only_school and "Ben Baker" not in only_school

    response = client.post(MEMBERS, {"confirm_selected": "", "person": [a.pk, b.pk]})
    assert response.status_code == 302
    for person, confirmed in ((a, True), (b, True), (c, False)):
        person.refresh_from_db()
        assert (person.agency_confirmed_at is not None) is confirmed
    assert AuditEvent.objects.filter(action="agency.confirmed").count() == 2
    assert "Confirmed 2 people" in client.get(response["Location"]).content.decode()


def test_confirm_selected_with_nothing_selected_explains_on_the_page(client, coordinator):
    sign_in(client, coordinator)
    response = client.post(MEMBERS, {"confirm_selected": ""})
    html = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in html
    assert "Select at least one person to confirm" in html
    bad = client.post(MEMBERS, {"confirm": "not-a-number"})
    assert bad.status_code in (400, 404)
    odd_filter = client.get(MEMBERS + "?agency=nonsense").content.decode()
    assert "There is a problem" in odd_filter and "Select an agency from the list" in odd_filter


def test_not_in_this_agency_removes_the_agency(client, lead, user_with_role, school, module):
    person = user_with_role(agency=school, full_name="Wrong Choice", agency_confirmed_at=None)
    sign_in(client, lead)
    response = client.post(MEMBERS, {"decline": person.pk})
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.agency is None and person.agency_confirmed_at is None
    event = AuditEvent.objects.get(action="agency.declined")
    assert (event.actor, event.target_id) == (lead, str(person.pk))
    assert "agency.confirmed" in ACTIONS and "agency.declined" in ACTIONS


def test_changing_agency_resets_confirmation(user_with_role, school):
    person = user_with_role(agency=school)
    assert person.agency_confirmed_at is not None
    person.agency = AgencyFactory(name="Elsewhere")
    person.save()
    person.refresh_from_db()
    assert person.agency_confirmed_at is None and person.agency_confirmed_by is None

    # Saving only the agency (update_fields) resets it too.
    person.agency_confirmed_at = timezone.now()
    person.save()
    person.agency = school
    person.save(update_fields=["agency"])
    person.refresh_from_db()
    assert person.agency_confirmed_at is None


def test_the_coordinator_changing_an_agency_in_admin_learners_confirms_it(
    client, coordinator, user_with_role, school
):
    person = user_with_role(agency=None, full_name="Nadia Notlisted", job_role="frontline")
    sign_in(client, coordinator)
    response = client.post(
        reverse("learners:edit", args=[person.pk]),
        {"full_name": person.full_name, "job_role": "frontline", "agency": school.pk},
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.agency == school
    assert person.agency_confirmed_by == coordinator and person.agency_confirmed_at


def test_the_coordinators_staff_import_confirms_people(client, coordinator, school):
    from django.core.files.uploadedfile import SimpleUploadedFile

    sign_in(client, coordinator)
    client.post(
        reverse("network_staff_import"),
        {
            "agency": school.pk,
            "file": SimpleUploadedFile("staff.csv", b"Name,Email\nPat Lee,pat@example.org\n"),
            "headcount": "",
        },
    )
    client.post(reverse("network_staff_import"), {"action": "confirm"})
    pat = User.objects.get(email="pat@example.org")
    assert pat.agency == school
    assert pat.agency_confirmed_by == coordinator and pat.agency_confirmed_at


def test_the_dashboard_tells_the_lead_how_many_are_waiting(client, lead, user_with_role, school):
    for _ in range(2):
        user_with_role(agency=school, agency_confirmed_at=None)
    user_with_role(agency=AgencyFactory(), agency_confirmed_at=None)  # not theirs
    sign_in(client, lead)
    html = client.get(reverse("courses:coverage")).content.decode()
    assert "2 people say they work for your agency" in html
    assert f'href="{MEMBERS}"' in html


def test_the_migration_confirms_existing_members_whose_domain_matches(user_with_role, school):
    AgencyEmailDomainFactory(agency=school, domain="bitterne.sch.uk")
    matched = user_with_role(
        agency=school, email="a@staff.bitterne.sch.uk", agency_confirmed_at=None
    )
    chosen = user_with_role(agency=school, email="b@example.org", agency_confirmed_at=None)
    nobody = user_with_role(agency=None, email="c@bitterne.sch.uk")
    migration = importlib.import_module("accounts.migrations.0005_agency_confirmation")
    migration.confirm_domain_matches(global_apps, None)
    for person in (matched, chosen, nobody):
        person.refresh_from_db()
    assert matched.agency_confirmed_at is not None and matched.agency_confirmed_by is None
    assert chosen.agency_confirmed_at is None
    assert nobody.agency_confirmed_at is None


def test_erased_people_still_count_in_past_training_figures(user_with_role, school, module):
    """Erasure keeps "trained per quarter" right, as the privacy notice promises."""
    from accounts.privacy import erase_user

    coordinator = user_with_role(Role.TRAINING_COORDINATOR)
    person = user_with_role(agency=school)
    certify(person, module)
    before = trained_per_quarter(coordinator)
    erase_user(person, by=coordinator)
    assert trained_per_quarter(coordinator) == before
    assert sum(count for _, count in before) == 1


@pytest.mark.parametrize(
    "data",
    [
        {"confirm": "\x00"},
        {"confirm": ""},
        {"decline": "1e9"},
        {"confirm": "99999999999999999999999"},
        {"confirm_selected": "", "person": ["abc", "\u202e1"]},
        {"confirm_selected": "", "person": ["-1"]},
        {"made_up": "x"},
    ],
)
def test_hostile_input_is_never_a_server_error(client, coordinator, data):
    sign_in(client, coordinator)
    assert client.post(MEMBERS, data).status_code in (400, 404)
    # Control characters may be refused before the view (config.badinput): never a 500.
    assert client.get(MEMBERS, {"agency": "\x00<script>"}).status_code in (200, 400)
    assert client.get(MEMBERS, {"agency": "<script>"}).status_code == 200
