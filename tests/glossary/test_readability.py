"""bench/readability.py: which text is scored, and the report from YAML or the database."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

import readability


def test_quoted_law_sources_and_addresses_are_left_out():
    blocks = [
        ("heading", {"text": "What the law says", "level": "h2"}),
        ("text", "<p>Abuse can be <b>physical</b>.</p><ul><li>Shouting</li><li>Threats</li></ul>"),
        ("legislation", {"quote": "QUOTED LAW", "citation": "Act 2021", "url": "https://x"}),
        ("get_help", {"heading": "Where to get help", "services": ["pippa"]}),
        ("sources", {"sources": [{"title": "SOURCE TITLE", "url": "https://y"}]}),
    ]
    text = readability.lesson_text(blocks)
    assert text == (
        "What the law says. Abuse can be physical. Shouting. Threats. Where to get help."
    )


def test_a_list_lead_in_and_items_ending_in_colons_or_semicolons_are_sentences_of_their_own():
    import textstat

    text = readability.lesson_text(
        [("text", "<p>It is an offence to:</p><ul><li>carry out FGM;</li><li>help;</li></ul>")]
    )
    assert text == "It is an offence to. carry out FGM. help."
    assert textstat.sentence_count(text) == 2  # textstat ignores sentences of 2 words or fewer
    ended = readability.lesson_text([("text", "<p>Is it?</p><p>“Yes.”</p><p>(section 3A)</p>")])
    assert ended == "Is it? “Yes.” (section 3A)."


def test_a_decimal_point_does_not_end_a_sentence():
    import textstat

    text = readability.lesson_text([("text", "<p>Of 2,853 offenders, 31.4% repeat.</p>")])
    assert text == "Of 2,853 offenders, 314% repeat."
    assert textstat.sentence_count(text) == 1
    whole = readability.lesson_text([("text", "<p>Call 999. Then 101.</p>")])
    assert whole == "Call 999. Then 101."


def test_harder_text_scores_an_older_reading_age():
    easy = readability.lesson_text([("text", "<p>Ask. Listen. Be kind. Say you believe them.</p>")])
    hard = readability.lesson_text(
        [
            (
                "text",
                "<p>Multi-agency safeguarding arrangements necessitate comprehensive, "
                "proportionate information-sharing between organisations responsible for "
                "identifying and mitigating escalating domestic abuse risk.</p>",
            )
        ]
    )
    assert readability.grade(hard) > readability.grade(easy) + 5


def test_the_yaml_report_covers_every_demo_lesson():
    from courses.demo_content import MODULE_FILES, module

    lessons = sum(len(module(name)["lessons"]) for name in MODULE_FILES)
    out = readability.report(readability.lessons_from_yaml())
    assert "or under: " in out
    assert f" of {lessons} (" in out
    assert out.index("Lessons, worst first") < out.index("Modules, worst first")


@pytest.mark.django_db
def test_the_database_report_reads_live_lessons(catalogue):
    from courses.factories import LessonPageFactory, ModulePageFactory, lesson_body

    module = ModulePageFactory(parent=catalogue, title="Module A")
    LessonPageFactory(parent=module, title="Live one", body=lesson_body("Short text here."))
    draft = LessonPageFactory(parent=module, title="Draft one")
    draft.unpublish()
    found = list(readability.lessons_from_database())
    assert [(m, title) for m, title, _ in found] == [("Module A", "Live one")]
    assert readability.lesson_text(found[0][2]) == "Short text here."
    assert "Module A: Live one" in readability.report(found)
