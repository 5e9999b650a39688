"""Every email the project can send carries no text an attacker could choose.

An abuser may know the victim's email address, share their device or read their email. So
an email holds a fixed phrase and at most a link: never a name, an address someone typed,
a venue name, a reason, a browser's user agent or the site's domain as the request gave it.

The first tests find every email template by themselves (the project's ``*/email/*``
templates and allauth's ``account/email`` and ``mfa/email``, through the template loaders,
so that the project's overrides are what gets rendered), and render each with a context in
which everything is tainted. A new template is picked up without changing this file.
The later tests send the real emails through the test client.
"""

import ast
import datetime
import re
from pathlib import Path

import pytest
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY, format_hotp_value, hotp_value
from django.conf import settings
from django.core import mail
from django.template import Context, engines
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from accounts import emails
from accounts.factories import TEST_PASSWORD
from accounts.roles import Role
from accounts.services import NOT_LISTED

ROOT = Path(__file__).resolve().parents[2]
MARKER = "EveTaint"  # searched for case-insensitively, so escaped copies are caught too
TAINTED = f"<script>{MARKER}"
EMAIL_DIR_PARTS = {"email", "emails"}
LINK = "https://learning.example.org/a/link/"
# Values the system makes, never the requester: safe to show.
SAFE = {
    "reference": "SP-2026-0001",
    "number": "SCL-2026-000123",
    "pk": 1,
    "id": 1,
    "days": 14,
    "code": "7KQ2-9XPA",
    "key": "k3y",
    "uid": "1a",
    # How many people are booked on a session (the trainer's reminder).
    "attendees": 12,
}
DATES = {"expires_on", "due", "timestamp", "date", "expires_at", "issued_at", "next_check"}


def is_link(name: str) -> bool:
    return name.endswith("url") or name.endswith("link")


class Tainted:
    """Anything a requester could have typed. Every attribute, key and item is tainted too,
    except values the system makes itself (``SAFE``), dates and links."""

    def __init__(self, truthy: bool = True):
        self._truthy = truthy

    def _child(self, name):
        if isinstance(name, str):
            if name in SAFE:
                return SAFE[name]
            if name in DATES:
                return timezone.now()
            if is_link(name):
                return LINK
            if name.startswith("_"):
                raise AttributeError(name)
        return Tainted(self._truthy)

    def __getattr__(self, name):
        return self._child(name)

    def __getitem__(self, name):
        return self._child(name)

    def __iter__(self):
        return iter([Tainted(self._truthy)])

    def __len__(self):
        return 1 if self._truthy else 0

    def __bool__(self):
        return self._truthy

    def __str__(self):
        return TAINTED

    __html__ = __str__


class TaintedContext(dict):
    """A template context that has every variable a template asks for."""

    def __init__(self, truthy: bool):
        super().__init__()
        self.truthy = truthy

    def __contains__(self, key):
        return True

    def __getitem__(self, key):
        if key in SAFE:
            return SAFE[key]
        if key in DATES:
            return timezone.now()
        if is_link(key):
            return LINK
        return Tainted(self.truthy)


def _loaders(loaders):
    for loader in loaders:
        yield from _loaders(getattr(loader, "loaders", []))
        yield loader


def email_templates() -> list[str]:
    """Names of every email template the project can send, found through the loaders."""
    engine = engines["django"].engine
    names = set()
    for loader in _loaders(engine.template_loaders):
        for directory in getattr(loader, "get_dirs", list)():
            directory = Path(directory)
            ours = ROOT in directory.parents and ".venv" not in directory.parts
            for path in directory.rglob("*"):
                if path.suffix not in {".txt", ".html"} or not path.is_file():
                    continue
                name = path.relative_to(directory).as_posix()
                parts = set(path.relative_to(directory).parts[:-1])
                allauth = name.startswith(("account/email/", "mfa/email/"))
                if (ours and parts & EMAIL_DIR_PARTS) or allauth:
                    names.add(name)
    return sorted(names)


