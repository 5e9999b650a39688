"""Every public page of the demo site: the site name once in <title>, and no support
service line that shows its number twice ("Police non-emergency: 101: 101")."""

import html as html_lib
import re

import pytest
from django.conf import settings
from django.urls import reverse
from wagtail.models import Page

from network.models import Venue, VenueStatus
from pages.models import SupportService

# The demo site is loaded once for this module (tests/conftest.py, shared_demo): every
# test runs against it, each rolled back.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_demo")]

PUBLIC_URLS = [
    "account_login",
    "account_signup",
    "account_reset_password",
    "network:finder",
    "network:apply",
    "verify",
]


def public_paths() -> list[str]:
    paths = [page.url for page in Page.objects.live().public().filter(depth__gt=1).specific()]
    paths += [reverse(name) for name in PUBLIC_URLS]
    paths += [
        reverse("network:venue", args=[venue.slug])
        for venue in Venue.objects.filter(status=VenueStatus.APPROVED, latitude__isnull=False)[:3]
    ]
    return [path for path in paths if path]


def text_of(fragment: str) -> str:
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", "", fragment)).split())


def test_the_site_name_appears_once_in_every_title(shared_demo, client):
    paths = public_paths()
    assert "/" in paths and "/contact/" in paths and len(paths) > 10
    for path in paths:
        response = client.get(path)
        if response.status_code == 302 and "/accounts/login/" in response["Location"]:
            continue  # lessons are for signed-in learners, not public
        assert response.status_code == 200, path
        title = text_of(re.search(r"<title>(.*?)</title>", response.content.decode(), re.S)[1])
        assert title.count(settings.SERVICE_NAME) == 1, f"{path}: {title!r}"
        assert title.endswith(settings.SERVICE_NAME), f"{path}: {title!r}"


def test_home_page_title_is_the_site_name_alone(shared_demo, client):
    html = client.get("/").content.decode()
    assert f"<title>{settings.SERVICE_NAME}</title>" in html


def test_no_support_service_line_repeats_its_number(shared_demo, client):
    services = [s for s in SupportService.objects.filter(live=True) if s.phone]
    assert services
    seen = 0
    for path in public_paths():
        page = client.get(path).content.decode()
        for section in re.findall(r'<section class="app-get-help".*?</section>', page, re.S):
            for item in re.findall(r"<li>(.*?)</li>", section, re.S):
                first_line = text_of(item.split("<br>")[0])
                for service in services:
                    if first_line.startswith(service.display_name):
                        seen += 1
                        assert first_line.count(service.phone) == 1, f"{path}: {first_line!r}"
                        assert first_line == f"{service.display_name}: {service.phone}"
    assert seen


def test_display_name_drops_a_number_typed_into_the_name():
    service = SupportService(name="Police non-emergency: 101", phone="101")
    assert service.display_name == "Police non-emergency"
    assert SupportService(name="Emergency services 999", phone="999").display_name == (
        "Emergency services"
    )
    assert SupportService(name="PIPPA helpline", phone="023 8091 7917").display_name == (
        "PIPPA helpline"
    )
    assert SupportService(name="Call 101", phone="").display_name == "Call 101"
