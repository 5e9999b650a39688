"""The public Safe Places finder and venue pages."""

import datetime
import json
import re
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from network.factories import VenueFactory
from network.geocoding import FAKE_PLACES, FakeGeocoder
from network.models import VenueStatus, VenueType

pytestmark = pytest.mark.django_db

FINDER = reverse("network:finder")
SILENT_SOLUTION = (
    "If you are in danger now, call 999. If you cannot speak, call 999 and press 55 when asked."
)
PORTSWOOD = tuple(Decimal(str(v)) for v in FAKE_PLACES["portswood"])
# Wednesday 4 March 2026, 8pm in London (GMT).
WEDNESDAY_8PM = datetime.datetime(2026, 3, 4, 20, 0, tzinfo=datetime.UTC)


def north_of(point, degrees: str):
    """A point ``degrees`` of latitude north of ``point`` (0.001 degree is about 111 m)."""
    return {"latitude": point[0] + Decimal(degrees), "longitude": point[1]}


def search(client, **data):
    """POST a search and follow the redirect to the results page (or stay on the form with
    its errors)."""
    return client.post(FINDER, data, follow=True)


def text(response) -> str:
    return response.content.decode()


def result_names(response) -> list[str]:
    return re.findall(
        r'<h[23] class="govuk-heading-m[^"]*"><a class="govuk-link" href="[^"]+">([^<]+)</a>',
        text(response),
    )


def test_get_shows_an_empty_search_form_that_posts(client):
    response = client.get(FINDER)
    assert response.status_code == 200
    html = text(response)
    assert 'method="post"' in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert "Postcode or place" in html
    assert "For example SO14 7LY or Portswood" in html
    assert "Open now" in html
    assert "Step-free access" in html and "Hearing loop" in html
    assert "Pub or bar" in html
    assert SILENT_SOLUTION in html
    assert "Exit this page" in html
    assert "Safe Place near" not in html and "No Safe Places found" not in html
    assert "no-store" in response["Cache-Control"]


def test_get_parameters_never_run_a_search(client):
    VenueFactory(name="Harbour Café", **north_of(PORTSWOOD, "0.001"))
    response = client.get(FINDER, {"query": "Portswood"})
    assert "Harbour Café" not in text(response)


def test_search_by_postcode_lists_the_nearest_first_with_distances(client):
    centre = FakeGeocoder().postcode("SO14 7LY")
    point = (centre.latitude, centre.longitude)
    VenueFactory(name="Far Pharmacy", **north_of(point, "0.014"))  # about 1.6 km
    VenueFactory(name="Near Café", **north_of(point, "0.005"))  # about 0.56 km
    VenueFactory(name="Middle Library", **north_of(point, "0.009"))  # about 1 km
    VenueFactory(name="Out of town", **north_of(point, "0.5"))  # about 55 km: too far

    response = search(client, query="so14 7ly")

    assert response.status_code == 200
    assert response.redirect_chain == [(reverse("network:finder_results"), 303)]
    html = text(response)
    assert result_names(response) == ["Near Café", "Middle Library", "Far Pharmacy"]
    assert "3 Safe Places near SO14 7LY" in html
    assert "0.3 miles away" in html
    assert "0.6 miles away" in html
    assert "1.0 miles away" in html
    assert "Open now" in html or "Closed now" in html
    assert "High Street, Southampton, SO14 7LY" in html
    # The form, opened again, is filled in with the place found.
    assert 'value="SO14 7LY"' in text(client.get(FINDER))


def test_search_by_place_name(client):
    VenueFactory(name="Portswood Pharmacy", **north_of(PORTSWOOD, "0.001"))
    response = search(client, query="Portswood")
    assert result_names(response) == ["Portswood Pharmacy"]
    assert "1 Safe Place near Portswood" in text(response)


def test_result_names_link_to_their_venue_pages(client):
    venue = VenueFactory(name="Link Café", slug="link-cafe", **north_of(PORTSWOOD, "0.001"))
    html = text(search(client, query="Portswood"))
    assert f'href="{reverse("network:venue", args=[venue.slug])}"' in html


