"""Quiz and question changes go through moderation like pages.

An editor's change is saved as a draft revision; learners (quiz delivery, random draws,
grading) only ever see the live, published version, and a running attempt keeps its
snapshot whatever is published while it runs.
"""

from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.http import QueryDict
from django.urls import reverse
from wagtail.test.utils.form_data import rich_text

from accounts.roles import Role
from courses import services
from courses.factories import make_question, make_quiz
from courses.models import Question, Quiz
from tests.helpers import sign_in

pytestmark = pytest.mark.django_db

QUESTION = "wagtailsnippets_courses_question"
QUIZ = "wagtailsnippets_courses_quiz"


def admin_form(client, url: str) -> QueryDict:
    """The data the admin's edit (or add) form at ``url`` would post unchanged."""
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    soup = BeautifulSoup(response.content, "html.parser")
    form = max(
        soup.find_all("form"), key=lambda f: len(f.find_all(["input", "select", "textarea"]))
    )
    data = QueryDict(mutable=True)
    for field in form.find_all("input"):
        name, kind = field.get("name"), field.get("type", "")
        if not name or name == "csrfmiddlewaretoken" or "__prefix__" in name:
            continue
        if kind in ("checkbox", "radio"):
            if field.has_attr("checked"):
                data.appendlist(name, field.get("value", "on"))
        elif kind != "submit":
            data[name] = field.get("value", "")
    for field in form.find_all("textarea"):
        if field.get("name") and "__prefix__" not in field["name"]:
            # Browsers drop the newline Django puts after <textarea>.
            data[field["name"]] = field.get_text().removeprefix("\n")
    for field in form.find_all("select"):
        name = field.get("name")
        if not name or "__prefix__" in name:
            continue
        chosen = field.find_all("option", selected=True)
        data.setlist(name, [option.get("value", option.get_text()) for option in chosen])
    return data


def edit(client, view: str, obj, changes: dict, action: str = "") -> None:
    url = reverse(f"{view}:edit", args=[obj.pk])
    data = admin_form(client, url)
    for key, value in changes.items():
        data[key] = value
    if action:
        data[f"action-{action}"] = action
    response = client.post(url, data)
    assert response.status_code == 302, form_problems(response)


def form_problems(response) -> str:
    soup = BeautifulSoup(response.content, "html.parser")
    found = soup.select(".error-message, .help-critical, .messages .error, [class*=error]")
    return " | ".join(" ".join(tag.get_text().split()) for tag in found)[:2000]


def approve(client, view: str, obj) -> None:
    obj.refresh_from_db()
    task_state = obj.current_workflow_state.current_task_state
    response = client.post(
        reverse(f"{view}:workflow_action", args=[obj.pk, "approve", task_state.pk]),
        {"comment": ""},
    )
    assert response.status_code in (200, 302)


def option_index(question: Question, text: str) -> int:
    return [option.text for option in question.options.all()].index(text)


@pytest.fixture
def people(user_with_role):
    return {
        "editor": user_with_role(Role.EDITOR),
        "moderator": user_with_role(Role.MODERATOR),
        "learner": user_with_role(),
        "learner2": user_with_role(),
    }


@pytest.fixture
def question():
    return make_question("single", "Coercive control", stem="<p>The old wording?</p>")


@pytest.fixture
def quiz(module, question):
    return make_quiz(module, [question], shuffle_options=False)


def test_an_editors_question_edit_reaches_learners_only_when_a_moderator_approves(
    client, people, question, quiz
):
    sign_in(client, people["editor"])
    right = option_index(question, "The right answer")
    edit(
        client,
        QUESTION,
        question,
        {
            "stem": rich_text("<p>The new wording?</p>"),
            f"options-{right}-text": rich_text("<p>The new right answer</p>"),
        },
        action="submit",
    )

    question.refresh_from_db()
    assert "old wording" in question.stem
    assert question.has_unpublished_changes
    assert question.current_workflow_state is not None
    # A learner starting now sees the live version, options included.
    attempt = services.start_attempt(people["learner"], quiz)
    shown = attempt.questions[0]
    assert "old wording" in shown["stem"]
    assert "The right answer" in [option["text"] for option in shown["options"]]
    assert "The new right answer" not in [option["text"] for option in shown["options"]]

    sign_in(client, people["moderator"])
    approve(client, QUESTION, question)
    question.refresh_from_db()
    assert "new wording" in question.stem
    assert not question.has_unpublished_changes
    shown = services.start_attempt(people["learner2"], quiz).questions[0]
    assert "new wording" in shown["stem"]
    assert "The new right answer" in [option["text"] for option in shown["options"]]


