"""The certificate PDF prints its verification code, labelled, under the QR code, as the
/verify/ page says; typed back in as printed, it finds the certificate."""

import re

import pytest
from django.urls import reverse

from certificates import pdf
from tests.certificates.pdf_tools import pdf_text
from tests.helpers import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def holder(user_with_role):
    return user_with_role(full_name="Aoife Ní Bhriain")


@pytest.fixture
def certificate(holder, module, complete_module):
    return complete_module(holder, module).certificate


def test_pdf_prints_a_labelled_verification_code_that_verifies(client, holder, certificate):
    sign_in(client, holder)
    content = client.get(reverse("certificate_pdf", args=[certificate.number])).content
    text = " ".join(pdf_text(content).split())
    printed = re.search(r"Verification code: ([A-Z2-7 ]+?)(?: Check|$)", text)
    assert printed, text
    assert printed[1].replace(" ", "") == certificate.code
    assert "Certificate number" in text and certificate.number in text

    # The /verify/ page says where to find it, and the code as printed (with its spaces) works.
    client.logout()
    page = client.get(reverse("verify")).content.decode()
    assert "printed under the QR code" in page
    result = client.post(
        reverse("verify"), {"number": certificate.number, "code": printed[1]}
    ).content.decode()
    assert "No certificate matches" not in result
    assert certificate.module_title in result


def test_code_is_printed_in_groups_of_four(certificate):
    text = " ".join(pdf_text(pdf.render(certificate, "https://example.org/verify/X/")).split())
    groups = " ".join(certificate.code[i : i + 4] for i in range(0, len(certificate.code), 4))
    assert f"Verification code: {groups}" in text
