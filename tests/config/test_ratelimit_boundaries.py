"""The fixed-window rate limit at limit - 1, limit and limit + 1, and its window (issue 19).

Each test was checked by putting the fault back into the code by hand and watching it fail.
"""

import datetime

import pytest
import time_machine
from django.core.cache import cache
from django.test import RequestFactory

from config import ratelimit
from config.ratelimit import allow, client_ip, hit, once

START = datetime.datetime(2026, 11, 30, 9, 0, tzinfo=datetime.UTC)


def request_from(address="203.0.113.10", xff=None):
    headers = {"REMOTE_ADDR": address}
    if xff is not None:
        headers["HTTP_X_FORWARDED_FOR"] = xff
    return RequestFactory().get("/", **headers)


@pytest.mark.parametrize("limit", [1, 3, 20])
def test_the_limit_th_request_is_allowed_and_the_next_refused(limit):
    request = request_from()
    with time_machine.travel(START, tick=False):
        results = [allow(request, "scope", limit, 60) for _ in range(limit + 2)]
    assert results == [True] * limit + [False, False]


def test_the_count_starts_again_when_the_window_ends():
    request = request_from()
    with time_machine.travel(START, tick=False) as clock:
        assert [allow(request, "scope", 2, 60) for _ in range(3)] == [True, True, False]
        clock.shift(datetime.timedelta(seconds=59))
        assert allow(request, "scope", 2, 60) is False  # still the same minute
        clock.shift(datetime.timedelta(seconds=2))
        assert allow(request, "scope", 2, 60) is True
        assert allow(request, "scope", 2, 60) is True
        assert allow(request, "scope", 2, 60) is False


def test_counts_are_kept_per_scope_and_per_address():
    alice, bob = request_from("203.0.113.10"), request_from("198.51.100.20")
    assert allow(alice, "verify", 1, 60) is True
    assert allow(alice, "verify", 1, 60) is False
    assert allow(bob, "verify", 1, 60) is True
    assert allow(alice, "contact", 1, 60) is True


def test_hit_counts_up_from_one():
    assert [hit("key", 60) for _ in range(3)] == [1, 2, 3]
    assert hit("other", 60) == 1
    assert cache.get("ratelimit:key") == 3


def test_a_count_that_expires_between_add_and_incr_starts_again(monkeypatch):
    """The count expired after ``add`` found it and before ``incr``: it starts again at 1,
    for a whole new window."""
    added = []

    def add(key, value, timeout):
        added.append((key, value, timeout))
        return len(added) > 1  # the first add finds the old count, the second starts anew

    def gone(key):
        raise ValueError(key)

    monkeypatch.setattr(ratelimit.cache, "add", add)
    monkeypatch.setattr(ratelimit.cache, "incr", gone)
    assert hit("key", 60) == 1
    assert added == [("ratelimit:key", 1, 60), ("ratelimit:key", 1, 60)]


def test_once_is_true_the_first_time_in_the_window_only():
    with time_machine.travel(START, tick=False) as clock:
        assert once("reminder:1", 60) is True
        assert once("reminder:1", 60) is False
        assert once("reminder:2", 60) is True
        clock.shift(datetime.timedelta(seconds=61))
        assert once("reminder:1", 60) is True


@pytest.mark.parametrize(
    ("remote", "expected"),
    [
        ("203.0.113.10", "203.0.113.10"),
        ("203.0.113.10:51234", "203.0.113.10"),
        ("[2001:db8::1]:443", "2001:db8::1"),
        ("  203.0.113.10  ", "203.0.113.10"),
        ("", "unknown"),
        ("garbage", "unknown"),
        ("[2001:db8::1", "unknown"),  # a bracket never closed
        ("2001:db8::1", "2001:db8::1"),
    ],
)
def test_the_direct_peer_address_is_normalised(settings, remote, expected):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request_from(remote)) == expected


def test_with_two_trusted_proxies_one_entry_is_not_enough(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    peer = "10.0.0.2"
    assert client_ip(request_from(peer, xff="203.0.113.10")) == peer
    assert client_ip(request_from(peer, xff="203.0.113.10, 10.0.0.1")) == "203.0.113.10"
    assert client_ip(request_from(peer, xff="203.0.113.10, , 10.0.0.1")) == "203.0.113.10"
    assert client_ip(request_from(peer, xff="junk, 10.0.0.1")) == peer


def test_a_request_with_no_peer_address_is_unknown(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    request = request_from()
    del request.META["REMOTE_ADDR"]
    assert client_ip(request) == "unknown"


def test_without_the_setting_no_proxy_is_trusted(settings):
    del settings.TRUSTED_PROXY_COUNT
    assert client_ip(request_from("203.0.113.10", xff="198.51.100.20")) == "203.0.113.10"


def test_a_trusted_proxy_that_sent_no_header_leaves_the_peer_address(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request_from("10.0.0.2")) == "10.0.0.2"