TEMPLATES = email_templates()


def render(name: str, truthy: bool) -> str:
    template = engines["django"].engine.get_template(name)
    return template.render(Context(TaintedContext(truthy)))


def test_the_templates_are_found():
    # The search must see allauth's, the project's overrides and the project's own.
    assert "account/email/password_reset_key_message.txt" in TEMPLATES
    assert "mfa/email/totp_activated_message.txt" in TEMPLATES
    assert "certificates/email/reminder_message.txt" in TEMPLATES
    assert any(name.startswith("network/email/") for name in TEMPLATES)
    assert "events/email/booked_message.txt" in TEMPLATES


@pytest.mark.parametrize("truthy", [True, False], ids=["if-branches", "else-branches"])
@pytest.mark.parametrize("name", TEMPLATES)
def test_no_email_template_shows_what_a_requester_typed(name, truthy):
    output = render(name, truthy)
    assert MARKER.lower() not in output.lower(), output
    assert "127.0.0.1" not in output and "Hello from" not in output


@pytest.mark.parametrize("name", [n for n in TEMPLATES if n.endswith("_subject.txt")])
def test_subjects_are_one_short_sentence_case_line(name):
    subject = " ".join(render(name, True).split())
    assert subject and subject[0].isupper(), subject
    words = subject.split()
    # Sentence case: after the first word, only proper names are capitalised.
    assert all(not w[0].isupper() or w in {"Safe", "City", "Learning", "Places"} for w in words[1:])
    assert len(subject) <= 60 and not subject.endswith((".", "!"))


def test_no_project_module_sends_email_around_the_queue():
    """Every email goes through ``accounts.emails``: rendered in the request, sent by the
    worker. Sending directly would also undo the equal work of ``test_enumeration``."""
    allowed = {ROOT / "site/accounts/emails.py", ROOT / "site/accounts/tasks.py"}
    senders = {"send_mail", "send_mass_mail", "EmailMessage", "EmailMultiAlternatives"}
    offenders = []
    for folder in ("site", "courses", "network", "certificates"):
        for path in (ROOT / folder).rglob("*.py"):
            if path in allowed or "migrations" in path.parts:
                continue
            tree = ast.parse(path.read_text())
            for node in ast.walk(tree):
                if (
                    isinstance(node, ast.ImportFrom)
                    and node.module == "django.core.mail"
                    and {alias.name for alias in node.names} & senders
                ):
                    offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


# --- The real emails, sent through the site -----------------------------------------------

NAME = "<script>Eve Evans"
TYPED_NAME = "<script>Mallory"


def assert_clean(message, *typed):
    # Random tokens in links (confirmation keys) may contain "eve" by chance: not a name.
    text = re.sub(r"/[\w:-]{16,}/", "/TOKEN/", message.subject + "\n" + message.body)
    for value in ("Eve", "Mallory", "script", "testserver\n", "Hello from", *typed):
        assert value.lower() not in text.lower(), (value, text)
    assert message.subject.startswith(settings.ACCOUNT_EMAIL_SUBJECT_PREFIX)
    assert message.subject[len(settings.ACCOUNT_EMAIL_SUBJECT_PREFIX)].isupper()
    assert not getattr(message, "alternatives", None), "text only: no HTML version"
    assert not message.attachments


def signup(client, email, full_name=TYPED_NAME):
    password = "Lighthouse-Orchard-42"
    return client.post(
        reverse("account_signup"),
        {
            "full_name": full_name,
            "email": email,
            "job_role": "frontline",
            "agency": NOT_LISTED,
            "password1": password,
            "password2": password,
        },
    )


@pytest.mark.django_db
def test_signing_up_sends_a_plain_confirmation(client):
    signup(client, "newcomer@example.org", full_name=NAME)
    [message] = mail.outbox
    assert message.to == ["newcomer@example.org"]
    assert message.subject == "Safe City Learning: Confirm your email address"
    assert "http://testserver/accounts/confirm-email/" in message.body
    assert_clean(message, "newcomer")


