"""What "in force", "in date", "expiring" and "lapsed" mean, defined once for every page,
report, reminder and export (docs/coverage.md repeats these words).

- **In force**: not revoked and not replaced. ``certificates.services`` keeps at most one
  certificate in force per person and module, whatever order things are recorded or
  revoked in: the non-revoked one with the latest ``issued_at`` (on a tie, the highest id,
  so a reissued copy wins over its original). Revoking it puts the one before back in
  force. The database holds the rule too (a partial unique constraint).
- **Expiry date**: the date printed on the certificate ("Valid until"), the expiry
  moment's calendar date in Europe/London.
- **In date on a day**: in force, and its expiry date is that day or later: a certificate
  is in date through the whole of the date it prints, and lapses at the midnight after.
- **Expiring on a day**: in date, and its expiry date is no more than ``EXPIRING_DAYS``
  days after that day (so on the day itself, and 60 days ahead, both count; 61 does not).
- **Lapsed on a day**: in force, and its expiry date is before that day. Revoked and
  replaced certificates are never lapsed (nor in date, nor expiring).
- **In force at a moment t** (for figures "as at" a past moment, such as a quarter's end):
  issued at or before t; not revoked (a revocation corrects the record, so a revoked
  certificate never counts, whenever it was revoked); and either not superseded, or
  superseded by a certificate issued after t. Put exactly, because ``superseded_by``
  always points at the certificate in force *now*: no other non-revoked certificate of the
  same person and module issued at or before t ranks above it (later ``issued_at``; on a
  tie, higher id). That is the rule above applied to the records as they stood at t, so
  a person holds at most one certificate in force at t for a module, and a certificate
  replaced only by one issued after t is the one in force at t. **In date, expiring and
  lapsed at t** are the states above on t's day, of the certificate in force at t.
  Without a moment (``at=None``) the conditions are today's, unchanged.

Days are calendar days in Europe/London (``TIME_ZONE``, whatever time zone a request has
activated), so figures do not change during a day. Conditions are written on
``expires_at`` (an indexed moment) by turning the day into the moment it starts; UK clocks
change at 01:00 or 02:00, so local midnight always exists and is unambiguous.
"""

import datetime

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

EXPIRING_DAYS = 60


def _zone():
    return timezone.get_default_timezone()


def today(now: datetime.datetime | None = None) -> datetime.date:
    """The calendar day (Europe/London) of ``now`` (default: the current moment)."""
    return timezone.localdate(now if now is not None else timezone.now(), _zone())


def day_of(when: datetime.datetime | datetime.date | None = None) -> datetime.date:
    """The day to judge on: a moment's London date, a date as given, or today."""
    if when is None or isinstance(when, datetime.datetime):
        return today(when)
    return when


def start_of(day: datetime.date) -> datetime.datetime:
    """The moment ``day`` starts in Europe/London (midnight local time, aware)."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min), _zone())


def expires_on(expires_at: datetime.datetime) -> datetime.date:
    """The expiry date as printed on the certificate."""
    return timezone.localdate(expires_at, _zone())


def _field(prefix: str, name: str) -> str:
    return f"{prefix}__{name}" if prefix else name


def in_force_q(prefix: str = "", at: datetime.datetime | None = None) -> Q:
    """Not revoked and not replaced; ``prefix`` is the relation to the certificate, if any.

    With ``at``, in force at that moment (see the module docstring): issued at or before
    ``at``, not revoked, and no non-revoked certificate of the same person and module issued
    at or before ``at`` ranks above it. Without ``at`` the condition is today's, on two
    indexed columns, so current pages stay as fast.
    """
    if at is None:
        return Q(
            **{
                _field(prefix, "revoked_at__isnull"): True,
                _field(prefix, "superseded_by__isnull"): True,
            }
        )
    from .models import Certificate  # here: the models module is not loaded yet on import

    def outer(name: str) -> OuterRef:
        return OuterRef(_field(prefix, name))

    above = Certificate.objects.filter(
        Q(issued_at__gt=outer("issued_at")) | Q(issued_at=outer("issued_at"), pk__gt=outer("pk")),
        user_id=outer("user_id"),
        module_id=outer("module_id"),
        revoked_at__isnull=True,
        issued_at__lte=at,
    )
    return Q(
        **{_field(prefix, "revoked_at__isnull"): True, _field(prefix, "issued_at__lte"): at}
    ) & ~Q(Exists(above))


def in_date_q(day: datetime.date, prefix: str = "", at: datetime.datetime | None = None) -> Q:
    """In force (at ``at``, if given) with an expiry date of ``day`` or later."""
    return in_force_q(prefix, at) & Q(**{_field(prefix, "expires_at__gte"): start_of(day)})


def expiring_q(
    day: datetime.date,
    prefix: str = "",
    days: int = EXPIRING_DAYS,
    at: datetime.datetime | None = None,
) -> Q:
    """In date (at ``at``, if given), with an expiry date from ``day`` to ``day + days``
    inclusive."""
    last = day + datetime.timedelta(days=days + 1)
    return in_date_q(day, prefix, at) & Q(**{_field(prefix, "expires_at__lt"): start_of(last)})


def lapsed_q(day: datetime.date, prefix: str = "", at: datetime.datetime | None = None) -> Q:
    """In force (at ``at``, if given) with an expiry date before ``day``."""
    return in_force_q(prefix, at) & Q(**{_field(prefix, "expires_at__lt"): start_of(day)})


def is_in_date(expires_at: datetime.datetime, day: datetime.date) -> bool:
    """The expiry date is ``day`` or later (the caller checks the certificate is in force)."""
    return expires_on(expires_at) >= day


def is_expiring(
    expires_at: datetime.datetime, day: datetime.date, days: int = EXPIRING_DAYS
) -> bool:
    """The expiry date is from ``day`` to ``day + days`` inclusive (in force: the caller)."""
    return day <= expires_on(expires_at) <= day + datetime.timedelta(days=days)
