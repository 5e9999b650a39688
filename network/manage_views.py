"""Signed-in pages for a venue's contact and staff.

Every venue page is looked up with ``selectors.managed_venue``, which 404s for anyone who is
not that venue's contact, so nobody sees another venue's details.
"""

import datetime
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from accounts import invitations

from . import selectors, services
from .manage_forms import AnnualCheckForm, InviteStaffForm, ListingForms
from .models import ChangeStatus, VenueMembership, VenueRole, VenueStatus

CHECKABLE = (VenueStatus.APPROVED, VenueStatus.LAPSED)
TAG_COLOURS = {
    VenueStatus.SUBMITTED: "govuk-tag--light-blue",
    VenueStatus.UNDER_REVIEW: "govuk-tag--blue",
    VenueStatus.APPROVED: "govuk-tag--green",
    VenueStatus.REJECTED: "govuk-tag--red",
    VenueStatus.SUSPENDED: "govuk-tag--orange",
    VenueStatus.LAPSED: "govuk-tag--grey",
}
MEANINGS = {
    VenueStatus.SUBMITTED: "We have your application. A Safe Places officer will look at it soon.",
    VenueStatus.UNDER_REVIEW: "A Safe Places officer is checking your application.",
    VenueStatus.APPROVED: "Your venue is a Safe Place and is shown in the public finder.",
    VenueStatus.REJECTED: "Your application was not accepted.",
    VenueStatus.SUSPENDED: "Your listing is suspended. It is not shown in the public finder.",
    VenueStatus.LAPSED: "Your listing has lapsed. It is not shown in the public finder.",
}


def status_tag_class(status: str) -> str:
    return TAG_COLOURS.get(status, "govuk-tag--grey")


def _module_url(request) -> str | None:
    module = selectors.scheme_settings().module
    if module is None or not module.live:
        return None
    return module.get_url(request)


# --- Your venues ----------------------------------------------------------------------------


@never_cache
@login_required
@require_http_methods(["GET"])
def venue_list(request):
    managed = list(selectors.venues_for_contact(request.user).order_by("name"))
    managed_ids = {venue.pk for venue in managed}
    staff_of = [
        venue
        for venue in selectors.venues_for_staff(request.user).order_by("name")
        if venue.pk not in managed_ids
    ]
    context = {
        "venues": [
            {"venue": venue, "tag_class": status_tag_class(venue.status)} for venue in managed
        ],
        "staff_of": staff_of,
        "module_url": _module_url(request) if staff_of else None,
    }
    return TemplateResponse(request, "network/manage/venue_list.html", context)


def _staff_rows(venue, now):
    expiry = now - datetime.timedelta(days=services.INVITATION_DAYS)
    rows = []
    for row in selectors.venue_staff(venue, now=now):
        membership = row.membership
        rows.append(
            {
                "row": row,
                "is_contact": membership.role == VenueRole.CONTACT,
                "invitation_expired": (
                    not row.joined
                    and membership.invited_at is not None
                    and membership.invited_at < expiry
                ),
            }
        )
    return rows


def _next_steps(venue, minimum: int, trained: int) -> list[str]:
    people = "member of staff" if minimum == 1 else "members of staff"
    training = (
        f"At least {minimum} {people} must complete the Safe Places training before your "
        "venue can be approved."
    )
    if venue.status in (VenueStatus.SUBMITTED, VenueStatus.UNDER_REVIEW):
        steps = ["A Safe Places officer will check your application and may contact you."]
        if trained < minimum and venue.status == VenueStatus.SUBMITTED:
            steps.append(
                training + " You can invite your staff once the officer has started reviewing "
                "your application."
            )
        elif trained < minimum:
            steps.append(training + " Invite your staff below.")
        steps.append("We will email you when a decision has been made.")
        return steps
    if venue.status == VenueStatus.APPROVED:
        steps = []
        if not venue.is_listed:
            steps.append(
                "We could not yet place your venue on the map from its postcode. A Safe "
                "Places officer will fix this, and then your venue will appear in the finder."
            )
        steps.append(
            f"Keep at least {minimum} {people} trained. Certificates expire, so staff need to "
            "take the training again before then, or your listing will lapse."
        )
        if venue.next_check_due:
            steps.append(
                f"Confirm your details are still right by {venue.next_check_due:%-d %B %Y}."
            )
        return steps
    if venue.status == VenueStatus.LAPSED:
        steps = ["Confirm your details are still right using the annual check."]
        if trained < minimum:
            steps.append(training)
        steps.append("A Safe Places officer will then review your venue again.")
        return steps
    if venue.status == VenueStatus.SUSPENDED:
        return ["A Safe Places officer will contact you about what needs to happen next."]
    return ["If things change, you can apply again."]


