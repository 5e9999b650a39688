"""The item-writing check at its edges, as an editor reads it.

A demo YAML question becomes exactly the question the admin would hold (single choice by
default, multiple-response credit shared among the right options); the longest-option
summary counts and rounds as it says; a learning outcome quoted in a flag is cut at 60
characters, with an ellipsis only when something was cut.
"""

from decimal import Decimal

import pytest

from courses.selectors.question_quality import (
    MULTIPLE,
    SINGLE,
    DrawSlot,
    QuestionData,
    check_demo,
    check_question,
    check_quiz,
    from_demo,
    from_parsed,
    from_question,
    longest_right_summary,
)


def test_a_demo_question_reads_as_single_choice_unless_it_says_otherwise():
    data = {
        "stem": "<p>Who can you call at any hour?</p>",
        "options": [{"text": "The 24-hour helpline", "correct": True}, {"text": "PIPPA"}, {}],
        "outcome": "2",
        "scenario": True,
        "topic": "helplines",
    }
    assert from_demo(data, 7) == QuestionData(
        type=SINGLE,
        stem="<p>Who can you call at any hour?</p>",
        options=[("The 24-hour helpline", Decimal(1)), ("PIPPA", Decimal(0)), ("", Decimal(0))],
        pairs=[],
        outcome=2,
        scenario=True,
        topics=["helplines"],
        ref=7,
    )


def test_a_demo_question_left_bare_has_no_outcome_topic_or_scenario():
    assert from_demo({"outcome": ""}) == QuestionData(
        type=SINGLE, stem="", options=[], pairs=[], outcome=None, topics=[], ref=0
    )


def test_multiple_response_credit_is_shared_among_the_right_options():
    data = {
        "type": MULTIPLE,
        "stem": "<p>Which two?</p>",
        "options": [
            {"text": "A", "correct": True},
            {"text": "B"},
            {"text": "C", "correct": True},
            {"text": "D", "correct": False},
        ],
        "pairs": [["999", "Emergency"]],
    }
    question = from_demo(data)
    assert question.type == MULTIPLE
    assert question.options == [
        ("A", Decimal("0.5")),
        ("B", Decimal(0)),
        ("C", Decimal("0.5")),
        ("D", Decimal(0)),
    ]
    assert question.pairs == [("999", "Emergency")]


def test_multiple_response_with_no_right_option_gives_no_credit_and_no_error():
    data = {"type": MULTIPLE, "options": [{"text": "A"}, {"text": "B"}]}
    assert from_demo(data).options == [("A", Decimal(0)), ("B", Decimal(0))]


def test_the_longest_option_summary_counts_and_rounds_as_it_says():
    assert longest_right_summary(0, 0) == (
        "No single choice or multiple response questions to check for the longest option."
    )
    assert longest_right_summary(1, 1) == (
        "Right answer is the longest option in 1 of 1 question (100 %)"
    )
    assert longest_right_summary(1, 3) == (
        "Right answer is the longest option in 1 of 3 questions (33 %)"
    )
    assert longest_right_summary(2, 3) == (
        "Right answer is the longest option in 2 of 3 questions (67 %)"
    )
    assert longest_right_summary(0, 200) == (
        "Right answer is the longest option in 0 of 200 questions (0 %)"
    )
    assert longest_right_summary(199, 200).endswith("(100 %)")  # 99.5 rounds to even: 100


def quoted_outcome(outcome: str) -> str:
    (flag, *_) = check_quiz([outcome], [], [], []).flags
    assert flag.code == "outcome_without_question"
    return flag.message.split("“", 1)[1].split("”", 1)[0]


def test_an_outcome_quoted_in_a_flag_is_cut_at_60_characters_with_an_ellipsis():
    sixty = "x" * 60
    assert quoted_outcome(sixty) == sixty
    assert quoted_outcome(sixty + "y") == "x" * 59 + "…"
    # Cut just after a space: the space goes, the ellipsis follows the last word.
    assert quoted_outcome("<p>" + "x" * 58 + " and the rest</p>") == "x" * 58 + "…"


# --- Random draws and the pool ---------------------------------------------------------------


