"""The item-writing check (issue 13): each rule at its boundary, then where editors see it."""

import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from django.urls import reverse
from wagtail.test.utils.form_data import rich_text

from accounts.roles import Role
from courses.factories import make_question, make_quiz, module_with_lessons
from courses.models import Question
from courses.selectors.question_quality import (
    DrawSlot,
    QuestionData,
    check_demo,
    check_question,
    check_quiz,
    plain_text,
)
from tests.courses.test_moderation import admin_form
from tests.helpers import sign_in

ROOT = Path(__file__).resolve().parents[2]
RIGHT, WRONG = Decimal(1), Decimal(0)


def single(right: str, *wrong: str, stem: str = "<p>Which is right?</p>", **kwargs):
    options = [(right, RIGHT), *[(text, WRONG) for text in wrong]]
    return QuestionData(type="single", stem=stem, options=options, **kwargs)


def codes(question: QuestionData) -> list[str]:
    return [flag.code for flag in check_question(question)]


# ---- plain text ---------------------------------------------------------------------------


def test_plain_text_strips_tags_unescapes_entities_and_collapses_whitespace():
    assert plain_text("<p>Safety &amp;  <b>do\n no</b>   harm</p>") == "Safety & do no harm"


# ---- 1. longest_right ---------------------------------------------------------------------


def test_right_option_as_long_as_the_longest_wrong_one_is_not_flagged():
    assert "longest_right" not in codes(single("abcde", "vwxyz", "ab"))


def test_right_option_one_character_longer_than_every_wrong_one_is_flagged():
    flags = check_question(single("abcdef", "vwxyz", "ab"))
    assert [f.code for f in flags] == ["longest_right"]
    assert "longest" in flags[0].message and "wrong options" in flags[0].message


def test_longest_right_compares_plain_text_not_html():
    # The markup makes the right option's HTML longer, but its words are the same length.
    assert "longest_right" not in codes(single("<b>abcde</b>", "vwxyz", "ab"))


def test_multiple_response_is_flagged_only_when_every_right_option_is_longest():
    every = QuestionData(
        "multiple",
        "<p>Which?</p>",
        [("abcdef", Decimal("0.5")), ("abcdefg", Decimal("0.5")), ("abcde", WRONG), ("a", WRONG)],
    )
    assert "longest_right" in codes(every)
    one_short = QuestionData(
        "multiple",
        "<p>Which?</p>",
        [("abcdef", Decimal("0.5")), ("abcde", Decimal("0.5")), ("abcde", WRONG), ("a", WRONG)],
    )
    assert "longest_right" not in codes(one_short)


def test_true_false_and_matching_are_exempt_from_longest_right_and_few_distractors():
    true_false = QuestionData("true_false", "<p>Is it?</p>", [("False", RIGHT), ("True", WRONG)])
    assert codes(true_false) == []
    matching = QuestionData("matching", "<p>Match.</p>", pairs=[("a", "b"), ("c", "d")])
    assert codes(matching) == []


# ---- 2. few_distractors -------------------------------------------------------------------


def test_two_wrong_options_are_enough():
    assert "few_distractors" not in codes(single("Yes", "Not that", "Nor that"))


def test_one_wrong_option_is_flagged():
    assert codes(single("Yes", "Not that")) == ["few_distractors"]


def test_negative_fractions_count_as_wrong_options():
    question = QuestionData(
        "multiple",
        "<p>Which?</p>",
        [("Aa", Decimal("0.5")), ("Bb", Decimal("0.5")), ("Cc", Decimal("-0.5"))],
    )
    assert "few_distractors" in codes(question)
    question.options.append(("Dd", Decimal("-0.5")))
    assert "few_distractors" not in codes(question)


# ---- 3. all_none_above --------------------------------------------------------------------


@pytest.mark.parametrize(
    "option", ["All of the above", "none of these", "Both of them", "NEITHER OF THE ABOVE"]
)
def test_options_pointing_at_the_other_options_are_flagged(option):
    assert "all_none_above" in codes(single("Right one", "Wrong one", option))


@pytest.mark.parametrize("option", ["All of the staff", "None of the abuse was reported"])
def test_ordinary_options_with_all_or_none_are_not_flagged(option):
    assert "all_none_above" not in codes(single("Right one", "Wrong one", option))


# ---- 4. negative_stem ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "stem",
    [
        "<p>Which of these is not a form of abuse?</p>",
        "<p>All are signs EXCEPT which one? Hmm, which is least likely?</p>",
        "<p>When should you never ask?</p>",
        "<p>Which person cannot refer?</p>",
        "<p>Which service doesn't take referrals?</p>",
        "<p>Which service doesn’t take referrals?</p>",
    ],
)
def test_a_negative_question_sentence_is_flagged(stem):
    assert "negative_stem" in codes(single("Aa", "Bb", "Cc", stem=stem))


