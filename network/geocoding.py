"""Turning postcodes and place names into map points, through a pluggable geocoder.

``settings.SAFE_PLACES_GEOCODER`` names the class. Production uses an HTTP postcode service
(postcodes.io's API, ``POSTCODE_SERVICE_URL``); development and tests use ``FakeGeocoder``,
which never leaves the machine. Every failure is a ``GeocodingError``: callers show a
message or leave a venue unlisted and retry later, never crash.
"""

import hashlib
import json
import re
import urllib.parse
import urllib.request
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.utils.crypto import salted_hmac
from django.utils.module_loading import import_string

# The full UK postcode pattern (with GIR 0AA), on the upper-cased value without spaces.
POSTCODE_RE = re.compile(
    r"^(GIR0AA|[A-PR-UWYZ]([0-9]{1,2}|[A-HK-Y][0-9]{1,2}|[0-9][A-HJKPSTUW]|[A-HK-Y][0-9][ABEHMNPRVWXY])"
    r"[0-9][ABD-HJLNP-UW-Z]{2})$"
)
OUTCODE_RE = re.compile(
    r"^[A-PR-UWYZ]([0-9]{1,2}|[A-HK-Y][0-9]{1,2}|[0-9][A-HJKPSTUW]|[A-HK-Y][0-9][ABEHMNPRVWXY])$"
)


class GeocodingError(Exception):
    """The place could not be found, or the service could not be reached."""


@dataclass(frozen=True)
class Point:
    latitude: Decimal
    longitude: Decimal
    label: str = ""


def normalise_postcode(value: str) -> str | None:
    """'so147ly ' -> 'SO14 7LY'; None when it is not a valid UK postcode."""
    compact = re.sub(r"\s+", "", value or "").upper()
    if not POSTCODE_RE.match(compact):
        return None
    return f"{compact[:-3]} {compact[-3:]}"


def is_outcode(value: str) -> bool:
    return bool(OUTCODE_RE.match(re.sub(r"\s+", "", value or "").upper()))


def _point(latitude, longitude, label="") -> Point:
    return Point(
        Decimal(str(latitude)).quantize(Decimal("0.000001")),
        Decimal(str(longitude)).quantize(Decimal("0.000001")),
        label,
    )


class PostcodesIoGeocoder:
    """postcodes.io-compatible HTTP API: full postcodes, outward codes and place names."""

    timeout = 5

    def __init__(self, base_url: str | None = None):
        self.base_url = (base_url or settings.POSTCODE_SERVICE_URL).rstrip("/")

    def _get(self, path: str) -> dict | None:
        url = self.base_url + path
        if not url.startswith(("https://", "http://")):
            raise GeocodingError("The postcode service address is not http(s).")
        request = urllib.request.Request(url, headers={"Accept": "application/json"})  # noqa: S310
        try:
            # The scheme is checked just above: only http(s), never file: or custom schemes.
            opened = urllib.request.urlopen(request, timeout=self.timeout)  # noqa: S310 # nosec B310
            with opened as response:
                return json.load(response)
        except urllib.error.HTTPError as error:
            if error.code == 404:
                return None
            raise GeocodingError(f"Postcode service answered {error.code}") from error
        except (OSError, ValueError) as error:
            raise GeocodingError(f"Postcode service unavailable: {error}") from error

    def postcode(self, postcode: str) -> Point | None:
        normal = normalise_postcode(postcode)
        if normal is None:
            return None
        data = self._get("/postcodes/" + urllib.parse.quote(normal.replace(" ", "")))
        result = (data or {}).get("result") or {}
        if result.get("latitude") is None:
            return None
        return _point(result["latitude"], result["longitude"], normal)

    def place(self, query: str) -> Point | None:
        query = query.strip()
        if is_outcode(query):
            data = self._get("/outcodes/" + urllib.parse.quote(query.replace(" ", "").upper()))
            result = (data or {}).get("result") or {}
            if result.get("latitude") is not None:
                return _point(result["latitude"], result["longitude"], query.upper())
            return None
        data = self._get("/places?" + urllib.parse.urlencode({"q": query, "limit": 1}))
        results = (data or {}).get("result") or []
        if not results:
            return None
        first = results[0]
        return _point(first["latitude"], first["longitude"], first.get("name_1", query))


