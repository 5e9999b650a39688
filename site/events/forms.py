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
