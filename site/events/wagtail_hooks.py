"""The Training Coordinator's screens: training courses and their sessions.

Saving a session tells the people booked on it what changed: new dates or a new place send
an updated calendar invitation; setting the status to Cancelled cancels every booking (with
a calendar cancellation); a higher capacity offers the new seats to the waiting list.
"""

from django.contrib import messages
from wagtail import hooks
from wagtail.admin.views.generic import EditView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from . import services
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
    icon = "date"
    menu_label = "Sessions"
    list_display = ["__str__", "mode", "capacity", "status"]
    list_filter = ["status", "mode", "course"]


class TrainingGroup(ViewSetGroup):
    menu_label = "Training sessions"
    menu_icon = "date"
    menu_order = 335
    items = (TrainingCourseViewSet, SessionViewSet)


@hooks.register("register_admin_viewset")
def register_training_viewsets():
    return TrainingGroup()
