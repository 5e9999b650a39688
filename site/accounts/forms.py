from allauth.account import forms as allauth_forms
from allauth.account.forms import LoginForm as AllauthLoginForm
from allauth.account.forms import ResetPasswordForm as AllauthResetPasswordForm
from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.core.exceptions import ValidationError

from network.selectors import active_agencies, agency_for_email

from .models import JobRole, User
from .services import NOT_LISTED

EMAIL_FORMAT = "Enter an email address in the correct format, like name@example.org"
NEW_PASSWORD_HINT = "At least 10 characters. Avoid common words and your name."  # noqa: S105

# Messages allauth writes into its forms itself (not through the adapter), in GOV.UK words.
GOVUK_MESSAGES = {
    "You must type the same password each time.": "Enter the same password in both boxes",
    "Incorrect code.": "The code is not correct. Enter the code your authenticator app shows now",
}


class GovukMessages:
    """Field errors in GOV.UK style: say what to do ("Enter your password"), never
    "This field is required." Subclasses name the message for each required field in
    ``required_messages``; allauth's own wording is replaced from ``GOVUK_MESSAGES``."""

    required_messages: dict[str, str] = {}
    labels: dict[str, str] = {}
    help_texts: dict[str, str] = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if name in self.required_messages:
                field.error_messages["required"] = self.required_messages[name]
            if name in self.labels:
                field.label = self.labels[name]
            if name in self.help_texts:
                field.help_text = self.help_texts[name]
            if isinstance(field, forms.EmailField):
                field.error_messages["invalid"] = EMAIL_FORMAT
                field.widget.attrs["spellcheck"] = "false"
            field.widget.attrs.pop("placeholder", None)

    def full_clean(self):
        super().full_clean()
        for errors in (getattr(self, "_errors", None) or {}).values():
            for index, error in enumerate(errors.data):
                text = str(error.message if isinstance(error, ValidationError) else error)
                if text in GOVUK_MESSAGES:  # same code, GOV.UK words
                    code = getattr(error, "code", None)
                    errors.data[index] = ValidationError(GOVUK_MESSAGES[text], code=code)


class SignupForm(GovukMessages, AllauthSignupForm):
    full_name = forms.CharField(
        label="Full name",
        max_length=150,
        help_text="As it should appear on your certificates.",
        widget=forms.TextInput(attrs={"autocomplete": "name", "spellcheck": "false"}),
        error_messages={"required": "Enter your full name"},
    )
    job_role = forms.ChoiceField(
        label="Which best describes your role?",
        choices=JobRole.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the option that best describes your role"},
    )
    agency = forms.ChoiceField(
        label="Your agency or organisation",
        required=False,
        help_text=(
            "If you use your work email address we will usually recognise your agency. "
            "If yours is not in the list, choose ‘My agency is not listed’."
        ),
    )

    field_order = ["full_name", "email", "job_role", "agency", "password1", "password2"]

    def __init__(self, *args, venue_staff: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        # Staff invited by a Safe Places venue work for a business, not a partner agency:
        # they are not asked to pick one (a registered work domain still matches).
        self.venue_staff = venue_staff
        if venue_staff:
            del self.fields["agency"]
            self.fields["job_role"].initial = JobRole.VENUE_STAFF
        else:
            self.fields["agency"].choices = [
                ("", "Choose your agency"),
                *((str(a.pk), a.name) for a in active_agencies()),
                (NOT_LISTED, "My agency is not listed"),
            ]
        email = self.fields["email"]
        email.label = "Work email address"
        email.help_text = "We will send a link to this address to confirm it is yours."
        email.error_messages["required"] = "Enter your email address"
        email.error_messages["invalid"] = EMAIL_FORMAT
        self.fields["password1"].label = "Create a password"
        self.fields["password1"].help_text = NEW_PASSWORD_HINT
        self.fields["password1"].error_messages["required"] = "Enter a password"
        self.fields["password2"].label = "Confirm password"
        self.fields["password2"].error_messages["required"] = "Confirm your password"
        for name in ("email", "password1", "password2"):
            self.fields[name].widget.attrs.pop("placeholder", None)
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["email"].widget.attrs["spellcheck"] = "false"
        self.order_fields(self.field_order)

    def clean(self):
        cleaned = super().clean()
        email = cleaned.get("email")
        if self.venue_staff:
            return cleaned
        if email and not cleaned.get("agency") and agency_for_email(email) is None:
            self.add_error("agency", "Select your agency, or select ‘My agency is not listed’")
        return cleaned


class ProfileForm(forms.ModelForm):
    """What people may change about themselves. Agency changes go through the coordinator."""

    class Meta:
        model = User
        fields = ["full_name", "job_role"]
        labels = {"full_name": "Full name", "job_role": "Which best describes your role?"}
        help_texts = {
            "full_name": "As it should appear on new certificates. Certificates already "
            "issued keep the name they were issued in."
        }
        widgets = {
            "job_role": forms.RadioSelect,
            "full_name": forms.TextInput(attrs={"autocomplete": "name"}),
        }
        error_messages = {"full_name": {"required": "Enter your full name"}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["job_role"].required = True
        self.fields["job_role"].choices = JobRole.choices
        self.fields["job_role"].error_messages["required"] = (
            "Select the option that best describes your role"
        )

    def clean_full_name(self):
        return " ".join(self.cleaned_data["full_name"].split())


class LoginForm(GovukMessages, AllauthLoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["login"].label = "Email address"
        self.fields["login"].widget.attrs["spellcheck"] = "false"
        self.fields["login"].error_messages["required"] = "Enter your email address"
        self.fields["password"].error_messages["required"] = "Enter your password"
        self.fields["password"].help_text = ""


class ResetPasswordForm(GovukMessages, AllauthResetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        email = self.fields["email"]
        email.label = "Email address"
        email.error_messages["required"] = "Enter your email address"
        email.error_messages["invalid"] = (
            "Enter an email address in the correct format, like name@example.org"
        )


class ResetPasswordKeyForm(GovukMessages, allauth_forms.ResetPasswordKeyForm):
    required_messages = {"password1": "Enter a new password", "password2": "Confirm your password"}
    labels = {"password1": "New password", "password2": "Confirm new password"}
    help_texts = {"password1": NEW_PASSWORD_HINT}


class ChangePasswordForm(GovukMessages, allauth_forms.ChangePasswordForm):
    required_messages = {
        "oldpassword": "Enter your current password",
        "password1": "Enter a new password",
        "password2": "Confirm your new password",
    }
    labels = {
        "oldpassword": "Current password",
        "password1": "New password",
        "password2": "Confirm new password",
    }
    help_texts = {"oldpassword": "", "password1": NEW_PASSWORD_HINT}


class SetPasswordForm(GovukMessages, allauth_forms.SetPasswordForm):
    required_messages = {"password1": "Enter a password", "password2": "Confirm your password"}
    labels = {"password1": "Create a password", "password2": "Confirm password"}
    help_texts = {"password1": NEW_PASSWORD_HINT}


class AddEmailForm(GovukMessages, allauth_forms.AddEmailForm):
    required_messages = {"email": "Enter your email address"}
    labels = {"email": "New email address"}
    help_texts = {"email": "We will send a link to this address to confirm it is yours."}


class ReauthenticateForm(GovukMessages, allauth_forms.ReauthenticateForm):
    required_messages = {"password": "Enter your password"}
    labels = {"password": "Password"}
    help_texts = {"password": ""}
