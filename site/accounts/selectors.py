"""Reading accounts: who counts for an agency, and whose membership awaits confirmation.

Someone counts for an agency (coverage figures, charts, drill-downs, exports, the Board
report) only when both hold:

- their email address is verified (allauth's ``EmailAddress`` for the account's email,
  ``verified=True``), so the account belongs to whoever reads that mailbox;
- their membership of the agency is confirmed (``User.agency_confirmed_at``): by a verified
  email at a domain registered to the agency, by the agency's lead or the coordinator, or by
  the coordinator's staff-list import or edit in Admin → Learners.
"""

from allauth.account.models import EmailAddress
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, F, OuterRef, Q, QuerySet

from .models import User
from .privacy import ERASED_DOMAIN


def verified_email() -> Exists:
    """True for users whose own email address is verified."""
    return Exists(
        EmailAddress.objects.filter(user=OuterRef("pk"), email=OuterRef("email"), verified=True)
    )


def counted_members(*, past: bool = False) -> QuerySet[User]:
    """People who count for their agency today: active, verified and confirmed.

    ``past=True`` is for figures about what already happened (people trained per quarter,
    in a period, sectors engaged): people since deactivated still count, and so do erased
    accounts, whose email record is deleted on erasure but whose training stays on the
    record (see ``accounts.privacy.erase_user``).
    """
    members = User.objects.filter(agency__isnull=False, agency_confirmed_at__isnull=False)
    if past:
        return members.filter(Q(verified_email()) | Q(email__endswith="@" + ERASED_DOMAIN))
    # A join (the person's own address only, so one row each) runs faster than EXISTS.
    return members.filter(
        emailaddress__verified=True, emailaddress__email=F("email"), is_active=True
    )


def counted_q(relation: str, *, past: bool = False) -> Q:
    """``counted_members`` as a filter on a model that links to the user through
    ``relation`` (``"user"`` for certificates, enrolments…), written as joins, which
    databases run much faster than ``user__in=<subquery>`` over large tables.

    The join to the person's email addresses matches only their own address (one row), so
    it never duplicates rows.
    """
    p = f"{relation}__"
    verified = Q(**{f"{p}emailaddress__verified": True, f"{p}emailaddress__email": F(f"{p}email")})
    member = Q(**{f"{p}agency__isnull": False, f"{p}agency_confirmed_at__isnull": False})
    if past:
        return member & (verified | Q(**{f"{p}email__endswith": "@" + ERASED_DOMAIN}))
    return member & verified & Q(**{f"{p}is_active": True})


def confirmation_scope(viewer) -> frozenset[int] | None:
    """The agencies whose members ``viewer`` may confirm (None: every agency).

    The coordinator (and administrators) confirm for every agency, an agency lead for their
    own; anyone else is refused.
    """
    if viewer.has_perm("accounts.manage_learners"):
        return None
    if viewer.has_perm("courses.view_own_agency_coverage") and viewer.agency_id:
        return frozenset({viewer.agency_id})
    raise PermissionDenied("You cannot confirm agency members.")


def awaiting_confirmation(viewer, agency_id: int | None = None) -> QuerySet[User]:
    """Active members of the agencies ``viewer`` may confirm, not yet confirmed."""
    scope = confirmation_scope(viewer)
    people = User.objects.filter(
        agency__isnull=False, agency_confirmed_at__isnull=True, is_active=True
    )
    if scope is not None:
        people = people.filter(agency_id__in=scope)
    if agency_id is not None:
        people = people.filter(agency_id=agency_id)
    return people.select_related("agency").annotate(email_verified=verified_email())


def awaiting_count(viewer) -> int | None:
    """How many members ``viewer`` could confirm now; None if they cannot confirm anyone."""
    try:
        return awaiting_confirmation(viewer).count()
    except PermissionDenied:
        return None
