"""How a caller proves which organisation it is, what it may read, and how often.

- ``BearerTokenAuthentication``: ``Authorization: Bearer <token>``. An unknown, revoked or
  expired token is refused with 401 and ``WWW-Authenticate: Bearer``; a token expires at
  its ``expires_at`` (a call at that moment or later is refused).
- ``HasScope``: the view's ``required_scope`` must be one of the token's scopes (403).
- ``count_refusal``: refused calls are limited per address too (``REFUSED_LIMIT``).
- ``TokenRateThrottle``: at most ``DATAAPI_RATE_LIMIT`` calls (60 a minute unless set) per
  token, counted with ``config.ratelimit``; more gets 429 with ``Retry-After``.
"""

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone
from rest_framework import authentication, exceptions, permissions, throttling

from config import ratelimit

from . import services
from .models import ApiToken
from .selectors import find_token

DEFAULT_RATE_LIMIT = (60, 60)  # calls, seconds
# Refused calls (no token, or one that is unknown, revoked or expired) from one address: past
# this, 429 for the rest of the minute, and only the first refusal past it is in the audit log,
# so guessing tokens can neither go on at speed nor fill the log. A valid token is never held
# back by it (another caller behind the same address keeps working).
REFUSED_LIMIT = (20, 60)
TOO_MANY_REFUSED = "Too many refused calls from this address."

UNKNOWN = "This token is not recognised."
REVOKED = "This token has been revoked."
EXPIRED = "This token has expired."
MALFORMED = "Send the token as: Authorization: Bearer <token>."


def rate_limit() -> tuple[int, int]:
    return getattr(settings, "DATAAPI_RATE_LIMIT", DEFAULT_RATE_LIMIT)


class BearerTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = request.META.get("HTTP_AUTHORIZATION", "")
        if not header:
            return None
        parts = header.split()
        if len(parts) != 2 or parts[0].lower() != self.keyword.lower():
            raise exceptions.AuthenticationFailed(MALFORMED)
        row = find_token(parts[1])
        # The views' audit entry names the token, refused or not.
        request._request.dataapi_token = row
        if row is None:
            raise exceptions.AuthenticationFailed(UNKNOWN)
        now = timezone.now()
        if row.revoked_at is not None:
            raise exceptions.AuthenticationFailed(REVOKED)
        if row.expires_at is not None and row.expires_at <= now:
            raise exceptions.AuthenticationFailed(EXPIRED)
        services.mark_used(row, now)
        # No person is signed in: the caller is an organisation, with no permissions.
        return AnonymousUser(), row

    def authenticate_header(self, request):
        return f'{self.keyword} realm="api"'


class HasScope(permissions.BasePermission):
    message = "This token does not give access to these figures."

    def has_permission(self, request, view):
        token = request.auth
        return isinstance(token, ApiToken) and view.required_scope in token.scopes


def count_refusal(request) -> None:
    """Count a refused call from the caller's address; raise 429 past ``REFUSED_LIMIT``."""
    limit, period = REFUSED_LIMIT
    refused = ratelimit.hit(f"dataapi-refused:{ratelimit.client_ip(request)}", period)
    if refused > limit:
        request.dataapi_quiet = refused > limit + 1
        raise exceptions.Throttled(wait=period, detail=TOO_MANY_REFUSED)


class TokenRateThrottle(throttling.BaseThrottle):
    def allow_request(self, request, view):
        token = request.auth
        if not isinstance(token, ApiToken):
            return True
        limit, period = rate_limit()
        return ratelimit.hit(f"dataapi:{token.prefix}", period) <= limit

    def wait(self):
        # A fixed window: at most one period until calls are counted afresh.
        return rate_limit()[1]
