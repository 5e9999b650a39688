"""The public Safe Places finder and venue pages: no account, no tracking.

Searches are POSTed, so a postcode or a position never appears in a URL, the browser's
history or a server's access log. The search is then kept in the session (the resolved
place's name, its position rounded to about 10 metres, and the filters, for an hour at
most) and the browser is sent to a results page whose address holds no place
(POST/Redirect/GET): Back from a venue page shows the same results again, with no "Confirm
form resubmission", and "Find another Safe Place" shows the form with the search filled in.
"Clear search" forgets it. Nothing about a search is kept anywhere else.
"""

import datetime
import math
import re
import time
import urllib.parse
from functools import wraps

from csp.decorators import csp_update
from django import forms
from django.conf import settings
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from . import selectors
from .geocoding import GeocodingError, locate
from .hours import is_bank_holiday, london, status_text
from .models import ACCESSIBILITY_FEATURES, VenueType, Weekday

RADIUS_KM = 15.0
RESULTS_LIMIT = 20
SESSION_KEY = "safe_places_search"
KEEP_SECONDS = 60 * 60  # a kept search is forgotten after an hour
POSITION_PLACES = 4  # decimal places kept: about 10 metres

NOT_FOUND = "We could not find that place. Check the postcode, or try a nearby town or area name"
UNAVAILABLE = "We cannot look up places right now. Try again in a minute, or use your location."
NO_PLACE = "Enter a postcode or place name, or use your location"
BAD_LOCATION = "We could not use your location. Enter a postcode or place name instead"


def tile_origin(url: str | None = None) -> str | None:
    """'https://tile.openstreetmap.org/{z}/{x}/{y}.png' -> 'https://tile.openstreetmap.org'.

    A ``{s}`` subdomain placeholder becomes a wildcard (``https://*.tile.example``).
    """
    url = settings.SAFE_PLACES_TILE_URL if url is None else url
    parts = urllib.parse.urlsplit((url or "").replace("{s}", "subdomain-placeholder"))
    if parts.scheme not in {"https", "http"} or not parts.netloc:
        return None
    host = parts.netloc.replace("subdomain-placeholder", "*")
    return f"{parts.scheme}://{host}"


def allow_map_tiles(view):
    """Let the page show map tiles: add the tile server to img-src (django-csp 4).

    Read from settings on each request, so a changed tile server needs no code change.
    """

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        origin = tile_origin()
        if origin is None:
            return view(request, *args, **kwargs)
        return csp_update({"img-src": [origin]})(view)(request, *args, **kwargs)

    return wrapped


def _coordinate(value: str, limit: float) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    if not math.isfinite(number) or not -limit <= number <= limit:
        return None
    return round(number, 6)


