"""Confirm agency members: the agency lead (their own agency) or the coordinator (any)
confirms that people who picked an agency at sign-up really work there, or says they do not.

Until confirmed, a member never counts in the agency's coverage or appears in its drill-down
(see ``accounts.selectors``). Served beside the coverage dashboard, under /learning/coverage/,
so it needs the same two-factor authentication; leads do not use the Wagtail admin.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from network.models import Agency

from . import services
from .models import User
from .selectors import awaiting_confirmation, confirmation_scope, verified_email


class AgencyFilterForm(forms.Form):
    agency = forms.ModelChoiceField(
        queryset=Agency.objects.none(),
        required=False,
        empty_label="All agencies",
        label="Agency",
        error_messages={"invalid_choice": "Select an agency from the list"},
    )

    def __init__(self, *args, scope=None, **kwargs):
        super().__init__(*args, **kwargs)
        agencies = Agency.objects.order_by("name")
        if scope is not None:
            agencies = agencies.filter(pk__in=scope)
        self.fields["agency"].queryset = agencies


class ConfirmSelectedForm(forms.Form):
    person = forms.TypedMultipleChoiceField(
        coerce=int,
        choices=(),
        required=True,
        widget=forms.CheckboxSelectMultiple,
        label="People to confirm",
        error_messages={
            "required": "Select at least one person to confirm",
            "invalid_choice": "Select people from the list",
        },
    )

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [(p.pk, p.full_name or p.email) for p in people]


MAX_ID = 2**63 - 1  # the largest id a database column can hold


def _person_ids(values) -> list[int]:
    try:
        ids = sorted({int(value) for value in values})
    except (TypeError, ValueError):
        raise Http404("No such person") from None
    if not ids or not all(0 < pk <= MAX_ID for pk in ids):
        raise Http404("No such person")
    return ids


def _in_scope(viewer, ids: list[int], scope) -> list[User]:
    """The people named, all of whom must be in an agency ``viewer`` may confirm for; any
    other id (another agency's member, no such person) is a 404 and nothing changes."""
    people = User.objects.filter(pk__in=ids, agency__isnull=False, is_active=True)
    if scope is not None:
        people = people.filter(agency_id__in=scope)
    people = list(people.select_related("agency"))
    if len(people) != len(ids):
        raise Http404("No such person in your agency")
    return people


def _plural(count: int) -> str:
    return "1 person" if count == 1 else f"{count} people"


@login_required
@require_http_methods(["GET", "POST"])
def confirm_members(request):
    scope = confirmation_scope(request.user)  # 403 for anyone who may not confirm
    filter_form = AgencyFilterForm(request.GET or None, scope=scope)
    agency = None
    if request.GET.get("agency"):
        if not filter_form.is_valid():
            if scope is not None:
                raise Http404("No such agency")  # a lead asking for another agency
        else:
            agency = filter_form.cleaned_data["agency"]
    people = list(
        awaiting_confirmation(request.user, agency.pk if agency else None).order_by(
            "agency__name", "full_name", "email"
        )
    )
    selected_form = ConfirmSelectedForm(people=people)
    status = 200

    if request.method == "POST":
        here = reverse("courses:coverage_members")
        if agency is not None:
            here += f"?agency={agency.pk}"
        if "decline" in request.POST:
            [person] = _in_scope(request.user, _person_ids([request.POST["decline"]]), scope)
            name, agency_name = person.full_name or person.email, person.agency.name
            services.decline_agency_member(person, by=request.user)
            messages.success(
                request,
                f"{name} is no longer in {agency_name}. They now show as ‘agency not listed’.",
            )
            return redirect(here)
        if "confirm" in request.POST:
            ids = _person_ids([request.POST["confirm"]])
        elif "confirm_selected" in request.POST:
            selected_form = ConfirmSelectedForm(request.POST, people=people)
            if not selected_form.is_valid():
                if "invalid_choice" in {e.code for e in selected_form.errors.as_data()["person"]}:
                    _in_scope(request.user, _person_ids(request.POST.getlist("person")), scope)
                status = 400
                ids = None
            else:
                ids = _person_ids(selected_form.cleaned_data["person"])
        else:
            raise Http404("Unknown action")
        if ids is not None:
            chosen = _in_scope(request.user, ids, scope)
            confirmed = services.confirm_agency_members(chosen, by=request.user)
            unverified = (
                User.objects.filter(pk__in=ids).exclude(verified_email()).count()
                if confirmed
                else 0
            )
            text = (
                f"Confirmed {_plural(confirmed)}."
                if confirmed
                else "Nobody needed confirming: they were already confirmed."
            )
            if unverified:
                text += (
                    f" {_plural(unverified)} still {'needs' if unverified == 1 else 'need'} "
                    "to verify their email address before they count in the figures."
                )
            messages.success(request, text)
            return redirect(here)

    context = {
        "people": people,
        "agency": agency,
        "filter_form": filter_form,
        "show_filter": scope is None,
        "selected_form": selected_form,
        # The page's error summary shows these errors.
        "form": next((f for f in (selected_form, filter_form) if f.is_bound and f.errors), None),
    }
    return TemplateResponse(request, "courses/coverage/members.html", context, status=status)
