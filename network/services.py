"""Writing the Safe Places network: applications, review, staff, annual checks, lapsing.

Every status change goes through :func:`transition`, which locks the venue's row, checks the
change is allowed from the status it finds, and writes an audit entry (who, when, why)
to Wagtail's log, shown in the venue's history in the admin.
"""

import datetime
import hashlib
import logging
import secrets
import uuid
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from accounts import emails
from accounts.audit import record
from accounts.models import JobRole, User

from . import selectors
from .geocoding import GeocodingError, get_geocoder, normalise_postcode
from .models import (
    ACTIVE_STATUSES,
    ChangeStatus,
    Venue,
    VenueChange,
    VenueHours,
    VenueMembership,
    VenueRole,
    VenueStatus,
)

logger = logging.getLogger("safecity.safeplaces")

INVITATION_DAYS = 14
CLAIM_DAYS = 14
# Invitations one venue may send in an hour, shared by all its contacts: enough for a team,
# too few to use the venue as a spam relay. Venues under review (which need to invite staff
# to be trained before approval) and approved, suspended or lapsed venues get the same limit;
# submitted and rejected venues, and venues whose contact has not confirmed their address,
# cannot invite at all.
INVITES_PER_HOUR = 10
GEOCODE_ATTEMPTS = 10

# Which status each change may start from. LAPSED and REJECTED need a reason.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    VenueStatus.UNDER_REVIEW: (VenueStatus.SUBMITTED, VenueStatus.LAPSED),
    VenueStatus.APPROVED: (VenueStatus.UNDER_REVIEW, VenueStatus.SUSPENDED, VenueStatus.LAPSED),
    VenueStatus.REJECTED: (VenueStatus.SUBMITTED, VenueStatus.UNDER_REVIEW),
    VenueStatus.SUSPENDED: (VenueStatus.APPROVED,),
    VenueStatus.LAPSED: (VenueStatus.APPROVED, VenueStatus.SUSPENDED),
}
NEEDS_REASON = {VenueStatus.REJECTED, VenueStatus.SUSPENDED, VenueStatus.LAPSED}
ACTION_NAMES = {
    VenueStatus.UNDER_REVIEW: "network.venue.review",
    VenueStatus.APPROVED: "network.venue.approve",
    VenueStatus.REJECTED: "network.venue.reject",
    VenueStatus.SUSPENDED: "network.venue.suspend",
    VenueStatus.LAPSED: "network.venue.lapse",
}


class DuplicateApplication(Exception):
    """An application for this address is already open or listed."""


class TransitionRefused(ValidationError):
    """The change cannot be made: the message says why, in words for the officer."""


class WrongAddress(ValidationError):
    """The person is not signed in with the verified address a link was sent to.

    ``unverified`` is True when the address is theirs but not yet confirmed (or not their
    main address); False when they are signed in as somebody else.
    """

    def __init__(self, message, *, unverified: bool = False):
        super().__init__(message)
        self.unverified = unverified


def _check_address(user, email: str) -> None:
    problem = selectors.address_problem(user, email)
    if problem == "different":
        raise WrongAddress("This link is for a different email address.")
    if problem == "unverified":
        raise WrongAddress("Confirm your email address first.", unverified=True)


def address_key(address_line_1: str, postcode: str) -> str:
    """What makes two applications the same place: first address line and postcode."""
    line = " ".join(
        "".join(ch for ch in address_line_1.lower() if ch.isalnum() or ch == " ").split()
    )
    return f"{line}|{(normalise_postcode(postcode) or postcode).upper()}"


def _unique_slug(name: str, town: str) -> str:
    base = slugify(f"{name} {town}")[:150] or "venue"
    slug, n = base, 2
    while Venue.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _site_url(path: str) -> str:
    """An absolute link for an email: SITE_URL, never the request's host."""
    from config.site_url import absolute

    return absolute(path)


def _email(to: str, subject: str, template: str, context: dict) -> None:
    """Send one plain-text email. Network emails carry fixed wording, generated references
    and links only: never anything an applicant, contact or officer typed."""
    body = render_to_string(f"network/email/{template}.txt", context)
    emails.queue([to], emails.subject_line(subject), body)


# --- Applications ---------------------------------------------------------------------------


@dataclass
class Application:
    venue: Venue
    created: bool  # False when this was a repeat of a submission already received


