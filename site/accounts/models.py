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
