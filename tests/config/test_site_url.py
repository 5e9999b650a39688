"""One setting, ``SITE_URL``, builds every absolute link the service sends out.

An email or a PDF is read away from the site, so its links cannot come from the request:
the host a request names is whatever the sender typed (``Host: evil.example``), and before
``SITE_URL`` the network emails used ``WAGTAILADMIN_BASE_URL``'s default while sign-up
emails used the request's host. These tests set ``SITE_URL`` to an unusual host and port,
send every email the project sends through its real flow from a request with a different
host, and find no other host in any link; the same for the certificate and the membership
pack PDFs.
"""

import datetime
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY, format_hotp_value, hotp_value
from django.conf import settings
from django.core import mail
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from accounts.factories import TEST_PASSWORD
from accounts.roles import Role
from accounts.services import NOT_LISTED
from tests.certificates.pdf_tools import decode_qr, needs_pdf_tools, pdf_text
from tests.helpers import sign_in

ROOT = Path(__file__).resolve().parents[2]
SITE = "https://learning.example.test:8443"
EVIL = "evil.example:8000"
URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"')]+", re.IGNORECASE)


def links(text: str) -> list[str]:
    return URL.findall(text)


def at(year, month, day, hour=12):
    return datetime.datetime(year, month, day, hour, tzinfo=datetime.UTC)


# --- Settings --------------------------------------------------------------------------------


