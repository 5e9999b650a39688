"""Modules and lessons (Wagtail pages), and each learner's progress through them."""

from django import forms
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from pagecache import cache_for_learner
from pages.models import IntroMixin

from ..blocks import LessonStreamBlock


class Audience(models.Model):
    """Who a module is written for; learners filter the catalogue by it."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(unique=True)

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


def _route_to_child(parent: Page, model, request, path_components):
    """Page.route for a parent whose children are all of one page type: the child is read as
    that type in one query (Wagtail reads a ``Page`` and then its ``specific``, two per level).
    Anything else (no such child, another type) falls back to Wagtail's own routing."""
    child = model.objects.child_of(parent).filter(slug=path_components[0]).first()
    if child is None:
        return None
    child._cached_parent_obj = parent  # treebeard's get_parent() reads this
    return child, path_components[1:]


class CourseIndexPage(IntroMixin, Page):
    """The catalogue of modules."""

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["pages.HomePage"]
    subpage_types = ["courses.ModulePage"]
    max_count = 1

    class Meta:
        verbose_name = "module catalogue"

    def route(self, request, path_components):
        found = (
            _route_to_child(self, ModulePage, request, path_components) if path_components else None
        )
        if found is None:
            return super().route(request, path_components)
        module, remaining = found
        return module.route(request, remaining)

    def get_context(self, request, *args, **kwargs):
        from ..forms import CatalogueFilterForm
        from ..selectors import SEARCH_MAX_LENGTH, catalogue_modules, learner_status

        context = super().get_context(request, *args, **kwargs)
        form = CatalogueFilterForm(request.GET or None)
        filters = form.cleaned_data if form.is_valid() else {}
        # The search box: what was typed is kept (cut to a sensible length), never an error.
        query = " ".join(request.GET.get("q", "").split())[:SEARCH_MAX_LENGTH]
        user = request.user if request.user.is_authenticated else None
        modules = list(
            catalogue_modules(
                self,
                audiences=filters.get("audience"),
                duration=filters.get("duration"),
                query=query,
                user=user,
            )
        )
        if user is not None:
            for module in modules:
                module.learner_status = learner_status(module)
        context["filter_form"] = form
        context["query"] = query
        context["search_max_length"] = SEARCH_MAX_LENGTH
        context["modules"] = modules
        return context

    def serve(self, request, *args, **kwargs):
        from ..selectors import catalogue_changes_at

        response = super().serve(request, *args, **kwargs)
        if request.user.is_authenticated:
            modules = response.context_data["modules"]
            cache_for_learner(response, until=catalogue_changes_at(modules, timezone.now()))
        return response


class ModulePage(Page):
    """One e-learning module: an overview page whose children are its lessons, in order."""

    summary = models.TextField(help_text="One or two sentences, shown in the catalogue.")
    audiences = ParentalManyToManyField(Audience, blank=True, related_name="modules")
    learning_outcomes = StreamField(
        [("outcome", blocks.CharBlock(max_length=250))],
        blank=True,
        help_text="What learners will be able to do by the end.",
    )
    estimated_minutes = models.PositiveSmallIntegerField(default=30)
    cpd_minutes = models.PositiveSmallIntegerField(
        "CPD minutes", default=30, help_text="Continuing professional development time."
    )
    refresh_months = models.PositiveSmallIntegerField(
        default=36, help_text="How long a completion stays in date before a refresher is due."
    )
    content_note = models.TextField(
        blank=True, help_text="The distressing themes this module covers, shown before it starts."
    )
    review_by = models.DateField(help_text="When the content must next be checked against sources.")
    contact = models.CharField(
        "questions about this module",
        max_length=250,
        blank=True,
        help_text="Who learners can ask, for example the Training Coordinator.",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("audiences", widget=forms.CheckboxSelectMultiple),
        FieldPanel("learning_outcomes"),
        FieldPanel("content_note"),
        MultiFieldPanel(
            [
                FieldPanel("estimated_minutes"),
                FieldPanel("cpd_minutes"),
                FieldPanel("refresh_months"),
            ],
            heading="Time and renewal",
        ),
        MultiFieldPanel([FieldPanel("review_by"), FieldPanel("contact")], heading="Upkeep"),
    ]
    # The catalogue's search box (run `manage.py update_index` after changing these).
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("learning_outcomes"),
    ]

    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.LessonPage", "scorm.ScormLessonPage"]

    class Meta:
        verbose_name = "module"

    def route(self, request, path_components):
        found = (
            _route_to_child(self, LessonPage, request, path_components) if path_components else None
        )
        if found is None:
            return super().route(request, path_components)
        lesson, remaining = found
        lesson.__dict__["module"] = self  # LessonPage.module, without reading the parent again
        return lesson.route(request, remaining)

    def get_context(self, request, *args, **kwargs):
        from ..selectors import module_outline
        from ..selectors.quizzes import has_passed, quiz_for_module

        context = super().get_context(request, *args, **kwargs)
        context["outline"] = module_outline(self, request.user)
        quiz = quiz_for_module(self)
        context["quiz"] = quiz
        if quiz is not None and request.user.is_authenticated:
            context["quiz_passed"] = has_passed(request.user, quiz)
        return context

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if request.user.is_authenticated:
            outline = response.context_data["outline"]
            cache_for_learner(response, until=outline.changes_at(timezone.now()))
        return response


