"""What a certificate's Open Badges 3.0 credential says, and how it is signed."""

import base64
import datetime
import hashlib
import json

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.core import checks
from django.test import override_settings
from django.utils import timezone

from badges import credential, keys, services, signing, statuslist
from badges.checks import signing_key_is_set
from badges.models import LIST_SIZE, StatusEntry
from badges.selectors import Outcome, check_credential
from certificates import validity
from certificates.models import Certificate
from certificates.services import revoke_certificate

pytestmark = pytest.mark.django_db

LONDON = timezone.get_default_timezone()


def payload(token: str) -> dict:
    part = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))


def header(token: str) -> dict:
    part = token.split(".")[0]
    return json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))


def london(*args) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(*args), LONDON)


def test_the_credential_is_an_open_badge_for_the_module(certificate, module):
    token = services.issue_credential(certificate)
    claims = payload(token)
    entry = StatusEntry.objects.get(certificate=certificate)

    assert header(token) == {
        "alg": "EdDSA",
        "typ": "vc+jwt",
        "kid": keys.signing_key().thumbprint(),
    }
    assert claims["@context"] == [credential.VC_CONTEXT, credential.OB_CONTEXT]
    assert claims["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert claims["id"] == claims["jti"] == f"urn:uuid:{entry.credential_id}"
    assert claims["issuer"]["id"] == claims["iss"] == "http://testserver/badges/issuer"
    achievement = claims["credentialSubject"]["achievement"]
    assert achievement["id"] == f"http://testserver{module.get_url()}"
    assert achievement["name"] == certificate.module_title == "Identifying domestic abuse"
    assert achievement["description"] == module.summary
    assert achievement["criteria"]["narrative"]
    assert claims["credentialStatus"] == {
        "id": f"http://testserver/badges/status/revocation#{entry.index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": str(entry.index),
        "statusListCredential": "http://testserver/badges/status/revocation",
    }
    assert 0 <= entry.index < LIST_SIZE
    # The registered claims say what the credential's own dates say.
    assert claims["nbf"] == int(certificate.issued_at.timestamp())
    assert claims["validFrom"] == certificate.issued_at.astimezone(datetime.UTC).strftime(
        "%Y-%m-%dT%H:%M:%SZ"
    )
    until = datetime.datetime.fromtimestamp(claims["exp"], datetime.UTC)
    assert claims["validUntil"] == until.strftime("%Y-%m-%dT%H:%M:%SZ")


def test_the_subject_carries_the_name_and_only_a_salted_hash_of_the_email(certificate, holder):
    token = services.issue_credential(certificate)
    text = json.dumps(payload(token))
    assert "aoife@example.org" not in text.lower()
    assert "example.org" not in text.lower()
    assert "Solent" not in text  # nothing about the agency
    identifiers = payload(token)["credentialSubject"]["identifier"]
    assert "id" not in payload(token)["credentialSubject"]
    name, email = identifiers
    assert name == {
        "type": "IdentityObject",
        "identityType": "name",
        "hashed": False,
        "identityHash": "Aoife Ní Bhriain",
    }
    assert email["identityType"] == "emailAddress" and email["hashed"] is True
    # A verifier who knows the address (in any case) can confirm it.
    expected = hashlib.sha256(("aoife@example.org" + email["salt"]).encode()).hexdigest()
    assert email["identityHash"] == f"sha256${expected}"
    # Salted afresh each time: two downloads cannot be linked by the hash.
    again = payload(services.issue_credential(certificate))["credentialSubject"]["identifier"]
    assert again[1]["identityHash"] != email["identityHash"]


def test_an_erased_name_is_left_out(certificate):
    Certificate.objects.filter(pk=certificate.pk).update(holder_name="")
    certificate.refresh_from_db()
    identifiers = payload(services.issue_credential(certificate))["credentialSubject"]["identifier"]
    assert [item["identityType"] for item in identifiers] == ["emailAddress"]


@pytest.mark.parametrize(
    ("expires_at", "last_day", "first_invalid_utc"),
    [
        # Winter (GMT): the day ends at midnight UTC.
        (london(2030, 1, 15, 9, 30), datetime.date(2030, 1, 15), "2030-01-16T00:00:00Z"),
        # Summer (BST): the day ends at 23:00 UTC.
        (london(2030, 7, 15, 0, 30), datetime.date(2030, 7, 15), "2030-07-15T23:00:00Z"),
        # Late on the printed day is still that day.
        (london(2030, 7, 15, 23, 59), datetime.date(2030, 7, 15), "2030-07-15T23:00:00Z"),
    ],
)
def test_valid_through_the_whole_of_the_printed_day(
    certificate, expires_at, last_day, first_invalid_utc
):
    Certificate.objects.filter(pk=certificate.pk).update(expires_at=expires_at)
    certificate.refresh_from_db()
    assert validity.expires_on(certificate.expires_at) == last_day  # as the PDF prints it
    token = services.issue_credential(certificate)
    claims = payload(token)
    assert claims["validUntil"] == first_invalid_utc
    end = datetime.datetime.fromisoformat(first_invalid_utc)
    assert claims["exp"] == int(end.timestamp())

    last_second = check_credential(token, now=end - datetime.timedelta(seconds=1))
    assert last_second.outcome == Outcome.VALID
    expired = check_credential(token, now=end)
    assert expired.outcome == Outcome.EXPIRED
    assert expired.expired_on == last_day


def test_not_valid_before_it_was_issued(certificate):
    token = services.issue_credential(certificate)
    before = certificate.issued_at - datetime.timedelta(seconds=1)
    assert check_credential(token, now=before).outcome == Outcome.NOT_YET_VALID
    assert check_credential(token, now=certificate.issued_at).outcome == Outcome.VALID


def test_revocation_shows_in_the_check(certificate, user_with_role):
    token = services.issue_credential(certificate)
    assert check_credential(token).outcome == Outcome.VALID
    revoke_certificate(certificate, by=user_with_role(), reason="Completed on someone's behalf")
    check = check_credential(token)
    assert check.outcome == Outcome.REVOKED
    assert check.certificate.label == "Revoked"


def test_only_an_in_date_certificate_is_given_out(certificate, user_with_role):
    past = timezone.now() - datetime.timedelta(days=400)
    Certificate.objects.filter(pk=certificate.pk).update(
        issued_at=past,
        expires_at=validity.start_of(validity.today()) - datetime.timedelta(seconds=1),
    )
    certificate.refresh_from_db()
    with pytest.raises(services.NotAvailable):
        services.issue_credential(certificate)
    # Expiring today is still in date.
    Certificate.objects.filter(pk=certificate.pk).update(
        expires_at=validity.start_of(validity.today())
    )
    certificate.refresh_from_db()
    assert services.issue_credential(certificate)
    revoke_certificate(certificate, by=user_with_role(), reason="Wrong person")
    with pytest.raises(services.NotAvailable):
        services.issue_credential(certificate)


def test_each_certificate_keeps_one_index(certificate, holder, module, catalogue, complete_module):
    from courses.factories import module_with_lessons

    services.issue_credential(certificate)
    services.issue_credential(certificate)
    other = complete_module(holder, module_with_lessons(catalogue, count=1)).certificate
    services.issue_credential(other)
    assert StatusEntry.objects.count() == 2
    first, second = StatusEntry.objects.order_by("pk")
    assert first.index != second.index and first.credential_id != second.credential_id


def test_a_taken_index_is_never_given_twice(
    certificate, holder, catalogue, complete_module, monkeypatch
):
    from courses.factories import module_with_lessons

    first = services.status_entry(certificate)
    other = complete_module(holder, module_with_lessons(catalogue, count=1)).certificate
    picks = iter([first.index, first.index, 7])
    monkeypatch.setattr(services.secrets, "randbelow", lambda n: next(picks))
    assert services.status_entry(other).index == 7


def test_the_list_grows_before_it_is_half_full():
    assert statuslist.length_for(None) == LIST_SIZE
    assert statuslist.length_for(LIST_SIZE - 1) == LIST_SIZE
    assert statuslist.length_for(LIST_SIZE) == 2 * LIST_SIZE


def test_the_bitstring_reads_back_left_to_right():
    encoded = statuslist.encode([0, 9, LIST_SIZE - 1], LIST_SIZE)
    assert encoded.startswith("u") and "=" not in encoded
    data = statuslist.decode(encoded)
    assert len(data) == LIST_SIZE // 8 == 16 * 1024
    assert data[0] == 0b1000_0000 and data[1] == 0b0100_0000 and data[-1] == 0b0000_0001
    assert [statuslist.bit(data, i) for i in (0, 1, 8, 9, 10, LIST_SIZE - 1)] == [1, 0, 0, 1, 0, 1]
    with pytest.raises(IndexError):
        statuslist.bit(data, LIST_SIZE)


def _pem(private_key: Ed25519PrivateKey) -> str:
    return private_key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()


def _public_pem(private_key: Ed25519PrivateKey) -> str:
    return (
        private_key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )


def test_the_development_key_is_derived_from_secret_key():
    assert keys.derived_key("a" * 50).thumbprint() == keys.derived_key("a" * 50).thumbprint()
    assert keys.derived_key("a" * 50).thumbprint() != keys.derived_key("b" * 50).thumbprint()
    with override_settings(SECRET_KEY="c" * 50, BADGES_SIGNING_KEY=""):
        assert keys.signing_key().thumbprint() == keys.derived_key("c" * 50).thumbprint()


def test_a_rotated_key_still_verifies_what_it_signed(certificate):
    old, new = Ed25519PrivateKey.generate(), Ed25519PrivateKey.generate()
    with override_settings(BADGES_SIGNING_KEY=_pem(old)):
        old_token = services.issue_credential(certificate)
        assert header(old_token)["kid"] == keys.signing_key().thumbprint()
    with override_settings(BADGES_SIGNING_KEY=_pem(new)):
        # Without the old public key, what it signed no longer verifies...
        with pytest.raises(signing.CredentialError) as error:
            check_credential(old_token)
        assert error.value.reason == signing.CredentialError.UNKNOWN_KEY
    with override_settings(
        BADGES_SIGNING_KEY=_pem(new), BADGES_PREVIOUS_PUBLIC_KEYS=[_public_pem(old)]
    ):
        # ...and with it published, it does; new credentials use the new key.
        assert check_credential(old_token).outcome == Outcome.VALID
        assert len(keys.jwks()["keys"]) == 2
        assert header(services.issue_credential(certificate))["kid"] != header(old_token)["kid"]


def test_a_jwk_signing_key_is_accepted():
    from joserfc.jwk import OKPKey

    key = OKPKey.generate_key("Ed25519")
    with override_settings(BADGES_SIGNING_KEY=json.dumps(key.as_dict(private=True))):
        assert keys.signing_key().thumbprint() == key.thumbprint()


def test_the_deploy_check_warns_without_a_key_and_refuses_a_wrong_one():
    with override_settings(BADGES_SIGNING_KEY=""):
        assert [problem.id for problem in signing_key_is_set(None)] == ["badges.W001"]
        assert signing_key_is_set(None)[0].level == checks.WARNING
    with override_settings(BADGES_SIGNING_KEY=_pem(Ed25519PrivateKey.generate())):
        assert signing_key_is_set(None) == []
    with override_settings(BADGES_SIGNING_KEY=_public_pem(Ed25519PrivateKey.generate())):
        assert [problem.id for problem in signing_key_is_set(None)] == ["badges.E001"]
    with override_settings(BADGES_SIGNING_KEY="not a key"):
        assert [problem.id for problem in signing_key_is_set(None)] == ["badges.E001"]


def test_the_key_check_runs_with_check_deploy_only():
    registry = checks.registry.registry
    assert signing_key_is_set in registry.get_checks(include_deployment_checks=True)
    assert signing_key_is_set not in registry.get_checks(include_deployment_checks=False)
