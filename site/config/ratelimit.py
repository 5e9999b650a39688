"""A small fixed-window rate limit on the shared cache, for public endpoints."""

from django.core.cache import cache


def client_ip(request) -> str:
    # Behind the proxy, SECURE_PROXY_SSL_HEADER is trusted; REMOTE_ADDR is the proxy's own
    # address there, so production deployments set the real address in REMOTE_ADDR (for
    # example gunicorn's --forwarded-allow-ips with a proxy that overwrites the header).
    return request.META.get("REMOTE_ADDR", "unknown")


def allow(request, scope: str, limit: int, period_seconds: int) -> bool:
    """Count this request; False once the client has made ``limit`` within the window."""
    key = f"ratelimit:{scope}:{client_ip(request)}"
    if cache.add(key, 1, timeout=period_seconds):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=period_seconds)
        return True
    return count <= limit
