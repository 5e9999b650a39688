"""Issuing, superseding, revoking and reminding: each happens exactly once."""

import base64
import datetime
import logging
import secrets

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.audit import record
from courses.selectors import add_months

from .models import Certificate, CertificateCounter, CertificateTemplate

logger = logging.getLogger("safecity.audit")
PREFIX = "SCL"


def new_code() -> str:
    """160 random bits as 32 base-32 characters (no 0/1/8/9 confusion: A-Z, 2-7)."""
    return base64.b32encode(secrets.token_bytes(20)).decode("ascii")


def next_number(year: int) -> str:
    """The next certificate number of the year, race-free: the counter row is locked."""
    with transaction.atomic():
        CertificateCounter.objects.get_or_create(year=year)
        counter = CertificateCounter.objects.select_for_update().get(year=year)
        counter.last += 1
        counter.save(update_fields=["last"])
        return f"{PREFIX}-{year}-{counter.last:06d}"


def issue_certificate(enrolment, now=None) -> Certificate:
    """The certificate for a completed enrolment, issued once.

    Any earlier certificate of the same person for the same module is superseded by it.
    """
    existing = Certificate.objects.filter(enrolment=enrolment).first()
    if existing is not None:
        return existing
    now = now or enrolment.completed_at or timezone.now()
    module = enrolment.module
    user = enrolment.user
    try:
        with transaction.atomic():
            certificate = Certificate.objects.create(
                number=next_number(timezone.localtime(now).year),
                code=new_code(),
                user=user,
                enrolment=enrolment,
                module=module,
                holder_name=user.full_name or user.email,
                module_title=module.title,
                module_revision=module.live_revision_id,
                cpd_minutes=module.cpd_minutes,
                issued_at=now,
                expires_at=add_months(now, module.refresh_months),
                template=CertificateTemplate.load().snapshot(),
            )
            Certificate.objects.filter(
                user=user,
                module=module,
                superseded_by__isnull=True,
                issued_at__lte=now,
            ).exclude(pk=certificate.pk).update(superseded_by=certificate)
    except IntegrityError:
        # Issued a moment ago by a concurrent request for the same enrolment.
        return Certificate.objects.get(enrolment=enrolment)
    logger.info("Issued certificate %s for module %s", certificate.number, module.pk)
    return certificate


def revoke_certificate(certificate: Certificate, by, reason: str) -> Certificate:
    reason = reason.strip()
    if not reason:
        raise ValueError("Give a reason for revoking the certificate.")
    with transaction.atomic():
        updated = Certificate.objects.filter(pk=certificate.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now(), revoked_by=by, revoked_reason=reason
        )
        certificate.refresh_from_db()
        if updated:
            record(
                "certificate.revoked",
                actor=by,
                target=certificate,
                summary=f"Certificate {certificate.number} revoked",
            )
    return certificate


def reissue_certificate(certificate: Certificate, by) -> Certificate:
    """A copy under the holder's current name (after a name change, on request).

    The new certificate keeps the original dates and wording and supersedes the old one.
    """
    user = certificate.user
    if user is None:
        raise ValueError("The holder's account no longer exists.")
    with transaction.atomic():
        new = Certificate.objects.create(
            number=next_number(timezone.localtime().year),
            code=new_code(),
            user=user,
            enrolment=None,
            module=certificate.module,
            holder_name=user.full_name or user.email,
            module_title=certificate.module_title,
            module_revision=certificate.module_revision,
            cpd_minutes=certificate.cpd_minutes,
            issued_at=certificate.issued_at,
            expires_at=certificate.expires_at,
            template=certificate.template,
            revoked_at=None,
        )
        Certificate.objects.filter(pk=certificate.pk).update(superseded_by=new)
        record(
            "certificate.reissued",
            actor=by,
            target=certificate,
            summary=f"Certificate {certificate.number} reissued as {new.number}",
        )
    return new


# How far back the daily run looks for completions still owed a certificate.
CATCH_UP_DAYS = 30


def issue_missing_certificates(now=None) -> int:
    """Issue the certificates owed for recent completions that have none.

    A certificate is normally issued the moment a module is completed; if that failed (a
    database error, a deploy mid-request), the completion itself is on record and the
    daily run issues the certificate then, dated at the completion. Returns how many.
    """
    from courses.models import Enrolment

    now = now or timezone.now()
    owed = Enrolment.objects.filter(
        completed_at__isnull=False,
        completed_at__gte=now - datetime.timedelta(days=CATCH_UP_DAYS),
        certificate__isnull=True,
        user__is_active=True,
    ).select_related("module", "user")
    issued = 0
    for enrolment in owed:
        issue_certificate(enrolment)
        issued += 1
    if issued:
        logger.warning("Issued %s certificates owed for earlier completions", issued)
    return issued
