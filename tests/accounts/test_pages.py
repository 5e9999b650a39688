"""Every allauth page the project uses speaks GOV.UK: sentence case, plain English, one site
name in the title, and field errors that say what to do ("Enter your password")."""

import re

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.internal.flows.login import record_authentication
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.account.utils import user_pk_to_url_str
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.http import HttpRequest
from django.test import Client
from django.urls import reverse

from accounts.factories import TEST_PASSWORD, UserFactory, totp_code
from accounts.roles import Role
from tests.helpers import sign_in

pytestmark = pytest.mark.django_db

SITE_NAME = "Safe City Learning"

# allauth's own titles, headings and buttons (title case, or wording of its own).
STOCK = [
    "Account Inactive",
    "Activate Authenticator App",
    "Add Email",
    "Authenticator App",
    "Change Password",
    "Confirm Access",
    "Confirm Email Address",
    "Deactivate Authenticator App",
    "Download codes",
    "Email Addresses",
    "Email Verification",
    "Forgot Password?",
    "Make Primary",
    "Password Reset",
    "Please Confirm Your Email Address",
    "Re-send Verification",
    "Recovery Codes",
    "Reset My Password",
    "Set Password",
    "Sign In",
    "Sign Out",
    "Sign Up",
    "Signup",
    "Two-Factor Authentication",
    "Verify Your Email Address",
    "Sessions</",
    "Are you sure you want to sign out?",
    "Authenticator code",
    "Bad Token",
    "Hello from",
]
REQUIRED = "This field is required."


def title_of(html: str) -> str:
    match = re.search(r"<title>(.*?)</title>", html, re.S)
    assert match, "no <title>"
    return " ".join(match.group(1).split())


def check_page(response, label: str) -> str:
    """The page a person sees: GOV.UK wording and a title naming the page and the site once."""
    assert response.status_code == 200, f"{label}: {response.status_code}"
    html = response.content.decode()
    title = title_of(html)
    assert title.count(SITE_NAME) == 1, f"{label}: title {title!r}"
    assert title.endswith(f" – {SITE_NAME}"), f"{label}: title {title!r}"
    page_name = title.removesuffix(f" – {SITE_NAME}").removeprefix("Error: ").strip()
    assert page_name, f"{label}: the title does not name the page"
    assert page_name[0].isupper(), f"{label}: title {title!r}"
    assert html.count("<h1") == 1, f"{label}: expected one heading 1"
    for stock in STOCK:
        assert stock not in html, f"{label}: stock wording {stock!r}"
    assert REQUIRED not in html, f"{label}: {REQUIRED!r}"
    return html


def check_empty_post(client, url: str, label: str, data=None, expect: str = "") -> str:
    """An empty form gets GOV.UK error messages and an error summary, never a 500."""
    response = client.post(url, data or {})
    html = check_page(response, f"{label} (empty POST)")
    assert "govuk-error-summary" in html, f"{label}: no error summary"
    assert title_of(html).startswith("Error: "), f"{label}: title {title_of(html)!r}"
    if expect:
        assert expect in html, f"{label}: expected {expect!r}"
    return html


@pytest.fixture
def learner():
    return UserFactory(email="learner@example.org", role=Role.LEARNER)


@pytest.fixture
def coordinator():
    return UserFactory(email="coordinator@example.org", role=Role.TRAINING_COORDINATOR)


def reauthenticated(client, user):
    sign_in(client, user)
    response = client.post(reverse("account_reauthenticate"), {"password": TEST_PASSWORD})
    assert response.status_code == 302
    return client


def recently_confirmed(client, user):
    """A session that has just confirmed it is the account's owner (for people with no
    password, who cannot use the password form)."""
    sign_in(client, user)
    session = client.session
    request = HttpRequest()
    request.session = session
    request.user = user
    record_authentication(request, user, "password", reauthenticated=True)
    session.save()


# --- Signed out ----------------------------------------------------------------------------


def test_signed_out_pages_use_govuk_wording(client, learner):
    for name in (
        "account_login",
        "account_signup",
        "account_reset_password",
        "account_reset_password_done",
        "account_email_verification_sent",
        "account_reset_password_from_key_done",
        "account_inactive",
    ):
        check_page(client.get(reverse(name)), name)

    unknown = reverse("account_confirm_email", args=["not-a-real-key"])
    check_page(client.get(unknown), "confirm email, unknown key")
    bad = reverse("account_reset_password_from_key", args=["zz", "not-a-real-key"])
    html = check_page(client.get(bad, follow=True), "reset from key, bad link")
    assert "reset your password" in html.lower()


def test_signed_out_forms_give_govuk_error_messages(client, learner):
    check_empty_post(
        client,
        reverse("account_login"),
        "login",
        expect="Enter your email address",
    )
    check_empty_post(client, reverse("account_signup"), "signup", expect="Enter your full name")
    check_empty_post(
        client, reverse("account_reset_password"), "reset", expect="Enter your email address"
    )


def test_email_confirmation_page_uses_govuk_wording(client):
    person = UserFactory(email="new@example.org")
    address = EmailAddress.objects.get(user=person)
    address.verified = False
    address.save()
    key = EmailConfirmationHMAC(address).key
    html = check_page(client.get(reverse("account_confirm_email", args=[key])), "confirm email")
    assert "Confirm your email address" in html


def test_password_reset_from_the_emailed_link(client, learner):
    token = default_token_generator.make_token(learner)
    url = reverse("account_reset_password_from_key", args=[user_pk_to_url_str(learner), token])
    page = client.get(url, follow=True)
    html = check_page(page, "reset from key")
    assert "Create a new password" in html or "Choose a new password" in html
    set_password_url = page.redirect_chain[-1][0]
    check_empty_post(client, set_password_url, "reset from key", expect="Enter a new password")
    mismatch = client.post(
        set_password_url, {"password1": "Lighthouse-Orchard-42", "password2": "Lighthouse-42"}
    )
    check_page(mismatch, "reset from key, passwords differ")
    assert "Enter the same password" in mismatch.content.decode()


def test_two_factor_code_at_sign_in(client, coordinator):
    response = client.post(
        reverse("account_login"), {"login": coordinator.email, "password": TEST_PASSWORD}
    )
    assert response["Location"] == reverse("mfa_authenticate")
    html = check_page(client.get(reverse("mfa_authenticate")), "mfa authenticate")
    assert "Enter the code from your authenticator app" in html
    check_empty_post(
        client,
        reverse("mfa_authenticate"),
        "mfa authenticate",
        data={"code": ""},
        expect="Enter the 6-digit code from your authenticator app",
    )
    wrong = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    check_page(wrong, "mfa authenticate, wrong code")
    assert "The code is not correct" in wrong.content.decode()
    # A form posted without the field at all (not from this page) is not a server error.
    assert client.post(reverse("mfa_authenticate"), {}).status_code == 200
    good = client.post(reverse("mfa_authenticate"), {"code": totp_code(coordinator)})
    assert good.status_code == 302


# --- Signed in -----------------------------------------------------------------------------


def test_signed_in_pages_use_govuk_wording(client, learner):
    sign_in(client, learner)
    for name in (
        "account_logout",
        "account_reauthenticate",
        "mfa_index",
        "usersessions_list",
    ):
        check_page(client.get(reverse(name)), name)
    reauthenticated(client, learner)
    for name in ("account_email", "account_change_password", "mfa_activate_totp"):
        check_page(client.get(reverse(name)), name)


def test_signed_in_forms_give_govuk_error_messages(client, learner):
    sign_in(client, learner)
    check_empty_post(
        client, reverse("account_reauthenticate"), "reauthenticate", expect="Enter your password"
    )
    reauthenticated(client, learner)
    check_empty_post(
        client,
        reverse("account_change_password"),
        "change password",
        expect="Enter your current password",
    )
    check_empty_post(
        client,
        reverse("account_email"),
        "add email",
        data={"action_add": ""},
        expect="Enter your email address",
    )
    check_empty_post(
        client,
        reverse("mfa_activate_totp"),
        "activate totp",
        data={"code": ""},
        expect="Enter the 6-digit code from your authenticator app",
    )


def test_set_password_for_an_account_without_one(client):
    person = UserFactory(email="imported@example.org")
    person.set_unusable_password()
    person.save()
    recently_confirmed(client, person)
    html = check_page(client.get(reverse("account_set_password")), "set password")
    assert "Create a password" in html
    check_empty_post(client, reverse("account_set_password"), "set password", expect="Enter a")


def test_staff_two_factor_pages_use_govuk_wording(client, coordinator):
    RecoveryCodes.activate(coordinator)
    sign_in(client, coordinator)
    html = check_page(client.get(reverse("mfa_reauthenticate")), "mfa reauthenticate")
    assert "Enter the code from your authenticator app" in html
    check_empty_post(
        client,
        reverse("mfa_reauthenticate"),
        "mfa reauthenticate",
        data={"code": ""},
        expect="Enter the 6-digit code from your authenticator app",
    )
    reauthenticated(client, coordinator)
    for name in (
        "mfa_index",
        "mfa_deactivate_totp",
        "mfa_view_recovery_codes",
        "mfa_generate_recovery_codes",
    ):
        check_page(client.get(reverse(name)), name)


def test_no_page_title_repeats_the_site_name(client, learner):
    """Titles name the page, then the site once, on the pages around an account too."""
    anonymous = Client()
    for url in (reverse("account_login"), reverse("account_signup")):
        assert title_of(anonymous.get(url).content.decode()).count(SITE_NAME) == 1
    sign_in(client, learner)
    assert title_of(client.get(reverse("profile")).content.decode()).count(SITE_NAME) == 1
