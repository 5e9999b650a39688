import datetime

from django import forms

from .models import Mode, TrainingCourse

MONTHS_AHEAD = 12


def month_choices(today: datetime.date) -> list[tuple[str, str]]:
    """This month and the next eleven, as ("2026-03", "March 2026")."""
    choices = [("", "Any month")]
    year, month = today.year, today.month
    for _ in range(MONTHS_AHEAD):
        first = datetime.date(year, month, 1)
        choices.append((f"{first:%Y-%m}", f"{first:%B %Y}"))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return choices


class SessionFilterForm(forms.Form):
    """The filters of Upcoming training (a GET form: it works without JavaScript)."""

    module = forms.ChoiceField(
        label="Module",
        required=False,
        error_messages={"invalid_choice": "Select a module from the list"},
    )
    month = forms.ChoiceField(
        label="Month",
        required=False,
        error_messages={"invalid_choice": "Select a month from the list"},
    )
    mode = forms.ChoiceField(
        label="Online or in person",
        required=False,
        choices=[("", "Either"), *Mode.choices],
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Select online, in person or either"},
    )
    places = forms.BooleanField(label="Only sessions with places left", required=False)

    def __init__(self, *args, today: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        modules = {
            course.module_id: course.module.title
            for course in TrainingCourse.objects.filter(module__isnull=False)
            .select_related("module")
            .order_by("module__title")
        }
        self.fields["module"].choices = [("", "Any module")] + [
            (str(pk), title) for pk, title in modules.items()
        ]
        self.fields["month"].choices = month_choices(today)

    def filters(self) -> dict:
        """Keyword arguments for ``selectors.upcoming_sessions``."""
        data = self.cleaned_data
        month = None
        if data.get("month"):
            year, number = data["month"].split("-")
            month = datetime.date(int(year), int(number), 1)
        return {
            "module_id": int(data["module"]) if data.get("module") else None,
            "month": month,
            "mode": data.get("mode") or "",
            "places_only": bool(data.get("places")),
        }


class RefusalForm(forms.Form):
    """Carries a refusal to the page's error summary (``base.html`` shows ``form`` errors)."""

    @classmethod
    def with_message(cls, message: str) -> "RefusalForm":
        form = cls(data={})
        form.is_valid()
        form.add_error(None, message)
        return form


CONFIDENCE_CHOICES = [
    ("1", "1 – not at all confident"),
    ("2", "2"),
    ("3", "3"),
    ("4", "4"),
    ("5", "5 – very confident"),
]


class FeedbackForm(forms.Form):
    """The evaluation after a session: one free-text answer and two ratings from 1 to 5."""

    do_differently = forms.CharField(
        label="What will you do differently after this training?",
        help_text="For example, a question you will now ask, or a referral you will make. "
        "Do not include names or details of anyone you support.",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": "Enter what you will do differently after this training",
            "max_length": "What you will do differently must be 2,000 characters or fewer",
        },
    )
    confidence_before = forms.TypedChoiceField(
        label="Before the training, how confident were you in this subject?",
        choices=CONFIDENCE_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select how confident you were before the training",
            "invalid_choice": "Select how confident you were before the training, from 1 to 5",
        },
    )
    confidence_after = forms.TypedChoiceField(
        label="After the training, how confident are you?",
        choices=CONFIDENCE_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select how confident you are after the training",
            "invalid_choice": "Select how confident you are after the training, from 1 to 5",
        },
    )

    def clean_do_differently(self):
        text = self.cleaned_data["do_differently"].strip()
        if not text:
            raise forms.ValidationError("Enter what you will do differently after this training")
        return text


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("approve", "Approve"), ("decline", "Decline")],
        error_messages={
            "required": "Choose approve or decline",
            "invalid_choice": "Choose approve or decline",
        },
    )