def tagged(topic, n, *, start=0):
    return [
        QuestionData(type=SINGLE, stem=f"<p>Q{i}</p>", topics=[topic], ref=i)
        for i in range(start, start + n)
    ]


def draw_flags(have, count):
    report = check_quiz([], [], [DrawSlot("law", count)], tagged("law", have))
    return [flag.message for flag in report.flags if flag.code == "topic_too_small"]


def test_a_draw_is_flagged_until_its_topic_holds_twice_what_it_draws():
    assert draw_flags(2, 3) == [
        "The draw of 3 from topic “law” cannot be filled: only 2 live questions carry that "
        "topic. Add at least 4 more, or draw fewer."
    ]
    assert draw_flags(1, 3)[0].startswith(
        "The draw of 3 from topic “law” cannot be filled: only 1 live question carries"
    )
    assert draw_flags(3, 3) == [
        "The draw of 3 from topic “law” has only 3 live questions, so a resit would repeat "
        "questions. Add 3 more so there are at least 6."
    ]
    assert draw_flags(5, 3)[0].startswith("The draw of 3 from topic “law” has only 5")
    assert draw_flags(6, 3) == []


def test_a_question_both_fixed_and_drawn_is_in_the_pool_once():
    (fixed,) = tagged("law", 1)
    others = tagged("law", 3, start=1)
    report = check_quiz([], [fixed], [DrawSlot("law", 1)], [fixed, *others])
    assert report.pool_size == 4
    assert report.choice_questions == 4


def test_demo_questions_are_numbered_from_one_as_in_the_file():
    def negative_at(questions):
        per_question, _ = check_demo({"questions": questions})
        return [
            question.ref
            for question, found in per_question
            if any(flag.code == "negative_stem" for flag in found)
        ]

    negative, fine = {"stem": "<p>Which is not right?</p>"}, {"stem": "<p>Which is right?</p>"}
    assert negative_at([negative, fine]) == [1]
    assert negative_at([fine, negative]) == [2]


def test_an_imported_question_is_checked_as_it_was_read():
    from courses.quiz_formats.gift import parse_gift

    (parsed,) = parse_gift("// [tag:law]\n::Duty::Which applies?{=The s5B duty ~A guess}").questions
    assert from_parsed(parsed) == QuestionData(
        type=SINGLE,
        stem=parsed.stem,
        options=[(o.text, Decimal(o.fraction)) for o in parsed.options],
        pairs=[],
        topics=list(parsed.tags),
        name="Duty",
        ref=parsed.line,
    )
    assert [o for o, _ in from_parsed(parsed).options] == [o.text for o in parsed.options]
    assert from_parsed(parsed).options[0][1] == Decimal(1)
    assert parsed.line is not None


@pytest.mark.django_db
def test_the_report_checks_each_quizs_draws_and_lists_only_questions_no_quiz_uses(
    module, catalogue
):
    from courses.factories import make_question, make_quiz, module_with_lessons
    from courses.models import Question, QuizSlot
    from courses.selectors.question_quality import quality_report

    draft = make_question(name="Draft in a fixed slot", stem="<p>Which is not right?</p>")
    quiz = make_quiz(module, [draft])
    Question.objects.filter(pk=draft.pk).update(live=False)
    QuizSlot.objects.create(quiz=quiz, topic="law", count=2, sort_order=1)
    drawn = [make_question(name=f"Law {n}", topic="law") for n in range(3)]
    loose = make_question(name="In no quiz", topic="elsewhere")
    other_quiz = make_quiz(module_with_lessons(catalogue), [make_question(name="Other quiz's")])

    result, other = sorted(quality_report().quizzes, key=lambda r: r.quiz != quiz)
    assert other.quiz == other_quiz
    assert result.quiz == quiz
    assert [f.message for f in result.report.flags if f.code == "topic_too_small"] == [
        "The draw of 2 from topic “law” has only 3 live questions, so a resit would repeat "
        "questions. Add 1 more so there are at least 4."
    ]
    assert result.report.pool_size == 4  # the draft in its fixed slot and the three drawn
    flagged = {
        question.name: [f.code for f in found] for question, found in result.report.question_flags
    }
    assert "negative_stem" in flagged["Draft in a fixed slot"]
    assert [q.ref for q, _ in quality_report().outside] == [loose.pk]
    assert {q.pk for q in drawn}.isdisjoint(q.ref for q, _ in quality_report().outside)


