from allauth.account.adapter import DefaultAccountAdapter
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError

from config.ratelimit import client_ip

from . import audit, emails, security, services
from .roles import Role


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "too_many_login_attempts": security.LOCKED_MESSAGE,
        # allauth's other messages, in GOV.UK words (they say what to do).
        "cannot_remove_primary_email": (
            "You cannot remove your main email address. Make another address your main one first"
        ),
        "duplicate_email": "This email address is already on your account",
        "email_password_mismatch": "Enter a correct email address and password",
        "enter_current_password": "Enter your current password",
        "incorrect_password": "The password is not correct. Enter your current password",
        "invalid_or_expired_key": "This link has expired. Ask for a new one",
        "invalid_password_reset": "This link has expired. Ask for a new one",
        "same_as_current": "Enter a different value from the current one",
        "rate_limited": "You have tried too many times. Wait a few minutes, then try again",
        "unverified_primary_email": "Confirm your main email address first",
    }

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        data = form.cleaned_data
        services.fill_signup_profile(
            user,
            full_name=data["full_name"],
            job_role=data.get("job_role", ""),
            agency=services.resolve_signup_agency(data["email"], data.get("agency")),
        )
        if commit:
            user.save()
            services.add_role(user, Role.LEARNER)
        return user

    # --- Email: rendered here, sent by the worker, no attacker-chosen text ----------------

    # What account emails may use: links the server built (any ``*_url``), one-time codes
    # and the time. Not the user, the addresses involved, the site as the request named it,
    # the IP address or the user agent.
    EMAIL_CONTEXT = frozenset({"code", "key", "uid", "timestamp"})

    def send_mail(self, template_prefix, email, context):
        """Every allauth email goes through ``accounts.emails``: rendered now from the
        project's plain-text templates (``templates/account/email``, ``mfa/email``) and
        queued for the worker, never sent in the request, so a new and a registered address
        take the same time. Only links and ``EMAIL_CONTEXT`` reach the templates.

        allauth builds its links from the request's host; they are rebuilt on ``SITE_URL``
        (config.site_url), like every other link the service sends."""
        from config.site_url import rebase

        safe = {key: value for key, value in context.items() if key in self.EMAIL_CONTEXT}
        safe.update(
            {
                key: rebase(str(value))
                for key, value in context.items()
                if key.endswith("_url") and value
            }
        )
        emails.send(template_prefix, email, safe)

    def send_notification_mail(self, template_prefix, user, context=None, email=None):
        """Security notices (password, email address, two-factor changes, when
        ``ACCOUNT_EMAIL_NOTIFICATIONS`` is on) say what changed and link to a password
        reset; they never repeat the addresses involved."""
        from allauth.account.internal.flows.password_reset import get_reset_password_url

        links = {"password_reset_url": get_reset_password_url(self.request)}
        super().send_notification_mail(template_prefix, user, links, email=email)

    def respond_email_verification_sent(self, request, user):
        """``user`` is None when sign-up found the address already registered (allauth then
        emails its owner instead of creating an account). Creating an account hashes the
        password, the slowest step; hash the submitted one here too and throw it away, so
        the time taken does not tell anyone the address has an account."""
        if user is None and request.method == "POST":
            make_password(request.POST.get("password1", ""))
        return super().respond_email_verification_sent(request, user)

    # --- Sign-in: the client's address, lockout per account and address -------------------

    def get_client_ip(self, request):
        """allauth's per-address limits key on the same address as ours (config.ratelimit)."""
        return client_ip(request)

    def _get_login_attempts_cache_key(self, request, **credentials):
        """The key of allauth's "login_failed" limit ("5/5m/key"): the account AND the client
        address. Five wrong passwords from one address lock that address out of the account;
        the owner elsewhere still signs in (and a password reset from an address clears that
        address's lock). The per-address limit ("10/m/ip") still applies to every account."""
        account_key = super()._get_login_attempts_cache_key(request, **credentials)
        return f"{account_key}:{client_ip(request)}"

    def pre_authenticate(self, request, **credentials):
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError:
            audit.sign_in_refused(request, credentials.get("email", ""))
            raise

    def authentication_failed(self, request, **credentials):
        super().authentication_failed(request, **credentials)
        account = security.count_failed_sign_in(credentials.get("email", ""))
        if account is not None and security.should_warn_owner(account):
            self.send_mail(
                "account/email/sign_in_attempts", account.email, security.warning_context()
            )
