import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from certificates import pdf
from certificates.models import Certificate
from network.factories import AgencyFactory
from tests.helpers import sign_in

from .pdf_tools import decode_qr, needs_pdf_tools, pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def holder(user_with_role):
    return user_with_role(
        full_name="Aoife Ní Bhriain", email="aoife@example.org", agency=AgencyFactory(name="Solent")
    )


@pytest.fixture
def certificate(holder, module, complete_module):
    return complete_module(holder, module).certificate


def test_pdf_has_the_facts_and_a_filename(client, holder, certificate):
    sign_in(client, holder)
    response = client.get(reverse("certificate_pdf", args=[certificate.number]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="certificate-{certificate.number}.pdf"'
    )
    text = pdf_text(response.content)
    for fact in (
        "Aoife Ní Bhriain",
        certificate.module_title,
        certificate.number,
        certificate.issued_at.strftime("%-d %B %Y"),
        certificate.expires_at.strftime("%-d %B %Y"),
    ):
        assert fact in text
    assert "Solent" not in text  # nothing about the agency
    page = PdfReader(io.BytesIO(response.content)).pages[0]
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    assert width > height  # A4 landscape
    assert round(width) == 842


@pytest.mark.parametrize(
    "name",
    [
        "Seán O'Connor-Smythe",
        "Zoë Łukasiewicz-Ørsted",
        "Αλεξάνδρα Παπαδοπούλου",
        "Анна Кузнецова",
        "Maximiliana Wolfeschlegelsteinhausenbergerdorff Featherstonehaugh-Cholmondeley",
    ],
)
def test_pdf_renders_names_in_many_scripts(certificate, name):
    Certificate.objects.filter(pk=certificate.pk).update(holder_name=name)
    certificate.refresh_from_db()
    text = pdf_text(pdf.render(certificate, "https://example.org/verify/X/"))
    assert " ".join(name.split()) in " ".join(text.split())


@needs_pdf_tools
def test_pdf_qr_code_decodes_to_the_verification_url(client, holder, certificate):
    sign_in(client, holder)
    content = client.get(reverse("certificate_pdf", args=[certificate.number])).content
    assert decode_qr(content) == f"http://testserver/verify/{certificate.code}/"


def test_html_certificate_is_the_holders_only(client, holder, certificate, user_with_role):
    sign_in(client, holder)
    html = client.get(reverse("certificate_detail", args=[certificate.number])).content.decode()
    assert "Aoife Ní Bhriain" in html and certificate.number in html and "Download PDF" in html
    sign_in(client, user_with_role())
    assert client.get(reverse("certificate_detail", args=[certificate.number])).status_code == 404
    assert client.get(reverse("certificate_pdf", args=[certificate.number])).status_code == 404


def test_dashboard_links_to_the_certificate(client, holder, certificate):
    sign_in(client, holder)
    html = client.get(reverse("courses:dashboard")).content.decode()
    assert reverse("certificate_detail", args=[certificate.number]) in html


def test_verification_shows_only_what_is_public(client, certificate):
    html = client.get(reverse("verify_code", args=[certificate.code])).content.decode()
    assert "Certificate valid" in html
    assert "Aoife Ní Bhriain" in html
    assert certificate.module_title in html
    for private in ("aoife@example.org", "Solent", "%", "score"):
        assert private not in html


def test_verification_by_number_and_code(client, certificate):
    url = reverse("verify")
    ok = client.post(url, {"number": certificate.number.lower(), "code": certificate.code.lower()})
    assert "Certificate valid" in ok.content.decode()
    wrong = client.post(url, {"number": certificate.number, "code": "A" * 32})
    assert "No certificate matches these details" in wrong.content.decode()
    empty = client.post(url, {"number": "", "code": ""})
    assert "Enter the certificate number" in empty.content.decode()


def test_unknown_codes_get_a_plain_not_found(client):
    response = client.get(reverse("verify_code", args=["NOTACODE"]))
    assert response.status_code == 404
    assert "No certificate matches these details" in response.content.decode()


def test_revoked_and_superseded_statuses_show_without_reasons(client, certificate, user_with_role):
    from accounts.roles import Role
    from certificates.services import revoke_certificate

    revoke_certificate(certificate, user_with_role(Role.TRAINING_COORDINATOR), "Secret reason")
    html = client.get(reverse("verify_code", args=[certificate.code])).content.decode()
    assert "Certificate revoked" in html
    assert "Secret reason" not in html


def test_guessing_is_rate_limited(client, certificate):
    statuses = [
        client.get(reverse("verify_code", args=[f"GUESS{n}"])).status_code for n in range(25)
    ]
    assert statuses[:20] == [404] * 20
    assert statuses[20:] == [429] * 5
    assert client.get(reverse("verify_code", args=[certificate.code])).status_code == 429
