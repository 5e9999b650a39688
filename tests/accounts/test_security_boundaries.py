"""Session rules at their boundaries (issue 19, mutation testing of ``accounts.security``).

The 30-minute idle limit for staff and the 8-hour limit for everyone, to the second; when
"last seen" is written; who counts as staff and as having two-factor authentication set up;
what a session must hold to have "entered a code"; the warning to an account's owner after
many failed sign-ins (the 10th failure in 15 minutes, at most once in 24 hours).
"""

import datetime
from urllib.parse import parse_qs, urlsplit

import pytest
import time_machine
from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.messages import get_messages
from django.contrib.sessions.models import Session
from django.http import HttpRequest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts import security
from accounts.factories import UserFactory, add_totp
from accounts.roles import STAFF_ROLES, Role
from tests.helpers import sign_in

pytestmark = pytest.mark.django_db

SECOND = datetime.timedelta(seconds=1)
IDLE = datetime.timedelta(seconds=settings.STAFF_IDLE_SECONDS)
LIFETIME = datetime.timedelta(seconds=settings.SESSION_ABSOLUTE_SECONDS)


def page():
    return reverse("profile")


def signed_out(response, path) -> bool:
    """Sent to sign in again, to come back to ``path`` (query string included)."""
    if response.status_code != 302:
        return False
    location = urlsplit(response["Location"])
    assert location.path == reverse("account_login")
    assert parse_qs(location.query)["next"] == [path]
    return True


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


# --- The idle limit (staff) and the absolute limit (everyone) ------------------------------


def test_staff_are_signed_out_one_second_after_thirty_idle_minutes(client):
    coordinator = UserFactory(role=Role.TRAINING_COORDINATOR)
    path = page() + "?tab=details"
    with time_machine.travel(timezone.now(), tick=False) as clock:
        sign_in(client, coordinator)
        clock.shift(IDLE)
        assert client.get(path).status_code == 200  # exactly 30 minutes: still signed in
        clock.shift(IDLE + SECOND)
        response = client.get(path)
    assert signed_out(response, path)
    assert messages_of(response) == ["You have been signed out after 30 minutes without activity."]
    assert "_auth_user_id" not in client.session
    html = client.get(response["Location"]).content.decode()
    assert "You have been signed out after 30 minutes without activity." in html


def test_a_request_a_minute_after_the_last_one_restarts_the_idle_clock(client):
    coordinator = UserFactory(role=Role.TRAINING_COORDINATOR)
    with time_machine.travel(timezone.now(), tick=False) as clock:
        sign_in(client, coordinator)
        clock.shift(datetime.timedelta(seconds=security.LAST_SEEN_RESOLUTION))
        assert client.get(page()).status_code == 200
        clock.shift(IDLE)
        assert client.get(page()).status_code == 200  # 31 minutes after sign-in


def test_the_last_request_is_written_to_the_session_at_most_once_a_minute(client, user_with_role):
    """Not on every request: a session write each time would load the database for nothing."""
    with time_machine.travel(timezone.now(), tick=False) as clock:
        sign_in(client, user_with_role(Role.LEARNER))
        key = client.session.session_key

        def stored():
            return Session.objects.get(session_key=key).get_decoded()[security.LAST_SEEN]

        start = stored()
        clock.shift(datetime.timedelta(seconds=security.LAST_SEEN_RESOLUTION) - SECOND)
        assert client.get(page()).status_code == 200
        assert stored() == start
        clock.shift(SECOND)
        assert client.get(page()).status_code == 200
        assert stored() == start + security.LAST_SEEN_RESOLUTION


def test_learners_may_be_idle_longer_than_staff(client, user_with_role):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        sign_in(client, user_with_role(Role.LEARNER))
        clock.shift(IDLE * 4)
        assert client.get(page()).status_code == 200


def test_every_session_ends_one_second_after_eight_hours(client, user_with_role):
    path = page()
    with time_machine.travel(timezone.now(), tick=False) as clock:
        sign_in(client, user_with_role(Role.LEARNER))
        clock.shift(LIFETIME - SECOND)
        assert client.get(path).status_code == 200
        clock.shift(SECOND)
        assert client.get(path).status_code == 200  # exactly 8 hours
        clock.shift(SECOND)
        response = client.get(path)
    assert signed_out(response, path)
    message = "You have been signed out because you signed in more than 8 hours ago."
    assert messages_of(response) == [message]
    assert message in client.get(response["Location"]).content.decode()


