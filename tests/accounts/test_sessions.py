"""Access and sessions for people who can see others' records: two-factor authentication,
idle and absolute timeouts, deactivation, re-authentication and lockout."""

import datetime
import time
from urllib.parse import urlencode

import pytest
import time_machine
from allauth.account.authentication import get_authentication_records
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY, format_hotp_value, hotp_value
from allauth.usersessions.models import UserSession
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.factories import TEST_PASSWORD, UserFactory, add_totp, totp_code
from accounts.roles import STAFF_ROLES, Role
from network.factories import AgencyFactory
from tests.helpers import sign_in

pytestmark = pytest.mark.django_db

WHERE_STAFF_GO = {
    Role.AGENCY_LEAD: "/learning/coverage/",
    Role.TRAINING_COORDINATOR: "/admin/",
    Role.SAFE_PLACES_OFFICER: "/admin/",
    Role.EDITOR: "/admin/",
    Role.MODERATOR: "/admin/",
}


@pytest.mark.parametrize("role", sorted(STAFF_ROLES))
def test_staff_roles_must_set_up_two_factor_authentication_first(client, role):
    person = UserFactory(role=role, role__mfa=False, agency=AgencyFactory())
    client.force_login(person)
    for path in (WHERE_STAFF_GO[role], "/learning/coverage/", "/admin/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"] == reverse("mfa_activate_totp"), path
    # Their own learning is not held back.
    assert client.get(reverse("courses:dashboard")).status_code == 200

    add_totp(person)
    sign_in(client, person)
    assert client.get(WHERE_STAFF_GO[role]).status_code == 200


def test_an_administrator_needs_two_factor_authentication_too(client):
    administrator = UserFactory(is_superuser=True)
    client.force_login(administrator)
    assert client.get("/admin/")["Location"] == reverse("mfa_activate_totp")


def test_learners_are_not_asked_for_two_factor_authentication(client, user_with_role):
    client.force_login(user_with_role(Role.LEARNER))
    assert client.get(reverse("courses:dashboard")).status_code == 200
    response = client.get("/admin/")
    assert response.status_code == 403  # no admin access at all, not asked for MFA
    assert "You do not have access to this page" in response.content.decode()


def test_signing_in_with_mfa_takes_the_authenticator_code(client):
    officer = UserFactory(email="officer@example.org", role=Role.SAFE_PLACES_OFFICER)
    response = client.post(
        reverse("account_login"), {"login": officer.email, "password": TEST_PASSWORD}
    )
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    wrong = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert wrong.status_code == 200 and "_auth_user_id" not in client.session
    client.post(reverse("mfa_authenticate"), {"code": totp_code(officer)})
    assert client.session["_auth_user_id"] == str(officer.pk)
    assert client.get("/admin/").status_code == 200


def reauthenticate_url(next_path):
    return reverse("mfa_reauthenticate") + "?" + urlencode({"next": next_path})


