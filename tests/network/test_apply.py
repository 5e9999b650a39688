"""The public Safe Places application form, as an applicant uses it."""

import datetime
import html
import re
import uuid
from pathlib import Path

import pytest
from django.core import mail
from django.urls import reverse

import network
from accounts.models import User
from network.factories import VenueFactory
from network.forms import parse_time
from network.models import Venue, VenueHours, VenueStatus
from tests.helpers import sign_in

pytestmark = pytest.mark.django_db

URL = "/safe-places/apply/"
CLAIM_LINK = re.compile(r"https?://\S*/safe-places/claim/[^/\s]+/")


def application(**changes):
    """A complete, valid POST: open 9am to 5:30pm on weekdays, closed at weekends."""
    data = {
        "name": "Bargate Books",
        "venue_type": "shop",
        "address_line_1": "12 High Street",
        "address_line_2": "",
        "town": "Southampton",
        "postcode": "so14 7ly",
        "public_phone": "023 8083 3000",
        "accessibility": ["step_free", "quiet_space"],
        "closed_on_bank_holidays": "yes",
        "lead_name": "Priya Shah",
        "contact_email": "priya@bargatebooks.example",
        "contact_phone": "07700 900982",
        "staff_count": "8",
        "confirm_public": "on",
        "confirm_insurance": "on",
        "confirm_quiet_place": "on",
        "confirm_charter": "on",
        "website": "",
        "submission_id": str(uuid.uuid4()),
    }
    for day in range(5):
        data[f"hours-{day}-opens"] = "9am"
        data[f"hours-{day}-closes"] = "17:30"
    for day in (5, 6):
        data[f"hours-{day}-closed"] = "on"
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def post(client, django_capture_on_commit_callbacks):
    """POST the form, running the after-commit work (emails, geocoding) as production would."""

    def send(data, **extra):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(URL, data, **extra)

    return send


def page_text(response) -> str:
    return html.unescape(response.content.decode())


def test_the_form_is_public_and_has_a_fresh_submission_id(client):
    response = client.get(URL)
    assert response.status_code == 200
    first = response.context["form"].main["submission_id"].value()
    second = client.get(URL).context["form"].main["submission_id"].value()
    assert uuid.UUID(first) and first != second
    assert "Monday" in page_text(response) and "Closes after midnight" in page_text(response)
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_a_valid_application_creates_a_submitted_venue_and_no_account(post, client):
    response = post(application())

    assert response.status_code == 302
    assert response["Location"] == reverse("network:apply_received")
    venue = Venue.objects.get()
    assert venue.status == VenueStatus.SUBMITTED
    assert venue.postcode == "SO14 7LY"
    assert venue.contact_email == "priya@bargatebooks.example"
    assert (venue.step_free, venue.quiet_space, venue.accessible_toilet) == (True, True, False)
    assert venue.closed_on_bank_holidays is True
    assert venue.staff_count == 8
    hours = {h.weekday: h for h in VenueHours.objects.filter(venue=venue)}
    assert len(hours) == 7
    assert (hours[0].opens, hours[0].closes, hours[0].closed) == (
        datetime.time(9),
        datetime.time(17, 30),
        False,
    )
    assert hours[6].closed and hours[6].opens is None and hours[6].closes is None
    # Nothing is attached to anyone, and no account is made, until the address is confirmed.
    assert not venue.memberships.exists()
    assert not User.objects.exists()
    assert [m.to for m in mail.outbox] == [["priya@bargatebooks.example"]]
    assert venue.reference in mail.outbox[0].body
    assert CLAIM_LINK.search(mail.outbox[0].body)
    assert reverse("account_reset_password") not in mail.outbox[0].body

    received = client.get(response["Location"])
    text = page_text(received)
    assert received.status_code == 200
    assert venue.reference in text
    assert "training" in text and "review" in text
    assert "confirm" in text


def test_the_confirmation_email_says_little_beyond_a_link(post):
    post(application(contact_phone="07700 900123", name="Bargate Books"))
    body = mail.outbox[0].body
    assert "07700 900123" not in body
    assert "Priya Shah" not in body
    assert "Bargate Books" not in body
    assert "http://testserver/" in body