# --- What each question-level flag says -------------------------------------------------


def single(stem="<p>Which is right?</p>", options=()):
    return QuestionData(type=SINGLE, stem=stem, options=list(options))


def test_the_longest_right_answer_and_too_few_wrong_ones_are_explained_in_full():
    question = single(
        options=[("The one right and rather long answer", Decimal(1)), ("Short", Decimal(0))]
    )
    flags = check_question(question)
    assert [(f.code, f.message, f.question) for f in flags] == [
        (
            "longest_right",
            "The right answer is the longest option, so a learner can guess it without "
            "knowing the point. Shorten it, or make the wrong options as full and specific "
            "as the right one.",
            question,
        ),
        (
            "few_distractors",
            "It has 1 wrong option: give at least 2, each a mistake a learner might really "
            "make, so guessing does not pay.",
            question,
        ),
    ]
    none_wrong = single(options=[("Right", Decimal(1))])
    assert check_question(none_wrong)[0].message.startswith("It has 0 wrong options: give")


@pytest.mark.parametrize(
    ("stem", "negative"),
    [
        ("<p>Which is not a sign?</p>", ["not"]),
        ("<p>Which is <strong>not</strong> a sign?</p>", []),  # emphasised
        ("<p>Which is NOT a sign?</p>", []),  # in capitals
        # The question is the last sentence ending in "?", even inside quotes or brackets.
        ("<p>It is not always clear. Ask: “which signs are there?”</p>", []),
        ("<p>Which signs are there (if any?) It is not always clear.</p>", []),
        ("<p>Read this. Which one isn't right?   </p>", ["isn't"]),
        # No question mark: the last sentence is the question.
        ("<p>It is not easy. Choose the best answer</p>", []),
        ("<p>Choose one. Pick the answer that is not right</p>", ["not"]),
        ("<p>Not this. Which is right?</p>", []),  # a first sentence's word is not asked
        ("<p>Is this not a sign? Then ask: “which signs are there?”</p>", []),
        ("<p>Read the case. Choose the risk that matters least</p>", ["least"]),
        # Leading space (as imported files indent their HTML) moves no word between sentences.
        ("<p>\n   Some agencies say never. Which approach is right?</p>", []),
    ],
)
def test_only_an_unemphasised_negative_in_the_question_sentence_is_flagged(stem, negative):
    flags = check_question(single(stem, [("A", 1), ("B", 0), ("C", 0)]))
    found = [f.message.split("(“")[1].split("”")[0] for f in flags if f.code == "negative_stem"]
    assert found == negative


def test_options_that_differ_only_in_case_or_final_punctuation_are_duplicates():
    question = single(options=[("Call 999.", Decimal(1)), ("call 999", 0), ("Wait", 0)])
    (flag,) = [f for f in check_question(question) if f.code == "duplicate_options"]
    assert flag.message == (
        "Two options say the same thing (“call 999”). Learners cannot tell them apart: "
        "reword or remove one."
    )
    distinct = single(options=[("Call 999", Decimal(1)), ("Call 101", 0), ("Wait", 0)])
    assert not [f for f in check_question(distinct) if f.code == "duplicate_options"]


@pytest.mark.django_db
def test_a_saved_question_is_checked_with_everything_it_holds():
    from courses.factories import make_question
    from courses.models import Question

    saved = make_question("matching", "Pairs", topic="law")
    Question.objects.filter(pk=saved.pk).update(outcome=3, scenario=True, stem="")
    saved.refresh_from_db()
    assert from_question(saved) == QuestionData(
        type="matching",
        stem="",
        options=[],
        pairs=[("999", "Emergency"), ("101", "Non-emergency"), ("PIPPA", "Local advice")],
        outcome=3,
        scenario=True,
        topics=["law"],
        name="Pairs",
        ref=saved.pk,
    )


