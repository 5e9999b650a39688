"""The audit log in the Wagtail admin (Reports > Audit log): read-only, for ``view_audit`` holders.

Nobody, administrators included, can add, change or delete entries here: the viewset has no
such URLs and its permission policy grants only "view".
"""

import django_filters
from django.contrib.auth.models import Permission
from django.urls import path
from wagtail import hooks
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .audit import ACTIONS
from .models import AuditEvent


class AuditPermissionPolicy(ModelPermissionPolicy):
    """Viewing needs ``accounts.view_audit`` (superusers have it); nothing else is allowed."""

    def _get_permission_codename(self, action):
        return "view_audit"

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        if "view" not in actions:
            return super().users_with_any_permission([]).none()
        return super().users_with_any_permission(["view"])


def action_choices():
    """The known actions, and any other recorded one (so every entry can be filtered to)."""
    choices = dict(ACTIONS)
    for action in AuditEvent.objects.order_by("action").values_list("action", flat=True).distinct():
        choices.setdefault(action, action)
    return sorted(choices.items(), key=lambda item: item[1])


class AuditEventFilterSet(WagtailFilterSet):
    action = django_filters.ChoiceFilter(label="Action", choices=action_choices)
    at = django_filters.DateFromToRangeFilter(label="Date", widget=DateRangePickerWidget)

    class Meta:
        model = AuditEvent
        fields = ["action", "at"]


class TargetColumn(Column):
    def get_value(self, instance):
        if not instance.target_type:
            return ""
        return f"{instance.target_type} #{instance.target_id}"


class ActorColumn(Column):
    def get_value(self, instance):
        return str(instance.actor) if instance.actor_id else "—"


class AuditEventViewSet(ModelViewSet):
    model = AuditEvent
    icon = "history"
    menu_label = "Audit log"
    menu_name = "audit-log"
    menu_order = 50
    menu_hook = "register_reports_menu_item"
    add_to_reference_index = False
    list_display = [
        Column("at", label="When", sort_key="at"),
        ActorColumn("actor", label="Who"),
        Column("action", label="Action", sort_key="action"),
        TargetColumn("target", label="Target"),
        Column("summary", label="Summary"),
        # Sign-in events only: where the attempt came from.
        Column("client_ip", label="Client address"),
        Column("user_agent", label="Browser"),
    ]
    filterset_class = AuditEventFilterSet
    search_fields = ["summary"]
    ordering = ["-at", "-pk"]
    list_per_page = 50
    copy_view_enabled = False
    inspect_view_enabled = False

    def get_queryset(self, request):
        return AuditEvent.objects.select_related("actor")

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
        # Only this permission is offered in the group editor.
        return Permission.objects.filter(content_type__app_label="accounts", codename="view_audit")


register_permission_policy(AuditEvent, AuditPermissionPolicy(AuditEvent), exact_class=True)


@hooks.register("register_admin_viewset")
def register_audit_viewset():
    return AuditEventViewSet("audit_log")
