"""What an Open Badges 3.0 credential for a certificate says (no database writes here).

The JWT payload is the credential itself (OB 3.0 §8.2, VC-JOSE-COSE): its members at the
top level, with the registered claims OB 3.0 maps from them: ``iss`` (issuer id), ``jti``
(credential id), ``nbf`` (``validFrom``), ``exp`` (``validUntil``). There is no ``sub``:
OB 3.0 maps it from ``credentialSubject.id``, and the learner has no identifier of their
own (no DID) that we would want to make linkable across their credentials.

Dates follow ``certificates.validity``: valid from the moment the certificate was issued,
through the whole of the "Valid until" date the PDF prints; ``exp``/``validUntil`` is the
midnight (Europe/London) that ends that day, the first moment it is no longer valid.

The subject is identified as little as will still let a verifier tie it to the person
showing it: their name as printed on the certificate (it is the learner's own portable
proof, and anyone they show the PDF to already sees the name; an erased name is left out),
and their email address only as a salted SHA-256 hash (OB 3.0 ``IdentityObject``), so a
verifier who already knows the address can confirm it and nobody else can read it.
"""

import datetime
import hashlib
import secrets
from urllib.parse import urlsplit

from django.urls import reverse

from certificates import validity
from config.site_url import absolute, base

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
MEDIA_TYPE = "application/vc+jwt"
TYP = "vc+jwt"
DEFAULT_ISSUER_NAME = "Southampton Domestic Abuse and VAWG Partnership"
CRITERIA = (
    "Completed every lesson of this e-learning module, and passed its end-of-module quiz "
    "where it has one, on Safe City Learning."
)


def iso(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def issuer_id() -> str:
    return absolute(reverse("badges:issuer"))


def status_list_url() -> str:
    return absolute(reverse("badges:status_list"))


def issuer_name() -> str:
    from certificates.models import CertificateTemplate

    template = CertificateTemplate.objects.order_by("pk").first()
    return template.partnership_name if template is not None else DEFAULT_ISSUER_NAME


def issuer_profile() -> dict:
    """The OB 3.0 ``Profile`` published at ``badges:issuer``."""
    return {
        "@context": [VC_CONTEXT, OB_CONTEXT],
        "id": issuer_id(),
        "type": ["Profile"],
        "name": issuer_name(),
        "url": base() + "/",
        "description": "Training certificates of the partnership's Safe City Learning service. "
        "Credentials are signed with the keys published at " + absolute(reverse("badges:keys")),
    }


def valid_until(expires_at: datetime.datetime) -> datetime.datetime:
    """The first moment the certificate is no longer valid: midnight after its last day."""
    return validity.start_of(validity.expires_on(expires_at) + datetime.timedelta(days=1))


def identity_hash(identity: str, salt: str) -> str:
    return "sha256$" + hashlib.sha256((identity + salt).encode()).hexdigest()


def _module_url(module) -> str:
    url = module.get_url() or "/"
    return absolute(urlsplit(url).path)


def _identifiers(certificate) -> list[dict]:
    identifiers = []
    if certificate.holder_name:
        identifiers.append(
            {
                "type": "IdentityObject",
                "identityType": "name",
                "hashed": False,
                "identityHash": certificate.holder_name,
            }
        )
    email = certificate.user.email if certificate.user_id else ""
    if email:
        salt = secrets.token_hex(16)
        identifiers.append(
            {
                "type": "IdentityObject",
                "identityType": "emailAddress",
                "hashed": True,
                "identityHash": identity_hash(email.strip().lower(), salt),
                "salt": salt,
            }
        )
    return identifiers


def claims(certificate, entry) -> dict:
    """The credential for ``certificate`` with its status list ``entry``, as JWT claims."""
    module = certificate.module
    valid_from = certificate.issued_at
    until = valid_until(certificate.expires_at)
    issuer = {
        "id": issuer_id(),
        "type": ["Profile"],
        "name": certificate.template.get("partnership_name") or issuer_name(),
        "url": base() + "/",
    }
    status_url = status_list_url()
    return {
        "@context": [VC_CONTEXT, OB_CONTEXT],
        "id": entry.credential_urn,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": certificate.module_title,
        "issuer": issuer,
        "validFrom": iso(valid_from),
        "validUntil": iso(until),
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": _identifiers(certificate),
            "achievement": {
                "id": _module_url(module),
                "type": ["Achievement"],
                "achievementType": "Course",
                "name": certificate.module_title,
                "description": module.summary or certificate.module_title,
                "criteria": {"narrative": CRITERIA},
                "creditsAvailable": round(certificate.cpd_minutes / 60, 2),
            },
        },
        "credentialStatus": {
            "id": f"{status_url}#{entry.index}",
            "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation",
            "statusListIndex": str(entry.index),
            "statusListCredential": status_url,
        },
        "iss": issuer["id"],
        "jti": entry.credential_urn,
        "nbf": int(valid_from.timestamp()),
        "exp": int(until.timestamp()),
    }


def filename(certificate) -> str:
    return f"certificate-{certificate.number}.jwt"
