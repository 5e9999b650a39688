"""Reading certificates: status, the holder's own list, lookups for verification.

Every status here is judged on a calendar day in Europe/London by the definitions in
``certificates.validity``: a certificate is valid through the date it prints ("Valid
until"), "expiring soon" from 60 days before that date to the date itself, and expired from
the day after. Revoked and replaced certificates are neither valid nor expired.
"""

import datetime
import hmac
from dataclasses import dataclass
from enum import StrEnum

from django.db.models import Q
from django.http import Http404

from . import validity
from .models import Certificate

EXPIRING_DAYS = validity.EXPIRING_DAYS


class Status(StrEnum):
    VALID = "valid"
    EXPIRING = "expiring"
    EXPIRED = "expired"
    SUPERSEDED = "superseded"
    REVOKED = "revoked"


LABELS = {
    Status.VALID: "Valid",
    Status.EXPIRING: "Valid, expiring soon",
    Status.EXPIRED: "Expired",
    Status.SUPERSEDED: "Replaced by a newer certificate",
    Status.REVOKED: "Revoked",
}


def status(
    certificate: Certificate, now: datetime.datetime | datetime.date | None = None
) -> Status:
    """The certificate's status on the day of ``now`` (a moment or a date; default today)."""
    day = validity.day_of(now)
    if certificate.revoked_at is not None:
        return Status.REVOKED
    if certificate.superseded_by_id is not None:
        return Status.SUPERSEDED
    if not validity.is_in_date(certificate.expires_at, day):
        return Status.EXPIRED
    if validity.is_expiring(certificate.expires_at, day):
        return Status.EXPIRING
    return Status.VALID


@dataclass
class PublicView:
    """What anyone with the code may see: nothing about email, agency or score."""

    status: Status
    holder_name: str
    module_title: str
    issued_at: datetime.datetime
    expires_at: datetime.datetime
    superseded_on: datetime.datetime | None

    @property
    def expires_on(self) -> datetime.date:
        """The "Valid until" date, as printed on the certificate."""
        return validity.expires_on(self.expires_at)

    @property
    def issued_on(self) -> datetime.date:
        return validity.day_of(self.issued_at)

    @property
    def label(self) -> str:
        return LABELS[self.status]

    @property
    def in_date(self) -> bool:
        return self.status in (Status.VALID, Status.EXPIRING)


def public_view(certificate: Certificate, now=None) -> PublicView:
    current = status(certificate, now)
    return PublicView(
        status=current,
        holder_name=certificate.holder_name,
        module_title=certificate.module_title,
        issued_at=certificate.issued_at,
        expires_at=certificate.expires_at,
        superseded_on=certificate.superseded_by.issued_at if current == Status.SUPERSEDED else None,
    )


def normalise_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def by_code(code: str) -> Certificate | None:
    code = normalise_code(code)
    if not code:
        return None
    return Certificate.objects.select_related("superseded_by").filter(code=code).first()


def by_number_and_code(number: str, code: str) -> Certificate | None:
    """Both must match; the code is compared in constant time."""
    certificate = (
        Certificate.objects.select_related("superseded_by")
        .filter(number=number.strip().upper())
        .first()
    )
    given = normalise_code(code).encode()
    expected = (certificate.code if certificate else "X" * 32).encode()
    matches = hmac.compare_digest(given, expected)
    return certificate if certificate is not None and matches else None


def own_certificate(number: str, user) -> Certificate:
    try:
        return Certificate.objects.select_related("superseded_by").get(number=number, user=user)
    except Certificate.DoesNotExist as error:
        raise Http404("No such certificate") from error


def certificates_for(user):
    return Certificate.objects.filter(user=user).select_related("superseded_by", "module")


def status_filter(wanted: str, now: datetime.datetime | datetime.date | None = None) -> Q:
    """Database condition for certificates with the given status (as ``status()`` sees it);
    an unknown status filters nothing."""
    day = validity.day_of(now)
    after_window = validity.start_of(day + datetime.timedelta(days=EXPIRING_DAYS + 1))
    return {
        Status.REVOKED: Q(revoked_at__isnull=False),
        Status.SUPERSEDED: Q(revoked_at__isnull=True, superseded_by__isnull=False),
        Status.EXPIRED: validity.lapsed_q(day),
        Status.EXPIRING: validity.expiring_q(day),
        Status.VALID: validity.in_date_q(day) & Q(expires_at__gte=after_window),
    }.get(wanted, Q())
