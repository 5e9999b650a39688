import io
import json

import pytest
from django.apps import apps
from django.core import serializers
from django.core.management import call_command

from accounts.models import User
from pages.models import HomePage

pytestmark = pytest.mark.django_db

SNAPSHOT_APPS = (
    "accounts",
    "network",
    "pages",
    "courses",
    "certificates",
    "wagtailcore",
    "account",
    "auth",
    "taggit",
)
VOLATILE_FIELDS = {"last_login", "date_joined"}


def snapshot() -> dict:
    """Every row of the project's tables, as JSON text (StreamFields included)."""
    data = {}
    for model in apps.get_models():
        if model._meta.app_label not in SNAPSHOT_APPS or model._meta.proxy:
            continue
        rows = json.loads(serializers.serialize("json", model._default_manager.order_by("pk")))
        for row in rows:
            for name in VOLATILE_FIELDS:
                row["fields"].pop(name, None)
        data[model._meta.label] = rows
    return data


def test_load_demo_twice_leaves_the_same_data():
    call_command("load_demo", stdout=io.StringIO())
    first = snapshot()
    call_command("load_demo", stdout=io.StringIO())
    assert snapshot() == first


def test_no_demo_accounts_where_disabled(settings):
    settings.DEMO_ACCOUNTS_ENABLED = False
    call_command("load_demo", stdout=io.StringIO())
    assert not User.objects.exists()
    assert HomePage.objects.exists()


def test_demo_indexes_are_what_rebuilding_them_from_scratch_gives():
    """load_demo defers indexing to the end (pages.indexing): nothing may be left out."""
    from wagtail.models import Page, ReferenceIndex
    from wagtail.search.models import IndexEntry

    from courses.models import ModulePage

    call_command("load_demo", stdout=io.StringIO())

    def references():
        return sorted(
            ReferenceIndex.objects.values_list(
                "content_type_id", "object_id", "to_content_type_id", "to_object_id", "content_path"
            )
        )

    def entries():
        return sorted(IndexEntry.objects.values_list("content_type_id", "object_id"))

    deferred_references, deferred_entries = references(), entries()
    assert deferred_references and deferred_entries
    call_command("rebuild_references_index", stdout=io.StringIO())
    call_command("update_index", stdout=io.StringIO())
    assert references() == deferred_references
    # update_index also indexes the tree's root, which migrations made and no load saves.
    root = Page.get_first_root_node()
    rebuilt = [entry for entry in entries() if entry != (root.content_type_id, str(root.pk))]
    assert rebuilt == deferred_entries
    found = ModulePage.objects.live().search("Safe and Together", operator="and")
    assert "safe-and-together" in {page.slug for page in found}