def test_an_editor_cannot_publish_questions_or_quizzes(client, people, question, quiz):
    editor = people["editor"]
    assert not editor.has_perm("courses.publish_question")
    assert not editor.has_perm("courses.publish_quiz")
    sign_in(client, editor)
    edit(client, QUESTION, question, {"stem": rich_text("<p>Published?</p>")}, action="publish")
    edit(client, QUIZ, quiz, {"pass_mark": "50"}, action="publish")
    question.refresh_from_db()
    quiz.refresh_from_db()
    assert "old wording" in question.stem
    assert quiz.pass_mark == 80
    assert question.has_unpublished_changes and quiz.has_unpublished_changes


def test_a_moderator_publishes_and_learners_then_see_it(client, people, question, quiz):
    moderator = people["moderator"]
    assert moderator.has_perm("courses.publish_question")
    assert moderator.has_perm("courses.publish_quiz")
    sign_in(client, moderator)
    edit(client, QUESTION, question, {"stem": rich_text("<p>Published now?</p>")}, "publish")
    shown = services.start_attempt(people["learner"], quiz).questions[0]
    assert "Published now" in shown["stem"]
    assert question.revisions.count() >= 1


def test_a_quiz_draft_keeps_its_questions_and_rules_from_learners_until_approved(
    client, people, question, quiz
):
    extra = make_question("true_false", "Stalking")
    sign_in(client, people["editor"])
    url = reverse(f"{QUIZ}:edit", args=[quiz.pk])
    data = admin_form(client, url)
    data["pass_mark"] = "100"
    data["slots-TOTAL_FORMS"] = "2"
    data.update(
        {
            "slots-1-id": "",
            "slots-1-question": str(extra.pk),
            "slots-1-topic": "",
            "slots-1-count": "1",
        }
    )
    data.update({"slots-1-ORDER": "2", "slots-1-DELETE": ""})
    data["action-submit"] = "submit"
    assert client.post(url, data).status_code == 302

    attempt = services.start_attempt(people["learner"], quiz)
    assert [q["name"] for q in attempt.questions] == ["Coercive control"]
    quiz.refresh_from_db()
    assert quiz.pass_mark == 80

    sign_in(client, people["moderator"])
    approve(client, QUIZ, quiz)
    quiz.refresh_from_db()
    assert quiz.pass_mark == 100
    attempt = services.start_attempt(people["learner2"], quiz)
    assert sorted(q["name"] for q in attempt.questions) == ["Coercive control", "Stalking"]


