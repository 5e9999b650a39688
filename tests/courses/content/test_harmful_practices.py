"""The harmful practices demo module teaches what a safeguarding trainer signed off (issue 13).

Reads ``courses/demo_content/harmful_practices.yaml`` through ``courses.demo_content``; no
database. Each corrected fact is pinned (right wording present, wrong wording gone), each
new topic must be taught and sourced in its own lesson, and the question bank must be big
and varied enough for a quiz that draws different questions on a resit.
"""

import re
from html import unescape

import pytest

from courses import demo_content

NAME = "harmful_practices"

# Themes that need a content note before the lesson (as in test_content_notes.py).
DISTRESSING = re.compile(
    r"\b(rap(e|ed|ist|es)|sexual (violence|assault|abuse|exploitation)|assault(s|ed)?"
    r"|strangl\w*|suffocat\w*|chok(e|ed|es|ing)|murder\w*|homicide\w*|kill(s|ed|ing)?"
    r"|suicid\w*|self-harm\w*|mutilat\w*|injur(y|ies|ed)|bruis\w*|cutting|stab\w*"
    r"|threat(s|ened|ening)? to kill|violence)\b",
    re.IGNORECASE,
)
NOT_MATERIAL = {"get_help", "sources"}
UK_PHONE = re.compile(r"\b0\d{2,4} ?\d{3,4} ?\d{3,4}\b")


def plain(value) -> str:
    """All the text in a block value (strings, dicts and lists), tags stripped."""
    if isinstance(value, str):
        return " ".join(unescape(re.sub(r"<[^>]+>", " ", value)).split())
    if isinstance(value, dict):
        return " ".join(plain(v) for v in value.values())
    if isinstance(value, list):
        return " ".join(plain(v) for v in value)
    return str(value)


@pytest.fixture(scope="module")
def module():
    return demo_content.module(NAME)


@pytest.fixture(scope="module")
def lessons(module):
    return {lesson["slug"]: lesson for lesson in module["lessons"]}


@pytest.fixture(scope="module")
def questions():
    return demo_content.questions(NAME)


def prose(lesson) -> str:
    """What the learner reads in the lesson, leaving out service cards and source lists."""
    return " ".join(plain(value) for kind, value in lesson["body"] if kind not in NOT_MATERIAL)


def sources(lesson) -> list[dict]:
    kind, value = lesson["body"][-1]
    assert kind == "sources", lesson["slug"]
    return value["sources"]


def source_urls(lesson) -> set[str]:
    return {source["url"] for source in sources(lesson)}


def services(lesson) -> set[str]:
    return {
        slug for kind, value in lesson["body"] if kind == "get_help" for slug in value["services"]
    }


def legislation(lesson) -> list[dict]:
    return [value for kind, value in lesson["body"] if kind == "legislation"]


# ---- shape --------------------------------------------------------------------------------


def test_every_lesson_ends_with_dated_sources(lessons):
    assert 4 <= len(lessons) <= 6  # the loader's limit for a module
    for lesson in lessons.values():
        for source in sources(lesson):
            assert source["title"] and source["url"].startswith("http"), lesson["slug"]
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(source["date_checked"]))


def test_lessons_with_distressing_material_carry_a_specific_content_note(lessons):
    for slug, lesson in lessons.items():
        found = sorted({m.group(0).lower() for m in DISTRESSING.finditer(prose(lesson))})
        if found:
            assert lesson["distressing"] is True, (slug, found)
            assert len(lesson["content_note"].split()) >= 8, slug


def test_service_phone_numbers_live_in_service_cards_not_in_prose(lessons):
    # The service records are corrected in one place; lessons point to them.
    for slug, lesson in lessons.items():
        assert not UK_PHONE.search(prose(lesson)), slug


# ---- corrections --------------------------------------------------------------------------


