"""What the finder keeps of a search: only a postcode's coordinates, for an hour, under a key
nobody can turn back into the postcode without the site's secret (item 8).

Someone looking for a Safe Place may be searching near where they live or where they are
hiding; the cache must not become a list of those places.
"""

import contextlib
import hashlib
import pickle
import time
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.urls import reverse

from network.geocoding import FAKE_PLACES, GeocodingError, locate

pytestmark = pytest.mark.django_db

POSTCODE = "SO17 1BJ"
SPELLINGS = ("SO17 1BJ", "SO171BJ", "so17 1bj", "so171bj", "17 1BJ", "171BJ")


def stored() -> dict[str, tuple[bytes, float]]:
    """Every entry of the local-memory cache: key -> (pickled value, expiry time)."""
    return {key: (value, cache._expire_info.get(key)) for key, value in cache._cache.items()}


def assert_nothing_mentions(text_forms, entries):
    for key, (value, _) in entries.items():
        for form in text_forms:
            assert form.lower() not in key.lower(), key
            assert form.encode() not in value, (key, pickle.loads(value))  # noqa: S301 - our own cache
            assert form.lower().encode() not in value.lower(), (key, pickle.loads(value))  # noqa: S301 - our own cache


def test_a_postcode_search_caches_only_coordinates_under_a_keyed_hash():
    first = locate("so17 1bj")
    entries = stored()
    assert len(entries) == 1
    assert_nothing_mentions(SPELLINGS, entries)
    ((value, _),) = entries.values()
    kept = pickle.loads(value)  # noqa: S301 - our own cache
    # Coordinates only: no postcode, no label, no place name.
    assert isinstance(kept, tuple | list)
    assert [Decimal(str(part)) for part in kept] == [first.latitude, first.longitude]


def test_the_cached_answer_is_used_and_still_labelled_with_the_searched_postcode(monkeypatch):
    first = locate("SO17 1BJ")
    monkeypatch.setattr(
        "network.geocoding.FakeGeocoder.postcode",
        lambda self, value: pytest.fail("the geocoder was asked again"),
    )
    again = locate("so171bj")
    assert (again.latitude, again.longitude) == (first.latitude, first.longitude)
    assert again.label == POSTCODE


def test_a_postcode_is_kept_for_an_hour_at_most():
    locate(POSTCODE)
    ((_, expires),) = stored().values()
    assert expires is not None
    assert expires - time.time() <= 3600


@pytest.mark.parametrize("spelling", ["SO17 1BJ", "so17 1bj", "SO171BJ"])
def test_an_unsalted_sha256_of_the_postcode_is_not_a_key(spelling):
    locate(spelling)
    digests = {hashlib.sha256(form.encode()).hexdigest() for form in (*SPELLINGS, spelling.lower())}
    for key in stored():
        assert not any(digest in key for digest in digests), key


def test_the_key_depends_on_the_secret_key(settings):
    locate(POSTCODE)
    (first,) = stored()
    cache.clear()
    settings.SECRET_KEY = "another-secret-key-" + "x" * 40
    locate(POSTCODE)
    (second,) = stored()
    assert first != second


@pytest.mark.parametrize(
    "query", ["Portswood", "ocean village", "SO17", "Nowhere at all", "unreachable place"]
)
def test_a_place_name_or_district_search_caches_nothing(query):
    with contextlib.suppress(GeocodingError):  # the fake's outage: still nothing is kept
        locate(query)
    assert stored() == {}


def test_a_postcode_nobody_knows_is_not_cached_either():
    assert locate("SW1A 9ZZ") is None
    assert stored() == {}


def test_a_finder_search_by_postcode_leaves_no_trace_in_the_cache(client):
    response = client.post(reverse("network:finder"), {"query": "so17 1bj"}, follow=True)
    assert response.status_code == 200  # the results page (the search is kept in the session)
    assert_nothing_mentions(SPELLINGS, stored())


def test_a_finder_search_by_place_leaves_no_trace_in_the_cache(client):
    assert "portswood" in FAKE_PLACES
    response = client.post(reverse("network:finder"), {"query": "Portswood"}, follow=True)
    assert response.status_code == 200
    for key, (value, _) in stored().items():
        assert b"portswood" not in value.lower()
        assert "portswood" not in key.lower()
        assert hashlib.sha256(b"portswood").hexdigest() not in key
