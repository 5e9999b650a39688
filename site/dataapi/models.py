"""API tokens: one per consuming organisation, with scopes, revocable.

The token itself is shown once, when it is created, and never stored: only its SHA-256
hash (the token has 256 bits of randomness, so a plain hash cannot be reversed or looked
up) and a short prefix, printed in the admin listing and the audit log so a token can be
recognised without revealing it.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone


class Scope(models.TextChoices):
    COVERAGE = "coverage", "Training coverage"
    SAFE_PLACES = "safe_places", "Safe Places counts"
    ATTENDANCE = "attendance", "Face-to-face attendance"


class ApiTokenQuerySet(models.QuerySet):
    def usable(self, now=None):
        """Tokens that authenticate: not revoked, and not expired at ``now``."""
        now = now or timezone.now()
        return self.filter(revoked_at__isnull=True).filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=now)
        )


class ApiToken(models.Model):
    organisation = models.CharField(
        "consuming organisation",
        max_length=150,
        help_text="The organisation that will use this token, for example the partnership "
        "dashboard's supplier.",
    )
    scope_coverage = models.BooleanField(
        "training coverage",
        default=False,
        help_text="Coverage by agency, sector, module and quarter.",
    )
    scope_safe_places = models.BooleanField(
        "Safe Places counts", default=False, help_text="Venues by status and postcode district."
    )
    scope_attendance = models.BooleanField(
        "face-to-face attendance",
        default=False,
        help_text="Attended, did not attend and late cancellations per agency and month.",
    )
    prefix = models.CharField(max_length=12, unique=True, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    expires_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="Optional. The token stops working at this moment.",
    )
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "API token"
        permissions = [("revoke_apitoken", "Can revoke API tokens")]

    def __str__(self):
        return f"{self.organisation} ({self.prefix}…)"

    def clean(self):
        errors = {}
        if not any(getattr(self, f"scope_{scope}") for scope in Scope.values):
            errors["scope_coverage"] = "Choose at least one scope: what this token may read."
        if self.expires_at is not None and self.pk is None and self.expires_at <= timezone.now():
            errors["expires_at"] = "Enter an expiry in the future, or leave it empty."
        if errors:
            raise ValidationError(errors)

    @property
    def scopes(self) -> frozenset[str]:
        return frozenset(scope for scope in Scope.values if getattr(self, f"scope_{scope}", False))

    def scopes_display(self) -> str:
        return ", ".join(label for value, label in Scope.choices if value in self.scopes) or "None"

    scopes_display.short_description = "Scopes"

    def status(self, now=None) -> str:
        now = now or timezone.now()
        if self.revoked_at is not None:
            return "Revoked"
        if self.expires_at is not None and self.expires_at <= now:
            return "Expired"
        return "Active"

    status.short_description = "Status"
