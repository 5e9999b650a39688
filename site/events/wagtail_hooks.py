"""The Training Coordinator's screens: training courses and their sessions.

Each session in the listing has "Tools" (copy, cancel, move a person, export the register:
``events.admin_views``) and "Register (CSV)"; the menu has a month calendar and the
feedback report.

Saving a session tells the people booked on it what changed: new dates or a new place send
an updated calendar invitation; setting the status to Cancelled cancels every booking (with
a calendar cancellation); a higher capacity offers the new seats to the waiting list.
"""

from django.contrib import messages
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus import MenuItem as ListingMenuItem
from wagtail.admin.views.generic import EditView, IndexView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from . import admin_views, services
from .models import Session, SessionStatus, TrainingCourse


def _snapshot(session: Session) -> tuple:
    dates = tuple(sorted(session.dates.values_list("starts_at", "ends_at")))
    return (session.mode, session.venue_address.strip(), session.joining_link, dates)


class SessionEditView(EditView):
    def save_instance(self):
        before = Session.objects.get(pk=self.object.pk)
        was = (_snapshot(before), before.status, before.capacity)
        instance = super().save_instance()
        if was[1] == SessionStatus.SCHEDULED and instance.status == SessionStatus.CANCELLED:
            count = services.cancel_session(instance)
            messages.success(
                self.request, f"Session cancelled: {count} booking{'s' if count != 1 else ''} told."
            )
            return instance
        if instance.status == SessionStatus.SCHEDULED and _snapshot(instance) != was[0]:
            told = services.notify_session_changed(instance)
            if told:
                messages.success(
                    self.request,
                    f"{told} booked {'person was' if told == 1 else 'people were'} sent an "
                    "updated calendar invitation.",
                )
        if instance.capacity > was[2]:
            services.offer_free_seats(instance)
        return instance


class SessionIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        buttons.append(
            ListingMenuItem(
                "Tools",
                url=reverse("events_admin_session_tools", args=[instance.pk]),
                icon_name="cogs",
                priority=15,
            )
        )
        buttons.append(
            ListingMenuItem(
                "Register (CSV)",
                url=reverse("events_admin_register_csv", args=[instance.pk]),
                icon_name="download",
                priority=16,
            )
        )
        return buttons


class TrainingCourseViewSet(ModelViewSet):
    model = TrainingCourse
    name = "training_courses"
    icon = "group"
    menu_label = "Training courses"
    list_display = ["title", "module", "requires_approval"]
    search_fields = ["title"]


class SessionViewSet(ModelViewSet):
    model = Session
    name = "training_sessions"
    edit_view_class = SessionEditView
    index_view_class = SessionIndexView
    # Wagtail's copy form would not copy the dates; "Tools" has a copy that does.
    copy_view_enabled = False
    icon = "date"
    menu_label = "Sessions"
    list_display = ["__str__", "mode", "capacity", "status"]
    list_filter = ["status", "mode", "course"]


class CoordinatorMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("events.change_session")


class TrainingGroup(ViewSetGroup):
    menu_label = "Training sessions"
    menu_icon = "date"
    menu_order = 335
    items = (TrainingCourseViewSet, SessionViewSet)


@hooks.register("register_admin_viewset")
def register_training_viewsets():
    return TrainingGroup()


@hooks.register("register_admin_urls")
def register_training_tools_urls():
    return [
        path(
            "training/sessions/<int:pk>/tools/",
            admin_views.session_tools,
            name="events_admin_session_tools",
        ),
        path(
            "training/sessions/<int:pk>/copy/",
            admin_views.copy_session,
            name="events_admin_copy_session",
        ),
        path(
            "training/sessions/<int:pk>/cancel/",
            admin_views.cancel_session,
            name="events_admin_cancel_session",
        ),
        path(
            "training/sessions/<int:pk>/move/",
            admin_views.move_person,
            name="events_admin_move_person",
        ),
        path(
            "training/sessions/<int:pk>/register.csv",
            admin_views.register_csv,
            name="events_admin_register_csv",
        ),
        path("training/calendar/", admin_views.session_calendar, name="events_admin_calendar"),
        path("training/feedback/", admin_views.feedback_report, name="events_admin_feedback"),
    ]


@hooks.register("register_admin_menu_item")
def register_training_calendar_menu_item():
    return CoordinatorMenuItem(
        "Training calendar",
        reverse("events_admin_calendar"),
        name="training-calendar",
        icon_name="date",
        order=336,
    )


@hooks.register("register_admin_menu_item")
def register_training_feedback_menu_item():
    return CoordinatorMenuItem(
        "Training feedback",
        reverse("events_admin_feedback"),
        name="training-feedback",
        icon_name="form",
        order=337,
    )
