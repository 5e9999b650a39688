from django.contrib import messages
from django.contrib.auth.models import Permission
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import CreateView, EditView
from wagtail.admin.views.reports import PageReportView, ReportView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button
from wagtail.models import Page
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import policy_registry, register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView as SnippetIndexView
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import admin_views, export_views
from .models import (
    Audience,
    CoverageSnapshot,
    FaceToFaceSession,
    Question,
    QuestionCategory,
    Quiz,
    TrainingRequirement,
)
from .selectors import modules_due_for_review
from .selectors.question_quality import quality_report, question_flags


class AudienceViewSet(SnippetViewSet):
    model = Audience
    icon = "group"
    menu_label = "Audiences"
    add_to_settings_menu = True
    list_display = ["name", "slug"]


register_snippet(AudienceViewSet)


class QuestionIndexView(SnippetIndexView):
    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if self.request.user.has_perm("courses.add_question"):
            buttons.append(
                Button(
                    "Import from GIFT or Moodle XML",
                    url=reverse("courses_question_import"),
                    icon_name="upload",
                )
            )
        buttons.append(
            Button(
                "Export all as GIFT", url=reverse("courses_question_export"), icon_name="download"
            )
        )
        buttons.append(
            Button(
                "Export all as Moodle XML",
                url=reverse("courses_question_export_moodle_xml"),
                icon_name="download",
            )
        )
        return buttons


class QuestionViewSet(SnippetViewSet):
    index_view_class = QuestionIndexView
    model = Question
    icon = "help"
    menu_label = "Question bank"
    list_display = ["name", "type", "category", "updated_at"]
    # "Live: No" finds questions awaiting a moderator (new ones and imports are drafts).
    list_filter = ["live", "has_unpublished_changes", "type", "category"]
    search_fields = ["name", "stem"]
    ordering = ["name"]


class QuestionCategoryViewSet(SnippetViewSet):
    model = QuestionCategory
    icon = "folder-open-inverse"
    menu_label = "Categories"


class QuizViewSet(SnippetViewSet):
    """Quizzes and questions are moderated like pages: editors save drafts and submit them;
    the default workflow sends them to moderators, who publish."""

    model = Quiz
    icon = "form"
    menu_label = "Quizzes"
    list_display = [
        "module",
        "pass_mark",
        # 0 means no limit: say so, rather than "0".
        Column(
            "attempts_allowed",
            label="Attempts allowed",
            accessor=lambda quiz: quiz.attempts_allowed or "Unlimited",
        ),
    ]
    list_filter = ["live", "has_unpublished_changes"]


class QuizGroup(SnippetViewSetGroup):
    menu_label = "Quizzes"
    menu_icon = "form"
    menu_order = 250
    items = (QuizViewSet, QuestionViewSet, QuestionCategoryViewSet)


register_snippet(QuizGroup)


class ContentDueForReviewView(PageReportView):
    """Modules whose review-by date has passed or falls in the next 30 days."""

    page_title = "Content due for review"
    header_icon = "time"
    index_url_name = "content_due_for_review"
    index_results_url_name = "content_due_for_review_results"
    results_template_name = "courses/reports/content_due_for_review_results.html"
    any_permission_required = ["add", "change", "publish"]
    list_export = ["title", "review_by", "status_string", "last_published_at"]
    export_headings = {
        "review_by": "Review by",
        "status_string": "Status",
        "last_published_at": "Last published",
    }

    @property
    def permission_policy(self):
        return policy_registry.get_by_type(Page)

    def get_queryset(self):
        editable = self.permission_policy.instances_user_has_permission_for(
            self.request.user, "change"
        )
        return modules_due_for_review().filter(pk__in=editable.values("pk"))

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["today"] = timezone.localdate()
        return context


class QuestionQualityView(ReportView):
    """The item-writing check over every quiz's pool and the questions no quiz uses."""

    page_title = "Question quality"
    header_icon = "help"
    index_url_name = "courses_question_quality"
    index_results_url_name = "courses_question_quality_results"
    results_template_name = "courses/reports/question_quality_results.html"
    permission_required = "change"
    paginate_by = None

    @property
    def permission_policy(self):
        return policy_registry.get_by_type(Question)

    def get_queryset(self):
        return Quiz.objects.none()  # the report is built in get_context_data

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["quality"] = quality_report()
        return context


class QuestionQualityMenuItem(MenuItem):
    def is_shown(self, request):
        return policy_registry.get_by_type(Question).user_has_permission(request.user, "change")


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def warn_about_question_quality(request, instance):
    """Saving is never blocked: the editor is told what to check, and can fix it later."""
    if not isinstance(instance, Question) or not request.accepts("text/html"):
        return
    flags = question_flags(instance)
    if flags:
        messages.warning(
            request, "Check this question: " + " ".join(flag.message for flag in flags)
        )


