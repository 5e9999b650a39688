"""Short-answer and numerical questions (issue 14): reading them from GIFT and Moodle XML,
editing them in the admin, a learner typing an answer (a number that isn't one is refused
on the page, nothing lost, nothing graded), and the review after the attempt."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import rich_text

from accounts.roles import Role
from courses import services
from courses.factories import make_question, make_quiz
from courses.models import Attempt, Question
from courses.models.quizzes import QuestionAnswer, QuestionUnit
from courses.quiz_formats import NUMERICAL, SHORT_ANSWER, ParsedAnswer
from courses.quiz_formats.gift import parse_gift
from courses.quiz_formats.moodle_xml import parse_moodle_xml
from courses.selectors.question_quality import check_question, from_question
from tests.courses.test_moderation import admin_form
from tests.helpers import sign_in

# --- GIFT ----------------------------------------------------------------------------------------


def only(result):
    assert result.errors == []
    (question,) = result.questions
    return question


def test_gift_short_answer_with_weights_feedback_and_wildcards():
    question = only(parse_gift("::Help::Who runs the helpline?{=Refuge =%50%*refuge*#Nearly}"))
    assert question.type == SHORT_ANSWER
    assert question.answers == [
        ParsedAnswer("Refuge", Decimal(1), ""),
        ParsedAnswer("*refuge*", Decimal("0.5"), "Nearly"),
    ]
    assert question.case_sensitive is False  # GIFT cannot say otherwise: Moodle's default


@pytest.mark.parametrize(
    ("block", "answers"),
    [
        ("{#3.14:0.01}", [("3.14", "1", "0.01")]),
        ("{#1..5}", [("3", "1", "2")]),
        ("{#2}", [("2", "1", "0")]),
        ("{#=%100%3:0 =%50%3:1}", [("3", "1", "0"), ("3", "0.5", "1")]),
        ("{#=1822:0 ~#Look it up}", [("1822", "1", "0"), ("*", "0", None)]),
    ],
)
def test_gift_numerical_forms(block, answers):
    question = only(parse_gift(f"How many?{block}"))
    assert question.type == NUMERICAL
    assert [
        (a.text, str(a.fraction), None if a.tolerance is None else str(a.tolerance))
        for a in question.answers
    ] == answers


@pytest.mark.parametrize(
    ("source", "words"),
    [
        ("How many?{#abc}", 'Numerical answer 1 has "abc" where a number should be'),
        ("How many?{#3:x}", 'Numerical answer 1 has "x" where a number should be'),
        ("Who?{=%33%Refuge =Police}", "Answer 1 has the weight 33%, which Moodle does not allow"),
        ("Who?{=%50%Refuge}", "One accepted answer must be worth 100%"),
    ],
)
def test_gift_bad_short_answer_and_numerical_questions_are_refused_by_name(source, words):
    result = parse_gift(source)
    (error,) = result.errors
    assert words in error.message
    assert not result.questions


# --- Moodle XML ----------------------------------------------------------------------------------


def xml(kind: str, body: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n'
        f'<question type="{kind}"><name><text>Q</text></name>'
        '<questiontext format="html"><text>How?</text></questiontext>'
        f"{body}</question>\n</quiz>\n"
    ).encode()


def test_xml_short_answer_keeps_case_sensitivity_order_and_feedback():
    question = only(
        parse_moodle_xml(
            xml(
                "shortanswer",
                "<usecase>1</usecase>"
                '<answer fraction="100" format="moodle_auto_format"><text> IDVA </text>'
                '<feedback format="html"><text>&lt;b&gt;Yes&lt;/b&gt;</text></feedback></answer>'
                '<answer fraction="50"><text>*advocate*</text></answer>',
            )
        )
    )
    assert question.type == SHORT_ANSWER and question.case_sensitive is True
    assert [(a.text, a.fraction, a.feedback) for a in question.answers] == [
        ("IDVA", Decimal(1), "<b>Yes</b>"),
        ("*advocate*", Decimal("0.5"), ""),
    ]


def test_xml_numerical_with_optional_units():
    question = only(
        parse_moodle_xml(
            xml(
                "numerical",
                '<answer fraction="100"><text>2</text><tolerance>0.05</tolerance></answer>'
                '<answer fraction="0"><text>*</text><tolerance>0</tolerance></answer>'
                "<unitgradingtype>0</unitgradingtype><showunits>0</showunits>"
                "<units><unit><multiplier>1</multiplier><unit_name>m</unit_name></unit>"
                "<unit><multiplier>100</multiplier><unit_name>cm</unit_name></unit></units>",
            )
        )
    )
    assert [(a.text, a.tolerance) for a in question.answers] == [
        ("2", Decimal("0.05")),
        ("*", None),
    ]
    assert [(u.name, u.multiplier) for u in question.units] == [
        ("m", Decimal(1)),
        ("cm", Decimal(100)),
    ]


def test_xml_numerical_with_no_units_shown_ignores_the_unit_list():
    question = only(
        parse_moodle_xml(
            xml(
                "numerical",
                '<answer fraction="100"><text>7</text><tolerance>0</tolerance></answer>'
                "<showunits>3</showunits><units><unit><multiplier>1</multiplier>"
                "<unit_name>days</unit_name></unit></units>",
            )
        )
    )
    assert question.units == []


@pytest.mark.parametrize(
    ("settings", "words"),
    [
        ("<unitgradingtype>1</unitgradingtype><showunits>0</showunits>", "units are marked"),
        ("<unitgradingtype>2</unitgradingtype><showunits>0</showunits>", "unitgradingtype 2"),
        ("<unitgradingtype>0</unitgradingtype><showunits>1</showunits>", "radio buttons"),
        ("<unitgradingtype>0</unitgradingtype><showunits>2</showunits>", "drop-down list"),
    ],
)
def test_xml_numerical_unit_modes_we_cannot_mark_are_refused_by_name(settings, words):
    result = parse_moodle_xml(
        xml(
            "numerical",
            '<answer fraction="100"><text>2</text></answer>'
            f"{settings}<units><unit><multiplier>1</multiplier><unit_name>m</unit_name>"
            "</unit></units>",
        )
    )
    (error,) = result.errors
    assert words in error.message and "Numerical questions" in error.message
    assert error.question == "Q"


def test_xml_numerical_answer_that_is_not_a_number_is_refused():
    result = parse_moodle_xml(xml("numerical", '<answer fraction="100"><text>two</text></answer>'))
    (error,) = result.errors
    assert error.message == 'Answer 1 has the answer "two", which is not a number.'


# --- The learner's page --------------------------------------------------------------------------


def typed_question(kind, answers, *, units=(), case_sensitive=False, name=""):
    question = Question(
        name=name or f"{kind} question",
        type=kind,
        stem="<p>Type the answer.</p>",
        general_feedback="<p>Because.</p>",
        case_sensitive=case_sensitive,
    )
    question.answers = [
        QuestionAnswer(answer=text, fraction=Decimal(f), tolerance=tol, feedback=fb)
        for text, f, tol, fb in answers
    ]
    question.units = [QuestionUnit(unit=u, multiplier=Decimal(m)) for u, m in units]
    question.save()
    question.save_revision(clean=False).publish()
    return question


@pytest.fixture
def typed_quiz(module):
    number = typed_question(
        NUMERICAL,
        [("3.14", 1, Decimal("0.01"), "<p>Right.</p>"), ("*", 0, None, "<b>Not</b> quite.")],
        units=[("m", 1), ("cm", 100)],
    )
    words = typed_question(SHORT_ANSWER, [("Refuge", 1, None, ""), ("*refuge*", "0.5", None, "")])
    return make_quiz(module, [number, words], questions_per_page=2, shuffle_questions=False)


@pytest.fixture
def learner_client(client, user_with_role):
    user = user_with_role()
    sign_in(client, user)
    client.user = user
    return client


def start(client, quiz) -> Attempt:
    client.post(reverse("courses:start_quiz", args=[quiz.pk]))
    return Attempt.objects.get(user=client.user)


def test_typed_questions_have_a_labelled_text_input_and_no_answers_in_the_page(
    learner_client, typed_quiz
):
    attempt = start(learner_client, typed_quiz)
    html = learner_client.get(reverse("courses:attempt", args=[attempt.pk, 1])).content.decode()
    for index in (0, 1):
        assert f'<label class="govuk-label" for="q{index}-answer">Your answer</label>' in html
        assert re.search(
            rf'<input class="govuk-input[^"]*" id="q{index}-answer" name="q{index}"', html
        )
    assert "You can add a unit: m, cm." in html
    assert "3.14" not in html and "Refuge" not in html  # the answers stay on the server


def test_a_number_that_is_not_one_is_refused_on_the_page_and_nothing_is_lost(
    learner_client, typed_quiz
):
    attempt = start(learner_client, typed_quiz)
    url = reverse("courses:attempt", args=[attempt.pk, 1])
    response = learner_client.post(url, {"q0": "abc", "q1": "the refuge", "action": "save"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html
    assert '<a href="#q0-answer">Question 1: Enter a number, for example 3.5</a>' in html
    assert 'id="q0-answer-error"' in html and "govuk-input--error" in html
    assert 'value="abc"' in html and 'value="the refuge"' in html  # what was typed, kept
    attempt.refresh_from_db()
    assert attempt.answers == {}  # nothing saved, so nothing graded as wrong

    response = learner_client.post(url, {"q0": "314 cm", "q1": "the refuge", "action": "finish"})
    assert response.status_code == 302
    attempt.refresh_from_db()
    assert attempt.answers == {"0": "314 cm", "1": "the refuge"}


def test_a_unit_where_the_question_has_none_is_refused(learner_client, module):
    question = typed_question(NUMERICAL, [("7", 1, Decimal(0), "")])
    quiz = make_quiz(module, [question])
    attempt = start(learner_client, quiz)
    response = learner_client.post(
        reverse("courses:attempt", args=[attempt.pk, 1]), {"q0": "7 days", "action": "save"}
    )
    assert response.status_code == 400
    assert "Enter a number only, without a unit" in response.content.decode()


def test_typed_answers_are_graded_and_reviewed(learner_client, typed_quiz):
    attempt = start(learner_client, typed_quiz)
    services.save_answers(attempt, {"0": "3.5", "1": "the refuge"})
    attempt = services.submit_attempt(attempt, str(attempt.submit_token))
    assert attempt.score == Decimal("0.5")  # 0 (the * answer) + 0.5 (*refuge*)
    html = learner_client.get(reverse("courses:attempt_result", args=[attempt.pk])).content
    html = html.decode()
    assert re.search(r"<strong>Your answer:</strong>\s*3\.5\s*</p>", html)
    assert "<b>Not</b> quite." in html  # the * answer's feedback, as HTML
    assert "Partly right" in html


def test_right_answers_are_shown_as_a_learner_would_type_them(learner_client, typed_quiz):
    typed_quiz.show_right_answers = "immediately"
    typed_quiz.save()
    attempt = start(learner_client, typed_quiz)
    attempt = services.submit_attempt(attempt, str(attempt.submit_token))
    html = learner_client.get(reverse("courses:attempt_result", args=[attempt.pk])).content
    assert "<br>3.14 (give or take 0.01)" in html.decode()
    assert "<br>Refuge" in html.decode()


def test_a_tampered_typed_answer_saves_nothing(learner_client, typed_quiz):
    attempt = start(learner_client, typed_quiz)
    with pytest.raises(services.QuizError):
        services.save_answers(attempt, {"1": ["a", "b"]})
    attempt.refresh_from_db()
    assert attempt.answers == {}


def test_an_answer_too_long_is_refused_with_its_limit(learner_client, typed_quiz):
    attempt = start(learner_client, typed_quiz)
    with pytest.raises(services.QuizError) as raised:
        services.save_answers(attempt, {"1": "x" * 256})
    assert raised.value.problems == {1: "Your answer must be 255 characters or fewer"}
    services.save_answers(attempt, {"1": "x" * 255})


# --- The admin -----------------------------------------------------------------------------------

QUESTION = "wagtailsnippets_courses_question"


def numerical_form(client, answers, units=()) -> dict:
    data = admin_form(client, reverse(f"{QUESTION}:add")).dict()
    data |= {
        "name": "Days",
        "type": NUMERICAL,
        "stem": rich_text("<p>How many days?</p>"),
        "answers-TOTAL_FORMS": str(len(answers)),
        "units-TOTAL_FORMS": str(len(units)),
    }
    for n, (text, fraction, tolerance) in enumerate(answers):
        data |= {
            f"answers-{n}-answer": text,
            f"answers-{n}-fraction": fraction,
            f"answers-{n}-tolerance": tolerance,
            f"answers-{n}-feedback": rich_text("<p><b>See the policy</b></p>"),
            f"answers-{n}-ORDER": str(n + 1),
            f"answers-{n}-id": "",
        }
    for n, (unit, multiplier) in enumerate(units):
        data |= {
            f"units-{n}-unit": unit,
            f"units-{n}-multiplier": multiplier,
            f"units-{n}-ORDER": str(n + 1),
            f"units-{n}-id": "",
        }
    return data


@pytest.mark.django_db
def test_an_editor_adds_a_numerical_question_with_answers_and_units(client, user_with_role):
    sign_in(client, user_with_role(Role.EDITOR))
    data = numerical_form(client, [("28", "1", "0.5"), ("*", "0", "")], [("days", "1")])
    response = client.post(reverse(f"{QUESTION}:add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    question = Question.objects.get()
    assert [(a.answer, a.fraction, a.tolerance) for a in question.answers.all()] == [
        ("28", Decimal(1), Decimal("0.5")),
        ("*", Decimal(0), None),
    ]
    assert question.answers.first().feedback == "<b>See the policy</b>"
    assert [u.unit for u in question.units.all()] == ["days"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("answers", "units", "message"),
    [
        ([("twenty", "1", "")], [], "Accepted answer 1, “twenty”, is not a number"),
        ([("28", "0.5", "")], [], "One accepted answer must be worth 100%"),
        ([("28", "0.33", "")], [], "Accepted answer 1 is worth 33%, which Moodle does not allow"),
        ([], [], "A numerical question needs at least one accepted answer."),
        ([("28", "1", "")], [("cm", "100")], "The first unit is the answer&#x27;s own unit"),
    ],
)
def test_the_admin_refuses_answers_moodle_would_refuse(
    client, user_with_role, answers, units, message
):
    sign_in(client, user_with_role(Role.EDITOR))
    response = client.post(reverse(f"{QUESTION}:add"), numerical_form(client, answers, units))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Question.objects.exists()


# --- The item-writing check copes with the new types ---------------------------------------------


@pytest.mark.django_db
def test_the_item_writing_check_runs_on_typed_questions():
    question = typed_question(SHORT_ANSWER, [("Refuge", 1, None, "")])
    flags = check_question(from_question(question))
    assert all(flag.code != "few_distractors" for flag in flags)


# --- Statistics --------------------------------------------------------------------------------


def test_statistics_count_typed_answers_with_their_marks_and_blanks(client, user_with_role, module):
    from courses.selectors.quizzes import question_statistics

    words = typed_question(
        SHORT_ANSWER, [("Refuge", 1, None, ""), ("*refuge*", "0.5", None, "")], name="Words"
    )
    matching = make_question("matching", "Pairs")
    quiz = make_quiz(module, [words, matching], shuffle_questions=False)
    typed = ["Refuge", "Refuge", "a refuge", "Police", "", "  refuge  "]
    for answer in typed:
        attempt = services.start_attempt(user_with_role(), quiz)
        pairs = attempt.questions[1]["pairs"]
        # Everyone matches the first prompt rightly; nobody the others.
        services.save_answers(attempt, {"0": answer, "1": {pairs[0]["key"]: pairs[0]["answer"]}})
        services.submit_attempt(attempt, str(attempt.submit_token))

    stats = {s.name: s for s in question_statistics(quiz)}
    # Trimmed as they are marked; case kept (the question is not case sensitive, so "refuge"
    # gets the full mark too, shown apart from "Refuge").
    assert stats["Words"].top_responses() == [
        ("Refuge", 2, 1.0),
        ("refuge", 1, 1.0),
        ("a refuge", 1, 0.5),
        ("Police", 1, 0.0),
    ]
    assert stats["Words"].blank == 1
    assert stats["Words"].attempts == 6
    assert list(stats["Pairs"].pairs.values()) == [6, 0, 0]

    sign_in(client, user_with_role(Role.EDITOR))
    html = client.get(reverse("courses_quiz_statistics") + f"?quiz={quiz.pk}").content.decode()
    assert "“a refuge”: 1 (50% of the mark)" in html
    assert "Left blank: 1" in html
    assert "6 of 6" in html and "0 of 6" in html


def test_only_the_ten_most_given_typed_answers_are_listed(user_with_role, module):
    from courses.selectors.quizzes import question_statistics

    words = typed_question(SHORT_ANSWER, [("Refuge", 1, None, "")], name="Words")
    quiz = make_quiz(module, [words])
    for n in range(12):
        for _ in range(1 if n else 3):  # "answer 0" three times: the most given
            attempt = services.start_attempt(user_with_role(), quiz)
            services.save_answers(attempt, {"0": f"answer {n}"})
            services.submit_attempt(attempt, str(attempt.submit_token))
    (stats,) = question_statistics(quiz)
    top = stats.top_responses()
    assert len(top) == 10 and len(stats.responses) == 12
    assert top[0] == ("answer 0", 3, 0.0)
    assert [text for text, _, _ in top[1:3]] == ["answer 1", "answer 10"]