def test_application_naming_an_existing_account_attaches_nothing(post, client):
    from accounts import privacy
    from accounts.factories import UserFactory

    existing = UserFactory(email="priya@bargatebooks.example", full_name="Priya Real")
    post(
        application(
            contact_email="Priya@BargateBooks.example",
            name="Evil Lure Ltd",
            lead_name="Your Ex",
        )
    )
    venue = Venue.objects.get()
    assert not venue.memberships.exists()
    assert User.objects.count() == 1

    sign_in(client, existing)
    manage = page_text(client.get(reverse("network:manage")))
    assert "Evil Lure Ltd" not in manage
    assert client.get(reverse("network:manage_venue", args=[venue.pk])).status_code == 404
    assert privacy.erasure_problems(existing) == []

    (message,) = mail.outbox
    assert message.to == ["Priya@BargateBooks.example"]
    for typed in ("Evil Lure Ltd", "Your Ex", "12 High Street", "07700 900982"):
        assert typed not in message.body and typed not in message.subject
    assert CLAIM_LINK.search(message.body)


def test_submitting_the_same_form_twice_makes_one_application(post):
    data = application()
    first = post(data)
    second = post(data)
    assert first.status_code == second.status_code == 302
    assert Venue.objects.count() == 1
    assert len(mail.outbox) == 1


def test_the_confirmation_page_needs_an_application_in_this_session(client):
    response = client.get(reverse("network:apply_received"))
    assert response.status_code == 302
    assert response["Location"] == URL


def test_an_invalid_postcode_is_refused_and_typed_values_are_kept(post):
    response = post(application(postcode="SO99 ZZZZ", name="Portswood Pharmacy"))
    text = page_text(response)
    assert response.status_code == 200
    assert "Enter a real postcode, like SO14 7LY" in text
    assert 'href="#id_postcode"' in text
    assert 'value="SO99 ZZZZ"' in text and 'value="Portswood Pharmacy"' in text
    assert "<title>Error: " in text
    assert not Venue.objects.exists()


def test_closing_before_opening_without_overnight_is_refused(post):
    response = post(application(**{"hours-2-opens": "18:00", "hours-2-closes": "2am"}))
    text = page_text(response)
    assert response.status_code == 200
    assert "Closing time must be after opening time" in text
    # The summary says which day and links to its closing time.
    assert 'href="#id_hours-2-closes"' in text
    assert "Wednesday: Closing time must be after opening time" in text
    assert 'value="18:00"' in text and 'value="2am"' in text
    assert "<title>Error: " in text
    assert not Venue.objects.exists()


def test_overnight_hours_are_accepted(post):
    response = post(
        application(**{"hours-4-opens": "6pm", "hours-4-closes": "2:00", "hours-4-overnight": "on"})
    )
    assert response.status_code == 302
    friday = VenueHours.objects.get(weekday=4)
    assert (friday.opens, friday.closes, friday.overnight) == (
        datetime.time(18),
        datetime.time(2),
        True,
    )


def test_overnight_ticked_with_a_same_day_closing_time_is_refused(post):
    response = post(application(**{"hours-0-overnight": "on"}))
    assert response.status_code == 200
    assert 'href="#id_hours-0-overnight"' in page_text(response)
    assert not Venue.objects.exists()


def test_an_open_day_needs_both_times_and_a_closed_day_ignores_them(post):
    response = post(application(**{"hours-1-closes": ""}))
    assert "Enter Tuesday’s closing time" in page_text(response)
    assert not Venue.objects.exists()

    response = post(application(**{"hours-5-opens": "nonsense"}))  # Saturday is ticked closed
    assert response.status_code == 302
    assert VenueHours.objects.get(weekday=5).opens is None


def test_a_venue_must_be_open_on_some_day(post):
    closed = {f"hours-{day}-closed": "on" for day in range(7)}
    response = post(application(**closed))
    text = page_text(response)
    assert "must be open on at least one day" in text
    assert 'href="#id_hours-0-closed"' in text
    assert not Venue.objects.exists()


def test_missing_confirmations_each_have_an_error(post):
    response = post(application(confirm_public=None, confirm_insurance=None, name="Café Lumière"))
    text = page_text(response)
    assert response.status_code == 200
    assert "Confirm that the venue is open to the public" in text
    assert "Confirm that your public liability insurance is in date" in text
    assert 'href="#id_confirm_public"' in text
    assert 'value="Café Lumière"' in text
    # The confirmations that were ticked stay ticked.
    assert re.search(r'<input[^>]*name="confirm_charter"[^>]*checked', text)
    assert not Venue.objects.exists()