def test_a_staff_session_that_has_not_entered_a_code_must_enter_one(client):
    coordinator = UserFactory(role=Role.TRAINING_COORDINATOR)
    client.force_login(coordinator)  # signed in, but with no two-factor step on record
    for path in ("/admin/", "/learning/coverage/?agency=1"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"] == reauthenticate_url(path), path
    # Their own learning is not held back.
    assert client.get(reverse("courses:dashboard")).status_code == 200

    page = client.get(reauthenticate_url("/admin/"))
    assert page.status_code == 200
    wrong = client.post(reauthenticate_url("/admin/"), {"code": "000000"})
    assert wrong.status_code == 200
    assert client.get("/admin/").status_code == 302
    response = client.post(reauthenticate_url("/admin/"), {"code": totp_code(coordinator)})
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_password_only_session_from_before_two_factor_was_set_up_must_enter_a_code(client):
    editor = UserFactory(role=Role.EDITOR, role__mfa=False)
    client.post(reverse("account_login"), {"login": editor.email, "password": TEST_PASSWORD})
    assert client.get("/admin/")["Location"] == reverse("mfa_activate_totp")
    add_totp(editor)  # set up in another browser
    assert client.get("/admin/")["Location"] == reauthenticate_url("/admin/")


def test_a_staff_session_with_a_two_factor_step_passes(client):
    coordinator = UserFactory(role=Role.TRAINING_COORDINATOR)
    sign_in(client, coordinator)
    assert client.get("/admin/").status_code == 200
    skipped_the_code = Client()
    sign_in(skipped_the_code, coordinator, mfa=False)
    assert skipped_the_code.get("/admin/")["Location"] == reauthenticate_url("/admin/")


def test_the_sign_in_with_a_code_records_the_two_factor_step(client):
    officer = UserFactory(email="officer@example.org", role=Role.SAFE_PLACES_OFFICER)
    client.post(reverse("account_login"), {"login": officer.email, "password": TEST_PASSWORD})
    client.post(reverse("mfa_authenticate"), {"code": totp_code(officer)})
    request = type("Request", (), {"session": client.session})()
    methods = [record["method"] for record in get_authentication_records(request, officer)]
    assert methods == ["password", "mfa"]
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_someone_who_has_just_set_up_two_factor_authentication_is_not_asked_again(client):
    # A real transaction: allauth announces the new authenticator once it is committed.
    editor = UserFactory(role=Role.EDITOR, role__mfa=False)
    client.post(reverse("account_login"), {"login": editor.email, "password": TEST_PASSWORD})
    assert client.get("/admin/")["Location"] == reverse("mfa_activate_totp")
    client.post(reverse("account_reauthenticate"), {"password": TEST_PASSWORD})
    assert client.get(reverse("mfa_activate_totp")).status_code == 200
    secret = client.session[SECRET_SESSION_KEY]
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    response = client.post(reverse("mfa_activate_totp"), {"code": code})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_staff_sessions_end_after_thirty_minutes_without_activity(client):
    coordinator = UserFactory(role=Role.TRAINING_COORDINATOR)
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        sign_in(client, coordinator)
        assert client.get("/admin/").status_code == 200
        clock.shift(datetime.timedelta(minutes=29))
        assert client.get("/admin/").status_code == 200  # activity restarts the clock
        clock.shift(datetime.timedelta(minutes=29))
        assert client.get("/admin/").status_code == 200
        clock.shift(datetime.timedelta(minutes=31))
        response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "_auth_user_id" not in client.session


def test_learners_are_not_signed_out_for_a_long_read_but_every_session_ends_after_8_hours(
    client, user_with_role
):
    learner = user_with_role(Role.LEARNER)
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        client.force_login(learner)
        for _ in range(15):  # a request every 30 minutes for 7.5 hours
            clock.shift(datetime.timedelta(minutes=30))
            assert client.get(reverse("courses:dashboard")).status_code == 200
        clock.shift(datetime.timedelta(minutes=31))
        response = client.get(reverse("courses:dashboard"))
    assert response["Location"].startswith(reverse("account_login"))


def test_deactivating_an_account_ends_its_sessions_everywhere(client, user_with_role):
    learner = user_with_role(Role.LEARNER)
    client.post(reverse("account_login"), {"login": learner.email, "password": TEST_PASSWORD})
    assert client.get(reverse("courses:dashboard")).status_code == 200
    assert UserSession.objects.filter(user=learner).count() == 1
    session_key = client.session.session_key

    learner.is_active = False
    learner.save()
    assert UserSession.objects.filter(user=learner).count() == 0
    assert not Session.objects.filter(session_key=session_key).exists()
    response = client.get(reverse("courses:dashboard"))
    assert response["Location"].startswith(reverse("account_login"))


def test_adding_an_email_address_asks_for_the_password_again(client, user_with_role):
    # force_login records no recent authentication, as after a sign-in long ago.
    client.force_login(user_with_role(Role.LEARNER))
    response = client.post(reverse("account_email"), {"action_add": "", "email": "new@example.org"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))


@pytest.mark.parametrize("url", ["mfa_activate_totp", "mfa_deactivate_totp"])
def test_changing_two_factor_authentication_asks_for_the_password_again(client, url):
    person = UserFactory(role=Role.EDITOR, role__mfa=url == "mfa_deactivate_totp")
    client.force_login(person)
    response = client.get(reverse(url))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))


def test_changing_the_password_needs_the_current_one(client, user_with_role):
    learner = user_with_role(Role.LEARNER)
    client.force_login(learner)
    response = client.post(
        reverse("account_change_password"),
        {
            "oldpassword": "wrong-one-here",
            "password1": "N3w-passphrase!",
            "password2": "N3w-passphrase!",
        },
    )
    assert response.status_code == 200
    learner.refresh_from_db()
    assert learner.check_password(TEST_PASSWORD)


def test_people_can_see_and_end_their_other_sessions(client, user_with_role):
    learner = user_with_role(Role.LEARNER)
    client.force_login(learner)
    client.get(reverse("courses:dashboard"))
    page = client.get(reverse("usersessions_list"))
    assert page.status_code == 200
    assert "Sign out" in page.content.decode() or "sign out" in page.content.decode().lower()


def test_the_admin_login_is_the_same_rate_limited_sign_in(client, user_with_role):
    user_with_role(Role.EDITOR, email="editor.target@example.org")
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    for _ in range(5):
        client.post(
            "/accounts/login/?next=/admin/",
            {"login": "editor.target@example.org", "password": "guess-guess-guess"},
        )
    refused = client.post(
        "/accounts/login/?next=/admin/",
        {"login": "editor.target@example.org", "password": TEST_PASSWORD},
    )
    assert "Too many failed sign-in attempts" in refused.content.decode()
    assert "_auth_user_id" not in client.session