@time_machine.travel(WEDNESDAY_8PM, tick=False)
def test_open_now_shows_only_places_open_at_this_moment(client):
    VenueFactory(name="Day Café", **north_of(PORTSWOOD, "0.001"))  # 9am to 5pm
    VenueFactory(
        name="Late Bar",
        venue_type=VenueType.PUB_BAR,
        hours={d: (datetime.time(18), datetime.time(2), True) for d in range(7)},
        **north_of(PORTSWOOD, "0.002"),
    )

    everything = search(client, query="Portswood")
    assert result_names(everything) == ["Day Café", "Late Bar"]
    assert "Closed now, opens at 9am tomorrow" in text(everything)
    assert "Open now, closes at 2am tomorrow" in text(everything)

    open_now = search(client, query="Portswood", open_now="on")
    assert result_names(open_now) == ["Late Bar"]
    form = text(client.get(FINDER))  # "Change search" keeps the filter ticked
    assert "checked" in re.search(r'<input[^>]*name="open_now"[^>]*>', form).group(0)


@time_machine.travel(WEDNESDAY_8PM, tick=False)
def test_no_results_suggests_widening_the_search_and_gives_999(client):
    VenueFactory(name="Day Café", **north_of(PORTSWOOD, "0.001"))
    response = search(client, query="Portswood", open_now="on")
    html = text(response)
    assert result_names(response) == []
    assert "No Safe Places found near Portswood" in html
    assert "untick &quot;Open now&quot;" in html or 'untick "Open now"' in html
    assert html.count("call 999 and press 55 when asked") == 1


def test_type_filter(client):
    VenueFactory(name="Corner Shop", venue_type=VenueType.SHOP, **north_of(PORTSWOOD, "0.001"))
    VenueFactory(name="Chemist", venue_type=VenueType.PHARMACY, **north_of(PORTSWOOD, "0.002"))
    VenueFactory(name="Library", venue_type=VenueType.LIBRARY, **north_of(PORTSWOOD, "0.003"))

    response = search(client, query="Portswood", venue_types=["pharmacy", "library"])
    assert result_names(response) == ["Chemist", "Library"]


def test_accessibility_filters_need_every_ticked_feature(client):
    VenueFactory(name="Steps", **north_of(PORTSWOOD, "0.001"))
    VenueFactory(name="Ramp", step_free=True, **north_of(PORTSWOOD, "0.002"))
    VenueFactory(
        name="Ramp and loop", step_free=True, hearing_loop=True, **north_of(PORTSWOOD, "0.003")
    )

    step_free = search(client, query="Portswood", accessibility=["step_free"])
    assert result_names(step_free) == ["Ramp", "Ramp and loop"]
    both = search(client, query="Portswood", accessibility=["step_free", "hearing_loop"])
    assert result_names(both) == ["Ramp and loop"]


def test_unknown_filter_values_are_an_error_not_a_crash(client):
    response = search(client, query="Portswood", venue_types=["casino"], accessibility=["lift"])
    assert response.status_code == 200
    assert "There is a problem" in text(response)


def test_only_listed_venues_appear(client):
    VenueFactory(name="Listed", **north_of(PORTSWOOD, "0.001"))
    for status in (
        VenueStatus.SUBMITTED,
        VenueStatus.UNDER_REVIEW,
        VenueStatus.REJECTED,
        VenueStatus.SUSPENDED,
        VenueStatus.LAPSED,
    ):
        VenueFactory(name=f"Hidden {status}", status=status, **north_of(PORTSWOOD, "0.001"))
    VenueFactory(name="No map point", latitude=None, longitude=None)

    response = search(client, query="Portswood")
    assert result_names(response) == ["Listed"]
    assert "Hidden" not in text(response)
    assert "No map point" not in text(response)


def private_venue(**extra):
    return VenueFactory(
        name="Discreet Café",
        slug="discreet-cafe",
        public_phone="023 8011 2233",
        lead_name="Priya Privatelead",
        contact_email="private.contact@business.example",
        contact_phone="07700 900987",
        staff_count=987654,
        status_reason="Internal review note",
        **north_of(PORTSWOOD, "0.001"),
        **extra,
    )