def submit_application(
    details: dict, hours: list[dict], submission_id: uuid.UUID, now=None
) -> Application:
    """Record an application and its opening hours, and email the contact address a link.

    Nothing is attached to any account, and no account is made: the address given is only
    sent a one-time link (see :func:`claim_venue`). ``details`` holds the Venue fields;
    ``hours`` one dict per weekday (weekday, closed, opens, closes, overnight). Submitting
    the same form twice (same ``submission_id``) returns the first venue. Raises
    ``DuplicateApplication`` when the address already has an open or listed application.
    """
    now = now or timezone.now()
    repeat = Venue.objects.filter(submission_id=submission_id).first()
    if repeat is not None:
        return Application(repeat, created=False)
    details = dict(details)
    details["postcode"] = normalise_postcode(details["postcode"]) or details["postcode"]
    key = address_key(details["address_line_1"], details["postcode"])
    if Venue.objects.filter(address_key=key, status__in=ACTIVE_STATUSES).exists():
        raise DuplicateApplication(key)
    token = secrets.token_urlsafe(32)
    try:
        with transaction.atomic():
            venue = Venue.objects.create(
                **details,
                slug=_unique_slug(details["name"], details["town"]),
                address_key=key,
                submission_id=submission_id,
                status=VenueStatus.SUBMITTED,
                submitted_at=now,
                claim_token_hash=_token_hash(token),
                claim_sent_at=now,
            )
            VenueHours.objects.bulk_create(VenueHours(venue=venue, **day) for day in hours)
            log(venue, "wagtail.create", user=None, data={"source": "public application"})
    except IntegrityError as error:
        repeat = Venue.objects.filter(submission_id=submission_id).first()
        if repeat is not None:
            return Application(repeat, created=False)
        raise DuplicateApplication(key) from error
    transaction.on_commit(lambda: _after_application(venue.pk, token))
    return Application(venue, created=True)


def _after_application(venue_id: int, token: str) -> None:
    from .tasks import geocode_venue_task

    venue = Venue.objects.get(pk=venue_id)
    _email(
        venue.contact_email,
        "confirm your email address for a Safe Places application",
        "application_received",
        {
            "reference": venue.reference,
            "claim_url": _site_url(reverse("network:claim", args=[token])),
            "days": CLAIM_DAYS,
        },
    )
    officer_email = selectors.scheme_settings().officer_email
    if officer_email:
        _email(
            officer_email,
            "new Safe Places application",
            "officer_new_application",
            {"venue": venue, "admin_url": _site_url(reverse("venues:edit", args=[venue.pk]))},
        )
    geocode_venue_task.enqueue(venue_id)


def claimable(token: str, now=None) -> Venue | None:
    """The venue whose unused, unexpired claim link this is, or None."""
    now = now or timezone.now()
    if not token:
        return None
    return Venue.objects.filter(
        claim_token_hash=_token_hash(token),
        claim_sent_at__gte=now - datetime.timedelta(days=CLAIM_DAYS),
    ).first()


def claim_venue(token: str, user, now=None) -> Venue:
    """Make ``user`` the venue's contact, if they are signed in with the verified address the
    claim link was sent to. The link then stops working.

    Raises ``WrongAddress`` (nothing attached) for anyone else, and ``ValidationError`` when
    the link has expired or has been used.
    """
    now = now or timezone.now()
    with transaction.atomic():
        venue = (
            Venue.objects.select_for_update()
            .filter(
                claim_token_hash=_token_hash(token or ""),
                claim_sent_at__gte=now - datetime.timedelta(days=CLAIM_DAYS),
            )
            .first()
        )
        if venue is None:
            raise ValidationError("This link has expired or has already been used.")
        _check_address(user, venue.contact_email)
        VenueMembership.objects.update_or_create(
            venue=venue, user=user, defaults={"role": VenueRole.CONTACT, "joined_at": now}
        )
        Venue.objects.filter(pk=venue.pk).update(claim_token_hash="")
        log(venue, "network.venue.claim", user=user, data={}, timestamp=now)
        record("venue.claimed", actor=user, target=venue, summary="Contact confirmed by email")
    if not user.job_role:
        User.objects.filter(pk=user.pk).update(job_role=JobRole.VENUE_STAFF)
    venue.refresh_from_db()
    return venue


