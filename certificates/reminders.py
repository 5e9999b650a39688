"""Expiry reminders: 60 and 14 days before a certificate expires, and on expiry.

Each is sent once. Rows are claimed with a row lock (skipping rows another worker holds);
the email is queued (``accounts.emails``) and the row marked in the same transaction, so a
failure before the commit leaves the reminder to be tried again on the next run.
"""

import datetime
import logging

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from accounts import emails
from config.site_url import absolute

from .models import Certificate

logger = logging.getLogger("safecity.reminders")

# (field, how long before expiry it becomes due), most urgent first.
STAGES = [
    ("reminded_expired_at", datetime.timedelta(0)),
    ("reminded_14_at", datetime.timedelta(days=14)),
    ("reminded_60_at", datetime.timedelta(days=60)),
]


def due(now: datetime.datetime):
    """Certificates in force (not revoked or superseded) with a reminder due and unsent."""
    pending = Q()
    for field, before in STAGES:
        pending |= Q(**{f"{field}__isnull": True, "expires_at__lte": now + before})
    return Certificate.objects.filter(
        pending, revoked_at__isnull=True, superseded_by__isnull=True, user__isnull=False
    ).filter(user__is_active=True)


def _stage(certificate: Certificate, now: datetime.datetime) -> str | None:
    for field, before in STAGES:
        if getattr(certificate, field) is None and certificate.expires_at <= now + before:
            return field
    return None


def send_due_reminders(now: datetime.datetime | None = None, batch: int = 200) -> int:
    """Send every reminder that is due. Returns how many emails were sent."""
    now = now or timezone.now()
    sent = 0
    while True:
        with transaction.atomic():
            rows = list(
                due(now)
                .select_for_update(skip_locked=True, of=("self",))
                .select_related("user")
                .order_by("expires_at")[:batch]
            )
            for certificate in rows:
                stage = _stage(certificate, now)
                if stage is None:
                    continue
                _email(certificate, expired=stage == "reminded_expired_at")
                # Reaching a later stage means the earlier reminders are no longer useful.
                updates = {stage: now}
                for field, _ in STAGES[[f for f, _ in STAGES].index(stage) + 1 :]:
                    if getattr(certificate, field) is None:
                        updates[field] = now
                Certificate.objects.filter(pk=certificate.pk).update(**updates)
                sent += 1
        if len(rows) < batch:
            return sent


def _email(certificate: Certificate, expired: bool) -> None:
    """A short email with a date and a link, and no name or detail: someone else may read
    it."""
    link = absolute(reverse("courses:dashboard"))
    context = {
        "expires_on": timezone.localtime(certificate.expires_at).date(),
        "expired": expired,
        "link": link,
    }
    emails.send("certificates/email/reminder", certificate.user.email, context)
    logger.info(
        "Queued %s reminder for certificate %s", "expiry" if expired else "renewal", certificate.pk
    )
