from django.urls import path, reverse
from django.utils.functional import cached_property
from wagtail import hooks
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button

from .admin_views import staff_import_view
from .models import Agency


class AgencyIndexView(IndexView):
    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if self.request.user.has_perm("accounts.manage_learners"):
            buttons.append(
                Button(
                    "Import a staff list", url=reverse("network_staff_import"), icon_name="upload"
                )
            )
        return buttons


class AgencyViewSet(ModelViewSet):
    model = Agency
    index_view_class = AgencyIndexView
    icon = "group"
    menu_label = "Agencies"
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "sector", "headcount", "is_active"]
    list_filter = ["sector", "is_active"]
    search_fields = ["name", "email_domains__domain"]
    ordering = ["name"]
    inspect_view_enabled = True


@hooks.register("register_admin_viewset")
def register_agency_viewset():
    return AgencyViewSet("agencies")


@hooks.register("register_admin_urls")
def register_staff_import_url():
    return [path("agencies-staff/import/", staff_import_view, name="network_staff_import")]