# --- Geocoding ------------------------------------------------------------------------------


def geocode_venue(venue_id: int) -> bool:
    """Find the venue's map point from its postcode. False (and a count) when it fails.

    A pin an officer has set is never overwritten.
    """
    venue = Venue.objects.get(pk=venue_id)
    if venue.located_by == "officer":
        return True
    try:
        point = get_geocoder().postcode(venue.postcode)
    except GeocodingError as error:
        logger.warning("Geocoding venue %s failed: %s", venue.pk, error)
        point = None
    if point is None:
        Venue.objects.filter(pk=venue.pk).update(geocode_failures=venue.geocode_failures + 1)
        return False
    Venue.objects.filter(pk=venue.pk).exclude(located_by="officer").update(
        latitude=point.latitude, longitude=point.longitude, located_by="geocoder"
    )
    return True


def retry_geocoding() -> int:
    """Try again for every unlocated venue that is still in the scheme. Returns successes."""
    pending = Venue.objects.filter(
        latitude__isnull=True, geocode_failures__lt=GEOCODE_ATTEMPTS, status__in=ACTIVE_STATUSES
    ).values_list("pk", flat=True)
    return sum(geocode_venue(pk) for pk in list(pending))


def set_location(venue: Venue, latitude, longitude, by) -> None:
    """An officer corrects the pin; the geocoder will not move it again."""
    Venue.objects.filter(pk=venue.pk).update(
        latitude=latitude, longitude=longitude, located_by="officer"
    )
    log(venue, "network.venue.pin", user=by, data={})


# --- Review ---------------------------------------------------------------------------------


def approval_problems(venue: Venue, now=None) -> list[str]:
    """Why the venue cannot be approved now (empty when it can)."""
    problems = []
    if not selectors.has_claimed_contact(venue):
        problems.append(
            "The contact has not confirmed their email address yet, so nobody can manage the "
            "venue or invite its staff. They need to follow the link we emailed them."
        )
    config = selectors.scheme_settings()
    if config.module_id is None:
        problems.append(
            "Choose the Safe Places training module in Settings → Safe Places settings."
        )
        return problems
    trained = selectors.trained_count(venue, now=now)
    needed = config.minimum_trained_staff
    if trained < needed:
        people = "member of staff" if needed == 1 else "members of staff"
        problems.append(
            f"At least {needed} {people} must hold an in-date certificate for "
            f"‘{config.module.title}’. {trained} currently do{'es' if trained == 1 else ''}."
        )
    return problems


def transition(venue: Venue, to_status: str, by=None, reason: str = "", now=None) -> Venue:
    """Move a venue to ``to_status``. Raises ``TransitionRefused`` with the reason if not allowed.

    Runs under a row lock, so two officers (or an officer and the daily job) acting at once
    make the change once; the second sees the new status and is refused.
    """
    now = now or timezone.now()
    to_status = VenueStatus(to_status)
    reason = (reason or "").strip()
    with transaction.atomic():
        locked = Venue.objects.select_for_update().get(pk=venue.pk)
        if locked.status not in TRANSITIONS[to_status]:
            raise TransitionRefused(
                f"This venue is {locked.get_status_display().lower()}, so it cannot be "
                f"changed to {VenueStatus(to_status).label.lower()}."
            )
        if to_status in NEEDS_REASON and not reason:
            raise TransitionRefused("Give a reason. The venue's contact is told it.")
        if to_status == VenueStatus.APPROVED:
            problems = approval_problems(locked, now=now)
            if problems:
                raise TransitionRefused(problems)
        from_status = locked.status
        locked.status = to_status
        locked.status_reason = reason if to_status in NEEDS_REASON else ""
        fields = ["status", "status_reason"]
        if to_status == VenueStatus.APPROVED:
            today = timezone.localdate(now)
            if locked.approved_at is None:
                locked.approved_at = now
            if locked.next_check_due is None or locked.next_check_due <= today:
                locked.next_check_due = selectors.next_check_date(today)
                locked.check_reminded_30_at = locked.check_reminded_due_at = None
            fields += ["approved_at", "next_check_due", "check_reminded_30_at"]
            fields += ["check_reminded_due_at"]
        locked.save(update_fields=fields)
        log(
            locked,
            ACTION_NAMES[to_status],
            user=by,
            data={"from": from_status, "to": str(to_status), "reason": reason},
        )
        record(
            f"venue.{to_status.value}",
            actor=by,
            target=locked,
            summary=f"{VenueStatus(from_status).label} to {to_status.label}",
        )
        transaction.on_commit(lambda: _tell_contact(locked.pk, to_status))
    venue.refresh_from_db()
    return venue


