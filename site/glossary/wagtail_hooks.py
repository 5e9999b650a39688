from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import GlossaryTerm


class GlossaryTermViewSet(SnippetViewSet):
    """Editors draft terms; moderators publish them (the same as support services)."""

    model = GlossaryTerm
    icon = "help"
    menu_label = "Glossary"
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["term", "expansion", "date_checked", "live"]


register_snippet(GlossaryTermViewSet)