# Approximate centres of some of the city's areas, for the offline geocoder only.
FAKE_PLACES = {
    "southampton": (50.9097, -1.4044),
    "city centre": (50.9040, -1.4040),
    "bargate": (50.9030, -1.4048),
    "ocean village": (50.8965, -1.3930),
    "portswood": (50.9260, -1.3930),
    "shirley": (50.9230, -1.4330),
    "bitterne": (50.9180, -1.3640),
    "woolston": (50.8990, -1.3740),
    "sholing": (50.9020, -1.3530),
    "swaythling": (50.9400, -1.3800),
    "bassett": (50.9440, -1.4070),
    "millbrook": (50.9190, -1.4530),
    "st marys": (50.9090, -1.3930),
}
# The fake's postcode districts spread round the city centre so distances look sensible.
FAKE_OUTCODES = {
    "SO14": (50.9050, -1.3980),
    "SO15": (50.9160, -1.4230),
    "SO16": (50.9350, -1.4300),
    "SO17": (50.9290, -1.3950),
    "SO18": (50.9270, -1.3630),
    "SO19": (50.8990, -1.3560),
}


class FakeGeocoder:
    """Offline and deterministic. Postcodes in ``FAKE_OUTCODES`` districts land near that
    district's centre (a few hundred metres off, from a hash of the postcode); postcodes in
    the unused SO99 district, and place names starting "unreachable", raise, to test failures."""

    def postcode(self, postcode: str) -> Point | None:
        normal = normalise_postcode(postcode)
        if normal is None:
            return None
        outcode = normal.split()[0]
        if outcode == "SO99":
            raise GeocodingError("fake outage")
        centre = FAKE_OUTCODES.get(outcode)
        if centre is None:
            return None
        digest = hashlib.sha256(normal.encode()).digest()
        north = (digest[0] - 128) / 128 * 0.006
        east = (digest[1] - 128) / 128 * 0.009
        return _point(centre[0] + north, centre[1] + east, normal)

    def place(self, query: str) -> Point | None:
        key = " ".join(query.lower().replace("'", "").replace(".", "").split())
        if key.startswith("unreachable"):
            raise GeocodingError("fake outage")
        if is_outcode(key):
            centre = FAKE_OUTCODES.get(key.replace(" ", "").upper())
            return _point(*centre, key.upper()) if centre else None
        centre = FAKE_PLACES.get(key)
        return _point(*centre, query.strip().title()) if centre else None


def get_geocoder():
    return import_string(settings.SAFE_PLACES_GEOCODER)()


# Finder searches are not kept: only a postcode's coordinates are cached, for an hour at most,
# under a keyed hash (HMAC with a key derived from SECRET_KEY), so the cache holds no postcode
# and an unsalted hash of one cannot be looked up. Place names and districts are never cached.
CACHE_SECONDS = 60 * 60
_CACHE_SALT = "network.geocoding.postcode-cache"


def _cache_key(postcode: str) -> str:
    digest = salted_hmac(_CACHE_SALT, postcode, algorithm="sha256").hexdigest()
    return "geocode:" + digest


def locate(query: str) -> Point | None:
    """A postcode, outward code or place name typed into the finder -> a point, or None.

    Raises ``GeocodingError`` when the service cannot be reached. Only full postcodes that
    were found are cached (see ``CACHE_SECONDS``); the cached value is the coordinates alone.
    """
    query = " ".join((query or "").split())
    if not query:
        return None
    geocoder = get_geocoder()
    postcode = normalise_postcode(query)
    if postcode is None:
        return geocoder.place(query)
    key = _cache_key(postcode)
    cached = cache.get(key)
    if cached is not None:
        latitude, longitude = cached
        return _point(latitude, longitude, postcode)
    point = geocoder.postcode(postcode)
    if point is not None:
        cache.set(key, (str(point.latitude), str(point.longitude)), timeout=CACHE_SECONDS)
    return point
