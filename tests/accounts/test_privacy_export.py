"""The subject-access export says exactly what we hold: the right question beside each
reflection, every booking with its first date, times in UK time, and the CSV download the
same data as the JSON one, section by section and column by column."""

import csv
import datetime
import io
import zipfile
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from accounts import privacy
from accounts.factories import UserFactory
from config import spreadsheets
from courses.models import ReflectionNote
from courses.selectors import live_lessons
from events.factories import SessionFactory, TrainingCourseFactory
from events.models import Booking, BookingState, Mode, SessionDate

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")


def at(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=LONDON)


@pytest.fixture
def learner():
    return UserFactory(email="rowan.ashby@example.org", full_name="Rowan Ashby")


@pytest.fixture
def lesson(module):
    lesson = live_lessons(module).first()
    sources = {
        "title": "Domestic Abuse Act 2021",
        "url": "https://www.legislation.gov.uk/ukpga/2021/17",
        "date_checked": "2026-11-01",
    }
    lesson.body = [
        {"type": "text", "value": "<p>Lesson text.</p>", "id": "text-1"},
        {"type": "reflection", "value": {"question": "What did you notice?"}, "id": "r-1"},
        {"type": "reflection", "value": {"question": "What would you do next?"}, "id": "r-2"},
        {"type": "sources", "value": {"sources": [sources]}, "id": "sources-1"},
    ]
    lesson.save_revision().publish()
    lesson.refresh_from_db()
    return lesson


def note(learner, lesson, block_id, text, when):
    row = ReflectionNote.objects.create(user=learner, lesson=lesson, block_id=block_id, text=text)
    ReflectionNote.objects.filter(pk=row.pk).update(updated_at=when)


def test_each_reflection_is_exported_beside_its_own_question_in_the_order_written(learner, lesson):
    note(learner, lesson, "r-2", "Call the helpline with her.", at(2026, 3, 2, 9, 0))
    note(learner, lesson, "r-1", "Her partner answered for her.", at(2026, 3, 1, 9, 0))
    # A question since deleted from the lesson, and an id that is not a reflection's.
    note(learner, lesson, "r-gone", "An earlier answer.", at(2026, 3, 3, 9, 0))
    note(learner, lesson, "text-1", "Stray.", at(2026, 3, 4, 9, 0))
    other = UserFactory()
    note(other, lesson, "r-1", "Not theirs.", at(2026, 3, 1, 8, 0))

    assert privacy.export_user_data(learner)["reflection_notes"] == [
        {
            "lesson": lesson.title,
            "question": "What did you notice?",
            "text": "Her partner answered for her.",
            "updated_at": "2026-03-01T09:00:00+00:00",
        },
        {
            "lesson": lesson.title,
            "question": "What would you do next?",
            "text": "Call the helpline with her.",
            "updated_at": "2026-03-02T09:00:00+00:00",
        },
        {
            "lesson": lesson.title,
            "question": "",
            "text": "An earlier answer.",
            "updated_at": "2026-03-03T09:00:00+00:00",
        },
        {
            "lesson": lesson.title,
            "question": "",
            "text": "Stray.",
            "updated_at": "2026-03-04T09:00:00+00:00",
        },
    ]


def session_on(course, mode, *starts):
    session = SessionFactory(course=course, mode=mode)
    for start in starts:
        SessionDate.objects.create(
            session=session, starts_at=start, ends_at=start + datetime.timedelta(hours=3)
        )
    return session


