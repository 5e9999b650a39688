import io

import pytest
from django.apps import apps
from django.core.management import call_command

from accounts.models import User
from network.models import Agency
from pages.models import HomePage, StandardPage

pytestmark = pytest.mark.django_db

SNAPSHOT_APPS = ("accounts", "network", "pages", "wagtailcore", "account", "auth")
VOLATILE_FIELDS = {"last_login", "date_joined"}


def snapshot() -> dict:
    """Every row of the project's tables, as plain values."""
    data = {}
    for model in apps.get_models():
        if model._meta.app_label not in SNAPSHOT_APPS or model._meta.proxy:
            continue
        fields = [
            f.attname for f in model._meta.concrete_fields if f.attname not in VOLATILE_FIELDS
        ]
        data[model._meta.label] = sorted(
            model._default_manager.order_by("pk").values_list(*fields), key=repr
        )
    return data


def test_load_demo_twice_leaves_the_same_data():
    call_command("load_demo", stdout=io.StringIO())
    first = snapshot()
    call_command("load_demo", stdout=io.StringIO())
    assert snapshot() == first


def test_demo_content_is_published_and_real(client):
    call_command("load_demo", stdout=io.StringIO())
    home = HomePage.objects.get()
    assert home.live
    slugs = set(StandardPage.objects.live().values_list("slug", flat=True))
    assert {"get-help", "accessibility", "privacy", "cookies", "contact", "about"} <= slugs
    assert 15 <= Agency.objects.count() <= 20
    assert Agency.objects.filter(name="Hampshire and Isle of Wight Constabulary").exists()
    assert Agency.objects.filter(name="Yellow Door", sector="specialist").exists()
    assert len(set(Agency.objects.values_list("sector", flat=True))) >= 8

    response = client.get("/")
    assert response.status_code == 200
    assert "Safe City Learning" in response.content.decode()
    help_page = client.get("/get-help/").content.decode()
    assert "023 8091 7917" in help_page  # PIPPA, as published in the city's strategy
    assert "Sources for this page" in help_page


def test_one_demo_account_per_role_can_sign_in(client):
    from accounts.demo import DEMO_PASSWORD
    from accounts.roles import Role

    call_command("load_demo", stdout=io.StringIO())
    for role in Role:
        user = User.objects.get(groups__name=role.value)
        assert client.login(email=user.email, password=DEMO_PASSWORD), role
        client.logout()


def test_no_demo_accounts_where_disabled(settings):
    settings.DEMO_ACCOUNTS_ENABLED = False
    call_command("load_demo", stdout=io.StringIO())
    assert not User.objects.exists()
    assert HomePage.objects.exists()
