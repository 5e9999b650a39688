import time

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)
from django.utils import timezone

from .models import JobRole, User
from .roles import STAFF_ROLES, Role
from .services import add_role

TEST_PASSWORD = "correct-horse-battery-staple"  # noqa: S105 - tests only


class UserFactory(factory.django.DjangoModelFactory):
    """A person with a verified email address who can sign in with ``TEST_PASSWORD``."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name", locale="en_GB")
    job_role = JobRole.FRONTLINE
    password = factory.django.Password(TEST_PASSWORD)
    agency = None
    # Members of an agency are confirmed (so they count in coverage) unless a test passes
    # agency_confirmed_at=None; with the verified email below they count by default.
    agency_confirmed_at = factory.Maybe(
        "agency", yes_declaration=factory.LazyFunction(timezone.now), no_declaration=None
    )

    @factory.post_generation
    def verified_email(self, create, extracted, **kwargs):
        if create:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if create:
            add_role(self, extracted or Role.LEARNER)
            # Staff roles cannot reach the admin or reports without two-factor authentication.
            if extracted in STAFF_ROLES and kwargs.get("mfa", True):
                add_totp(self)


def add_totp(user, secret: str | None = None) -> str:
    """Set up TOTP two-factor authentication for ``user``; returns the secret."""
    secret = secret or generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def totp_code(user) -> str:
    """The current six-digit code of the user's authenticator app."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.utils import decrypt

    authenticator = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    secret = decrypt(authenticator.data["secret"])
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))