@pytest.mark.parametrize(
    "stem",
    [
        "<p>Which of these is <strong>not</strong> a form of abuse?</p>",
        "<p>Which of these is <b>not</b> a form of abuse?</p>",
        "<p>Which of these is <em>not</em> a form of abuse?</p>",
        "<p>Which of these is NOT a form of abuse?</p>",
        "<p>Which service DOESN'T take referrals?</p>",
        # Only the question sentence counts: here the negative is in the scenario before it.
        "<p>Sam did not call. Who should call now?</p>",
        "<p>Nothing is knotted or cannoted here: which is right?</p>",
    ],
)
def test_an_emphasised_capitalised_or_positive_question_sentence_is_not_flagged(stem):
    assert "negative_stem" not in codes(single("Aa", "Bb", "Cc", stem=stem))


def test_without_a_question_mark_the_last_sentence_is_the_question():
    assert "negative_stem" in codes(
        single("Aa", "Bb", "Cc", stem="<p>Read this. Choose the one that is not abuse.</p>")
    )
    assert "negative_stem" not in codes(
        single("Aa", "Bb", "Cc", stem="<p>This is not a trick. Choose the abuse.</p>")
    )


# ---- 5. duplicate_options -----------------------------------------------------------------


def test_options_that_differ_only_in_case_spaces_and_final_punctuation_are_duplicates():
    assert "duplicate_options" in codes(single("Call 999", "call  999.", "Call 101"))


def test_options_that_differ_in_a_word_are_not_duplicates():
    assert "duplicate_options" not in codes(single("Call 999", "Call 101", "Call 111"))


def test_duplicate_matching_prompts_or_answers_are_flagged():
    prompts = QuestionData("matching", "<p>Match.</p>", pairs=[("999", "a"), ("999 ", "b")])
    answers = QuestionData("matching", "<p>Match.</p>", pairs=[("999", "Help"), ("101", "help!")])
    fine = QuestionData("matching", "<p>Match.</p>", pairs=[("999", "Help"), ("101", "Advice")])
    assert codes(prompts) == ["duplicate_options"]
    assert codes(answers) == ["duplicate_options"]
    assert codes(fine) == []


# ---- quiz level ---------------------------------------------------------------------------

OUTCOMES = ["Spot the signs", "Respond safely"]


def pool(outcome: int | None, count: int, scenario: bool = True, topic: str = "signs"):
    return [
        single(
            f"Right {n}",
            f"Wrong {n}",
            f"Other {n}",
            outcome=outcome,
            scenario=scenario,
            topics=[topic],
        )
        for n in range(count)
    ]


def quiz_codes(report) -> list[str]:
    return [flag.code for flag in report.flags]


def test_a_quiz_covering_every_outcome_with_three_scenarios_has_no_quiz_flags():
    report = check_quiz(OUTCOMES, [*pool(1, 3), *pool(2, 3)], [], [])
    assert report.flags == []


def test_an_outcome_with_no_question_is_flagged():
    report = check_quiz(OUTCOMES, pool(1, 3), [], [])
    missing = [f for f in report.flags if f.code == "outcome_without_question"]
    assert len(missing) == 1
    assert "outcome 2" in missing[0].message and "Respond safely" in missing[0].message


def test_two_scenario_questions_for_an_outcome_are_too_few_and_recall_ones_do_not_count():
    report = check_quiz(OUTCOMES, [*pool(1, 3), *pool(2, 2), *pool(2, 5, scenario=False)], [], [])
    assert quiz_codes(report) == ["outcome_few_scenarios"]
    assert "outcome 2" in report.flags[0].message


def test_questions_with_no_outcome_or_one_the_module_does_not_have_are_flagged():
    stray = [*pool(None, 1), *pool(3, 1)]
    report = check_quiz(OUTCOMES, [*pool(1, 3), *pool(2, 3), *stray], [], [])
    flagged = [f for f in report.flags if f.code == "no_outcome"]
    assert [f.question for f in flagged] == stray
    assert "only 2" in flagged[1].message


def test_a_topic_with_twice_the_draw_count_is_enough():
    live = pool(1, 6)
    report = check_quiz(["Spot the signs"], [], [DrawSlot("signs", 3)], live)
    assert report.flags == []
    assert report.pool_size == 6


