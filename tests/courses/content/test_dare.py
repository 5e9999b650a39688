"""The DARE principles demo module teaches what a safeguarding trainer signed off (issue 13).

Reads ``courses/demo_content/dare.yaml`` through ``courses.demo_content``; no database. Each
corrected fact is pinned (right wording present, wrong wording gone), each new topic must be
taught and sourced in its own lesson, and the question bank must be big and varied enough
for a quiz that draws different questions on a resit.
"""

import re
from html import unescape

import pytest

from courses import demo_content

NAME = "dare"

# Themes that need a content note before the lesson (as in test_content_notes.py, plus
# "violence" and "hit", which a case study about abusive behaviour is likely to use).
DISTRESSING = re.compile(
    r"\b(rap(e|ed|ist|es)|sexual (violence|assault|abuse|exploitation)|assault(s|ed|ing)?"
    r"|strangl\w*|suffocat\w*|chok(e|ed|es|ing)|murder\w*|homicide\w*|kill(s|ed|ing)?"
    r"|suicid\w*|self-harm\w*|mutilat\w*|injur(y|ies|ed)|bruis\w*|cutting|stab\w*"
    r"|threat(s|ened|ening)? to kill|violence|violent|hit(s|ting)?)\b",
    re.IGNORECASE,
)
NOT_MATERIAL = {"get_help", "sources"}
UK_PHONE = re.compile(r"\b0\d{2,4} ?\d{3,4} ?\d{3,4}\b")
CHECKED = "2026-11-30"


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
    return [s for kind, value in lesson["body"] if kind == "sources" for s in value["sources"]]


def services(lesson) -> list[list[str]]:
    return [value["services"] for kind, value in lesson["body"] if kind == "get_help"]


def everything(module, questions) -> str:
    """Every word of the module a learner can read: lessons, outcomes and the quiz."""
    parts = [module["title"], module["summary"], *module["outcomes"]]
    parts += [prose(lesson) for lesson in module["lessons"]]
    parts += [plain(q) for q in questions]
    return " ".join(parts)


def assert_sourced(lesson, *urls):
    cited = {s["url"]: s for s in sources(lesson)}
    for url in urls:
        assert url in cited, f"{lesson['slug']} does not cite {url}"
        assert str(cited[url]["date_checked"]) == CHECKED


# ---- corrections ----------------------------------------------------------------------------


def test_the_title_cannot_be_taken_for_dare_accreditation(module, lessons):
    assert module["slug"] == "dare"
    assert module["title"] == "Asking about abusive behaviour: the principles behind DARE"
    first = prose(module["lessons"][0])
    assert module["lessons"][0]["slug"] == "why-ask"
    assert "It is not DARE training" in first
    assert "does not make you DARE-trained or accredited" in first


def test_only_the_strategy_s_words_say_who_developed_dare(module, lessons, questions):
    text = everything(module, questions)
    assert "the city’s commissioned perpetrator service developed it" in prose(lessons["why-ask"])
    assert (
        "“to support practitioners to identify domestic abuse perpetrators, to explore the "
        "risks and to support them into specialist services”" in prose(lessons["why-ask"])
    )
    for claim in (
        "developed by The Hampton Trust",
        "DARE was developed by The Hampton Trust",
        "toolkit is delivered by The Hampton Trust",
        "delivers the full DARE toolkit",
        "commissioned perpetrator service follows this approach",
    ):
        assert claim not in text


def test_the_home_office_standards_are_described_as_what_they_are(lessons):
    referral = prose(lessons["referral-and-support"])
    assert "principles and practice guidelines for the organisations that commission" in referral
    assert "They are not a script for frontline workers" in referral
    asking = prose(lessons["asking-and-responding"])
    assert "written for the organisations that commission and run" in asking
    assert_sourced(
        lessons["referral-and-support"],
        "https://www.gov.uk/government/publications/standards-for-domestic-abuse-perpetrator-interventions/standards-for-domestic-abuse-perpetrator-interventions-accessible",
    )


def test_no_phone_number_is_typed_into_lesson_prose_or_questions(module, questions):
    """Numbers live on the service records (get_help blocks), which another file keeps right."""
    for lesson in module["lessons"]:
        assert not UK_PHONE.search(prose(lesson)), lesson["slug"]
    for question in questions:
        assert not UK_PHONE.search(plain(question)), question["stem"]


def test_one_name_for_the_2019_scrutiny_inquiry(module, lessons, questions):
    full = "the 2019 scrutiny inquiry into reducing and preventing domestic abuse in Southampton"
    assert full.casefold() in prose(lessons["why-ask"]).casefold()
    text = everything(module, questions)
    assert "scrutiny report" not in text
    assert "Southampton’s 2019 scrutiny" not in text
    for lesson in module["lessons"]:
        said = prose(lesson)
        if "scrutiny" in said:
            assert "2019 scrutiny inquiry" in said, lesson["slug"]


def test_pippa_is_always_paired_with_an_out_of_hours_route(module):
    for lesson in module["lessons"]:
        for listed in services(lesson):
            if "pippa" in listed:
                assert "national-da-helpline" in listed, lesson["slug"]
                assert "emergency-999" in listed, lesson["slug"]
        said = prose(lesson)
        if "PIPPA" in said:
            assert "National Domestic Abuse Helpline" in said, lesson["slug"]