def _detail_response(request, venue, form):
    now = timezone.now()
    config = selectors.scheme_settings()
    trained = selectors.trained_count(venue, now=now)
    minimum = config.minimum_trained_staff
    invite_problem = services.invite_problem(venue)
    context = {
        "venue": venue,
        "hours": list(venue.hours.all()),
        "tag_class": status_tag_class(venue.status),
        "meaning": MEANINGS.get(venue.status, ""),
        "shows_reason": venue.status
        in (VenueStatus.REJECTED, VenueStatus.SUSPENDED, VenueStatus.LAPSED),
        "next_steps": _next_steps(venue, minimum, trained),
        "staff": _staff_rows(venue, now),
        "trained": trained,
        "minimum": minimum,
        "module": config.module if config.module and config.module.live else None,
        "module_url": _module_url(request),
        "can_check": venue.status in CHECKABLE,
        "can_invite": invite_problem is None,
        "invite_problem": invite_problem,
        "invites_per_hour": services.INVITES_PER_HOUR,
        "can_download": venue.status == VenueStatus.APPROVED,
        "public_url": (reverse("network:venue", args=[venue.slug]) if venue.is_listed else None),
        "can_edit": venue.status != VenueStatus.REJECTED,
        "pending_change": selectors.pending_change(venue),
        "refused_change": _refused_change(venue),
        "form": form,
    }
    return TemplateResponse(request, "network/manage/venue_detail.html", context)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def venue_detail(request, venue_id: int):
    venue = selectors.managed_venue(request.user, venue_id)
    form = InviteStaffForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        problem = services.invite_problem(venue)
        if problem:
            messages.error(request, problem)
            return redirect("network:manage_venue", venue.pk)
        if form.is_valid():
            email = form.cleaned_data["email"]
            try:
                services.invite_staff(venue, email, by=request.user)
            except ValidationError as error:
                form.add_error("email", error)
            else:
                messages.success(
                    request,
                    f"We have emailed an invitation to {email}. They will appear as trained "
                    "once they have joined and passed the training.",
                )
                return redirect("network:manage_venue", venue.pk)
    return _detail_response(request, venue, form)


@never_cache
@login_required
@require_POST
def remove_staff(request, venue_id: int, membership_id: int):
    venue = selectors.managed_venue(request.user, venue_id)
    membership = get_object_or_404(
        VenueMembership.objects.select_related("user", "venue"), pk=membership_id, venue=venue
    )
    who = (membership.user.full_name or membership.user.email) if membership.user else None
    who = who or membership.invited_email
    try:
        services.remove_member(membership, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, f"{who} has been removed from your staff list.")
    return redirect("network:manage_venue", venue.pk)


# --- Editing the listing --------------------------------------------------------------------


def _refused_change(venue):
    """The last decided change, if it was not accepted and nothing newer is waiting."""
    if selectors.pending_change(venue) is not None:
        return None
    last = selectors.last_decided_change(venue)
    return last if last is not None and last.status == ChangeStatus.REJECTED else None


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def edit_listing(request, venue_id: int):
    """The contact changes the public listing. The change waits for an officer's review; the
    form shows the waiting change, if there is one, so it can be corrected."""
    venue = selectors.managed_venue(request.user, venue_id)
    if venue.status == VenueStatus.REJECTED:
        raise Http404("A rejected application has no listing to edit")
    pending = selectors.pending_change(venue)
    if request.method == "POST":
        forms = ListingForms(request.POST)
        if forms.is_valid():
            try:
                services.propose_listing_change(
                    venue, forms.details(), forms.hours_rows(), by=request.user
                )
            except services.NothingChanged as error:
                forms.main.add_error(None, error)
            else:
                messages.success(
                    request,
                    "Your changes are waiting for review. A Safe Places officer will check "
                    "them; until then your listing shows the details it had before.",
                )
                return redirect("network:manage_venue", venue.pk)
    elif pending is not None:
        forms = ListingForms(
            details=pending.proposed, hours=selectors.hours_from_json(pending.proposed["hours"])
        )
    else:
        forms = ListingForms(
            details=selectors.listing_details(venue), hours=selectors.listing_hours(venue)
        )
    context = {
        "venue": venue,
        "form": forms,
        "main": forms.main,
        "hours": forms.hours,
        "pending": pending,
    }
    return TemplateResponse(request, "network/manage/edit_listing.html", context)