def _tell_contact(venue_id: int, to_status: str) -> None:
    """Email the venue's contacts, at their accounts' addresses, that its status changed.

    The officer's reason is shown on the signed-in venue page, not in the email. A venue
    whose contact never confirmed their address is not emailed.
    """
    if to_status == VenueStatus.UNDER_REVIEW:
        return
    venue = Venue.objects.get(pk=venue_id)
    subjects = {
        VenueStatus.APPROVED: "your venue is now a Safe Place",
        VenueStatus.REJECTED: "a decision on your Safe Places application",
        VenueStatus.SUSPENDED: "your Safe Places listing is suspended",
        VenueStatus.LAPSED: "your Safe Places listing has lapsed",
    }
    context = {
        "reference": venue.reference,
        "manage_url": _site_url(reverse("network:manage_venue", args=[venue.pk])),
    }
    for address in selectors.contact_emails(venue):
        _email(address, subjects[to_status], f"status_{to_status}", context)


def add_note(venue: Venue, by, text: str) -> None:
    text = (text or "").strip()
    if not text:
        raise ValidationError("Write a note.")
    log(venue, "network.venue.note", user=by, data={"note": text})


# --- Staff ----------------------------------------------------------------------------------


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class TooManyInvitations(ValidationError):
    """The venue has sent ``INVITES_PER_HOUR`` invitations in the last hour."""


def invite_problem(venue: Venue) -> str | None:
    """Why this venue cannot invite staff at all (None when it can)."""
    if venue.status == VenueStatus.REJECTED:
        return "You cannot invite staff to a rejected application."
    if venue.status == VenueStatus.SUBMITTED:
        return (
            "You can invite staff once a Safe Places officer has started reviewing your "
            "application."
        )
    if not selectors.has_claimed_contact(venue):
        return "Staff can be invited once the venue's contact has confirmed their email address."
    return None


def invite_staff(venue: Venue, email: str, by, now=None) -> VenueMembership:
    """Invite someone by email to join the venue's staff and take the training.

    Inviting the same address again sends a fresh link (the old one stops working). Only
    reviewed venues with a confirmed contact may invite, at most ``INVITES_PER_HOUR`` an
    hour per venue (counted from the venue's history, under its row lock).
    """
    now = now or timezone.now()
    problem = invite_problem(venue)
    if problem:
        raise ValidationError(problem)
    email = User.objects.normalize_email(email.strip()).lower()
    if VenueMembership.objects.filter(venue=venue, user__email__iexact=email).exists():
        raise ValidationError(f"{email} is already on this venue's staff list.")
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        locked = Venue.objects.select_for_update().get(pk=venue.pk)
        sent = (
            ModelLogEntry.objects.for_instance(locked)
            .filter(
                action="network.venue.invite",
                timestamp__gt=now - datetime.timedelta(hours=1),
            )
            .count()
        )
        if sent >= INVITES_PER_HOUR:
            raise TooManyInvitations(
                f"Your venue has sent {INVITES_PER_HOUR} invitations in the last hour. "
                "Try again later."
            )
        membership, _ = VenueMembership.objects.update_or_create(
            venue=venue,
            invited_email=email,
            user=None,
            defaults={"token_hash": _token_hash(token), "invited_at": now},
        )
        log(locked, "network.venue.invite", user=by, data={}, timestamp=now)
    link = _site_url(reverse("network:join", args=[token]))
    transaction.on_commit(
        lambda: _email(
            email,
            "you are invited to train as Safe Places staff",
            "staff_invitation",
            {"link": link, "days": INVITATION_DAYS},
        )
    )
    return membership


def invitation(token: str, now=None) -> VenueMembership | None:
    """The open, unexpired invitation for this token, or None."""
    now = now or timezone.now()
    return (
        VenueMembership.objects.select_related("venue")
        .filter(
            token_hash=_token_hash(token),
            user__isnull=True,
            invited_at__gte=now - datetime.timedelta(days=INVITATION_DAYS),
        )
        .first()
    )


