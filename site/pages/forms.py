"""The Contact page's contact and feedback form."""

from django import forms
from django.core.validators import MaxLengthValidator

from .models import ContactMessage

MESSAGE_MAX = 2000


class ContactForm(forms.Form):
    topic = forms.ChoiceField(
        label="What is it about?",
        choices=ContactMessage.Topic.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what your message is about"},
    )
    # No max_length: it would put maxlength on the textarea and cut pasted text silently.
    # The GOV.UK character count shows the limit instead, and the validator enforces it.
    message = forms.CharField(
        label="Your message",
        help_text="Do not include personal details about anyone else. We cannot respond to "
        "emergencies.",
        widget=forms.Textarea(attrs={"rows": 8}),
        validators=[
            MaxLengthValidator(
                MESSAGE_MAX, message=f"Your message must be {MESSAGE_MAX:,} characters or fewer"
            )
        ],
        error_messages={"required": "Enter your message"},
    )
    reply_email = forms.EmailField(
        label="Email address (optional)",
        required=False,
        help_text="If you would like a reply. Leave it empty if someone else may read your email.",
        error_messages={
            "invalid": "Enter an email address in the correct format, like name@example.com"
        },
    )
    # Spam trap, as on the Safe Places application: hidden from people and screen readers.
    website = forms.CharField(
        label="Leave this empty",
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    @property
    def is_spam(self) -> bool:
        return bool(self.is_bound and (self.data.get("website") or "").strip())
