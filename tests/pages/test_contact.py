"""The Contact page's contact and feedback form.

Stored, the team emailed a fixed phrase and a link to read it in the admin (never the
message), spam-protected like the Safe Places application (honeypot and a per-address rate
limit), errors in a GOV.UK error summary, a character count on the message, and a listing
in the admin that only the coordinator (and administrators) can open.
"""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from accounts.models import User
from accounts.roles import Role
from pages.models import ContactMessage
from tests.helpers import sign_in

# The demo site is loaded once for this module (tests/conftest.py, shared_demo): every
# test runs against it, each rolled back.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_demo")]

MESSAGE = "The quiz on coercive control would not load on my phone. EveSecretText"


def post(client, **overrides):
    data = {"topic": "website", "message": MESSAGE, "reply_email": "", "website": ""}
    data.update(overrides)
    return client.post("/contact/", data, follow=True)


def test_contact_page_has_a_form_with_a_character_count(shared_demo, client):
    html = client.get("/contact/").content.decode()
    assert '<form method="post"' in html
    assert "csrfmiddlewaretoken" in html
    assert 'data-module="govuk-character-count"' in html
    assert 'data-maxlength="2000"' in html
    assert "What is it about?" in html and "Your message" in html
    assert "Email address (optional)" in html


@override_settings(SITE_URL="https://learning.example.test:8443")
def test_a_message_is_stored_and_the_team_is_emailed_a_link_only(shared_demo, client):
    response = post(client, topic="training", reply_email="someone@example.net")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Your message has been sent" in page
    stored = ContactMessage.objects.get()
    assert (stored.topic, stored.message, stored.reply_email) == (
        "training",
        MESSAGE,
        "someone@example.net",
    )
    coordinator = User.objects.get(email="coordinator@example.org")
    assert mail.outbox, "the team should be emailed"
    recipients = {address for message in mail.outbox for address in message.to}
    assert coordinator.email in recipients
    for message in mail.outbox:
        text = message.subject + message.body
        assert "EveSecretText" not in text and "someone@example.net" not in text
        assert "coercive" not in text
        link = re.search(r"https?://\S+", message.body)[0]
        assert link == f"{settings.SITE_URL}/admin/contact-messages/inspect/{stored.pk}/", link


def test_errors_are_listed_in_an_error_summary_and_nothing_is_sent(shared_demo, client):
    response = post(client, topic="", message="", reply_email="not-an-email")
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page
    assert "<title>Error:" in page
    assert "Select what your message is about" in page
    assert "Enter your message" in page
    assert "Enter an email address in the correct format, like name@example.com" in page
    too_long = post(client, message="x" * 2001).content.decode()
    assert "Your message must be 2,000 characters or fewer" in too_long
    assert ContactMessage.objects.count() == 0
    assert mail.outbox == []


def test_the_honeypot_stores_nothing(shared_demo, client):
    response = post(client, website="http://spam.example")
    assert response.status_code == 400
    assert "We could not send your message" in response.content.decode()
    assert ContactMessage.objects.count() == 0 and mail.outbox == []


@override_settings(CONTACT_MESSAGES_PER_HOUR=2)
def test_messages_are_limited_per_address(shared_demo, client):
    assert post(client).status_code == 200
    assert post(client).status_code == 200
    response = post(client)
    assert response.status_code == 429
    assert "Too many messages" in response.content.decode()
    assert ContactMessage.objects.count() == 2


def test_only_the_coordinator_can_read_messages_in_the_admin(shared_demo, client):
    post(client)
    stored = ContactMessage.objects.get()
    listing = reverse("contact_messages:index")
    inspect = reverse("contact_messages:inspect", args=[stored.pk])

    sign_in(client, User.objects.get(email="coordinator@example.org"))
    assert "EveSecretText" not in client.get(listing).content.decode()  # topic and date only
    assert client.get(listing).status_code == 200
    assert "EveSecretText" in client.get(inspect).content.decode()

    for email in ("editor@example.org", "safe.places@example.org"):
        sign_in(client, User.objects.get(email=email))
        assert client.get(inspect).status_code in (302, 403)
        assert "EveSecretText" not in client.get(inspect).content.decode()


def test_pages_pointing_to_contact_reach_the_form(shared_demo, client):
    accessibility = client.get("/accessibility/").content.decode()
    assert 'href="/contact/"' in accessibility
    home = client.get("/").content.decode()
    assert 'href="/contact/?topic=feedback">Tell us what you think' in home
    feedback = client.get("/contact/?topic=feedback").content.decode()
    assert re.search(r'value="feedback"\s+checked', feedback)
    assert Role.TRAINING_COORDINATOR  # the team who read the messages
