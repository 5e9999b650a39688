from django.urls import path, reverse
from django.utils.functional import cached_property
from wagtail import hooks
from wagtail.admin.panels import ObjectList
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button

from .admin_views import staff_import_view
from .models import Agency, Venue
from .venue_admin import (
    NoteView,
    TrainedStaffColumn,
    TransitionView,
    VenueAdminForm,
    VenueEditView,
    VenueIndexView,
    VenueInspectView,
)


class AgencyIndexView(IndexView):
    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if self.request.user.has_perm("accounts.manage_learners"):
            buttons.append(
                Button(
                    "Import a staff list", url=reverse("network_staff_import"), icon_name="upload"
                )
            )
        return buttons


class AgencyViewSet(ModelViewSet):
    model = Agency
    index_view_class = AgencyIndexView
    icon = "group"
    menu_label = "Agencies"
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "sector", "headcount", "is_active"]
    list_filter = ["sector", "is_active"]
    search_fields = ["name", "email_domains__domain"]
    ordering = ["name"]
    inspect_view_enabled = True


@hooks.register("register_admin_viewset")
def register_agency_viewset():
    return AgencyViewSet("agencies")


class VenueViewSet(ModelViewSet):
    """Safe Places venues for officers: the review queue, the review page and the edit form.

    Venues are only created by the public application form, so there is no "Add" here;
    status changes happen on the review page, through ``network.services.transition``.
    """

    model = Venue
    icon = "site"
    menu_label = "Safe Places"
    menu_order = 310
    add_to_admin_menu = True
    index_view_class = VenueIndexView
    edit_view_class = VenueEditView
    inspect_view_class = VenueInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    edit_handler = ObjectList(Venue.panels, base_form_class=VenueAdminForm)
    list_display = [
        "name",
        "venue_type",
        "postcode",
        "status",
        TrainedStaffColumn("trained_staff", label="Trained staff"),
        "next_check_due",
    ]
    list_filter = ["status", "venue_type"]
    search_fields = ["name", "postcode", "town"]
    ordering = ["review_order", "name"]

    def get_common_view_kwargs(self, **kwargs):
        # No "Add venue" button or URL: applications come from the public form.
        return {**super().get_common_view_kwargs(**kwargs), "add_url_name": None}

    def get_urlpatterns(self):
        return [
            pattern
            for pattern in super().get_urlpatterns()
            if getattr(pattern, "name", None) != "add"
        ] + [
            path("<int:pk>/review/<slug:action>/", TransitionView.as_view(), name="transition"),
            path("<int:pk>/note/", NoteView.as_view(), name="note"),
        ]


@hooks.register("register_admin_viewset")
def register_venue_viewset():
    return VenueViewSet("venues")


@hooks.register("register_admin_urls")
def register_staff_import_url():
    return [path("agencies-staff/import/", staff_import_view, name="network_staff_import")]


@hooks.register("register_log_actions")
def register_venue_log_actions(actions):
    """Audit entries for Safe Places venues, shown in each venue's history in the admin."""
    actions.register_action("network.venue.review", "Review started", "Started review")
    actions.register_action("network.venue.approve", "Approved", "Approved and listed")
    actions.register_action("network.venue.reject", "Rejected", "Rejected")
    actions.register_action("network.venue.suspend", "Suspended", "Suspended")
    actions.register_action("network.venue.lapse", "Lapsed", "Lapsed")
    actions.register_action("network.venue.note", "Note", "Added a note")
    actions.register_action("network.venue.pin", "Map pin set", "Set the map pin")
    actions.register_action("network.venue.invite", "Staff invited", "Invited a member of staff")
    actions.register_action("network.venue.claim", "Contact confirmed", "Confirmed the address")
    actions.register_action(
        "network.venue.remove_member", "Staff removed", "Removed a member of staff"
    )
    actions.register_action(
        "network.venue.confirm", "Details confirmed", "Confirmed the annual check"
    )
