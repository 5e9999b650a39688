"""Writing accounts: registration details, roles."""

from django.contrib.auth.models import Group
from django.db import transaction

from network.models import Agency
from network.selectors import agency_for_email

from .models import User
from .roles import Role

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
