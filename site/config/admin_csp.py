"""Give the inline scripts that Wagtail itself writes the nonce of the admin's policy.

Wagtail 8 has no Content Security Policy support of its own: a few admin widgets and
panels still end with a small inline ``<script>`` that initialises them, and none of them
carries a nonce. Without help the admin would need ``script-src 'unsafe-inline'``, which
lets any script injected into an admin page run.

Instead, while ``config.middleware.ContentSecurityPolicyMiddleware`` handles an admin
request it makes the request's nonce available here (``admin_nonce``), and the few places
in Wagtail that write an inline script are wrapped so that *their own* script tag carries
it. Nothing is added to HTML that Wagtail did not write: the date and time widgets and
the panels use copies of Wagtail's templates whose only change is the nonce on their own
``<script>``, and ``BaseChooser.render`` writes its script tag with it. Text anyone typed
is escaped as before and never gets the nonce, so an injected script is blocked.

The places (all of them in Wagtail 8.0; ``tests/config/test_admin_csp.py`` fails when an
admin page shows an inline script without the nonce, and ``tests/e2e/test_admin_csp.py``
when the browser reports a violation):

- the date, time and date-time pickers (``templates/wagtailadmin_csp/widgets/``);
- every chooser widget, ``BaseChooser.render`` (images, documents, pages, snippets, tasks);
- ``InlinePanel`` and ``MultipleChooserPanel`` (``templates/wagtailadmin_csp/panels/``).
"""

from __future__ import annotations

import contextlib
from contextvars import ContextVar
from functools import wraps

from django.utils.html import format_html
from django.utils.safestring import mark_safe

_nonce: ContextVar[object | None] = ContextVar("admin_csp_nonce", default=None)
_installed = False


def current_nonce() -> str | None:
    """The nonce of the admin response being built, or None outside an admin request.

    The request's nonce is created lazily (django-csp): asking for it here is what puts
    it in the Content-Security-Policy header.
    """
    nonce = _nonce.get()
    if callable(nonce):
        nonce = nonce()
    return None if nonce is None else str(nonce)


@contextlib.contextmanager
def admin_nonce(nonce):
    """Within this block, Wagtail's inline scripts carry ``nonce``.

    ``nonce`` is a string, or a callable returning it (so the nonce is only made when a
    script needs it).
    """
    token = _nonce.set(nonce)
    try:
        yield
    finally:
        _nonce.reset(token)


def nonce_attribute() -> str:
    """`` nonce="…"`` for a template's own <script> tag, or nothing outside the admin."""
    nonce = current_nonce()
    return format_html(' nonce="{}"', nonce) if nonce else ""


def _wrap_get_context(widget_class) -> None:
    """Put the nonce in the widget's own context, where the overriding template finds it.

    Wrapping ``get_context`` rather than ``render`` also covers widgets drawn inside other
    widgets (the date range filters are a MultiWidget of two date inputs).
    """
    original = widget_class.get_context
    if getattr(original, "_adds_csp_nonce", False):
        return

    @wraps(original)
    def get_context(self, *args, **kwargs):
        context = original(self, *args, **kwargs)
        context["widget"]["csp_nonce"] = current_nonce()
        return context

    get_context._adds_csp_nonce = True
    widget_class.get_context = get_context


def _chooser_render(self, name, value, attrs=None, renderer=None):
    """``BaseChooser.render`` of Wagtail 8.0, with the nonce on its script tag."""
    try:
        id_ = attrs["id"]
    except (KeyError, TypeError) as e:
        raise TypeError("BaseChooser cannot be rendered without an 'id' attribute") from e
    value_data = self.get_value_data(value)
    widget_html = self.render_html(name, value_data, attrs)
    js = self.render_js_init(id_, name, value_data)
    # As in Wagtail's own render: the HTML comes from Wagtail's templates and the script from
    # render_js_init, which JSON-encodes every value.
    return mark_safe(f"{widget_html}<script{nonce_attribute()}>{js}</script>")  # nosec B308 B703


_chooser_render._adds_csp_nonce = True


def install() -> None:
    """Wrap Wagtail's script-writing widgets and panels (idempotent)."""
    global _installed
    if _installed:
        return
    from wagtail.admin.panels import InlinePanel, MultipleChooserPanel
    from wagtail.admin.widgets import AdminDateInput, AdminDateTimeInput, AdminTimeInput
    from wagtail.admin.widgets.chooser import BaseChooser

    for widget_class, name in (
        (AdminDateInput, "date_input"),
        (AdminTimeInput, "time_input"),
        (AdminDateTimeInput, "datetime_input"),
    ):
        _wrap_get_context(widget_class)
        widget_class.template_name = f"wagtailadmin_csp/widgets/{name}.html"
    BaseChooser.render = _chooser_render
    # Same templates with only the js_init block changed (see the templates themselves).
    InlinePanel.BoundPanel.template_name = "wagtailadmin_csp/panels/inline_panel.html"
    MultipleChooserPanel.BoundPanel.template_name = (
        "wagtailadmin_csp/panels/multiple_chooser_panel.html"
    )
    _installed = True
