from django import template
from django.utils.safestring import mark_safe

from glossary.marking import mark_terms
from glossary.selectors import glossary_for_marking

register = template.Library()


class GlossaryNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        html = self.nodelist.render(context)
        glossary = glossary_for_marking(context.get("request"))
        # The input is the template's own safe output; Beautiful Soup escapes every text
        # node and attribute it writes back, including the terms' expansions.
        return mark_safe(mark_terms(html, glossary))  # nosec B308 B703


@register.tag("glossary")
def do_glossary(parser, token):
    """``{% glossary %}…{% endglossary %}``: mark the first use of each glossary term in
    what is between (see glossary.marking)."""
    nodelist = parser.parse(("endglossary",))
    parser.delete_first_token()
    return GlossaryNode(nodelist)
