"""Importing an agency's staff list: good files pre-register, bad files import nothing."""

import pytest
from allauth.account.models import EmailAddress
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import User
from accounts.roles import Role
from accounts.staff_import import parse_staff_csv
from network.factories import AgencyFactory
from tests.helpers import sign_in

pytestmark = pytest.mark.django_db

GOOD = (
    "Name,Email,Job role\n"
    "Priya Patel,Priya.Patel@Solent.nhs.uk,Frontline practitioner\n"
    "\n"
    "Tom Jones,tom@solent.nhs.uk,manager\n"
)


@pytest.fixture
def coordinator(client, user_with_role):
    sign_in(client, user_with_role(Role.TRAINING_COORDINATOR))
    return client


def upload(client, agency, content: bytes, headcount=""):
    return client.post(
        reverse("network_staff_import"),
        {
            "agency": agency.pk,
            "file": SimpleUploadedFile("staff.csv", content),
            "headcount": headcount,
        },
    )


def test_a_good_file_previews_then_pre_registers_learners(coordinator):
    agency = AgencyFactory(name="Solent", headcount=100)
    html = upload(coordinator, agency, GOOD.encode(), headcount="250").content.decode()
    assert "2 people ready to add to Solent" in html
    assert not User.objects.filter(email="priya.patel@solent.nhs.uk").exists()

    coordinator.post(reverse("network_staff_import"), {"action": "confirm"})
    priya = User.objects.get(email="priya.patel@solent.nhs.uk")
    assert (priya.full_name, priya.job_role, priya.agency) == ("Priya Patel", "frontline", agency)
    assert not priya.has_usable_password()
    assert not EmailAddress.objects.get(user=priya).verified  # they still verify it
    assert priya.groups.filter(name="Learner").exists()
    assert User.objects.get(email="tom@solent.nhs.uk").job_role == "manager"
    agency.refresh_from_db()
    assert agency.headcount == 250


def test_a_bad_file_imports_nothing_and_lists_row_errors(coordinator):
    agency = AgencyFactory(name="Solent")
    bad = (
        "Name,Email,Job role\n"
        "Good Person,good@example.org,frontline\n"
        ",nobody@example.org,frontline\n"
        "Bad Email,not-an-email,frontline\n"
        "Copy,good@example.org,frontline\n"
        "Odd Role,odd@example.org,astronaut\n"
    )
    html = upload(coordinator, agency, bad.encode()).content.decode()
    assert "Nobody was imported" in html
    assert "Row 3: The name is missing." in html
    assert "Row 4: “not-an-email” is not a valid email address." in html
    assert "Row 5: The email good@example.org is also on line 2." in html
    assert "Row 6:" in html and "astronaut" in html
    coordinator.post(reverse("network_staff_import"), {"action": "confirm"})
    assert not User.objects.filter(email="good@example.org").exists()


def test_wrong_columns_are_explained():
    result = parse_staff_csv(b"First,Last\nA,B\n")
    assert result.errors == [
        (
            1,
            "The first row must name the columns: Name, Email and (optionally) Job role. "
            "Missing: name, email.",
        )
    ]


def test_excel_encodings_are_read():
    text = "Name,Email\nZoë Brontë,zoe@example.org\n"
    for data in (text.encode("utf-8-sig"), text.encode("cp1252")):
        result = parse_staff_csv(data)
        assert result.ok and result.rows[0].name == "Zoë Brontë"


def test_someone_in_another_agency_is_not_moved(coordinator, user_with_role):
    other = AgencyFactory(name="Other")
    user_with_role(email="taken@example.org", agency=other)
    agency = AgencyFactory(name="Solent")
    html = upload(coordinator, agency, b"Name,Email\nTaken,taken@example.org\n").content.decode()
    assert "already registered with another agency" in html
    assert User.objects.get(email="taken@example.org").agency == other


def test_only_coordinators_can_import(client, user_with_role):
    agency = AgencyFactory()
    for role in (Role.LEARNER, Role.AGENCY_LEAD, Role.EDITOR):
        sign_in(client, user_with_role(role))
        assert upload(client, agency, GOOD.encode()).status_code in (302, 403)
    assert not User.objects.filter(email="tom@solent.nhs.uk").exists()