def test_fgm_report_deadline_is_next_working_day_and_one_month_with_no_extension(lessons):
    text = prose(lessons["fgm-signs-and-mandatory-reporting"])
    assert "close of the next working day" in text
    assert "within one month" in text
    assert "no extension" in text
    for lesson in lessons.values():
        assert "exceptional" not in prose(lesson).lower(), lesson["slug"]
    assert any(
        "before the end of one month" in law["quote"]
        for law in legislation(lessons["fgm-signs-and-mandatory-reporting"])
    )


def test_fgm_act_section_1_5_is_quoted_exactly_and_is_about_mental_health(lessons):
    lesson = lessons["fgm-what-the-law-says"]
    quote = (
        "For the purpose of determining whether an operation is necessary for the mental health "
        "of a girl it is immaterial whether she or any other person believes that the operation "
        "is required as a matter of custom or ritual."
    )
    laws = [law for law in legislation(lesson) if law["citation"].endswith("section 1(5)")]
    assert [law["quote"] for law in laws] == [quote]
    assert laws[0]["url"] == "https://www.legislation.gov.uk/ukpga/2003/31/section/1"
    assert "necessary for a girl's health" not in prose(lesson)


def test_fgm_age_is_infancy_to_15_not_5_to_8(lessons):
    lesson = lessons["fgm-what-the-law-says"]
    assert "from infancy to 15, mostly before puberty" in prose(lesson)
    assert "https://www.nhs.uk/conditions/female-genital-mutilation-fgm/" in source_urls(lesson)
    for other in lessons.values():
        assert "5 and 8" not in prose(other), other["slug"]


def test_wherever_pippa_is_offered_a_24_hour_route_and_999_are_offered_too(lessons):
    offered = [lesson for lesson in lessons.values() if "pippa" in services(lesson)]
    assert offered
    for lesson in offered:
        assert {"national-da-helpline", "emergency-999"} <= services(lesson), lesson["slug"]


def test_wherever_the_prose_names_pippa_it_gives_the_out_of_hours_route(lessons):
    named = [lesson for lesson in lessons.values() if "PIPPA" in prose(lesson)]
    assert named
    for lesson in named:
        text = prose(lesson)
        assert "National Domestic Abuse Helpline" in text and "24 hours" in text, lesson["slug"]
        assert "999" in text, lesson["slug"]
        for sentence in re.split(r"(?<=[.!?])\s+", text):
            if "PIPPA" in sentence and "National Domestic Abuse Helpline" not in sentence:
                assert not re.search(r"24 hours|24/7|any time|day or night", sentence), sentence


def test_fgm_and_forced_marriage_lessons_offer_their_specialist_lines(lessons):
    for slug in ("fgm-what-the-law-says", "fgm-signs-and-mandatory-reporting"):
        assert "nspcc-fgm-helpline" in services(lessons[slug]), slug
    for slug in ("forced-marriage-and-the-law", "warning-signs-and-the-one-chance-rule"):
        assert {"forced-marriage-unit", "karma-nirvana"} <= services(lessons[slug]), slug


def test_the_scrutiny_inquiry_has_one_name(lessons):
    text = " ".join(prose(lesson) for lesson in lessons.values()).lower()
    assert (
        "the 2019 scrutiny inquiry into reducing and preventing domestic abuse in southampton"
        in text
    )
    assert "2018/19 scrutiny" not in text


def test_dara_is_named_wherever_dash_is_described(lessons):
    described = [lesson for lesson in lessons.values() if "DASH" in prose(lesson)]
    for lesson in described:
        assert "Domestic Abuse Risk Assessment (DARA)" in prose(lesson), lesson["slug"]
        assert (
            "https://www.college.police.uk/article/police-better-equipped-spot-controlling-behaviour"
            in source_urls(lesson)
        )


# ---- new topics ---------------------------------------------------------------------------