class ContentReviewMenuItem(MenuItem):
    def is_shown(self, request):
        return policy_registry.get_by_type(Page).user_has_any_permission(
            request.user, ["add", "change", "publish"]
        )


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path(
            "question-bank/import/",
            admin_views.import_questions_view,
            name="courses_question_import",
        ),
        path(
            "question-bank/import/<int:pk>/",
            admin_views.question_import_detail_view,
            name="courses_question_import_detail",
        ),
        path(
            "question-bank/import/<int:pk>/files/<int:file_pk>/",
            admin_views.question_import_file_view,
            name="courses_question_import_file",
        ),
        path(
            "question-bank/export/",
            admin_views.export_questions_view,
            name="courses_question_export",
        ),
        path(
            "question-bank/export/moodle-xml/",
            export_views.export_moodle_xml_view,
            name="courses_question_export_moodle_xml",
        ),
        path("quiz-statistics/", admin_views.quiz_statistics_view, name="courses_quiz_statistics"),
        path(
            "reports/content-due-for-review/",
            ContentDueForReviewView.as_view(),
            name="content_due_for_review",
        ),
        path(
            "reports/content-due-for-review/results/",
            ContentDueForReviewView.as_view(results_only=True),
            name="content_due_for_review_results",
        ),
        path(
            "reports/question-quality/",
            QuestionQualityView.as_view(),
            name="courses_question_quality",
        ),
        path(
            "reports/question-quality/results/",
            QuestionQualityView.as_view(results_only=True),
            name="courses_question_quality_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_content_review_menu_item():
    return ContentReviewMenuItem(
        "Content due for review",
        reverse("content_due_for_review"),
        name="content-due-for-review",
        icon_name="time",
        order=1050,
    )


@hooks.register("register_reports_menu_item")
def register_question_quality_menu_item():
    return QuestionQualityMenuItem(
        "Question quality",
        reverse("courses_question_quality"),
        name="question-quality",
        icon_name="help",
        order=1070,
    )


class QuizStatisticsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("courses.change_quiz")


@hooks.register("register_reports_menu_item")
def register_quiz_statistics_menu_item():
    return QuizStatisticsMenuItem(
        "Quiz statistics",
        reverse("courses_quiz_statistics"),
        name="quiz-statistics",
        icon_name="form",
        order=1060,
    )


class TrainingRequirementViewSet(ModelViewSet):
    model = TrainingRequirement
    icon = "list-ul"
    menu_label = "Requirements matrix"
    list_display = ["module", "sector", "job_role"]
    list_filter = ["sector", "job_role"]
    form_fields = ["module", "sector", "job_role"]


class SessionSaveMixin:
    """Named attendees of a session on a module complete it and get their certificates."""

    def save_instance(self):
        instance = super().save_instance()
        from .services import record_session_attendance

        created = record_session_attendance(instance)
        if created:
            messages.success(
                self.request,
                f"{len(created)} attendee{'s' if len(created) != 1 else ''} completed "
                f"{instance.module.title} and will receive a certificate.",
            )
        return instance


class SessionCreateView(SessionSaveMixin, CreateView):
    pass


class SessionEditView(SessionSaveMixin, EditView):
    pass


class FaceToFaceSessionViewSet(ModelViewSet):
    model = FaceToFaceSession
    add_view_class = SessionCreateView
    edit_view_class = SessionEditView
    icon = "group"
    menu_label = "Face-to-face sessions"
    list_display = ["date", "module", "topic", "agency", "trainer", "attendance_count"]
    list_filter = ["agency", "module"]


class CoverageGroup(ViewSetGroup):
    menu_label = "Training coverage"
    menu_icon = "table"
    menu_order = 330
    items = (TrainingRequirementViewSet, FaceToFaceSessionViewSet)


@hooks.register("register_admin_viewset")
def register_coverage_viewsets():
    return CoverageGroup()


class CoverageMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("courses.view_coverage") or request.user.has_perm(
            "courses.view_own_agency_coverage"
        )


@hooks.register("register_admin_menu_item")
def register_coverage_dashboard_link():
    return CoverageMenuItem(
        "Coverage dashboard", reverse("courses:coverage"), icon_name="table", order=329
    )


class SnapshotPermissionPolicy(ModelPermissionPolicy):
    """Quarterly snapshots: viewing needs ``courses.view_coverage`` (the coordinator;
    superusers have it); nobody may add, change or delete one here."""

    def _get_permission_codename(self, action):
        return "view_coverage"

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        if "view" not in actions:
            return super().users_with_any_permission([]).none()
        return super().users_with_any_permission(["view"])


class SnapshotHeadlineColumn(Column):
    def __init__(self, name, label, figure):
        super().__init__(name, label=label)
        self.figure = figure

    def get_value(self, instance):
        value = instance.figures.get("headline", {}).get(self.figure)
        return "–" if value is None else value


class CoverageSnapshotViewSet(ModelViewSet):
    """Read-only listing of the stored quarterly figures (the Board report shows them)."""

    model = CoverageSnapshot
    icon = "table"
    menu_label = "Quarterly snapshots"
    menu_name = "coverage-snapshots"
    menu_order = 1080
    menu_hook = "register_reports_menu_item"
    add_to_reference_index = False
    list_display = [
        Column("label", label="Quarter"),
        Column("taken_at", label="Stored on"),
        SnapshotHeadlineColumn("trained", "People trained", "trained_in_quarter"),
        SnapshotHeadlineColumn("in_date", "People in date at the end", "in_date_people"),
        SnapshotHeadlineColumn("coverage", "Coverage (%)", "coverage"),
        Column("definitions_version", label="Definitions"),
    ]
    ordering = ["-year", "-quarter"]
    copy_view_enabled = False
    inspect_view_enabled = False

    def get_urlpatterns(self):
        # The listing only: no add, edit, delete, history or usage views exist.
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
        ]

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        for name in ("add", "edit", "delete", "history", "usage"):
            view_kwargs[f"{name}_url_name"] = None
        return view_kwargs

    def get_permissions_to_register(self):
        return Permission.objects.none()


register_permission_policy(
    CoverageSnapshot, SnapshotPermissionPolicy(CoverageSnapshot), exact_class=True
)


@hooks.register("register_admin_viewset")
def register_snapshot_viewset():
    return CoverageSnapshotViewSet("coverage_snapshots")
