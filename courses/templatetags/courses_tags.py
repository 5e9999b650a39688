import hashlib
import re

from django import template
from django.core.cache import cache
from django.template import loader
from django.utils import timezone
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def lookup(mapping, key):
    """``{{ forms|lookup:block.id }}``: a dictionary entry by a key held in a variable."""
    try:
        return mapping.get(key)
    except AttributeError:
        return None


@register.filter
def minutes(value):
    """``45`` -> ``45 minutes``; ``90`` -> ``1 hour 30 minutes``."""
    try:
        total = int(value)
    except (TypeError, ValueError):
        return ""
    hours, mins = divmod(total, 60)
    parts = []
    if hours:
        parts.append(f"{hours} hour{'s' if hours != 1 else ''}")
    if mins or not hours:
        parts.append(f"{mins} minute{'s' if mins != 1 else ''}")
    return " ".join(parts)


# The lesson body: the same for every learner, apart from their reflection forms.
LESSON_BODY_SECONDS = 24 * 60 * 60
_REFLECTION_SLOT = re.compile(r"<!--app-reflection-form ([\w-]+)-->")


class LessonBodyNode(template.Node):
    """``{% lesson_body %}…{% endlesson_body %}`` around the lesson's blocks: the first use
    of each glossary term is marked (``glossary.marking``, as ``{% glossary %}`` does).

    What is between is rendered once per published version of the lesson and of the
    glossary, and cached under a key made only of those (lesson id, revision, publication
    time, a digest of the glossary terms, the content version of ``courses.content_cache``
    and, with a support service in the body, the minute): nothing about the learner.
    Reflection blocks render a placeholder there instead of their form; each learner's own
    forms (their saved answers, the CSRF token) are rendered on every request and put in
    its place. Previews (drafts) and pages that are not live are never cached.
    """

    def __init__(self, nodelist):
        self.nodelist = nodelist

    def _key(self, page, request, glossary) -> str | None:
        if getattr(request, "is_preview", False) or not page.live:
            return None
        from courses.content_cache import content_version

        digest = hashlib.sha256(repr(glossary).encode()).hexdigest()[:16]
        published = page.last_published_at.timestamp() if page.last_published_at else ""
        key = (
            f"courses:lesson-body:{page.pk}:{page.latest_revision_id}:{published}:{digest}"
            f":{content_version()}"
        )
        if any(block.block_type == "get_help" for block in page.body):
            # "Open now" / "Closed now" change on the minute (Europe/London).
            key += timezone.localtime().strftime(":%Y%m%d%H%M")
        return key

    def render(self, context):
        from glossary.marking import mark_terms
        from glossary.selectors import glossary_for_marking

        page, request = context["page"], context.get("request")
        glossary = glossary_for_marking(request)
        key = self._key(page, request, glossary)
        shared = cache.get(key) if key else None
        if shared is None:
            # The first use of each glossary term marked, as {% glossary %} does.
            shared = mark_terms(self.nodelist.render(context), glossary)
            if key:
                cache.set(key, shared, LESSON_BODY_SECONDS)
        forms = context.get("reflection_forms") or {}
        blocks = {block.id: block for block in page.body if block.block_type == "reflection"}

        def personal(match):
            block = blocks.get(match[1])
            form = forms.get(match[1])
            if block is None or form is None:
                return ""
            with context.push(value=block.value, block_id=block.id, reflection_form=form):
                return _form_template().render(context)

        return mark_safe(_REFLECTION_SLOT.sub(personal, shared))  # nosec B308 B703


def _form_template():
    return loader.get_template("courses/blocks/reflection_form.html").template


@register.tag("lesson_body")
def do_lesson_body(parser, token):
    nodelist = parser.parse(("endlesson_body",))
    parser.delete_first_token()
    return LessonBodyNode(nodelist)
