"""Session rules for people whose role reaches other people's records.

- Staff roles (and administrators) must have two-factor authentication set up before they
  reach the admin, reports or exports; they are sent to set it up first.
- A staff session must also have entered a code from the authenticator app: a session
  signed in with the password only (one that began before two-factor authentication was set
  up, or any route that skipped the code) is asked for a code first.
- Staff sessions end after 30 minutes without a request (a shared office computer left
  signed in); every session ends 8 hours after sign-in, however active.
- Failed sign-ins: allauth's "login_failed" limit locks one address out of one account
  (accounts.adapter); when an account sees many failures from anywhere, its owner is told,
  once a day, in a fixed phrase with no details.
"""

import time
from urllib.parse import urlencode

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse

from config import ratelimit

from .roles import STAFF_ROLES

LOCKED_MESSAGE = "Too many failed sign-in attempts. Wait 5 minutes, then try again."
ENTER_CODE_MESSAGE = (
    "Your role lets you see other people's records. Enter the code from your authenticator "
    "app to continue."
)
WARNING_EVERY_SECONDS = 24 * 60 * 60

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


def entered_a_code(request, user) -> bool:
    """Whether this session's own sign-in records (kept by allauth) include a code step."""
    return any(
        record.get("method") == "mfa" for record in get_authentication_records(request, user)
    )


def record_activation_as_code_step(sender, request=None, user=None, authenticator=None, **kw):
    """Setting up the authenticator app means typing a code from it (after the password was
    asked again): that session has entered a code, so it is not asked for another at once."""
    if request is None or authenticator is None or authenticator.type != Authenticator.Type.TOTP:
        return
    if getattr(request.user, "pk", None) != user.pk:
        return
    # allauth's own writer of the session's records (what a sign-in with a code writes).
    from allauth.account.internal.flows.login import record_authentication

    record_authentication(
        request, user, "mfa", id=authenticator.pk, type=authenticator.type, activated=True
    )


# --- Failed sign-ins: telling the owner ------------------------------------------------------


def count_failed_sign_in(typed_email: str):
    """Count a failed sign-in against the account the address belongs to, if any.

    Returns the account when this failure reaches the warning threshold, else None.
    """
    from .models import User

    typed_email = (typed_email or "").strip()
    if not typed_email:
        return None
    account = User.objects.filter(email__iexact=typed_email, is_active=True).first()
    if account is None:
        return None
    count = ratelimit.hit(f"sign-in-failures:{account.pk}", settings.SIGN_IN_WARNING_WINDOW_SECONDS)
    return account if count >= settings.SIGN_IN_WARNING_THRESHOLD else None


def should_warn_owner(account) -> bool:
    """At most one warning a day per account, however long the guessing goes on."""
    return ratelimit.once(f"sign-in-warning:{account.pk}", WARNING_EVERY_SECONDS)


def warning_context() -> dict:
    """Only a link: no address, time, browser or count (an abuser may read the email)."""
    from config.site_url import absolute

    return {"reset_url": absolute(reverse("account_reset_password"))}


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
            if mfa_protected(request.path_info) and has_staff_role(user):
                if not has_mfa(user):
                    messages.warning(
                        request,
                        "Your role lets you see other people's records, so you need to set "
                        "up two-factor authentication before you continue.",
                    )
                    return redirect(reverse("mfa_activate_totp"))
                if not entered_a_code(request, user):
                    messages.warning(request, ENTER_CODE_MESSAGE)
                    query = urlencode({"next": request.get_full_path()})
                    return redirect(f"{reverse('mfa_reauthenticate')}?{query}")
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
