"""When is a module complete? A list of rules, every one of which must hold.

The courses app registers "every lesson is complete"; the quiz adds "the quiz is passed".
Each rule gets the enrolment and says whether it is satisfied, with a short reason shown to
the learner while it is not.
"""

from collections.abc import Callable
from dataclasses import dataclass

from .models import Enrolment


@dataclass(frozen=True)
class RuleResult:
    satisfied: bool
    reason: str = ""


CompletionRule = Callable[[Enrolment], RuleResult]
_rules: dict[str, CompletionRule] = {}


def register_rule(name: str):
    def decorator(rule: CompletionRule) -> CompletionRule:
        _rules[name] = rule
        return rule

    return decorator


def rules() -> dict[str, CompletionRule]:
    return dict(_rules)


def outstanding(enrolment: Enrolment) -> list[str]:
    """Reasons the module is not complete yet (empty when it is)."""
    return [result.reason for rule in _rules.values() if not (result := rule(enrolment)).satisfied]


@register_rule("all_lessons_complete")
def all_lessons_complete(enrolment: Enrolment) -> RuleResult:
    from .selectors import live_lessons

    lesson_ids = set(live_lessons(enrolment.module).values_list("pk", flat=True))
    done = set(enrolment.completions.values_list("lesson_id", flat=True))
    missing = len(lesson_ids - done)
    if missing:
        plural = "lesson" if missing == 1 else "lessons"
        return RuleResult(False, f"Complete {missing} more {plural}")
    return RuleResult(True)


@register_rule("quiz_passed")
def quiz_passed(enrolment: Enrolment) -> RuleResult:
    """Modules with a quiz are complete only once it is passed (in this round)."""
    from .selectors.quizzes import has_passed, quiz_for_module

    quiz = quiz_for_module(enrolment.module)
    if quiz is None or has_passed(enrolment.user, quiz):
        return RuleResult(True)
    return RuleResult(False, "Pass the end of module quiz")
