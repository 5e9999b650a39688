"""A learner's whole journey, as a person uses it, on a fresh site with the demo content.

Sign up → confirm the email address from the link in the email → find a module with the
catalogue's search → read every lesson → "Continue module" to the quiz → pass → the pass
page's link to the certificate → the certificate → check it at /verify/. Every page is
checked with ``look``: no axe violation at 1280 px or 320 px, nothing scrolls sideways at
320 px. Written by role and label only.
"""

import re
from decimal import Decimal

import pytest
from django.core import mail

from certificates.models import Certificate
from courses.models import Attempt, ModulePage

pytestmark = pytest.mark.e2e

MODULE = "Identifying domestic abuse"
EMAIL = "jordan.ellis@example.org"
PASSWORD = "Harbour-Lantern-73"


def go(page, locator):
    """Follow a link or press a button, and wait for the page it leads to."""
    with page.expect_navigation():
        locator.click()


def sign_up_and_confirm(page, look, live_server):
    page.goto("/")
    look(page, "home page")
    go(page, page.get_by_role("link", name="Create an account").first)
    page.get_by_role("heading", name="Create an account", level=1).wait_for()
    look(page, "sign-up form")
    page.get_by_label("Full name").fill("Jordan Ellis")
    page.get_by_label("Work email address").fill(EMAIL)
    page.get_by_label("Frontline practitioner").check()
    agency = page.get_by_label("Your agency or organisation")
    if agency.count():
        agency.select_option(label="My agency is not listed")
    page.get_by_label("Create a password").fill(PASSWORD)
    page.get_by_label("Confirm password").fill(PASSWORD)
    go(page, page.get_by_role("button", name="Create account"))
    page.get_by_role("heading", name="Check your email").wait_for()
    look(page, "check your email")

    [message] = [m for m in mail.outbox if m.to == [EMAIL]]
    links = re.findall(r"https?://\S+", message.body)
    assert links and all(link.startswith(live_server.url + "/") for link in links), links
    [link] = [link for link in links if "/accounts/confirm-email/" in link]
    page.goto(link)
    look(page, "confirm your email address")
    go(page, page.get_by_role("button", name="Confirm email address"))
    # Signing in (here, by confirming) lands the learner on their learning.
    page.get_by_role("heading", name="Your learning", level=1).wait_for()
    look(page, "your learning, nothing started")


def find_the_module(page, look):
    go(page, page.get_by_role("link", name="Modules").first)
    page.get_by_role("heading", name="Modules", level=1).wait_for()
    look(page, "catalogue")

    search = page.get_by_label("Search modules")
    search.fill("tachyon")
    go(page, page.get_by_role("button", name="Search"))
    page.get_by_text("No modules match ‘tachyon’").wait_for()
    assert page.get_by_label("Search modules").input_value() == "tachyon"
    look(page, "catalogue search with no results")

    page.get_by_label("Search modules").fill("identifying abuse")
    go(page, page.get_by_role("button", name="Search"))
    page.get_by_text("match ‘identifying abuse’").wait_for()
    results = page.get_by_role("heading", level=2).filter(has=page.get_by_role("link"))
    titles = [text.strip() for text in results.all_inner_texts()]
    assert MODULE in titles and len(titles) < ModulePage.objects.live().count(), titles
    # Each module says where this learner is with it.
    card = page.locator(".app-card").filter(has=page.get_by_role("link", name=MODULE, exact=True))
    assert card.get_by_text("Not started", exact=True).is_visible()
    look(page, "catalogue search results")

    go(page, page.get_by_role("link", name=MODULE, exact=True))
    page.get_by_role("heading", name=MODULE, level=1).wait_for()
    look(page, "module overview")


