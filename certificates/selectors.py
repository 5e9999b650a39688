"""Reading certificates: status, the holder's own list, lookups for verification."""

import datetime
import hmac
from dataclasses import dataclass
from enum import StrEnum

from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from .models import Certificate

EXPIRING_DAYS = 60


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


def status(certificate: Certificate, now: datetime.datetime | None = None) -> Status:
    now = now or timezone.now()
    if certificate.revoked_at is not None:
        return Status.REVOKED
    if certificate.superseded_by_id is not None:
        return Status.SUPERSEDED
    if certificate.expires_at <= now:
        return Status.EXPIRED
    if certificate.expires_at - datetime.timedelta(days=EXPIRING_DAYS) <= now:
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


def status_filter(wanted: str, now: datetime.datetime | None = None) -> Q:
    """Database condition for certificates with the given status (as ``status()`` sees it)."""
    now = now or timezone.now()
    in_force = Q(revoked_at__isnull=True, superseded_by__isnull=True)
    soon = now + datetime.timedelta(days=EXPIRING_DAYS)
    return {
        Status.REVOKED: Q(revoked_at__isnull=False),
        Status.SUPERSEDED: Q(revoked_at__isnull=True, superseded_by__isnull=False),
        Status.EXPIRED: in_force & Q(expires_at__lte=now),
        Status.EXPIRING: in_force & Q(expires_at__gt=now, expires_at__lte=soon),
        Status.VALID: in_force & Q(expires_at__gt=soon),
    }.get(wanted, Q())
