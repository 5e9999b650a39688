from decimal import Decimal

from wagtail.admin.forms import WagtailAdminModelForm

from .question_rules import structure_problems
from .quiz_formats.gift import moodle_fraction, nearest_moodle_fraction


def _live_rows(formset) -> list[dict]:
    return [
        form.cleaned_data
        for form in formset.forms
        if getattr(form, "cleaned_data", None) and not form.cleaned_data.get("DELETE")
    ]


class QuestionAdminForm(WagtailAdminModelForm):
    """Checks the options and pairs together with the type before a question is saved."""

    def clean(self):
        cleaned = super().clean()
        qtype = cleaned.get("type")
        if qtype and "options" in self.formsets and "pairs" in self.formsets:
            # The form is cleaned before its formsets: clean them first to read their rows.
            for formset in (self.formsets["options"], self.formsets["pairs"]):
                formset.is_valid()
            options = _live_rows(self.formsets["options"])
            pairs = _live_rows(self.formsets["pairs"])
            fractions = [Decimal(row.get("fraction") or 0) for row in options]
            prompts = sum(1 for row in pairs if (row.get("prompt") or "").strip())
            for problem in structure_problems(qtype, fractions, prompts):
                self.add_error(None, problem)
            for number, fraction in enumerate(fractions, 1):
                if moodle_fraction(fraction) is None:
                    self.add_error(
                        None,
                        f"Option {number} has the fraction {fraction.normalize()}, which "
                        "Moodle does not allow: use "
                        f"{nearest_moodle_fraction(fraction).normalize()} (fractions are 1, "
                        "0.9, 0.8333333, 0.8, 0.75, 0.7, 0.6666667, 0.6, 0.5, 0.4, 0.3333333, "
                        "0.3, 0.25, 0.2, 0.1666667, 0.1428571, 0.125, 0.1111111, 0.1, 0.05, 0, "
                        "or minus one of them).",
                    )
        return cleaned