def test_a_topic_one_short_of_twice_the_draw_count_would_repeat_questions_on_a_resit():
    report = check_quiz(["Spot the signs"], [], [DrawSlot("signs", 3)], pool(1, 5))
    assert quiz_codes(report) == ["topic_too_small"]
    assert "a resit would repeat questions" in report.flags[0].message
    assert "cannot be filled" not in report.flags[0].message


def test_a_topic_with_fewer_questions_than_the_draw_count_cannot_be_filled():
    report = check_quiz(["Spot the signs"], [], [DrawSlot("signs", 3)], pool(1, 2))
    too_small = [f for f in report.flags if f.code == "topic_too_small"]
    assert len(too_small) == 1
    assert "cannot be filled" in too_small[0].message


def test_the_pool_is_fixed_questions_plus_questions_tagged_with_a_drawn_topic():
    other_topic = pool(2, 3, topic="respond")
    report = check_quiz(OUTCOMES, pool(2, 3), [DrawSlot("signs", 1)], pool(1, 3) + other_topic)
    assert report.pool_size == 6
    assert report.flags == []  # outcome 1 comes from the draw, 2 from the fixed slots


def test_the_longest_right_share_counts_single_and_multiple_questions_in_the_pool():
    long_right = single("The long right answer", "Short", "Brief", outcome=1)
    fair = pool(1, 3)
    true_false = QuestionData("true_false", "<p>?</p>", [("True", RIGHT), ("False", WRONG)])
    report = check_quiz(["Spot the signs"], [long_right, *fair, true_false], [], [])
    assert report.longest_right_summary == (
        "Right answer is the longest option in 1 of 4 questions (25 %)"
    )
    assert [q for q, _ in report.question_flags] == [long_right]


# ---- YAML demo files ----------------------------------------------------------------------


def demo_file(draws=None) -> dict:
    module = {"slug": "m", "outcomes": ["Spot the signs"]}
    if draws is not None:
        module["quiz"] = {"draws": draws}
    question = {
        "type": "single",
        "topic": "signs",
        "outcome": 1,
        "scenario": True,
        "stem": "<p>Which is right?</p>",
        "options": [
            {"text": "Yes", "correct": True},
            {"text": "Nope", "correct": False},
            {"text": "Nah", "correct": False},
        ],
    }
    return {"module": module, "questions": [question] * 3}


def test_demo_files_draw_from_module_quiz_draws():
    assert check_demo(demo_file())[1].flags == []
    _, report = check_demo(demo_file(draws={"signs": 2}))
    assert quiz_codes(report) == ["topic_too_small"]


def test_the_check_script_needs_no_database_and_exits_1_on_a_flag(tmp_path):
    good = tmp_path / "good.yaml"
    good.write_text(yaml.safe_dump(demo_file()), encoding="utf-8")
    bad_data = demo_file()
    bad_data["questions"][0] = {**bad_data["questions"][0], "stem": "<p>Which is not right?</p>"}
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump(bad_data), encoding="utf-8")
    script = str(ROOT / "scripts" / "check_demo_questions.py")
    env = {"PATH": "/usr/bin:/bin"}  # no DJANGO_SETTINGS_MODULE: it must not need Django

    ok = subprocess.run(
        [sys.executable, script, str(good)], capture_output=True, text=True, env=env
    )
    assert ok.returncode == 0, ok.stdout + ok.stderr
    failed = subprocess.run(
        [sys.executable, script, str(bad)], capture_output=True, text=True, env=env
    )
    assert failed.returncode == 1, failed.stderr
    assert "negative_stem" in failed.stdout
    assert "[signs] 'Which is not right?'" in failed.stdout


# ---- in the admin -------------------------------------------------------------------------


QUESTION = "wagtailsnippets_courses_question"


def new_question_form(client, stem: str) -> dict:
    """The add form as an editor fills it in: a single choice question with 3 options."""
    data = admin_form(client, reverse(f"{QUESTION}:add")).dict()
    data |= {
        "name": "Asking safely",
        "type": "single",
        "outcome": "1",
        "stem": rich_text(stem),
        "tags": "asking",
        "options-TOTAL_FORMS": "3",
    }
    for n, (text, fraction) in enumerate(
        [("Ask alone", 1), ("Ask with the partner", 0), ("Ask in the waiting room", 0)]
    ):
        data |= {
            f"options-{n}-text": rich_text(f"<p>{text}</p>"),
            f"options-{n}-fraction": str(fraction),
            f"options-{n}-feedback": rich_text(""),
            f"options-{n}-ORDER": str(n + 1),
            f"options-{n}-id": "",
        }
    return data


