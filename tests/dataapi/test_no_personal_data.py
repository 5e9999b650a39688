"""No endpoint returns a person: no personal field name anywhere in a response, and no
value that is a learner's, trainer's or venue contact's name, email, phone, job role
or a certificate's number or code. Endpoints are read from the URL conf, so a new one is
checked without touching this file."""

import json

import pytest
import time_machine

from accounts.models import User
from certificates.models import Certificate
from courses.models import Enrolment
from events.factories import make_session
from events.models import Booking, BookingState, Session
from network.factories import AgencyFactory, VenueFactory
from network.models import Venue, VenueStatus
from tests.courses.coverage_data import NOW, at, certify, days

from .conftest import api_routes, call, path_of
from .data import OCTOBER, populate

pytestmark = pytest.mark.django_db

# Keys that would name or describe a person (or a credential tied to one).
PERSONAL_KEYS = {
    "name",
    "full_name",
    "first_name",
    "last_name",
    "holder_name",
    "email",
    "contact_email",
    "user",
    "user_id",
    "users",
    "username",
    "learner",
    "learners",
    "person",
    "people_list",
    "trainer",
    "trainer_name",
    "job_role",
    "phone",
    "contact_phone",
    "lead_name",
    "address",
    "address_line_1",
    "home_address",
    "date_of_birth",
    "certificate",
    "certificate_number",
    "number",
    "code",
    "verification_code",
    "ip",
    "client_ip",
    "user_agent",
}

DISTINCTIVE = [
    ("Zebedee Quillfeather", "zebedee.quillfeather@example.org"),
    ("Ottoline Brackenbury-Vance", "o.brackenbury@example.net"),
    ("Thaddeus Wimbourne", "thaddeus.w@example.com"),
    ("Marigold Featherstonehaugh", "marigold.f@example.org"),
    ("Ignatius Pemberton-Lusk", "ignatius.pl@example.org"),
]


def personal_findings(body, secrets: set[str], where: str = "") -> list[str]:
    """Every personal key, and every value that is or contains one of ``secrets``."""
    found = []
    if isinstance(body, dict):
        for key, value in body.items():
            if key.lower() in PERSONAL_KEYS:
                found.append(f"{where}.{key}: personal key")
            found += personal_findings(value, secrets, f"{where}.{key}")
    elif isinstance(body, list):
        for index, value in enumerate(body):
            found += personal_findings(value, secrets, f"{where}[{index}]")
    elif isinstance(body, str):
        text = body.casefold()
        for secret in secrets:
            if secret and (
                text == secret.casefold() or (len(secret) >= 8 and secret.casefold() in text)
            ):
                found.append(f"{where}: {secret!r}")
    return found


@pytest.fixture
def world(catalogue, coordinator):
    data = populate(catalogue, coordinator)
    agency = AgencyFactory(name="Distinctive Agency", sector="specialist", headcount=20)
    module = data["modules"]["first"]
    session = make_session(start=OCTOBER, capacity=20)
    for full_name, email in DISTINCTIVE:
        person = User.objects.get(pk=_person(full_name, email, agency).pk)
        certify(person, module, issued=at(days(-20)), expires=at(days(300)))
        Enrolment.objects.get_or_create(
            user=person, module=data["modules"]["second"], defaults={"started_at": NOW}
        )
        Booking.objects.create(session=session, user=person, state=BookingState.ATTENDED)
    VenueFactory(
        name="Distinctive Cafe",
        postcode="SO18 9ZZ",
        status=VenueStatus.APPROVED,
        lead_name="Perpetua Hollingsworth",
        contact_email="perpetua.h@cafe.example",
        contact_phone="07700 900123",
        address_line_1="1 Quillfeather Lane",
    )
    return data


def _person(full_name, email, agency):
    from accounts.factories import UserFactory

    return UserFactory(full_name=full_name, email=email, agency=agency, job_role="specialist")


def secrets() -> set[str]:
    """Everything that identifies a person in the database now."""
    found = set()
    for full_name, email in User.objects.values_list("full_name", "email"):
        found |= {full_name, email}
    for number, code, holder in Certificate.objects.values_list("number", "code", "holder_name"):
        found |= {number, code, holder}
    for lead, email, phone, line in Venue.objects.values_list(
        "lead_name", "contact_email", "contact_phone", "address_line_1"
    ):
        found |= {lead, email, phone, line}
    for trainer in Session.objects.values_list("trainer__full_name", "trainer__email"):
        found |= set(trainer)
    return {value for value in found if value}


def test_no_endpoint_returns_a_person(client, world, make_token):
    _, token = make_token()
    # The coverage edge cases name people after their case ("Lapsed", "In Date"): labels
    # that are also the API's vocabulary, so their names are left out (emails are kept).
    labels = {person.full_name for person in world["people"].values()}
    known = secrets() - labels
    assert {"Zebedee Quillfeather", "perpetua.h@cafe.example"} <= known
    assert Certificate.objects.filter(user__full_name="Zebedee Quillfeather").exists()
    checked = []
    for route in api_routes():
        with time_machine.travel(NOW, tick=False):
            response = call(client, path_of(route), token)
        assert response.status_code == 200, route.name
        body = response.json()
        if route.name.endswith(":schema"):
            # OpenAPI's own words ("name" of a parameter) are not data: the schema is
            # checked for values, and the fields it declares for every response by name.
            assert personal_findings(json.dumps(body), known) == []
            fields = {
                field
                for component in body["components"]["schemas"].values()
                for field in component.get("properties", {})
            }
            assert "agency" in fields
            assert fields.isdisjoint(PERSONAL_KEYS), fields & PERSONAL_KEYS
        else:
            assert personal_findings(body, known) == [], route.name
        checked.append(route.name)
    # The distinctive people are in the figures (so they were there to leak).
    with time_machine.travel(NOW, tick=False):
        agencies = call(client, "coverage-agencies", token).json()["results"]
        attendance = call(client, "attendance", token).json()["results"]
    assert any(row["agency"] == "Distinctive Agency" and row["in_date"] == 5 for row in agencies)
    assert any(row["agency"] == "Distinctive Agency" and row["attended"] == 5 for row in attendance)
    assert "dataapi:v1:attendance" in checked and "dataapi:v1:schema" in checked


def test_the_check_finds_a_personal_key_or_value():
    known = {"Zebedee Quillfeather", "zebedee.quillfeather@example.org", "SCL-0001"}
    assert personal_findings({"results": [{"email": "x"}]}, known) == [
        ".results[0].email: personal key"
    ]
    assert personal_findings({"agency": "zebedee quillfeather"}, known)
    assert personal_findings({"note": "sent to zebedee.quillfeather@example.org today"}, known)
    assert personal_findings({"code": 1}, set())
    assert personal_findings({"agency": "Police Alpha", "in_date": 3}, known) == []
