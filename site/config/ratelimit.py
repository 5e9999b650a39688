"""The client's address, and a small fixed-window rate limit on the shared cache.

:func:`client_ip` is the only place the client's address is worked out: our own limits, the
audit log and allauth's sign-in limits (through ``AccountAdapter.get_client_ip``) all use it.
"""

import ipaddress

from django.conf import settings
from django.core.cache import cache

UNKNOWN = "unknown"


def _as_ip(value: str) -> str | None:
    """The address in ``value`` (a port some proxies append is dropped), or None."""
    value = value.strip()
    if value.startswith("[") and "]" in value:  # [2001:db8::1]:443
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # 203.0.113.10:51234
        value = value.split(":", 1)[0]
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def client_ip(request) -> str:
    """The address of the person making the request, as the trusted proxies report it.

    With ``TRUSTED_PROXY_COUNT = 0`` (no proxy) X-Forwarded-For is ignored: anyone can write
    it. With N trusted proxies, each appends the address it received the request from, so
    the N-th entry from the right is the one the outermost trusted proxy saw; entries further
    left were written by the client. When the header has fewer entries, or that entry is not
    an address, the direct peer (REMOTE_ADDR) is used.
    """
    remote = _as_ip(request.META.get("REMOTE_ADDR", "")) or UNKNOWN
    trusted = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if trusted <= 0:
        return remote
    header = request.META.get("HTTP_X_FORWARDED_FOR", "")
    entries = [entry for entry in header.split(",") if entry.strip()]
    if len(entries) < trusted:
        return remote
    return _as_ip(entries[-trusted]) or remote


def hit(key: str, period_seconds: int) -> int:
    """Count one event under ``key`` in a fixed window; returns the count so far."""
    key = f"ratelimit:{key}"
    if cache.add(key, 1, timeout=period_seconds):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=period_seconds)
        return 1


def allow(request, scope: str, limit: int, period_seconds: int) -> bool:
    """Count this request; False once the client has made ``limit`` within the window."""
    return hit(f"{scope}:{client_ip(request)}", period_seconds) <= limit


def once(key: str, period_seconds: int) -> bool:
    """True the first time ``key`` is seen within ``period_seconds``, then False."""
    return cache.add(f"once:{key}", 1, timeout=period_seconds)
