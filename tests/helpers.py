"""Helpers shared by tests of several apps."""

from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.http import HttpRequest
from django.middleware.csrf import _get_new_csrf_string


def sign_in(client, user, *, mfa: bool = True) -> None:
    """Sign ``user`` in to ``client`` as the sign-in form would, without the round trips.

    ``client.force_login`` makes a session with no record of how the person proved who they
    are, which staff pages refuse (accounts.security). This adds the records allauth itself
    writes during a sign-in: the password step and, for people with an authenticator app,
    the code step. ``mfa=False`` leaves the code step out (a session that skipped it).

    Like a real sign-in, this is not a "recent re-authentication": changing email or
    two-factor settings still asks for the password again.
    """
    client.force_login(user)
    # A browser that signed in holds a CSRF cookie (the sign-in form set it): with it, the
    # learner's page cache (pagecache) keeps pages for this client as it would for them.
    client.cookies[settings.CSRF_COOKIE_NAME] = _get_new_csrf_string()
    session = client.session
    request = HttpRequest()
    request.session = session
    request.user = user
    record_authentication(request, user, "password", email=user.email)
    if mfa:
        totp = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
        if totp is not None:
            record_authentication(request, user, "mfa", id=totp.pk, type=totp.type)
    session.save()


def csp_directives(header: str) -> dict[str, list[str]]:
    """A Content-Security-Policy header as {directive: [sources]}."""
    directives = {}
    for part in header.split(";"):
        name, *values = part.strip().split()
        directives[name] = values
    return directives


def ed25519_pem() -> str:
    """A new Ed25519 private key in PEM, as production's BADGES_SIGNING_KEY takes it."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    return (
        Ed25519PrivateKey.generate()
        .private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        .decode()
    )
