"""GOV.UK character count fields for the Safe Places forms.

``{% govuk_counted_field form.description %}`` renders a text input or textarea inside the
GOV.UK Frontend character count component (``govuk-character-count`` with
``data-maxlength``), which the site's JavaScript (``initAll`` in app.mjs) starts. The field
never carries a ``maxlength`` attribute: browsers would cut pasted text without a word.
Text over the limit is refused by the form's own validation, with a message, and shown back
in full so nothing typed is lost.
"""

import copy

from django import forms, template
from django.template.loader import render_to_string

register = template.Library()


@register.simple_tag
def govuk_counted_field(field, label_size=None):
    limit = field.field.max_length
    is_textarea = isinstance(field.field.widget, forms.Textarea)
    ids = [f"{field.auto_id}-info"]
    if field.help_text:
        ids.append(f"{field.auto_id}-hint")
    if field.errors:
        ids.append(f"{field.auto_id}-error")
    base = "govuk-textarea" if is_textarea else "govuk-input"
    css = [base, "govuk-js-character-count"]
    if field.errors:
        css.append(f"{base}--error")
    if field.field.widget.attrs.get("class"):
        css.append(field.field.widget.attrs["class"])
    widget = copy.copy(field.field.widget)
    widget.attrs = {k: v for k, v in widget.attrs.items() if k not in {"maxlength", "placeholder"}}
    rendered = field.as_widget(
        widget=widget, attrs={"class": " ".join(css), "aria-describedby": " ".join(ids)}
    )
    context = {
        "field": field,
        "widget": rendered,
        "limit": limit,
        "label_size": label_size,
    }
    return render_to_string("network/includes/counted_field.html", context)
