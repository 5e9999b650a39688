"""The Safe Places officers' review workflow in the Wagtail admin.

The listing, edit form and review page (inspect view) are generic Wagtail views adapted
here; the status changes and notes are small confirmation views of their own. Every change
goes through ``network.services``, which checks it is allowed and writes the audit log.
"""

from dataclasses import dataclass
from decimal import Decimal

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Case, Exists, IntegerField, OuterRef, Value, When
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.views.generic import FormView, View
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import EditView, IndexView, InspectView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import HeaderButton
from wagtail.models import ModelLogEntry

from . import selectors, services
from .geocoding import normalise_postcode
from .models import ACTIVE_STATUSES, ChangeStatus, Venue, VenueChange, VenueStatus

REVIEW_PERMISSION = "network.review_venue"


@hooks.register("register_log_actions")
def register_listing_change_actions(actions):
    """History entries for listing changes (registered here, beside the review views; this
    module is imported by wagtail_hooks, so the hook is in place before the registry scans)."""
    actions.register_action(
        "network.venue.change", "Listing change sent", "Sent listing changes for review"
    )
    actions.register_action(
        "network.venue.approve_change", "Listing change approved", "Approved listing changes"
    )
    actions.register_action(
        "network.venue.reject_change", "Listing change not accepted", "Refused listing changes"
    )


# --- Review actions ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ReviewAction:
    """A button on the review page and the status change it asks for."""

    slug: str
    to_status: str
    label: str  # the button, and the confirmation page's heading
    from_statuses: tuple[str, ...]
    explanation: str
    icon: str

    @property
    def needs_reason(self) -> bool:
        return self.to_status in services.NEEDS_REASON

    def allowed_from(self, status: str) -> bool:
        return status in self.from_statuses and status in services.TRANSITIONS[self.to_status]


REVIEW_ACTIONS = {
    action.slug: action
    for action in (
        ReviewAction(
            "review",
            VenueStatus.UNDER_REVIEW,
            "Start review",
            (VenueStatus.SUBMITTED, VenueStatus.LAPSED),
            "The venue is marked as under review. Its contact is not emailed.",
            "resubmit",
        ),
        ReviewAction(
            "approve",
            VenueStatus.APPROVED,
            "Approve",
            (VenueStatus.UNDER_REVIEW,),
            "The venue is listed in the public finder once it has a map pin, its annual "
            "check is set for a year from now and its contact is emailed.",
            "check",
        ),
        ReviewAction(
            "reinstate",
            VenueStatus.APPROVED,
            "Reinstate",
            (VenueStatus.SUSPENDED, VenueStatus.LAPSED),
            "The venue is approved again and listed in the public finder. Its contact is emailed.",
            "check",
        ),
        ReviewAction(
            "reject",
            VenueStatus.REJECTED,
            "Reject",
            (VenueStatus.SUBMITTED, VenueStatus.UNDER_REVIEW),
            "The application is closed and the venue's contact is emailed.",
            "cross",
        ),
        ReviewAction(
            "suspend",
            VenueStatus.SUSPENDED,
            "Suspend",
            (VenueStatus.APPROVED,),
            "The venue leaves the public finder at once and its contact is emailed.",
            "warning",
        ),
    )
}


def available_actions(venue: Venue) -> list[ReviewAction]:
    return [action for action in REVIEW_ACTIONS.values() if action.allowed_from(venue.status)]


# --- Listing ----------------------------------------------------------------------------------


class TrainedStaffColumn(Column):
    """Staff holding an in-date certificate, counted for the whole page in one query."""

    def get_value(self, instance):
        return getattr(instance, "trained_staff", 0)


