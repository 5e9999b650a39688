"""Serve a signed-in learner's repeat view of a page from the cache (see ``pagecache``).

Placed last in ``MIDDLEWARE``: every check before it (session lifetime, staff two-factor,
the admin door, sign-in refusals) runs on a cached view as on any other, and every header
after it (security, content security policy, no-store) is added to it afresh. The page's
CSP nonce is stored as a placeholder and replaced with this response's own nonce.
"""

import datetime
import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone

from . import CACHEABLE_ATTRIBUTE
from .versions import current

logger = logging.getLogger(__name__)

NONCE_PLACEHOLDER = b"\x00lpc-nonce\x00"
SKIPPED_HEADERS = {"content-length", "set-cookie"}


def _seconds() -> int:
    return getattr(settings, "LEARNER_PAGE_CACHE_SECONDS", 300)


def _pending_messages(request) -> bool:
    """A message waiting to be shown: the page must be rendered with it, and not kept."""
    if request.COOKIES.get(getattr(settings, "MESSAGE_COOKIE_NAME", "messages")):
        return True
    return "_messages" in request.session


def _key(request, user) -> str | None:
    if request.method != "GET" or getattr(request, "is_dummy", False):
        return None
    if not user.is_authenticated or request.path_info.startswith(settings.ADMIN_URL_PREFIXES):
        return None
    secret = request.META.get("CSRF_COOKIE")
    if not secret or _pending_messages(request):
        return None
    content, learner = current(user.pk)
    session = [repr(request.session.get(name)) for name in settings.LEARNER_PAGE_CACHE_SESSION_KEYS]
    # The account as read for this request: a change written by update() (agency, role,
    # confirmation) sends no signal but shows here.
    account = repr([field.value_from_object(user) for field in user._meta.concrete_fields])
    parts = [
        str(user.pk),
        secret,
        # Which Wagtail site answers (never used for a link; CommonMiddleware has already
        # refused a host not in ALLOWED_HOSTS).
        request.META.get("HTTP_HOST", ""),
        request.get_full_path(),
        *session,
        account,
        timezone.localdate().isoformat(),
        content,
        learner,
    ]
    return "lpc:page:" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


class LearnerPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _seconds() <= 0:
            return self.get_response(request)
        user = getattr(request, "user", None)
        try:
            key = _key(request, user) if user is not None else None
            stored = cache.get(key) if key else None
        except Exception:  # the cache is down: render as usual
            logger.warning("Learner page cache unavailable", exc_info=True)
            key = stored = None
        if stored is not None and stored["until"] > timezone.now().timestamp():
            return self._replay(request, stored)
        response = self.get_response(request)
        if key:
            self._store(request, response, key)
        return response

    @staticmethod
    def _replay(request, stored) -> HttpResponse:
        body = stored["body"]
        if NONCE_PLACEHOLDER in body:
            body = body.replace(NONCE_PLACEHOLDER, str(request.csp_nonce).encode())
        response = HttpResponse(body, status=stored["status"])
        for name, value in stored["headers"]:
            response[name] = value
        return response

    @staticmethod
    def _store(request, response, key) -> None:
        until = getattr(response, CACHEABLE_ATTRIBUTE, None)
        if until is None or response.status_code != 200 or response.streaming:
            return
        queued = getattr(getattr(request, "_messages", None), "_queued_messages", None)
        if response.cookies or queued:  # something for the next page: keep nothing
            return
        now = timezone.now()
        seconds = min(_seconds(), int((until - now).total_seconds()))
        if seconds <= 0:
            return
        body = response.content
        nonce = getattr(request, "_csp_nonce", None)
        if nonce:
            body = body.replace(str(nonce).encode(), NONCE_PLACEHOLDER)
        stored = {
            "status": response.status_code,
            "headers": [(k, v) for k, v in response.items() if k.lower() not in SKIPPED_HEADERS],
            "body": body,
            "until": (now + datetime.timedelta(seconds=seconds)).timestamp(),
        }
        try:
            cache.set(key, stored, seconds)
        except Exception:
            logger.warning("Learner page cache: could not store a page", exc_info=True)