@pytest.mark.django_db
def test_signing_up_with_a_registered_address_sends_a_plain_notice(client, user_with_role):
    user_with_role(email="holder@example.org", full_name=NAME)
    signup(client, "HOLDER@example.org")
    [message] = mail.outbox
    assert message.to == ["holder@example.org"]
    assert "/accounts/password/reset/" in message.body
    assert_clean(message, "holder")


@pytest.mark.django_db
def test_password_reset_emails_are_plain(client, user_with_role):
    user_with_role(email="holder@example.org", full_name=NAME)
    client.post(reverse("account_reset_password"), {"email": "holder@example.org"})
    client.post(reverse("account_reset_password"), {"email": "stranger@example.org"})
    known, unknown = mail.outbox
    assert known.to == ["holder@example.org"] and unknown.to == ["stranger@example.org"]
    assert "/accounts/password/reset/key/" in known.body
    assert "/accounts/password/reset/key/" not in unknown.body
    assert known.subject != unknown.subject
    assert_clean(known, "holder")
    assert_clean(unknown, "stranger")


@pytest.mark.django_db
@override_settings(ACCOUNT_EMAIL_NOTIFICATIONS=True)
def test_security_notifications_are_plain(user_with_role, django_capture_on_commit_callbacks):
    person = user_with_role(Role.EDITOR, role__mfa=False, email="editor@example.org")
    person.full_name = NAME
    person.save()
    client = Client(HTTP_USER_AGENT="<script>Eve's browser", REMOTE_ADDR="203.0.113.9")
    client.force_login(person)
    # Changing two-factor settings and the password asks for the password first.
    client.post(reverse("account_reauthenticate"), {"password": TEST_PASSWORD})
    mail.outbox.clear()

    client.get(reverse("mfa_activate_totp"))
    secret = client.session[SECRET_SESSION_KEY]
    code = format_hotp_value(hotp_value(secret, int(timezone.now().timestamp()) // 30))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("mfa_activate_totp"), {"code": code})
    client.post(
        reverse("account_change_password"),
        {
            "oldpassword": TEST_PASSWORD,
            "password1": "Another-Lighthouse-77",
            "password2": "Another-Lighthouse-77",
        },
    )

    subjects = [m.subject for m in mail.outbox]
    assert "Safe City Learning: Two-factor authentication is on" in subjects
    assert "Safe City Learning: Your password has changed" in subjects
    for message in mail.outbox:
        assert message.to == ["editor@example.org"]
        assert_clean(message, "203.0.113", "browser", "editor@")


@pytest.mark.django_db
def test_certificate_reminders_are_plain(
    user_with_role, module, django_capture_on_commit_callbacks
):
    from certificates.reminders import send_due_reminders
    from courses.selectors import live_lessons
    from courses.services import complete_lesson

    learner = user_with_role(email="holder@example.org", full_name=NAME)
    with django_capture_on_commit_callbacks(execute=True):
        for lesson in live_lessons(module):
            complete_lesson(learner, lesson)
    certificate = learner.certificates.get()
    mail.outbox.clear()
    send_due_reminders(certificate.expires_at - datetime.timedelta(days=59))
    send_due_reminders(certificate.expires_at + datetime.timedelta(days=1))
    renewal, expired = mail.outbox
    assert renewal.subject == "Safe City Learning: A certificate is due for renewal"
    assert expired.subject == "Safe City Learning: A certificate has expired"
    for message in mail.outbox:
        assert_clean(message, "holder", module.title, certificate.number)
        assert re.search(r"https?://\S+/learning/", message.body)


@pytest.mark.django_db
def test_training_booking_emails_are_plain_with_only_a_calendar_attached(
    django_capture_on_commit_callbacks,
):
    """Booked, waiting list, offer, offer expired, cancelled, changed and session cancelled:
    fixed wording, the date and a link. The only attachment is the person's own calendar
    entry (``events.ics``: title, dates, place, link)."""
    from accounts.factories import UserFactory
    from events import services
    from events.factories import make_session

    session = make_session(capacity=1, venue_address="<script>Eve's house")
    session.course.title = "<script>Eve's course"
    session.course.save()
    first = UserFactory(email="first@example.org", full_name=NAME)
    second = UserFactory(email="second@example.org", full_name=TYPED_NAME)
    third = UserFactory(email="third@example.org")
    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        booking = services.book(first, session, now)
        services.book(second, session, now)
        services.book(third, session, now)
        services.cancel(booking, now)  # second is offered the seat
        services.expire_offers(now + datetime.timedelta(days=3))  # ... then third
        services.notify_session_changed(session, now)
        services.cancel_session(session, now)
    subjects = {m.subject.removeprefix(settings.ACCOUNT_EMAIL_SUBJECT_PREFIX) for m in mail.outbox}
    assert subjects == {
        "Your place on a training session is booked",
        "You are on the waiting list for a training session",
        "Your training booking is cancelled",
        "A place on a training session is free for you",
        "Your offer of a training place has expired",
        "A training session you booked has changed",
        "A training session you booked is cancelled",
    }
    for message in mail.outbox:
        text = message.subject + "\n" + message.body
        for value in ("Eve", "Mallory", "script", "first@", "second@", "third@"):
            assert value.lower() not in text.lower(), (value, text)
        assert f"http://testserver/training/sessions/{session.pk}/" in message.body
        assert not getattr(message, "alternatives", None)
        for name, _content, mimetype in message.attachments:
            assert name == "invitation.ics" and mimetype.startswith("text/calendar; method=")


# --- The one way out ---------------------------------------------------------------------


@pytest.mark.django_db
def test_send_renders_now_and_queues_the_text(monkeypatch):
    queued = []
    monkeypatch.setattr(emails, "queue", lambda *a, **k: queued.append((a, k)))
    emails.send(
        "certificates/email/reminder",
        "holder@example.org",
        {"expired": True, "link": "https://learning.example.org/learning/"},
    )
    [(args, kwargs)] = queued
    call = dict(zip(["to", "subject", "body"], args, strict=False), **kwargs)
    assert call["to"] == ["holder@example.org"]
    assert call["subject"] == "Safe City Learning: A certificate has expired"
    assert "/learning/" in call["body"]


@pytest.mark.django_db
def test_required_training_emails_are_plain(user_with_role, module):
    """The overdue reminder and the agency lead's monthly notice: a fixed phrase and a
    link, no module title (it names the abuse), no name, no count."""
    from courses.models import TrainingRequirement
    from courses.services.requirements import send_monthly_summaries, send_overdue_reminders
    from network.factories import AgencyFactory

    police = AgencyFactory(name="<script>Eve Police", sector="police")
    TrainingRequirement.objects.create(
        module=module, sector="police", applies_from=datetime.date(2020, 1, 1)
    )
    joined = timezone.now() - datetime.timedelta(days=400)
    user_with_role(
        email="holder@example.org", full_name=NAME, agency=police, agency_confirmed_at=joined
    )
    user_with_role(Role.AGENCY_LEAD, email="lead@example.org", full_name=NAME, agency=police)
    mail.outbox.clear()
    send_overdue_reminders()
    send_monthly_summaries(datetime.date(2026, 12, 1))
    reminder, summary = mail.outbox
    assert reminder.to == ["holder@example.org"] and summary.to == ["lead@example.org"]
    assert reminder.subject == "Safe City Learning: Training reminder"
    assert summary.subject == "Safe City Learning: Monthly training summary"
    for message in mail.outbox:
        assert_clean(message, "holder", "lead@", module.title, "abuse", "police")
    assert re.search(r"https?://\S+/learning/\s", reminder.body)
    assert re.search(r"https?://\S+/learning/coverage/\s", summary.body)
