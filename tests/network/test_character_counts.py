"""Text with a limit: a GOV.UK character count shows the limit as people type; text over it
is refused with a message and shown back in full (never cut off by the browser)."""

import html
import re

import pytest

from network.models import Venue

from .test_apply import URL, application

pytestmark = pytest.mark.django_db

COUNTED = {
    "name": 150,
    "address_line_1": 150,
    "address_line_2": 150,
    "town": 80,
    "lead_name": 150,
    "description": 500,
}


def counted_fields(page: str) -> dict[str, int]:
    """{field name: data-maxlength} for every character count component on the page."""
    found = {}
    for limit, block in re.findall(
        r'data-module="govuk-character-count" data-maxlength="(\d+)">(.*?)'
        r"govuk-character-count__message",
        page,
        re.S,
    ):
        name = re.search(r'name="([^"]+)"', block).group(1)
        assert "govuk-js-character-count" in block
        found[name] = int(limit)
    return found


def test_the_application_form_counts_characters_and_never_cuts_text(client):
    page = client.get(URL).content.decode()
    assert counted_fields(page) == COUNTED
    assert "You can enter up to 500 characters" in page
    assert not re.search(r"\smaxlength=", page)


def test_text_over_the_limit_is_refused_and_kept_in_full(client):
    long_name = "The Very Long Named Community Bookshop and Café " * 4  # 196 characters
    response = client.post(URL, application(name=long_name, description="x" * 501))
    page = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Organisation name must be 150 characters or fewer" in page
    assert "About your venue must be 500 characters or fewer" in page
    assert f'value="{long_name}"' in page
    assert "x" * 501 in page
    assert not Venue.objects.exists()


def test_the_description_is_kept_with_the_application(client):
    client.post(URL, application(description="Ask at the counter for the quiet room."))
    assert Venue.objects.get().description == "Ask at the counter for the quiet room."


def test_an_application_can_be_open_24_hours_on_a_day(client):
    data = application(**{"hours-5-closed": None, "hours-5-all_day": "on"})
    assert client.post(URL, data).status_code == 302
    saturday = Venue.objects.get().hours.get(weekday=5)
    assert saturday.all_day and saturday.opens is None


def test_the_annual_check_counts_characters(client):
    from accounts.factories import UserFactory
    from network.factories import VenueFactory, VenueMembershipFactory
    from network.models import VenueRole
    from tests.helpers import sign_in

    venue = VenueFactory()
    contact = UserFactory()
    VenueMembershipFactory(venue=venue, user=contact, role=VenueRole.CONTACT)
    sign_in(client, contact)
    page = client.get(f"/safe-places/manage/{venue.pk}/check/").content.decode()
    assert counted_fields(page) == {"changes": 2000}
    assert not re.search(r"\smaxlength=", page)
