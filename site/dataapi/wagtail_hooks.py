"""API tokens in the Wagtail admin, for the Training coordinator: list, issue (the token is
shown once, on the page that answers the form) and revoke (after a confirmation). Tokens
are never edited or deleted: a token that should change is revoked and a new one issued,
and revoked ones stay listed as the record of who had access."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.views.decorators.http import require_http_methods
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.menus import MenuItem as ListingMenuItem
from wagtail.admin.views.generic import CreateView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from . import services
from .models import ApiToken, Scope

REVOKE_PERMISSION = "dataapi.revoke_apitoken"


class ApiTokenPermissionPolicy(ModelPermissionPolicy):
    """Add and view (and revoke, checked by its view); never change or delete."""

    ALLOWED_ACTIONS = {"add", "view"}

    def user_has_permission(self, user, action):
        return action in self.ALLOWED_ACTIONS and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        allowed = self.ALLOWED_ACTIONS.intersection(actions)
        if not allowed:
            return super().users_with_any_permission([]).none()
        return super().users_with_any_permission(allowed)


class TokenCreateView(CreateView):
    def form_valid(self, form):
        data = form.cleaned_data
        row, token = services.create_token(
            organisation=data["organisation"],
            scopes=[scope for scope in Scope.values if data.get(f"scope_{scope}")],
            created_by=self.request.user,
            expires_at=data.get("expires_at"),
        )
        response = TemplateResponse(
            self.request,
            "dataapi/admin/token_created.html",
            {"row": row, "token": token, "index_url": reverse(self.index_url_name)},
        )
        # The token is in this page only: no browser or proxy may keep a copy.
        response["Cache-Control"] = "no-store"
        return response


class TokenIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.revoked_at is None and self.request.user.has_perm(REVOKE_PERMISSION):
            buttons.append(
                ListingMenuItem(
                    "Revoke",
                    url=reverse("api_tokens:revoke", args=[instance.pk]),
                    icon_name="bin",
                    priority=20,
                )
            )
        return buttons


@require_http_methods(["GET", "POST"])
def revoke(request, pk: int):
    if not request.user.has_perm(REVOKE_PERMISSION):
        raise PermissionDenied
    row = get_object_or_404(ApiToken, pk=pk)
    index = reverse("api_tokens:index")
    if row.revoked_at is not None:
        messages.info(request, f"{row} was already revoked.")
        return redirect(index)
    if request.method == "POST":
        services.revoke_token(row, revoked_by=request.user)
        messages.success(request, f"{row} revoked. Calls with it are now refused.")
        return redirect(index)
    return TemplateResponse(
        request, "dataapi/admin/confirm_revoke.html", {"row": row, "index_url": index}
    )


class ApiTokenViewSet(ModelViewSet):
    model = ApiToken
    name = "api_tokens"
    icon = "key"
    menu_label = "API tokens"
    menu_order = 390
    add_to_admin_menu = True
    add_to_reference_index = False
    add_view_class = TokenCreateView
    index_view_class = TokenIndexView
    copy_view_enabled = False
    list_display = [
        "organisation",
        "prefix",
        "scopes_display",
        "status",
        "created_at",
        "expires_at",
        "last_used_at",
    ]
    edit_handler = ObjectList(
        [
            FieldPanel("organisation"),
            MultiFieldPanel(
                [FieldPanel(f"scope_{scope}") for scope in Scope.values],
                heading="What it may read",
            ),
            FieldPanel("expires_at"),
        ]
    )

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), path("<int:pk>/revoke/", revoke, name="revoke")]


register_permission_policy(ApiToken, ApiTokenPermissionPolicy(ApiToken))


@hooks.register("register_admin_viewset")
def register_api_tokens():
    return ApiTokenViewSet()
