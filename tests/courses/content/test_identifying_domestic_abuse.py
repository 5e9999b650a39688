"""The "Identifying domestic abuse" demo module says what a safeguarding trainer signed off.

These tests read the YAML through ``courses.demo_content`` (no database): each correction
from issue 13 stays corrected, each added topic is taught and cites its primary source in
the same lesson, and the question bank is big enough for a resit to show new questions.
"""

import re
from collections import Counter
from html import unescape

import pytest

from courses import demo_content

NAME = "identifying_domestic_abuse"
FULL_INQUIRY_NAME = (
    "the 2019 scrutiny inquiry into reducing and preventing domestic abuse in Southampton"
)
# What learners read in a lesson: every block except the lists of services and sources.
NOT_READ_AS_PROSE = {"get_help", "sources"}


def plain(value) -> str:
    """The readable text of a block value (strings, dicts and lists of them), tags removed."""
    if isinstance(value, str):
        text = value
    elif isinstance(value, dict):
        text = " ".join(plain(item) for item in value.values())
    elif isinstance(value, list):
        text = " ".join(plain(item) for item in value)
    else:
        text = ""
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", text))).strip()


@pytest.fixture(scope="module")
def module():
    return demo_content.module(NAME)


@pytest.fixture(scope="module")
def questions():
    return demo_content.questions(NAME)


@pytest.fixture(scope="module")
def lessons(module):
    return {lesson["slug"]: lesson for lesson in module["lessons"]}


def prose(lesson) -> str:
    return " ".join(plain(value) for kind, value in lesson["body"] if kind not in NOT_READ_AS_PROSE)


def source_urls(lesson) -> list[str]:
    kind, value = lesson["body"][-1]
    assert kind == "sources"
    return [source["url"] for source in value["sources"]]


def services(lesson) -> set[str]:
    return {
        slug for kind, value in lesson["body"] if kind == "get_help" for slug in value["services"]
    }


def all_prose(lessons) -> str:
    return " ".join(prose(lesson) for lesson in lessons.values())


# --- Structure ---------------------------------------------------------------------------------


def test_every_lesson_ends_with_a_sources_block_with_checked_dates(lessons):
    assert 6 <= len(lessons) <= 7
    for slug, lesson in lessons.items():
        kind, value = lesson["body"][-1]
        assert kind == "sources", slug
        assert value["sources"], slug
        for source in value["sources"]:
            assert source["url"].startswith("https://"), (slug, source)
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", source["date_checked"]), (slug, source)


def test_every_get_help_service_is_a_known_support_service(lessons):
    for slug, lesson in lessons.items():
        assert services(lesson) <= set(demo_content.SERVICE_SLUGS), slug


def test_module_minutes_add_up(module, lessons):
    assert module["estimated_minutes"] == sum(lesson["minutes"] for lesson in lessons.values())


# --- Corrections -------------------------------------------------------------------------------


def test_pippa_is_weekday_office_hours_and_every_pippa_route_has_an_out_of_hours_route(lessons):
    pathway = prose(lessons["local-pathway"])
    assert "Monday to Friday, 9:30am to 4:30pm" in pathway
    assert "not a 24-hour" in pathway
    for slug, lesson in lessons.items():
        text = prose(lesson)
        offered = "PIPPA" in text or "pippa" in services(lesson)
        if not offered:
            continue
        # Out of hours: the 24-hour helpline and 999, in the lesson's own help list.
        assert {"pippa", "national-da-helpline", "emergency-999"} <= services(lesson), slug
        if "PIPPA" in text:
            assert "National Domestic Abuse Helpline" in text or "999" in text, slug
            assert not re.search(r"PIPPA[^.]*\b24 hours\b", text), slug


def test_pippa_hours_are_sourced_where_pippa_is_described(lessons):
    sscp = (
        "southampton-safeguarding-children-partnership/professionals/"
        "themes-guidance-and-toolkits/domestic-abuse"
    )
    for slug, lesson in lessons.items():
        if "PIPPA" in prose(lesson):
            assert any(sscp in url for url in source_urls(lesson)), slug


def test_dara_is_named_where_dash_is_described(lessons):
    risk = lessons["dash-and-risk"]
    text = prose(risk)
    assert "Domestic Abuse Risk Assessment (DARA)" in text
    assert "DARA replaces the DASH questionnaire" in text
    assert "still commonly use the SafeLives Dash risk checklist" in text
    assert "The police use their own version" not in text
    assert (
        "https://www.college.police.uk/article/police-better-equipped-spot-controlling-behaviour"
        in source_urls(risk)
    )


def test_the_national_helpline_says_who_it_is_for_without_typed_numbers(lessons):
    text = prose(lessons["local-pathway"])
    assert "Refuge says the helpline is for women experiencing domestic abuse" in text
    assert (
        "Friends, family and others who are worried about someone they know can call it too" in text
    )
    # Numbers live in the support service records, shown by the get_help block.
    assert "0808 2000 247" not in all_prose(lessons)
    assert "0808 801 0327" not in all_prose(lessons)
    assert any("refuge.org.uk" in url for url in source_urls(lessons["local-pathway"]))


def test_one_name_for_the_2019_scrutiny_inquiry(lessons):
    text = all_prose(lessons)
    assert "scrutiny report" not in text
    for slug, lesson in lessons.items():
        mentions = [m.start() for m in re.finditer(r"2019 scrutiny inquiry", prose(lesson))]
        if mentions:
            # The first mention in each lesson gives the full name.
            first = prose(lesson)[mentions[0] - 4 :]
            assert first.lower().startswith(FULL_INQUIRY_NAME.lower()), slug


