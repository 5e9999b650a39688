"""Downloading a certificate as a credential, and checking an uploaded one."""

import base64
import datetime
import html
import json

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from badges import credential, forms, services, signing
from badges.selectors import check_credential, status_list_token
from certificates.models import Certificate
from certificates.services import revoke_certificate
from tests.helpers import sign_in

pytestmark = pytest.mark.django_db

VERIFY = "/verify/credential/"
ERROR_SUMMARY = 'class="govuk-error-summary"'


def badge_url(certificate) -> str:
    return reverse("certificate_badge", args=[certificate.number])


def upload(client, content: bytes, name: str = "certificate.jwt"):
    return client.post(VERIFY, {"credential": SimpleUploadedFile(name, content)})


def page(response) -> str:
    return html.unescape(response.content.decode())


# Downloading


def test_the_holder_downloads_their_credential(client, holder, certificate):
    sign_in(client, holder)
    response = client.get(badge_url(certificate))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vc+jwt"
    assert response["Content-Disposition"] == (
        f'attachment; filename="certificate-{certificate.number}.jwt"'
    )
    assert "no-store" in response["Cache-Control"]
    check = check_credential(response.content.decode())
    assert check.ok and check.certificate.holder_name == "Aoife Ní Bhriain"


def test_nobody_else_can_download_it(client, certificate, user_with_role):
    assert client.get(badge_url(certificate)).status_code == 302  # to sign in
    sign_in(client, user_with_role())
    assert client.get(badge_url(certificate)).status_code == 404
    assert client.get(reverse("certificate_badge", args=["SCL-2026-999999"])).status_code == 404


def test_the_certificate_page_offers_it_with_an_explanation(client, holder, certificate):
    sign_in(client, holder)
    body = page(client.get(reverse("certificate_detail", args=[certificate.number])))
    assert badge_url(certificate) in body
    assert "Download digital certificate" in body
    assert "a signed file (an Open Badge)" in body


def test_a_revoked_certificate_is_not_given_out(client, holder, certificate, user_with_role):
    revoke_certificate(certificate, by=user_with_role(), reason="Wrong person")
    sign_in(client, holder)
    assert client.get(badge_url(certificate)).status_code == 404
    body = page(client.get(reverse("certificate_detail", args=[certificate.number])))
    assert badge_url(certificate) not in body and "Download PDF" in body


# Checking an upload


def test_the_verify_page_offers_the_upload(client):
    for url in (reverse("verify"), VERIFY):
        body = page(client.get(url))
        assert 'enctype="multipart/form-data"' in body and 'type="file"' in body
        assert f'action="{VERIFY}"' in body


def test_a_valid_credential_shows_the_certificate(client, certificate):
    response = upload(client, services.issue_credential(certificate).encode() + b"\n")
    body = page(response)
    assert response.status_code == 200 and ERROR_SUMMARY not in body
    assert "Certificate valid" in body
    assert "issued by us and has not been changed" in body
    assert "Aoife Ní Bhriain" in body and certificate.module_title in body
    expires = timezone.localdate(certificate.expires_at).strftime("%-d %B %Y")
    assert f'Valid until</dt><dd class="govuk-summary-list__value">{expires}' in body
    assert "aoife@example.org" not in body.lower()


def test_a_revoked_credential_says_so(client, certificate, user_with_role):
    token = services.issue_credential(certificate)
    revoke_certificate(certificate, by=user_with_role(), reason="Wrong person")
    body = page(upload(client, token.encode()))
    assert "This digital certificate has been revoked." in body
    assert "Certificate revoked" in body
    assert "issued by us and has not been changed" not in body


def test_an_expired_credential_says_so_with_the_date(client, certificate):
    entry = services.status_entry(certificate)
    london = timezone.get_default_timezone()
    issued = timezone.make_aware(datetime.datetime(2022, 3, 1, 10), london)
    expires = timezone.make_aware(datetime.datetime(2025, 3, 1, 10), london)
    Certificate.objects.filter(pk=certificate.pk).update(issued_at=issued, expires_at=expires)
    certificate.refresh_from_db()
    token = signing.sign(credential.claims(certificate, entry), credential.TYP)
    body = page(upload(client, token.encode()))
    assert "This digital certificate expired on 1 March 2025." in body
    assert "Certificate expired" in body


def _tampered(token: str) -> bytes:
    head, body, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    claims["credentialSubject"]["achievement"]["name"] = "Advanced safeguarding"
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).decode().rstrip("=")
    return f"{head}.{forged}.{signature}".encode()


def _signed_elsewhere(certificate) -> bytes:
    pem = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    with override_settings(BADGES_SIGNING_KEY=pem.decode()):
        return services.issue_credential(certificate).encode()


def _unsigned(certificate) -> bytes:
    _head, body, _ = services.issue_credential(certificate).split(".")
    none = base64.urlsafe_b64encode(b'{"alg":"none"}').decode().rstrip("=")
    return f"{none}.{body}.".encode()


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda c: _tampered(services.issue_credential(c)), forms.BAD_SIGNATURE),
        (_signed_elsewhere, forms.UNKNOWN_KEY),
        (_unsigned, forms.NOT_A_CREDENTIAL),
        (lambda c: status_list_token().encode(), forms.NOT_A_CREDENTIAL),
        (lambda c: b"This is my certificate, honest.", forms.NOT_A_CREDENTIAL),
        (lambda c: b"aaa.bbb.ccc", forms.NOT_A_CREDENTIAL),
        (lambda c: b"\x89PNG\r\n\x1a\n\x00\xff\xfe", forms.NOT_A_CREDENTIAL),
        (lambda c: b"   \n", forms.NOT_A_CREDENTIAL),
        (lambda c: b"", "The selected file is empty"),
        (
            lambda c: b"a" * (forms.MAX_UPLOAD_BYTES + 1),
            "The selected file must be smaller than 20 KB",
        ),
    ],
    ids=[
        "tampered",
        "other-key",
        "alg-none",
        "our-status-list",
        "text",
        "three-parts",
        "binary",
        "blank",
        "empty",
        "too-big",
    ],
)
def test_anything_else_gets_a_clear_message(client, certificate, make, message):
    response = upload(client, make(certificate))
    body = page(response)
    assert response.status_code == 200
    assert ERROR_SUMMARY in body and body.count(message) == 2  # summary and field
    assert "<title>Error:" in body
    assert "Aoife" not in body


def test_the_size_limit_is_inclusive(client, certificate):
    token = services.issue_credential(certificate).encode()
    padded = token + b" " * (forms.MAX_UPLOAD_BYTES - len(token))
    assert len(padded) == forms.MAX_UPLOAD_BYTES
    assert "Certificate valid" in page(upload(client, padded))


def test_no_file_asks_for_one(client):
    body = page(client.post(VERIFY, {}))
    assert ERROR_SUMMARY in body and "Select a digital certificate file" in body


def test_uploads_share_the_verification_rate_limit(client, certificate):
    token = services.issue_credential(certificate).encode()
    for _ in range(20):
        assert upload(client, token).status_code == 200
    assert upload(client, token).status_code == 429
    # The code check shares the allowance.
    assert client.get(reverse("verify_code", args=[certificate.code])).status_code == 429
