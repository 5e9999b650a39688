"""The public Safe Places application form (no account needed) and its confirmation page."""

import logging

from django.conf import settings
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from config.ratelimit import allow

from . import selectors, services
from .forms import CHARTER, ApplicationForms
from .models import Venue

logger = logging.getLogger("safecity.safeplaces")

SESSION_KEY = "safe_places_application"
DUPLICATE = (
    "An application for this address has already been made. If you need to change it, "
    "contact the Safe Places team."
)


def _form_page(request, forms):
    return TemplateResponse(
        request,
        "network/apply.html",
        {"form": forms, "main": forms.main, "hours": forms.hours, "charter": CHARTER},
    )


@never_cache
@require_http_methods(["GET", "POST"])
def apply(request):
    if request.method != "POST":
        return _form_page(request, ApplicationForms())
    forms = ApplicationForms(request.POST)
    if forms.is_spam:
        logger.info("Safe Places application refused: spam trap filled")
        return TemplateResponse(request, "network/too_many.html", {"refused": True}, status=400)
    if not forms.is_valid():
        return _form_page(request, forms)
    # Counted only for complete applications, so correcting mistakes never locks anyone out.
    limit = settings.SAFE_PLACES_APPLICATIONS_PER_HOUR
    if not allow(request, "safe-places-apply", limit, 3600):
        return TemplateResponse(request, "network/too_many.html", {"limit": limit}, status=429)
    try:
        application = services.submit_application(
            forms.details(), forms.hours_rows(), forms.submission_id
        )
    except services.DuplicateApplication:
        forms.main.add_error("address_line_1", DUPLICATE)
        return _form_page(request, forms)
    request.session[SESSION_KEY] = application.venue.pk
    return redirect("network:apply_received")


@never_cache
@require_GET
def received(request):
    venue = Venue.objects.filter(pk=request.session.get(SESSION_KEY) or 0).first()
    if venue is None:
        return redirect("network:apply")
    context = {
        "venue": venue,
        "minimum_trained": selectors.scheme_settings().minimum_trained_staff,
    }
    return TemplateResponse(request, "network/apply_received.html", context)
