"""Expiry reminders, counted in days before the expiry date printed on the certificate
("Valid until", Europe/London; see ``certificates.validity``):

- 60 days before it: due from the day the certificate starts "expiring soon" (expiry date
  no more than 60 days ahead);
- 14 days before it: due from the day the expiry date is no more than 14 days ahead;
- expired: due from the day after the expiry date (the day it lapses).

Only certificates in force (not revoked, not replaced) of active accounts. Each is sent
once; a run that finds a later stage due sends only that one and marks the earlier ones.

Rows are claimed with a row lock (skipping rows another worker holds); the email is queued
(``accounts.emails``) and the row marked in the same transaction, so a failure before the
commit leaves the reminder to be tried again on the next run.
"""

import datetime
import logging

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from accounts import emails
from config.site_url import absolute

from . import validity
from .models import Certificate

logger = logging.getLogger("safecity.reminders")

# (field, the most days the expiry date may be ahead of today for it to be due), most
# urgent first: -1 means the expiry date has passed.
STAGES = [
    ("reminded_expired_at", -1),
    ("reminded_14_at", 14),
    ("reminded_60_at", validity.EXPIRING_DAYS),
]


def _expires_by(day: datetime.date, days: int) -> Q:
    """The expiry date is no later than ``day + days``."""
    return Q(expires_at__lt=validity.start_of(day + datetime.timedelta(days=days + 1)))


def due(now: datetime.datetime | datetime.date):
    """Certificates in force (not revoked or superseded) with a reminder due and unsent."""
    day = validity.day_of(now)
    pending = Q()
    for field, days in STAGES:
        pending |= Q(**{f"{field}__isnull": True}) & _expires_by(day, days)
    return Certificate.objects.filter(
        pending, validity.in_force_q(), user__isnull=False, user__is_active=True
    )


def _stage(certificate: Certificate, day: datetime.date) -> str | None:
    expires_on = validity.expires_on(certificate.expires_at)
    for field, days in STAGES:
        if getattr(certificate, field) is None and expires_on <= day + datetime.timedelta(days):
            return field
    return None


def send_due_reminders(now: datetime.datetime | None = None, batch: int = 200) -> int:
    """Send every reminder that is due. Returns how many emails were sent."""
    now = now or timezone.now()
    day = validity.day_of(now)
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
                stage = _stage(certificate, day)
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
        "expires_on": validity.expires_on(certificate.expires_at),
        "expired": expired,
        "link": link,
    }
    emails.send("certificates/email/reminder", certificate.user.email, context)
    logger.info(
        "Queued %s reminder for certificate %s", "expiry" if expired else "renewal", certificate.pk
    )
