"""SCORM packages, the lessons that play them, and each learner's runtime record."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page

from courses.models import LessonPage

from .manifest import VERSION_12, VERSION_2004


def package_upload_to(instance, filename: str) -> str:
    # The original name is not kept in the path: it may say anything.
    return f"scorm/packages/{uuid.uuid4().hex}.zip"


class ScormPackage(models.Model):
    """An uploaded SCORM zip, checked (scorm.manifest) and unpacked into private storage.

    The files are stored under ``content_prefix`` in the default storage (the file system or
    the private bucket) and served only by ``scorm.views.content`` to signed-in learners.
    """

    class Version(models.TextChoices):
        SCORM_12 = VERSION_12, "SCORM 1.2"
        SCORM_2004 = VERSION_2004, "SCORM 2004"

    title = models.CharField(max_length=255)
    zip_file = models.FileField(
        "package (.zip)",
        upload_to=package_upload_to,
        max_length=255,
        help_text="The SCORM 1.2 or SCORM 2004 package as exported by the authoring tool.",
    )
    version = models.CharField(max_length=4, choices=Version.choices, editable=False)
    identifier = models.CharField("manifest identifier", max_length=255, editable=False)
    launch_href = models.CharField(max_length=1024, editable=False)
    # Every file in the package: only these are served.
    files = models.JSONField(default=list, editable=False)
    content_prefix = models.CharField(max_length=100, editable=False)
    size_bytes = models.PositiveBigIntegerField("size unzipped (bytes)", default=0, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(default=timezone.now, editable=False)

    panels = [FieldPanel("title"), FieldPanel("zip_file")]

    class Meta:
        verbose_name = "SCORM package"
        ordering = ["title"]

    def __str__(self):
        return f"{self.title} ({self.get_version_display()})"

    def content_name(self, path: str) -> str:
        return f"{self.content_prefix}/{path}"


class ScormLessonPage(LessonPage):
    """A lesson whose content is a SCORM package, played in the page.

    It is a LessonPage (multi-table inheritance), so the module's outline, lesson
    completion, module completion and coverage count it like any other lesson. It is
    completed by the package reporting completion (scorm.services.commit), not by a button.
    The body holds the introduction and, as on every lesson, ends with its Sources.
    """

    package = models.ForeignKey(ScormPackage, on_delete=models.PROTECT, related_name="lessons")

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("estimated_minutes"),
        FieldPanel("package"),
        MultiFieldPanel(
            [FieldPanel("distressing"), FieldPanel("content_note")], heading="Content note"
        ),
        FieldPanel("body", heading="Introduction and sources"),
    ]
    parent_page_types = ["courses.ModulePage"]
    subpage_types = []
    template = "scorm/scorm_lesson_page.html"

    class Meta:
        verbose_name = "SCORM lesson"

    def get_context(self, request, *args, **kwargs):
        from .selectors import player_settings

        context = super().get_context(request, *args, **kwargs)
        if request.user.is_authenticated:
            context["scorm"] = player_settings(request.user, self)
        return context


class ScormRegistration(models.Model):
    """One learner's runtime data for one SCORM lesson: what the package saved (``cmi``),
    so it resumes where they left it, and the status the lesson's completion follows."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="scorm_registrations"
    )
    lesson = models.ForeignKey(
        ScormLessonPage, on_delete=models.CASCADE, related_name="registrations"
    )
    version = models.CharField(max_length=4, choices=ScormPackage.Version.choices)
    cmi = models.JSONField(default=dict)
    completion_status = models.CharField(max_length=20, blank=True)
    success_status = models.CharField(max_length=20, blank=True)
    score_raw = models.DecimalField(max_digits=10, decimal_places=4, null=True, blank=True)
    score_scaled = models.DecimalField(max_digits=6, decimal_places=5, null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    # Commits from one page load carry increasing numbers; an older one arriving late
    # (two requests in flight) is ignored.
    load_id = models.CharField(max_length=32, blank=True)
    last_sequence = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "lesson"], name="scorm_one_registration")
        ]

    def __str__(self):
        return f"SCORM registration {self.pk}"

    @property
    def is_complete(self) -> bool:
        return self.completed_at is not None
