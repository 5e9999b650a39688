"""Nobody can tell from sign-up, password reset or adding an email address whether an
address already has an account: not from the page, and not from the time the request takes.

The time a request takes is dominated by password hashing and by sending email. Rather than
measuring time (flaky), these tests count the expensive work: both paths must hash a
password the same number of times and queue the same number of emails, and never send one
inside the request. ``bench/enumeration.py`` measures the times themselves.
"""

import re

import pytest
from django.contrib.auth.hashers import get_hasher
from django.core import mail
from django.test import Client, override_settings
from django.urls import reverse
from django_tasks import task_backends

from accounts import emails
from accounts.factories import TEST_PASSWORD
from accounts.services import NOT_LISTED
from tests.helpers import sign_in

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Lighthouse-Orchard-42"


class Work:
    """Counts password hashes and queued emails while it is active."""

    def __init__(self, monkeypatch):
        self.hashes = 0
        self.queued = []
        hasher = type(get_hasher())
        original_encode = hasher.encode
        original_queue = emails.queue

        def encode(hasher_self, password, salt, *args, **kwargs):
            self.hashes += 1
            return original_encode(hasher_self, password, salt, *args, **kwargs)

        def queue(*args, **kwargs):
            self.queued.append((args, kwargs))
            return original_queue(*args, **kwargs)

        monkeypatch.setattr(hasher, "encode", encode)
        monkeypatch.setattr(emails, "queue", queue)

    @property
    def counts(self):
        return {"password hashes": self.hashes, "emails queued": len(self.queued)}


def page(response, *typed: str) -> str:
    """The page as anyone would compare it: without what changes on every request (the CSRF
    token, the script nonce) and without what was typed."""
    html = response.content.decode()
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "CSRF", html)
    html = re.sub(r'nonce="[^"]*"', "NONCE", html)
    for value in typed:
        html = html.replace(value, "TYPED")
    return html


def signup(client, email):
    return client.post(
        reverse("account_signup"),
        {
            "full_name": "Sam Taylor",
            "email": email,
            "job_role": "frontline",
            "agency": NOT_LISTED,
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
        },
        follow=True,
    )


def reset(client, email):
    return client.post(reverse("account_reset_password"), {"email": email}, follow=True)


def add_email(client, email):
    return client.post(reverse("account_email"), {"action_add": "", "email": email}, follow=True)


def measure(monkeypatch, action, client, email):
    work = Work(monkeypatch)
    response = action(client, email)
    monkeypatch.undo()
    return work.counts, response


def test_signup_does_the_same_work_for_a_new_and_a_registered_address(
    client, user_with_role, monkeypatch
):
    user_with_role(email="registered@example.org")

    new_work, new_page = measure(monkeypatch, signup, client, "new.person@example.org")
    client.logout()
    taken_work, taken_page = measure(monkeypatch, signup, client, "registered@example.org")

    assert new_work == taken_work == {"password hashes": 1, "emails queued": 1}
    assert new_page.redirect_chain == taken_page.redirect_chain
    assert page(new_page, "new.person@example.org") == page(taken_page, "registered@example.org")


def test_password_reset_does_the_same_work_for_a_known_and_an_unknown_address(
    client, user_with_role, monkeypatch
):
    user_with_role(email="registered@example.org")

    known_work, known_page = measure(monkeypatch, reset, client, "registered@example.org")
    unknown_work, unknown_page = measure(monkeypatch, reset, client, "nobody@example.org")

    assert known_work == unknown_work
    assert known_work["emails queued"] == 1
    assert known_page.redirect_chain == unknown_page.redirect_chain
    assert page(known_page, "registered@example.org") == page(unknown_page, "nobody@example.org")


def test_adding_an_address_in_use_does_the_same_work_as_adding_a_free_one(
    user_with_role, monkeypatch
):
    user_with_role(email="someone.else@example.org")
    first, second = Client(), Client()
    for client, email in ((first, "first@example.org"), (second, "second@example.org")):
        sign_in(client, user_with_role(email=email))
        # Changing the email address asks for the password first.
        client.post(reverse("account_reauthenticate"), {"password": TEST_PASSWORD})

    free_work, free_page = measure(monkeypatch, add_email, first, "free@example.org")
    taken_work, taken_page = measure(monkeypatch, add_email, second, "someone.else@example.org")

    assert free_work == taken_work
    assert free_work["emails queued"] == 1
    assert free_page.redirect_chain == taken_page.redirect_chain
    assert page(free_page, "first@example.org", "free@example.org") == page(
        taken_page, "second@example.org", "someone.else@example.org"
    )


@pytest.mark.parametrize(
    ("action", "email"),
    [
        (signup, "new.person@example.org"),
        (signup, "registered@example.org"),
        (reset, "registered@example.org"),
        (reset, "nobody@example.org"),
    ],
)
@override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}})
def test_emails_are_queued_for_the_worker_not_sent_in_the_request(
    client, user_with_role, action, email
):
    user_with_role(email="registered@example.org")
    backend = task_backends["default"]
    backend.clear()
    mail.outbox.clear()

    action(client, email)

    assert mail.outbox == []  # nothing sent while the person waits
    assert [result.task.name for result in backend.results] == ["send_email"]
    # The worker sends it.
    result = backend.results[0]
    result.task.call(*result.args, **result.kwargs)
    assert [m.to for m in mail.outbox] == [[email]]