# --- Annual check ---------------------------------------------------------------------------


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def annual_check(request, venue_id: int):
    venue = selectors.managed_venue(request.user, venue_id)
    if venue.status not in CHECKABLE:
        context = {"venue": venue, "form": None}
        return TemplateResponse(request, "network/manage/annual_check.html", context)
    form = AnnualCheckForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        was_lapsed = venue.status == VenueStatus.LAPSED
        services.confirm_details(venue, by=request.user, changes=form.cleaned_data["changes"])
        if was_lapsed:
            text = (
                "Thank you for confirming your details. A Safe Places officer will review "
                "your venue again."
            )
        else:
            text = (
                "Thank you for confirming your details. Your next check is due on "
                f"{venue.next_check_due:%-d %B %Y}."
            )
        messages.success(request, text)
        return redirect("network:manage_venue", venue.pk)
    context = {"venue": venue, "form": form}
    return TemplateResponse(request, "network/manage/annual_check.html", context)


# --- Membership pack ------------------------------------------------------------------------


@never_cache
@login_required
@require_http_methods(["GET"])
def membership_pack(request, venue_id: int):
    venue = selectors.managed_venue(request.user, venue_id)
    if venue.status != VenueStatus.APPROVED:
        raise Http404("Only approved venues have a membership pack")
    from config.site_url import absolute

    from . import membership_pdf

    public_url = absolute(reverse("network:venue", args=[venue.slug]))  # SITE_URL, not the host
    response = HttpResponse(
        membership_pdf.render(venue, public_url), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="{membership_pdf.filename(venue)}"'
    return response


# --- Joining a venue's staff ----------------------------------------------------------------


def _invalid_invitation(request):
    return TemplateResponse(request, "network/manage/join_invalid.html", status=404)


def account_links(next_url: str) -> dict[str, str]:
    """Sign-in and create-an-account links that bring the person back to ``next_url``."""
    query = urlencode({"next": next_url})
    return {
        "signup_url": f"{reverse('account_signup')}?{query}",
        "login_url": f"{reverse('account_login')}?{query}",
    }


def wrong_address(request, problem: str, what: str):
    """The page for someone signed in with an address a link was not sent to (or one they
    have not confirmed). It names nothing about the venue."""
    context = {"unverified": problem == "unverified", "what": what}
    return TemplateResponse(request, "network/wrong_address.html", context, status=403)


@never_cache
@require_http_methods(["GET", "POST"])
def join(request, token: str):
    pending = services.invitation(token)
    if pending is None:
        return _invalid_invitation(request)
    here = request.get_full_path()
    if not request.user.is_authenticated:
        if request.method == "POST":
            return redirect_to_login(here)
        # The link proves the address: sign-up offers it filled in and confirmed, asks
        # no partner agency, and comes back here to join (accounts.invitations).
        invitations.carry_to_signup(request, pending.invited_email, venue_staff=True)
        return TemplateResponse(request, "network/manage/join.html", account_links(here))
    problem = selectors.address_problem(request.user, pending.invited_email)
    if problem:
        return wrong_address(request, problem, "invitation")
    if request.method == "POST":
        try:
            membership = services.accept_invitation(token, request.user)
        except services.WrongAddress as refused:
            return wrong_address(
                request, "unverified" if refused.unverified else "different", "invitation"
            )
        except ValidationError:
            return _invalid_invitation(request)
        messages.success(
            request,
            f"You have joined {membership.venue.name}'s staff. Take the Safe Places training "
            "so your venue can count you as trained.",
        )
        return redirect(_module_url(request) or reverse("network:manage"))
    return TemplateResponse(request, "network/manage/join.html", {"venue": pending.venue})