def test_virginity_testing_and_hymenoplasty_offences_are_taught_and_sourced(lessons):
    lesson = lessons["honour-based-abuse-and-local-support"]
    text = prose(lesson)
    for phrase in (
        "Health and Care Act 2022",
        "virginity testing (section 136)",
        "hymenoplasty (section 148)",
        "offer to do either, or to aid or abet",
        "1 July 2022",
        "part of the cycle of honour-based abuse",
    ):
        assert phrase in text, phrase
    assert any(
        law["citation"] == "Health and Care Act 2022, section 136(1)" for law in legislation(lesson)
    )
    urls = source_urls(lesson)
    assert "https://www.legislation.gov.uk/ukpga/2022/31/section/136" in urls
    assert "https://www.legislation.gov.uk/ukpga/2022/31/section/148" in urls
    assert any("virginity-testing-and-hymenoplasty-multi-agency-guidance" in url for url in urls)


def test_male_and_lgbt_victims_are_taught_with_sourced_figures(lessons):
    lesson = lessons["understanding-harmful-practices"]
    text = prose(lesson)
    assert "262 of them (19%) involved male victims" in text
    assert "LGBT+" in text and "Galop" in text
    assert "galop" in services(lesson)
    urls = source_urls(lesson)
    assert "https://www.gov.uk/government/statistics/forced-marriage-unit-statistics-2019" in urls
    assert any("galop.org.uk" in url for url in urls)
    assert (
        "https://www.gov.uk/government/publications/what-is-forced-marriage-in-the-lgbt-community"
        in urls
    )


# ---- question bank ------------------------------------------------------------------------


def test_question_bank_is_big_enough_and_every_question_is_tagged(module, lessons, questions):
    assert len(questions) >= 36
    outcomes = len(module["outcomes"])
    for question in questions:
        assert question["topic"] in lessons, question["stem"]
        assert 1 <= question["outcome"] <= outcomes, question["stem"]
        assert isinstance(question["scenario"], bool), question["stem"]
        assert "Source" in question["feedback"], question["stem"]


def test_every_outcome_has_three_scenarios_and_half_the_bank_applies_knowledge(module, questions):
    for number in range(1, len(module["outcomes"]) + 1):
        scenarios = [q for q in questions if q["outcome"] == number and q["scenario"]]
        assert len(scenarios) >= 3, number
    assert 2 * sum(q["scenario"] for q in questions) >= len(questions)


def test_quiz_draws_add_up_and_a_resit_can_show_different_questions(module, lessons, questions):
    draws = module["quiz"]["draws"]
    assert 12 <= sum(draws.values()) <= 15
    assert set(draws) <= set(lessons)
    for topic, count in draws.items():
        assert sum(q["topic"] == topic for q in questions) >= 2 * count, topic


def test_choice_questions_give_no_length_cue_and_enough_wrong_options(questions):
    for question in questions:
        if question["type"] not in ("single", "multiple"):
            continue
        right = [len(plain(o["text"])) for o in question["options"] if o["correct"]]
        wrong = [len(plain(o["text"])) for o in question["options"] if not o["correct"]]
        assert len(wrong) >= 2, question["stem"]
        assert min(right) <= max(wrong), question["stem"]
        assert all(o.get("feedback") for o in question["options"]), question["stem"]
        if question["type"] == "single":
            assert len(right) == 1 and len(question["options"]) == 4, question["stem"]


def test_questions_avoid_catch_all_options_and_duplicates(questions):
    catch_all = re.compile(r"\b(all|none|both|neither) of (the )?(above|these|them)\b", re.I)
    for question in questions:
        texts = [plain(o["text"]).casefold() for o in question.get("options", [])]
        assert not any(catch_all.search(text) for text in texts), question["stem"]
        assert len(texts) == len(set(texts)), question["stem"]


def test_questions_ask_in_the_positive(questions):
    negative = re.compile(r"\b(not|except|least|never|cannot|\w+n't)\b", re.I)
    for question in questions:
        sentences = [s for s in re.split(r"(?<=[.?!])\s+", plain(question["stem"])) if s.strip()]
        asking = [s for s in sentences if s.rstrip().endswith("?")] or sentences
        assert not negative.search(asking[-1]), question["stem"]
