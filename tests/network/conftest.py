import pytest

from accounts.roles import Role
from network.factories import VenueFactory, VenueMembershipFactory, certify, configure_scheme

from .helpers import add_contact


@pytest.fixture
def scheme(module):
    """The Safe Places scheme with ``module`` as its training module (one trained person needed)."""
    return configure_scheme(module, minimum=1)


@pytest.fixture
def officer(user_with_role):
    return user_with_role(Role.SAFE_PLACES_OFFICER, full_name="Olu Officer")


@pytest.fixture
def trained_staff(scheme):
    """Add a member of staff holding an in-date Safe Places certificate to a venue."""

    def add(venue, **kwargs):
        membership = VenueMembershipFactory(venue=venue, **kwargs)
        certify(membership.user, scheme.module)
        return membership

    return add


@pytest.fixture
def pending_venue():
    """A venue under review whose contact has confirmed their address."""
    venue = VenueFactory(status="under_review", approved_at=None, next_check_due=None)
    add_contact(venue)
    return venue
