"""Support services: structured hours, "Open now", the "to check" report, seeds, staff support."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
import yaml
from django.template.loader import render_to_string
from django.urls import reverse

from accounts.roles import Role
from courses.demo_content import SERVICE_SLUGS
from courses.factories import LessonPageFactory, lesson_body, module_with_lessons
from courses.selectors import live_lessons
from pages.demo import SERVICES_FILE, hours_rows, load_services
from pages.models import ServiceHours, SupportService
from pages.selectors import months_before, services_to_check, staff_support_services
from tests.helpers import sign_in

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
UTC = datetime.UTC
WEEKDAYS = range(5)
EVERY_DAY = range(7)
T = datetime.time


def london(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=LONDON)


def make_service(slug="test-line", hours=(), closed_on_bank_holidays=False, **fields):
    """A published service; ``hours`` are ServiceHours keyword dicts."""
    defaults = {
        "name": "Test line",
        "helps_with": "Helps with tests.",
        "who_for": "Anyone testing",
        "phone": "0800 000 0000",
        "source": "A source",
        "source_url": "https://example.org/source",
        "date_checked": datetime.date(2026, 11, 30),
        "live": True,
    }
    service = SupportService(
        slug=slug, closed_on_bank_holidays=closed_on_bank_holidays, **{**defaults, **fields}
    )
    service.opening_hours = [ServiceHours(**row) for row in hours]
    service.save()
    return SupportService.objects.get(pk=service.pk)  # fresh: rows read from the database


def days(weekdays, opens=None, closes=None, **extra):
    return [{"weekday": d, "opens": opens, "closes": closes, **extra} for d in weekdays]


def all_day(weekdays=EVERY_DAY):
    return [{"weekday": d, "all_day": True} for d in weekdays]


def open_at(service, moment) -> bool | None:
    """What a page shows at ``moment``: the service's open_now with the clock there."""
    with time_machine.travel(moment, tick=False):
        return SupportService.objects.get(pk=service.pk).open_now


# --- Open now / closed now --------------------------------------------------------------


def test_office_hours_are_open_inside_and_closed_outside():
    pippa_like = make_service(hours=days(WEEKDAYS, T(9, 30), T(16, 30)))
    # Monday 30 November 2026
    assert open_at(pippa_like, london(2026, 11, 30, 9, 29)) is False
    assert open_at(pippa_like, london(2026, 11, 30, 9, 30)) is True
    assert open_at(pippa_like, london(2026, 11, 30, 16, 29)) is True
    assert open_at(pippa_like, london(2026, 11, 30, 16, 30)) is False


def test_weekday_only_service_is_closed_on_saturday():
    service = make_service(hours=days(WEEKDAYS, T(9), T(17)))
    assert open_at(service, london(2026, 12, 4, 12, 0)) is True  # Friday
    assert open_at(service, london(2026, 12, 5, 12, 0)) is False  # Saturday


def test_either_side_of_midnight():
    # Open Monday 6pm until midnight, and Friday 10pm to 2am on Saturday.
    service = make_service(
        hours=[
            {"weekday": 0, "opens": T(18), "closes": T(0), "overnight": True},
            {"weekday": 4, "opens": T(22), "closes": T(2), "overnight": True},
        ]
    )
    assert open_at(service, london(2026, 11, 30, 23, 59)) is True  # Monday night
    assert open_at(service, london(2026, 12, 1, 0, 0)) is False  # Tuesday, midnight
    assert open_at(service, london(2026, 12, 3, 23, 59)) is False  # Thursday night
    assert open_at(service, london(2026, 12, 4, 23, 59)) is True  # Friday night
    assert open_at(service, london(2026, 12, 5, 0, 0)) is True  # into Saturday
    assert open_at(service, london(2026, 12, 5, 1, 59)) is True
    assert open_at(service, london(2026, 12, 5, 2, 0)) is False


def test_24_hour_service_is_always_open_even_on_christmas_day():
    service = make_service(hours=all_day())
    for moment in (
        london(2026, 12, 24, 23, 59),
        london(2026, 12, 25, 0, 0),
        london(2026, 12, 25, 12, 0),
        london(2027, 3, 29, 3, 0),
    ):
        assert open_at(service, moment) is True, moment