def test_a_session_from_before_the_rules_starts_both_clocks_at_its_next_request(client):
    """Sessions signed in before these rules existed have neither time: they start now."""
    coordinator = UserFactory(role=Role.TRAINING_COORDINATOR)
    with time_machine.travel(timezone.now(), tick=False) as clock:
        sign_in(client, coordinator)
        session = client.session
        del session[security.SIGNED_IN_AT], session[security.LAST_SEEN]
        session.save()
        clock.shift(datetime.timedelta(hours=2))
        assert client.get(page()).status_code == 200
        assert client.session[security.SIGNED_IN_AT] == client.session[security.LAST_SEEN]
        clock.shift(IDLE + SECOND)
        response = client.get(page())
    assert signed_out(response, page())
    assert messages_of(response) == ["You have been signed out after 30 minutes without activity."]


def test_anonymous_visitors_get_no_session(client):
    response = client.get(reverse("account_login"))
    assert response.status_code == 200
    assert settings.SESSION_COOKIE_NAME not in response.cookies


# --- Who is staff, who has two-factor authentication, who entered a code -------------------


@pytest.mark.parametrize("role", sorted(STAFF_ROLES))
def test_each_staff_role_is_staff(role):
    assert security.has_staff_role(UserFactory(role=role)) is True


def test_an_administrator_without_a_role_is_staff_and_a_learner_is_not(user_with_role):
    assert security.has_staff_role(UserFactory(is_superuser=True)) is True
    assert security.has_staff_role(user_with_role(Role.LEARNER)) is False


def test_the_role_is_looked_up_once_per_request(django_assert_num_queries, user_with_role):
    for person in (user_with_role(Role.LEARNER), UserFactory(role=Role.EDITOR)):
        with django_assert_num_queries(1):
            first = security.has_staff_role(person)
            assert security.has_staff_role(person) is first


def test_recovery_codes_alone_are_not_two_factor_authentication(client):
    UserFactory(role=Role.EDITOR)  # a colleague's authenticator app is not theirs
    editor = UserFactory(role=Role.EDITOR, role__mfa=False)
    Authenticator.objects.create(
        user=editor, type=Authenticator.Type.RECOVERY_CODES, data={"seed": "x"}
    )
    assert security.has_mfa(editor) is False
    client.force_login(editor)
    response = client.get("/admin/")
    assert response["Location"] == reverse("mfa_activate_totp")
    assert messages_of(response) == [
        "Your role lets you see other people's records, so you need to set up two-factor "
        "authentication before you continue."
    ]
    add_totp(editor)
    assert security.has_mfa(editor) is True


def session_request(client, user):
    request = HttpRequest()
    request.session = client.session
    request.user = user
    return request


def test_a_code_step_among_the_sessions_records_counts(client):
    coordinator = UserFactory(role=Role.TRAINING_COORDINATOR)
    sign_in(client, coordinator, mfa=False)
    assert not security.entered_a_code(session_request(client, coordinator), coordinator)
    with_code = Client()
    sign_in(with_code, coordinator)  # password, then the code
    request = session_request(with_code, coordinator)
    methods = [r["method"] for r in get_authentication_records(request, coordinator)]
    assert methods == ["password", "mfa"]
    assert security.entered_a_code(request, coordinator)


def test_asked_for_a_code_with_a_message_and_brought_back(client):
    coordinator = UserFactory(role=Role.TRAINING_COORDINATOR)
    sign_in(client, coordinator, mfa=False)
    response = client.get("/admin/pages/?q=a b")
    location = urlsplit(response["Location"])
    assert location.path == reverse("mfa_reauthenticate")
    assert parse_qs(location.query) == {"next": ["/admin/pages/?q=a%20b"]}
    assert messages_of(response) == [security.ENTER_CODE_MESSAGE]


# --- Setting up the authenticator app counts as entering a code ----------------------------


