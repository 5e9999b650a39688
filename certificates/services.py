"""Issuing, superseding, revoking and reissuing certificates: each happens exactly once.

The rule every write keeps (see ``certificates.validity``): for each person and module at
most one certificate is in force, the non-revoked one with the latest ``issued_at`` (on a
tie the highest id, so a reissued copy wins over its original); every other non-revoked
one has ``superseded_by`` set to it. Revoking the one in force puts the one before back
in force. Each write locks the holder's account row, changes what it changes, and runs
``_settle`` in the same transaction.
"""

import base64
import datetime
import logging
import secrets

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.audit import record
from courses.selectors import add_months
from pagecache.versions import bump_learner

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


def _lock_holder(user_id) -> None:
    """Lock the holder's account row for the rest of the transaction.

    Every write to a person's certificates takes this lock first, so two workers issuing or
    revoking for the same person run one after the other (even when the person has no
    certificate yet to lock). Lock order: account, then certificates, then the counter.
    """
    from django.contrib.auth import get_user_model

    if user_id is not None:
        list(get_user_model().objects.select_for_update().filter(pk=user_id).values_list("pk"))


def _in_force_id(user_id, module_id) -> int | None:
    return (
        Certificate.objects.filter(
            user_id=user_id,
            module_id=module_id,
            revoked_at__isnull=True,
            superseded_by__isnull=True,
        )
        .values_list("pk", flat=True)
        .first()
    )


def _settle(user_id, module_id) -> int | None:
    """Put exactly one of this person's certificates for this module in force.

    The one in force is the non-revoked certificate with the latest ``issued_at`` (on a
    tie, the highest id: a reissued copy wins over its original). Every other non-revoked
    one is marked as replaced by it; revoked ones are left as they are. Run inside the
    writer's transaction, after ``_lock_holder``; the rows are locked too. Each statement
    leaves at most one certificate in force, so the database constraint holds throughout.
    Returns the id of the certificate in force, or None if every one is revoked.

    A certificate whose account was deleted (user NULL) belongs to nobody to settle.
    """
    if user_id is None:
        return None
    bump_learner(user_id)  # written by update() here and by revoke: no signal is sent
    rows = list(
        Certificate.objects.select_for_update()
        .filter(user_id=user_id, module_id=module_id, revoked_at__isnull=True)
        .order_by("-issued_at", "-pk")
        .values_list("pk", "superseded_by_id")
    )
    if not rows:
        return None
    winner, winner_replaced_by = rows[0]
    stale = [pk for pk, replaced_by in rows[1:] if replaced_by != winner]
    if stale:
        Certificate.objects.filter(pk__in=stale).update(superseded_by_id=winner)
    if winner_replaced_by is not None:
        Certificate.objects.filter(pk=winner).update(superseded_by=None)
    return winner


def issue_certificate(enrolment, now=None) -> Certificate:
    """The certificate for a completed enrolment, issued once.

    It is dated at the completion. If it is the person's latest for the module it is in
    force and the earlier one is replaced; if a later one is already held (a face-to-face
    session recorded late, the daily catch-up), it is issued already replaced by that one.
    """
    existing = Certificate.objects.filter(enrolment=enrolment).first()
    if existing is not None:
        return existing
    now = now or enrolment.completed_at or timezone.now()
    module = enrolment.module
    user = enrolment.user
    try:
        with transaction.atomic():
            _lock_holder(user.pk)
            existing = Certificate.objects.filter(enrolment=enrolment).first()
            if existing is not None:
                return existing  # issued meanwhile by a concurrent request
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
                # Not in force yet (one at a time): _settle decides.
                superseded_by_id=_in_force_id(user.pk, module.pk),
            )
            _settle(user.pk, module.pk)
    except IntegrityError:
        # Issued a moment ago by a concurrent request for the same enrolment.
        return Certificate.objects.get(enrolment=enrolment)
    certificate.refresh_from_db(fields=["superseded_by"])
    logger.info("Issued certificate %s for module %s", certificate.number, module.pk)
    return certificate


def same_completion(certificate: Certificate) -> list[Certificate]:
    """The certificate, what it was reissued from and every reissue of those: one
    completion under one or more names, oldest first."""
    root = certificate
    while root.reissue_of_id is not None:
        root = Certificate.objects.get(pk=root.reissue_of_id)
    group, frontier = [root], [root.pk]
    while frontier:
        children = list(Certificate.objects.filter(reissue_of_id__in=frontier).order_by("pk"))
        group.extend(children)
        frontier = [child.pk for child in children]
    return group


def revoke_certificate(certificate: Certificate, by, reason: str) -> Certificate:
    """Revoke a certificate, with its reissued copies and what it was reissued from (one
    completion: revoking one copy cannot leave another standing in its place).

    If the one in force is revoked, the person's certificate before it (an earlier
    completion) is in force again. Revoking twice keeps the first revocation.
    """
    reason = reason.strip()
    if not reason:
        raise ValueError("Give a reason for revoking the certificate.")
    with transaction.atomic():
        _lock_holder(certificate.user_id)
        group = same_completion(certificate)
        revoked = []
        moment = timezone.now()
        for member in sorted(group, key=lambda row: row.pk != certificate.pk):
            updated = Certificate.objects.filter(pk=member.pk, revoked_at__isnull=True).update(
                revoked_at=moment, revoked_by=by, revoked_reason=reason
            )
            if updated:
                revoked.append(member)
        _settle(certificate.user_id, certificate.module_id)
        certificate.refresh_from_db()
        for member in revoked:
            summary = f"Certificate {member.number} revoked"
            if member.pk != certificate.pk:
                summary += f" with {certificate.number} (the same completion, reissued)"
            record("certificate.revoked", actor=by, target=member, summary=summary)
    return certificate


def reissue_certificate(certificate: Certificate, by) -> Certificate:
    """A copy under the holder's current name (after a name change, on request).

    The new certificate keeps the original dates and wording; it records the same
    completion (``reissue_of``) and so replaces the old one. A revoked certificate is not
    reissued.
    """
    user = certificate.user
    if user is None:
        raise ValueError("The holder's account no longer exists.")
    with transaction.atomic():
        _lock_holder(user.pk)
        certificate.refresh_from_db(fields=["revoked_at"])
        if certificate.revoked_at is not None:
            raise ValueError("A revoked certificate cannot be reissued.")
        new = Certificate.objects.create(
            number=next_number(timezone.localtime().year),
            code=new_code(),
            user=user,
            enrolment=None,
            reissue_of=certificate,
            module=certificate.module,
            holder_name=user.full_name or user.email,
            module_title=certificate.module_title,
            module_revision=certificate.module_revision,
            cpd_minutes=certificate.cpd_minutes,
            issued_at=certificate.issued_at,
            expires_at=certificate.expires_at,
            template=certificate.template,
            revoked_at=None,
            superseded_by_id=_in_force_id(user.pk, certificate.module_id),
        )
        _settle(user.pk, certificate.module_id)
        record(
            "certificate.reissued",
            actor=by,
            target=certificate,
            summary=f"Certificate {certificate.number} reissued as {new.number}",
        )
    certificate.refresh_from_db(fields=["superseded_by"])
    new.refresh_from_db(fields=["superseded_by"])
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