@pytest.mark.django_db
def test_saving_a_flagged_question_warns_but_saves(client, user_with_role):
    sign_in(client, user_with_role(Role.EDITOR))
    data = new_question_form(client, "<p>Where is it not safe to ask?</p>")
    response = client.post(reverse(f"{QUESTION}:add"), data, follow=True)
    assert response.status_code == 200
    question = Question.objects.get()
    assert question.outcome == 1 and question.scenario is False
    html = response.content.decode()
    assert "Check this question:" in html
    assert "asks in the negative" in html


@pytest.mark.django_db
def test_saving_a_question_with_no_flags_shows_no_warning(client, user_with_role):
    sign_in(client, user_with_role(Role.EDITOR))
    data = new_question_form(client, "<p>Where is it safe to ask?</p>")
    response = client.post(reverse(f"{QUESTION}:add"), data, follow=True)
    assert Question.objects.count() == 1
    assert "Check this question:" not in response.content.decode()


@pytest.mark.django_db
def test_editing_a_question_into_a_flagged_one_warns(client, user_with_role):
    question = make_question(topic="asking")
    sign_in(client, user_with_role(Role.MODERATOR))
    url = reverse(f"{QUESTION}:edit", args=[question.pk])
    data = admin_form(client, url).dict()
    wrong = [o.text for o in question.options.all()].index("Another wrong answer")
    data[f"options-{wrong}-text"] = rich_text("<p>All of the above</p>")
    response = client.post(url, data, follow=True)
    html = response.content.decode()
    assert "Check this question:" in html
    assert "points at the other options" in html
    # Saved all the same, as a draft for a moderator.
    assert "All of the above" in str(Question.objects.get().latest_revision.content)


@pytest.mark.django_db
def test_the_report_lists_flagged_questions_and_missing_outcomes(client, user_with_role, catalogue):
    module = module_with_lessons(
        catalogue,
        title="Spotting abuse",
        learning_outcomes=[("outcome", "Spot the signs"), ("outcome", "Respond safely")],
    )
    negative = make_question(stem="<p>Which is not a sign?</p>", name="Negative one")
    Question.objects.filter(pk=negative.pk).update(outcome=1)
    make_quiz(module, [negative])
    loose = make_question(name="In no quiz", stem="<p>Which is never right?</p>")
    sign_in(client, user_with_role(Role.EDITOR))

    response = client.get(reverse("courses_question_quality"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Spotting abuse" in html
    assert "Learning outcome 2 (“Respond safely”) has no question" in html
    assert "Negative one" in html
    assert reverse("wagtailsnippets_courses_question:edit", args=[negative.pk]) in html
    assert "Right answer is the longest option in 0 of 1 question (0 %)" in html
    assert "Questions in no quiz" in html
    assert reverse("wagtailsnippets_courses_question:edit", args=[loose.pk]) in html


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.LEARNER, Role.AGENCY_LEAD])
def test_the_report_is_refused_to_people_who_cannot_change_questions(client, user_with_role, role):
    sign_in(client, user_with_role(role))
    assert client.get(reverse("courses_question_quality")).status_code == 403


# ---- load_demo ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_load_demo_builds_random_draws_by_lesson_topic_and_keeps_outcomes(demo_site):
    from courses import demo_content
    from courses.models import Quiz
    from courses.services.quizzes import build_snapshot

    for name in demo_content.MODULE_FILES:
        data = demo_content.module(name)
        quiz = Quiz.objects.get(module__slug=data["slug"])
        slots = list(quiz.slots.all())
        draws = (data.get("quiz") or {}).get("draws")
        if draws:
            assert {s.topic: s.count for s in slots} == draws
            assert all(s.question_id is None for s in slots)
            snapshot = build_snapshot(quiz)
            assert len(snapshot["questions"]) == sum(draws.values())
            assert all(set(q["topics"]) & draws.keys() for q in snapshot["questions"])
        else:
            assert len(slots) == len(demo_content.questions(name))
            assert all(s.question_id for s in slots)
        # Every seed question keeps its learning outcome and whether it is a scenario.
        saved = Question.objects.filter(category__name=data["title"])
        assert sorted((q.outcome or 0, q.scenario) for q in saved) == sorted(
            (seed.get("outcome") or 0, bool(seed.get("scenario")))
            for seed in demo_content.questions(name)
        )


def test_a_module_with_no_quiz_key_gets_every_question_in_fixed_slots():
    from courses.demo import quiz_slots

    questions = [Question(pk=1), Question(pk=2)]
    slots = quiz_slots({"slug": "m"}, questions)
    assert [s.question for s in slots] == questions
    drawn = quiz_slots({"slug": "m", "quiz": {"draws": {"a": 2, "b": 3}}}, questions)
    assert [(s.topic, s.count, s.question_id) for s in drawn] == [("a", 2, None), ("b", 3, None)]
