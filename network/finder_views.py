"""The public Safe Places finder and venue pages: no account, no tracking.

Searches are POSTed, so a postcode or a position never appears in a URL, the browser's
history or a server's access log; results come back in the same response. A position
from "Use my location" is used for that one search and kept nowhere.
"""

import datetime
import math
import re
import urllib.parse
from functools import wraps

from csp.decorators import csp_update
from django import forms
from django.conf import settings
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from . import selectors
from .geocoding import GeocodingError, locate
from .hours import is_bank_holiday, london, status_text
from .models import ACCESSIBILITY_FEATURES, VenueType, Weekday

RADIUS_KM = 15.0
RESULTS_LIMIT = 20

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


def _search(form):
    """Resolve the place and find venues; errors go onto the form. Returns a dict or None."""
    data = form.cleaned_data
    if data.get("use_position"):
        lat, lng = data["position"]
        near = "your location"
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
    found = selectors.find_venues(
        lat,
        lng,
        at=timezone.now(),
        open_now=data["open_now"],
        venue_types=data["venue_types"],
        accessibility=data["accessibility"],
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
        "near": near,
        "map_points": map_points,
        "filtered": bool(data["open_now"] or data["venue_types"] or data["accessibility"]),
        "position": data["position"] if data.get("use_position") else None,
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
    context = {"searched": False, "radius_miles": round(RADIUS_KM / 1.609344), **_map_settings()}
    if request.method == "POST":
        form = FinderForm(request.POST)
        if form.is_valid():
            outcome = _search(form)
            if outcome is not None:
                context.update(outcome, searched=True)
    else:
        form = FinderForm()
    context["form"] = form
    return TemplateResponse(request, "network/finder.html", context)


def _hours_rows(venue, now: datetime.datetime) -> list[dict]:
    today = london(now).date()
    by_day = {h.weekday: h for h in venue.hours.all()}
    rows = []
    for day in Weekday:
        h = by_day.get(day.value)
        text = "Closed" if h is None or h.opens is None or h.closes is None else h.describe()
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
        **_map_settings(),
    }
    return TemplateResponse(request, "network/venue.html", context)
