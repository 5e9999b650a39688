"""Reminding the people a "required but missing" drill-down lists to take the module.

The coordinator (any agency) or an agency lead (their own agency only) presses one button.
Who is reminded is worked out here from the same selector the page uses, never from ids
the browser sends. Each person gets a fixed phrase and a link to the module, at most once
per module in :data:`NUDGE_INTERVAL`: the audit log holds one row per reminder (target the
person, summary naming the module id), and that row is what the interval is checked
against, so it survives restarts and is visible in **Reports → Audit log**.
"""

import datetime
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from accounts import audit, emails
from accounts.models import AuditEvent, User
from config import site_url

from ..models import ModulePage
from ..selectors.coverage import learners_for_cell, scope_for

ACTION = "coverage.nudged"
NUDGE_INTERVAL = datetime.timedelta(days=7)


@dataclass(frozen=True)
class NudgeResult:
    nudged: int
    skipped: int


def _summary(module_id: int) -> str:
    return f"Reminded to take module {module_id}"


def module_link(module: ModulePage) -> str:
    """The module's absolute address on ``SITE_URL`` (never a request's host)."""
    return site_url.absolute(urlsplit(module.get_url() or "/").path)


def recently_nudged(user_ids, module_id: int, now=None) -> set[int]:
    now = now or timezone.now()
    return {
        int(target)
        for target in AuditEvent.objects.filter(
            action=ACTION,
            target_type=User._meta.label_lower,
            target_id__in=[str(pk) for pk in user_ids],
            summary=_summary(module_id),
            at__gt=now - NUDGE_INTERVAL,
        ).values_list("target_id", flat=True)
    }


def nudge_required_missing(actor, agency_id: int, module: ModulePage, now=None) -> NudgeResult:
    """Email each person of the agency who must hold ``module`` and does not; skip anyone
    reminded about it in the last 7 days. Raises PermissionDenied outside the actor's scope."""
    if not scope_for(actor).allows(agency_id):
        raise PermissionDenied("You cannot remind this agency's staff.")
    now = now or timezone.now()
    people = learners_for_cell(actor, agency_id, module.pk, now=now, required_missing=True)
    ids = [row["id"] for row in people]
    recent = recently_nudged(ids, module.pk, now)
    link = module_link(module)
    nudged = skipped = 0
    for person_id in ids:
        if person_id in recent:
            skipped += 1
            continue
        with transaction.atomic():
            # Lock the person's row and look again, so two presses at once (on PostgreSQL)
            # cannot both send before either audit row is written.
            person = User.objects.select_for_update().get(pk=person_id)
            if recently_nudged([person.pk], module.pk, now):
                skipped += 1
                continue
            audit.record(ACTION, actor=actor, target=person, summary=_summary(module.pk))
            emails.send("courses/email/nudge", person.email, {"link": link})
        nudged += 1
    return NudgeResult(nudged=nudged, skipped=skipped)