def run_manage(settings_module: str, code: str, **env):
    environment = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "SECRET_KEY",
            "SITE_URL",
            "EMAIL_HOST",
            "DJANGO_SETTINGS_MODULE",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    environment.update({"DJANGO_SETTINGS_MODULE": settings_module, **env})
    return subprocess.run(
        [sys.executable, "-c", "import sys; sys.path.insert(0, 'site'); " + code],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_test_settings_use_the_test_clients_host():
    assert settings.SITE_URL == "http://testserver"
    assert settings.WAGTAILADMIN_BASE_URL == settings.SITE_URL


PRINT = (
    "from django.conf import settings as s; "
    "print(s.SITE_URL, s.WAGTAILADMIN_BASE_URL, s.EMAIL_BACKEND, "
    "getattr(s, 'EMAIL_HOST', ''), getattr(s, 'EMAIL_PORT', ''), getattr(s, 'EMAIL_USE_TLS', ''))"
)


def test_development_defaults_to_the_local_server_and_the_console():
    result = run_manage("config.settings.dev", PRINT)
    assert result.returncode == 0, result.stderr
    site, admin, backend, *_ = result.stdout.split()
    assert site == admin == "http://127.0.0.1:8000"
    assert backend == "django.core.mail.backends.console.EmailBackend"


def test_development_takes_the_site_url_and_an_smtp_server_from_the_environment():
    result = run_manage(
        "config.settings.dev",
        PRINT,
        SITE_URL="http://192.0.2.10:8101/",
        EMAIL_HOST="smtp.example.test",
        EMAIL_PORT="2525",
        EMAIL_USE_TLS="false",
    )
    assert result.returncode == 0, result.stderr
    site, admin, backend, host, port, tls = result.stdout.split()
    assert site == admin == "http://192.0.2.10:8101"
    assert backend == "django.core.mail.backends.smtp.EmailBackend"
    assert (host, port, tls) == ("smtp.example.test", "2525", "False")


@pytest.mark.parametrize(
    "value", [None, "http://learning.example.org", "learning.example.org", "https://"]
)
def test_production_refuses_to_start_without_an_https_site_url(value):
    env = {"SECRET_KEY": "x" * 64, "ALLOWED_HOSTS": "learning.example.org"}
    if value is not None:
        env["SITE_URL"] = value
    result = run_manage("config.settings.production", PRINT, **env)
    assert result.returncode != 0
    assert "SITE_URL must be" in result.stderr


def test_production_uses_the_site_url_it_is_given():
    result = run_manage(
        "config.settings.production",
        PRINT,
        SECRET_KEY="x" * 64,
        ALLOWED_HOSTS="learning.example.org",
        SITE_URL="https://learning.example.org",
    )
    assert result.returncode == 0, result.stderr
    site, admin, *_ = result.stdout.split()
    assert site == admin == "https://learning.example.org"


def test_make_run_sets_the_site_url_from_host_and_port():
    # Without a SITE_URL of its own in the environment (a deployment's would win, on purpose).
    env = {key: value for key, value in os.environ.items() if key != "SITE_URL"}
    result = subprocess.run(
        ["make", "-n", "run", "HOST=192.0.2.10", "PORT=8101"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    [runserver] = [line for line in result.stdout.splitlines() if "runserver" in line]
    assert "SITE_URL=http://192.0.2.10:8101" in runserver
    assert "runserver 192.0.2.10:8101" in runserver


def test_site_url_helper_builds_links_from_the_setting_only():
    from config.site_url import absolute, rebase

    with override_settings(SITE_URL=SITE + "/"):
        assert absolute("/learning/") == SITE + "/learning/"
        assert rebase("http://evil.example/accounts/confirm-email/k3y/?a=1#x") == (
            SITE + "/accounts/confirm-email/k3y/?a=1#x"
        )


# --- Every email, sent through the site ------------------------------------------------------


def _signup(client, email):
    password = "Lighthouse-Orchard-42"
    return client.post(
        reverse("account_signup"),
        {
            "full_name": "Sam Newcomer",
            "email": email,
            "job_role": "frontline",
            "agency": NOT_LISTED,
            "password1": password,
            "password2": password,
        },
    )


@pytest.mark.django_db
@override_settings(
    SITE_URL=SITE,
    ALLOWED_HOSTS=["*"],
    ACCOUNT_EMAIL_NOTIFICATIONS=True,
    SIGN_IN_WARNING_THRESHOLD=1,
)
def test_every_email_links_only_to_the_site_url(
    user_with_role, module, django_capture_on_commit_callbacks
):
    from certificates.reminders import send_due_reminders
    from courses.selectors import live_lessons
    from courses.services import complete_lesson
    from network import services as network
    from network.factories import VenueFactory, certify, configure_scheme
    from network.models import SafePlacesSettings, Venue
    from tests.network.helpers import add_contact
    from tests.network.test_apply import application

    capture = django_capture_on_commit_callbacks
    sent = {}

    def collect(label):
        assert mail.outbox, f"no email for {label}"
        sent[label] = list(mail.outbox)
        mail.outbox.clear()

    def client():
        return Client(HTTP_HOST=EVIL, HTTP_USER_AGENT="Mozilla/5.0", REMOTE_ADDR="203.0.113.9")

    # Accounts: sign-up, an address that is already registered, password resets.
    holder = user_with_role(email="holder@example.org")
    with capture(execute=True):
        _signup(client(), "newcomer@example.org")
    collect("sign-up confirmation")
    with capture(execute=True):
        _signup(client(), "holder@example.org")
    collect("registered-address notice")
    with capture(execute=True):
        client().post(reverse("account_reset_password"), {"email": "holder@example.org"})
    collect("password reset, known address")
    with capture(execute=True):
        client().post(reverse("account_reset_password"), {"email": "stranger@example.org"})
    collect("password reset, unknown address")
    with capture(execute=True):
        client().post(
            reverse("account_login"), {"login": "holder@example.org", "password": "wrong-password"}
        )
    collect("sign-in warning")

    # Two-factor and password notifications.
    editor = user_with_role(Role.EDITOR, role__mfa=False, email="editor@example.org")
    browser = client()
    browser.force_login(editor)
    browser.post(reverse("account_reauthenticate"), {"password": TEST_PASSWORD})
    mail.outbox.clear()
    browser.get(reverse("mfa_activate_totp"))
    secret = browser.session[SECRET_SESSION_KEY]
    code = format_hotp_value(hotp_value(secret, int(timezone.now().timestamp()) // 30))
    with capture(execute=True):
        browser.post(reverse("mfa_activate_totp"), {"code": code})
        browser.post(
            reverse("account_change_password"),
            {
                "oldpassword": TEST_PASSWORD,
                "password1": "Another-Lighthouse-77",
                "password2": "Another-Lighthouse-77",
            },
        )
    collect("two-factor and password notifications")

    # Certificate reminders.
    with capture(execute=True):
        for lesson in live_lessons(module):
            complete_lesson(holder, lesson)
    certificate = holder.certificates.get()
    mail.outbox.clear()
    send_due_reminders(certificate.expires_at - datetime.timedelta(days=59))
    send_due_reminders(certificate.expires_at + datetime.timedelta(days=1))
    collect("certificate reminders")

    # Safe Places: an application (claim link and the officer's notice).
    config = SafePlacesSettings.load()
    config.officer_email = "safe.places@council.example"
    config.save()
    with capture(execute=True):
        client().post(reverse("network:apply"), application())
    collect("Safe Places application and officer notice")

    # A venue's contact invites staff; status emails; the annual check reminder.
    configure_scheme(module, minimum=1)
    venue = VenueFactory(status="under_review", approved_at=None, next_check_due=None)
    contact = add_contact(venue)
    certify(contact, module)
    with capture(execute=True):
        network.transition(venue, "approved")
    collect("status email: approved")
    venue.refresh_from_db()
    contact_browser = client()
    sign_in(contact_browser, contact)
    with capture(execute=True):
        contact_browser.post(
            reverse("network:manage_venue", args=[venue.pk]), {"email": "starter@example.org"}
        )
    collect("staff invitation")
    due = venue.next_check_due
    with capture(execute=True):
        network.send_check_reminders(at(due.year, due.month, due.day))
    collect("check reminder")
    with capture(execute=True):
        network.transition(Venue.objects.get(pk=venue.pk), "suspended", reason="Closed")
    collect("status email: suspended")
    rejected = VenueFactory(status="under_review", approved_at=None, next_check_due=None)
    add_contact(rejected)
    with capture(execute=True):
        network.transition(rejected, "rejected", reason="Not a public venue")
    collect("status email: rejected")

    found = []
    for label, messages in sent.items():
        for message in messages:
            text = message.subject + "\n" + message.body
            assert "evil.example" not in text, (label, text)
            assert "127.0.0.1" not in text and "testserver" not in text, (label, text)
            message_links = links(text)
            for link in message_links:
                assert link.startswith(SITE + "/"), (label, link)
            found.extend(message_links)
    # Every kind of email above carries a link (the two-factor notice links to a reset).
    for label, messages in sent.items():
        assert any(links(m.body) for m in messages), label
    assert len(found) >= len(sent)


# --- PDFs -------------------------------------------------------------------------------


@pytest.fixture
def certificate(user_with_role, module, django_capture_on_commit_callbacks):
    from courses.selectors import live_lessons
    from courses.services import complete_lesson

    learner = user_with_role(email="holder@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        for lesson in live_lessons(module):
            complete_lesson(learner, lesson)
    return learner.certificates.get()


@pytest.mark.django_db
@override_settings(SITE_URL=SITE, ALLOWED_HOSTS=["*"])
def test_the_certificate_and_its_pdf_link_to_the_site_url(certificate):
    browser = Client(HTTP_HOST=EVIL)
    sign_in(browser, certificate.user)
    expected = SITE + reverse("verify_code", args=[certificate.code])
    page = browser.get(reverse("certificate_detail", args=[certificate.number]))
    assert expected in page.content.decode()
    assert "evil.example" not in page.content.decode()
    content = browser.get(reverse("certificate_pdf", args=[certificate.number])).content
    text = "".join(pdf_text(content).split())
    assert expected in text and "evil.example" not in text


@needs_pdf_tools
@pytest.mark.django_db
@override_settings(SITE_URL=SITE, ALLOWED_HOSTS=["*"])
def test_the_certificate_qr_code_opens_the_site_url(certificate):
    browser = Client(HTTP_HOST=EVIL)
    sign_in(browser, certificate.user)
    content = browser.get(reverse("certificate_pdf", args=[certificate.number])).content
    assert decode_qr(content) == SITE + reverse("verify_code", args=[certificate.code])


@pytest.mark.django_db
@override_settings(SITE_URL=SITE, ALLOWED_HOSTS=["*"])
def test_the_membership_pack_links_to_the_site_url():
    from network.factories import VenueFactory
    from tests.network.helpers import add_contact

    venue = VenueFactory(name="Bargate Books", slug="bargate-books-southampton")
    contact = add_contact(venue)
    browser = Client(HTTP_HOST=EVIL)
    sign_in(browser, contact)
    response = browser.get(reverse("network:pack", args=[venue.pk]))
    assert response.status_code == 200
    text = "".join(pdf_text(response.content).split())
    assert SITE + "/safe-places/venues/bargate-books-southampton/" in text
    assert "evil.example" not in text


@needs_pdf_tools
@pytest.mark.django_db
@override_settings(SITE_URL=SITE, ALLOWED_HOSTS=["*"])
def test_the_membership_pack_qr_code_opens_the_site_url():
    from network.factories import VenueFactory
    from tests.network.helpers import add_contact

    venue = VenueFactory(name="Bargate Books", slug="bargate-books-southampton")
    browser = Client(HTTP_HOST=EVIL)
    sign_in(browser, add_contact(venue))
    response = browser.get(reverse("network:pack", args=[venue.pk]))
    assert decode_qr(response.content) == SITE + "/safe-places/venues/bargate-books-southampton/"


@pytest.mark.django_db
@override_settings(SITE_URL=SITE, ALLOWED_HOSTS=["*"])
def test_the_admin_preview_and_pdf_export_link_to_the_site_url(user_with_role, certificate):
    import io
    import zipfile

    editor = Client(HTTP_HOST=EVIL)
    sign_in(editor, user_with_role(Role.EDITOR))
    preview = editor.get(reverse("certificates_template_preview"))
    assert SITE + "/verify/SAMPLE/" in "".join(pdf_text(preview.content).split())

    coordinator = Client(HTTP_HOST=EVIL)
    sign_in(coordinator, user_with_role(Role.TRAINING_COORDINATOR))
    response = coordinator.get(reverse("certificates_export_zip"))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    [name] = archive.namelist()
    text = "".join(pdf_text(archive.read(name)).split())
    assert SITE + reverse("verify_code", args=[certificate.code]) in text


def test_no_project_code_builds_a_link_from_the_requests_host():
    """Links for emails and PDFs come from config.site_url; nothing asks the request for its
    host or reads WAGTAILADMIN_BASE_URL (which only Wagtail's own screens use)."""
    banned = ("build_absolute_uri", "get_host()", "WAGTAILADMIN_BASE_URL")
    offenders = []
    for folder in ("site", "courses", "network", "certificates"):
        for path in (ROOT / folder).rglob("*.py"):
            if "settings" in path.parts or "migrations" in path.parts:
                continue
            text = path.read_text()
            offenders += [f"{path.relative_to(ROOT)}: {word}" for word in banned if word in text]
    for folder in ("site/templates", "courses", "network", "certificates"):
        for path in (ROOT / folder).rglob("*.txt"):
            text = path.read_text()
            if "request.get_host" in text or "request.scheme" in text or "current_site" in text:
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []
