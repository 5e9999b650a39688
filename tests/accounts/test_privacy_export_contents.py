"""The subject-access export, field by field: a person with one or two of every kind of
record gets back exactly those records, under the names the privacy notice promises, in the
order they happened, with UK times (issue 19: a renamed or dropped field is a broken promise
to the person who asked).
"""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine

from accounts import privacy
from accounts.audit import record
from accounts.factories import UserFactory
from accounts.models import JobRole
from courses.factories import make_question, make_quiz
from courses.models import (
    Attempt,
    ConfidenceResponse,
    Enrolment,
    FaceToFaceSession,
    LessonCompletion,
)
from courses.models.coverage import RequiredTrainingReminder
from courses.selectors import live_lessons
from network.factories import AgencyFactory, VenueFactory, VenueMembershipFactory, certify

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")


def at(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=LONDON)


@pytest.fixture
def person(module):
    from allauth.account.models import EmailAddress
    from allauth.usersessions.models import UserSession
    from django.contrib.auth.models import Group

    agency = AgencyFactory(name="Solent Housing")
    user = UserFactory(
        email="rowan.ashby@example.org",
        full_name="Rowan Ashby",
        job_role=JobRole.FRONTLINE,
        agency=agency,
    )
    user.date_joined = at(2026, 1, 5, 9, 30)
    user.last_login = at(2026, 7, 1, 8, 0)  # British Summer Time
    user.save()
    user.groups.add(Group.objects.get_or_create(name="Learner")[0])
    user.groups.add(Group.objects.get_or_create(name="Agency lead")[0])
    EmailAddress.objects.create(user=user, email="r.ashby@old.example", verified=False)
    for n, (ip, when) in enumerate(
        [("203.0.113.9", at(2026, 7, 2, 9)), ("198.51.100.7", at(2026, 3, 2, 9))]
    ):
        UserSession.objects.create(
            user=user,
            ip=ip,
            user_agent=f"Browser {n}",
            session_key=f"key-{n}",
            created_at=when,
            last_seen_at=when + datetime.timedelta(hours=1),
        )
    return user


def test_every_section_holds_exactly_what_we_keep_about_the_person(person, module):
    lessons = list(live_lessons(module))
    enrolment = Enrolment.objects.create(
        user=person, module=module, started_at=at(2026, 2, 1, 10), completed_at=None
    )
    for lesson, day in ((lessons[1], 4), (lessons[0], 3)):
        completion = LessonCompletion.objects.create(enrolment=enrolment, lesson=lesson)
        LessonCompletion.objects.filter(pk=completion.pk).update(completed_at=at(2026, 2, day, 11))

    quiz = make_quiz(module, [make_question()], title="Check your understanding")
    Attempt.objects.create(
        user=person,
        quiz=quiz,
        number=2,
        status="in_progress",
        started_at=at(2026, 2, 6, 9),
        max_score=Decimal("12.000"),
    )
    Attempt.objects.create(
        user=person,
        quiz=quiz,
        number=1,
        status="finished",
        started_at=at(2026, 2, 5, 9),
        submitted_at=at(2026, 2, 5, 9, 20),
        score=Decimal("9.500"),
        max_score=Decimal("12.000"),
        percent=Decimal("79.17"),
        passed=False,
    )
    ConfidenceResponse.objects.create(
        user=person,
        module=module,
        stage="after",
        statement="I can ask about abuse safely.",
        rating=4,
        created_at=at(2026, 2, 7, 12),
    )
    ConfidenceResponse.objects.create(
        user=person,
        module=module,
        stage="before",
        statement="I can ask about abuse safely.",
        rating=2,
        created_at=at(2026, 2, 1, 10, 5),
    )
    certificate = certify(person, module, now=at(2026, 2, 8, 15))
    certificate.refresh_from_db()

    agency = AgencyFactory(name="Southampton Police")
    later = FaceToFaceSession.objects.create(
        date=datetime.date(2026, 4, 1),
        topic="Safety planning",
        trainer="Sam Trainer",
        agency=agency,
    )
    earlier = FaceToFaceSession.objects.create(
        date=datetime.date(2026, 3, 1),
        module=module,
        topic="Routine enquiry",
        trainer="Alex Trainer",
        agency=agency,
    )
    later.attendees.add(person)
    earlier.attendees.add(person)

    venue = VenueFactory(name="Bargate Books")
    membership = VenueMembershipFactory(
        venue=venue, user=person, invited_at=at(2026, 5, 1, 9), joined_at=at(2026, 5, 2, 9)
    )
    assert membership.role == "staff"
    RequiredTrainingReminder.objects.create(
        user=person,
        kind="overdue",
        module=module,
        due_on=datetime.date(2026, 6, 1),
        sent_at=at(2026, 6, 2, 7),
    )
    with time_machine.travel(at(2026, 6, 3, 10), tick=False):
        record("account.exported", actor=person, target=person, summary="not exported")

    with time_machine.travel(at(2026, 8, 1, 12), tick=False):
        data = privacy.export_user_data(person)

    assert data["exported_at"] == "2026-08-01T12:00:00+01:00"
    assert data["account"] == {
        "email": "rowan.ashby@example.org",
        "full_name": "Rowan Ashby",
        "job_role": "Frontline practitioner",
        "agency": "Solent Housing",
        "roles": ["Agency lead", "Learner"],
        "active": True,
        "date_joined": "2026-01-05T09:30:00+00:00",
        "last_login": "2026-07-01T08:00:00+01:00",
    }
    assert data["email_addresses"] == [
        {"email": "rowan.ashby@example.org", "verified": True, "primary": True},
        {"email": "r.ashby@old.example", "verified": False, "primary": False},
    ]
    assert data["two_factor_methods"] == []
    assert data["signed_in_sessions"] == [
        {
            "ip": "198.51.100.7",
            "browser": "Browser 1",
            "signed_in_at": "2026-03-02T09:00:00+00:00",
            "last_seen_at": "2026-03-02T10:00:00+00:00",
        },
        {
            "ip": "203.0.113.9",
            "browser": "Browser 0",
            "signed_in_at": "2026-07-02T09:00:00+01:00",
            "last_seen_at": "2026-07-02T10:00:00+01:00",
        },
    ]
    certificate_enrolment = certificate.enrolment
    assert data["enrolments"] == [
        {
            "module": "Identifying domestic abuse",
            "started_at": "2026-02-01T10:00:00+00:00",
            "completed_at": None,
            "face_to_face_session": None,
        },
        {
            "module": "Identifying domestic abuse",
            "started_at": privacy._when(certificate_enrolment.started_at),
            "completed_at": privacy._when(certificate_enrolment.completed_at),
            "face_to_face_session": None,
        },
    ]
    assert data["lesson_completions"] == [
        {
            "module": "Identifying domestic abuse",
            "lesson": lessons[0].title,
            "completed_at": "2026-02-03T11:00:00+00:00",
        },
        {
            "module": "Identifying domestic abuse",
            "lesson": lessons[1].title,
            "completed_at": "2026-02-04T11:00:00+00:00",
        },
    ]
    assert data["quiz_attempts"] == [
        {
            "quiz": "Check your understanding",
            "module": "Identifying domestic abuse",
            "attempt": 1,
            "status": "Finished",
            "started_at": "2026-02-05T09:00:00+00:00",
            "submitted_at": "2026-02-05T09:20:00+00:00",
            "score": "9.500",
            "out_of": "12.000",
            "percent": "79.17",
            "passed": False,
        },
        {
            "quiz": "Check your understanding",
            "module": "Identifying domestic abuse",
            "attempt": 2,
            "status": "In progress",
            "started_at": "2026-02-06T09:00:00+00:00",
            "submitted_at": None,
            "score": None,
            "out_of": "12.000",
            "percent": None,
            "passed": None,
        },
    ]
    assert data["confidence_ratings"] == [
        {
            "module": "Identifying domestic abuse",
            "stage": "Before the module",
            "statement": "I can ask about abuse safely.",
            "rating": 2,
            "at": "2026-02-01T10:05:00+00:00",
        },
        {
            "module": "Identifying domestic abuse",
            "stage": "After the module",
            "statement": "I can ask about abuse safely.",
            "rating": 4,
            "at": "2026-02-07T12:00:00+00:00",
        },
    ]
    assert data["certificates"] == [
        {
            "number": certificate.number,
            "name_on_certificate": "Rowan Ashby",
            "module": "Identifying domestic abuse",
            "issued_at": "2026-02-08T15:00:00+00:00",
            "expires_at": privacy._when(certificate.expires_at),
            "status": "Valid",
            "revoked_at": None,
            "revocation_reason": "",
        }
    ]
    assert data["face_to_face_sessions"] == [
        {
            "date": "2026-03-01",
            "module": "Identifying domestic abuse",
            "topic": "Routine enquiry",
            "trainer": "Alex Trainer",
            "agency": "Southampton Police",
        },
        {
            "date": "2026-04-01",
            "module": "",
            "topic": "Safety planning",
            "trainer": "Sam Trainer",
            "agency": "Southampton Police",
        },
    ]
    assert data["venue_memberships"] == [
        {
            "venue": "Bargate Books",
            "role": "Staff",
            "invited_at": "2026-05-01T09:00:00+01:00",
            "joined_at": "2026-05-02T09:00:00+01:00",
        }
    ]
    assert data["training_reminders"] == [
        {
            "reminder": "Overdue training",
            "module": "Identifying domestic abuse",
            "due_on": "2026-06-01",
            "sent_at": "2026-06-02T07:00:00+01:00",
        }
    ]
    assert {"action": "account.exported", "at": "2026-06-03T10:00:00+01:00"} in data["audit_events"]
    assert all(set(event) == {"action", "at"} for event in data["audit_events"])
    assert list(data) == [
        "exported_at",
        "account",
        "email_addresses",
        "two_factor_methods",
        "signed_in_sessions",
        "enrolments",
        "lesson_completions",
        "scorm_lessons",
        "reflection_notes",
        "quiz_attempts",
        "confidence_ratings",
        "certificates",
        "face_to_face_sessions",
        "training_bookings",
        "venue_memberships",
        "training_reminders",
        "learning_record_store_statements",
        "audit_events",
    ]


