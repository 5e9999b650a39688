from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import SupportService


class SupportServiceViewSet(SnippetViewSet):
    model = SupportService
    icon = "warning"
    menu_label = "Support services"
    menu_order = 200
    add_to_admin_menu = True
    list_display = ["name", "phone", "date_checked", "live"]
    search_fields = ["name", "helps_with"]


register_snippet(SupportServiceViewSet)
