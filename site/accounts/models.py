from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone


class JobRole(models.TextChoices):
    """Broad kinds of role, used to decide which training someone must hold."""

    FRONTLINE = "frontline", "Frontline practitioner"
    MANAGER = "manager", "Team leader or manager"
    SPECIALIST = "specialist", "Specialist domestic abuse or VAWG worker"
    SUPPORT = "support", "Administration or support staff"
    VOLUNTEER = "volunteer", "Volunteer"
    VENUE_STAFF = "venue_staff", "Business or venue staff"
    OTHER = "other", "Other"


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields["is_superuser"] = True
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)


class User(AbstractBaseUser, PermissionsMixin):
    """A person with an account. Email is the only identifier; there are no usernames."""

    email = models.EmailField("email address", unique=True)
    full_name = models.CharField(
        max_length=150,
        help_text="As it should appear on a certificate.",
    )
    job_role = models.CharField(max_length=20, choices=JobRole.choices, blank=True)
    agency = models.ForeignKey(
        "network.Agency",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
        help_text="Empty when the person's agency is not listed.",
    )
    # Who counts for an agency. Only people whose email is verified and whose membership
    # is confirmed count in its coverage figures or appear in its drill-downs.
    agency_confirmed_at = models.DateTimeField(
        "agency confirmed",
        null=True,
        blank=True,
        help_text=(
            "When the person's membership of their agency was confirmed. A verified work "
            "email at a domain registered to the agency confirms it automatically; an "
            "agency picked from the list at sign-up stays unconfirmed until the agency's "
            "lead or the coordinator confirms it; the coordinator's staff-list import and "
            "their change of agency in Admin → Learners confirm it. Any change of agency "
            "resets it. Unconfirmed members never count in the figures."
        ),
    )
    agency_confirmed_by = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Who confirmed it; empty when the email domain confirmed it.",
    )
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name", "email"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique"),
        ]

    def __str__(self):
        return self.full_name or self.email

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._remember_agency()
        return instance

    def _remember_agency(self):
        self._loaded_agency = (
            self.__dict__.get("agency_id"),
            self.__dict__.get("agency_confirmed_at"),
        )

    def save(self, *args, **kwargs):
        """Any change of agency resets its confirmation, unless the same change confirms it
        (the coordinator's edit, a staff-list import: see ``accounts.services``)."""
        loaded = getattr(self, "_loaded_agency", None)
        if (
            self.pk
            and loaded is not None
            and "agency_id" in self.__dict__
            and self.agency_id != loaded[0]
            and self.agency_confirmed_at == loaded[1]
        ):
            self.agency_confirmed_at = None
            self.agency_confirmed_by = None
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                kwargs["update_fields"] = {
                    *update_fields,
                    "agency_confirmed_at",
                    "agency_confirmed_by",
                }
        super().save(*args, **kwargs)
        self._remember_agency()

    @property
    def agency_confirmed(self) -> bool:
        return self.agency_id is not None and self.agency_confirmed_at is not None

    def clean(self):
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()

    def get_full_name(self):
        return self.full_name

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email


class Learner(User):
    """Everyone with an account, as the Training Coordinator sees them in the admin.

    A proxy so that coordinators get their own narrow admin screen (name, role, agency)
    and permission, separate from Wagtail's user management, which can change roles.
    """

    class Meta:
        proxy = True
        default_permissions = ()
        permissions = [
            ("manage_learners", "Can correct learners' names, roles and agencies"),
        ]


class AuditEvent(models.Model):
    """Something done that someone may later need to account for: approvals, revocations,
    role changes, exports, imports, sign-ins and failed sign-ins.

    Rows hold ids and short descriptions, never copies of people's details: the actor is a
    link to their account (emptied if the account is erased), the target a type and id.
    """

    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        User,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_events",
        help_text="Who did it; empty for the system, or an unknown person.",
    )
    action = models.CharField(max_length=60, db_index=True)
    target_type = models.CharField(max_length=60, blank=True)
    target_id = models.CharField(max_length=40, blank=True)
    summary = models.CharField(max_length=300, blank=True)
    # Sign-in events only: where the attempt came from (client address as derived by
    # config.ratelimit.client_ip, and the browser's user agent, shortened).
    client_ip = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["target_type", "target_id"])]
        permissions = [("view_audit", "Can view the audit log")]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.action}"
