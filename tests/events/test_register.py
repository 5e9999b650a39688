"""The register: marking attendance completes the module and issues one certificate."""

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from accounts.factories import UserFactory
from accounts.roles import Role
from certificates.models import Certificate
from courses.models import Enrolment, FaceToFaceSession
from events import selectors, services
from events.factories import TrainingCourseFactory, make_session
from events.models import Booking, BookingState
from network.factories import AgencyFactory
from tests.helpers import sign_in

pytestmark = pytest.mark.django_db
HOUR = datetime.timedelta(hours=1)
SECOND = datetime.timedelta(seconds=1)


@pytest.fixture
def started(module):
    """A session on a course linked to ``module`` that began an hour ago."""
    start = timezone.now() - HOUR
    return make_session(start=start, capacity=5, course=TrainingCourseFactory(module=module))


def place(session, **user_fields) -> Booking:
    user = UserFactory(agency=AgencyFactory(), **user_fields)
    return Booking.objects.create(session=session, user=user, state=BookingState.BOOKED)


def certificates(booking):
    return Certificate.objects.filter(user=booking.user).count()


def test_attended_completes_the_module_and_issues_one_certificate(started, commit):
    booking = place(started)
    with commit():
        done = services.mark_attendance(
            started, {booking.pk: BookingState.ATTENDED}, started.trainer
        )
    assert done == [booking]
    booking.refresh_from_db()
    assert booking.state == BookingState.ATTENDED
    assert certificates(booking) == 1
    record = FaceToFaceSession.objects.get(attendees=booking.user)
    assert record.module_id == started.course.module_id
    assert record.agency_id == booking.user.agency_id
    assert booking.enrolment.session_id == record.pk


def test_a_no_show_or_late_cancellation_gets_nothing(started, commit):
    absent, late = place(started), place(started)
    marks = {absent.pk: BookingState.NO_SHOW, late.pk: BookingState.LATE_CANCELLATION}
    with commit():
        assert services.mark_attendance(started, marks, started.trainer) == []
    assert certificates(absent) == certificates(late) == 0
    assert not Enrolment.objects.filter(user__in=[absent.user, late.user]).exists()
    assert Booking.objects.get(pk=absent.pk).state == BookingState.NO_SHOW


def test_saving_twice_or_re_marking_attended_still_gives_one(started, commit):
    booking = place(started)
    colleague = UserFactory(agency=booking.user.agency)
    other = Booking.objects.create(session=started, user=colleague, state=BookingState.BOOKED)
    for marks in (
        {booking.pk: BookingState.ATTENDED},
        {booking.pk: BookingState.ATTENDED, other.pk: BookingState.ATTENDED},
        {booking.pk: BookingState.NO_SHOW},
        {booking.pk: BookingState.ATTENDED},
    ):
        with commit():
            services.mark_attendance(started, marks, started.trainer)
    assert certificates(booking) == 1
    assert certificates(other) == 1
    # One record for their shared agency, with both of them.
    [record] = FaceToFaceSession.objects.filter(agency=booking.user.agency)
    assert set(record.attendees.all()) == {booking.user, colleague}


def test_attended_then_no_show_does_not_revoke(started, commit):
    booking = place(started)
    with commit():
        services.mark_attendance(started, {booking.pk: BookingState.ATTENDED}, started.trainer)
        services.mark_attendance(started, {booking.pk: BookingState.NO_SHOW}, started.trainer)
    assert Certificate.objects.get(user=booking.user).revoked_at is None


def test_someone_with_no_agency_still_gets_their_certificate(started, commit):
    user = UserFactory(agency=None)
    booking = Booking.objects.create(session=started, user=user, state=BookingState.BOOKED)
    with commit():
        services.mark_attendance(started, {booking.pk: BookingState.ATTENDED}, started.trainer)
        services.mark_attendance(started, {booking.pk: BookingState.ATTENDED}, started.trainer)
    assert Certificate.objects.filter(user=user).count() == 1


def test_a_course_without_a_module_records_attendance_only(commit):
    session = make_session(start=timezone.now() - HOUR)
    booking = place(session)
    with commit():
        assert (
            services.mark_attendance(session, {booking.pk: BookingState.ATTENDED}, session.trainer)
            == []
        )
    assert Booking.objects.get(pk=booking.pk).state == BookingState.ATTENDED
    assert certificates(booking) == 0


