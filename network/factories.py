import datetime
import uuid
from decimal import Decimal

import factory
from django.utils import timezone

from .models import (
    Agency,
    AgencyEmailDomain,
    SafePlacesSettings,
    Sector,
    Venue,
    VenueHours,
    VenueMembership,
    VenueRole,
    VenueStatus,
    VenueType,
)


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Agency {n}")
    sector = Sector.HEALTH
    headcount = 100
    is_active = True


class AgencyEmailDomainFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgencyEmailDomain

    agency = factory.SubFactory(AgencyFactory)
    domain = factory.Sequence(lambda n: f"agency{n}.example.org")


class VenueFactory(factory.django.DjangoModelFactory):
    """An approved, located venue open 9am to 5pm every day, unless told otherwise.

    ``hours`` may be given as a dict {weekday: (opens, closes, overnight)} or
    {weekday: None} for closed days.
    """

    class Meta:
        model = Venue
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Venue {n}")
    slug = factory.Sequence(lambda n: f"venue-{n}")
    venue_type = VenueType.CAFE_RESTAURANT
    address_line_1 = factory.Sequence(lambda n: f"{n} High Street")
    town = "Southampton"
    postcode = "SO14 7LY"
    public_phone = "023 8000 0000"
    latitude = Decimal("50.904000")
    longitude = Decimal("-1.404000")
    located_by = "geocoder"
    lead_name = "Pat Lead"
    contact_email = factory.Sequence(lambda n: f"venue{n}@business.example")
    contact_phone = "07700 900000"
    staff_count = 5
    submission_id = factory.LazyFunction(uuid.uuid4)
    address_key = factory.LazyAttribute(lambda o: f"{o.address_line_1.lower()}|{o.postcode}")
    status = VenueStatus.APPROVED
    submitted_at = factory.LazyFunction(timezone.now)
    approved_at = factory.LazyAttribute(
        lambda o: o.submitted_at if o.status == VenueStatus.APPROVED else None
    )
    next_check_due = factory.LazyAttribute(
        lambda o: (
            (timezone.localdate() + datetime.timedelta(days=300))
            if o.status == VenueStatus.APPROVED
            else None
        )
    )

    @factory.post_generation
    def hours(self, create, extracted, **kwargs):
        if not create:
            return
        spec = extracted
        if spec is None:
            spec = {day: (datetime.time(9), datetime.time(17), False) for day in range(7)}
        rows = hour_rows(self, spec)
        VenueHours.objects.bulk_create(rows)


def hour_rows(venue, spec: dict) -> list[VenueHours]:
    """Seven unsaved VenueHours for ``spec``: {weekday: (opens, closes, overnight) or None}."""
    rows = []
    for day in range(7):
        spell = spec.get(day)
        if spell is None:
            rows.append(VenueHours(venue=venue, weekday=day, closed=True))
        else:
            opens, closes, overnight = spell
            rows.append(
                VenueHours(
                    venue=venue, weekday=day, opens=opens, closes=closes, overnight=overnight
                )
            )
    return rows


class VenueMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VenueMembership

    venue = factory.SubFactory(VenueFactory)
    user = factory.SubFactory("accounts.factories.UserFactory")
    role = VenueRole.STAFF
    joined_at = factory.LazyFunction(timezone.now)


def configure_scheme(module, minimum: int = 1) -> SafePlacesSettings:
    """Make ``module`` the Safe Places training module."""
    config = SafePlacesSettings.load()
    config.module = module
    config.minimum_trained_staff = minimum
    config.save()
    return config


def certify(user, module, now=None):
    """Give ``user`` an in-date certificate for ``module`` (a completed enrolment)."""
    from certificates.services import issue_certificate
    from courses.models import Enrolment

    now = now or timezone.now()
    enrolment = Enrolment.objects.create(user=user, module=module, started_at=now, completed_at=now)
    return issue_certificate(enrolment, now=now)
