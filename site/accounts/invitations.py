"""Emailed links carried through sign-up.

Following a link emailed to an address proves the reader holds that mailbox, just as
allauth's own confirmation link would. So a person who opens one signed out and chooses
"Create an account" finds the address filled in, and it counts as confirmed: allauth's
``stash_verified_email`` (its mechanism for invitations) marks it verified when the account
is created with exactly that address, and no second confirmation email is sent.
"""

from allauth.account.adapter import get_adapter

VERIFIED_EMAIL_KEY = "account_verified_email"  # allauth's session key
VENUE_STAFF_KEY = "accounts_signup_venue_staff"


def carry_to_signup(request, email: str, *, venue_staff: bool = False) -> None:
    """Offer ``email`` to this browser's sign-up, confirmed. ``venue_staff``: the link was
    a Safe Places venue's staff invitation, so sign-up does not ask for a partner agency."""
    get_adapter(request).stash_verified_email(request, email)
    if venue_staff:
        request.session[VENUE_STAFF_KEY] = email.lower()
    else:
        request.session.pop(VENUE_STAFF_KEY, None)


def carried_email(request) -> str | None:
    return request.session.get(VERIFIED_EMAIL_KEY) or None


def signup_is_for_venue_staff(request) -> bool:
    """True while the address carried to sign-up came from a venue staff invitation
    (allauth clears the carried address once an account is created)."""
    email = carried_email(request)
    return bool(email) and request.session.get(VENUE_STAFF_KEY) == email.lower()


def drop_unless(request, email: str) -> None:
    """Someone who typed a different address than the link's gets the usual confirmation
    email for the address they typed; the link's address is not added to their account."""
    carried = carried_email(request)
    if carried and carried.lower() != (email or "").strip().lower():
        request.session[VERIFIED_EMAIL_KEY] = None
        request.session.pop(VENUE_STAFF_KEY, None)
