"""Where demo accounts are disabled (a real deployment), load_demo adds no fictional venues."""

import io

import pytest
from django.core.management import call_command

from network.models import SafePlacesPage, Venue

pytestmark = pytest.mark.django_db


def test_no_fictional_venues_where_demo_accounts_are_disabled(settings):
    settings.DEMO_ACCOUNTS_ENABLED = False
    call_command("load_demo", stdout=io.StringIO())
    assert not Venue.objects.exists()
    assert SafePlacesPage.objects.get().live
