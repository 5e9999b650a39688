"""Forms for a venue's contact: inviting staff and the annual check."""

from django import forms

NEITHER_CHECKED = "Confirm the details are still right, or tell us what has changed"


class InviteStaffForm(forms.Form):
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        help_text=(
            "We will email them a link to join your staff list and take the Safe Places "
            "training. The link works for 14 days."
        ),
        error_messages={
            "required": "Enter the email address of the person you want to invite",
            "invalid": "Enter an email address in the correct format, like name@example.com",
            "max_length": "Email address must be 254 characters or fewer",
        },
        widget=forms.EmailInput(
            attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "none"}
        ),
    )


class AnnualCheckForm(forms.Form):
    details_correct = forms.BooleanField(
        label=("The name, address, opening hours, phone and accessibility details are still right"),
        required=False,
    )
    changes = forms.CharField(
        label="What has changed?",
        required=False,
        max_length=2000,
        help_text=(
            "For example, new opening hours or a new phone number. A Safe Places officer "
            "will update your listing."
        ),
        error_messages={"max_length": "What has changed must be 2,000 characters or fewer"},
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    charter = forms.BooleanField(
        label="We still keep the Safe Places charter commitments",
        help_text=(
            "Welcome the person, call 999 in an emergency, let them wait until they are "
            "safe, and keep it confidential."
        ),
        error_messages={"required": "Confirm you still keep the Safe Places charter commitments"},
    )

    def clean(self):
        cleaned = super().clean()
        changes = (cleaned.get("changes") or "").strip()
        cleaned["changes"] = changes
        if not cleaned.get("details_correct") and not changes and "changes" not in self.errors:
            self.add_error("details_correct", NEITHER_CHECKED)
        return cleaned
