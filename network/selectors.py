"""Reading the partner network."""

import calendar
import datetime
import math
from dataclasses import dataclass

from django.db.models import (
    Count,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Cast
from django.http import Http404
from django.utils import timezone

from .hours import is_open, open_at_q, status_text
from .models import (
    ACCESSIBILITY_FEATURES,
    Agency,
    AgencyEmailDomain,
    ChangeStatus,
    Venue,
    VenueChange,
    VenueHours,
    VenueMembership,
    VenueRole,
    VenueStatus,
)


def active_agencies() -> QuerySet[Agency]:
    return Agency.objects.filter(is_active=True).order_by("name")


def candidate_domains(email: str) -> list[str]:
    """The email's domain and each parent domain, most specific first.

    ``a@mail.southampton.gov.uk`` -> ``mail.southampton.gov.uk``, ``southampton.gov.uk``,
    ``gov.uk`` (top-level labels alone are never candidates).
    """
    _, _, domain = email.strip().lower().rpartition("@")
    labels = [label for label in domain.split(".") if label]
    return [".".join(labels[i:]) for i in range(len(labels) - 1)]


def agency_for_email(email: str) -> Agency | None:
    """The active agency whose registered domain matches the email, most specific first."""
    candidates = candidate_domains(email)
    if not candidates:
        return None
    matches = {
        d.domain: d.agency
        for d in AgencyEmailDomain.objects.filter(
            domain__in=candidates, agency__is_active=True
        ).select_related("agency")
    }
    for domain in candidates:
        if domain in matches:
            return matches[domain]
    return None


# --- Safe Places ----------------------------------------------------------------------------


def scheme_settings():
    from .models import SafePlacesSettings

    return SafePlacesSettings.load()


def next_check_date(today: datetime.date) -> datetime.date:
    months = scheme_settings().check_interval_months
    month_index = today.month - 1 + months
    year, month = today.year + month_index // 12, month_index % 12 + 1
    day = min(today.day, calendar.monthrange(year, month)[1])
    return datetime.date(year, month, day)


def _in_date_certificates(module_id, now):
    """Certificates for the module in date on the day of ``now`` (Europe/London), by
    ``certificates.validity``: in force (never revoked or replaced) and valid through the
    date they print."""
    from certificates import validity
    from certificates.models import Certificate

    return Certificate.objects.filter(validity.in_date_q(validity.day_of(now)), module_id=module_id)


def trained_count(venue: Venue, now=None) -> int:
    """People linked to the venue holding an in-date certificate for the scheme's module."""
    now = now or timezone.now()
    module_id = scheme_settings().module_id
    if module_id is None:
        return 0
    return (
        VenueMembership.objects.filter(venue=venue, user__isnull=False, user__is_active=True)
        .filter(Exists(_in_date_certificates(module_id, now).filter(user_id=OuterRef("user_id"))))
        .count()
    )


def trained_counts(venue_ids, now=None) -> dict[int, int]:
    """``trained_count`` for many venues in one query."""
    now = now or timezone.now()
    module_id = scheme_settings().module_id
    if module_id is None:
        return {}
    rows = (
        VenueMembership.objects.filter(venue_id__in=venue_ids, user__isnull=False)
        .filter(user__is_active=True)
        .filter(Exists(_in_date_certificates(module_id, now).filter(user_id=OuterRef("user_id"))))
        .values("venue_id")
        .annotate(n=Count("id"))
    )
    return {row["venue_id"]: row["n"] for row in rows}


@dataclass
class StaffRow:
    membership: VenueMembership
    name: str
    email: str
    role: str
    joined: bool
    certificate_expires: datetime.datetime | None

    @property
    def trained(self) -> bool:
        return self.certificate_expires is not None


def venue_staff(venue: Venue, now=None) -> list[StaffRow]:
    """Everyone linked to or invited to the venue, with their Safe Places certificate expiry."""
    now = now or timezone.now()
    module_id = scheme_settings().module_id
    memberships = VenueMembership.objects.filter(venue=venue).select_related("user")
    if module_id is not None:
        memberships = memberships.annotate(
            certificate_expires=Subquery(
                _in_date_certificates(module_id, now)
                .filter(user_id=OuterRef("user_id"))
                .order_by("-expires_at")
                .values("expires_at")[:1]
            )
        )
    rows = []
    # Contacts, then staff; in each, people who have joined by name, then invitations by
    # address (nulls_last: SQLite would put the nameless invitations first, PostgreSQL last).
    order = ("role", F("user__full_name").asc(nulls_last=True), "invited_email")
    for m in memberships.order_by(*order):
        rows.append(
            StaffRow(
                membership=m,
                name=m.user.full_name if m.user else "",
                email=m.user.email if m.user else m.invited_email,
                role=m.get_role_display(),
                joined=m.user_id is not None,
                certificate_expires=getattr(m, "certificate_expires", None),
            )
        )
    return rows


def venues_for_contact(user) -> QuerySet[Venue]:
    """Venues this person manages as their contact."""
    return Venue.objects.filter(
        memberships__user=user, memberships__role=VenueRole.CONTACT
    ).distinct()


def has_claimed_contact(venue: Venue) -> bool:
    """Whether someone has confirmed the application's address and manages the venue."""
    return VenueMembership.objects.filter(
        venue=venue, role=VenueRole.CONTACT, user__isnull=False, user__is_active=True
    ).exists()


def contact_emails(venue: Venue) -> list[str]:
    """Where the venue's news goes: the addresses of its contacts' own accounts (never the
    address typed on the application, which nobody may have confirmed)."""
    return sorted(
        set(
            VenueMembership.objects.filter(
                venue=venue, role=VenueRole.CONTACT, user__is_active=True
            ).values_list("user__email", flat=True)
        )
    )


def address_problem(user, email: str) -> str | None:
    """Whether ``user`` is signed in with exactly ``email``, confirmed and as their main address.

    None when they are; "unverified" when the address is theirs but not confirmed (or not
    their main one); "different" when it is not theirs at all.
    """
    from allauth.account.models import EmailAddress

    email = (email or "").strip()
    if not email or not getattr(user, "is_authenticated", False):
        return "different"
    theirs = EmailAddress.objects.filter(user=user, email__iexact=email)
    if not theirs.exists() and user.email.lower() != email.lower():
        return "different"
    if not theirs.filter(verified=True, primary=True).exists():
        return "unverified"
    return None


def managed_venue(user, venue_id: int) -> Venue:
    """A venue the person manages, or 404 (never another venue's details)."""
    venue = venues_for_contact(user).filter(pk=venue_id).first()
    if venue is None:
        raise Http404("No such venue")
    return venue


def venues_for_staff(user) -> QuerySet[Venue]:
    return Venue.objects.filter(memberships__user=user).distinct()


def listed_venues() -> QuerySet[Venue]:
    """Venues the public can see: approved and with a map point."""
    return Venue.objects.filter(
        status=VenueStatus.APPROVED, latitude__isnull=False, longitude__isnull=False
    )


def listed_venue(slug: str) -> Venue:
    venue = listed_venues().filter(slug=slug).prefetch_related("hours").first()
    if venue is None:
        raise Http404("No such Safe Place")
    return venue


def reminders_due(today: datetime.date) -> QuerySet[Venue]:
    """Approved venues owed the 30-day reminder or the on-the-day reminder."""
    return Venue.objects.filter(status=VenueStatus.APPROVED, next_check_due__isnull=False).filter(
        Q(
            check_reminded_30_at__isnull=True,
            next_check_due__lte=today + datetime.timedelta(days=30),
        )
        | Q(check_reminded_due_at__isnull=True, next_check_due__lte=today)
    )


def overdue_checks(today: datetime.date) -> QuerySet[Venue]:
    return Venue.objects.filter(status=VenueStatus.APPROVED, next_check_due__lt=today)


def undertrained_listed(minimum: int, now=None) -> list[Venue]:
    approved = list(Venue.objects.filter(status=VenueStatus.APPROVED))
    counts = trained_counts([v.pk for v in approved], now=now)
    if scheme_settings().module_id is None:
        return []
    return [v for v in approved if counts.get(v.pk, 0) < minimum]


# --- The public finder ----------------------------------------------------------------------

EARTH_RADIUS_KM = 6371.0088


def distance_km(lat1, lng1, lat2, lng2) -> float:
    """Great-circle distance (haversine)."""
    lat1, lng1, lat2, lng2 = map(math.radians, map(float, (lat1, lng1, lat2, lng2)))
    a = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lng2 - lng1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


@dataclass
class Found:
    venue: Venue
    distance_km: float
    open_now: bool
    status_text: str

    @property
    def distance_miles(self) -> float:
        return self.distance_km / 1.609344


ACCESSIBILITY_FIELDS = tuple(field for field, _ in ACCESSIBILITY_FEATURES)


def find_venues(
    latitude,
    longitude,
    *,
    at: datetime.datetime | None = None,
    open_now: bool = False,
    venue_types=(),
    accessibility=(),
    radius_km: float = 15.0,
    limit: int = 20,
) -> list[Found]:
    """Listed venues nearest the point first, within ``radius_km``, with their opening status.

    Filters (including "open now") are applied in the database; see ``_nearest``.
    """
    at = at or timezone.now()
    lat, lng = float(latitude), float(longitude)
    venues = listed_venues()
    if venue_types:
        venues = venues.filter(venue_type__in=list(venue_types))
    for field in accessibility:
        if field in ACCESSIBILITY_FIELDS:
            venues = venues.filter(**{field: True})
    if open_now:
        venues = venues.filter(open_at_q(at))
    # Search a small circle first and widen it only when it holds too few places: in a
    # city the nearest 20 are usually close, and a small box is far cheaper to sort. If a
    # circle holds ``limit`` places, nothing outside it can be nearer.
    rings = [ring for ring in SEARCH_RINGS_KM if ring < radius_km] + [radius_km]
    for ring in rings:
        nearest = _nearest(venues, lat, lng, ring, limit)
        if len(nearest) >= limit:
            break
    by_pk = Venue.objects.prefetch_related("hours").in_bulk([pk for _, pk in nearest])
    results = []
    for d, pk in nearest:
        venue = by_pk[pk]
        hours = list(venue.hours.all())
        results.append(
            Found(
                venue=venue,
                distance_km=d,
                open_now=is_open(hours, at, venue.closed_on_bank_holidays),
                status_text=status_text(hours, at, venue.closed_on_bank_holidays),
            )
        )
    return results


SEARCH_RINGS_KM = (2.0, 5.0)


def _nearest(venues, lat: float, lng: float, radius_km: float, limit: int):
    """(distance, pk) of the nearest ``limit`` venues within ``radius_km``, nearest first.

    The database narrows to a bounding box (indexed latitude/longitude), orders by a
    flat-earth distance (within 0.2% of the great-circle one at city scale) and returns
    only the nearest few, so no row becomes a Python object unless it may be shown; exact
    distances are computed for those, with a margin (1% on the radius, 10 extra rows) so
    the exact order and radius still hold. The box has the margin too: its 111.32 km to a
    degree is a little more than a degree of the great circle (111.19 km), so a box of the
    bare radius would leave out places in the last 0.1% of it due north or east.
    """
    reach = radius_km * 1.01
    km_per_degree_east = 111.32 * max(math.cos(math.radians(lat)), 0.01)
    dlat = reach / 111.32
    dlng = reach / km_per_degree_east
    boxed = venues.filter(
        latitude__range=(lat - dlat, lat + dlat), longitude__range=(lng - dlng, lng + dlng)
    )
    north = (Cast("latitude", FloatField()) - Value(lat)) * Value(111.32)
    east = (Cast("longitude", FloatField()) - Value(lng)) * Value(km_per_degree_east)
    squared = ExpressionWrapper(north * north + east * east, FloatField())
    rows = (
        boxed.annotate(squared_km=squared)
        .filter(squared_km__lte=reach**2)
        .order_by("squared_km", "pk")
        .values_list("pk", "latitude", "longitude")[: limit + 10]
    )
    measured = sorted((distance_km(lat, lng, a, b), pk) for pk, a, b in rows)
    return [(d, pk) for d, pk in measured if d <= radius_km][:limit]


# --- Listing changes ------------------------------------------------------------------------

# The public fields a venue's contact may change (with review), in the order shown.
LISTING_FIELDS = (
    ("public_phone", "Public phone number"),
    ("description", "About this place"),
    *ACCESSIBILITY_FEATURES,
    ("closed_on_bank_holidays", "Closed on bank holidays"),
)


def listing_details(venue: Venue) -> dict:
    """The venue's editable public fields as they are now."""
    return {field: getattr(venue, field) for field, _ in LISTING_FIELDS}


def listing_hours(venue: Venue) -> list[dict]:
    """The seven days' hours as they are now (closed rows for days without one)."""
    by_day = {h.weekday: h for h in venue.hours.all()}
    rows = []
    for day in range(7):
        h = by_day.get(day)
        if h is None:
            rows.append(
                {
                    "weekday": day,
                    "closed": True,
                    "all_day": False,
                    "opens": None,
                    "closes": None,
                    "overnight": False,
                }
            )
        else:
            rows.append(
                {
                    "weekday": day,
                    "closed": h.closed,
                    "all_day": h.all_day,
                    "opens": None if h.closed or h.all_day else h.opens,
                    "closes": None if h.closed or h.all_day else h.closes,
                    "overnight": False if h.closed or h.all_day else h.overnight,
                }
            )
    return rows


def pending_change(venue: Venue) -> VenueChange | None:
    return venue.changes.filter(status=ChangeStatus.PENDING).first()


def last_decided_change(venue: Venue) -> VenueChange | None:
    return venue.changes.exclude(status=ChangeStatus.PENDING).order_by("-decided_at").first()


def hours_from_json(rows: list[dict]) -> list[dict]:
    """Stored hours (times as "HH:MM") back to rows with ``datetime.time`` values."""

    def time(value):
        return datetime.time.fromisoformat(value) if value else None

    return [
        {**row, "opens": time(row.get("opens")), "closes": time(row.get("closes"))} for row in rows
    ]


def _show(field: str, value) -> str:
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return value or "None given"


def change_rows(venue: Venue, change: VenueChange) -> list[dict]:
    """What the officer compares: each listing field's value now and as proposed."""
    current = listing_details(venue)
    rows = []
    for field, label in LISTING_FIELDS:
        old, new = current[field], change.proposed.get(field, current[field])
        rows.append(
            {
                "label": label,
                "old": _show(field, old),
                "new": _show(field, new),
                "changed": old != new,
            }
        )
    old_hours = listing_hours(venue)
    new_hours = hours_from_json(change.proposed.get("hours", []))
    for old, new in zip(old_hours, new_hours, strict=False):
        old_text = VenueHours(**old).describe()
        new_text = VenueHours(**new).describe()
        rows.append(
            {
                "label": VenueHours(weekday=old["weekday"]).get_weekday_display(),
                "old": old_text,
                "new": new_text,
                "changed": old_text != new_text,
            }
        )
    return rows