def test_marks_are_taken_from_the_start_not_a_second_before(module, commit):
    start = timezone.now() + HOUR
    session = make_session(start=start, course=TrainingCourseFactory(module=module))
    booking = place(session)
    marks = {booking.pk: BookingState.ATTENDED}
    with pytest.raises(services.BookingRefused, match="once the session has started"):
        services.mark_attendance(session, marks, session.trainer, now=start - SECOND)
    assert Booking.objects.get(pk=booking.pk).state == BookingState.BOOKED
    with commit():
        services.mark_attendance(session, marks, session.trainer, now=start)
    assert certificates(booking) == 1


def test_only_the_trainer_or_coordinator_may_mark(started, commit):
    booking = place(started)
    marks = {booking.pk: BookingState.ATTENDED}
    for outsider in (UserFactory(), booking.user, UserFactory(role=Role.AGENCY_LEAD)):
        with pytest.raises(PermissionDenied):
            services.mark_attendance(started, marks, outsider)
    coordinator = UserFactory(role=Role.TRAINING_COORDINATOR)
    with commit():
        services.mark_attendance(started, marks, coordinator)
    assert certificates(booking) == 1


def test_a_booking_of_another_session_or_a_made_up_mark_is_refused(started):
    mine = place(started)
    elsewhere = place(make_session(start=timezone.now() - HOUR))
    for marks in ({elsewhere.pk: BookingState.ATTENDED}, {mine.pk: BookingState.CANCELLED}):
        with pytest.raises(services.BookingRefused):
            services.mark_attendance(started, marks, started.trainer)
    assert Booking.objects.get(pk=elsewhere.pk).state == BookingState.BOOKED
    assert Booking.objects.get(pk=mine.pk).state == BookingState.BOOKED


# --- The pages ------------------------------------------------------------------------------


def test_the_trainer_marks_the_register_on_the_page(client, started, commit):
    booking, absent = place(started, full_name="Amina Attender"), place(started)
    sign_in(client, started.trainer)
    url = reverse("events:register", args=[started.pk])
    page = client.get(url, secure=True)
    assert page.status_code == 200
    body = page.content.decode()
    assert "Amina Attender" in body and "ask the coordinator to revoke" in body
    assert "csrfmiddlewaretoken" in body
    with commit():
        response = client.post(
            url,
            {f"booking-{booking.pk}": "attended", f"booking-{absent.pk}": "no_show"},
            secure=True,
        )
    assert response.status_code == 302
    assert certificates(booking) == 1 and certificates(absent) == 0
    again = client.get(url, secure=True).content.decode()
    checked = f'name="booking-{booking.pk}" type="radio" value="attended" checked'
    assert checked in again


def test_saving_before_the_start_shows_the_reason_and_keeps_the_marks(client, module):
    session = make_session(start=timezone.now() + HOUR)
    booking = place(session)
    sign_in(client, session.trainer)
    url = reverse("events:register", args=[session.pk])
    response = client.post(url, {f"booking-{booking.pk}": "no_show"}, secure=True)
    assert response.status_code == 200
    body = response.content.decode()
    assert "govuk-error-summary" in body and "once the session has started" in body
    assert 'value="no_show" checked' in body
    assert Booking.objects.get(pk=booking.pk).state == BookingState.BOOKED


@pytest.mark.parametrize("name", ["events:register", "events:sign_in_sheet"])
def test_another_trainer_or_a_learner_is_refused(client, started, name):
    booking = place(started)
    url = reverse(name, args=[started.pk])
    for outsider in (make_session().trainer, booking.user):
        sign_in(client, outsider)
        assert client.get(url, secure=True).status_code == 403
    if name == "events:register":
        response = client.post(url, {f"booking-{booking.pk}": "attended"}, secure=True)
        assert response.status_code == 403
        assert Booking.objects.get(pk=booking.pk).state == BookingState.BOOKED


def test_the_sign_in_sheet_lists_the_people_with_a_signature_column(client, started):
    place(started, full_name="Zoë Ørsted")
    place(started, full_name="Bilal Khan")
    sign_in(client, started.trainer)
    response = client.get(reverse("events:sign_in_sheet", args=[started.pk]), secure=True)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert started.course.title in text
    assert "Zoë Ørsted" in text and "Bilal Khan" in text
    assert "Signature" in text and "Room 2, Civic Centre" in text
    assert timezone.localtime(started.starts_at).strftime("%B") in text


def test_the_register_shows_each_persons_latest_booking_once(started):
    booking = place(started)
    booking.state = BookingState.LATE_CANCELLATION
    booking.save()
    again = Booking.objects.create(session=started, user=booking.user, state=BookingState.BOOKED)
    assert selectors.register(started) == [again]