def test_someone_with_no_agency_or_job_role_gets_empty_words_not_errors():
    user = UserFactory(job_role="", agency=None)
    account = privacy.export_user_data(user)["account"]
    assert (account["job_role"], account["agency"], account["last_login"]) == ("", "", None)


def test_a_scorm_lesson_record_is_the_persons_own_with_uk_times(module, settings, tmp_path):
    from pathlib import Path

    from scorm.factories import ScormLessonPageFactory, make_package, zip_folder
    from scorm.models import ScormRegistration

    settings.MEDIA_ROOT = tmp_path / "media"
    packages = Path(__file__).parents[1] / "scorm" / "packages"
    package = make_package(zip_folder(packages / "scorm12_quiz"), title="Safety planning")
    lesson = ScormLessonPageFactory(parent=module, package=package, title="Safety planning")
    me, someone_else = UserFactory(), UserFactory()
    with time_machine.travel(at(2026, 7, 1, 10, 0), tick=False):
        ScormRegistration.objects.create(
            user=me,
            lesson=lesson,
            version="1.2",
            cmi={"cmi.core.lesson_location": "page-3"},
            completion_status="completed",
            success_status="passed",
            score_raw=Decimal("85"),
            completed_at=at(2026, 7, 1, 10, 0),
        )
    ScormRegistration.objects.create(
        user=someone_else, lesson=lesson, version="1.2", completion_status="incomplete"
    )

    assert privacy.export_user_data(me)["scorm_lessons"] == [
        {
            "lesson": "Safety planning",
            "version": "1.2",
            "completion_status": "completed",
            "success_status": "passed",
            "score_raw": "85.0000",
            "score_scaled": None,
            "completed_at": "2026-07-01T10:00:00+01:00",
            "updated_at": "2026-07-01T10:00:00+01:00",
            "saved_data": '{"cmi.core.lesson_location": "page-3"}',
        }
    ]


