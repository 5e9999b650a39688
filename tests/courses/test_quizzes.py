"""Quizzes: fair scoring on the server, snapshots, one grade per attempt, attempt rules."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from courses import services
from courses.factories import make_question, make_quiz, module_with_lessons
from courses.models import Attempt
from courses.selectors import live_lessons
from courses.selectors.quizzes import attempt_block_reason
from courses.services import QuizError
from tests.helpers import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def learner(user_with_role):
    return user_with_role()


@pytest.fixture
def quiz(module):
    questions = [
        make_question("single", "Q single", topic=live_lessons(module).first().slug),
        make_question("multiple", "Q multiple"),
        make_question("true_false", "Q true/false"),
        make_question("matching", "Q matching"),
        make_question("single", "Q single 2"),
    ]
    return make_quiz(module, questions, pass_mark=80, minutes_between_attempts=10)


def right_answers(attempt) -> dict:
    answers = {}
    for index, question in enumerate(attempt.questions):
        if question["type"] == "matching":
            answers[str(index)] = {p["key"]: p["answer"] for p in question["pairs"]}
        else:
            answers[str(index)] = [
                o["key"] for o in question["options"] if Decimal(o["fraction"]) > 0
            ]
    return answers


def wrong_answers(attempt) -> dict:
    answers = {}
    for index, question in enumerate(attempt.questions):
        if question["type"] == "matching":
            answers[str(index)] = {}
        else:
            answers[str(index)] = [
                next(o["key"] for o in question["options"] if Decimal(o["fraction"]) <= 0)
            ]
    return answers


def test_all_right_scores_100_and_all_wrong_scores_0(learner, quiz):
    attempt = services.start_attempt(learner, quiz)
    services.save_answers(attempt, right_answers(attempt))
    attempt = services.submit_attempt(attempt, str(attempt.submit_token))
    assert attempt.percent == Decimal("100.00")
    assert attempt.passed

    other = services.start_attempt(
        type(learner).objects.create_user("other@example.org", full_name="Other"), quiz
    )
    services.save_answers(other, wrong_answers(other))
    other = services.submit_attempt(other, str(other.submit_token))
    assert other.percent == Decimal("0.00")
    assert other.passed is False


def test_partial_credit_for_multiple_response_and_matching(learner, quiz):
    attempt = services.start_attempt(learner, quiz)
    answers = {}
    for index, question in enumerate(attempt.questions):
        if question["type"] == "multiple":
            right = [o["key"] for o in question["options"] if Decimal(o["fraction"]) > 0]
            wrong = [o["key"] for o in question["options"] if Decimal(o["fraction"]) < 0]
            multiple_index, answers[str(index)] = index, [right[0]]
            all_index, all_answer = index, right + wrong
        if question["type"] == "matching":
            pairs = question["pairs"]
            answers[str(index)] = {pairs[0]["key"]: pairs[0]["answer"]}
            matching_index = index
    _, results = services.grade(attempt.snapshot, answers)
    assert results[multiple_index].mark == Decimal("0.5")
    assert results[multiple_index].partly
    assert results[matching_index].mark == Decimal(1) / Decimal(3)
    # Ticking everything cannot beat the question: right answers minus the wrong one.
    _, everything = services.grade(attempt.snapshot, {str(all_index): all_answer})
    assert everything[all_index].mark == Decimal("0.5")


def test_editing_a_question_afterwards_leaves_a_graded_attempt_unchanged(learner, quiz):
    attempt = services.start_attempt(learner, quiz)
    services.save_answers(attempt, right_answers(attempt))
    attempt = services.submit_attempt(attempt, str(attempt.submit_token))
    before = (attempt.snapshot, attempt.percent)

    for slot in quiz.slots.all():
        question = slot.question
        question.stem = "<p>Completely rewritten</p>"
        question.save()
        for option in question.options.all():
            option.fraction = Decimal(0)
            option.text = "Changed"
            option.save()

    attempt.refresh_from_db()
    assert (attempt.snapshot, attempt.percent) == before
    score, _ = services.grade(attempt.snapshot, attempt.answers)
    assert score == Decimal(5)


def test_tampered_answers_are_rejected_and_nothing_is_saved(learner, quiz, caplog):
    attempt = services.start_attempt(learner, quiz)
    single = next(i for i, q in enumerate(attempt.questions) if q["type"] == "single")
    for bad in (
        {str(single): ["o99"]},  # an option that was never shown
        {str(single): ["o0", "o1"]},  # two answers to a single-choice question
        {"42": ["o0"]},  # a question that isn't in the attempt
        {"not-a-number": ["o0"]},
    ):
        with pytest.raises(QuizError):
            services.save_answers(attempt, bad)
    attempt.refresh_from_db()
    assert attempt.answers == {}
    assert "Rejected tampered answer" in caplog.text


def test_a_second_submit_does_not_grade_again(learner, quiz):
    attempt = services.start_attempt(learner, quiz)
    services.save_answers(attempt, wrong_answers(attempt))
    first = services.submit_attempt(attempt, str(attempt.submit_token))
    # Answers can no longer change.
    with pytest.raises(QuizError):
        services.save_answers(first, right_answers(first))
    second = services.submit_attempt(first, str(first.submit_token))
    assert second.submitted_at == first.submitted_at
    assert second.percent == first.percent == Decimal("0.00")
    assert Attempt.objects.filter(user=learner).count() == 1


def test_wrong_token_is_refused(learner, quiz):
    attempt = services.start_attempt(learner, quiz)
    with pytest.raises(QuizError):
        services.submit_attempt(attempt, "00000000-0000-0000-0000-000000000000")
    attempt.refresh_from_db()
    assert not attempt.is_finished


def test_delay_between_attempts_then_a_new_attempt(learner, quiz):
    attempt = services.start_attempt(learner, quiz)
    assert services.start_attempt(learner, quiz) == attempt  # double click: same attempt
    services.save_answers(attempt, wrong_answers(attempt))
    services.submit_attempt(attempt, str(attempt.submit_token))

    reason = attempt_block_reason(learner, quiz)
    assert reason.startswith("You can try again from")
    with pytest.raises(QuizError):
        services.start_attempt(learner, quiz)

    later = timezone.now() + datetime.timedelta(minutes=11)
    second = services.start_attempt(learner, quiz, now=later)
    assert second.number == 2


def test_attempt_limit(learner, module):
    quiz = make_quiz(module, [make_question()], attempts_allowed=1)
    attempt = services.start_attempt(learner, quiz)
    services.submit_attempt(attempt, str(attempt.submit_token))
    assert "used all 1 attempts" in attempt_block_reason(learner, quiz)


def test_time_limit_can_be_extended_or_switched_off_and_late_answers_are_refused(learner, module):
    quiz = make_quiz(module, [make_question()], time_limit_minutes=20)
    now = timezone.now()
    attempt = services.start_attempt(learner, quiz, now=now)
    assert attempt.deadline == now + datetime.timedelta(minutes=20)
    services.extend_time(attempt, now=now)
    assert attempt.deadline == now + datetime.timedelta(minutes=30)
    services.extend_time(attempt, switch_off=True, now=now)
    assert attempt.deadline is None

    other = make_quiz(
        module_with_lessons(module.get_parent()), [make_question()], time_limit_minutes=5
    )
    late = services.start_attempt(learner, other, now=now)
    with pytest.raises(QuizError, match="time limit"):
        services.save_answers(late, right_answers(late), now=now + datetime.timedelta(minutes=6))


def test_passing_the_quiz_completes_the_module_once_lessons_are_done(
    learner, quiz, module, django_capture_on_commit_callbacks
):
    for lesson in live_lessons(module):
        enrolment, done = services.complete_lesson(learner, lesson)
    assert not done  # the quiz is still to pass
    enrolment.refresh_from_db()
    assert enrolment.completed_at is None

    attempt = services.start_attempt(learner, quiz)
    services.save_answers(attempt, right_answers(attempt))
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_attempt(attempt, str(attempt.submit_token))
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None


def test_correct_answers_never_reach_the_page_of_an_open_attempt(client, learner, quiz):
    sign_in(client, learner)
    response = client.post(reverse("courses:start_quiz", args=[quiz.pk]))
    attempt = Attempt.objects.get(user=learner)
    html = client.get(response["Location"]).content.decode()
    assert "Question 1" in html
    for secret in ("fraction", "Well done.", "Yes, A.", "Not quite.", "Because the law"):
        assert secret not in html
    for question in attempt.questions:
        for pair in question.get("pairs", []):
            assert f'value="{pair["key"]}-{pair["answer"]}"' not in html


def test_another_learners_attempt_is_not_found(client, user_with_role, quiz):
    owner, intruder = user_with_role(), user_with_role()
    attempt = services.start_attempt(owner, quiz)
    sign_in(client, intruder)
    for url in (
        reverse("courses:attempt", args=[attempt.pk, 1]),
        reverse("courses:attempt_summary", args=[attempt.pk]),
        reverse("courses:attempt_result", args=[attempt.pk]),
    ):
        assert client.get(url).status_code == 404
    assert (
        client.post(
            reverse("courses:attempt_summary", args=[attempt.pk]),
            {"token": str(attempt.submit_token)},
        ).status_code
        == 404
    )
    attempt.refresh_from_db()
    assert not attempt.is_finished


def test_full_journey_through_views_with_prg_and_feedback(client, learner, quiz, module):
    sign_in(client, learner)
    response = client.post(reverse("courses:start_quiz", args=[quiz.pk]))
    attempt = Attempt.objects.get(user=learner)
    assert response["Location"] == reverse("courses:attempt", args=[attempt.pk, 1])

    data = {"action": "finish"}
    for index, answer in wrong_answers(attempt).items():
        if isinstance(answer, list):
            data[f"q{index}"] = answer
    response = client.post(reverse("courses:attempt", args=[attempt.pk, 1]), data)
    assert response["Location"] == reverse("courses:attempt_summary", args=[attempt.pk])

    summary = reverse("courses:attempt_summary", args=[attempt.pk])
    assert "You have not answered" in client.get(summary).content.decode()
    token = str(attempt.submit_token)
    first = client.post(summary, {"token": token})
    second = client.post(summary, {"token": token})  # a double click
    assert (
        first["Location"]
        == second["Location"]
        == reverse("courses:attempt_result", args=[attempt.pk])
    )
    html = client.get(first["Location"]).content.decode()
    assert "You did not pass this time" in html
    assert "You can try again from" in html
    attempt.refresh_from_db()
    chosen_feedback = [
        option["feedback"]
        for index, question in enumerate(attempt.questions)
        for option in question.get("options", [])
        if option["key"] in (attempt.answers.get(str(index)) or [])
    ]
    assert chosen_feedback
    for feedback in chosen_feedback:
        assert feedback in html  # feedback on each chosen option
    assert "Because the law says so." in html  # general feedback
    assert live_lessons(module).first().title in html  # what to revisit
    assert "Right answer:" not in html  # right answers only after passing


def test_tampered_post_keeps_answers_and_shows_a_message(client, learner, quiz):
    sign_in(client, learner)
    client.post(reverse("courses:start_quiz", args=[quiz.pk]))
    attempt = Attempt.objects.get(user=learner)
    index = next(i for i, q in enumerate(attempt.questions) if q["type"] != "matching")
    response = client.post(
        reverse("courses:attempt", args=[attempt.pk, 1]), {f"q{index}": "o99", "action": "next"}
    )
    assert response.status_code == 400
    assert "nothing was saved" in response.content.decode()
    assert "There is a problem" in response.content.decode()


def test_confidence_ratings_are_saved_and_validated(client, learner, module):
    from courses.models import ConfidenceResponse

    quiz = make_quiz(
        module, [make_question()], confidence_statements="I feel ready\nI know who to call"
    )
    sign_in(client, learner)
    url = reverse("courses:confidence", args=[quiz.pk, "before"])
    bad = client.post(url, {"s0": "9"})
    assert bad.status_code == 400
    assert "Choose a number from 1 to 5" in bad.content.decode()
    client.post(url, {"s0": "2", "s1": "3"})
    assert sorted(ConfidenceResponse.objects.values_list("rating", flat=True)) == [2, 3]


def test_statistics_show_facility_discrimination_and_flag_hard_questions(
    client, user_with_role, module
):
    from courses.selectors.quizzes import question_statistics

    easy, hard, telling = (
        make_question(name="Easy"),
        make_question(name="Hard"),
        make_question(name="Telling"),
    )
    quiz = make_quiz(module, [easy, hard, telling], shuffle_questions=False)
    # Six learners: everyone gets Easy right, nobody Hard; Telling goes with overall skill.
    for n in range(6):
        learner = user_with_role()
        attempt = services.start_attempt(learner, quiz)
        answers = right_answers(attempt)
        answers["1"] = wrong_answers(attempt)["1"]
        if n < 3:
            answers["2"] = wrong_answers(attempt)["2"]
            answers["0"] = wrong_answers(attempt)["0"] if n == 0 else answers["0"]
        services.save_answers(attempt, answers)
        services.submit_attempt(attempt, str(attempt.submit_token))

    stats = {s.name: s for s in question_statistics(quiz)}
    assert stats["Easy"].facility == pytest.approx(100 * 5 / 6)
    assert stats["Hard"].facility == 0
    assert stats["Hard"].flagged and not stats["Easy"].flagged
    assert stats["Telling"].discrimination > 0.3
    assert sum(stats["Easy"].options.values()) == 6

    sign_in(client, user_with_role(Role.EDITOR))
    html = client.get(reverse("courses_quiz_statistics") + f"?quiz={quiz.pk}").content.decode()
    assert "Nearly everyone gets this wrong" in html
    sign_in(client, user_with_role())
    assert client.get(reverse("courses_quiz_statistics")).status_code in (302, 403)


@pytest.mark.parametrize("size", [5, 20])
def test_submitting_uses_a_bounded_number_of_queries(
    client, learner, module, size, django_assert_max_num_queries
):
    kinds = ("single", "multiple", "true_false", "matching")
    quiz = make_quiz(
        module, [make_question(kinds[n % 4]) for n in range(size)], questions_per_page=size
    )
    sign_in(client, learner)
    client.post(reverse("courses:start_quiz", args=[quiz.pk]))
    attempt = Attempt.objects.get(user=learner)
    data = {"action": "finish"}
    for index, answer in right_answers(attempt).items():
        if isinstance(answer, list):
            data[f"q{index}"] = answer
        else:
            for key, value in answer.items():
                data[f"q{index}-{key}"] = value
    with django_assert_max_num_queries(12):
        client.post(reverse("courses:attempt", args=[attempt.pk, 1]), data)
    with django_assert_max_num_queries(16):
        response = client.post(
            reverse("courses:attempt_summary", args=[attempt.pk]),
            {"token": str(attempt.submit_token)},
        )
    assert response.status_code == 302
    attempt.refresh_from_db()
    assert attempt.percent == Decimal("100.00")


def test_random_draws_by_topic_never_repeat_a_question(learner, module):
    from courses.models import QuizSlot

    fixed = make_question(name="Always asked", topic="law")
    pool = [make_question(name=f"Law {n}", topic="law") for n in range(6)]
    make_question(name="Other topic", topic="elsewhere")
    quiz = make_quiz(module, [fixed])
    QuizSlot.objects.create(quiz=quiz, topic="law", count=3, sort_order=1)

    attempt = services.start_attempt(learner, quiz)
    names = [q["name"] for q in attempt.questions]
    assert len(names) == 4 == len(set(names))
    assert "Always asked" in names
    assert "Other topic" not in names
    assert set(names) - {"Always asked"} <= {q.name for q in pool}


@pytest.mark.parametrize(
    ("pool_size", "repeated"),
    [(4, 0), (5, 0), (3, 1)],  # twice the draw or more: nothing repeats; one fewer: one does
)
def test_a_resit_draws_questions_the_learner_was_not_shown_last_time(
    learner, module, pool_size, repeated
):
    from courses.models import QuizSlot

    for n in range(pool_size):
        make_question(name=f"Law {n}", topic="law")
    quiz = make_quiz(module, [])
    QuizSlot.objects.create(quiz=quiz, topic="law", count=2, sort_order=1)

    for _ in range(5):  # the draw is random: try it several times
        first = services.start_attempt(learner, quiz)
        services.submit_attempt(first, str(first.submit_token))
        second = services.start_attempt(learner, quiz)
        shown_first = {q["id"] for q in first.questions}
        shown_second = {q["id"] for q in second.questions}
        assert len(shown_first) == len(shown_second) == 2
        assert len(shown_first & shown_second) == repeated
        Attempt.objects.filter(quiz=quiz).delete()


def test_options_are_shuffled_but_true_false_keeps_its_order(learner, module):
    quiz = make_quiz(module, [make_question("true_false")] + [make_question() for _ in range(8)])
    orders = set()
    for _ in range(4):
        attempt = services.start_attempt(learner, quiz)
        for question in attempt.questions:
            if question["type"] == "true_false":
                assert [o["text"] for o in question["options"]] == ["True", "False"]
            else:
                orders.add(tuple(o["text"] for o in question["options"]))
        attempt.delete()
    assert len(orders) > 1


# --- After passing: the certificate; attempts in the admin ------------------------------------


def pass_through_views(client, quiz, capture):
    client.post(reverse("courses:start_quiz", args=[quiz.pk]))
    attempt = Attempt.objects.filter(quiz=quiz).latest("pk")
    data = {"action": "finish"}
    for index, answer in right_answers(attempt).items():
        if isinstance(answer, list):
            data[f"q{index}"] = answer
        else:
            for key, value in answer.items():
                data[f"q{index}-{key}"] = value
    client.post(reverse("courses:attempt", args=[attempt.pk, 1]), data)
    with capture(execute=True):
        response = client.post(
            reverse("courses:attempt_summary", args=[attempt.pk]),
            {"token": str(attempt.submit_token)},
        )
    return client.get(response["Location"]).content.decode()


def test_the_pass_page_links_to_the_certificate(
    client, learner, quiz, module, django_capture_on_commit_callbacks
):
    for lesson in live_lessons(module):
        services.complete_lesson(learner, lesson)
    sign_in(client, learner)
    html = pass_through_views(client, quiz, django_capture_on_commit_callbacks)
    certificate = learner.certificates.get()
    assert "You passed" in html
    link = reverse("certificate_detail", args=[certificate.number])
    assert f'href="{link}"' in html
    assert "View your certificate" in html


def test_passing_with_lessons_left_says_what_to_do_for_the_certificate(
    client, learner, quiz, module, django_capture_on_commit_callbacks
):
    services.complete_lesson(learner, live_lessons(module).first())
    sign_in(client, learner)
    html = pass_through_views(client, quiz, django_capture_on_commit_callbacks)
    assert "You passed" in html
    assert not learner.certificates.exists()
    assert "View your certificate" not in html
    assert "Finish the 2 lessons you have not done yet to get your certificate" in html
    assert f'href="{reverse("courses:resume_module", args=[module.pk])}"' in html


def test_the_quiz_list_in_the_admin_says_unlimited_for_no_attempt_limit(
    client, user_with_role, module
):
    from courses.factories import module_with_lessons

    make_quiz(module, [make_question()], attempts_allowed=0)
    make_quiz(
        module_with_lessons(module.get_parent(), count=1), [make_question()], attempts_allowed=3
    )
    sign_in(client, user_with_role(Role.EDITOR))
    html = client.get(reverse("wagtailsnippets_courses_quiz:list")).content.decode()
    cells = [cell.split(">", 1)[1].split("<", 1)[0].strip() for cell in html.split("<td")[1:]]
    assert "Unlimited" in cells and "3" in cells
    assert "0" not in cells