def test_a_duplicate_address_is_refused_with_the_typed_values_kept(post):
    VenueFactory(address_line_1="12 High Street", postcode="SO14 7LY")
    response = post(application(address_line_1="12, High Street", lead_name="Sam Lee"))
    text = page_text(response)
    assert response.status_code == 200
    assert "An application for this address has already been made" in text
    assert 'href="#id_address_line_1"' in text
    assert 'value="12, High Street"' in text and 'value="Sam Lee"' in text
    assert Venue.objects.count() == 1


def test_a_rejected_address_can_apply_again(post):
    VenueFactory(address_line_1="12 High Street", postcode="SO14 7LY", status="rejected")
    assert post(application()).status_code == 302
    assert Venue.objects.count() == 2


def test_bad_phone_numbers_and_staff_counts_are_explained(post):
    response = post(application(public_phone="call us", staff_count="a few"))
    text = page_text(response)
    assert "Enter a UK phone number" in text
    assert "Enter the number of staff as a whole number" in text
    assert 'value="call us"' in text and 'value="a few"' in text


def test_the_spam_trap_refuses_politely_and_creates_nothing(post):
    response = post(application(website="http://cheap-pills.example"))
    assert response.status_code == 400
    assert "We could not accept this application" in page_text(response)
    assert not Venue.objects.exists()
    assert not User.objects.exists()
    assert mail.outbox == []


def test_the_spam_trap_is_hidden_from_people(client):
    text = client.get(URL).content.decode()
    trap = text[text.index('class="govuk-visually-hidden" aria-hidden="true"') :]
    trap = trap[: trap.index("</div>")]
    assert 'name="website"' in trap and 'tabindex="-1"' in trap and 'autocomplete="off"' in trap
    assert "style=" not in trap


def test_a_sixth_application_in_an_hour_from_one_address_is_refused(post, settings):
    assert settings.SAFE_PLACES_APPLICATIONS_PER_HOUR == 5
    for n in range(5):
        response = post(application(address_line_1=f"{n + 1} Above Bar Street"))
        assert response.status_code == 302
    response = post(application(address_line_1="6 Above Bar Street"))
    assert response.status_code == 429
    assert "Too many applications" in page_text(response)
    assert Venue.objects.count() == 5
    # Someone else, elsewhere, can still apply.
    other = post(application(address_line_1="7 Above Bar Street"), REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 302


def test_correcting_mistakes_does_not_use_up_the_limit(post):
    for _ in range(6):
        assert post(application(postcode="nonsense")).status_code == 200
    assert post(application()).status_code == 302


def test_script_in_the_name_is_stored_and_shown_as_text(post, client):
    name = '<script>alert("x")</script> Books'
    response = post(application(name=name))
    assert response.status_code == 302
    assert Venue.objects.get().name == name
    received = client.get(response["Location"]).content.decode()
    assert "<script>alert" not in received
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Books" in received


def test_a_southampton_postcode_is_located_after_applying(post):
    post(application(postcode="SO15 2AB"))
    venue = Venue.objects.get()
    assert venue.latitude is not None and venue.longitude is not None
    assert venue.located_by == "geocoder"


def test_a_geocoder_outage_does_not_stop_the_application(post, client):
    # The fake geocoder fails for the SO99 district, as a real service does when it is down.
    response = post(application(postcode="SO99 1AA"))
    assert response.status_code == 302
    venue = Venue.objects.get()
    assert venue.status == VenueStatus.SUBMITTED
    assert venue.latitude is None
    assert venue.geocode_failures == 1
    assert len(mail.outbox) == 1
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("9:00", datetime.time(9)),
        ("09:30", datetime.time(9, 30)),
        ("17:30", datetime.time(17, 30)),
        ("9am", datetime.time(9)),
        ("5:30pm", datetime.time(17, 30)),
        ("5.30 PM", datetime.time(17, 30)),
        ("12am", datetime.time(0)),
        ("12pm", datetime.time(12)),
        ("midday", datetime.time(12)),
        ("midnight", datetime.time(0)),
        ("0930", datetime.time(9, 30)),
        ("9", None),
        ("25:00", None),
        ("13pm", None),
        ("soon", None),
    ],
)
def test_times_are_read_the_way_people_write_them(typed, expected):
    assert parse_time(typed) == expected


