"""Forms for a venue's contact: inviting staff, the annual check and editing the listing."""

from django import forms

from .forms import (
    HoursForm,
    NoMaxlength,
    _SummaryField,
    accessibility_field,
    bank_holidays_field,
    clean_phone,
    description_field,
)
from .models import Weekday
from .selectors import ACCESSIBILITY_FIELDS

NEITHER_CHECKED = "Confirm the details are still right, or tell us what has changed"


class InviteStaffForm(NoMaxlength, forms.Form):
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


class AnnualCheckForm(NoMaxlength, forms.Form):
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


# --- Editing the public listing -------------------------------------------------------------


class ListingForm(NoMaxlength, forms.Form):
    """The public details a venue's contact may change; an officer reviews every change."""

    public_phone = forms.CharField(
        label="Public phone number (optional)",
        required=False,
        max_length=30,
        help_text="Shown to the public on your Safe Places listing",
        error_messages={"max_length": "Public phone number must be 30 characters or fewer"},
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    description = description_field(
        "Shown to the public. For example, where to go inside, or that you have a quiet room."
    )
    accessibility = accessibility_field()
    closed_on_bank_holidays = bank_holidays_field()

    def clean_public_phone(self):
        return clean_phone(self.cleaned_data["public_phone"])

    def clean_description(self):
        return (self.cleaned_data.get("description") or "").strip()

    def details(self) -> dict:
        data = self.cleaned_data
        details = {"public_phone": data["public_phone"], "description": data["description"]}
        for field in ACCESSIBILITY_FIELDS:
            details[field] = field in data["accessibility"]
        details["closed_on_bank_holidays"] = data["closed_on_bank_holidays"] == "yes"
        return details

    @staticmethod
    def initial_from(details: dict) -> dict:
        return {
            "public_phone": details["public_phone"],
            "description": details["description"],
            "accessibility": [f for f in ACCESSIBILITY_FIELDS if details.get(f)],
            "closed_on_bank_holidays": "yes" if details["closed_on_bank_holidays"] else "no",
        }


def _hours_initial(row: dict) -> dict:
    def text(value):
        if value is None:
            return ""
        return value.strftime("%H:%M") if hasattr(value, "strftime") else str(value)

    return {
        "closed": row["closed"],
        "all_day": row.get("all_day", False),
        "opens": text(row.get("opens")),
        "closes": text(row.get("closes")),
        "overnight": row.get("overnight", False),
    }


class ListingForms:
    """The listing form and the seven days' hours, with one error summary (as on the
    application form)."""

    NO_DAYS_OPEN = "Your venue must be open on at least one day. Enter its opening hours"

    def __init__(self, data=None, details=None, hours=None):
        self.main = ListingForm(
            data, initial=ListingForm.initial_from(details) if details else None
        )
        by_day = {row["weekday"]: row for row in hours or []}
        self.hours = [
            HoursForm(
                data,
                weekday=day,
                initial=_hours_initial(by_day[day]) if day in by_day else None,
            )
            for day in Weekday.values
        ]

    def is_valid(self) -> bool:
        main_valid = self.main.is_valid()
        results = [hours.is_valid() for hours in self.hours]
        hours_valid = all(results)
        if hours_valid and all(hours.cleaned_data["closed"] for hours in self.hours):
            self.hours[0].add_error("closed", self.NO_DAYS_OPEN)
            hours_valid = False
        return main_valid and hours_valid

    @property
    def is_bound(self) -> bool:
        return self.main.is_bound

    @property
    def errors(self) -> dict:
        errors = dict(self.main.errors)
        for hours in self.hours:
            errors.update({f"{hours.prefix}-{name}": e for name, e in hours.errors.items()})
        return errors

    def non_field_errors(self):
        return self.main.non_field_errors()

    def __iter__(self):
        yield from self.main
        for hours in self.hours:
            for field in hours:
                yield _SummaryField(field, hours.day, plain=[self.NO_DAYS_OPEN])

    def details(self) -> dict:
        return self.main.details()

    def hours_rows(self) -> list[dict]:
        return [hours.row() for hours in self.hours]
