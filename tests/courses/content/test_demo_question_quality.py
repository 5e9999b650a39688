"""The five demo modules pass the item-writing check (issue 13): no flag at all.

The same check as ``scripts/check_demo_questions.py``: every question, then each module's
quiz over its pool (outcomes from ``module.outcomes``, draws from ``module.quiz.draws``).
"""

import pytest
import yaml

from courses import demo_content
from courses.selectors.question_quality import check_demo


@pytest.mark.parametrize("name", demo_content.MODULE_FILES)
def test_demo_module_questions_have_no_flags(name):
    with (demo_content.HERE / f"{name}.yaml").open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    per_question, report = check_demo(data)
    problems = [
        f"{question.topics} {question.label!r}: {flag.code}: {flag.message}"
        for question, flags in per_question
        for flag in flags
    ] + [
        f"quiz: {flag.question.label + ': ' if flag.question else ''}{flag.code}: {flag.message}"
        for flag in report.flags
    ]
    assert problems == [], "\n".join(problems)
    assert (data["module"].get("quiz") or {}).get("draws"), "the quiz draws by lesson topic"
