"""Session rules for people whose role reaches other people's records.

- Staff roles (and administrators) must have two-factor authentication set up before they
  reach the admin, reports or exports; they are sent to set it up first.
- Staff sessions end after 30 minutes without a request (a shared office computer left
  signed in); every session ends 8 hours after sign-in, however active.
"""

import time

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse

from .roles import STAFF_ROLES

SIGNED_IN_AT = "signed_in_at"
LAST_SEEN = "last_seen"
# How often "last seen" is written back to the session (not on every request).
LAST_SEEN_RESOLUTION = 60


def has_staff_role(user) -> bool:
    cached = getattr(user, "_has_staff_role", None)
    if cached is None:
        cached = user.is_superuser or user.groups.filter(name__in=STAFF_ROLES).exists()
        user._has_staff_role = cached
    return cached


def has_mfa(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def mfa_protected(path: str) -> bool:
    return path.startswith(settings.MFA_REQUIRED_PREFIXES)


class StaffSessionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            ended = self._session_ended(request, user)
            if ended:
                logout(request)
                messages.info(request, ended)
                return redirect_to_login(request.get_full_path())
            if mfa_protected(request.path_info) and has_staff_role(user) and not has_mfa(user):
                messages.warning(
                    request,
                    "Your role lets you see other people's records, so you need to set up "
                    "two-factor authentication before you continue.",
                )
                return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)

    def _session_ended(self, request, user) -> str | None:
        now = int(time.time())
        session = request.session
        signed_in_at = session.setdefault(SIGNED_IN_AT, now)
        if now - signed_in_at > settings.SESSION_ABSOLUTE_SECONDS:
            return "You have been signed out because you signed in more than 8 hours ago."
        last_seen = session.get(LAST_SEEN, now)
        if has_staff_role(user) and now - last_seen > settings.STAFF_IDLE_SECONDS:
            minutes = settings.STAFF_IDLE_SECONDS // 60
            return f"You have been signed out after {minutes} minutes without activity."
        if now - last_seen >= LAST_SEEN_RESOLUTION or LAST_SEEN not in session:
            session[LAST_SEEN] = now
        return None


def end_sessions_of(user) -> int:
    """Sign the person out everywhere (used when an account is deactivated)."""
    from allauth.usersessions.models import UserSession

    ended = 0
    for user_session in UserSession.objects.filter(user=user):
        user_session.end()
        ended += 1
    return ended
