"""The audit log: what is recorded, that it holds no typed personal data, and who may read it."""

import pytest
from django.contrib.auth.models import Group
from django.urls import NoReverseMatch, reverse

from accounts.audit import record
from accounts.factories import TEST_PASSWORD, UserFactory, add_totp
from accounts.models import AuditEvent
from accounts.roles import Role
from certificates.services import revoke_certificate
from network import services as network_services
from network.models import VenueStatus
from tests.helpers import sign_in

pytestmark = pytest.mark.django_db


def events(action):
    return list(AuditEvent.objects.filter(action=action))


def row_text(event):
    """Everything stored in an audit row, as one string."""
    return " ".join(
        str(value) for value in (event.action, event.target_type, event.target_id, event.summary)
    )


@pytest.fixture
def acting_admin(client):
    admin = UserFactory(is_superuser=True, full_name="Ada Admin")
    add_totp(admin)
    sign_in(client, admin)
    AuditEvent.objects.all().delete()  # force_login itself is a sign-in
    return client, admin


# --- Sign-ins ---------------------------------------------------------------------------------


def test_a_sign_in_is_recorded_with_who_signed_in(client, user_with_role):
    user = user_with_role(email="ready@example.org")
    response = client.post(
        reverse("account_login"), {"login": "ready@example.org", "password": TEST_PASSWORD}
    )
    assert response.status_code == 302
    [event] = events("login")
    assert event.actor == user
    assert event.summary == "Signed in"


BROWSER = "Mozilla/5.0 (X11; Linux x86_64) " + "Gecko/20100101 Firefox/140.0 " * 20


def test_a_sign_in_records_where_it_came_from(client, user_with_role):
    user = user_with_role(email="ready@example.org")
    client.post(
        reverse("account_login"),
        {"login": "ready@example.org", "password": TEST_PASSWORD},
        REMOTE_ADDR="203.0.113.10",
        HTTP_USER_AGENT=BROWSER,
    )
    [event] = events("login")
    assert event.target_id == str(user.pk)
    assert event.client_ip == "203.0.113.10"
    assert len(event.user_agent) == 200 and event.user_agent.startswith("Mozilla/5.0 (X11")


def test_a_sign_in_behind_the_proxy_records_the_client_not_the_proxy(
    client, user_with_role, settings
):
    settings.TRUSTED_PROXY_COUNT = 1
    user_with_role(email="ready@example.org")
    client.post(
        reverse("account_login"),
        {"login": "ready@example.org", "password": "guess-1"},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.10",
    )
    [event] = events("login.failed")
    assert event.client_ip == "203.0.113.10"


def test_a_failed_sign_in_is_recorded_without_what_was_typed(client, user_with_role):
    user = user_with_role(email="target@example.org")
    for typed, password in (("Target@Example.org", "guess-1"), ("nobody@example.org", "guess-2")):
        client.post(
            reverse("account_login"),
            {"login": typed, "password": password},
            REMOTE_ADDR="203.0.113.10",
            HTTP_USER_AGENT="Test browser",
        )
    known, unknown = sorted(events("login.failed"), key=lambda e: e.target_id == "")
    # Whoever typed the password is unknown: the account is what was tried, not who tried.
    assert known.actor is None
    assert (known.target_type, known.target_id) == ("accounts.user", str(user.pk))
    assert unknown.actor is None and unknown.target_id == "" and unknown.target_type == ""
    assert not events("login")
    for event in (known, unknown):
        text = row_text(event).lower()
        assert "example.org" not in text and "guess" not in text
        assert event.summary == "Failed sign-in"
        assert (event.client_ip, event.user_agent) == ("203.0.113.10", "Test browser")


def test_sign_ins_refused_by_the_lockout_are_recorded(client, user_with_role):
    user = user_with_role(email="target@example.org")
    for _ in range(7):
        client.post(
            reverse("account_login"),
            {"login": "target@example.org", "password": "guess"},
            REMOTE_ADDR="203.0.113.10",
            HTTP_USER_AGENT="Test browser",
        )
    assert len(events("login.failed")) == 5
    # One entry per address and account while the lock lasts, however often it is hit.
    [event] = events("login.rate_limited")
    assert event.actor is None
    assert (event.target_type, event.target_id) == ("accounts.user", str(user.pk))
    assert (event.client_ip, event.user_agent) == ("203.0.113.10", "Test browser")
    assert event.summary == "Sign-in refused: too many attempts"
    assert "example.org" not in row_text(event)