def test_every_quiz_level_flag_says_what_is_wrong_and_what_to_do():
    outcome = "Spot the signs of coercive control when a colleague talks about home life"
    one_scenario = QuestionData(type="matching", stem="<p>Match</p>", outcome=1, scenario=True)
    stray = QuestionData(type="matching", stem="<p>Match</p>", outcome=None)
    beyond = QuestionData(type="matching", stem="<p>Match</p>", outcome=3)
    flags = check_quiz([outcome, "Respond safely"], [one_scenario, stray, beyond], [], [])
    cut = "Spot the signs of coercive control when a colleague talks a…"  # 59 and "…"
    assert [(f.code, f.message) for f in flags.flags] == [
        (
            "outcome_few_scenarios",
            f"Learning outcome 1 (“{cut}”) has 1 scenario question; it needs at least 3, "
            "where the learner applies what they learnt to a situation rather than recalling "
            "a fact.",
        ),
        (
            "outcome_without_question",
            "Learning outcome 2 (“Respond safely”) has no question. Write questions that "
            "check it, and set their learning outcome to 2.",
        ),
        (
            "outcome_few_scenarios",
            "Learning outcome 2 (“Respond safely”) has 0 scenario questions; it needs at "
            "least 3, where the learner applies what they learnt to a situation rather than "
            "recalling a fact.",
        ),
        (
            "no_outcome",
            "The question has no learning outcome. Set its learning outcome to the number of "
            "the outcome it checks (1 for the first on the module page).",
        ),
        (
            "no_outcome",
            "The question checks learning outcome 3, but the module has only 2. Set its "
            "learning outcome to the number of the outcome it checks (1 for the first on the "
            "module page).",
        ),
    ]
    assert [f.question for f in flags.flags if f.code == "no_outcome"] == [stray, beyond]


def test_every_other_question_level_flag_says_what_is_wrong_and_what_to_do():
    question = QuestionData(
        type=MULTIPLE,
        stem='<p>Which is <em>right</em> never? <img src="a.png"></p>',
        options=[("Call 999", Decimal("0.5")), ("All of the above", Decimal("0.5")), ("A", 0)],
        pairs=[("999", "Police"), ("999", "Ambulance"), ("101", "Police")],
    )
    assert [(f.code, f.message) for f in check_question(question)][2:] == [
        (
            "all_none_above",
            "The option “All of the above” points at the other options. Options are "
            "shuffled, and learners can get it right by spotting two true options. Replace "
            "it with a specific answer, or make it a multiple response question.",
        ),
        (
            "negative_stem",
            "The question asks in the negative (“never”), which is easy to misread. Ask it "
            "in the positive if you can; if not, make the word bold or write it in CAPITALS.",
        ),
        (
            "duplicate_options",
            "Two prompts say the same thing (“999”). Learners cannot tell them apart: "
            "reword or remove one.",
        ),
        (
            "duplicate_options",
            "Two answers say the same thing (“Police”). Learners cannot tell them apart: "
            "reword or remove one.",
        ),
        (
            "image_without_alt",
            "A picture has no description (alt text), so a learner who cannot see it "
            "cannot answer. Edit the question, choose the picture and describe what it "
            "shows.",
        ),
    ]


@pytest.mark.parametrize(
    ("stem", "flagged"),
    [
        ("<p>Which is <b><em>not</em> not</b> right?</p>", False),  # still inside <b>
        ("<p>Which is <b>not</b> not right?</p>", True),
        ("<p>Which is <b>not</b></b></b> not right?</p>", True),  # stray closing tags
        ("<p>Read this.</p><p>Which one never helps?</p>", True),
        ("<p>Never.<br>Which one helps?</p>", False),  # a line break ends the sentence
        ("<ul><li>Never.</li><li>Which one helps?</li></ul>", False),
        ("<div>Never.</div><div>Which one helps?</div>", False),
    ],
)
def test_emphasis_and_block_tags_are_read_as_the_learner_sees_them(stem, flagged):
    found = check_question(single(stem, [("A", Decimal(1)), ("B", 0), ("C", 0)]))
    assert any(f.code == "negative_stem" for f in found) is flagged
