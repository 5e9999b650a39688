"""allauth's two-factor code forms, with refusals for too many attempts in the audit log.

allauth refuses a code before checking it once the account has had too many wrong codes
(its "login_failed" limit, keyed on the account); wrong codes themselves are recorded from
allauth's ``authentication_failed`` signal (accounts.audit.on_mfa_failed).
"""

from allauth.core import context
from allauth.mfa.base import forms as allauth_forms
from django.core.exceptions import ValidationError

from . import audit


class _RecordsRefusals:
    def clean_code(self):
        try:
            return super().clean_code()
        except ValidationError as error:
            if error.code == "too_many_login_attempts":
                audit.sign_in_refused(context.request, account=self.user)
            raise


class AuthenticateForm(_RecordsRefusals, allauth_forms.AuthenticateForm):
    pass


class ReauthenticateForm(_RecordsRefusals, allauth_forms.ReauthenticateForm):
    pass
