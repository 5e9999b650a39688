"""The Contact page's contact and feedback form.

Stored, the team emailed a fixed phrase and a link to read it in the admin (never the
message), spam-protected like the Safe Places application (honeypot and a per-address rate
limit), errors in a GOV.UK error summary, a character count on the message, and a listing
in the admin that only the coordinator (and administrators) can open.
"""

import pytest

from pages.models import ContactMessage

pytestmark = pytest.mark.django_db


@pytest.fixture
def back_to_the_latest_migrations():
    """Whatever happens in the test, the schema ends as migrations leave it (the next test
    on this database expects every column)."""
    yield
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("back_to_the_latest_migrations")
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