class FinderForm(forms.Form):
    query = forms.CharField(
        label="Postcode or place",
        help_text="For example SO14 7LY or Portswood",
        max_length=100,
        required=False,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "spellcheck": "false", "class": "govuk-input--width-20"}
        ),
    )
    open_now = forms.BooleanField(label="Open now", required=False)
    venue_types = forms.MultipleChoiceField(
        label="Type of place",
        choices=VenueType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    accessibility = forms.MultipleChoiceField(
        label="Accessibility",
        choices=ACCESSIBILITY_FEATURES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    # Filled by "Use my location" (JavaScript); rendered by hand from cleaned values only.
    latitude = forms.CharField(required=False, widget=forms.HiddenInput)
    longitude = forms.CharField(required=False, widget=forms.HiddenInput)
    source = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        raw_lat, raw_lng = self.data.get("latitude", ""), self.data.get("longitude", "")
        lat = _coordinate(raw_lat, 90) if raw_lat else None
        lng = _coordinate(raw_lng, 180) if raw_lng else None
        given = bool(str(raw_lat).strip() or str(raw_lng).strip())
        position = (lat, lng) if lat is not None and lng is not None else None
        data["position"] = position
        query = (data.get("query") or "").strip()
        wants_location = data.get("source") == "location" or (given and not query)
        if "query" in self.errors:
            return data
        if wants_location:
            if position is None:
                self.add_error("query", BAD_LOCATION)
            data["use_position"] = position is not None
        elif not query:
            self.add_error("query", NO_PLACE)
        return data


def _miles(found) -> str:
    miles = found.distance_miles
    if miles < 0.05:
        return "Less than 0.1 miles"
    return f"{miles:.1f} miles"


def _resolve(form) -> dict | None:
    """The search to keep: the place resolved to a rounded position, and the filters.

    Errors go onto the form (and None is returned). Only the geocoder's label for the place
    (a normalised postcode, a district or a place name) is kept, never coordinates finer
    than ``POSITION_PLACES`` decimal places; a position from "Use my location" is kept as
    "your location", so it is never written back into a page.
    """
    data = form.cleaned_data
    if data.get("use_position"):
        lat, lng = data["position"]
        near, query = "your location", ""
    else:
        try:
            point = locate(data["query"])
        except GeocodingError:
            form.add_error(None, UNAVAILABLE)
            return None
        if point is None:
            form.add_error("query", NOT_FOUND)
            return None
        lat, lng = point.latitude, point.longitude
        near = point.label or data["query"].strip()
        query = near
    return {
        "latitude": round(float(lat), POSITION_PLACES),
        "longitude": round(float(lng), POSITION_PLACES),
        "near": near,
        "query": query,
        "open_now": bool(data["open_now"]),
        "venue_types": list(data["venue_types"]),
        "accessibility": list(data["accessibility"]),
        "saved_at": time.time(),
    }


def kept_search(request) -> dict | None:
    """The session's last search, or None (none, expired, or not in the shape we wrote)."""
    kept = request.session.get(SESSION_KEY)
    try:
        lat, lng = float(kept["latitude"]), float(kept["longitude"])
        fresh = time.time() - float(kept["saved_at"]) < KEEP_SECONDS
        types, features = list(kept["venue_types"]), list(kept["accessibility"])
        valid = (
            fresh
            and math.isfinite(lat)
            and math.isfinite(lng)
            and -90 <= lat <= 90
            and -180 <= lng <= 180
            and isinstance(kept["near"], str)
            and isinstance(kept["query"], str)
            and set(types) <= set(VenueType.values)
            and set(features) <= {field for field, _ in ACCESSIBILITY_FEATURES}
        )
    except (KeyError, TypeError, ValueError):
        valid = False
    if not valid:
        if kept is not None:
            request.session.pop(SESSION_KEY, None)
        return None
    return {
        **kept,
        "latitude": lat,
        "longitude": lng,
        "open_now": bool(kept.get("open_now")),
        "venue_types": types,
        "accessibility": features,
    }


def _results(search: dict) -> dict:
    found = selectors.find_venues(
        search["latitude"],
        search["longitude"],
        at=timezone.now(),
        open_now=search["open_now"],
        venue_types=search["venue_types"],
        accessibility=search["accessibility"],
        radius_km=RADIUS_KM,
        limit=RESULTS_LIMIT,
    )
    results = [
        {
            "found": f,
            "venue": f.venue,
            "url": reverse("network:venue", args=[f.venue.slug]),
            "miles": _miles(f),
            "type": f.venue.get_venue_type_display(),
            "address": ", ".join(f.venue.address_lines),
        }
        for f in found
    ]
    map_points = [
        {
            "name": r["venue"].name,
            "lat": float(r["venue"].latitude),
            "lng": float(r["venue"].longitude),
            "url": r["url"],
        }
        for r in results
    ]
    return {
        "results": results,
        "near": search["near"],
        "map_points": map_points,
        "filtered": bool(search["open_now"] or search["venue_types"] or search["accessibility"]),
    }


def _map_settings() -> dict:
    return {
        "tile_url": settings.SAFE_PLACES_TILE_URL,
        "tile_attribution": settings.SAFE_PLACES_TILE_ATTRIBUTION,
    }


@never_cache
@allow_map_tiles
@require_http_methods(["GET", "POST"])
def finder(request):
    """The search form. A good search is kept and shown on the results page (303); a bad one
    comes back here with its errors. Opened again, the form shows the kept search."""
    kept = kept_search(request)
    if request.method == "POST":
        form = FinderForm(request.POST)
        if form.is_valid():
            search = _resolve(form)
            if search is not None:
                request.session[SESSION_KEY] = search
                return redirect_see_other(reverse("network:finder_results"))
    elif kept:
        form = FinderForm(
            initial={
                "query": kept["query"],
                "open_now": kept["open_now"],
                "venue_types": kept["venue_types"],
                "accessibility": kept["accessibility"],
            }
        )
    else:
        form = FinderForm()
    context = {"form": form, "kept": kept}
    return TemplateResponse(request, "network/finder.html", context)


def redirect_see_other(url: str):
    """Redirect after a POST with 303, so the browser GETs the next page and Back never
    offers to send the form again."""
    response = redirect(url)
    response.status_code = 303
    return response


@never_cache
@allow_map_tiles
@require_GET
def finder_results(request):
    """The kept search's results, worked out afresh ("Open now" is as of now)."""
    search = kept_search(request)
    if search is None:
        return redirect("network:finder")
    context = {
        "radius_miles": round(RADIUS_KM / 1.609344),
        **_results(search),
        **_map_settings(),
    }
    return TemplateResponse(request, "network/finder_results.html", context)


@never_cache
@require_POST
def finder_clear(request):
    request.session.pop(SESSION_KEY, None)
    return redirect_see_other(reverse("network:finder"))


def _hours_rows(venue, now: datetime.datetime) -> list[dict]:
    today = london(now).date()
    by_day = {h.weekday: h for h in venue.hours.all()}
    rows = []
    for day in Weekday:
        h = by_day.get(day.value)
        if h is None or not (h.all_day or (h.opens is not None and h.closes is not None)):
            text = "Closed"
        else:
            text = h.describe()
        rows.append({"day": day.label, "text": text, "today": day.value == today.weekday()})
    return rows


@never_cache
@allow_map_tiles
@require_GET
def venue(request, slug: str):
    place = selectors.listed_venue(slug)
    now = timezone.now()
    hours = list(place.hours.all())
    closed_bank_holiday = place.closed_on_bank_holidays
    today = london(now).date()
    context = {
        "venue": place,
        "type": place.get_venue_type_display(),
        "status": status_text(hours, now, closed_bank_holiday),
        "hours_rows": _hours_rows(place, now),
        "today_is_bank_holiday": closed_bank_holiday and is_bank_holiday(today),
        "accessibility": place.accessibility,
        "tel": re.sub(r"[^\d+]", "", place.public_phone),
        "directions_url": "https://www.openstreetmap.org/directions?"
        + urllib.parse.urlencode({"to": f"{place.latitude},{place.longitude}"}),
        "map_points": [
            {
                "name": place.name,
                "lat": float(place.latitude),
                "lng": float(place.longitude),
                "url": reverse("network:venue", args=[place.slug]),
            }
        ],
        "has_search": kept_search(request) is not None,
        **_map_settings(),
    }
    return TemplateResponse(request, "network/venue.html", context)
