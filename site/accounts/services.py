"""Writing accounts: registration details, roles, staff lists."""

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import get_active_log_context

from network.models import Agency
from network.selectors import agency_for_email

from . import audit
from .models import User
from .roles import Role
from .staff_import import StaffFile

NOT_LISTED = "not_listed"


def resolve_signup_agency(email: str, chosen: str | None) -> Agency | None:
    """The agency a new account joins.

    A registered email domain decides; otherwise the person's own choice from the list;
    "not listed" (or nothing) leaves it empty for the coordinator to fix later.
    """
    inferred = agency_for_email(email)
    if inferred is not None:
        return inferred
    if chosen and chosen != NOT_LISTED:
        return Agency.objects.filter(pk=chosen, is_active=True).first()
    return None


def fill_signup_profile(user: User, *, full_name: str, job_role: str, agency: Agency | None):
    """The new account's details. Its agency starts unconfirmed, whichever way it was found:
    a domain match is confirmed when the email is verified (``confirm_agency_by_domain``),
    a choice from the list by the agency's lead or the coordinator."""
    user.full_name = " ".join(full_name.split())
    user.job_role = job_role
    user.agency = agency
    user.agency_confirmed_at = None
    user.agency_confirmed_by = None


# --- Who counts for an agency ---------------------------------------------------------------


def confirm_agency_by_domain(user: User) -> bool:
    """Confirm the person's agency if their (verified) email is at a domain registered to it.

    Called when an email address is verified: a mailbox at the agency's domain is proof
    that they work there. Returns whether it was confirmed now.
    """
    if user.agency_id is None or user.agency_confirmed_at is not None:
        return False
    matched = agency_for_email(user.email)
    if matched is None or matched.pk != user.agency_id:
        return False
    now = timezone.now()
    updated = User.objects.filter(
        pk=user.pk, agency_id=user.agency_id, agency_confirmed_at__isnull=True
    ).update(agency_confirmed_at=now, agency_confirmed_by=None)
    if updated:
        user.agency_confirmed_at, user.agency_confirmed_by = now, None
        user._remember_agency()
    return bool(updated)


@transaction.atomic
def confirm_agency_members(people, *, by: User) -> int:
    """Confirm that each person works for the agency they chose (one audit entry each).

    Callers check that ``by`` may confirm for these agencies (``accounts.selectors``).
    Someone whose agency changed meanwhile, or already confirmed, is left alone.
    """
    now = timezone.now()
    confirmed = 0
    for person in people:
        updated = User.objects.filter(
            pk=person.pk, agency_id=person.agency_id, agency_confirmed_at__isnull=True
        ).update(agency_confirmed_at=now, agency_confirmed_by=by)
        if updated:
            confirmed += 1
            audit.record(
                "agency.confirmed",
                actor=by,
                target=person,
                summary=f"Agency membership confirmed (agency {person.agency_id})",
            )
    return confirmed


@transaction.atomic
def decline_agency_member(person: User, *, by: User) -> bool:
    """Not in this agency: the agency is removed and the person shows as not listed."""
    agency_id = person.agency_id
    updated = User.objects.filter(pk=person.pk, agency_id=agency_id).update(
        agency=None, agency_confirmed_at=None, agency_confirmed_by=None
    )
    if updated:
        audit.record(
            "agency.declined",
            actor=by,
            target=person,
            summary=f"Agency membership declined (agency {agency_id} removed)",
        )
    return bool(updated)


def set_agency_by_coordinator(user: User, agency: Agency | None, *, by: User | None) -> None:
    """The coordinator (or an administrator) puts someone in an agency: that confirms it.

    Sets the fields; the caller saves.
    """
    user.agency = agency
    if agency is None:
        user.agency_confirmed_at = user.agency_confirmed_by = None
    else:
        user.agency_confirmed_at = timezone.now()
        user.agency_confirmed_by = by if getattr(by, "pk", None) else None


def _admin_user() -> User | None:
    """The person acting in the Wagtail admin, when this runs inside an admin request."""
    user = get_active_log_context().user
    return user if getattr(user, "pk", None) else None


@transaction.atomic
def add_role(user: User, role: Role) -> None:
    group, _ = Group.objects.get_or_create(name=role.value)
    user.groups.add(group)


def preregister(email: str, *, full_name: str, job_role: str, agency: Agency | None = None) -> User:
    """A learner account without a password and with the email unverified.

    The person activates it by resetting their password from that email address, which
    proves they own it.
    """
    user = User.objects.create_user(
        email=email, password=None, full_name=full_name, job_role=job_role, agency=agency
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)
    add_role(user, Role.LEARNER)
    return user


@dataclass
class StaffImportResult:
    created: int
    already_registered: int


class StaffImportRejected(Exception):
    def __init__(self, errors: list[tuple[int, str]]):
        super().__init__(f"{len(errors)} problems")
        self.errors = errors


def check_staff_against_accounts(staff: StaffFile, agency: Agency) -> list[tuple[int, str]]:
    """Rows whose email already belongs to someone in another agency."""
    emails = {row.email: row.line for row in staff.rows}
    clashes = (
        User.objects.filter(email__in=emails)
        .exclude(agency=agency)
        .exclude(agency__isnull=True)
        .values_list("email", flat=True)
    )
    return sorted(
        (emails[email], f"{email} is already registered with another agency.") for email in clashes
    )


@transaction.atomic
def import_staff(
    staff: StaffFile, agency: Agency, headcount: int | None = None, *, by: User | None = None
) -> StaffImportResult:
    """Pre-register every row as a learner of the agency, or nobody at all.

    People are created without a password and with their email unverified: they activate
    the account themselves by resetting their password from their work email. Everyone on
    the list who is (now) in the agency has their membership confirmed by ``by`` (by default
    whoever is acting in the Wagtail admin): the coordinator's list is the proof. They count
    in coverage once their email is verified.
    """
    by = by or _admin_user()
    errors = staff.errors or check_staff_against_accounts(staff, agency)
    if errors or not staff.rows:
        raise StaffImportRejected(errors)
    existing = {
        user.email: user
        for user in User.objects.filter(email__in=[row.email for row in staff.rows])
    }
    created = 0
    for row in staff.rows:
        user = existing.get(row.email)
        if user is None:
            preregister(row.email, full_name=row.name, job_role=row.job_role, agency=agency)
            created += 1
        elif user.agency_id is None:
            user.agency = agency
            user.save(update_fields=["agency"])
    User.objects.filter(
        email__in=[row.email for row in staff.rows], agency=agency, agency_confirmed_at__isnull=True
    ).update(agency_confirmed_at=timezone.now(), agency_confirmed_by=by)
    if headcount is not None:
        Agency.objects.filter(pk=agency.pk).update(headcount=headcount)
    return StaffImportResult(created=created, already_registered=len(staff.rows) - created)
