"""Walking a learner through a module, as the learning and quiz views do."""

from decimal import Decimal

from courses import services
from courses.factories import make_question, make_quiz
from courses.selectors import live_lessons


def right_answers(attempt) -> dict:
    return {
        str(index): [o["key"] for o in question["options"] if Decimal(o["fraction"]) > 0]
        for index, question in enumerate(attempt.questions)
    }


def quiz_for(module, questions: int = 2):
    return make_quiz(module, [make_question() for _ in range(questions)], pass_mark=50)


def complete_lessons(learner, module) -> None:
    for lesson in live_lessons(module):
        services.complete_lesson(learner, lesson)


def take_quiz(learner, quiz, *, right: bool):
    attempt = services.start_attempt(learner, quiz)
    attempt.answers = right_answers(attempt) if right else {}
    attempt.save(update_fields=["answers"])
    return services.submit_attempt(attempt, str(attempt.submit_token))
