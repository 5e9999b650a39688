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

pytestmark = pytest.mark.django_db

MESSAGE = "The quiz on coercive control would not load on my phone. EveSecretText"


def post(client, **overrides):
    data = {"topic": "website", "message": MESSAGE, "reply_email": "", "website": ""}
    data.update(overrides)
    return client.post("/contact/", data, follow=True)


def test_contact_page_has_a_form_with_a_character_count(demo_site, client):
    html = client.get("/contact/").content.decode()
    assert '<form method="post"' in html
    assert "csrfmiddlewaretoken" in html
    assert 'data-module="govuk-character-count"' in html
    assert 'data-maxlength="2000"' in html
    assert "What is it about?" in html and "Your message" in html
    assert "Email address (optional)" in html


@override_settings(SITE_URL="https://learning.example.test:8443")
def test_a_message_is_stored_and_the_team_is_emailed_a_link_only(demo_site, client):
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


def test_errors_are_listed_in_an_error_summary_and_nothing_is_sent(demo_site, client):
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


def test_the_honeypot_stores_nothing(demo_site, client):
    response = post(client, website="http://spam.example")
    assert response.status_code == 400
    assert "We could not send your message" in response.content.decode()
    assert ContactMessage.objects.count() == 0 and mail.outbox == []


@override_settings(CONTACT_MESSAGES_PER_HOUR=2)
def test_messages_are_limited_per_address(demo_site, client):
    assert post(client).status_code == 200
    assert post(client).status_code == 200
    response = post(client)
    assert response.status_code == 429
    assert "Too many messages" in response.content.decode()
    assert ContactMessage.objects.count() == 2


def test_only_the_coordinator_can_read_messages_in_the_admin(demo_site, client):
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


def test_pages_pointing_to_contact_reach_the_form(demo_site, client):
    accessibility = client.get("/accessibility/").content.decode()
    assert 'href="/contact/"' in accessibility
    home = client.get("/").content.decode()
    assert 'href="/contact/?topic=feedback">Tell us what you think' in home
    feedback = client.get("/contact/?topic=feedback").content.decode()
    assert re.search(r'value="feedback"\s+checked', feedback)
    assert Role.TRAINING_COORDINATOR  # the team who read the messages


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_existing_contact_page_gets_the_form_when_migrated():
    """A site made before the form has a content page at /contact/: the migration turns it
    into the contact page, keeping its id, address and text."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before = [("pages", "0004_lesson_documents_collection")]
    after = [("pages", "0005_contact_page_and_messages")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    content_type = old.get_model("contenttypes", "ContentType")
    home_type = content_type.objects.get_or_create(app_label="pages", model="homepage")[0]
    page_type = content_type.objects.get_or_create(app_label="pages", model="standardpage")[0]
    root = old.get_model("wagtailcore", "Page").objects.get(depth=1)
    root.numchild += 1
    root.save()
    common = {"live": True, "locale_id": root.locale_id, "numchild": 0}
    home = old.get_model("pages", "HomePage").objects.create(
        title="Home",
        slug="home-x",
        path=root.path + "0009",
        depth=2,
        url_path="/home-x/",
        draft_title="Home",
        content_type=home_type,
        **{**common, "numchild": 1},
    )
    contact = old.get_model("pages", "StandardPage").objects.create(
        title="Contact",
        slug="contact",
        path=home.path + "0001",
        depth=3,
        url_path="/home-x/contact/",
        draft_title="Contact",
        content_type=page_type,
        intro="Ask us anything.",
        **common,
    )

    executor = MigrationExecutor(connection)
    executor.migrate(after)

    from pages.models import ContactPage, StandardPage

    page = ContactPage.objects.get(pk=contact.pk)
    assert page.intro == "Ask us anything."
    assert page.url_path == "/home-x/contact/"
    assert not StandardPage.objects.filter(pk=contact.pk).exists()
    assert (
        type(page.get_latest_revision_as_object() if page.latest_revision_id else page)
        is ContactPage
    )


def test_old_messages_are_deleted_after_the_retention_period(db):
    import datetime
    import io

    from django.core.management import call_command
    from django.utils import timezone

    old = ContactMessage.objects.create(topic="other", message="old")
    ContactMessage.objects.filter(pk=old.pk).update(
        received_at=timezone.now() - datetime.timedelta(days=366)
    )
    recent = ContactMessage.objects.create(topic="other", message="recent")
    call_command("delete_old_contact_messages", stdout=io.StringIO())
    assert list(ContactMessage.objects.values_list("pk", flat=True)) == [recent.pk]