def test_a_draft_new_question_is_never_drawn(client, people, module):
    live = make_question("single", "Live on topic", topic="coercive-control")
    quiz = Quiz(module=module)
    from courses.models import QuizSlot

    quiz.slots = [QuizSlot(topic="coercive-control", count=5)]
    quiz.save()
    sign_in(client, people["editor"])
    url = reverse(f"{QUESTION}:add")
    data = admin_form(client, url)
    data.update(
        {
            "name": "Draft on topic",
            "type": "single",
            "tags": "coercive-control",
            "stem": rich_text("<p>A draft?</p>"),
            "general_feedback": rich_text("<p>Why.</p>"),
            "options-TOTAL_FORMS": "2",
            "options-0-text": rich_text("<p>Yes</p>"),
            "options-0-fraction": "1",
            "options-1-text": rich_text("<p>No</p>"),
            "options-1-fraction": "0",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, form_problems(response)
    draft = Question.objects.get(name="Draft on topic")
    assert not draft.live

    for _ in range(10):
        snapshot = services.quizzes.build_snapshot(quiz)
        assert [q["id"] for q in snapshot["questions"]] == [live.pk]
    # Chosen by hand in a live quiz, it is still left out until it is published.
    quiz.slots = [QuizSlot(question=draft), QuizSlot(question=live)]
    quiz.save()
    assert [q["id"] for q in services.quizzes.build_snapshot(quiz)["questions"]] == [live.pk]


def test_a_new_unpublished_quiz_cannot_be_started(client, people, module, question):
    sign_in(client, people["editor"])
    url = reverse(f"{QUIZ}:add")
    data = admin_form(client, url)
    data.update(
        {
            "module": str(module.pk),
            "slots-TOTAL_FORMS": "1",
            "slots-0-question": str(question.pk),
            "slots-0-topic": "",
            "slots-0-count": "1",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, form_problems(response)
    quiz = Quiz.objects.get(module=module)
    assert not quiz.live

    sign_in(client, people["learner"])
    assert client.get(reverse("courses:quiz", args=[quiz.pk])).status_code == 404
    assert client.post(reverse("courses:start_quiz", args=[quiz.pk])).status_code == 404
    assert not quiz.attempts.exists()
    page = client.get(module.url).content.decode()
    assert reverse("courses:quiz", args=[quiz.pk]) not in page
    with pytest.raises(services.QuizError):
        services.start_attempt(people["learner"], quiz)


def test_an_attempt_in_progress_is_unchanged_by_a_published_edit(client, people, question, quiz):
    learner = people["learner"]
    sign_in(client, learner)
    client.post(reverse("courses:start_quiz", args=[quiz.pk]))
    attempt = quiz.attempts.get(user=learner)

    moderator = client.__class__()
    sign_in(moderator, people["moderator"])
    right = option_index(question, "The right answer")
    wrong = option_index(question, "A wrong answer")
    edit(
        moderator,
        QUESTION,
        question,
        {
            "stem": rich_text("<p>The new wording?</p>"),
            f"options-{right}-fraction": "0",
            f"options-{wrong}-fraction": "1",
        },
        action="publish",
    )
    question.refresh_from_db()
    assert "new wording" in question.stem

    page = client.get(reverse("courses:attempt", args=[attempt.pk, 1])).content.decode()
    assert "old wording" in page and "new wording" not in page
    key = next(o["key"] for o in attempt.questions[0]["options"] if o["text"] == "The right answer")
    client.post(reverse("courses:attempt", args=[attempt.pk, 1]), {"q0": key, "action": "next"})
    attempt.refresh_from_db()
    response = client.post(
        reverse("courses:attempt_summary", args=[attempt.pk]), {"token": str(attempt.submit_token)}
    )
    assert response.status_code == 302
    attempt.refresh_from_db()
    assert attempt.passed and attempt.percent == Decimal(100)


def test_imported_questions_are_drafts_unless_the_importer_can_publish(
    client, user_with_role, people
):
    gift = b"::Imported::Is it abuse? {T}\n"
    coordinator = user_with_role(Role.TRAINING_COORDINATOR)
    for user, name, live in (
        (coordinator, "Draft import", False),
        (people["moderator"], "Live import", True),
    ):
        sign_in(client, user)
        upload = gift.replace(b"Imported", name.encode())
        from django.core.files.uploadedfile import SimpleUploadedFile

        uploaded = client.post(
            reverse("courses_question_import"),
            {"file": SimpleUploadedFile("bank.gift", upload)},
            follow=True,
        )
        response = client.post(uploaded.redirect_chain[-1][0], {"action": "confirm"}, follow=True)
        assert response.status_code == 200
        imported = Question.objects.get(name=name)
        assert imported.live is live
        assert imported.latest_revision is not None
        if not live:
            assert "moderator" in response.content.decode()


def test_demo_quizzes_and_questions_are_published(demo_site):
    assert Quiz.objects.exists() and Question.objects.exists()
    assert not Quiz.objects.filter(live=False).exists()
    assert not Question.objects.filter(live=False).exists()
    assert not Quiz.objects.filter(live_revision__isnull=True).exists()
    assert not Question.objects.filter(live_revision__isnull=True).exists()


def test_existing_quizzes_and_questions_become_live_with_a_first_revision(module):
    """The data migration: rows made before moderation keep being what learners see."""
    import importlib

    from django.apps import apps

    from courses.models import QuestionOption, QuizSlot

    migration = importlib.import_module("courses.migrations.0005_moderated_quizzes_and_questions")
    question = Question(name="Old question", type="true_false", stem="<p>Old?</p>")
    question.options = [
        QuestionOption(text="True", fraction=Decimal(1)),
        QuestionOption(text="False", fraction=Decimal(0)),
    ]
    question.save()
    quiz = Quiz(module=module)
    quiz.slots = [QuizSlot(question=question)]
    quiz.save()
    assert question.latest_revision is None

    migration.forwards(apps, None)

    for obj in (question, quiz):
        obj.refresh_from_db()
        assert obj.live and not obj.has_unpublished_changes
        assert obj.live_revision_id == obj.latest_revision_id is not None
        assert obj.get_workflow().name == "Moderator approval"
    restored = question.live_revision.as_object()
    assert [o.text for o in restored.options.all()] == ["True", "False"]
    assert [s.question_id for s in quiz.live_revision.as_object().slots.all()] == [question.pk]


def test_the_question_form_checks_options_and_says_what_is_wrong(client, people, question):
    """The admin form checks the options with the type (it used to read them too early)."""
    sign_in(client, people["moderator"])
    url = reverse(f"{QUESTION}:edit", args=[question.pk])
    data = admin_form(client, url)
    wrong = option_index(question, "A wrong answer")
    data[f"options-{wrong}-fraction"] = "1"
    response = client.post(url, {**data.dict(), "action-publish": "publish"})
    assert response.status_code == 200
    assert "Mark exactly one option as right" in response.content.decode()
    question.refresh_from_db()
    assert not question.has_unpublished_changes