@pytest.mark.parametrize("page", ["finder", "venue"])
def test_private_contact_details_never_appear(client, page):
    venue = private_venue()
    if page == "finder":
        response = search(client, query="Portswood")
        assert result_names(response) == ["Discreet Café"]
    else:
        response = client.get(reverse("network:venue", args=[venue.slug]))
        assert "023 8011 2233" in text(response)  # the public phone is public
    html = text(response)
    for private in (
        "Priya",
        "Privatelead",
        "private.contact",
        "07700 900987",
        "07700900987",
        "987654",
        "Internal review note",
    ):
        assert private not in html


def test_a_script_in_a_venue_name_is_shown_as_text(client):
    venue = VenueFactory(name="<script>alert(1)</script>", **north_of(PORTSWOOD, "0.001"))
    for response in (
        search(client, query="Portswood"),
        client.get(reverse("network:venue", args=[venue.slug])),
    ):
        html = text(response)
        assert "<script>alert(1)</script>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_the_map_data_holds_only_public_fields(client):
    venue = private_venue()
    html = text(search(client, query="Portswood"))
    island = re.search(
        r'<script id="finder-results" type="application/json">(.*?)</script>', html, re.S
    )
    points = json.loads(island.group(1))
    assert points == [
        {
            "name": "Discreet Café",
            "lat": float(venue.latitude),
            "lng": float(venue.longitude),
            "url": reverse("network:venue", args=[venue.slug]),
        }
    ]


def test_use_my_location_searches_near_the_position(client):
    VenueFactory(name="Round the corner", **north_of(PORTSWOOD, "0.001"))
    response = search(
        client,
        query="",
        latitude=str(PORTSWOOD[0]),
        longitude=str(PORTSWOOD[1]),
        source="location",
    )
    html = text(response)
    assert result_names(response) == ["Round the corner"]
    assert "1 Safe Place near your location" in html


def test_a_chosen_location_wins_over_old_text_in_the_search_box(client):
    VenueFactory(name="Round the corner", **north_of(PORTSWOOD, "0.001"))
    response = search(
        client, query="SO19 9AA", latitude="50.926", longitude="-1.393", source="location"
    )
    assert result_names(response) == ["Round the corner"]


@pytest.mark.parametrize(
    ("latitude", "longitude"),
    [
        ("abc", "-1.39"),
        ("50.9", ""),
        ("91", "0"),
        ("50.9", "-181"),
        ("nan", "nan"),
        ("1e999", "-1.4"),
        ("<script>", "x" * 500),
    ],
)
def test_junk_positions_give_an_error_not_a_crash(client, latitude, longitude):
    response = search(client, latitude=latitude, longitude=longitude, source="location")
    assert response.status_code == 200
    html = text(response)
    assert "We could not use your location" in html
    assert "near your location" not in html
    assert "at most" not in html  # one plain message, not one per hidden field
    # Junk is dropped, never echoed back into the page.
    assert 'name="latitude" value=""' in html and 'name="longitude" value=""' in html


def test_an_empty_search_asks_for_a_place(client):
    response = search(client, query="   ")
    assert response.status_code == 200
    assert "Enter a postcode or place name, or use your location" in text(response)


def test_an_unknown_place_asks_to_check_it_and_keeps_what_was_typed(client):
    response = search(client, query="Atlantis", open_now="on", venue_types=["shop"])
    html = text(response)
    assert response.status_code == 200
    assert "We could not find that place. Check the postcode" in html
    assert 'value="Atlantis"' in html
    assert re.search(r'<input[^>]*value="shop"[^>]*checked', html)


def test_a_geocoder_outage_gives_a_friendly_message(client):
    response = search(client, query="unreachable town")
    html = text(response)
    assert response.status_code == 200
    assert (
        "We cannot look up places right now. Try again in a minute, or use your location." in html
    )
    assert 'value="unreachable town"' in html


def test_an_over_long_search_is_an_error_not_a_crash(client):
    response = search(client, query="x" * 5000)
    assert response.status_code == 200
    assert "There is a problem" in text(response)


def test_searches_are_never_put_in_a_url(client):
    VenueFactory(name="Near Café", **north_of(PORTSWOOD, "0.001"))
    response = client.post(FINDER, {"query": "Portswood"})
    assert response.status_code == 303
    assert response["Location"] == reverse("network:finder_results")
    assert f'action="{FINDER}"' in text(client.get(FINDER))