class LessonTag(TaggedItemBase):
    content_object = ParentalKey("courses.LessonPage", related_name="tagged_items")


class LessonPage(Page):
    """A lesson within a module. Signed-in learners only; progress is recorded."""

    summary = models.CharField(max_length=250, blank=True)
    estimated_minutes = models.PositiveSmallIntegerField(default=10)
    distressing = models.BooleanField(
        "contains distressing content",
        default=False,
        help_text="Shows the content note on its own page before the lesson.",
    )
    content_note = models.TextField(blank=True)
    topics = ClusterTaggableManager(
        through=LessonTag,
        blank=True,
        help_text="Topics this lesson teaches; quiz questions on a topic link back here.",
    )
    body = StreamField(LessonStreamBlock())

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("estimated_minutes"),
        MultiFieldPanel(
            [FieldPanel("distressing"), FieldPanel("content_note")], heading="Content note"
        ),
        FieldPanel("body"),
    ]
    promote_panels = [*Page.promote_panels, FieldPanel("topics")]
    search_fields = [*Page.search_fields, index.SearchField("body")]

    parent_page_types = ["courses.ModulePage"]
    subpage_types = []

    class Meta:
        verbose_name = "lesson"

    def clean(self):
        from django.core.exceptions import ValidationError

        super().clean()
        # The block form checks this in the editor too; this covers every other route.
        if not self.body or self.body[-1].block_type != "sources":
            raise ValidationError({"body": "Every lesson must end with a Sources block."})
        if self.distressing and not self.content_note.strip():
            raise ValidationError(
                {"content_note": "Describe the distressing content learners should expect."}
            )

    @cached_property
    def module(self) -> ModulePage:
        return self.get_parent().specific

    # The view that serves a lesson (courses.views.serve_lesson), set when the app is ready
    # (courses.apps): models never import views.
    lesson_view = None

    def serve(self, request, *args, **kwargs):
        return self.lesson_view(request, *args, **kwargs)

    def serve_preview(self, request, mode_name):
        # Wagtail's default preview renders the template with get_context() alone, which
        # lacks the module, outline and neighbours the lesson template needs.
        return self.lesson_view(request, preview=True)


class Enrolment(models.Model):
    """One learner working through one module, from first start to completion.

    A learner has at most one open enrolment per module. Retaking a module later (to
    refresh it) opens a new enrolment, so past completions stay on record.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolments"
    )
    module = models.ForeignKey(ModulePage, on_delete=models.PROTECT, related_name="enrolments")
    started_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)
    session = models.ForeignKey(
        "courses.FaceToFaceSession",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="enrolments",
        help_text="Set when the module was completed in person at this session.",
    )

    class Meta:
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "user"], name="courses_one_attendance_per_session"
            ),
            models.UniqueConstraint(
                fields=["user", "module"],
                condition=Q(completed_at__isnull=True),
                name="courses_one_open_enrolment_per_module",
            ),
        ]
        indexes = [models.Index(fields=["module", "completed_at"])]

    def __str__(self):
        return f"{self.user} – {self.module}"

    @property
    def is_complete(self) -> bool:
        return self.completed_at is not None


class LessonCompletion(models.Model):
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="completions")
    lesson = models.ForeignKey(LessonPage, on_delete=models.CASCADE, related_name="completions")
    completed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "lesson"], name="courses_lesson_completed_once"
            )
        ]

    def __str__(self):
        return f"{self.enrolment} – {self.lesson}"


class ReflectionNote(models.Model):
    """A learner's private answer to a reflection question. Only they ever see it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reflections"
    )
    lesson = models.ForeignKey(LessonPage, on_delete=models.CASCADE, related_name="+")
    block_id = models.CharField(max_length=64)
    text = models.TextField(max_length=5000)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "lesson", "block_id"], name="courses_one_note_per_question"
            )
        ]

    def __str__(self):
        return f"Reflection by {self.user_id} on {self.lesson_id}"
