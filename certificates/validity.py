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

Days are calendar days in Europe/London (``TIME_ZONE``, whatever time zone a request has
activated), so figures do not change during a day. Conditions are written on
``expires_at`` (an indexed moment) by turning the day into the moment it starts; UK clocks
change at 01:00 or 02:00, so local midnight always exists and is unambiguous.
"""

import datetime

from django.db.models import Q
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


def in_force_q(prefix: str = "") -> Q:
    """Not revoked and not replaced; ``prefix`` is the relation to the certificate, if any."""
    return Q(
        **{
            _field(prefix, "revoked_at__isnull"): True,
            _field(prefix, "superseded_by__isnull"): True,
        }
    )


def in_date_q(day: datetime.date, prefix: str = "") -> Q:
    """In force with an expiry date of ``day`` or later."""
    return in_force_q(prefix) & Q(**{_field(prefix, "expires_at__gte"): start_of(day)})


def expiring_q(day: datetime.date, prefix: str = "", days: int = EXPIRING_DAYS) -> Q:
    """In date, with an expiry date from ``day`` to ``day + days`` inclusive."""
    last = day + datetime.timedelta(days=days + 1)
    return in_date_q(day, prefix) & Q(**{_field(prefix, "expires_at__lt"): start_of(last)})


def lapsed_q(day: datetime.date, prefix: str = "") -> Q:
    """In force with an expiry date before ``day``."""
    return in_force_q(prefix) & Q(**{_field(prefix, "expires_at__lt"): start_of(day)})


def is_in_date(expires_at: datetime.datetime, day: datetime.date) -> bool:
    """The expiry date is ``day`` or later (the caller checks the certificate is in force)."""
    return expires_on(expires_at) >= day


def is_expiring(
    expires_at: datetime.datetime, day: datetime.date, days: int = EXPIRING_DAYS
) -> bool:
    """The expiry date is from ``day`` to ``day + days`` inclusive (in force: the caller)."""
    return day <= expires_on(expires_at) <= day + datetime.timedelta(days=days)
