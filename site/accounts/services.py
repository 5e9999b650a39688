"""Writing accounts: registration details, roles, staff lists."""

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.db import transaction

from network.models import Agency
from network.selectors import agency_for_email

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
    user.full_name = " ".join(full_name.split())
    user.job_role = job_role
    user.agency = agency


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
    staff: StaffFile, agency: Agency, headcount: int | None = None
) -> StaffImportResult:
    """Pre-register every row as a learner of the agency, or nobody at all.

    People are created without a password and with their email unverified: they activate
    the account themselves by resetting their password from their work email.
    """
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
    if headcount is not None:
        Agency.objects.filter(pk=agency.pk).update(headcount=headcount)
    return StaffImportResult(created=created, already_registered=len(staff.rows) - created)
