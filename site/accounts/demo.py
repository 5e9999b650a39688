"""One demo account per role, for trying the site locally.

The password is published in README.md, so these accounts are only created where
``settings.DEMO_ACCOUNTS_ENABLED`` is true (development and tests, never production).
"""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.conf import settings
from django.utils import timezone

from .models import JobRole, User
from .roles import STAFF_ROLES, Role
from .services import add_role

DEMO_PASSWORD = "safe-city-demo-2026"  # noqa: S105 - documented, local use only
# Staff roles need two-factor authentication; the demo accounts share this published TOTP
# secret (add it to an authenticator app, or run `oathtool --totp -b SECRET`).
DEMO_TOTP_SECRET = "SAFECITYLEARNINGDEMOSECRETTOTPAB"  # noqa: S105 - documented, local use only

DEMO_USERS = [
    # email, full name, role, job role, agency name
    ("learner@example.org", "Sam Okafor", Role.LEARNER, JobRole.FRONTLINE, "Solent NHS Trust"),
    (
        "agency.lead@example.org",
        "Priya Shah",
        Role.AGENCY_LEAD,
        JobRole.MANAGER,
        "Hampshire and Isle of Wight Constabulary",
    ),
    (
        "coordinator@example.org",
        "Jo Whitfield",
        Role.TRAINING_COORDINATOR,
        JobRole.SPECIALIST,
        "Southampton City Council: Public Health",
    ),
    ("safe.places@example.org", "Alex Morgan", Role.SAFE_PLACES_OFFICER, JobRole.OTHER, None),
    ("editor@example.org", "Chris Evans", Role.EDITOR, JobRole.OTHER, None),
    ("moderator@example.org", "Dana Ellis", Role.MODERATOR, JobRole.OTHER, None),
]


def load_demo_users(agencies) -> list[User]:
    if not getattr(settings, "DEMO_ACCOUNTS_ENABLED", False):
        return []
    users = []
    for email, full_name, role, job_role, agency_name in DEMO_USERS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(
                email=email,
                password=DEMO_PASSWORD,
                full_name=full_name,
                job_role=job_role,
                agency=agencies.get(agency_name),
                # Confirmed members, so the demo lead and learner count in the figures.
                agency_confirmed_at=timezone.now() if agency_name else None,
            )
            EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        add_role(user, role)
        if role in STAFF_ROLES:
            _demo_totp(user)
        users.append(user)
    admin = User.objects.filter(email="admin@example.org").first()
    if admin is None:
        admin = User.objects.create_superuser(
            email="admin@example.org", password=DEMO_PASSWORD, full_name="Site Administrator"
        )
        EmailAddress.objects.create(user=admin, email=admin.email, verified=True, primary=True)
    _demo_totp(admin)
    users.append(admin)
    return users


def _demo_totp(user) -> None:
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, DEMO_TOTP_SECRET)
