"""Support services: structured hours, "Open now", the "to check" report, seeds, staff support."""

import io

import pytest
import yaml
from django.core.management import call_command

from courses.selectors import live_lessons
from pages.demo import SERVICES_FILE
from pages.models import SupportService
from tests.helpers import sign_in

# The demo site is loaded once for this module (tests/conftest.py, shared_demo): every
# test runs against it, each rolled back.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_demo")]

# --- Open now / closed now --------------------------------------------------------------


# --- Summaries --------------------------------------------------------------------------


# --- The "to check" report --------------------------------------------------------------


# --- Seed data --------------------------------------------------------------------------


def seeds() -> list[dict]:
    with SERVICES_FILE.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def test_load_demo_adds_a_missing_service_and_keeps_an_edited_one(shared_demo):
    samaritans = SupportService.objects.get(slug="samaritans")
    samaritans.hours_note = "Edited by an editor."
    samaritans.save()
    SupportService.objects.filter(slug="childline").delete()
    call_command("load_demo", stdout=io.StringIO())
    assert SupportService.objects.get(slug="samaritans").hours_note == "Edited by an editor."
    childline = SupportService.objects.get(slug="childline")
    assert childline.hours_summary == "24 hours, every day"
    for service in SupportService.objects.all():
        assert service.who_for and service.source_url and service.date_checked, service.slug


# --- Lessons ----------------------------------------------------------------------------


def test_every_demo_module_ends_with_support_for_you(shared_demo, client):
    from accounts.models import User
    from courses.models import ModulePage

    sign_in(client, User.objects.get(email="learner@example.org"))
    modules = list(ModulePage.objects.live())
    assert modules
    for module in modules:
        lessons = list(live_lessons(module))
        for lesson in lessons:
            html = client.get(lesson.url + "?content_note=seen").content.decode()
            shown = "Support for you" in html
            assert shown == (lesson.pk == lessons[-1].pk), lesson.url
            if shown:
                for name in ("National Domestic Abuse Helpline", "Samaritans", "Galop"):
                    assert name in html, (lesson.url, name)
