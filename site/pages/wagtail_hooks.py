from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import ContactMessage, SupportService


class SupportServiceViewSet(SnippetViewSet):
    model = SupportService
    icon = "warning"
    menu_label = "Support services"
    menu_order = 200
    add_to_admin_menu = True
    list_display = ["name", "phone", "date_checked", "live"]
    search_fields = ["name", "helps_with"]


register_snippet(SupportServiceViewSet)


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
