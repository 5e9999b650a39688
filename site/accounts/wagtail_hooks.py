from django.urls import reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic import EditView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .models import Learner
from .viewsets import ConfirmAgencyMixin


class LearnerPermissionPolicy(ModelPermissionPolicy):
    """Coordinators may view and correct learners' records, and nothing more.

    Adding, deleting and role changes stay with administrators in Wagtail's user admin.
    """

    ALLOWED_ACTIONS = {"view", "change"}

    def _get_permission_codename(self, action):
        return "manage_learners"

    def user_has_permission(self, user, action):
        return action in self.ALLOWED_ACTIONS and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        if not self.ALLOWED_ACTIONS.intersection(actions):
            return Learner.objects.none()
        return super().users_with_any_permission(actions)


class LearnerEditView(ConfirmAgencyMixin, EditView):
    """The coordinator putting someone in an agency confirms the membership (by them)."""


class LearnerViewSet(ModelViewSet):
    model = Learner
    edit_view_class = LearnerEditView
    icon = "user"
    menu_label = "Learners"
    menu_order = 310
    add_to_admin_menu = True
    add_to_reference_index = False
    list_display = ["full_name", "email", "agency", "agency_confirmed_at", "job_role"]
    list_filter = ["agency", "job_role"]
    search_fields = ["full_name", "email"]
    form_fields = ["full_name", "job_role", "agency"]
    ordering = ["full_name"]
    copy_view_enabled = False


# Registered for the proxy alone: Wagtail's own user admin keeps its policy for User.
register_permission_policy(Learner, LearnerPermissionPolicy(Learner), exact_class=True)


@hooks.register("register_admin_viewset")
def register_learner_viewset():
    return LearnerViewSet("learners")


class ConfirmMembersMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("accounts.manage_learners")


@hooks.register("register_admin_menu_item")
def register_confirm_members_link():
    # The page itself sits beside the coverage dashboard, where agency leads use it too.
    return ConfirmMembersMenuItem(
        "Confirm agency members", reverse("courses:coverage_members"), icon_name="tick", order=311
    )


# Admin screens defined in their own modules (Wagtail only discovers wagtail_hooks.py).
from . import audit_admin, privacy_hooks  # noqa: E402, F401
