"""The public Safe Places application form.

``ApplicationForm`` holds the venue's details, ``HoursForm`` one weekday's opening hours
(seven of them, prefixed ``hours-0`` to ``hours-6``). ``ApplicationForms`` puts them
together so the page has one error summary that links to every wrong field, hours included,
in the order they appear on the page.
"""

import datetime
import re
import uuid

from django import forms

from .geocoding import normalise_postcode
from .models import ACCESSIBILITY_FEATURES, VenueType, Weekday
from .selectors import ACCESSIBILITY_FIELDS

ACCESSIBILITY_CHOICES = list(ACCESSIBILITY_FEATURES)

YES_NO = [("yes", "Yes"), ("no", "No")]

# Digits, spaces, brackets, dashes and a leading +: what people write phone numbers with.
PHONE_CHARACTERS = re.compile(r"^\+?[0-9 ()\-]+$")
PHONE_ERROR = "Enter a UK phone number, like 023 8083 3000 or 07700 900 982"

CHARTER = [
    "welcome anyone who asks for help and treat them with respect",
    "call 999 straight away in an emergency",
    "let the person wait in a safe place until they are safe to leave",
    "keep what happened confidential",
]


class NoMaxlength:
    """Leaves ``maxlength`` off every input: browsers cut pasted text at it without a word.
    A limit is still checked when the form is sent, with a message, and the text is shown
    back in full (the character count component shows the limit as people type)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.pop("maxlength", None)


def _text(label, *, required=True, max_length=150, help_text="", error="", **attrs):
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        help_text=help_text,
        error_messages={
            "required": error,
            "max_length": f"{label.removesuffix(' (optional)')} must be {max_length} "
            "characters or fewer",
        },
        widget=forms.TextInput(attrs=attrs),
    )


def _confirmation(label, error):
    return forms.BooleanField(label=label, required=True, error_messages={"required": error})


def clean_phone(value: str) -> str:
    value = " ".join((value or "").split())
    if not value:
        return value
    digits = re.sub(r"\D", "", value)
    if not PHONE_CHARACTERS.match(value):
        raise forms.ValidationError(PHONE_ERROR)
    if value.startswith("+"):
        national = digits.removeprefix("44").removeprefix("0")  # +44 (0)23 …
        ok = digits.startswith("44") and len(national) in (9, 10)
    else:
        ok = digits.startswith("0") and len(digits) in (10, 11)
    if not ok:
        raise forms.ValidationError(PHONE_ERROR)
    return value


# The public listing fields, asked in the application and again when a contact edits the
# listing (manage_forms.ListingForm).


def description_field(
    help_text="Shown to the public on your Safe Places listing. For example, where to go "
    "inside, or that you have a quiet room.",
):
    return forms.CharField(
        label="About your venue (optional)",
        required=False,
        max_length=500,
        help_text=help_text,
        error_messages={"max_length": "About your venue must be 500 characters or fewer"},
        widget=forms.Textarea(attrs={"rows": 4}),
    )


def accessibility_field():
    return forms.MultipleChoiceField(
        label="Which of these does your venue have?",
        choices=ACCESSIBILITY_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply",
        error_messages={"invalid_choice": "Select from the list"},
    )


def bank_holidays_field():
    return forms.ChoiceField(
        label="Are you closed on bank holidays?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        help_text="Bank holidays in England. We will not list you as open on those days.",
        error_messages={
            "required": "Select yes if you are closed on bank holidays",
            "invalid_choice": "Select yes if you are closed on bank holidays",
        },
    )


class ApplicationForm(NoMaxlength, forms.Form):
    name = _text(
        "Organisation name",
        help_text="The name people will see on the street, for example on your shop sign",
        error="Enter the name of your organisation",
        autocomplete="organization",
    )
    venue_type = forms.ChoiceField(
        label="What type of venue is it?",
        choices=VenueType.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select the type of venue",
            "invalid_choice": "Select the type of venue",
        },
    )
    address_line_1 = _text(
        "Address line 1",
        error="Enter the first line of the venue’s address",
        autocomplete="address-line1",
    )
    address_line_2 = _text(
        "Address line 2 (optional)", required=False, autocomplete="address-line2"
    )
    town = _text(
        "Town or city",
        max_length=80,
        error="Enter the town or city",
        autocomplete="address-level2",
    )
    postcode = _text(
        "Postcode",
        max_length=10,
        error="Enter the venue’s postcode",
        autocomplete="postal-code",
        spellcheck="false",
        **{"class": "govuk-input--width-10"},
    )
    public_phone = _text(
        "Public phone number (optional)",
        required=False,
        max_length=30,
        help_text="Shown to the public on your Safe Places listing",
        type="tel",
        autocomplete="tel",
    )
    description = description_field()
    accessibility = accessibility_field()
    closed_on_bank_holidays = bank_holidays_field()
    lead_name = _text(
        "Full name of your Safe Places lead",
        help_text="The person who makes sure your staff are trained. Never shown to the public.",
        error="Enter the full name of your Safe Places lead",
        autocomplete="name",
        spellcheck="false",
    )
    contact_email = forms.EmailField(
        label="Contact email address",
        max_length=254,
        help_text=(
            "We send a link here to set up your account and manage your listing. "
            "Never shown to the public."
        ),
        error_messages={
            "required": "Enter a contact email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    contact_phone = _text(
        "Contact phone number",
        max_length=30,
        help_text="For the Safe Places team to call you. Never shown to the public.",
        error="Enter a contact phone number",
        type="tel",
        autocomplete="tel",
    )
    staff_count = forms.IntegerField(
        label="How many staff work at the venue?",
        help_text="Include part-time staff and volunteers",
        min_value=1,
        max_value=10000,
        error_messages={
            "required": "Enter the number of staff",
            "invalid": "Enter the number of staff as a whole number, like 12",
            "min_value": "The number of staff must be 1 or more",
            "max_value": "The number of staff must be 10,000 or fewer",
        },
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "class": "govuk-input--width-5", "spellcheck": "false"}
        ),
    )
    confirm_public = _confirmation(
        "The venue is open to the public",
        "Confirm that the venue is open to the public",
    )
    confirm_insurance = _confirmation(
        "We have public liability insurance and it is in date",
        "Confirm that your public liability insurance is in date",
    )
    confirm_quiet_place = _confirmation(
        "We have a quiet place where someone can wait",
        "Confirm that you have a quiet place where someone can wait",
    )
    confirm_charter = _confirmation(
        "We will keep the Safe Places charter commitments listed above",
        "Confirm that you will keep the Safe Places charter commitments",
    )
    # Spam trap: hidden from people (and from screen readers); bots fill it in.
    website = forms.CharField(
        label="Leave this empty",
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    # Made when the form is shown: submitting it twice makes one application.
    submission_id = forms.CharField(required=False, widget=forms.HiddenInput)

    CONFIRMATIONS = (
        "confirm_public",
        "confirm_insurance",
        "confirm_quiet_place",
        "confirm_charter",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("submission_id", str(uuid.uuid4()))

    @property
    def is_spam(self) -> bool:
        return bool(self.is_bound and (self.data.get("website") or "").strip())

    def clean_postcode(self):
        postcode = normalise_postcode(self.cleaned_data["postcode"])
        if postcode is None:
            raise forms.ValidationError("Enter a real postcode, like SO14 7LY")
        return postcode

    def clean_public_phone(self):
        return clean_phone(self.cleaned_data["public_phone"])

    def clean_contact_phone(self):
        return clean_phone(self.cleaned_data["contact_phone"])

    def clean_submission_id(self):
        try:
            return uuid.UUID(self.cleaned_data.get("submission_id") or "")
        except ValueError:
            # Missing or altered: still accept the application, without double-submit cover.
            return uuid.uuid4()

    def details(self) -> dict:
        """The Venue fields, for ``services.submit_application``."""
        data = self.cleaned_data
        details = {
            field: data[field]
            for field in (
                "name",
                "venue_type",
                "address_line_1",
                "address_line_2",
                "town",
                "postcode",
                "public_phone",
                "description",
                "lead_name",
                "contact_email",
                "contact_phone",
                "staff_count",
            )
        }
        for field in ACCESSIBILITY_FIELDS:
            details[field] = field in data["accessibility"]
        details["closed_on_bank_holidays"] = data["closed_on_bank_holidays"] == "yes"
        return details


# --- Opening hours --------------------------------------------------------------------------

TIME_RE = re.compile(r"^(?P<hour>\d{1,2})(?:[:.](?P<minute>\d{2}))?\s*(?P<half>am|pm)?$")
TIME_WORDS = {"midday": datetime.time(12), "noon": datetime.time(12), "midnight": datetime.time(0)}


def parse_time(value: str) -> datetime.time | None:
    """'9:00', '17:30', '0930', '9am', '5.30pm', 'midday' -> a time; None when unreadable."""
    text = " ".join((value or "").lower().replace("a.m.", "am").replace("p.m.", "pm").split())
    if text in TIME_WORDS:
        return TIME_WORDS[text]
    compact = re.fullmatch(r"(\d{2})(\d{2})", text)  # 24-hour without a colon: 0930, 1730
    if compact:
        text = f"{compact[1]}:{compact[2]}"
    match = TIME_RE.match(text)
    if not match:
        return None
    hour, minute = int(match["hour"]), int(match["minute"] or 0)
    if match["half"]:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if match["half"] == "pm" else 0)
    elif match["minute"] is None:
        return None  # "9" alone: morning or evening?
    if hour == 24 and minute == 0:
        hour = 0
    if hour > 23 or minute > 59:
        return None
    return datetime.time(hour, minute)


def _time_input():
    return forms.TextInput(
        attrs={
            "class": "govuk-input--width-5",
            "autocomplete": "off",
            "spellcheck": "false",
        }
    )


class HoursForm(NoMaxlength, forms.Form):
    """One weekday's opening hours."""

    closed = forms.BooleanField(label="Closed all day", required=False)
    all_day = forms.BooleanField(label="Open 24 hours", required=False)
    opens = forms.CharField(
        label="Opening time", required=False, max_length=12, widget=_time_input()
    )
    closes = forms.CharField(
        label="Closing time", required=False, max_length=12, widget=_time_input()
    )
    overnight = forms.BooleanField(label="Closes after midnight (overnight)", required=False)

    def __init__(self, *args, weekday: int, **kwargs):
        super().__init__(*args, prefix=f"hours-{weekday}", **kwargs)
        self.weekday = weekday
        self.day = Weekday(weekday).label

    def clean(self):
        data = super().clean()
        if data.get("closed") and data.get("all_day"):
            self.add_error(
                "all_day",
                f"{self.day} cannot be both closed all day and open 24 hours. Untick one of them",
            )
            return data
        if data.get("closed") or data.get("all_day"):
            # Any times typed are not needed: they stay in the form if it is shown again.
            data.update(opens=None, closes=None, overnight=False)
            return data
        for field, what in (("opens", "opening"), ("closes", "closing")):
            text = (data.get(field) or "").strip()
            if self.has_error(field):
                continue
            if not text:
                self.add_error(
                    field,
                    f"Enter {self.day}’s {what} time, or tick ‘Closed all day’ or ‘Open 24 hours’",
                )
                continue
            parsed = parse_time(text)
            if parsed is None:
                self.add_error(
                    field, f"Enter {self.day}’s {what} time as a time, like 9am or 17:30"
                )
            else:
                data[field] = parsed
        if self.errors:
            return data
        opens, closes, overnight = data["opens"], data["closes"], data.get("overnight", False)
        if not overnight and closes <= opens:
            self.add_error(
                "closes",
                "Closing time must be after opening time. If you close after midnight, "
                "tick ‘Closes after midnight’",
            )
        elif overnight and closes > opens:
            self.add_error(
                "overnight",
                "You ticked ‘Closes after midnight’ but the closing time is later the same "
                "day. Untick it, or check the times",
            )
        return data

    def row(self) -> dict:
        data = self.cleaned_data
        closed = bool(data.get("closed"))
        all_day = bool(data.get("all_day")) and not closed
        timed = not (closed or all_day)
        return {
            "weekday": self.weekday,
            "closed": closed,
            "all_day": all_day,
            "opens": data["opens"] if timed else None,
            "closes": data["closes"] if timed else None,
            "overnight": bool(data.get("overnight")) if timed else False,
        }


