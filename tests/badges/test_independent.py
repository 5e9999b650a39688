"""Acceptance: a credential verifies with an independent library (PyJWT, not joserfc, which
signed it), using only what we publish, and fails after the certificate is revoked."""

import base64
import gzip
import json

import jwt
import pytest
from django.urls import reverse

from badges import services
from certificates.services import revoke_certificate

pytestmark = pytest.mark.django_db

ISSUER = "http://testserver/badges/issuer"


def published_keys(client) -> jwt.PyJWKSet:
    response = client.get(reverse("badges:keys"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/jwk-set+json"
    return jwt.PyJWKSet.from_dict(response.json())


def verify_jwt(client, token: str) -> dict:
    """PyJWT checks the signature against the published key the header names, and the dates."""
    kid = jwt.get_unverified_header(token)["kid"]
    key = published_keys(client)[kid]
    return jwt.decode(
        token,
        key,
        algorithms=["EdDSA"],
        issuer=ISSUER,
        options={"require": ["iss", "nbf", "jti"]},
    )


def revocation_bit(client, entry: dict) -> int:
    """Fetch the status list the credential names, verify it, decode it by hand, read the bit."""
    assert entry["type"] == "BitstringStatusListEntry"
    assert entry["statusPurpose"] == "revocation"
    url = entry["statusListCredential"]
    response = client.get(url.removeprefix("http://testserver"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vc+jwt"
    status_list = verify_jwt(client, response.content.decode())
    assert status_list["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
    subject = status_list["credentialSubject"]
    assert subject["statusPurpose"] == "revocation"
    encoded = subject["encodedList"]
    assert encoded[0] == "u"  # multibase base64url, no padding
    raw = gzip.decompress(base64.urlsafe_b64decode(encoded[1:] + "=" * (-len(encoded[1:]) % 4)))
    assert len(raw) * 8 >= 131_072  # herd privacy: at least 16 KB of entries
    index = int(entry["statusListIndex"])
    return (raw[index // 8] >> (7 - index % 8)) & 1


def accepted(client, token: str) -> bool:
    """An independent verifier's whole decision: signature and dates, then revocation."""
    try:
        claims = verify_jwt(client, token)
    except jwt.InvalidTokenError:
        return False
    return revocation_bit(client, claims["credentialStatus"]) == 0


def test_a_credential_verifies_independently_and_fails_after_revocation(
    client, certificate, user_with_role
):
    token = services.issue_credential(certificate)
    claims = verify_jwt(client, token)
    assert claims["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert claims["credentialSubject"]["achievement"]["name"] == certificate.module_title
    assert claims["issuer"]["id"] == ISSUER
    profile = client.get(claims["iss"].removeprefix("http://testserver")).json()
    assert profile["id"] == ISSUER and profile["type"] == ["Profile"]
    assert profile["name"] == "Southampton Domestic Abuse and VAWG Partnership"
    assert revocation_bit(client, claims["credentialStatus"]) == 0
    assert accepted(client, token)

    revoke_certificate(certificate, by=user_with_role(), reason="Completed on someone's behalf")

    assert revocation_bit(client, claims["credentialStatus"]) == 1
    assert not accepted(client, token)


def test_only_the_revoked_certificate_s_bit_is_set(
    client, certificate, holder, catalogue, complete_module, user_with_role
):
    from courses.factories import module_with_lessons

    other = complete_module(holder, module_with_lessons(catalogue, count=1)).certificate
    kept = verify_jwt(client, services.issue_credential(other))["credentialStatus"]
    revoked = verify_jwt(client, services.issue_credential(certificate))["credentialStatus"]
    revoke_certificate(certificate, by=user_with_role(), reason="Wrong person")
    assert revocation_bit(client, revoked) == 1
    assert revocation_bit(client, kept) == 0


def _b64(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")


def test_a_tampered_credential_fails(client, certificate):
    token = services.issue_credential(certificate)
    head, body, signature = token.split(".")
    claims = verify_jwt(client, token)
    claims["credentialSubject"]["achievement"]["name"] = "Advanced safeguarding"
    with pytest.raises(jwt.InvalidSignatureError):
        verify_jwt(client, f"{head}.{_b64(claims)}.{signature}")
    # A flipped signature bit fails too.
    flipped = ("A" if signature[0] != "A" else "B") + signature[1:]
    with pytest.raises(jwt.InvalidSignatureError):
        verify_jwt(client, f"{head}.{body}.{flipped}")
    assert accepted(client, token)


def test_the_public_documents_are_cacheable_and_open_to_wallets(client):
    for name, max_age in (
        ("badges:keys", 3600),
        ("badges:issuer", 3600),
        ("badges:status_list", 300),
    ):
        response = client.get(reverse(name))
        assert response.status_code == 200
        assert f"max-age={max_age}" in response["Cache-Control"]
        assert response["Access-Control-Allow-Origin"] == "*"
        assert client.post(reverse(name)).status_code == 405
