from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.reports import ReportView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import ContactMessage, SupportService, summarise_hours
from .selectors import check_due_before, services_to_check


class SupportServiceViewSet(SnippetViewSet):
    model = SupportService
    icon = "warning"
    menu_label = "Support services"
    menu_order = 200
    add_to_admin_menu = True
    list_display = ["name", "phone", "date_checked", "live"]
    search_fields = ["name", "helps_with"]


register_snippet(SupportServiceViewSet)

SUPPORT_SERVICE_POLICY = ModelPermissionPolicy(SupportService)


class ServicesToCheckView(ReportView):
    """Support services whose details were last checked more than 6 calendar months ago,
    oldest first, each linking to its edit page. For people who can change services."""

    page_title = "Support services to check"
    header_icon = "warning"
    index_url_name = "support_services_to_check"
    index_results_url_name = "support_services_to_check_results"
    results_template_name = "pages/reports/support_services_to_check_results.html"
    permission_policy = SUPPORT_SERVICE_POLICY
    permission_required = "change"

    def dispatch(self, request, *args, **kwargs):
        # Refused outright (403), not sent to the dashboard with a message.
        if not SUPPORT_SERVICE_POLICY.user_has_permission(request.user, "change"):
            return TemplateResponse(request, "403.html", status=403)
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return services_to_check().prefetch_related("opening_hours")

    def decorate_paginated_queryset(self, object_list):
        url_name = SupportService.snippet_viewset.get_url_name("edit")
        for service in object_list:
            service.edit_url = reverse(url_name, args=[service.pk])
            service.hours_words = summarise_hours(service.opening_hours.all())
        return object_list

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["due_before"] = check_due_before(timezone.localdate())
        return context


class ServicesToCheckMenuItem(MenuItem):
    def is_shown(self, request):
        return SUPPORT_SERVICE_POLICY.user_has_permission(request.user, "change")


@hooks.register("register_admin_urls")
def register_services_to_check_urls():
    return [
        path(
            "reports/support-services-to-check/",
            ServicesToCheckView.as_view(),
            name="support_services_to_check",
        ),
        path(
            "reports/support-services-to-check/results/",
            ServicesToCheckView.as_view(results_only=True),
            name="support_services_to_check_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_services_to_check_menu_item():
    return ServicesToCheckMenuItem(
        "Support services to check",
        reverse("support_services_to_check"),
        name="support-services-to-check",
        icon_name="warning",
        order=1055,
    )


class ContactMessageViewSet(ModelViewSet):
    """Messages from the Contact page, for the coordinator's team (view and delete only:
    the role holds no add or change permission). The listing shows the topic and date;
    the message and any reply address are read on the inspect page."""

    model = ContactMessage
    name = "contact_messages"
    url_prefix = "contact-messages"
    icon = "mail"
    menu_label = "Contact messages"
    menu_order = 250
    add_to_admin_menu = True
    inspect_view_enabled = True
    inspect_view_fields = ["received_at", "topic", "message", "reply_email"]
    list_display = ["topic", "received_at"]
    list_filter = ["topic"]
    form_fields = ["topic", "message", "reply_email"]
    copy_view_enabled = False


@hooks.register("register_admin_viewset")
def register_contact_messages():
    return ContactMessageViewSet()
