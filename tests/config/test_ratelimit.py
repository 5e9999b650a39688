"""Per-address limits key on the real client address, as the trusted proxies report it.

In the documented deployment every request reaches Django from the proxy, so REMOTE_ADDR is
the proxy's address: keyed on it, one person could exhaust a limit for everyone. With
``TRUSTED_PROXY_COUNT`` proxies, the client is the address the outermost trusted proxy
appended to X-Forwarded-For; anything further left was written by the client and is ignored.
"""

import pytest
from allauth.account.adapter import get_adapter
from django.test import RequestFactory
from django.urls import reverse

from accounts.factories import TEST_PASSWORD
from config.ratelimit import client_ip

PROXY = "10.0.0.2"
ALICE = "203.0.113.10"
BOB = "198.51.100.20"


def request_from(remote_addr=PROXY, xff=None):
    headers = {"REMOTE_ADDR": remote_addr}
    if xff is not None:
        headers["HTTP_X_FORWARDED_FOR"] = xff
    return RequestFactory().get("/", **headers)


# --- The one function ---------------------------------------------------------------------


def test_without_trusted_proxies_x_forwarded_for_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request_from(ALICE, xff="6.6.6.6")) == ALICE


@pytest.mark.parametrize(
    ("xff", "expected"),
    [
        (ALICE, ALICE),
        (f"6.6.6.6, {ALICE}", ALICE),  # a spoofed entry on the left is ignored
        (f"6.6.6.6,7.7.7.7 ,  {ALICE}", ALICE),
        ("", PROXY),  # fewer entries than trusted proxies: the direct peer
        ("not-an-address", PROXY),  # the proxy wrote something odd: do not trust it
        (f"{ALICE}:51234", ALICE),  # some proxies append the port
        ("[2001:db8::1]:443", "2001:db8::1"),
        ("2001:db8::1", "2001:db8::1"),
    ],
)
def test_with_one_trusted_proxy_the_rightmost_entry_is_the_client(settings, xff, expected):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request_from(PROXY, xff=xff)) == expected


def test_with_two_trusted_proxies_the_second_entry_from_the_right_is_the_client(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_ip(request_from(PROXY, xff=f"6.6.6.6, {ALICE}, 10.0.0.1")) == ALICE
    assert client_ip(request_from(PROXY, xff="10.0.0.1")) == PROXY


def test_allauth_uses_the_same_function(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    request = request_from(PROXY, xff=f"6.6.6.6, {ALICE}")
    assert get_adapter(request).get_client_ip(request) == ALICE
    settings.TRUSTED_PROXY_COUNT = 0
    assert get_adapter(request).get_client_ip(request) == PROXY


def test_allauths_own_setting_agrees():
    from allauth import app_settings
    from django.conf import settings

    assert app_settings.TRUSTED_PROXY_COUNT == settings.TRUSTED_PROXY_COUNT


# --- The certificate verify limit ---------------------------------------------------------


def verify(client, n, **headers):
    return client.get(reverse("verify_code", args=[f"GUESS{n}"]), **headers).status_code


@pytest.mark.django_db
def test_spoofed_headers_do_not_escape_the_verify_limit_without_a_proxy(client, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    statuses = [
        verify(client, n, REMOTE_ADDR=ALICE, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}") for n in range(21)
    ]
    assert statuses[:20] == [404] * 20
    assert statuses[20] == 429


@pytest.mark.django_db
def test_two_people_behind_the_proxy_have_their_own_verify_limit(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    alice = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": ALICE}
    bob = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": BOB}
    assert [verify(client, n, **alice) for n in range(21)][-1] == 429
    assert verify(client, 99, **bob) == 404  # Bob is not locked out by Alice
    # Alice cannot reset her count by putting another address on the left.
    spoofed = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": f"{BOB}, {ALICE}"}
    assert verify(client, 100, **spoofed) == 429


# --- allauth's sign-in limits -------------------------------------------------------------


def attempt_sign_in(client, email, password, **headers):
    return client.post(reverse("account_login"), {"login": email, "password": password}, **headers)


REFUSED = "Too many failed sign-in attempts"


@pytest.mark.django_db
def test_spoofed_headers_do_not_escape_the_sign_in_limit_without_a_proxy(client, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    for n in range(10):  # allauth allows 10 failed sign-ins a minute from one address
        attempt_sign_in(
            client,
            f"nobody{n}@example.org",
            "guess-guess",
            REMOTE_ADDR=ALICE,
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}",
        )
    response = attempt_sign_in(
        client, "other@example.org", "guess", REMOTE_ADDR=ALICE, HTTP_X_FORWARDED_FOR="192.0.2.99"
    )
    assert REFUSED in response.content.decode()


@pytest.mark.django_db
def test_two_people_behind_the_proxy_have_their_own_sign_in_limit(client, settings, user_with_role):
    settings.TRUSTED_PROXY_COUNT = 1
    bob = user_with_role(email="bob@example.org")
    for n in range(10):
        attempt_sign_in(
            client,
            f"nobody{n}@example.org",
            "guess-guess",
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR=ALICE,
        )
    refused = attempt_sign_in(
        client,
        "nobody@example.org",
        "guess",
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=f"{BOB}, {ALICE}",  # the spoofed entry changes nothing
    )
    assert REFUSED in refused.content.decode()
    response = attempt_sign_in(
        client, bob.email, TEST_PASSWORD, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=BOB
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(bob.pk)
