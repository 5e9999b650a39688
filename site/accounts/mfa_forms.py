"""allauth's two-factor code forms, with refusals for too many attempts in the audit log.

allauth refuses a code before checking it once the account has had too many wrong codes
(its "login_failed" limit, keyed on the account); wrong codes themselves are recorded from
allauth's ``authentication_failed`` signal (accounts.audit.on_mfa_failed).
"""

from allauth.core import context
from allauth.mfa.base import forms as allauth_forms
from allauth.mfa.totp import forms as totp_forms
from django.core.exceptions import ValidationError

from . import audit
from .forms import GovukMessages

CODE_LABEL = "Enter the code from your authenticator app"
CODE_HINT = "It is 6 digits long and changes every 30 seconds."
CODE_REQUIRED = "Enter the 6-digit code from your authenticator app"


class _CodeForm(GovukMessages):
    """The code field in GOV.UK words (allauth's label is "Code", its error "Incorrect
    code."; accounts.forms.GOVUK_MESSAGES rewrites that)."""

    required_messages = {"code": CODE_REQUIRED}
    labels = {"code": CODE_LABEL}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        code = self.fields["code"]
        code.help_text = CODE_HINT
        code.widget.attrs.update(
            {"spellcheck": "false", "autocapitalize": "none", "class": "govuk-input--width-10"}
        )


class ActivateTOTPForm(_CodeForm, totp_forms.ActivateTOTPForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].widget.attrs["inputmode"] = "numeric"  # never a recovery code


class _RecordsRefusals(_CodeForm):
    def clean_code(self):
        try:
            return super().clean_code()
        except ValidationError as error:
            if error.code == "too_many_login_attempts":
                audit.sign_in_refused(context.request, account=self.user)
            raise


class AuthenticateForm(_RecordsRefusals, allauth_forms.AuthenticateForm):
    help_text = CODE_HINT + " If you do not have your phone, enter one of your recovery codes."

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].help_text = self.help_text


class ReauthenticateForm(_RecordsRefusals, allauth_forms.ReauthenticateForm):
    pass
