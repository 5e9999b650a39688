"""Reading: the revocation status list, and checking a credential someone uploads.

A credential is accepted only if one of our published keys signed it (``badges.signing``).
Then its dates are judged as its own ``validFrom``/``validUntil`` say, and its revocation
bit is read from the same status list we publish. The certificate behind it is found by
the credential's id, and its public facts are shown exactly as the code-based check shows
them (``certificates.selectors.public_view``).
"""

import datetime
import uuid
from dataclasses import dataclass

from django.db.models import Max
from django.utils import timezone

from certificates import validity
from certificates.selectors import PublicView, public_view

from . import credential, signing, statuslist
from .models import StatusEntry

STATUS_LIST_TTL_SECONDS = 300


def revoked_indexes() -> list[int]:
    return list(
        StatusEntry.objects.filter(certificate__revoked_at__isnull=False).values_list(
            "index", flat=True
        )
    )


def status_list_length() -> int:
    return statuslist.length_for(StatusEntry.objects.aggregate(highest=Max("index"))["highest"])


def encoded_status_list() -> str:
    return statuslist.encode(revoked_indexes(), status_list_length())


def status_list_claims(now: datetime.datetime | None = None) -> dict:
    now = now or timezone.now()
    url = credential.status_list_url()
    return {
        "@context": [credential.VC_CONTEXT],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": credential.issuer_id(),
        "validFrom": credential.iso(now),
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": "revocation",
            "encodedList": encoded_status_list(),
            "ttl": STATUS_LIST_TTL_SECONDS * 1000,
        },
        "iss": credential.issuer_id(),
        "jti": url,
        "iat": int(now.timestamp()),
        "nbf": int(now.timestamp()),
    }


def status_list_token(now: datetime.datetime | None = None) -> str:
    return signing.sign(status_list_claims(now), credential.TYP)


class Outcome:
    VALID = "valid"
    EXPIRED = "expired"
    NOT_YET_VALID = "not_yet_valid"
    REVOKED = "revoked"


@dataclass
class CredentialCheck:
    """A credential of ours whose signature is good, judged on a moment."""

    outcome: str
    achievement: str
    valid_until: datetime.datetime
    certificate: PublicView

    @property
    def expired_on(self) -> datetime.date:
        """The last day it was valid (the "Valid until" date the certificate prints)."""
        return validity.day_of(self.valid_until) - datetime.timedelta(days=1)

    @property
    def ok(self) -> bool:
        return self.outcome == Outcome.VALID


def _int(value) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise signing.CredentialError(signing.CredentialError.NOT_A_TOKEN)
    return value


def check_credential(token: str, now: datetime.datetime | None = None) -> CredentialCheck:
    """Check an uploaded credential; raises ``signing.CredentialError`` when it is not one of
    ours (not a JWT, an unknown key, a bad signature, or not a certificate credential)."""
    now = now or timezone.now()
    _header, claims = signing.verify(token)
    not_ours = signing.CredentialError(signing.CredentialError.NOT_A_TOKEN)
    if claims.get("iss") != credential.issuer_id():
        raise not_ours
    jti = claims.get("jti")
    if not isinstance(jti, str) or not jti.startswith("urn:uuid:"):
        raise not_ours
    entry = (
        StatusEntry.objects.select_related("certificate__superseded_by")
        .filter(credential_id=_uuid(jti.removeprefix("urn:uuid:")))
        .first()
    )
    if entry is None:
        raise not_ours
    status = claims.get("credentialStatus") or {}
    if not isinstance(status, dict) or status.get("statusListIndex") != str(entry.index):
        raise not_ours
    subject = claims.get("credentialSubject") or {}
    achievement = subject.get("achievement", {}) if isinstance(subject, dict) else {}
    name = achievement.get("name") if isinstance(achievement, dict) else None
    if not isinstance(name, str):
        raise not_ours
    not_before, expires = _int(claims.get("nbf")), _int(claims.get("exp"))
    moment = int(now.timestamp())
    # Read back from the list exactly as we publish it.
    revoked = statuslist.bit(statuslist.decode(encoded_status_list()), entry.index)
    if revoked:
        outcome = Outcome.REVOKED
    elif moment >= expires:
        outcome = Outcome.EXPIRED
    elif moment < not_before:
        outcome = Outcome.NOT_YET_VALID
    else:
        outcome = Outcome.VALID
    return CredentialCheck(
        outcome=outcome,
        achievement=name,
        valid_until=datetime.datetime.fromtimestamp(expires, tz=datetime.UTC),
        certificate=public_view(entry.certificate, now),
    )


def _uuid(value: str) -> uuid.UUID:
    try:
        return uuid.UUID(value)
    except ValueError as error:
        raise signing.CredentialError(signing.CredentialError.NOT_A_TOKEN) from error