# --- The venue page -------------------------------------------------------------------------


@time_machine.travel(WEDNESDAY_8PM, tick=False)
def test_venue_page_shows_public_details_hours_and_directions(client):
    venue = VenueFactory(
        name="Night Owl Bar",
        slug="night-owl",
        venue_type=VenueType.PUB_BAR,
        public_phone="023 8011 2233",
        step_free=True,
        quiet_space=True,
        closed_on_bank_holidays=True,
        latitude=Decimal("50.904000"),
        longitude=Decimal("-1.404000"),
        hours={
            0: None,
            1: (datetime.time(17), datetime.time(23), False),
            2: (datetime.time(18), datetime.time(2), True),
            3: (datetime.time(18), datetime.time(2), True),
            4: (datetime.time(18), datetime.time(2), True),
            5: (datetime.time(12), datetime.time(2), True),
            6: (datetime.time(12), datetime.time(22, 30), False),
        },
    )
    response = client.get(reverse("network:venue", args=[venue.slug]))
    assert response.status_code == 200
    html = text(response)
    assert "Night Owl Bar" in html and "Pub or bar" in html
    assert "Open now, closes at 2am tomorrow" in html
    assert 'href="tel:02380112233"' in html
    assert (
        'href="https://www.openstreetmap.org/directions?to=50.904000%2C-1.404000" rel="noreferrer"'
        in html
    )
    assert 'target="_blank"' not in html
    body = html.split('<tbody class="govuk-table__body">')[1]
    rows = re.findall(r"<tr class=\"govuk-table__row\"([^>]*)>\s*<th[^>]*>(\w+)", body)
    assert [day for _, day in rows] == [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ]
    assert [day for attrs, day in rows if 'aria-current="date"' in attrs] == ["Wednesday"]
    assert "Closed" in html and "6pm to 2am" in html and "midday to 10:30pm" in html
    assert "closed on bank holidays" in html
    assert "Step-free access" in html and "Quiet space" in html
    assert "Hearing loop" not in html.split("Accessibility</h2>")[1].split("</ul>")[0]
    assert "call 999 for you" in html
    assert "keep what you tell them confidential" in html
    assert SILENT_SOLUTION in html


@pytest.mark.parametrize(
    "status",
    [VenueStatus.SUBMITTED, VenueStatus.UNDER_REVIEW, VenueStatus.SUSPENDED, VenueStatus.LAPSED],
)
def test_venue_page_is_not_found_unless_listed(client, status):
    venue = VenueFactory(status=status)
    assert client.get(reverse("network:venue", args=[venue.slug])).status_code == 404


def test_venue_page_is_not_found_without_a_map_point(client):
    venue = VenueFactory(latitude=None, longitude=None)
    assert client.get(reverse("network:venue", args=[venue.slug])).status_code == 404


# --- Security headers and scripts -----------------------------------------------------------


def img_src(response) -> str:
    policy = response["Content-Security-Policy"]
    return next(d for d in policy.split(";") if d.strip().startswith("img-src"))


def test_map_tiles_are_allowed_on_the_finder_and_venue_pages_only(client, settings):
    settings.SAFE_PLACES_TILE_URL = "https://tiles.example.net/{z}/{x}/{y}.png"
    venue = VenueFactory()
    assert "https://tiles.example.net" in img_src(client.get(FINDER))
    assert "https://tiles.example.net" in img_src(search(client, query="Portswood"))
    assert "https://tiles.example.net" in img_src(
        client.get(reverse("network:venue", args=[venue.slug]))
    )
    assert "tiles.example.net" not in img_src(client.get("/verify/"))


def test_the_default_tile_server_is_allowed(client):
    assert "https://tile.openstreetmap.org" in img_src(client.get(FINDER))


def test_the_finder_loads_no_third_party_scripts(client):
    VenueFactory(name="Near Café", **north_of(PORTSWOOD, "0.001"))
    for response in (client.get(FINDER), search(client, query="Portswood")):
        sources = re.findall(r"<script[^>]*\bsrc=\"([^\"]+)\"", text(response))
        assert sources
        assert all(src.startswith("/static/") for src in sources), sources
        assert "/static/js/finder.mjs" in sources