@pytest.mark.parametrize(
    ("typed", "ok"),
    [
        ("023 8083 3000", True),
        ("07700 900982", True),
        ("+44 7700 900982", True),
        ("+44 (0)23 8083 3000", True),
        ("(023) 8083-3000", True),
        ("999", False),
        ("+1 212 555 0100", False),
        ("ring reception", False),
    ],
)
def test_phone_numbers_are_checked_for_a_uk_number(post, typed, ok):
    response = post(application(contact_phone=typed))
    assert (response.status_code == 302) is ok
    if not ok:
        assert "Enter a UK phone number" in page_text(response)


# --- Emails ---------------------------------------------------------------------------------

EMAIL_CONTEXT = {
    "manage_url": "http://testserver/safe-places/manage/1/",
    "public_url": "http://testserver/safe-places/venues/the-crown/",
}


@pytest.mark.parametrize("status", ["approved", "rejected", "suspended", "lapsed"])
def test_status_emails_carry_a_link_and_nothing_anyone_typed(status):
    from django.template.loader import render_to_string

    venue = VenueFactory(
        name="Bob’s Café & Bar",
        slug="bobs-cafe-bar",
        contact_phone="07700 900555",
        lead_name="Robin Private",
        status=status,
        status_reason="Staff training ran out & was not renewed" if status != "approved" else "",
    )
    body = render_to_string(
        f"network/email/status_{status}.txt",
        {"venue": venue, "reference": venue.reference, **EMAIL_CONTEXT},
    )
    assert EMAIL_CONTEXT["manage_url"] in body
    assert venue.reference in body
    # The officer's reason is on the signed-in page, not in the email.
    for typed in ("Bob", "07700 900555", "Robin Private", "Staff training ran out"):
        assert typed not in body, typed


def test_invitation_and_reminder_emails_render_without_the_venue_name():
    from django.template.loader import render_to_string

    venue = VenueFactory(name="The Crown")
    invite = render_to_string(
        "network/email/staff_invitation.txt",
        {"venue": venue, "link": "http://testserver/safe-places/join/abc/", "days": 14},
    )
    assert "http://testserver/safe-places/join/abc/" in invite and "14 days" in invite
    assert "The Crown" not in invite
    due = datetime.date(2026, 6, 1)
    for on_the_day in (False, True):
        reminder = render_to_string(
            "network/email/check_reminder.txt",
            {"venue": venue, "due": due, "on_the_day": on_the_day, **EMAIL_CONTEXT},
        )
        assert "1 June 2026" in reminder and EMAIL_CONTEXT["manage_url"] in reminder
        assert "The Crown" not in reminder
    officer = render_to_string(
        "network/email/officer_new_application.txt",
        {"venue": venue, "admin_url": "http://testserver/admin/venues/edit/1/"},
    )
    assert venue.reference in officer and "http://testserver/admin/venues/edit/1/" in officer
    assert "The Crown" not in officer


@pytest.mark.parametrize(
    "template",
    sorted(
        p.stem for p in (Path(network.__file__).parent / "templates/network/email").glob("*.txt")
    ),
)
def test_no_network_email_template_prints_what_someone_typed(template):
    """Every field an applicant, a contact or an officer types, checked in every email."""
    source = (Path(network.__file__).parent / f"templates/network/email/{template}.txt").read_text()
    for field in (
        "name",
        "lead_name",
        "status_reason",
        "address_line_1",
        "address_line_2",
        "town",
        "contact_phone",
        "public_phone",
        "contact_email",
        "slug",
        "postcode",
    ):
        assert f"venue.{field}" not in source, (template, field)
    assert "public_url" not in source  # the public address is made from the typed name


def test_officer_is_told_of_a_new_application(post):
    from network.models import SafePlacesSettings

    config = SafePlacesSettings.load()
    config.officer_email = "safe.places@council.example"
    config.save()
    post(application())
    venue = Venue.objects.get()
    officer = next(m for m in mail.outbox if m.to == ["safe.places@council.example"])
    assert venue.reference in officer.body
    assert "priya@bargatebooks.example" not in officer.body