class VenueIndexView(IndexView):
    def get_base_queryset(self):
        # Applications waiting for an officer come first by default.
        return (
            super()
            .get_base_queryset()
            .annotate(
                has_pending_change=Exists(
                    VenueChange.objects.filter(venue=OuterRef("pk"), status=ChangeStatus.PENDING)
                ),
                review_order=Case(
                    When(status=VenueStatus.SUBMITTED, then=Value(0)),
                    When(has_pending_change=True, then=Value(1)),
                    When(status=VenueStatus.UNDER_REVIEW, then=Value(1)),
                    default=Value(2),
                    output_field=IntegerField(),
                ),
            )
        )

    def paginate_queryset(self, queryset, page_size):
        paginator, page, object_list, is_paginated = super().paginate_queryset(queryset, page_size)
        venues = self.with_trained_counts(object_list)
        page.object_list = venues
        return paginator, page, venues, is_paginated

    @staticmethod
    def with_trained_counts(venues):
        venues = list(venues)
        counts = selectors.trained_counts([venue.pk for venue in venues])
        for venue in venues:
            venue.trained_staff = counts.get(venue.pk, 0)
        return venues

    @cached_property
    def columns(self):
        columns = super().columns
        # The venue's name opens the review page (inspect), where officers act on it.
        columns[0]._get_url_func = lambda venue: (
            self.get_inspect_url(venue) or self.get_edit_url(venue)
        )
        return columns


# --- Edit form --------------------------------------------------------------------------------


class VenueAdminForm(WagtailAdminModelForm):
    """The officer's edit form: the model's validation plus friendly messages for the
    address and map pin, which the database would otherwise refuse with a 500."""

    def clean_postcode(self):
        postcode = normalise_postcode(self.cleaned_data.get("postcode", ""))
        if postcode is None:
            raise ValidationError("Enter a real UK postcode, like SO14 7LY.")
        return postcode

    def clean(self):
        cleaned = super().clean()
        self._clean_pin(cleaned)
        self._clean_address(cleaned)
        return cleaned

    def _clean_pin(self, cleaned):
        if "latitude" in self.errors or "longitude" in self.errors:
            return
        latitude, longitude = cleaned.get("latitude"), cleaned.get("longitude")
        if latitude is None and longitude is None:
            if self.instance.latitude is not None:
                self.add_error(
                    "latitude",
                    "Enter the latitude and longitude. To take the venue out of the finder, "
                    "suspend it instead.",
                )
            return
        if latitude is None:
            self.add_error("latitude", "Enter the latitude as well as the longitude.")
        elif not Decimal(-90) <= latitude <= Decimal(90):
            self.add_error("latitude", "Latitude must be between -90 and 90.")
        if longitude is None:
            self.add_error("longitude", "Enter the longitude as well as the latitude.")
        elif not Decimal(-180) <= longitude <= Decimal(180):
            self.add_error("longitude", "Longitude must be between -180 and 180.")

    def _clean_address(self, cleaned):
        line, postcode = cleaned.get("address_line_1"), cleaned.get("postcode")
        if not line or not postcode:
            return
        key = services.address_key(line, postcode)
        taken = (
            Venue.objects.filter(address_key=key, status__in=ACTIVE_STATUSES)
            .exclude(pk=self.instance.pk)
            .exists()
        )
        if taken and self.instance.status in ACTIVE_STATUSES:
            self.add_error(
                "address_line_1",
                "Another open or listed venue has this address. Check the address and postcode.",
            )
        self.instance.address_key = key


class VenueEditView(EditView):
    def save_instance(self):
        pin_moved = bool({"latitude", "longitude"} & set(self.form.changed_data))
        postcode_changed = "postcode" in self.form.changed_data
        venue = super().save_instance()
        if pin_moved and venue.latitude is not None:
            services.set_location(venue, venue.latitude, venue.longitude, by=self.request.user)
            venue.located_by = "officer"
        elif postcode_changed and venue.located_by != "officer":
            from .tasks import geocode_venue_task

            transaction.on_commit(lambda: geocode_venue_task.enqueue(venue.pk))
        return venue

    def get_success_url(self):
        return reverse(self.inspect_url_name, args=[self.object.pk])


# --- Review page (inspect) --------------------------------------------------------------------


@dataclass
class HistoryRow:
    timestamp: object
    who: str
    action: str
    detail: str


