"""Pass a quiz, find the certificate, download its PDF, scan its QR code, verify it."""

import tempfile
from pathlib import Path

import pytest

from accounts.factories import UserFactory
from certificates.models import Certificate
from courses import services
from courses.models import ModulePage
from courses.selectors import live_lessons
from tests.certificates.pdf_tools import decode_qr, pdf_text

from .test_learning import sign_in
from .test_quiz import press_button, take_attempt

pytestmark = pytest.mark.e2e


def test_pass_quiz_download_pdf_scan_qr_and_verify(page, axe, live_server):
    learner = UserFactory(email="certified@example.org", full_name="Róisín Ó Súilleabháin")
    module = ModulePage.objects.get(slug="identifying-domestic-abuse")
    for lesson in live_lessons(module):
        services.complete_lesson(learner, lesson)
    sign_in(page, "certified@example.org")

    page.goto(f"/learning/quizzes/{module.quiz.pk}/")
    press_button(page, "Start the quiz")
    take_attempt(page, right=True)
    press_button(page, "Submit answers")
    page.get_by_role("heading", name="You passed").wait_for()

    page.get_by_role("link", name="Your learning").click()
    page.get_by_role("link", name=f"View certificate for {module.title}").click()
    page.get_by_role("heading", name="Certificate of completion").wait_for()
    axe(page, "certificate")
    certificate = Certificate.objects.get(user=learner)

    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download PDF").click()
    download = download_info.value
    assert download.suggested_filename == f"certificate-{certificate.number}.pdf"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / download.suggested_filename
        download.save_as(path)
        content = path.read_bytes()
    text = pdf_text(content)
    for fact in (
        "Róisín Ó Súilleabháin",
        module.title,
        certificate.number,
        certificate.issued_at.strftime("%-d %B %Y"),
        certificate.expires_at.strftime("%-d %B %Y"),
    ):
        assert fact in text
    qr = decode_qr(content)
    assert qr == f"{live_server.url}/verify/{certificate.code}/"

    page.goto(qr)
    page.get_by_role("heading", name="Certificate valid").wait_for()
    assert page.get_by_text("Róisín Ó Súilleabháin").is_visible()
    axe(page, "verification result")

    page.goto("/verify/")
    page.get_by_role("button", name="Check certificate").click()
    page.get_by_text("There is a problem").wait_for()
    axe(page, "verification form with errors")