def read_every_lesson(page, look):
    lessons = page.get_by_role("list").filter(has=page.locator(".app-task-list__item"))
    titles = [t.strip() for t in lessons.get_by_role("link").all_inner_texts()]
    assert len(titles) >= 2
    go(page, page.get_by_role("button", name="Start module"))
    for number, title in enumerate(titles, start=1):
        content_note = page.get_by_role("button", name="Continue to the lesson")
        if content_note.count():
            look(page, f"content note before lesson {number}")
            go(page, content_note)
        page.get_by_role("heading", name=title, level=1).wait_for()
        look(page, f"lesson {number}")
        last = number == len(titles)
        name = "Mark as complete" if last else "Mark as complete and continue"
        go(page, page.get_by_role("button", name=name, exact=True))
    page.get_by_role("heading", name=MODULE, level=1).wait_for()
    look(page, "module overview, lessons done")


def answer_every_question_right(page):
    attempt = Attempt.objects.get(status="in_progress")
    for index, question in enumerate(attempt.questions):
        group = page.get_by_role("group", name=f"Question {index + 1}", exact=True)
        if not group.count():
            # The question is on the next page of the quiz.
            go(page, page.get_by_role("button", name="Save and continue"))
            group = page.get_by_role("group", name=f"Question {index + 1}", exact=True)
        if question["type"] == "matching":
            for pair in question["pairs"]:
                group.get_by_label(pair["prompt"], exact=True).select_option(label=pair["answer"])
            continue
        for option in question["options"]:
            if Decimal(option["fraction"]) > 0:
                group.get_by_label(option["text"], exact=True).check()
    go(page, page.get_by_role("button", name="Save and check your answers"))


def pass_the_quiz(page, look):
    # Every lesson is done: "Continue module" goes to the quiz, not back to this page.
    go(page, page.get_by_role("button", name="Continue module"))
    page.get_by_role("button", name="Start the quiz").wait_for()
    look(page, "quiz overview")
    go(page, page.get_by_role("button", name="Start the quiz"))
    page.get_by_role("heading", name=re.compile(r"^Questions: page 1 of")).wait_for()
    look(page, "quiz, first page")
    answer_every_question_right(page)
    page.get_by_role("heading", name="Check your answers before submitting").wait_for()
    look(page, "check your answers")
    go(page, page.get_by_role("button", name="Submit answers"))
    page.get_by_role("heading", name="You passed").wait_for()
    look(page, "quiz passed")


def test_a_learner_signs_up_takes_a_module_and_verifies_their_certificate(page, look, live_server):
    sign_up_and_confirm(page, look, live_server)
    find_the_module(page, look)
    read_every_lesson(page, look)
    pass_the_quiz(page, look)

    go(page, page.get_by_role("button", name="View your certificate"))
    page.get_by_role("heading", name="Certificate of completion", level=1).wait_for()
    look(page, "certificate")
    certificate = Certificate.objects.get(user__email=EMAIL)
    assert page.get_by_text(certificate.number, exact=True).is_visible()
    # The address printed on the certificate is the site's own (SITE_URL).
    verify_url = f"{live_server.url}/verify/{certificate.code}/"
    verify_link = page.get_by_role("link", name=verify_url, exact=True)
    assert verify_link.get_attribute("href") == verify_url

    go(page, page.get_by_role("link", name="Your learning").first)
    page.get_by_role("heading", name="Your learning", level=1).wait_for()
    look(page, "your learning, module completed")

    page.goto("/verify/")
    look(page, "verify a certificate")
    page.get_by_label("Certificate number").fill(certificate.number)
    page.get_by_label("Verification code").fill(certificate.code)
    go(page, page.get_by_role("button", name="Check certificate"))
    page.get_by_role("heading", name="Certificate valid").wait_for()
    assert page.get_by_text("Jordan Ellis").is_visible()
    look(page, "certificate valid")

    # Back in the catalogue, the module shows as completed.
    page.goto("/modules/")
    card = page.locator(".app-card").filter(has=page.get_by_role("link", name=MODULE, exact=True))
    assert card.get_by_text("Completed", exact=True).is_visible()