def activation(client, user, signed_in_as, authenticator):
    request = session_request(client, signed_in_as)
    security.record_activation_as_code_step(
        None, request=request, user=user, authenticator=authenticator
    )
    return get_authentication_records(request, signed_in_as)


def test_setting_up_the_app_records_a_code_step_for_that_session(client):
    editor = UserFactory(role=Role.EDITOR, role__mfa=False)
    sign_in(client, editor)
    add_totp(editor)
    totp = Authenticator.objects.get(user=editor, type=Authenticator.Type.TOTP)
    assert [r["method"] for r in activation(client, editor, editor, totp)] == ["password", "mfa"]


def test_recovery_codes_or_someone_elses_app_record_no_code_step(client):
    editor = UserFactory(role=Role.EDITOR, role__mfa=False)
    administrator = UserFactory(is_superuser=True)
    sign_in(client, editor)
    codes = Authenticator.objects.create(
        user=editor, type=Authenticator.Type.RECOVERY_CODES, data={"seed": "x"}
    )
    assert [r["method"] for r in activation(client, editor, editor, codes)] == ["password"]

    other = Client()
    sign_in(other, administrator, mfa=False)
    add_totp(editor)
    totp = Authenticator.objects.get(user=editor, type=Authenticator.Type.TOTP)
    assert [r["method"] for r in activation(other, editor, administrator, totp)] == ["password"]


def test_an_activation_outside_a_request_is_ignored():
    editor = UserFactory(role=Role.EDITOR)
    totp = Authenticator.objects.get(user=editor, type=Authenticator.Type.TOTP)
    security.record_activation_as_code_step(None, request=None, user=editor, authenticator=totp)
    security.record_activation_as_code_step(
        None, request=HttpRequest(), user=editor, authenticator=None
    )


# --- Failed sign-ins: the owner is told -----------------------------------------------------


def test_the_tenth_failure_reaches_the_threshold_as_typed_in_any_case(user_with_role):
    owner = user_with_role(email="owner@example.org")
    threshold = settings.SIGN_IN_WARNING_THRESHOLD
    assert threshold == 10
    for _ in range(threshold - 1):
        assert security.count_failed_sign_in("owner@example.org") is None
    assert security.count_failed_sign_in("  OWNER@Example.org ") == owner
    assert security.count_failed_sign_in("owner@example.org") == owner  # the 11th too


def test_failures_older_than_the_window_start_again(user_with_role):
    owner = user_with_role(email="owner@example.org")
    window = datetime.timedelta(seconds=settings.SIGN_IN_WARNING_WINDOW_SECONDS)
    with time_machine.travel(timezone.now(), tick=False) as clock:
        for _ in range(9):
            security.count_failed_sign_in(owner.email)
        clock.shift(window)
        assert security.count_failed_sign_in(owner.email) is None


@pytest.mark.parametrize("typed", ["", "   ", None])
def test_nothing_typed_counts_against_nobody(typed):
    assert security.count_failed_sign_in(typed) is None


def test_failures_against_a_deactivated_account_warn_nobody(user_with_role):
    owner = user_with_role(email="gone@example.org", is_active=False)
    for _ in range(12):
        assert security.count_failed_sign_in(owner.email) is None


def test_each_account_has_its_own_count(user_with_role):
    first = user_with_role(email="first@example.org")
    second = user_with_role(email="second@example.org")
    for _ in range(9):
        security.count_failed_sign_in(first.email)
    assert security.count_failed_sign_in(second.email) is None
    assert security.count_failed_sign_in(first.email) == first


def test_the_owner_is_warned_again_only_after_24_hours(user_with_role):
    owner = user_with_role(email="owner@example.org")
    other = user_with_role(email="other@example.org")
    with time_machine.travel(timezone.now(), tick=False) as clock:
        assert security.should_warn_owner(owner) is True
        assert security.should_warn_owner(other) is True  # each account its own day
        clock.shift(datetime.timedelta(hours=24) - SECOND)
        assert security.should_warn_owner(owner) is False
        clock.shift(SECOND)
        assert security.should_warn_owner(owner) is True


def test_the_warning_holds_only_a_link_to_reset_the_password():
    assert security.warning_context() == {
        "reset_url": settings.SITE_URL + reverse("account_reset_password")
    }