def accept_invitation(token: str, user, now=None) -> VenueMembership:
    """Link the signed-in person to the venue, if they are signed in with the verified address
    the invitation was sent to (``WrongAddress`` otherwise, and nothing is attached)."""
    now = now or timezone.now()
    with transaction.atomic():
        pending = invitation(token, now)
        if pending is None:
            raise ValidationError("This invitation has expired or has already been used.")
        _check_address(user, pending.invited_email)
        existing = VenueMembership.objects.filter(venue=pending.venue, user=user).first()
        if existing is not None:
            pending.delete()
            return existing
        updated = VenueMembership.objects.filter(pk=pending.pk, user__isnull=True).update(
            user=user, joined_at=now, token_hash=""
        )
        if not updated:
            raise ValidationError("This invitation has already been used.")
    if not user.job_role:
        User.objects.filter(pk=user.pk).update(job_role=JobRole.VENUE_STAFF)
    pending.refresh_from_db()
    return pending


def remove_member(membership: VenueMembership, by) -> None:
    if membership.role == VenueRole.CONTACT:
        raise ValidationError("The venue's contact cannot be removed here. Ask an officer.")
    log(membership.venue, "network.venue.remove_member", user=by, data={})
    membership.delete()


# --- Listing changes ------------------------------------------------------------------------

NOTHING_CHANGED = "You have not changed anything. Change a detail, or go back to your venue."
NOTHING_WAITING = "No changes are waiting for review for this venue."


class NothingChanged(ValidationError):
    """The proposed listing is the same as the listing now."""


def _hours_json(hours: list[dict]) -> list[dict]:
    return [
        {
            "weekday": int(row["weekday"]),
            "closed": bool(row["closed"]),
            "all_day": bool(row.get("all_day")),
            "opens": row["opens"].strftime("%H:%M") if row.get("opens") else None,
            "closes": row["closes"].strftime("%H:%M") if row.get("closes") else None,
            "overnight": bool(row.get("overnight")),
        }
        for row in sorted(hours, key=lambda row: row["weekday"])
    ]


def propose_listing_change(venue: Venue, details: dict, hours: list[dict], by, now=None):
    """The venue's contact asks to change its public listing. Nothing public changes until an
    officer approves (:func:`approve_listing_change`); a change already waiting is replaced.

    ``details`` holds ``selectors.LISTING_FIELDS``; ``hours`` one row per weekday. Raises
    ``ValidationError`` when nothing differs from the listing as it is now.
    """
    now = now or timezone.now()
    fields = [field for field, _ in selectors.LISTING_FIELDS]
    proposed = {field: details[field] for field in fields}
    proposed["hours"] = _hours_json(hours)
    with transaction.atomic():
        locked = Venue.objects.select_for_update().get(pk=venue.pk)
        current = selectors.listing_details(locked)
        current["hours"] = _hours_json(selectors.listing_hours(locked))
        if proposed == current:
            raise NothingChanged(NOTHING_CHANGED)
        change = VenueChange.objects.filter(venue=locked, status=ChangeStatus.PENDING).first()
        if change is None:
            change = VenueChange(venue=locked)
        change.proposed, change.submitted_by, change.submitted_at = proposed, by, now
        change.save()
        log(locked, "network.venue.change", user=by, data={}, timestamp=now)
        record(
            "venue.change_proposed",
            actor=by,
            target=locked,
            summary="Listing change sent for review",
        )
    return change


def _decide(venue: Venue, by, approve: bool, reason: str = "", now=None) -> VenueChange:
    now = now or timezone.now()
    reason = (reason or "").strip()
    if not approve and not reason:
        raise ValidationError("Give a reason. The venue's contact is told it.")
    with transaction.atomic():
        locked = Venue.objects.select_for_update().get(pk=venue.pk)
        change = (
            VenueChange.objects.select_for_update()
            .filter(venue=locked, status=ChangeStatus.PENDING)
            .first()
        )
        if change is None:
            raise ValidationError(NOTHING_WAITING)
        if approve:
            proposed = change.proposed
            for field, _ in selectors.LISTING_FIELDS:
                setattr(locked, field, proposed[field])
            locked.save(update_fields=[field for field, _ in selectors.LISTING_FIELDS])
            locked.hours.all().delete()
            VenueHours.objects.bulk_create(
                VenueHours(venue=locked, **row)
                for row in selectors.hours_from_json(proposed["hours"])
            )
        change.status = ChangeStatus.APPROVED if approve else ChangeStatus.REJECTED
        change.decided_by, change.decided_at = by, now
        change.reason = "" if approve else reason
        change.save()
        action = "approve_change" if approve else "reject_change"
        log(locked, f"network.venue.{action}", user=by, data={"reason": reason}, timestamp=now)
        record(
            "venue.change_approved" if approve else "venue.change_rejected",
            actor=by,
            target=locked,
            summary="Listing change approved" if approve else "Listing change not accepted",
        )
    venue.refresh_from_db()
    return change


