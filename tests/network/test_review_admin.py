"""Safe Places officers review venues in the Wagtail admin: list, review page, status changes,
notes, the edit form and its map pin, and the audit history behind them."""

import re
from html.parser import HTMLParser

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import ModelLogEntry

from accounts.roles import Role
from network.factories import VenueFactory, VenueMembershipFactory, certify, configure_scheme
from network.models import Venue, VenueStatus
from tests.helpers import sign_in

from .helpers import add_contact

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('x')</script>"


@pytest.fixture
def officer(user_with_role):
    return user_with_role(Role.SAFE_PLACES_OFFICER, full_name="Olive Officer")


@pytest.fixture
def as_officer(client, officer):
    sign_in(client, officer)
    return client


def submitted(**kwargs):
    return VenueFactory(status=VenueStatus.SUBMITTED, **kwargs)


def page(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def cells(html: str, name: str) -> list[str]:
    """The text of each cell in the listing row for the venue called ``name``."""
    row = next(r for r in re.findall(r"<tr.*?</tr>", html, re.S) if name in r)
    texts = [re.sub(r"<[^>]+>", " ", cell) for cell in re.findall(r"<td.*?</td>", row, re.S)]
    return [" ".join(text.split()) for text in texts]


def next_check(venue) -> str:
    return f"{venue.next_check_due:%-d %b %Y}"  # as the admin shows dates


def flashed(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


class _FormFields(HTMLParser):
    """What a browser would submit from the page's main form (defaults as rendered)."""

    def __init__(self, action):
        super().__init__()
        self.action, self.in_form, self.in_template = action, False, 0
        self.data, self._select, self._textarea = {}, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("action") == self.action:
            self.in_form = True
        if not self.in_form:
            return
        if tag == "template":
            self.in_template += 1
        if self.in_template or (not attrs.get("name") and tag != "option"):
            return
        if tag == "input":
            if attrs.get("type") in ("checkbox", "radio") and "checked" not in attrs:
                return
            if attrs.get("type") in ("submit", "button"):
                return
            default = "on" if attrs.get("type") in ("checkbox", "radio") else ""
            self.data[attrs["name"]] = attrs.get("value") or default
        elif tag == "select":
            self._select = attrs["name"]
            self.data.setdefault(self._select, "")
        elif tag == "option" and self._select and "selected" in attrs:
            self.data[self._select] = attrs.get("value", "")
        elif tag == "textarea":
            self._textarea = attrs["name"]
            self.data[self._textarea] = ""

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_form = False
        elif tag == "template" and self.in_form:
            self.in_template -= 1
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea] += data


def edit_form_data(client, venue) -> dict:
    url = reverse("venues:edit", args=[venue.pk])
    parser = _FormFields(url)
    parser.feed(page(client.get(url)))
    assert "name" in parser.data and "hours-TOTAL_FORMS" in parser.data
    return parser.data


# --- Who can see venues -----------------------------------------------------------------------


def test_officer_sees_the_review_queue_with_trained_staff_counts(as_officer, module):
    configure_scheme(module)
    waiting = submitted(name="Bargate Books", postcode="SO14 1AA")
    listed = VenueFactory(name="Above Bar Café")
    for person in (
        VenueMembershipFactory(venue=listed).user,
        VenueMembershipFactory(venue=listed).user,
    ):
        certify(person, module)
    VenueMembershipFactory(venue=listed)  # not trained

    html = page(as_officer.get(reverse("venues:index")))

    assert "Bargate Books" in html and "Above Bar Café" in html
    # Submitted applications come first, even though "Above Bar" sorts before "Bargate".
    assert html.index("Bargate Books") < html.index("Above Bar Café")
    # The name opens the review page.
    assert reverse("venues:inspect", args=[waiting.pk]) in html
    # No "Add venue": applications come from the public form.
    assert "Add venue" not in html
    assert cells(html, "Above Bar Café")[-2:] == ["2", next_check(listed)]
    assert cells(html, "Bargate Books")[1:] == [
        "Café or restaurant",
        "SO14 1AA",
        "Submitted",
        "0",
        "",
    ]


def test_trained_counts_take_a_fixed_number_of_queries(
    as_officer, module, django_assert_max_num_queries
):
    configure_scheme(module)
    for _ in range(3):
        certify(VenueMembershipFactory(venue=VenueFactory()).user, module)
    as_officer.get(reverse("venues:index"))  # warm caches (settings, site, permissions)
    with django_assert_max_num_queries(40) as few:
        as_officer.get(reverse("venues:index"))
    for _ in range(10):
        certify(VenueMembershipFactory(venue=VenueFactory()).user, module)
    with django_assert_max_num_queries(len(few.captured_queries)):
        as_officer.get(reverse("venues:index"))


def test_officer_searches_and_filters(as_officer):
    submitted(name="Portswood Pharmacy", town="Southampton", postcode="SO17 2FW")
    VenueFactory(name="Shirley Library", postcode="SO15 3EX")

    html = page(as_officer.get(reverse("venues:index") + "?q=SO17"))
    assert "Portswood Pharmacy" in html and "Shirley Library" not in html
    html = page(as_officer.get(reverse("venues:index") + "?status=approved"))
    assert "Shirley Library" in html and "Portswood Pharmacy" not in html


@pytest.mark.parametrize("role", [Role.LEARNER, Role.EDITOR, Role.TRAINING_COORDINATOR])
def test_other_roles_cannot_reach_venues(client, user_with_role, role):
    venue = submitted(name="Private Place", contact_email="lead@private.example")
    sign_in(client, user_with_role(role))
    for url in (
        reverse("venues:index"),
        reverse("venues:inspect", args=[venue.pk]),
        reverse("venues:edit", args=[venue.pk]),
        reverse("venues:transition", args=[venue.pk, "reject"]),
        reverse("venues:note", args=[venue.pk]),
    ):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert b"lead@private.example" not in response.content
    response = client.post(
        reverse("venues:transition", args=[venue.pk, "reject"]), {"reason": "No"}
    )
    assert response.status_code in (302, 403)
    venue.refresh_from_db()
    assert venue.status == VenueStatus.SUBMITTED


def test_there_is_no_add_page(as_officer):
    assert as_officer.get("/admin/venues/new/").status_code == 404


# --- Review page ------------------------------------------------------------------------------


def test_review_page_shows_private_details_staff_training_and_history(as_officer, officer, module):
    configure_scheme(module)
    venue = submitted(name="Ocean Village Pub", contact_email="lead@ocean.example")
    add_contact(venue)
    trained = VenueMembershipFactory(venue=venue).user
    trained.full_name = "Tina Trained"
    trained.save()
    certificate = certify(trained, module)
    untrained = VenueMembershipFactory(venue=venue).user
    as_officer.post(reverse("venues:transition", args=[venue.pk, "review"]), {"reason": ""})
    as_officer.post(reverse("venues:note", args=[venue.pk]), {"note": "Rang the lead, all fine"})

    html = page(as_officer.get(reverse("venues:inspect", args=[venue.pk])))

    assert "lead@ocean.example" in html and "Pat Lead" in html
    assert "Tina Trained" in html
    assert f"In date until {certificate.expires_at:%-d %B %Y}" in html
    assert untrained.email in html and "Not trained" in html
    assert "Monday" in html and "9am to 5pm" in html
    # Enough staff are trained: nothing stands in the way of approval.
    assert "cannot be approved yet" not in html
    # History: newest first, with who did it and the note.
    assert "Olive Officer" in html and "Review started" in html
    assert "Rang the lead, all fine" in html
    assert html.index("Rang the lead") < html.index("Review started")
    # The buttons offered suit the status.
    assert reverse("venues:transition", args=[venue.pk, "approve"]) in html
    assert reverse("venues:transition", args=[venue.pk, "reject"]) in html
    assert reverse("venues:transition", args=[venue.pk, "suspend"]) not in html


def test_an_unclaimed_application_says_so_and_cannot_be_approved(as_officer, module):
    configure_scheme(module)
    venue = VenueFactory(status=VenueStatus.UNDER_REVIEW, contact_email="lead@ocean.example")
    certify(VenueMembershipFactory(venue=venue).user, module)

    html = page(as_officer.get(reverse("venues:inspect", args=[venue.pk])))
    assert "The contact has not confirmed their email address yet" in html

    url = reverse("venues:transition", args=[venue.pk, "approve"])
    html = page(as_officer.post(url, {"reason": ""}))
    assert "has not confirmed their email address yet" in html
    venue.refresh_from_db()
    assert venue.status == VenueStatus.UNDER_REVIEW

    add_contact(venue)
    html = page(as_officer.get(reverse("venues:inspect", args=[venue.pk])))
    assert "has not confirmed their email address yet" not in html


def test_script_in_a_venue_name_is_shown_as_text(as_officer):
    venue = submitted(name=f"{SCRIPT} Café", lead_name=SCRIPT)
    escaped = "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;"
    for url in (
        reverse("venues:index"),
        reverse("venues:inspect", args=[venue.pk]),
        reverse("venues:edit", args=[venue.pk]),
        reverse("venues:transition", args=[venue.pk, "reject"]),
    ):
        html = page(as_officer.get(url))
        assert SCRIPT not in html, url
        assert escaped in html, url


# --- Status changes ---------------------------------------------------------------------------


def test_approval_is_refused_until_a_member_of_staff_is_trained(
    as_officer, officer, module, django_capture_on_commit_callbacks
):
    configure_scheme(module)
    venue = VenueFactory(status=VenueStatus.UNDER_REVIEW)
    add_contact(venue)
    url = reverse("venues:transition", args=[venue.pk, "approve"])

    html = page(as_officer.get(url))
    assert "Approval will be refused" in html

    response = as_officer.post(url, {"reason": "Checked in person"})
    html = page(response)
    assert "At least 1 member of staff must hold an in-date certificate" in html
    assert "Checked in person" in html  # what the officer typed is kept
    venue.refresh_from_db()
    assert venue.status == VenueStatus.UNDER_REVIEW

    staff = VenueMembershipFactory(venue=venue).user
    certify(staff, module)
    with django_capture_on_commit_callbacks(execute=True):
        response = as_officer.post(url, {"reason": "Checked in person"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("venues:inspect", args=[venue.pk])
    assert any("is now approved" in message for message in flashed(response))
    venue.refresh_from_db()
    assert venue.status == VenueStatus.APPROVED and venue.next_check_due is not None
    entry = ModelLogEntry.objects.for_instance(venue).get(action="network.venue.approve")
    assert entry.user == officer


def test_rejecting_needs_a_reason_which_goes_to_the_contact(
    as_officer, officer, django_capture_on_commit_callbacks
):
    venue = submitted(contact_email="lead@shop.example")
    add_contact(venue)
    url = reverse("venues:transition", args=[venue.pk, "reject"])

    html = page(as_officer.post(url, {"reason": "   "}))
    assert "Give a reason" in html
    venue.refresh_from_db()
    assert venue.status == VenueStatus.SUBMITTED

    with django_capture_on_commit_callbacks(execute=True):
        response = as_officer.post(url, {"reason": "Not open to the public"})
    assert response.status_code == 302
    venue.refresh_from_db()
    assert (venue.status, venue.status_reason) == (VenueStatus.REJECTED, "Not open to the public")
    assert [message.to for message in mail.outbox] == [["lead@shop.example"]]
    entry = ModelLogEntry.objects.for_instance(venue).get(action="network.venue.reject")
    assert entry.user == officer and entry.data["reason"] == "Not open to the public"


def test_every_change_is_logged_with_the_officer(as_officer, officer, module):
    configure_scheme(module)
    venue = submitted()
    add_contact(venue)
    certify(VenueMembershipFactory(venue=venue).user, module)
    steps = [
        ("review", "", VenueStatus.UNDER_REVIEW),
        ("approve", "", VenueStatus.APPROVED),
        ("suspend", "Complaint being looked into", VenueStatus.SUSPENDED),
        ("reinstate", "", VenueStatus.APPROVED),
    ]
    for action, reason, expected in steps:
        response = as_officer.post(
            reverse("venues:transition", args=[venue.pk, action]), {"reason": reason}
        )
        assert response.status_code == 302, action
        venue.refresh_from_db()
        assert venue.status == expected

    entries = ModelLogEntry.objects.for_instance(venue).filter(action__startswith="network.")
    assert [e.action for e in entries.order_by("timestamp", "pk")] == [
        "network.venue.review",
        "network.venue.approve",
        "network.venue.suspend",
        "network.venue.approve",
    ]
    assert {e.user for e in entries} == {officer}


def test_an_action_the_status_does_not_allow_is_not_offered_or_done(as_officer):
    venue = VenueFactory(status=VenueStatus.APPROVED)
    url = reverse("venues:transition", args=[venue.pk, "approve"])
    response = as_officer.get(url, follow=True)
    assert "is not possible" in " ".join(flashed(response))
    response = as_officer.post(
        reverse("venues:transition", args=[venue.pk, "reject"]), {"reason": "Too late"}
    )
    assert "cannot be changed to rejected" in page(response)
    venue.refresh_from_db()
    assert venue.status == VenueStatus.APPROVED
    assert (
        as_officer.get(reverse("venues:transition", args=[venue.pk, "delete"])).status_code == 404
    )


def test_a_note_is_added_to_the_history(as_officer, officer):
    venue = submitted()
    url = reverse("venues:note", args=[venue.pk])
    assert "Write a note" in page(as_officer.post(url, {"note": ""}))
    response = as_officer.post(url, {"note": f"Manager said {SCRIPT}"})
    assert response.status_code == 302
    entry = ModelLogEntry.objects.for_instance(venue).get(action="network.venue.note")
    assert entry.user == officer and entry.data["note"] == f"Manager said {SCRIPT}"
    html = page(as_officer.get(reverse("venues:inspect", args=[venue.pk])))
    assert SCRIPT not in html and "Manager said &lt;script&gt;" in html


# --- Editing ----------------------------------------------------------------------------------


def test_moving_the_map_pin_marks_it_as_set_by_an_officer(as_officer, officer):
    venue = VenueFactory(located_by="geocoder")
    data = edit_form_data(as_officer, venue)
    data.update(latitude="50.910000", longitude="-1.400000")

    response = as_officer.post(reverse("venues:edit", args=[venue.pk]), data)

    assert response.status_code == 302
    venue.refresh_from_db()
    assert (str(venue.latitude), str(venue.longitude)) == ("50.910000", "-1.400000")
    assert venue.located_by == "officer"
    entry = ModelLogEntry.objects.for_instance(venue).get(action="network.venue.pin")
    assert entry.user == officer


def test_saving_other_details_leaves_the_pin_source_alone(as_officer):
    venue = VenueFactory(located_by="geocoder")
    data = edit_form_data(as_officer, venue)
    data.update(public_phone="023 8011 1111")
    assert as_officer.post(reverse("venues:edit", args=[venue.pk]), data).status_code == 302
    venue.refresh_from_db()
    assert venue.public_phone == "023 8011 1111" and venue.located_by == "geocoder"


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"hours-0-closes": "08:00"}, "Closing time must be after opening time"),
        ({"latitude": ""}, "Enter the latitude as well as the longitude"),
        ({"latitude": "95"}, "Latitude must be between -90 and 90"),
        ({"postcode": "ABC 123"}, "Enter a real UK postcode"),
    ],
)
def test_bad_edits_are_explained_and_keep_what_was_typed(as_officer, changes, message):
    venue = VenueFactory(name="Kept Name")
    data = edit_form_data(as_officer, venue)
    data.update(changes, name="Typed Name")

    html = page(as_officer.post(reverse("venues:edit", args=[venue.pk]), data))

    assert message in html
    assert 'value="Typed Name"' in html
    assert Venue.objects.get(pk=venue.pk).name == "Kept Name"


