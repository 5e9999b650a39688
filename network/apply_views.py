"""The public Safe Places application form (no account needed), its confirmation page, and
the claim link emailed to the applicant's address."""

import logging

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
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


# --- Claiming an application ----------------------------------------------------------------


def _invalid_claim(request):
    return TemplateResponse(
        request, "network/claim_invalid.html", {"days": services.CLAIM_DAYS}, status=404
    )


@never_cache
@require_http_methods(["GET", "POST"])
def claim(request, token: str):
    """The link emailed to an application's contact address.

    Signed out: sign in or create an account (and come back here). Signed in with exactly
    that address, confirmed: see the application and confirm to manage it. Anyone else sees
    a page that names nothing about the venue, and nothing is attached to their account.
    """
    from .manage_views import account_links, wrong_address

    venue = services.claimable(token)
    if venue is None:
        return _invalid_claim(request)
    here = request.get_full_path()
    if not request.user.is_authenticated:
        if request.method == "POST":
            return redirect_to_login(here)
        # Following the link proves this address is theirs, as allauth's own confirmation
        # link would: sign-up offers it, already confirmed (allauth's invitation mechanism).
        get_adapter(request).stash_verified_email(request, venue.contact_email)
        context = {**account_links(here), "days": services.CLAIM_DAYS}
        return TemplateResponse(request, "network/claim.html", context)
    problem = selectors.address_problem(request.user, venue.contact_email)
    if problem:
        return wrong_address(request, problem, "link")
    if request.method == "POST":
        try:
            venue = services.claim_venue(token, request.user)
        except services.WrongAddress as refused:
            return wrong_address(
                request, "unverified" if refused.unverified else "different", "link"
            )
        except ValidationError:
            return _invalid_claim(request)
        messages.success(
            request,
            "You have confirmed your email address. You can now manage this venue's Safe Places "
            "application.",
        )
        return redirect("network:manage_venue", venue.pk)
    return TemplateResponse(request, "network/claim.html", {"venue": venue})