def test_bank_holidays_close_a_service_that_says_so():
    closes = make_service("closes", hours=days(WEEKDAYS, T(9), T(17)), closed_on_bank_holidays=True)
    stays_open = make_service("stays-open", hours=days(WEEKDAYS, T(9), T(17)))
    christmas = london(2026, 12, 25, 10, 0)  # a Friday
    boxing_day_observed = london(2026, 12, 28, 10, 0)  # Monday, in place of Saturday 26th
    easter_monday = london(2027, 3, 29, 10, 0)  # Easter Sunday 2027 is 28 March
    ordinary_monday = london(2027, 4, 5, 10, 0)
    assert open_at(closes, christmas) is False
    assert open_at(closes, boxing_day_observed) is False
    assert open_at(closes, easter_monday) is False
    assert open_at(closes, ordinary_monday) is True
    assert open_at(stays_open, christmas) is True
    assert open_at(stays_open, easter_monday) is True


def test_hours_are_london_time_across_the_clock_change():
    # Clocks go forward at 1am GMT on Sunday 28 March 2027: 01:30 UTC is 2:30am BST.
    night = make_service(
        "night", hours=[{"weekday": 5, "opens": T(22), "closes": T(2, 30), "overnight": True}]
    )
    assert open_at(night, datetime.datetime(2027, 3, 28, 1, 29, tzinfo=UTC)) is True
    assert open_at(night, datetime.datetime(2027, 3, 28, 1, 30, tzinfo=UTC)) is False
    day = make_service("day", hours=days(EVERY_DAY, T(9), T(17)))
    # 8:30 UTC is 8:30am on Saturday (GMT) but 9:30am on Sunday (BST).
    assert open_at(day, datetime.datetime(2027, 3, 27, 8, 30, tzinfo=UTC)) is False
    assert open_at(day, datetime.datetime(2027, 3, 28, 8, 30, tzinfo=UTC)) is True


def test_a_service_without_hours_is_neither_open_nor_closed():
    service = make_service(hours=[])
    assert open_at(service, london(2026, 11, 30, 12, 0)) is None
    assert service.hours_summary == ""


# --- Summaries --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("hours", "summary"),
    [
        (days(WEEKDAYS, T(9), T(17)), "Monday to Friday, 9am to 5pm"),
        (days(WEEKDAYS, T(9, 30), T(16, 30)), "Monday to Friday, 9:30am to 4:30pm"),
        (all_day(), "24 hours, every day"),
        (days(EVERY_DAY, T(8), T(20)), "Every day, 8am to 8pm"),
        (
            days(WEEKDAYS, T(9), T(21)) + days([5, 6], T(10), T(16)),
            "Monday to Friday, 9am to 9pm; Saturday and Sunday, 10am to 4pm",
        ),
        (
            days([0, 2], T(9), T(20)) + days([1, 3, 4], T(9), T(17)),
            "Monday, 9am to 8pm; Tuesday, 9am to 5pm; Wednesday, 9am to 8pm; "
            "Thursday and Friday, 9am to 5pm",
        ),
        (
            [{"weekday": 4, "opens": T(22), "closes": T(2), "overnight": True}],
            "Friday, 10pm to 2am",
        ),
        (days([0], T(12), T(0), overnight=True), "Monday, midday to midnight"),
        (
            [*days(WEEKDAYS, T(9), T(17)), {"weekday": 6, "closed": True}],
            "Monday to Friday, 9am to 5pm",
        ),
    ],
)
def test_hours_summary_reads_as_a_sentence(hours, summary):
    assert make_service(hours=hours).hours_summary == summary


def render_get_help(service) -> str:
    return render_to_string(
        "blocks/get_help.html", {"value": {"heading": "Where to get help", "services": [service]}}
    )


def test_get_help_block_shows_who_it_is_for_phone_hours_and_open_now():
    service = make_service(hours=days(WEEKDAYS, T(9), T(17)), hours_note="Answerphone at night.")
    with time_machine.travel(london(2026, 11, 30, 10, 0), tick=False):
        html = render_get_help(SupportService.objects.get(pk=service.pk))
    assert 'href="tel:08000000000"' in html
    assert "Who it is for: Anyone testing" in html
    assert "Monday to Friday, 9am to 5pm" in html
    assert "Open now" in html and "Closed now" not in html
    assert "Answerphone at night." in html
    with time_machine.travel(london(2026, 11, 30, 18, 0), tick=False):
        html = render_get_help(SupportService.objects.get(pk=service.pk))
    assert "Closed now" in html and "Open now" not in html