def test_sign_ins_refused_by_the_per_address_limit_are_recorded(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login": "2/m/ip"}
    statuses = [
        client.post(
            reverse("account_login"),
            {"login": "nobody@example.org", "password": "guess"},
            REMOTE_ADDR="203.0.113.10",
            HTTP_USER_AGENT="Test browser",
        ).status_code
        for _ in range(4)
    ]
    assert statuses == [200, 200, 429, 429]
    refused = client.post(
        reverse("account_login"),
        {"login": "nobody@example.org", "password": "guess"},
        REMOTE_ADDR="203.0.113.10",
    )
    assert refused.status_code == 429
    assert "Too many attempts" in refused.content.decode()  # the service's own page
    [event] = events("login.rate_limited")
    assert event.actor is None and event.target_id == ""
    assert (event.client_ip, event.user_agent) == ("203.0.113.10", "Test browser")


def test_a_wrong_two_factor_code_is_recorded(client):
    officer = UserFactory(email="officer@example.org", role=Role.SAFE_PLACES_OFFICER)
    client.post(
        reverse("account_login"),
        {"login": officer.email, "password": TEST_PASSWORD},
        REMOTE_ADDR="203.0.113.10",
        HTTP_USER_AGENT="Test browser",
    )
    client.post(
        reverse("mfa_authenticate"),
        {"code": "000000"},
        REMOTE_ADDR="203.0.113.10",
        HTTP_USER_AGENT="Test browser",
    )
    [event] = events("mfa.failed")
    assert event.actor is None
    assert (event.target_type, event.target_id) == ("accounts.user", str(officer.pk))
    assert (event.client_ip, event.user_agent) == ("203.0.113.10", "Test browser")
    assert "000000" not in row_text(event)


def test_two_factor_codes_refused_for_too_many_attempts_are_recorded(client):
    officer = UserFactory(email="officer@example.org", role=Role.SAFE_PLACES_OFFICER)
    client.post(reverse("account_login"), {"login": officer.email, "password": TEST_PASSWORD})
    for _ in range(7):
        response = client.post(
            reverse("mfa_authenticate"), {"code": "000000"}, REMOTE_ADDR="203.0.113.10"
        )
    assert "Too many failed sign-in attempts" in response.content.decode()
    assert len(events("mfa.failed")) == 5
    [event] = events("login.rate_limited")
    assert event.actor is None and event.target_id == str(officer.pk)
    assert event.client_ip == "203.0.113.10"


def test_a_wrong_two_factor_code_when_confirming_identity_is_recorded(client):
    officer = UserFactory(email="officer@example.org", role=Role.SAFE_PLACES_OFFICER)
    sign_in(client, officer)
    client.post(reverse("mfa_reauthenticate"), {"code": "000000"}, REMOTE_ADDR="203.0.113.10")
    [event] = events("mfa.failed")
    assert event.target_id == str(officer.pk) and event.client_ip == "203.0.113.10"
    assert event.summary == "Wrong two-factor code when confirming identity"


# --- Role changes and deactivation ------------------------------------------------------------


def test_giving_and_removing_a_role_in_the_user_admin_records_who_did_it(acting_admin):
    client, admin = acting_admin
    person = UserFactory(full_name="Pat Person")
    coordinator = Group.objects.get(name=Role.TRAINING_COORDINATOR)
    learner = Group.objects.get(name=Role.LEARNER)
    url = reverse("wagtailusers_users:edit", args=[person.pk])
    form = {
        "email": person.email,
        "full_name": person.full_name,
        "job_role": person.job_role,
        "agency": "",
        "is_active": "on",
        "groups": [learner.pk, coordinator.pk],
    }
    response = client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    [added] = events("role.added")
    assert (added.actor, added.target_type, added.target_id) == (
        admin,
        "accounts.user",
        str(person.pk),
    )
    assert added.summary == "Given the role Training coordinator"

    form["groups"] = [learner.pk]
    del form["is_active"]
    assert client.post(url, form).status_code == 302
    [removed] = events("role.removed")
    assert removed.actor == admin and removed.target_id == str(person.pk)
    [deactivated] = events("account.deactivated")
    assert deactivated.actor == admin and deactivated.target_id == str(person.pk)


def test_role_changes_outside_the_admin_are_recorded_without_an_actor(db):
    person = UserFactory()
    officers = Group.objects.get(name=Role.SAFE_PLACES_OFFICER)
    person.groups.add(officers)
    officers.user_set.remove(person)
    person.is_superuser = True
    person.save()
    assert [(e.action, e.summary, e.actor) for e in AuditEvent.objects.order_by("pk")] == [
        ("role.added", "Given the role Safe Places officer", None),
        ("role.removed", "Removed from the role Safe Places officer", None),
        ("role.added", "Given the role Administrator", None),
    ]
    person.groups.add(officers)
    person.groups.clear()
    assert len(events("role.removed")) == 2


def test_the_learner_role_everyone_gets_at_sign_up_is_not_recorded(db):
    UserFactory()  # given the Learner role
    assert not AuditEvent.objects.exists()


# --- Approvals, revocations, exports, imports -------------------------------------------------


def test_revoking_a_certificate_records_who_revoked_it_but_not_why(user_with_role, module):
    from network.factories import certify

    certificate = certify(user_with_role(), module)
    coordinator = user_with_role(Role.TRAINING_COORDINATOR)
    revoke_certificate(certificate, coordinator, "Issued to Jo Bloggs by mistake")
    revoke_certificate(certificate, coordinator, "Again")  # already revoked: nothing new
    [event] = events("certificate.revoked")
    assert event.actor == coordinator
    assert (event.target_type, event.target_id) == ("certificates.certificate", str(certificate.pk))
    assert certificate.number in event.summary
    assert "Bloggs" not in row_text(event)


def test_approving_a_venue_is_recorded(scheme, officer, pending_venue, trained_staff):
    trained_staff(pending_venue)
    network_services.transition(pending_venue, VenueStatus.APPROVED, by=officer)
    [event] = events("venue.approved")
    assert event.actor == officer
    assert (event.target_type, event.target_id) == ("network.venue", str(pending_venue.pk))
    assert event.summary == "Under review to Approved (listed)"


def test_a_refused_transition_records_nothing(officer, pending_venue):
    with pytest.raises(network_services.TransitionRefused):
        network_services.transition(pending_venue, VenueStatus.APPROVED, by=officer)
    assert not AuditEvent.objects.filter(action__startswith="venue.").exists()


@pytest.fixture
def scheme(module):
    from network.factories import configure_scheme

    return configure_scheme(module, minimum=1)


@pytest.fixture
def officer(user_with_role):
    return user_with_role(Role.SAFE_PLACES_OFFICER)


@pytest.fixture
def pending_venue():
    from network.factories import VenueFactory
    from tests.network.helpers import add_contact

    venue = VenueFactory(status="under_review", approved_at=None, next_check_due=None)
    add_contact(venue)  # the contact has followed the claim link
    return venue


@pytest.fixture
def trained_staff(scheme):
    from network.factories import VenueMembershipFactory, certify

    def add(venue):
        membership = VenueMembershipFactory(venue=venue)
        certify(membership.user, scheme.module)
        return membership

    return add


def test_a_certificate_export_is_recorded_without_the_search_words(client, user_with_role):
    coordinator = user_with_role(Role.TRAINING_COORDINATOR)
    sign_in(client, coordinator)
    response = client.get(reverse("certificates_export_csv") + "?q=jo+bloggs&status=valid")
    assert response.status_code == 200
    b"".join(response.streaming_content)
    [event] = events("export.certificates_csv")
    assert event.actor == coordinator
    assert "status=valid" in event.summary and "with a search" in event.summary
    assert "bloggs" not in row_text(event).lower()


def test_a_coverage_export_is_recorded(client, user_with_role):
    coordinator = user_with_role(Role.TRAINING_COORDINATOR)
    sign_in(client, coordinator)
    response = client.get(reverse("courses:coverage") + "?format=csv")
    assert response.status_code == 200
    [event] = events("export.coverage")
    assert event.actor == coordinator and event.summary.startswith("Coverage as CSV")


def test_a_staff_import_is_recorded_against_the_agency(client, user_with_role):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from network.factories import AgencyFactory

    agency = AgencyFactory(name="Police")
    coordinator = user_with_role(Role.TRAINING_COORDINATOR)
    sign_in(client, coordinator)
    csv = b"Name,Email,Job role\nSam Staff,sam.staff@police.example,Frontline practitioner\n"
    url = reverse("network_staff_import")
    upload = SimpleUploadedFile("staff.csv", csv, content_type="text/csv")
    assert client.post(url, {"agency": agency.pk, "file": upload}).status_code == 200
    assert client.post(url, {"action": "confirm"}).status_code == 302
    [event] = events("import.staff")
    assert event.actor == coordinator
    assert (event.target_type, event.target_id) == ("network.agency", str(agency.pk))
    assert event.summary.startswith("Staff list imported: 1 added")
    assert "sam" not in row_text(event).lower()


def test_record_keeps_long_summaries_within_the_column(db):
    event = record("export.coverage", summary="x" * 1000)
    event.refresh_from_db()
    assert len(event.summary) == 300 and event.actor is None and event.target_type == ""


# --- Who can read it --------------------------------------------------------------------------


def test_the_coordinator_reads_filters_and_searches_the_audit_log(client, user_with_role):
    coordinator = user_with_role(Role.TRAINING_COORDINATOR)
    assert coordinator.has_perm("accounts.view_audit")
    record("export.board_report", actor=coordinator, summary="Board report (PDF)")
    record("import.questions", summary="12 questions imported")
    sign_in(client, coordinator)
    index = reverse("audit_log:index")
    html = client.get(index).content.decode()
    assert "Board report (PDF)" in html and "12 questions imported" in html
    assert "Audit log" in client.get(reverse("wagtailadmin_home")).content.decode()

    html = client.get(index + "?action=import.questions").content.decode()
    assert "12 questions imported" in html and "Board report (PDF)" not in html
    html = client.get(index + "?q=board").content.decode()
    assert "Board report (PDF)" in html and "12 questions imported" not in html
    html = client.get(index + "?at_from=2000-01-01&at_to=2000-12-31").content.decode()
    assert "Board report (PDF)" not in html
    assert client.get(index + "?at_from=not-a-date&action=nonsense").status_code == 200


def test_the_audit_log_shows_where_sign_in_attempts_came_from(client, user_with_role):
    coordinator = user_with_role(Role.TRAINING_COORDINATOR)
    client.post(
        reverse("account_login"),
        {"login": "nobody@example.org", "password": "guess"},
        REMOTE_ADDR="203.0.113.10",
        HTTP_USER_AGENT="Firefox on a shared laptop",
    )
    sign_in(client, coordinator)
    html = client.get(reverse("audit_log:index") + "?action=login.failed").content.decode()
    assert "Client address" in html and "Browser" in html
    assert "203.0.113.10" in html and "Firefox on a shared laptop" in html


@pytest.mark.parametrize("role", [Role.LEARNER, Role.EDITOR, Role.SAFE_PLACES_OFFICER])
def test_other_roles_cannot_read_the_audit_log(client, user_with_role, role):
    user = user_with_role(role)
    record("login", actor=user, summary="Signed in")
    sign_in(client, user)
    response = client.get(reverse("audit_log:index"))
    assert response.status_code in (302, 403)
    assert "Signed in" not in response.content.decode()
    assert "Audit log" not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_nobody_can_add_change_or_delete_entries(acting_admin):
    client, admin = acting_admin
    event = record("login", actor=admin, summary="Signed in")
    for name, args in (("add", []), ("edit", [event.pk]), ("delete", [event.pk])):
        with pytest.raises(NoReverseMatch):
            reverse(f"audit_log:{name}", args=args)
    base = reverse("audit_log:index")
    for suffix in ("new/", f"edit/{event.pk}/", f"delete/{event.pk}/", f"inspect/{event.pk}/"):
        assert client.get(base + suffix).status_code == 404
        assert client.post(base + suffix, {"summary": "changed"}).status_code == 404
    event.refresh_from_db()
    assert event.summary == "Signed in"
    html = client.get(base).content.decode()
    assert "Signed in" in html and base + "new/" not in html