# --- All together ---------------------------------------------------------------------------


class _SummaryField:
    """A bound field as the error summary sees it: its errors say which day they are about."""

    def __init__(self, field, day, plain=()):
        self.field = field.field
        self.auto_id = field.auto_id
        self.errors = [
            error if day in error or error in plain else f"{day}: {error}" for error in field.errors
        ]


class ApplicationForms:
    """The application form and the seven days' hours, validated and summarised together.

    Passed to templates as ``form``: ``base.html`` titles the page "Error: …" and shows an
    error summary linking to every field with an error, in page order.
    """

    HOURS_AFTER = "postcode"  # where the opening hours section sits on the page
    NO_DAYS_OPEN = "Your venue must be open on at least one day. Enter its opening hours"

    def __init__(self, data=None):
        self.main = ApplicationForm(data)
        self.hours = [HoursForm(data, weekday=day) for day in Weekday.values]

    def is_valid(self) -> bool:
        main_valid = self.main.is_valid()
        results = [hours.is_valid() for hours in self.hours]  # validate every day
        hours_valid = all(results)
        if hours_valid and all(hours.cleaned_data["closed"] for hours in self.hours):
            self.hours[0].add_error("closed", self.NO_DAYS_OPEN)
            hours_valid = False
        return main_valid and hours_valid

    @property
    def is_bound(self) -> bool:
        return self.main.is_bound

    @property
    def is_spam(self) -> bool:
        return self.main.is_spam

    @property
    def errors(self) -> dict:
        errors = dict(self.main.errors)
        for hours in self.hours:
            errors.update({f"{hours.prefix}-{name}": e for name, e in hours.errors.items()})
        return errors

    def non_field_errors(self):
        return self.main.non_field_errors()

    def __iter__(self):
        for field in self.main:
            yield field
            if field.name == self.HOURS_AFTER:
                for hours in self.hours:
                    for hours_field in hours:
                        yield _SummaryField(hours_field, hours.day, plain=[self.NO_DAYS_OPEN])

    def details(self) -> dict:
        return self.main.details()

    def hours_rows(self) -> list[dict]:
        return [hours.row() for hours in self.hours]

    @property
    def submission_id(self) -> uuid.UUID:
        return self.main.cleaned_data["submission_id"]
