from allauth.account.forms import LoginForm as AllauthLoginForm
from allauth.account.forms import ResetPasswordForm as AllauthResetPasswordForm
from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms

from network.selectors import active_agencies, agency_for_email

from .models import JobRole, User
from .services import NOT_LISTED


class SignupForm(AllauthSignupForm):
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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].choices = [
            ("", "Choose your agency"),
            *((str(a.pk), a.name) for a in active_agencies()),
            (NOT_LISTED, "My agency is not listed"),
        ]
        email = self.fields["email"]
        email.label = "Work email address"
        email.help_text = "We will send a link to this address to confirm it is yours."
        email.error_messages["required"] = "Enter your email address"
        email.error_messages["invalid"] = (
            "Enter an email address in the correct format, like name@example.org"
        )
        self.fields["password1"].label = "Create a password"
        self.fields[
            "password1"
        ].help_text = "At least 10 characters. Avoid common words and your name."
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


class LoginForm(AllauthLoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["login"].label = "Email address"
        self.fields["login"].widget.attrs["spellcheck"] = "false"
        self.fields["login"].error_messages["required"] = "Enter your email address"
        self.fields["password"].error_messages["required"] = "Enter your password"
        self.fields["password"].help_text = ""


class ResetPasswordForm(AllauthResetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        email = self.fields["email"]
        email.label = "Email address"
        email.error_messages["required"] = "Enter your email address"
        email.error_messages["invalid"] = (
            "Enter an email address in the correct format, like name@example.org"
        )