def test_a_new_postcode_moves_a_looked_up_pin_but_not_an_officers(
    as_officer, django_capture_on_commit_callbacks
):
    looked_up = VenueFactory(postcode="SO14 7LY", located_by="geocoder")
    placed = VenueFactory(postcode="SO14 7LY", located_by="officer")
    for venue in (looked_up, placed):
        data = edit_form_data(as_officer, venue)
        data.update(postcode="so17 1bj")
        with django_capture_on_commit_callbacks(execute=True):
            response = as_officer.post(reverse("venues:edit", args=[venue.pk]), data)
        assert response.status_code == 302

    before = VenueFactory.build().latitude  # the factory's fixed point
    looked_up.refresh_from_db()
    placed.refresh_from_db()
    assert looked_up.postcode == placed.postcode == "SO17 1BJ"
    assert looked_up.latitude != before and looked_up.located_by == "geocoder"
    assert placed.latitude == before and placed.located_by == "officer"


def test_an_administrator_sees_no_add_button_either(client):
    from accounts.factories import UserFactory, add_totp

    administrator = UserFactory(is_superuser=True)
    add_totp(administrator)
    sign_in(client, administrator)
    submitted(name="Admin Sees This")
    html = page(client.get(reverse("venues:index")))
    assert "Admin Sees This" in html and "Add venue" not in html


def test_an_officer_can_mark_a_day_open_24_hours(as_officer):
    venue = VenueFactory()
    data = edit_form_data(as_officer, venue)
    monday = next(k for k, v in data.items() if k.endswith("-weekday") and v == "0")
    prefix = monday.removesuffix("-weekday")
    data[f"{prefix}-all_day"] = "on"  # times left as they were: not needed
    response = as_officer.post(reverse("venues:edit", args=[venue.pk]), data)
    assert response.status_code == 302
    monday_hours = venue.hours.get(weekday=0)
    assert monday_hours.all_day and monday_hours.opens is None
    assert "Monday: Open 24 hours" in page(
        as_officer.get(reverse("venues:inspect", args=[venue.pk]))
    ).replace("</th><td>", ": ")