DISTRESSING = re.compile(
    r"\b(rap(e|ed|ist|es)|sexual (violence|assault|abuse|exploitation)|assault(s|ed)?"
    r"|strangl\w*|suffocat\w*|chok(e|ed|es|ing)|murder\w*|homicide\w*|kill(s|ed|ing)?"
    r"|suicid\w*|self-harm\w*|mutilat\w*|injur(y|ies|ed)|bruis\w*|cutting|stab\w*"
    r"|threat(s|ened|ening)? to kill)\b",
    re.IGNORECASE,
)


def test_lessons_with_distressing_material_have_a_content_note(lessons):
    assert lessons["local-pathway"]["distressing"] is True
    for slug, lesson in lessons.items():
        if DISTRESSING.search(prose(lesson)) or any(
            kind == "case_study" for kind, _ in lesson["body"]
        ):
            assert lesson["distressing"] is True, slug
            assert len(lesson["content_note"].split()) >= 8, slug


# --- Added topics ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lesson_slug", "phrases", "url"),
    [
        (
            "local-pathway",
            [
                "Clare’s Law",
                "Right to Ask",
                "Right to Know",
                "Section 77 put the scheme’s guidance",
            ],
            "https://www.legislation.gov.uk/ukpga/2021/17/section/77",
        ),
        (
            "local-pathway",
            ["statutory guidance in April 2023"],
            "https://www.gov.uk/government/publications/domestic-violence-disclosure-scheme-pilot-guidance/domestic-violence-disclosure-scheme-accessible",
        ),
        (
            "dash-and-risk",
            [
                "section 75A",
                "7 June 2022",
                "intentionally strangles",
                "affects B's ability to breathe",
            ],
            "https://www.legislation.gov.uk/ukpga/2015/9/section/75A",
        ),
        (
            "dash-and-risk",
            ["strong link between non-fatal strangulation and domestic homicide"],
            "https://safelives.org.uk/training/non-fatal_strangulation",
        ),
        (
            "local-pathway",
            ["Domestic Violence Protection Notice (DVPN)", "between 14 and 28 days"],
            "https://www.legislation.gov.uk/ukpga/2010/17/section/24",
        ),
        (
            "local-pathway",
            ["Domestic Abuse Protection Orders (DAPOs)", "Part 3 of the Domestic Abuse Act 2021"],
            "https://www.legislation.gov.uk/ukpga/2021/17/part/3",
        ),
        (
            "local-pathway",
            ["pilot in some areas from November 2024"],
            "https://www.gov.uk/government/publications/domestic-abuse-protection-orders-and-protection-notices/domestic-abuse-protection-orders-and-domestic-abuse-protection-notices-statutory-guidance-for-the-police-accessible",
        ),
        (
            "what-domestic-abuse-is",
            ["Operation Encompass", "before the start of the next school day"],
            "https://committees.parliament.uk/writtenevidence/1608/html/",
        ),
        (
            "dash-and-risk",
            ["How HRDA relates to Marac", "compared Southampton’s HRDA cases with Maracs"],
            "https://www.southampton.gov.uk/modernGov/ieListMeetings.aspx?Cld=709&Year=0",
        ),
        (
            "dash-and-risk",
            ["review and improve its MASH, HRDA and Marac arrangements"],
            "https://www.southampton.gov.uk/domestic-abuse/",
        ),
    ],
)
def test_added_topic_is_taught_and_sourced_in_the_same_lesson(lessons, lesson_slug, phrases, url):
    lesson = lessons[lesson_slug]
    text = prose(lesson)
    for phrase in phrases:
        assert phrase in text, phrase
    assert url in source_urls(lesson)


def test_dapos_are_not_described_as_in_force_everywhere(lessons):
    text = prose(lessons["local-pathway"])
    assert "some areas" in text
    assert not re.search(r"DAPOs? (are|is) (now )?(in force|available) (everywhere|across)", text)


# --- Question bank -----------------------------------------------------------------------------


def test_question_bank_is_big_enough(questions):
    assert len(questions) >= 36
    assert sum(1 for q in questions if q["scenario"]) * 2 >= len(questions)


def test_every_question_names_a_lesson_and_an_outcome_of_this_module(module, lessons, questions):
    for question in questions:
        assert question["topic"] in lessons, question["stem"]
        assert 1 <= question["outcome"] <= len(module["outcomes"]), question["stem"]
        assert "Source" in plain(question["feedback"]), question["stem"]


def test_every_outcome_has_at_least_three_scenario_questions(module, questions):
    scenarios = Counter(q["outcome"] for q in questions if q["scenario"])
    for number in range(1, len(module["outcomes"]) + 1):
        assert scenarios[number] >= 3, number


def test_quiz_draws_allow_a_different_resit(module, lessons, questions):
    draws = module["quiz"]["draws"]
    assert 12 <= sum(draws.values()) <= 15
    per_topic = Counter(q["topic"] for q in questions)
    for topic, count in draws.items():
        assert topic in lessons, topic
        assert per_topic[topic] >= 2 * count, topic


def test_no_option_length_cue(questions):
    for question in questions:
        options = question.get("options", [])
        right = [len(plain(o["text"])) for o in options if o["correct"]]
        wrong = [len(plain(o["text"])) for o in options if not o["correct"]]
        if question["type"] == "single":
            assert len(options) == 4 and len(wrong) >= 2, question["stem"]
            assert right[0] <= max(wrong), question["stem"]
        if question["type"] == "multiple":
            assert 4 <= len(options) <= 6 and len(wrong) >= 2, question["stem"]
            assert min(right) <= max(wrong), question["stem"]
