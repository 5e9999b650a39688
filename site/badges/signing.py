"""Signing and checking compact JWTs with our Ed25519 keys (joserfc).

Only ``EdDSA`` on an Ed25519 key is accepted: a token naming any other algorithm (``none``,
``HS256`` with our public key as the secret...) is refused before any key is used.
"""

import json

from joserfc import jws, jwt
from joserfc.errors import JoseError
from joserfc.jws import JWSRegistry
from joserfc.util import urlsafe_b64decode

from . import keys

# Three base64url parts: header.payload.signature.
MAX_TOKEN_LENGTH = 20_000


class CredentialError(ValueError):
    """A token we cannot accept; ``reason`` is one of the constants below."""

    NOT_A_TOKEN = "not_a_token"  # noqa: S105  (a reason, not a secret)
    UNKNOWN_KEY = "unknown_key"
    BAD_SIGNATURE = "bad_signature"

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class _EdDSAOnly(JWSRegistry):
    """joserfc's registry, allowing EdDSA alone and without its RFC 9864 warning (see
    ``badges.keys`` for why EdDSA, pinned to Ed25519)."""

    def get_alg(self, name):
        if name != keys.ALGORITHM:
            raise CredentialError(CredentialError.NOT_A_TOKEN)
        return self.algorithms[name]


REGISTRY = _EdDSAOnly(algorithms=[keys.ALGORITHM])


def sign(claims: dict, typ: str) -> str:
    key = keys.signing_key()
    header = {"alg": keys.ALGORITHM, "typ": typ, "kid": keys.kid(key)}
    return jwt.encode(header, claims, key, registry=REGISTRY)


def _header(token: str) -> dict:
    parts = token.split(".")
    if len(parts) != 3 or not all(parts):
        raise CredentialError(CredentialError.NOT_A_TOKEN)
    try:
        header = json.loads(urlsafe_b64decode(parts[0].encode("ascii")))
    except (ValueError, UnicodeError) as error:
        raise CredentialError(CredentialError.NOT_A_TOKEN) from error
    if not isinstance(header, dict):
        raise CredentialError(CredentialError.NOT_A_TOKEN)
    return header


def verify(token: str) -> tuple[dict, dict]:
    """The header and claims of ``token`` if one of our published keys signed it.

    Dates and status are the caller's to judge. Raises ``CredentialError``.
    """
    if not token or len(token) > MAX_TOKEN_LENGTH or not token.isascii():
        raise CredentialError(CredentialError.NOT_A_TOKEN)
    header = _header(token)
    if header.get("alg") != keys.ALGORITHM:
        raise CredentialError(CredentialError.NOT_A_TOKEN)
    key = keys.public_keys().get(header.get("kid"))
    if key is None:
        raise CredentialError(CredentialError.UNKNOWN_KEY)
    try:
        compact = jws.deserialize_compact(token, key, registry=REGISTRY)
    except CredentialError:
        raise
    except JoseError as error:
        if error.error == "bad_signature":
            raise CredentialError(CredentialError.BAD_SIGNATURE) from error
        raise CredentialError(CredentialError.NOT_A_TOKEN) from error
    except (ValueError, TypeError) as error:
        raise CredentialError(CredentialError.NOT_A_TOKEN) from error
    try:
        claims = json.loads(compact.payload)
    except (ValueError, UnicodeError) as error:
        raise CredentialError(CredentialError.NOT_A_TOKEN) from error
    if not isinstance(claims, dict):
        raise CredentialError(CredentialError.NOT_A_TOKEN)
    return dict(compact.protected), claims
