"""Reminders about required training: overdue reminders to learners, and a monthly
summary notice to agency leads. Run daily by ``manage.py send_required_training_reminders``
(through ``courses.tasks``).

- **Overdue reminder**: to someone who counts for an active agency (so their email is
  verified) and has a job role, when a module on their "Required for your role" list is
  overdue (``courses.selectors.requirements``). Once per module per overdue spell: the
  spell is identified by the due date that passed (a new certificate brings a new expiry
  date, so a later lapse is a new spell). Several modules newly overdue on one day make one
  email, not one each.
- **Monthly summary**: on the 1st of each month, to each active agency lead (a person
  holding ``courses.view_own_agency_coverage`` through their role or directly, with a
  verified email, in an active agency). Once a month.

What was sent is stored (``RequiredTrainingReminder``, unique per person, module and due
date, or per lead and month) in the same transaction as the email is queued; a second run,
or a second worker at the same time, finds the row (or waits for it and gets an integrity
error) and sends nothing.

The emails are fixed wording and a link, nothing else: no module title (titles name
domestic abuse, and an abuser may read the learner's email), no names and no counts. The
link goes to the learner's dashboard, not the module, because a module's address contains
its title; the lead's goes to the coverage dashboard, behind sign-in and two-factor.
"""

import logging

from django.contrib.auth.models import Permission
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse

from accounts import emails
from accounts.models import User
from accounts.selectors import verified_email
from certificates import validity
from config.site_url import absolute

from ..models.coverage import RequiredTrainingReminder
from ..selectors.requirements import (
    live_requirements,
    person_from_row,
    reminder_candidates,
    required_modules,
)

logger = logging.getLogger("safecity.reminders")

BATCH = 1000
Kind = RequiredTrainingReminder.Kind


def _claim(user_id: int, kind: str, due_on, module_id=None) -> bool:
    """Record a reminder as sent; False if it already was (by this run or another)."""
    try:
        with transaction.atomic():
            RequiredTrainingReminder.objects.create(
                user_id=user_id, kind=kind, module_id=module_id, due_on=due_on
            )
    except IntegrityError:
        return False
    return True


def send_overdue_reminders(day=None, batch: int = BATCH) -> int:
    """Email everyone with required training newly overdue on ``day`` (today by default).
    Returns how many emails were queued."""
    day = day or validity.today()
    requirements = live_requirements()
    if not requirements:
        return 0
    link = absolute(reverse("courses:dashboard"))
    sent = 0
    last_pk = 0
    while True:
        rows = list(reminder_candidates().filter(pk__gt=last_pk)[:batch])
        if not rows:
            return sent
        last_pk = rows[-1]["pk"]
        people = [person_from_row(row) for row in rows]
        lists = required_modules(people, day, requirements)
        for person in people:
            overdue = [item for item in lists.get(person.pk, []) if item.overdue]
            if not overdue:
                continue
            with transaction.atomic():
                claimed = [
                    item
                    for item in overdue
                    if _claim(person.pk, Kind.OVERDUE, item.due_on, item.module.pk)
                ]
                if claimed:
                    emails.send("courses/email/required_overdue", person.email, {"link": link})
            if claimed:
                sent += 1
                logger.info(
                    "Queued an overdue training reminder for user %s (%s modules)",
                    person.pk,
                    len(claimed),
                )


def agency_leads():
    """Active agency leads of active agencies, with a verified email."""
    permission = Permission.objects.get(
        content_type__app_label="courses", codename="view_own_agency_coverage"
    )
    return (
        User.objects.filter(Q(groups__permissions=permission) | Q(user_permissions=permission))
        .filter(is_active=True, agency__is_active=True)
        .filter(verified_email())
        .distinct()
        .order_by("pk")
    )


def send_monthly_summaries(day=None) -> int:
    """On the 1st of a month, tell each agency lead that their monthly training summary is
    there (a link only). Any other day, nothing. Returns how many emails were queued."""
    day = day or validity.today()
    if day.day != 1:
        return 0
    link = absolute(reverse("courses:coverage"))
    sent = 0
    for lead in agency_leads():
        with transaction.atomic():
            if not _claim(lead.pk, Kind.SUMMARY, day):
                continue
            emails.send("courses/email/agency_summary", lead.email, {"link": link})
        sent += 1
    return sent


def send_required_training_reminders(day=None) -> dict[str, int]:
    """The daily run: overdue reminders, then (on the 1st) the monthly summaries."""
    day = day or validity.today()
    return {
        "overdue": send_overdue_reminders(day),
        "summaries": send_monthly_summaries(day),
    }
