from django import template

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