def venue_history(venue: Venue) -> list[HistoryRow]:
    """The venue's audit log, newest first: who did what, and why."""
    entries = (
        ModelLogEntry.objects.for_instance(venue)
        .select_related("user")
        .order_by("-timestamp", "-pk")
    )
    rows = []
    for entry in entries:
        action = entry.formatter.label if entry.formatter else entry.action
        data = entry.data or {}
        detail = data.get("reason") or data.get("note") or data.get("changes") or ""
        if not detail and data.get("source"):
            detail = f"From the {data['source']}"
        if entry.user_id is None:
            who = "System"
        elif entry.user is None:
            who = "A deleted account"
        else:
            who = entry.user.full_name or entry.user.email
        rows.append(HistoryRow(entry.timestamp, who, action, detail))
    return rows


class VenueInspectView(InspectView):
    template_name = "network/admin/venue_inspect.html"
    page_title = "Review"

    def get_object(self, queryset=None):
        return get_object_or_404(Venue.objects.prefetch_related("hours"), pk=self.pk)

    @cached_property
    def can_review(self) -> bool:
        return self.request.user.has_perm(REVIEW_PERMISSION)

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if not self.can_review:
            return buttons
        for priority, action in enumerate(available_actions(self.object), start=10):
            buttons.append(
                HeaderButton(
                    action.label,
                    url=reverse("venues:transition", args=[self.object.pk, action.slug]),
                    icon_name=action.icon,
                    priority=priority,
                )
            )
        if selectors.pending_change(self.object) is not None:
            for priority, (slug, label, icon) in enumerate(
                (
                    ("approve-changes", "Approve listing changes", "check"),
                    ("reject-changes", "Reject listing changes", "cross"),
                ),
                start=40,
            ):
                buttons.append(
                    HeaderButton(
                        label,
                        url=reverse("venues:transition", args=[self.object.pk, slug]),
                        icon_name=icon,
                        priority=priority,
                    )
                )
        buttons.append(
            HeaderButton(
                "Add a note",
                url=reverse("venues:note", args=[self.object.pk]),
                icon_name="comment",
                priority=90,
            )
        )
        return buttons

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        venue = self.object
        context.update(
            venue=venue,
            hours=list(venue.hours.all()),
            staff=selectors.venue_staff(venue),
            approval_problems=services.approval_problems(venue),
            contact_claimed=selectors.has_claimed_contact(venue),
            history=venue_history(venue),
            can_review=self.can_review,
            edit_url=self.get_edit_url(),
        )
        change = selectors.pending_change(venue)
        if change is not None:
            context.update(pending_change=change, change_rows=selectors.change_rows(venue, change))
        return context


# --- Confirmation views -----------------------------------------------------------------------


class TransitionForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        required=False,
        strip=True,
    )

    def __init__(self, *args, action: ReviewAction, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["reason"]
        if action.needs_reason:
            field.required = True
            field.label = "Reason"
            field.help_text = "Recorded in the venue's history and told to the venue's contact."
            field.error_messages["required"] = "Give a reason. The venue's contact is told it."
        else:
            field.label = "Note (optional)"
            field.help_text = "Recorded in the venue's history. Not sent to the venue."


class NoteForm(forms.Form):
    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=2000,
        help_text="Only Safe Places officers see notes. Do not record more personal "
        "information than you need.",
        error_messages={"required": "Write a note."},
    )


class VenueActionView(WagtailAdminTemplateMixin, FormView):
    """A confirmation page for one change to a venue. Needs the review permission."""

    header_icon = "site"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(REVIEW_PERMISSION):
            raise PermissionDenied
        self.venue = get_object_or_404(Venue, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def inspect_url(self):
        return reverse("venues:inspect", args=[self.venue.pk])

    def get_page_subtitle(self):
        return str(self.venue)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("venues:index"), "label": "Venues"},
            {"url": self.inspect_url, "label": str(self.venue)},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(venue=self.venue, inspect_url=self.inspect_url)
        return context


class TransitionView(View):
    """``<pk>/review/<action>/``: a status change, or a decision on listing changes."""

    def dispatch(self, request, *args, **kwargs):
        if kwargs["action"] in CHANGE_DECISIONS:
            return ChangeDecisionView.as_view()(request, *args, **kwargs)
        return StatusTransitionView.as_view()(request, *args, **kwargs)


