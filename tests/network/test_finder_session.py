"""The finder keeps the last search for the session (POST/Redirect/GET), so Back works.

A search is POSTed, kept in the session and shown on a results page whose address holds no
place; Back from a venue returns to the same results without "Confirm form resubmission",
"Find another Safe Place" shows the form with the search filled in, and "Clear search"
forgets it.
"""

import logging
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from network.factories import VenueFactory
from network.geocoding import FAKE_PLACES, FakeGeocoder

pytestmark = pytest.mark.django_db

FINDER = reverse("network:finder")
RESULTS = reverse("network:finder_results")
CLEAR = reverse("network:finder_clear")
PORTSWOOD = tuple(Decimal(str(v)) for v in FAKE_PLACES["portswood"])


def near(point, degrees="0.001", **extra):
    return VenueFactory(latitude=point[0] + Decimal(degrees), longitude=point[1], **extra)


def names(html: str) -> list[str]:
    return re.findall(
        r'<h[23] class="govuk-heading-m[^"]*"><a class="govuk-link" href="[^"]+">([^<]+)</a>', html
    )


def test_a_search_redirects_to_a_results_page_that_holds_no_place(client):
    near(PORTSWOOD, name="Near Café")
    response = client.post(FINDER, {"query": "Portswood", "open_now": ""})
    assert response.status_code == 303
    assert response["Location"] == RESULTS
    results = client.get(RESULTS)
    assert results.status_code == 200
    assert names(results.content.decode()) == ["Near Café"]
    assert "1 Safe Place near Portswood" in results.content.decode()


def test_a_postcode_search_puts_neither_postcode_nor_position_in_any_url(client, caplog):
    centre = FakeGeocoder().postcode("SO17 1BJ")
    near((centre.latitude, centre.longitude), name="Near Café")
    with caplog.at_level(logging.DEBUG):
        response = client.post(FINDER, {"query": "so17 1bj"})
        results = client.get(response["Location"])
    html = results.content.decode()
    assert "SO17 1BJ" not in response["Location"] and "so17" not in response["Location"]
    assert "lat" not in response["Location"]
    hrefs = re.findall(r'(?:href|action|src)="([^"]*)"', html)
    assert hrefs
    for url in hrefs:
        assert "SO17" not in url.upper() and str(centre.latitude)[:6] not in url, url
    logged = " ".join(record.getMessage() for record in caplog.records)
    assert "SO17" not in logged.upper()


def test_the_results_page_is_never_cached_and_sends_no_referrer_off_site(client):
    near(PORTSWOOD)
    client.post(FINDER, {"query": "Portswood"})
    results = client.get(RESULTS)
    assert "no-store" in results["Cache-Control"]
    assert results["Referrer-Policy"] == "same-origin"


def test_back_to_the_results_shows_the_same_results_again(client):
    venue = near(PORTSWOOD, name="Near Café")
    client.post(FINDER, {"query": "Portswood"})
    first = client.get(RESULTS).content.decode()
    assert client.get(reverse("network:venue", args=[venue.slug])).status_code == 200
    again = client.get(RESULTS).content.decode()  # what the browser's Back button asks for
    assert names(again) == names(first) == ["Near Café"]


def test_the_venue_page_links_back_to_the_results_while_a_search_is_kept(client):
    venue = near(PORTSWOOD, name="Near Café")
    url = reverse("network:venue", args=[venue.slug])
    assert "Back to your search results" not in client.get(url).content.decode()
    client.post(FINDER, {"query": "Portswood"})
    html = client.get(url).content.decode()
    assert f'href="{RESULTS}"' in html and "Back to your search results" in html


def test_find_another_safe_place_keeps_the_search_and_filters(client):
    near(PORTSWOOD, venue_type="pharmacy", step_free=True)
    client.post(
        FINDER,
        {
            "query": "Portswood",
            "open_now": "on",
            "venue_types": ["pharmacy"],
            "accessibility": ["step_free"],
        },
    )
    html = client.get(FINDER).content.decode()
    assert re.search(r'<input[^>]*name="query"[^>]*value="Portswood"', html)
    assert re.search(r'<input[^>]*name="open_now"[^>]*checked', html)
    assert re.search(r'<input[^>]*value="pharmacy"[^>]*checked', html)
    assert re.search(r'<input[^>]*value="step_free"[^>]*checked', html)
    assert "Clear search" in html


def test_a_location_search_keeps_only_a_rounded_position_and_says_your_location(client):
    near(PORTSWOOD, name="Round the corner")
    client.post(
        FINDER,
        {
            "latitude": "50.9263457",
            "longitude": "-1.3932119",
            "source": "location",
        },
    )
    kept = client.session["safe_places_search"]
    assert kept["latitude"] == pytest.approx(50.9263, abs=1e-9)
    assert kept["longitude"] == pytest.approx(-1.3932, abs=1e-9)
    html = client.get(RESULTS).content.decode()
    assert "near your location" in html
    assert names(html) == ["Round the corner"]
    form = client.get(FINDER).content.decode()
    assert "50.926" not in form  # the position is never written back into a page


def test_clear_search_forgets_it(client):
    near(PORTSWOOD)
    client.post(FINDER, {"query": "Portswood"})
    response = client.post(CLEAR)
    assert response.status_code == 303 and response["Location"] == FINDER
    assert "safe_places_search" not in client.session
    html = client.get(FINDER).content.decode()
    assert 'value="Portswood"' not in html
    assert client.get(RESULTS)["Location"] == FINDER


def test_clear_search_only_answers_a_post(client):
    assert client.get(CLEAR).status_code == 405


def test_results_without_a_search_go_to_the_form(client):
    response = client.get(RESULTS)
    assert response.status_code == 302 and response["Location"] == FINDER


def test_a_bad_search_shows_errors_on_the_form_and_keeps_the_old_results(client):
    near(PORTSWOOD, name="Near Café")
    client.post(FINDER, {"query": "Portswood"})
    response = client.post(FINDER, {"query": "Atlantis"})
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert names(client.get(RESULTS).content.decode()) == ["Near Café"]


def test_a_tampered_session_search_is_forgotten_not_a_crash(client):
    session = client.session
    session["safe_places_search"] = {"latitude": "x", "longitude": None, "near": 5}
    session.save()
    response = client.get(RESULTS)
    assert response.status_code == 302 and response["Location"] == FINDER
