"""The key credentials are signed with, and the public keys anyone may check them against.

``BADGES_SIGNING_KEY`` (setting) is an Ed25519 private key, as PEM or as a JWK (JSON). In
production it comes from the environment; ``manage.py check --deploy`` warns when it is
missing (``badges.checks``). Without it, the key is derived from ``SECRET_KEY`` with HKDF-
SHA256 (info ``DERIVED_KEY_INFO``), so development and tests work with no set-up; changing
``SECRET_KEY`` then changes the key, and credentials signed before stop verifying, which is
why production should set its own.

``BADGES_PREVIOUS_PUBLIC_KEYS`` (setting, a list of PEM or JWK strings) keeps the public
halves of retired keys published, so credentials signed before a key was rotated still
verify. Each key's ``kid`` is its RFC 7638 JWK thumbprint.

Credentials are signed with ``alg: EdDSA`` (RFC 8037) on an Ed25519 key only. RFC 9864
names the fully-specified ``Ed25519`` instead and marks ``EdDSA`` deprecated because it
does not say which curve; we pin the curve ourselves (every key here is Ed25519, and
verification refuses any other) and keep ``EdDSA`` because that is the name Open Badges
verifiers and JOSE libraries (PyJWT among them) understand today.
"""

import functools
import json

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from joserfc.jwk import OKPKey

ALGORITHM = "EdDSA"
CURVE = "Ed25519"
DERIVED_KEY_INFO = b"safecity-learning open badges signing key v1"


class BadKeyError(ValueError):
    """A configured key is not an Ed25519 key we can use."""


def import_key(value: str | dict, *, private: bool) -> OKPKey:
    if isinstance(value, dict):
        data: str | bytes | dict = value
    else:
        text = value.strip()
        data = json.loads(text) if text.startswith("{") else text.encode()
    try:
        key = OKPKey.import_key(data)
    except Exception as error:  # joserfc raises several types for bad input
        raise BadKeyError("Not an OKP key in PEM or JWK form.") from error
    if key.curve_name != CURVE:
        raise BadKeyError(f"Open Badges keys must be {CURVE} keys, not {key.curve_name}.")
    if private and not key.is_private:
        raise BadKeyError("BADGES_SIGNING_KEY must be a private key.")
    return key


def derived_key(secret: str) -> OKPKey:
    """The Ed25519 key derived from ``secret`` (HKDF-SHA256, no salt, ``DERIVED_KEY_INFO``)."""
    seed = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=DERIVED_KEY_INFO).derive(
        secret.encode()
    )
    pem = Ed25519PrivateKey.from_private_bytes(seed).private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return OKPKey.import_key(pem)


def is_configured() -> bool:
    return bool(getattr(settings, "BADGES_SIGNING_KEY", ""))


@functools.cache
def _signing_key(configured: str, secret: str) -> OKPKey:
    return import_key(configured, private=True) if configured else derived_key(secret)


def signing_key() -> OKPKey:
    """The private key credentials are signed with now."""
    return _signing_key(getattr(settings, "BADGES_SIGNING_KEY", ""), settings.SECRET_KEY)


def kid(key: OKPKey) -> str:
    return key.thumbprint()


def public_jwk(key: OKPKey) -> dict:
    """The public half as a JWK, with its ``kid``, ``alg`` and ``use``."""
    return {**key.as_dict(private=False), "kid": kid(key), "alg": ALGORITHM, "use": "sig"}


def public_keys() -> dict[str, OKPKey]:
    """Every key a credential of ours may be signed with, by ``kid``: the current one first,
    then the retired ones still published."""
    current = signing_key()
    keys = {kid(current): OKPKey.import_key(current.as_dict(private=False))}
    for value in getattr(settings, "BADGES_PREVIOUS_PUBLIC_KEYS", ()):
        key = import_key(value, private=False)
        public = OKPKey.import_key(key.as_dict(private=False))
        keys.setdefault(kid(public), public)
    return keys


def jwks() -> dict:
    """The JSON Web Key Set published at ``badges:keys``."""
    return {"keys": [public_jwk(key) for key in public_keys().values()]}