def approve_listing_change(venue: Venue, by, note: str = "", now=None) -> VenueChange:
    """The officer accepts the waiting change: the listing shows the new values at once."""
    return _decide(venue, by, approve=True, reason=note, now=now)


def reject_listing_change(venue: Venue, by, reason: str, now=None) -> VenueChange:
    """The officer refuses the waiting change, with a reason shown to the venue's contact."""
    return _decide(venue, by, approve=False, reason=reason, now=now)


# --- Annual check ---------------------------------------------------------------------------


def confirm_details(venue: Venue, by, changes: str = "", now=None) -> Venue:
    """The venue's contact confirms its details are still right: the next check is a year on.

    Changes they describe are logged for an officer to act on. A venue that lapsed for want
    of this check goes back to "under review" for an officer to approve again.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    with transaction.atomic():
        locked = Venue.objects.select_for_update().get(pk=venue.pk)
        Venue.objects.filter(pk=locked.pk).update(
            last_confirmed_at=now,
            next_check_due=selectors.next_check_date(today),
            check_reminded_30_at=None,
            check_reminded_due_at=None,
        )
        log(locked, "network.venue.confirm", user=by, data={"changes": changes.strip()})
    if locked.status == VenueStatus.LAPSED:
        transition(locked, VenueStatus.UNDER_REVIEW, by=by, now=now)
    venue.refresh_from_db()
    return venue


def send_check_reminders(now=None) -> int:
    """Email the contact 30 days before the annual check and on the day, once each."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    sent = 0
    with transaction.atomic():
        due = (
            selectors.reminders_due(today)
            .select_for_update(skip_locked=True)
            .order_by("next_check_due")
        )
        for venue in due:
            on_the_day = venue.next_check_due <= today
            context = {
                "reference": venue.reference,
                "due": venue.next_check_due,
                "on_the_day": on_the_day,
                "manage_url": _site_url(reverse("network:check", args=[venue.pk])),
            }
            addresses = selectors.contact_emails(venue)
            for address in addresses:
                _email(
                    address, "please confirm your Safe Places details", "check_reminder", context
                )
            updates = {"check_reminded_30_at": venue.check_reminded_30_at or now}
            if on_the_day:
                updates["check_reminded_due_at"] = now
            Venue.objects.filter(pk=venue.pk).update(**updates)
            sent += 1 if addresses else 0
    return sent


def lapse_venues(now=None) -> list[Venue]:
    """Lapse approved venues whose check is overdue or whose staff training has run out."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    lapsed = []
    for venue in selectors.overdue_checks(today):
        reason = (
            f"The annual check was due on {venue.next_check_due:%-d %B %Y} and was not confirmed."
        )
        lapsed.append(_lapse(venue, reason, now))
    minimum = selectors.scheme_settings().minimum_trained_staff
    for venue in selectors.undertrained_listed(minimum, now=now):
        reason = "No longer enough staff hold an in-date certificate for the Safe Places module."
        lapsed.append(_lapse(venue, reason, now))
    return [venue for venue in lapsed if venue is not None]


def _lapse(venue: Venue, reason: str, now) -> Venue | None:
    try:
        return transition(venue, VenueStatus.LAPSED, by=None, reason=reason, now=now)
    except TransitionRefused:  # changed by someone else meanwhile
        return None


def run_daily(now=None) -> dict[str, int]:
    """Reminders, lapsing and geocoding retries: what the daily task does."""
    return {
        "reminders": send_check_reminders(now),
        "lapsed": len(lapse_venues(now)),
        "located": retry_geocoding(),
    }
