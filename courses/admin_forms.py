from decimal import Decimal

from wagtail.admin.forms import WagtailAdminModelForm

from .question_rules import structure_problems


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
            for problem in structure_problems(qtype, fractions, len(pairs)):
                self.add_error(None, problem)
        return cleaned
