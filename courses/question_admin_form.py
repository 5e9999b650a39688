"""The question form in the admin: choices and pairs as before (admin_forms), plus the
accepted answers and units of short-answer and numerical questions, checked by the rules the
importers follow (courses.question_rules.answer_problems)."""

from decimal import Decimal

from .admin_forms import QuestionAdminForm, _live_rows
from .question_rules import answer_problems
from .quiz_formats import TYPED, ParsedAnswer, ParsedUnit


class QuestionWithAnswersAdminForm(QuestionAdminForm):
    def clean(self):
        cleaned = super().clean()
        qtype = cleaned.get("type")
        if not qtype or "answers" not in self.formsets or "units" not in self.formsets:
            return cleaned
        for formset in (self.formsets["answers"], self.formsets["units"]):
            formset.is_valid()
        answers = [
            ParsedAnswer(
                text=(row.get("answer") or "").strip(),
                fraction=Decimal(row.get("fraction") or 0),
                tolerance=row.get("tolerance"),
            )
            for row in _live_rows(self.formsets["answers"])
        ]
        units = [
            ParsedUnit((row.get("unit") or "").strip(), Decimal(row.get("multiplier") or 0))
            for row in _live_rows(self.formsets["units"])
        ]
        if qtype not in TYPED:
            if answers or units:
                self.add_error(
                    None,
                    "Only short-answer and numerical questions have accepted answers and units: "
                    "remove them, or change the type.",
                )
            return cleaned
        for problem in answer_problems(qtype, answers, units):
            self.add_error(None, problem)
        return cleaned
