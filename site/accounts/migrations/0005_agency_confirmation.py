"""Agency membership gets a confirmation state (who counts for an agency).

Existing members whose email is at a domain registered to their agency (subdomains too,
the most specific registered domain deciding, as at sign-up) are confirmed now, by nobody:
the domain is the proof. Everyone else stays unconfirmed until their agency's lead or the
coordinator confirms them. Historical models only: no app code is imported.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.utils import timezone

BATCH = 1000


def _candidates(email):
    """The email's domain and each parent domain, most specific first (never a bare TLD)."""
    _, _, domain = (email or "").strip().lower().rpartition("@")
    labels = [label for label in domain.split(".") if label]
    return [".".join(labels[i:]) for i in range(len(labels) - 1)]


def confirm_domain_matches(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    AgencyEmailDomain = apps.get_model("network", "AgencyEmailDomain")
    owner = dict(
        AgencyEmailDomain.objects.filter(agency__is_active=True).values_list("domain", "agency_id")
    )
    if not owner:
        return
    matched = []
    members = User.objects.filter(agency__isnull=False, agency_confirmed_at__isnull=True)
    for pk, email, agency_id in members.values_list("pk", "email", "agency_id").iterator():
        found = next((owner[d] for d in _candidates(email) if d in owner), None)
        if found == agency_id:
            matched.append(pk)
    now = timezone.now()
    for start in range(0, len(matched), BATCH):
        User.objects.filter(pk__in=matched[start : start + BATCH]).update(
            agency_confirmed_at=now, agency_confirmed_by=None
        )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_audit_client"),
        ("network", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="agency_confirmed_at",
            field=models.DateTimeField(
                blank=True,
                help_text=(
                    "When the person's membership of their agency was confirmed. A verified "
                    "work email at a domain registered to the agency confirms it "
                    "automatically; an agency picked from the list at sign-up stays "
                    "unconfirmed until the agency's lead or the coordinator confirms it; the "
                    "coordinator's staff-list import and their change of agency in Admin → "
                    "Learners confirm it. Any change of agency resets it. Unconfirmed members "
                    "never count in the figures."
                ),
                null=True,
                verbose_name="agency confirmed",
            ),
        ),
        migrations.AddField(
            model_name="user",
            name="agency_confirmed_by",
            field=models.ForeignKey(
                blank=True,
                help_text="Who confirmed it; empty when the email domain confirmed it.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.RunPython(confirm_domain_matches, migrations.RunPython.noop, elidable=True),
    ]
