"""The Safe Places approval gate at its boundaries (issue 19): which certificates count as
Safe Places training. Revoked, replaced, lapsed (from the midnight after the printed date)
and inactive people do not.

Each test was checked by putting the fault back into the code by hand and watching it fail.
"""

import datetime

import pytest
from django.utils import timezone

from accounts.roles import Role
from certificates.models import Certificate
from certificates.services import reissue_certificate, revoke_certificate
from network import selectors, services
from network.factories import VenueMembershipFactory, certify
from network.models import VenueStatus

pytestmark = pytest.mark.django_db

SECOND = datetime.timedelta(seconds=1)


def counts(venue, now=None) -> tuple[int, int]:
    """The venue's trained staff, counted one venue at a time and many at once."""
    return (
        selectors.trained_count(venue, now=now),
        selectors.trained_counts([venue.pk], now=now).get(venue.pk, 0),
    )


@pytest.mark.parametrize("state", ["revoked", "replaced and revoked", "inactive"])
def test_these_certificates_are_not_safe_places_training(
    scheme, officer, pending_venue, user_with_role, state
):
    member = VenueMembershipFactory(venue=pending_venue)
    certificate = certify(member.user, scheme.module)
    assert counts(pending_venue) == (1, 1)
    coordinator = user_with_role(Role.TRAINING_COORDINATOR)
    if state == "revoked":
        revoke_certificate(certificate, by=coordinator, reason="Issued in error")
    elif state == "replaced and revoked":
        # The replacement is revoked; the one it replaced must not count in its place.
        new = reissue_certificate(certificate, by=coordinator)
        revoke_certificate(new, by=coordinator, reason="Issued in error")
    else:
        member.user.is_active = False
        member.user.save(update_fields=["is_active"])

    assert counts(pending_venue) == (0, 0)
    assert any(
        "in-date certificate" in problem for problem in services.approval_problems(pending_venue)
    )
    with pytest.raises(services.TransitionRefused, match="in-date certificate"):
        services.transition(pending_venue, VenueStatus.APPROVED, by=officer)
    pending_venue.refresh_from_db()
    assert pending_venue.status == VenueStatus.UNDER_REVIEW


def test_a_replacement_certificate_counts_as_the_current_one(
    scheme, officer, pending_venue, user_with_role
):
    member = VenueMembershipFactory(venue=pending_venue)
    certificate = certify(member.user, scheme.module)
    reissue_certificate(certificate, by=user_with_role(Role.TRAINING_COORDINATOR))
    assert counts(pending_venue) == (1, 1)  # one person, even with two certificates
    services.transition(pending_venue, VenueStatus.APPROVED, by=officer)
    assert pending_venue.status == VenueStatus.APPROVED


def test_a_certificate_counts_through_the_date_it_prints(scheme, pending_venue):
    """In date through the printed expiry date (Europe/London), lapsed from the midnight
    after (certificates.validity)."""
    from certificates import validity

    member = VenueMembershipFactory(venue=pending_venue)
    certificate = certify(member.user, scheme.module)
    printed = validity.expires_on(certificate.expires_at)
    next_day = validity.start_of(printed + datetime.timedelta(days=1))
    assert counts(pending_venue, now=certificate.expires_at) == (1, 1)
    assert counts(pending_venue, now=next_day - SECOND) == (1, 1)
    assert counts(pending_venue, now=next_day) == (0, 0)
    assert services.approval_problems(pending_venue, now=next_day - SECOND) == []
    assert services.approval_problems(pending_venue, now=next_day)


def test_a_certificate_for_another_module_is_not_safe_places_training(
    scheme, pending_venue, catalogue
):
    from courses.factories import module_with_lessons

    member = VenueMembershipFactory(venue=pending_venue)
    certify(member.user, module_with_lessons(catalogue, count=1, title="DARE"))
    assert counts(pending_venue) == (0, 0)


def test_only_the_venues_own_staff_count(scheme, pending_venue, trained_staff):
    from network.factories import VenueFactory

    other = VenueFactory(status="under_review", approved_at=None, next_check_due=None)
    trained_staff(other)
    trained_staff(other)
    assert counts(pending_venue) == (0, 0)
    assert selectors.trained_counts([pending_venue.pk, other.pk]) == {other.pk: 2}


def test_the_minimum_is_met_exactly_at_the_number_set(
    scheme, officer, pending_venue, trained_staff
):
    scheme.minimum_trained_staff = 3
    scheme.save()
    trained_staff(pending_venue)
    trained_staff(pending_venue)
    [problem] = services.approval_problems(pending_venue)
    assert "At least 3 members of staff" in problem
    assert "2 currently do." in problem
    trained_staff(pending_venue)
    assert services.approval_problems(pending_venue) == []


def test_one_trained_person_is_described_in_the_singular(scheme, pending_venue, trained_staff):
    scheme.minimum_trained_staff = 2
    scheme.save()
    trained_staff(pending_venue)
    [problem] = services.approval_problems(pending_venue)
    assert "1 currently does." in problem


def test_an_expired_certificate_dated_in_the_past_does_not_count(scheme, pending_venue):
    member = VenueMembershipFactory(venue=pending_venue)
    old = timezone.now() - datetime.timedelta(days=5 * 365)
    certify(member.user, scheme.module, now=old)
    assert Certificate.objects.get(user=member.user).expires_at < timezone.now()
    assert counts(pending_venue) == (0, 0)
