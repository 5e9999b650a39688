"""Importing question banks through the Wagtail admin: preview, errors, all or nothing."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.roles import Role
from courses import services
from courses.factories import make_question
from courses.models import Question
from courses.quiz_formats.gift import parse_gift
from tests.helpers import sign_in

pytestmark = pytest.mark.django_db

GIFT = """$CATEGORY: Imported/Identifying abuse

::Coercive control law::Which Act created the coercive control offence?{
=Serious Crime Act 2015#Yes: section 76.
~Domestic Abuse Act 2021#That Act defines domestic abuse.
####Section 76 of the Serious Crime Act 2015.
}

::Children::Children who see or hear abuse are victims in their own right.{TRUE}

::Forms::Which are forms of abuse in the 2021 Act?{
~%50%Economic abuse
~%50%Controlling or coercive behaviour
~%-100%Arguments between equals
}

::Numbers::Match the number to the service.{
=999 -> Emergency
=101 -> Non-emergency
=0808 2000 247 -> National Domestic Abuse Helpline
}
"""

MOODLE_XML = b"""<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="category"><category><text>$course$/Safe Places</text></category></question>
  <question type="multichoice">
    <name><text>When to call 999</text></name>
    <questiontext format="html">
      <text><![CDATA[<p>When should you call 999?</p>]]></text>
    </questiontext>
    <generalfeedback format="html"><text>Call 999 in an emergency.</text></generalfeedback>
    <single>true</single>
    <answer fraction="100">
      <text>Someone is in immediate danger</text><feedback><text>Yes.</text></feedback>
    </answer>
    <answer fraction="0">
      <text>To ask for opening hours</text><feedback><text>No.</text></feedback>
    </answer>
  </question>
</quiz>
"""


def upload(client, name, content):
    """Upload a file and follow to its import's page (read at once: tasks run inline here)."""
    return client.post(
        reverse("courses_question_import"),
        {"file": SimpleUploadedFile(name, content)},
        follow=True,
    )


def confirm(client, response):
    """Press "Import N questions" on the page an upload led to."""
    return client.post(response.redirect_chain[-1][0], {"action": "confirm"}, follow=True)


@pytest.fixture
def coordinator(client, user_with_role):
    sign_in(client, user_with_role(Role.TRAINING_COORDINATOR))
    return client


def test_gift_file_previews_then_imports_every_type(coordinator):
    response = upload(coordinator, "bank.gift", GIFT.encode())
    html = response.content.decode()
    assert "4 questions ready to import" in html
    assert Question.objects.count() == 0  # nothing until confirmed

    response = confirm(coordinator, response)
    assert response.status_code == 200
    questions = {q.name: q for q in Question.objects.all()}
    assert set(questions) == {"Coercive control law", "Children", "Forms", "Numbers"}
    assert questions["Children"].type == "true_false"
    assert questions["Forms"].type == "multiple"
    assert sorted(o.fraction for o in questions["Forms"].options.all()) == [
        Decimal("-1"),
        Decimal("0.5"),
        Decimal("0.5"),
    ]
    assert questions["Numbers"].pairs.count() == 3
    assert questions["Coercive control law"].category.name == "Imported/Identifying abuse"


def test_moodle_xml_imports(coordinator):
    confirm(coordinator, upload(coordinator, "bank.xml", MOODLE_XML))
    question = Question.objects.get()
    assert question.name == "When to call 999"
    assert question.type == "single"
    assert [o.fraction for o in question.options.order_by("sort_order")] == [
        Decimal(1),
        Decimal(0),
    ]


def test_a_broken_file_imports_nothing_and_lists_its_errors(coordinator):
    broken = GIFT + "\n::Unclosed::This question never ends{\n=Yes\n~No\n"
    response = upload(coordinator, "broken.gift", broken.encode())
    html = response.content.decode()
    assert "Nothing was imported" in html
    assert "Line " in html
    # The confirm step cannot import a file that failed.
    assert "Import 5 questions" not in html
    confirm(coordinator, response)
    assert Question.objects.count() == 0


def test_wrong_file_type_and_oversized_files_are_refused(coordinator):
    response = upload(coordinator, "bank.pdf", b"%PDF-1.4")
    assert "Choose a .gift, .txt or .xml file" in response.content.decode()
    response = upload(coordinator, "huge.gift", b"x" * (10 * 1024 * 1024 + 1))
    assert "10 MB or smaller" in response.content.decode()
    assert Question.objects.count() == 0


def test_latin1_files_from_windows_are_read(coordinator):
    text = "::Café::Is this a café?{TRUE}\n"
    confirm(coordinator, upload(coordinator, "bank.txt", text.encode("cp1252")))
    assert Question.objects.get().name == "Café"


def test_learners_cannot_import(client, user_with_role):
    sign_in(client, user_with_role(Role.LEARNER))
    response = client.post(
        reverse("courses_question_import"), {"file": SimpleUploadedFile("bank.gift", GIFT.encode())}
    )
    assert response.status_code in (302, 403)
    assert Question.objects.count() == 0


def test_export_to_gift_reads_back_the_same_questions(coordinator):
    for qtype in ("single", "multiple", "true_false", "matching"):
        make_question(qtype, name=f"Exported {qtype}")
    response = coordinator.get(reverse("courses_question_export"))
    assert response["Content-Disposition"].startswith("attachment;")
    parsed = parse_gift(response.content.decode())
    assert parsed.errors == []
    originals = {q.name: services.question_bank.to_parsed(q) for q in Question.objects.all()}
    for question in parsed.questions:
        original = originals[question.name]
        assert question.type == original.type
        assert [o.fraction for o in question.options] == [o.fraction for o in original.options]
        assert [(p.prompt, p.answer) for p in question.pairs] == [
            (p.prompt, p.answer) for p in original.pairs
        ]


def test_the_preview_shows_the_item_writing_check_before_importing(coordinator):
    bank = """::Negative::Which of these is not a helpline?{
=A bus timetable
~PIPPA
~National Domestic Abuse Helpline
}

::Fair::Who completes the DASH risk checklist with a victim?{
=A trained practitioner
~The person using abuse
~The victim's neighbour
}
"""
    response = upload(coordinator, "bank.gift", bank.encode())
    html = response.content.decode()
    assert "2 questions ready to import" in html
    assert html.count("asks in the negative") == 1  # flagged on the first question only
    assert "No problems found" in html
    # A warning, not an error: the bank still imports.
    confirm(coordinator, response)
    assert Question.objects.count() == 2