class StatusTransitionView(VenueActionView):
    template_name = "network/admin/venue_transition.html"

    def dispatch(self, request, *args, **kwargs):
        self.action = REVIEW_ACTIONS.get(kwargs["action"])
        if self.action is None:
            raise Http404("No such action")
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        if not self.action.allowed_from(self.venue.status):
            messages.error(request, self.not_allowed_message())
            return redirect(self.inspect_url)
        return super().get(request, *args, **kwargs)

    def not_allowed_message(self):
        return (
            f"This venue is {self.venue.get_status_display().lower()}, so "
            f"‘{self.action.label}’ is not possible."
        )

    def get_page_title(self):
        return self.action.label

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "action": self.action}

    def get_form_class(self):
        return TransitionForm

    def form_valid(self, form):
        try:
            services.transition(
                self.venue,
                self.action.to_status,
                by=self.request.user,
                reason=form.cleaned_data["reason"],
            )
        except services.TransitionRefused as refusal:
            self.venue.refresh_from_db()
            if self.venue.status == self.action.to_status:
                # A double submit, or another officer got there first: nothing to do.
                messages.info(
                    self.request,
                    f"‘{self.venue}’ is already {self.venue.get_status_display().lower()}.",
                )
                return redirect(self.inspect_url)
            form.add_error(None, refusal)
            return self.form_invalid(form)
        status = self.venue.get_status_display().lower()
        messages.success(self.request, f"‘{self.venue}’ is now {status}.")
        return redirect(self.inspect_url)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["action"] = self.action
        if self.action.to_status == VenueStatus.APPROVED:
            context["approval_problems"] = services.approval_problems(self.venue)
        return context


class NoteView(VenueActionView):
    template_name = "network/admin/venue_note.html"
    form_class = NoteForm
    page_title = "Add a note"

    def form_valid(self, form):
        try:
            services.add_note(self.venue, by=self.request.user, text=form.cleaned_data["note"])
        except ValidationError as error:
            form.add_error("note", error)
            return self.form_invalid(form)
        messages.success(self.request, "Your note has been added to the venue's history.")
        return redirect(self.inspect_url)


# --- Listing changes --------------------------------------------------------------------------

# slug: (approve?, button label)
CHANGE_DECISIONS = {
    "approve-changes": (True, "Approve listing changes"),
    "reject-changes": (False, "Reject listing changes"),
}


class ChangeDecisionForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        required=False,
        strip=True,
    )

    def __init__(self, *args, approve: bool, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["reason"]
        if approve:
            field.label = "Note (optional)"
            field.help_text = "Recorded in the venue's history. Not sent to the venue."
        else:
            field.required = True
            field.label = "Reason"
            field.help_text = "Shown to the venue's contact on their venue page."
            field.error_messages["required"] = "Give a reason. The venue's contact is told it."


class ChangeDecisionView(VenueActionView):
    """Approve or reject the listing changes a venue's contact sent, seeing old and new."""

    template_name = "network/admin/venue_change.html"

    def dispatch(self, request, *args, **kwargs):
        self.approve, self.label = CHANGE_DECISIONS[kwargs["action"]]
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def change(self):
        return selectors.pending_change(self.venue)

    def get(self, request, *args, **kwargs):
        if self.change is None:
            messages.info(request, services.NOTHING_WAITING)
            return redirect(self.inspect_url)
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if self.change is None:
            messages.info(request, services.NOTHING_WAITING)
            return redirect(self.inspect_url)
        return super().post(request, *args, **kwargs)

    def get_page_title(self):
        return self.label

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "approve": self.approve}

    def get_form_class(self):
        return ChangeDecisionForm

    def form_valid(self, form):
        reason = form.cleaned_data["reason"]
        try:
            if self.approve:
                services.approve_listing_change(self.venue, by=self.request.user, note=reason)
            else:
                services.reject_listing_change(self.venue, by=self.request.user, reason=reason)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        if self.approve:
            messages.success(self.request, f"‘{self.venue}’ now shows the new details.")
        else:
            messages.success(
                self.request,
                f"The changes to ‘{self.venue}’ were not accepted. Its contact can see why.",
            )
        return redirect(self.inspect_url)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            approve=self.approve,
            label=self.label,
            change=self.change,
            change_rows=selectors.change_rows(self.venue, self.change),
        )
        return context
