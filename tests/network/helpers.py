"""Small helpers shared by the Safe Places tests."""

from django.utils import timezone

from network.models import VenueMembership, VenueRole


def add_contact(venue, user=None):
    """Make ``user`` (by default a new account at the venue's contact address) the venue's
    contact, as following the claim link does."""
    from accounts.factories import UserFactory

    user = user or UserFactory(email=venue.contact_email)
    VenueMembership.objects.create(
        venue=venue, user=user, role=VenueRole.CONTACT, joined_at=timezone.now()
    )
    return user