def test_dara_is_named_where_dash_is_described(lessons):
    safety = prose(lessons["victim-safety-first"])
    assert "Dash risk checklist" in safety
    assert "Domestic Abuse Risk Assessment (DARA)" in safety
    assert_sourced(
        lessons["victim-safety-first"],
        "https://www.college.police.uk/article/police-better-equipped-spot-controlling-behaviour",
    )


# ---- new topics -----------------------------------------------------------------------------


def test_asking_everyone_the_same_way_is_taught_and_sourced(lessons):
    lesson = lessons["asking-everyone"]
    said = prose(lesson)
    for phrase in (
        "Ask everyone the same way",
        "Women who use abuse",
        "same-sex relationships",
        "Adult family members",
        "child and adolescent to parent violence and abuse (CAPVA)",
        "Men’s Advice Line",
        "Galop",
    ):
        assert phrase in said, phrase
    listed = {slug for block in services(lesson) for slug in block}
    assert {"mens-advice-line", "galop", "respect-phone-line"} <= listed
    assert_sourced(
        lesson,
        "https://www.legislation.gov.uk/ukpga/2021/17/section/2",
        "https://www.nice.org.uk/guidance/ph50/chapter/4-Considerations",
        "https://www.respect.uk.net/articles/respect-animation-and-RYPP-figures",
        "https://respectphoneline.org.uk/resources/frontline-workers/factsheets/from-early-response-to-interrupting-high-harm-factsheet-for-frontline-workers/",
        "http://www.galop.org.uk/recogniseandrespond/",
    )


def test_why_couples_work_mediation_and_anger_management_are_not_substitutes(lessons):
    lesson = lessons["referral-and-support"]
    said = prose(lesson)
    for phrase in ("Couples counselling", "mediation", "Anger management"):
        assert phrase in said, phrase
    assert "the same member of staff should not support both people" in said
    assert_sourced(
        lesson,
        "https://www.nice.org.uk/guidance/qs116/chapter/quality-statement-4-referral-to-specialist-services-for-people-perpetrating-domestic-violence-or",
        "https://respectphoneline.org.uk/resources/frontline-workers/guidelines-for-working-with-perpetrators-of-domestic-abuse/",
    )


# ---- structure and safety -------------------------------------------------------------------


def test_every_lesson_ends_with_sources_and_warns_before_distressing_content(module):
    assert 3 <= len(module["outcomes"]) <= 6
    assert len(module["lessons"]) <= 7
    assert sum(lesson["minutes"] for lesson in module["lessons"]) == module["estimated_minutes"]
    for lesson in module["lessons"]:
        kinds = [kind for kind, _ in lesson["body"]]
        assert kinds[-1] == "sources", lesson["slug"]
        found = DISTRESSING.findall(prose(lesson))
        if found:
            assert lesson["distressing"], lesson["slug"]
        if lesson["distressing"]:
            assert len(lesson["content_note"].strip()) > 40, lesson["slug"]


def test_get_help_blocks_name_known_services(module):
    known = set(demo_content.SERVICE_SLUGS) | {
        "galop",
        "nspcc-fgm-helpline",
        "rape-crisis",
        "national-stalking-helpline",
        "samaritans",
        "relay-uk",
        "emergency-sms",
        "childline",
    }
    for lesson in module["lessons"]:
        for listed in services(lesson):
            assert set(listed) <= known, lesson["slug"]


# ---- question bank --------------------------------------------------------------------------


def test_the_question_bank_is_big_and_tagged(module, questions):
    slugs = {lesson["slug"] for lesson in module["lessons"]}
    assert len(questions) >= 36
    assert sum(1 for q in questions if q["scenario"]) * 2 >= len(questions)
    for q in questions:
        assert q["topic"] in slugs, q["stem"]
        assert 1 <= q["outcome"] <= len(module["outcomes"]), q["stem"]
        assert "Source:" in q["feedback"], q["stem"]
    for number in range(1, len(module["outcomes"]) + 1):
        scenarios = [q for q in questions if q["outcome"] == number and q["scenario"]]
        assert len(scenarios) >= 3, f"outcome {number}"


def test_quiz_draws_leave_enough_questions_for_a_resit(module, questions):
    draws = module["quiz"]["draws"]
    assert 12 <= sum(draws.values()) <= 15
    slugs = {lesson["slug"] for lesson in module["lessons"]}
    assert set(draws) == slugs
    for topic, count in draws.items():
        assert sum(1 for q in questions if q["topic"] == topic) >= 2 * count, topic


def test_options_give_no_length_cue_and_have_enough_wrong_answers(questions):
    for q in questions:
        if q["type"] not in ("single", "multiple"):
            continue
        right = [len(plain(o["text"])) for o in q["options"] if o["correct"]]
        wrong = [len(plain(o["text"])) for o in q["options"] if not o["correct"]]
        assert len(wrong) >= 2, q["stem"]
        assert min(right) <= max(wrong), q["stem"]
        texts = [plain(o["text"]).casefold() for o in q["options"]]
        assert len(set(texts)) == len(texts), q["stem"]
        assert all(o.get("feedback") for o in q["options"]), q["stem"]
        if q["type"] == "single":
            assert len(q["options"]) == 4, q["stem"]


def test_no_all_or_none_of_the_above(questions):
    pattern = re.compile(r"\b(all|none|both|neither) of (the )?(above|these|them)\b", re.I)
    for q in questions:
        for option in q.get("options") or []:
            assert not pattern.search(plain(option["text"])), q["stem"]
