"""Support services for templates that are not given them in their context."""

from django import template

from pages.selectors import staff_support_services as _staff_support_services

register = template.Library()


@register.simple_tag
def staff_support_services():
    """The published services offered to staff, read fresh for each page."""
    return _staff_support_services()
