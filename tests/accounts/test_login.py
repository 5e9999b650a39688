import datetime

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db

LOCKED = "Too many failed sign-in attempts. Wait 5 minutes, then try again."
ADDRESS_A = "203.0.113.10"
ADDRESS_B = "198.51.100.20"


def login(client, email, password, address=None, **headers):
    if address:
        headers["REMOTE_ADDR"] = address
    return client.post(reverse("account_login"), {"login": email, "password": password}, **headers)


def test_verified_user_signs_in_and_lands_on_their_learning(client, user_with_role):
    user = user_with_role(email="ready@example.org")
    response = login(client, "READY@example.org", TEST_PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("courses:dashboard")
    assert client.session["_auth_user_id"] == str(user.pk)


def test_wrong_password_and_unknown_email_get_the_same_message(client, user_with_role):
    user_with_role(email="ready@example.org")
    wrong = login(client, "ready@example.org", "not-the-password").content.decode()
    unknown = login(client, "nobody@example.org", "not-the-password").content.decode()
    message = "Enter a correct email address and password"
    assert message in wrong
    assert message in unknown
    assert 'value="ready@example.org"' in wrong  # what was typed is kept
    assert "not-the-password" not in wrong


def test_sixth_failed_login_for_one_account_within_five_minutes_is_refused(client, user_with_role):
    user_with_role(email="target@example.org")
    for _ in range(5):
        login(client, "target@example.org", "guess-guess-guess")
    response = login(client, "target@example.org", TEST_PASSWORD)
    assert response.status_code in (200, 429)
    assert "_auth_user_id" not in client.session
    assert LOCKED in response.content.decode()


# --- Lockout per account and address: a guesser cannot lock the owner out ------------------


def test_five_wrong_guesses_lock_that_address_out_of_the_account_but_not_the_owner(
    client, user_with_role
):
    owner = user_with_role(email="owner@example.org")
    for _ in range(5):
        login(client, "owner@example.org", "guess-guess-guess", address=ADDRESS_A)
    refused = login(client, "owner@example.org", TEST_PASSWORD, address=ADDRESS_A)
    assert refused.status_code == 200
    html = refused.content.decode()
    assert "govuk-error-summary" in html and LOCKED in html
    assert "_auth_user_id" not in client.session

    # The owner, somewhere else, signs in as usual.
    signed_in = login(client, "OWNER@example.org", TEST_PASSWORD, address=ADDRESS_B)
    assert signed_in.status_code == 302
    assert client.session["_auth_user_id"] == str(owner.pk)


def test_the_lock_ends_after_five_minutes(client, user_with_role):
    owner = user_with_role(email="owner@example.org")
    with time_machine.travel(timezone.now(), tick=False) as clock:
        for _ in range(5):
            login(client, "owner@example.org", "guess-guess-guess", address=ADDRESS_A)
        right = {"email": owner.email, "password": TEST_PASSWORD, "address": ADDRESS_A}
        assert LOCKED in login(client, **right).content.decode()
        clock.shift(datetime.timedelta(minutes=4))
        assert LOCKED in login(client, **right).content.decode()
        clock.shift(datetime.timedelta(minutes=1, seconds=1))
        response = login(client, owner.email, TEST_PASSWORD, address=ADDRESS_A)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(owner.pk)


def guess_from_many_addresses(client, email, count, first=0):
    """Wrong passwords, five from each address (so none of them is locked out yet)."""
    for n in range(first, first + count):
        login(client, email, "guess-guess-guess", address=f"192.0.2.{n // 5 + 1}")


def test_the_owner_is_told_once_a_day_when_many_people_guess_their_password(client, user_with_role):
    owner = user_with_role(email="owner@example.org")
    with time_machine.travel(timezone.now(), tick=False) as clock:
        guess_from_many_addresses(client, owner.email, 9)
        assert not mail.outbox
        guess_from_many_addresses(client, owner.email, 1, first=9)  # the tenth in 15 minutes
        assert len(mail.outbox) == 1
        guess_from_many_addresses(client, owner.email, 30, first=10)
        clock.shift(datetime.timedelta(hours=3))
        guess_from_many_addresses(client, owner.email, 20, first=40)
        assert len(mail.outbox) == 1  # not again the same day

        clock.shift(datetime.timedelta(days=1))
        guess_from_many_addresses(client, owner.email, 10, first=60)
        assert len(mail.outbox) == 2

    [warning, _] = mail.outbox
    assert warning.to == ["owner@example.org"]
    body = warning.body
    assert (
        "Someone has tried to sign in to your Safe City Learning account several times with "
        "the wrong password. If this was not you, you do not need to do anything: your "
        "password has not been changed. If you are worried, change your password."
    ) in " ".join(body.split())
    assert "http://testserver" + reverse("account_reset_password") in body
    # Nothing that tells a reader of the mailbox where, when or with what.
    for detail in ("192.0.2.", "127.0.0.1", "guess", "Mozilla"):
        assert detail not in body
    assert not any(c.isdigit() for c in body)  # no addresses, times or counts


def test_failures_spread_over_more_than_15_minutes_do_not_warn(client, user_with_role):
    owner = user_with_role(email="owner@example.org")
    with time_machine.travel(timezone.now(), tick=False) as clock:
        guess_from_many_addresses(client, owner.email, 9)
        clock.shift(datetime.timedelta(minutes=16))
        guess_from_many_addresses(client, owner.email, 9, first=20)
    assert not mail.outbox


def test_guesses_at_an_address_with_no_account_send_nothing(client):
    guess_from_many_addresses(client, "nobody@example.org", 12)
    assert not mail.outbox
