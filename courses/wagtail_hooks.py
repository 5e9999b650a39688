from django.urls import path, reverse
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.reports import PageReportView
from wagtail.models import Page
from wagtail.permissions import policy_registry
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Audience
from .selectors import modules_due_for_review


class AudienceViewSet(SnippetViewSet):
    model = Audience
    icon = "group"
    menu_label = "Audiences"
    add_to_settings_menu = True
    list_display = ["name", "slug"]


register_snippet(AudienceViewSet)


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


class ContentReviewMenuItem(MenuItem):
    def is_shown(self, request):
        return policy_registry.get_by_type(Page).user_has_any_permission(
            request.user, ["add", "change", "publish"]
        )


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
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