def test_the_archive_is_compressed(person):
    import io
    import zipfile

    archive = zipfile.ZipFile(io.BytesIO(privacy.export_user_csv(person)))
    assert archive.namelist()
    assert {info.compress_type for info in archive.infolist()} == {zipfile.ZIP_DEFLATED}


def test_enrolments_are_in_the_order_they_were_started_with_the_session_that_completed_one(
    module,
):
    me = UserFactory()
    session = FaceToFaceSession.objects.create(
        date=datetime.date(2026, 3, 10),
        module=module,
        topic="Routine enquiry",
        agency=AgencyFactory(),
    )
    Enrolment.objects.create(  # recorded first, started second
        user=me,
        module=module,
        started_at=at(2026, 3, 10, 9),
        completed_at=at(2026, 3, 10, 17),
        session=session,
    )
    Enrolment.objects.create(user=me, module=module, started_at=at(2026, 1, 10, 9))
    assert privacy.export_user_data(me)["enrolments"] == [
        {
            "module": module.title,
            "started_at": "2026-01-10T09:00:00+00:00",
            "completed_at": None,
            "face_to_face_session": None,
        },
        {
            "module": module.title,
            "started_at": "2026-03-10T09:00:00+00:00",
            "completed_at": "2026-03-10T17:00:00+00:00",
            "face_to_face_session": "2026-03-10",
        },
    ]


def test_a_revoked_certificate_says_when_and_why(module, user_with_role):
    from accounts.roles import Role
    from certificates.services import revoke_certificate

    me = UserFactory()
    certificate = certify(me, module, now=at(2026, 2, 8, 15))
    with time_machine.travel(at(2026, 7, 1, 9, 30), tick=False):
        revoke_certificate(
            certificate, by=user_with_role(Role.TRAINING_COORDINATOR), reason="Issued in error"
        )
    [row] = privacy.export_user_data(me)["certificates"]
    assert (row["status"], row["revoked_at"], row["revocation_reason"]) == (
        "Revoked",
        "2026-07-01T09:30:00+01:00",
        "Issued in error",
    )


def test_reminders_and_audit_events_are_in_the_order_they_happened(module):
    from accounts.models import AuditEvent

    me = UserFactory()
    RequiredTrainingReminder.objects.create(  # recorded first, sent second
        user=me,
        kind="overdue",
        module=module,
        due_on=datetime.date(2026, 6, 1),
        sent_at=at(2026, 6, 2, 7),
    )
    RequiredTrainingReminder.objects.create(  # a summary names no module
        user=me,
        kind="summary",
        module=None,
        due_on=datetime.date(2026, 5, 1),
        sent_at=at(2026, 5, 1, 7),
    )
    AuditEvent.objects.create(actor=me, action="account.exported", at=at(2026, 6, 3, 10))
    AuditEvent.objects.create(actor=me, action="login", at=at(2026, 6, 3, 9))
    data = privacy.export_user_data(me)
    assert data["training_reminders"] == [
        {
            "reminder": "Monthly agency summary",
            "module": "",
            "due_on": "2026-05-01",
            "sent_at": "2026-05-01T07:00:00+01:00",
        },
        {
            "reminder": "Overdue training",
            "module": module.title,
            "due_on": "2026-06-01",
            "sent_at": "2026-06-02T07:00:00+01:00",
        },
    ]
    assert [event["action"] for event in data["audit_events"]] == ["login", "account.exported"]