def test_bookings_are_exported_with_their_first_date_in_uk_time_in_the_order_made(learner):
    risk = TrainingCourseFactory(title="Risk assessment in practice")
    stalking = TrainingCourseFactory(title="Stalking awareness")
    # Two dates, the later one entered first: the export gives the first (summer time).
    two_days = session_on(risk, Mode.ONLINE, at(2026, 7, 9, 13, 30), at(2026, 7, 2, 9, 30))
    one_day = session_on(stalking, Mode.IN_PERSON, at(2026, 12, 1, 10, 0))
    Booking.objects.create(
        session=one_day,
        user=learner,
        state=BookingState.NO_SHOW,
        created_at=at(2026, 11, 20, 16, 45),
    )
    Booking.objects.create(
        session=two_days,
        user=learner,
        state=BookingState.WAITING,
        created_at=at(2026, 6, 1, 8, 5),
    )
    Booking.objects.create(session=two_days, user=UserFactory(), state=BookingState.BOOKED)

    assert privacy.export_user_data(learner)["training_bookings"] == [
        {
            "course": "Risk assessment in practice",
            "session_starts_at": "2026-07-02T09:30:00+01:00",
            "where": "Online",
            "state": "On the waiting list",
            "booked_at": "2026-06-01T08:05:00+01:00",
        },
        {
            "course": "Stalking awareness",
            "session_starts_at": "2026-12-01T10:00:00+00:00",
            "where": "In person",
            "state": "Did not attend",
            "booked_at": "2026-11-20T16:45:00+00:00",
        },
    ]


def test_times_are_uk_local_dates_are_plain_and_missing_ones_are_null():
    assert privacy._when(datetime.datetime(2026, 6, 30, 23, 30, tzinfo=datetime.UTC)) == (
        "2026-07-01T00:30:00+01:00"
    )
    assert privacy._when(datetime.datetime(2026, 1, 31, 23, 30, tzinfo=datetime.UTC)) == (
        "2026-01-31T23:30:00+00:00"
    )
    assert privacy._when(datetime.date(2026, 2, 28)) == "2026-02-28"
    assert privacy._when(None) is None


def read_zip(content: bytes) -> dict[str, list[list[str]]]:
    archive = zipfile.ZipFile(io.BytesIO(content))
    return {
        name: list(csv.reader(io.StringIO(archive.read(name).decode("utf-8-sig"))))
        for name in archive.namelist()
    }


def as_cell(value) -> str:
    """As the shared spreadsheet helper writes a cell (tested in tests/config/test_exports.py)."""
    return str(spreadsheets.cell(value))


def test_the_csv_download_is_the_json_export_section_by_section(learner, lesson):
    note(learner, lesson, "r-1", "Her partner answered for her.", at(2026, 3, 1, 9, 0))
    note(learner, lesson, "r-2", "Call the helpline with her.", at(2026, 3, 2, 9, 0))
    data = privacy.export_user_data(learner)
    files = read_zip(privacy.export_user_csv(learner))

    lists = [name for name, value in data.items() if isinstance(value, list)]
    assert set(files) == {"account.csv", *(f"{name}.csv" for name in lists)}
    # The account: its fields as columns, one row.
    assert files["account.csv"][1][4:6] == ["Learner", "yes"]
    assert files["account.csv"] == [
        list(data["account"]),
        [as_cell(value) for value in data["account"].values()],
    ]
    # Two rows, every column, in the JSON's order.
    notes = data["reflection_notes"]
    assert files["reflection_notes.csv"] == [
        list(notes[0]),
        *([as_cell(value) for value in row.values()] for row in notes),
    ]
    assert files["reflection_notes.csv"][1][1] == "What did you notice?"
    # A section with nothing in it says so rather than being an empty file.
    assert data["training_bookings"] == []
    assert files["training_bookings.csv"] == [["No records"]]
    assert files["two_factor_methods.csv"] == [["No records"]]


def test_two_factor_methods_are_one_column_of_kinds(learner):
    from allauth.mfa.models import Authenticator

    Authenticator.objects.create(user=learner, type=Authenticator.Type.TOTP, data={"secret": "s"})
    Authenticator.objects.create(
        user=learner, type=Authenticator.Type.RECOVERY_CODES, data={"seed": "x"}
    )
    files = read_zip(privacy.export_user_csv(learner))
    assert files["two_factor_methods.csv"] == [["method"], ["recovery_codes"], ["totp"]]
    assert privacy.export_user_data(learner)["two_factor_methods"] == ["recovery_codes", "totp"]
    assert "secret" not in str(files) and "seed" not in str(files)


def test_exported_at_is_now_in_uk_time(learner, settings):
    import time_machine

    with time_machine.travel(datetime.datetime(2026, 8, 1, 11, 0, tzinfo=datetime.UTC), tick=False):
        assert privacy.export_user_data(learner)["exported_at"] == "2026-08-01T12:00:00+01:00"
        assert timezone.localdate().isoformat() == "2026-08-01"