def test_get_help_block_shows_no_tag_when_hours_are_not_published():
    service = make_service(hours=[], url="https://example.org/")
    with time_machine.travel(london(2026, 11, 30, 10, 0), tick=False):
        html = render_get_help(SupportService.objects.get(pk=service.pk))
    assert "Open now" not in html and "Closed now" not in html
    assert "Opening hours are not listed here: check the website before you call." in html


# --- The "to check" report --------------------------------------------------------------


def test_six_calendar_months_back():
    assert months_before(datetime.date(2026, 11, 30), 6) == datetime.date(2026, 5, 30)
    assert months_before(datetime.date(2026, 8, 31), 6) == datetime.date(2026, 2, 28)
    assert months_before(datetime.date(2027, 3, 15), 6) == datetime.date(2026, 9, 15)


@time_machine.travel(london(2026, 11, 30, 12, 0), tick=False)
def test_report_lists_services_checked_over_six_months_ago_oldest_first(client, user_with_role):
    make_service(
        "exactly-six",
        name="Checked exactly six months ago",
        date_checked=datetime.date(2026, 5, 30),
    )
    make_service(
        "one-day-over", name="Checked a day too long ago", date_checked=datetime.date(2026, 5, 29)
    )
    make_service("long-ago", name="Checked long ago", date_checked=datetime.date(2025, 1, 10))
    make_service("recent", name="Checked recently", date_checked=datetime.date(2026, 11, 1))

    assert [s.slug for s in services_to_check()] == ["long-ago", "one-day-over"]

    sign_in(client, user_with_role(Role.EDITOR))
    response = client.get(reverse("support_services_to_check"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Checked exactly six months ago" not in html
    assert "Checked recently" not in html
    assert html.index("Checked long ago") < html.index("Checked a day too long ago")
    edit_url = reverse(
        SupportService.snippet_viewset.get_url_name("edit"),
        args=[SupportService.objects.get(slug="long-ago").pk],
    )
    assert f'href="{edit_url}"' in html


def test_report_is_refused_to_people_who_cannot_change_services(client, user_with_role):
    make_service(date_checked=datetime.date(2020, 1, 1))
    sign_in(client, user_with_role(Role.LEARNER))
    assert client.get(reverse("support_services_to_check")).status_code == 403
    sign_in(client, user_with_role(Role.SAFE_PLACES_OFFICER))
    assert client.get(reverse("support_services_to_check")).status_code == 403


# --- Seed data --------------------------------------------------------------------------


def seeds() -> list[dict]:
    with SERVICES_FILE.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def test_every_seeded_service_states_its_hours_audience_and_source():
    entries = seeds()
    slugs = [entry["slug"] for entry in entries]
    assert len(slugs) == len(set(slugs))
    assert set(SERVICE_SLUGS) == set(slugs)  # module YAML files may use any of these
    for entry in entries:
        slug = entry["slug"]
        # Hours are rows, or said outright not to be published: never just missing.
        assert entry["hours"] == "not published" or hours_rows(entry["hours"]), slug
        assert entry["who_for"].strip(), slug
        assert entry["source"].strip(), slug
        assert entry["source_url"].startswith(("https://", "http://")), slug
        assert entry["date_checked"] == datetime.date(2026, 11, 30), slug


def test_seeded_services_load_with_their_hours_and_only_once():
    services = load_services()
    assert set(services) == set(SERVICE_SLUGS)
    assert SupportService.objects.get(slug="samaritans").hours_summary == "24 hours, every day"
    assert SupportService.objects.get(slug="pippa").hours_summary == (
        "Monday to Friday, 9:30am to 4:30pm"
    )
    assert SupportService.objects.get(slug="galop").hours_summary == (
        "Monday to Thursday, 10am to 8:30pm; Friday, 10am to 4:30pm"
    )
    assert SupportService.objects.get(slug="hampton-trust").hours_summary == ""
    staff = set(SupportService.objects.filter(staff_support=True).values_list("slug", flat=True))
    assert staff == {"national-da-helpline", "mens-advice-line", "galop", "samaritans"}
    count = ServiceHours.objects.count()
    load_services()
    assert ServiceHours.objects.count() == count


# --- Lessons ----------------------------------------------------------------------------


@pytest.fixture
def learner_client(client, user_with_role):
    sign_in(client, user_with_role())
    return client


def test_lesson_shows_open_now_for_its_get_help_service(client, user_with_role, catalogue):
    learner = user_with_role()
    service = make_service(hours=days(WEEKDAYS, T(9), T(17)))
    module = module_with_lessons(catalogue, count=1)
    lesson = live_lessons(module).first().specific
    lesson.body = [
        *lesson_body()[:1],
        ("get_help", {"heading": "Where to get help", "services": [service]}),
        *lesson_body()[1:],
    ]
    lesson.save_revision().publish()
    for moment, shown, not_shown in (
        (london(2026, 11, 30, 16, 59), "Open now", "Closed now"),
        (london(2026, 11, 30, 17, 0), "Closed now", "Open now"),
    ):
        with time_machine.travel(moment, tick=False):
            sign_in(client, learner)  # sessions have a time limit: start one at this time
            html = client.get(lesson.url).content.decode()
        block = html.split('<section class="app-get-help"')[1]  # the lesson's own block
        assert shown in block and not_shown not in block, moment


def test_only_the_last_lesson_offers_support_for_staff(learner_client, catalogue):
    make_service("staff-line", name="Staff line", staff_support=True, hours=all_day())
    make_service("other-line", name="Not for staff", staff_support=False)
    module = module_with_lessons(catalogue, count=3)
    lessons = list(live_lessons(module))
    LessonPageFactory(parent=module, title="Draft lesson", live=False)  # not the last
    for lesson in lessons[:-1]:
        assert "Support for you" not in learner_client.get(lesson.url).content.decode()
    html = learner_client.get(lessons[-1].url).content.decode()
    assert "Support for you" in html
    assert "talk to your manager" in html
    assert "Staff line" in html and "Open now" in html
    assert "Not for staff" not in html
    # After the lesson's body, before the links to other lessons.
    assert html.index("Support for you") < html.index('aria-label="Lessons"')


def test_staff_support_services_come_with_their_hours_in_one_query(django_assert_num_queries):
    make_service("a-line", name="A line", staff_support=True, hours=all_day())
    make_service("b-line", name="B line", staff_support=True, hours=[])
    make_service("c-line", name="C line", staff_support=False, hours=all_day())
    with django_assert_num_queries(1):
        services = staff_support_services()
        summaries = {s.slug: s.hours_summary for s in services}
    made = {"a-line", "b-line", "c-line"}  # the seeded services are there too
    assert {slug: summaries[slug] for slug in made & summaries.keys()} == {
        "a-line": "24 hours, every day",
        "b-line": "",
    }


def test_editors_edit_a_service_with_its_hours(client, user_with_role):
    service = make_service(hours=days(WEEKDAYS, T(9), T(17)))
    sign_in(client, user_with_role(Role.EDITOR))
    url = reverse(SupportService.snippet_viewset.get_url_name("edit"), args=[service.pk])
    html = client.get(url).content.decode()
    assert "Opening hours" in html
    assert "Closed on bank holidays in England" in html


def test_a_corrected_number_shows_at_once_on_a_lesson_already_seen(
    client, user_with_role, catalogue
):
    """Lesson bodies are cached; a service edited without republishing the lesson (a number
    corrected, hours changed) must show on the next request, not a day later."""
    service = make_service(hours=all_day(), phone="0800 000 0001")
    module = module_with_lessons(catalogue, count=1)
    lesson = live_lessons(module).first().specific
    lesson.body = [
        *lesson_body()[:1],
        ("get_help", {"heading": "Help", "services": [service]}),
        *lesson_body()[1:],
    ]
    lesson.save_revision().publish()
    sign_in(client, user_with_role())
    assert "0800 000 0001" in client.get(lesson.url).content.decode()
    service.phone = "0800 000 0002"
    service.save()
    html = client.get(lesson.url).content.decode()
    assert "0800 000 0002" in html and "0800 000 0001" not in html
