"""Who must be trained in what, and training delivered face to face."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from accounts.models import JobRole
from network.models import Sector

TARGET_MESSAGE = "Enter a target between 1 and 100 per cent"
DUE_WITHIN_MAX = 730
DUE_WITHIN_MESSAGE = f"Enter a number of days between 1 and {DUE_WITHIN_MAX}"


class TrainingRequirement(models.Model):
    """A module that staff of a sector and/or role must hold in date.

    Leave the sector or the role empty to mean every sector or every role.

    - **Target** (optional): ``target_percent`` of the people the requirement applies to
      should hold the module in date, by ``target_date`` if one is given ("80 % by
      31 March"); a target date needs a percentage. See ``courses.selectors.requirements``
      for how coverage is measured against it.
    - **Due within** (``due_within_days``, at least 1, default 90): the days someone has to
      complete the module for the first time, counted from the day their agency
      membership was confirmed or from ``applies_from``, whichever is later (so a new
      requirement gives people already in post the same time as a new starter).
    - **Applies from** (``applies_from``, default the day the requirement is created).
    """

    module = models.ForeignKey(
        "courses.ModulePage", on_delete=models.CASCADE, related_name="requirements"
    )
    sector = models.CharField(max_length=30, choices=Sector.choices, blank=True)
    job_role = models.CharField(max_length=20, choices=JobRole.choices, blank=True)
    target_percent = models.PositiveSmallIntegerField(
        "target (%)",
        null=True,
        blank=True,
        validators=[
            MinValueValidator(1, TARGET_MESSAGE),
            MaxValueValidator(100, TARGET_MESSAGE),
        ],
        help_text="The share of the people this applies to who should hold the module in "
        "date, for example 80. Leave empty for no target.",
    )
    target_date = models.DateField(
        "target date",
        null=True,
        blank=True,
        help_text="When the target should be met, for example 31 March. Leave empty for a "
        "standing target.",
    )
    due_within_days = models.PositiveSmallIntegerField(
        "days to complete it",
        default=90,
        validators=[
            MinValueValidator(1, DUE_WITHIN_MESSAGE),
            MaxValueValidator(DUE_WITHIN_MAX, DUE_WITHIN_MESSAGE),
        ],
        help_text="How many days someone has to complete the module for the first time, from "
        "the day their agency membership is confirmed (or from the date this requirement "
        "applies from, if later).",
    )
    applies_from = models.DateField(
        "applies from",
        default=timezone.localdate,
        help_text="People already in their agency on this date have the same number of days "
        "from it.",
    )

    panels = [
        FieldPanel("module"),
        FieldRowPanel([FieldPanel("sector"), FieldPanel("job_role")]),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("target_percent"), FieldPanel("target_date")])],
            heading="Target",
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("due_within_days"), FieldPanel("applies_from")])],
            heading="Due dates",
        ),
    ]

    class Meta:
        ordering = ["module__title", "sector", "job_role"]
        constraints = [
            models.UniqueConstraint(
                fields=["module", "sector", "job_role"], name="courses_requirement_unique"
            ),
            models.CheckConstraint(
                condition=Q(target_percent__isnull=True)
                | Q(target_percent__gte=1, target_percent__lte=100),
                name="courses_requirement_target_percent",
            ),
            models.CheckConstraint(
                condition=Q(due_within_days__gte=1, due_within_days__lte=DUE_WITHIN_MAX),
                name="courses_requirement_due_within_days",
            ),
        ]
        permissions = [
            ("view_coverage", "Can see training coverage for every agency"),
            ("view_own_agency_coverage", "Can see training coverage for their own agency"),
        ]

    def __str__(self):
        sector = self.get_sector_display() if self.sector else "Every sector"
        role = self.get_job_role_display() if self.job_role else "every role"
        return f"{self.module.title}: {sector}, {role}"

    def clean(self):
        super().clean()
        if self.target_date and self.target_percent is None:
            raise ValidationError(
                {"target_percent": "Enter a target percentage, or remove the target date"}
            )

    @staticmethod
    def applies_to(sector: str, job_role: str) -> Q:
        return (Q(sector="") | Q(sector=sector)) & (Q(job_role="") | Q(job_role=job_role))


class FaceToFaceSession(models.Model):
    """Training delivered in person, so coverage counts it too."""

    date = models.DateField()
    module = models.ForeignKey(
        "courses.ModulePage",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sessions",
        help_text="The module this session is equivalent to, if any.",
    )
    topic = models.CharField(max_length=200, blank=True)
    trainer = models.CharField(max_length=150)
    agency = models.ForeignKey(
        "network.Agency", on_delete=models.PROTECT, related_name="training_sessions"
    )
    attendees = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="training_sessions"
    )
    attendance_count = models.PositiveIntegerField(
        default=0, help_text="For sessions recorded by count only (no names)."
    )

    panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("trainer")]),
        FieldRowPanel([FieldPanel("module"), FieldPanel("topic")]),
        FieldPanel("agency"),
        FieldPanel("attendees"),
        FieldPanel("attendance_count"),
    ]

    class Meta:
        ordering = ["-date"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(module__isnull=True, topic=""), name="courses_session_has_subject"
            )
        ]

    def __str__(self):
        return f"{self.date}: {self.module or self.topic} ({self.agency})"


class RequiredTrainingReminder(models.Model):
    """An email sent about required training, kept so that it is sent once.

    - ``OVERDUE``: to a learner, once per module per overdue spell. ``due_on`` is the due
      date that passed; a new certificate gives a new due date, so a later spell gets
      its own reminder.
    - ``SUMMARY``: to an agency lead, once a month (``due_on`` is the 1st of the month;
      no module).

    The unique constraints make a second run, or two workers at once, send nothing more.
    """

    class Kind(models.TextChoices):
        OVERDUE = "overdue", "Overdue training"
        SUMMARY = "summary", "Monthly agency summary"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="training_reminders"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    module = models.ForeignKey(
        "courses.ModulePage", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    due_on = models.DateField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "module", "due_on"],
                condition=Q(kind="overdue"),
                name="courses_reminder_once_per_spell",
            ),
            models.UniqueConstraint(
                fields=["user", "due_on"],
                condition=Q(kind="summary"),
                name="courses_summary_once_a_month",
            ),
            models.CheckConstraint(
                condition=Q(kind="overdue", module__isnull=False)
                | Q(kind="summary", module__isnull=True),
                name="courses_reminder_kind_module",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} for user {self.user_id} ({self.due_on})"
