"""Fail the quiz, see why and when to try again, then pass: keyboard only."""

import datetime
from decimal import Decimal

import pytest

from accounts.factories import UserFactory
from courses import services
from courses.models import Attempt, ModulePage
from courses.selectors import live_lessons

from .test_learning import sign_in

pytestmark = pytest.mark.e2e


def tab_to(page, locator, limit: int = 300):
    """Press Tab until the element has focus, as a keyboard user would."""
    handle = locator.element_handle()
    for _ in range(limit):
        if page.evaluate("(el) => document.activeElement === el", handle):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Could not reach {locator} with the Tab key")


def press_button(page, name: str):
    button = page.get_by_role("button", name=name, exact=True)
    tab_to(page, button)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def answer_with_keyboard(page, attempt, index: int, right: bool):
    question = attempt.questions[index]
    if question["type"] == "matching":
        for pair in question["pairs"]:
            select = page.locator(f"#q{index}-{pair['key']}")
            tab_to(page, select)
            wanted = pair["answer"] if right else ""
            for _ in range(len(question["choices"]) + 2):
                if select.input_value() == wanted:
                    break
                page.keyboard.press("ArrowDown")
            assert select.input_value() == wanted
        return
    options = question["options"]
    targets = [o["key"] for o in options if (Decimal(o["fraction"]) > 0) == right]
    if question["type"] == "multiple":
        for key in targets:
            tab_to(page, page.locator(f"#q{index}-{key}"))
            page.keyboard.press("Space")
        return
    # Radios: Tab into the group, then arrow keys move the selection.
    target = page.locator(f"#q{index}-{targets[0]}")
    tab_to(page, page.locator(f"#q{index}-{options[0]['key']}"))
    page.keyboard.press("Space")
    for _ in range(len(options)):
        if target.is_checked():
            break
        page.keyboard.press("ArrowDown")
    assert target.is_checked()


def take_attempt(page, right: bool):
    attempt = Attempt.objects.filter(status="in_progress").get()
    per_page = attempt.quiz.questions_per_page
    for index in range(len(attempt.questions)):
        answer_with_keyboard(page, attempt, index, right)
        last_on_page = index % per_page == per_page - 1 or index == len(attempt.questions) - 1
        if last_on_page:
            if index == len(attempt.questions) - 1:
                press_button(page, "Save and check your answers")
            else:
                press_button(page, "Save and continue")


def test_fail_then_pass_the_module_one_quiz_by_keyboard(page, axe):
    learner = UserFactory(email="quiz.taker@example.org")
    module = ModulePage.objects.get(slug="identifying-domestic-abuse")
    for lesson in live_lessons(module):
        services.complete_lesson(learner, lesson)
    sign_in(page, "quiz.taker@example.org")

    page.goto(module.url)
    quiz_link = page.get_by_role("link", name="Go to the quiz")
    tab_to(page, quiz_link)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    axe(page, "quiz overview")
    press_button(page, "Start the quiz")
    page.get_by_role("heading", name="Questions: page 1 of").wait_for()
    axe(page, "quiz page")

    take_attempt(page, right=False)
    page.get_by_role("heading", name="Check your answers before submitting").wait_for()
    press_button(page, "Submit answers")
    page.get_by_role("heading", name="You did not pass this time").wait_for()
    assert page.get_by_text("You can try again from").is_visible()
    assert page.get_by_role("heading", name="What to look at again").is_visible()
    axe(page, "result (not passed)")

    # Ten minutes pass.
    attempt = Attempt.objects.get(user=learner)
    Attempt.objects.filter(pk=attempt.pk).update(
        submitted_at=attempt.submitted_at - datetime.timedelta(minutes=11)
    )
    page.goto(f"/learning/quizzes/{attempt.quiz_id}/")
    press_button(page, "Start the quiz")
    take_attempt(page, right=True)
    press_button(page, "Submit answers")
    page.get_by_role("heading", name="You passed").wait_for()
    axe(page, "result (passed)")

    page.goto(module.url)
    page.get_by_role("heading", name="Completed").wait_for()


def test_error_states_of_quiz_forms_are_accessible(page, axe):
    UserFactory(email="confident@example.org")
    sign_in(page, "confident@example.org")
    module = ModulePage.objects.get(slug="identifying-domestic-abuse")
    page.goto(f"/learning/quizzes/{module.quiz.pk}/confidence/before/")
    press_button(page, "Save")
    page.get_by_text("There is a problem").wait_for()
    axe(page, "confidence form with errors")
