"""Showing question texts (courses.quiz_formats.html): sanitised HTML, Wagtail's image embeds
and document links expanded."""

from django import template
from django.utils.safestring import mark_safe
from wagtail.rich_text import expand_db_html

from ..quiz_formats.gift import html_to_plain
from ..quiz_formats.html import sanitise_stored, unwrap_paragraph

register = template.Library()


@register.filter
def question_html(value, mode: str = "block"):
    """A question text as HTML. ``"inline"`` (options, feedback, prompts) removes a lone
    ``<p>`` around it, so it can sit in a label.

    The text is sanitised again here, whatever its source (a saved question, or an attempt's
    frozen copy written before texts were HTML), so mark_safe below only ever marks the
    sanitiser's output: the tags of courses.quiz_formats.html.StoredHtml with their
    attributes escaped, and what Wagtail's own rewriters make of its embeds and links.
    """
    text = sanitise_stored(str(value or ""))
    if mode == "inline":
        text = unwrap_paragraph(text)
    return mark_safe(expand_db_html(text))  # nosec B308 B703 (sanitised just above)


@register.filter
def question_plain(value) -> str:
    """A question text's words on one line (autoescaped when shown), e.g. in a table."""
    return html_to_plain(str(value or ""))
