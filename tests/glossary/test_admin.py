"""Terms are snippets: listed, searched and published in the Wagtail admin."""

import pytest
from django.urls import reverse

from accounts.roles import Role
from glossary.models import GlossaryTerm
from tests.courses.test_moderation import admin_form
from tests.helpers import sign_in

pytestmark = pytest.mark.django_db

VIEW = "wagtailsnippets_glossary_glossaryterm"


@pytest.fixture
def admin_client(client, user_with_role):
    sign_in(client, user_with_role(Role.MODERATOR, is_superuser=True))
    return client


def test_terms_are_listed_and_searchable(admin_client, make_term):
    make_term("IDVA", "independent domestic violence adviser")
    make_term("MASH", "multi-agency safeguarding hub")
    listing = admin_client.get(reverse(f"{VIEW}:list")).content.decode()
    assert "IDVA" in listing and "MASH" in listing
    found = admin_client.get(reverse(f"{VIEW}:list"), {"q": "safeguarding"}).content.decode()
    assert "MASH" in found and "IDVA" not in found


def test_a_saved_draft_is_not_live_until_published(admin_client):
    url = reverse(f"{VIEW}:add")
    data = admin_form(admin_client, url)
    data.update(
        term="ISVA",
        expansion="independent sexual violence adviser",
        definition="A specialist who supports people who have experienced sexual violence.",
        source_title="GOV.UK",
        source_url="https://www.gov.uk/",
        date_checked="2026-11-30",
    )
    assert admin_client.post(url, data).status_code == 302
    term = GlossaryTerm.objects.get(term="ISVA")
    assert not term.live
    edit = reverse(f"{VIEW}:edit", args=[term.pk])
    data = admin_form(admin_client, edit)
    data["action-publish"] = "action-publish"
    assert admin_client.post(edit, data).status_code == 302
    term.refresh_from_db()
    assert term.live
