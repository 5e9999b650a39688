"""Who must be trained in what, and training delivered face to face."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from wagtail.admin.panels import FieldPanel, FieldRowPanel

from accounts.models import JobRole
from network.models import Sector


class TrainingRequirement(models.Model):
    """A module that staff of a sector and/or role must hold in date.

    Leave the sector or the role empty to mean every sector or every role.
    """

    module = models.ForeignKey(
        "courses.ModulePage", on_delete=models.CASCADE, related_name="requirements"
    )
    sector = models.CharField(max_length=30, choices=Sector.choices, blank=True)
    job_role = models.CharField(max_length=20, choices=JobRole.choices, blank=True)

    panels = [FieldPanel("module"), FieldRowPanel([FieldPanel("sector"), FieldPanel("job_role")])]

    class Meta:
        ordering = ["module__title", "sector", "job_role"]
        constraints = [
            models.UniqueConstraint(
                fields=["module", "sector", "job_role"], name="courses_requirement_unique"
            )
        ]
        permissions = [
            ("view_coverage", "Can see training coverage for every agency"),
            ("view_own_agency_coverage", "Can see training coverage for their own agency"),
        ]

    def __str__(self):
        sector = self.get_sector_display() if self.sector else "Every sector"
        role = self.get_job_role_display() if self.job_role else "every role"
        return f"{self.module.title}: {sector}, {role}"

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
