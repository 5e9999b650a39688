"""Render Django form fields with GOV.UK Frontend markup.

``{% govuk_field form.email %}`` picks the GOV.UK component that matches the widget
(text input, password input, textarea, select, radios, checkboxes or a single checkbox),
and wires up hint and error ids with ``aria-describedby`` so screen readers announce them.
"""

import copy

from django import forms, template
from django.template.loader import render_to_string

register = template.Library()

WIDTH_CLASSES = {
    "email": "govuk-!-width-two-thirds",
    "tel": "govuk-input--width-20",
    "number": "govuk-input--width-5",
}


def field_kind(field) -> str:
    widget = field.field.widget
    if isinstance(widget, forms.HiddenInput):
        return "hidden"
    # CheckboxSelectMultiple is a subclass of RadioSelect: test it first.
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.PasswordInput):
        return "password"
    if isinstance(widget, forms.FileInput):
        return "file"
    return "input"


def field_anchor(field) -> str:
    """The id an error summary link should point at (the first option for radios)."""
    if field_kind(field) in {"radios", "checkboxes"}:
        return f"{field.auto_id}_0"
    return field.auto_id


def _describedby(field) -> str:
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}-hint")
    if field.errors:
        ids.append(f"{field.auto_id}-error")
    return " ".join(ids)


@register.simple_tag
def govuk_field(field, label_size=None, heading=False):
    kind = field_kind(field)
    if kind == "hidden":
        return field.as_widget()
    describedby = _describedby(field)
    attrs = {}
    if describedby and kind not in {"radios", "checkboxes"}:
        attrs["aria-describedby"] = describedby
    css = {
        "input": "govuk-input",
        "password": "govuk-input govuk-password-input__input govuk-js-password-input-input",
        "textarea": "govuk-textarea",
        "select": "govuk-select",
        "file": "govuk-file-upload",
        "checkbox": "govuk-checkboxes__input",
    }.get(kind)
    if css:
        input_type = getattr(field.field.widget, "input_type", "")
        extra = WIDTH_CLASSES.get(input_type, "")
        error_css = {
            "input": "govuk-input--error",
            "password": "govuk-input--error",
            "textarea": "govuk-textarea--error",
            "select": "govuk-select--error",
            "file": "govuk-file-upload--error",
        }.get(kind, "")
        attrs["class"] = " ".join(
            c
            for c in (
                css,
                extra,
                error_css if field.errors else "",
                field.field.widget.attrs.get("class", ""),
            )
            if c
        )
    if kind == "password":
        attrs.update({"spellcheck": "false", "autocapitalize": "none"})
    context = {
        "field": field,
        "kind": kind,
        "widget": _render_widget(field, attrs) if kind not in {"radios", "checkboxes"} else "",
        "describedby": describedby,
        "label_size": label_size,
        "heading": heading,
        "options": list(field.subwidgets) if kind in {"radios", "checkboxes"} else [],
    }
    return render_to_string("govuk/field_widget.html", context)


def _render_widget(field, attrs):
    # GOV.UK asks for no placeholders (they vanish on typing and fail contrast); some
    # third-party forms (allauth) set them, so drop them here.
    widget = copy.copy(field.field.widget)
    widget.attrs = {k: v for k, v in widget.attrs.items() if k != "placeholder"}
    return field.as_widget(widget=widget, attrs=attrs)


@register.simple_tag
def govuk_anchor(field):
    return field_anchor(field)


@register.inclusion_tag("govuk/error_summary.html")
def govuk_error_summary(form):
    items = []
    if form is not None and hasattr(form, "errors") and form.errors:
        for error in form.non_field_errors():
            items.append({"href": "", "message": error})
        for field in form:
            for error in field.errors:
                items.append({"href": f"#{field_anchor(field)}", "message": error})
    return {"items": items}


class ServiceTitleNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        from django.conf import settings

        name = context.get("SERVICE_NAME") or settings.SERVICE_NAME
        title = " ".join(self.nodelist.render(context).split())
        if not title or title.rstrip(":").strip() == "Error":
            return f"{title} {name}".strip()
        if name in title:
            return title
        return f"{title} – {name}"


@register.tag
def service_title(parser, token):
    """``{% service_title %}Page{% endservice_title %}`` gives "Page, dash, Service name": the
    service name once, never twice (a page whose own title already holds it, like the home
    page, keeps its title as it is)."""
    nodelist = parser.parse(("endservice_title",))
    parser.delete_first_token()
    return ServiceTitleNode(nodelist)


# --- Character count ----------------------------------------------------------------------
# ``{% govuk_counted_field form.description %}`` renders a text input or textarea inside the
# GOV.UK Frontend character count component (``govuk-character-count`` with
# ``data-maxlength``), which the site's JavaScript (``initAll`` in app.mjs) starts. The field
# never carries a ``maxlength`` attribute: browsers would cut pasted text without a word.
# Text over the limit is refused by the form's own validation, with a message, and shown
# back in full so nothing typed is lost.


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
    return render_to_string("govuk/counted_field.html", context)
