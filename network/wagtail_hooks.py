from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from .models import Agency


class AgencyViewSet(ModelViewSet):
    model = Agency
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
