"""Showing coverage figures: whole numbers with thousands separators, percentages as
rounded once by ``courses.coverage_definitions.percent``."""

from django import template

register = template.Library()


@register.filter
def count(value) -> str:
    """1200 → "1,200"; 1200.0 → "1,200" (a headcount is never shown with a decimal)."""
    if value is None or value != value:
        return ""
    return f"{int(value):,}"
