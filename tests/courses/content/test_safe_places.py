"""The Safe Places module teaches what a safeguarding trainer signed off (issue 13).

Read straight from ``courses/demo_content/safe_places.yaml`` through ``courses.demo_content``:
no database. Each correction has a test so it cannot quietly regress, each new topic is
taught and cites its public source in the same lesson, and the question bank is big and
varied enough for a quiz that draws different questions on a resit.
"""

import re
from html import unescape

import pytest

from courses import demo_content

NAME = "safe_places"


def lessons() -> dict[str, dict]:
    return {lesson["slug"]: lesson for lesson in demo_content.module(NAME)["lessons"]}


def plain(value) -> str:
    """Every string inside a block value, tags stripped, whitespace collapsed."""
    if isinstance(value, dict):
        return " ".join(plain(item) for item in value.values())
    if isinstance(value, list):
        return " ".join(plain(item) for item in value)
    text = re.sub(r"</?(b|i|a|strong|em)\b[^>]*>", "", str(value))  # inline: no gap
    text = unescape(re.sub(r"<[^>]+>", " ", text))
    return " ".join(text.split())


def taught(slug: str) -> str:
    """What a learner reads in a lesson: everything but the service boxes and sources."""
    return " ".join(
        plain(value)
        for kind, value in lessons()[slug]["body"]
        if kind not in ("get_help", "sources")
    )


def blocks(slug: str, kind: str) -> list:
    return [value for block_kind, value in lessons()[slug]["body"] if block_kind == kind]


def source_urls(slug: str) -> set[str]:
    return {item["url"] for value in blocks(slug, "sources") for item in value["sources"]}


def services(slug: str) -> list[str]:
    return [service for value in blocks(slug, "get_help") for service in value["services"]]


def right_options(question: dict) -> list[str]:
    return [plain(option["text"]) for option in question.get("options", []) if option["correct"]]


def wrong_options(question: dict) -> list[str]:
    options = question.get("options", [])
    return [plain(option["text"]) for option in options if not option["correct"]]


# ---- corrections -------------------------------------------------------------------------


def test_the_11pm_case_study_leads_to_routes_open_at_11pm():
    (case,) = blocks("being-a-safe-place", "case_study")
    assert "11pm" in plain(case["scenario"])
    discussion = plain(case["discussion"])
    assert "PIPPA" in discussion and "not a 24-hour line" in discussion
    for route in (
        "999",
        "National Domestic Abuse Helpline, open 24 hours",
        "Rape Crisis 24/7 Support Line",
        "Samaritans, open 24 hours",
    ):
        assert route in discussion
    assert {"national-da-helpline", "rape-crisis", "samaritans"} <= set(
        services("being-a-safe-place")
    )


def test_wherever_pippa_is_offered_an_out_of_hours_route_is_offered_too():
    offered = [slug for slug in lessons() if "pippa" in services(slug)]
    assert offered, "PIPPA is the city's own helpline: some lesson should offer it"
    for slug in offered:
        assert {"national-da-helpline", "emergency-999"} <= set(services(slug)), slug


def test_pippa_is_never_described_as_open_all_night():
    everything = " ".join(taught(slug) for slug in lessons())
    assert not re.search(r"PIPPA[^.]*\b(24 hours|24-hour|all night)\b(?! line)", everything)
    assert "It is not a 24-hour line." in taught("support-notes-and-you")


def test_confidentiality_has_the_same_two_exceptions_in_lessons_and_quiz():
    old = "The only time I would call someone without asking you is if I thought you or someone"
    commitment = taught("being-a-safe-place")
    script = taught("welcoming-someone")
    assert old not in script
    for text in (commitment, script):
        assert "immediate danger" in text
        assert re.search(r"child (may|might) be at risk", text)
    assert (
        "I would only pass it on without asking you if you or someone else is in immediate "
        "danger, or if a child may be at risk." in script
    )

    asking = [
        q
        for q in demo_content.questions(NAME)
        if q["topic"] == "welcoming-someone" and "not to tell anyone" in q["stem"]
    ]
    assert asking, "the quiz asks what to say when someone asks you to keep a secret"
    for question in asking:
        (right,) = right_options(question)
        assert "immediate danger" in right and "child may be at risk" in right
        assert all("promise" not in option for option in right_options(question))


def test_national_domestic_abuse_helpline_audience_is_as_its_own_site_says():
    text = taught("support-notes-and-you")
    assert (
        "It is for women experiencing domestic abuse, and for friends, family and others who "
        "are worried about someone." in text
    )
    assert "Men’s Advice Line" in text and "Galop" in text
    assert "https://www.nationaldahelpline.org.uk/" in source_urls("support-notes-and-you")


def test_lesson_prose_leaves_service_numbers_to_the_service_boxes():
    for slug in lessons():
        for number in ("023 8091 7917", "0808 2000 247", "023 8063 6312"):
            assert number not in taught(slug), (slug, number)


def test_the_silent_solution_is_still_taught_right():
    text = taught("calling-the-police")
    assert "press 55" in text
    assert "A silent call on its own will not bring help." in text


# ---- new topics --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("slug", "phrases", "url"),
    [
        (
            "codewords-and-bystanders",
            ["Action Needed Immediately", "tell the call handler it is an “ANI” response"],
            "https://cpwales.org.uk/ask-for-ani-domestic-abuse-codeword-scheme-d54/",
        ),
        (
            "codewords-and-bystanders",
            ["ask for “Angela”", "Staff then help them get away quietly and safely."],
            "http://www.herts.police.uk/advice/ask_for_angela.aspx",
        ),
        (
            "codewords-and-bystanders",
            ["UK SAYS NO MORE Safe Spaces", "do not have to answer questions"],
            "https://uksaysnomore.org/how-to-access-safe-spaces/",
        ),
        (
            "codewords-and-bystanders",
            ["Enough", "Say something.", "Tell someone.", "Offer support.", "Provide a diversion."],
            "https://www.gov.uk/enough",
        ),
        (
            "codewords-and-bystanders",
            ["Treat a codeword as a request for help even if your workplace is not part of"],
            "https://www.southampton.gov.uk/domestic-abuse/",
        ),
        (
            "support-notes-and-you",
            [
                "Anyone under 18 is a child",
                "do not promise to keep it secret",
                "Childline",
                "children’s services",
            ],
            "https://www.gov.uk/government/publications/working-together-to-safeguard-children--2",
        ),
        (
            "support-notes-and-you",
            ["Childline: free, confidential and open 24 hours"],
            "https://learning.nspcc.org.uk/services/childline",
        ),
        (
            "support-notes-and-you",
            ["for anyone aged 16 or over in England and Wales"],
            "https://247sexualabusesupport.org.uk/faqs/",
        ),
        (
            "calling-the-police",
            ["emergencySMS", "text the word “register” to 999", "before any emergency"],
            "https://www.northyorkshire.police.uk/contact/emergency-sms-text-service/",
        ),
        (
            "calling-the-police",
            ["Relay UK", "dial 18000"],
            "https://www.relayuk.bt.com/news/providing-a-vital-lifeline.html",
        ),
    ],
)
def test_each_new_topic_is_taught_and_cites_its_source(slug, phrases, url):
    text = taught(slug)
    for phrase in phrases:
        assert phrase in text, phrase
    assert url in source_urls(slug)


def test_new_routes_are_in_the_service_boxes():
    assert {"emergency-sms", "relay-uk"} <= set(services("calling-the-police"))
    assert {"childline", "samaritans", "rape-crisis"} <= set(services("support-notes-and-you"))


def test_new_topics_have_an_outcome():
    outcomes = " ".join(demo_content.module(NAME)["outcomes"])
    for phrase in ("Ask for ANI", "Ask for Angela", "deaf", "under 18"):
        assert phrase in outcomes


# ---- structure ---------------------------------------------------------------------------


def test_every_lesson_ends_with_dated_sources_and_stays_within_seven_lessons():
    module = demo_content.module(NAME)
    assert 1 <= len(module["lessons"]) <= 7
    for lesson in module["lessons"]:
        kind, value = lesson["body"][-1]
        assert kind == "sources", lesson["slug"]
        for item in value["sources"]:
            assert item["url"].startswith(("https://", "http://")) and item["title"]
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", item["date_checked"])
    assert module["estimated_minutes"] == sum(lesson["minutes"] for lesson in module["lessons"])


def test_every_service_in_a_help_box_is_named_in_the_brief():
    known = {
        *demo_content.SERVICE_SLUGS,
        "galop",
        "nspcc-fgm-helpline",
        "rape-crisis",
        "national-stalking-helpline",
        "samaritans",
        "relay-uk",
        "emergency-sms",
        "childline",
    }
    for slug in lessons():
        assert set(services(slug)) <= known, slug


DISTRESSING = re.compile(
    r"\b(rap(e|ed|ist|es)|sexual (violence|assault|abuse)|assault(s|ed)?|strangl\w*"
    r"|murder\w*|kill(s|ed|ing)?|suicid\w*|self-harm\w*|injur(y|ies|ed)|violence)\b",
    re.IGNORECASE,
)


def test_lessons_that_mention_distressing_themes_carry_a_content_note():
    for slug, lesson in lessons().items():
        if DISTRESSING.search(taught(slug)):
            assert lesson["distressing"] is True, slug
            assert len(lesson["content_note"].strip()) > 30, slug


# ---- question bank -----------------------------------------------------------------------


def test_the_question_bank_is_big_enough_and_every_topic_is_a_lesson():
    questions = demo_content.questions(NAME)
    assert len(questions) >= 36
    slugs = set(lessons())
    outcomes = len(demo_content.module(NAME)["outcomes"])
    for question in questions:
        assert question["topic"] in slugs, question["stem"]
        assert 1 <= question["outcome"] <= outcomes, question["stem"]
        assert isinstance(question["scenario"], bool)
        assert "Source" in question["feedback"], question["stem"]


def test_every_outcome_has_three_scenario_questions_and_half_are_scenarios():
    questions = demo_content.questions(NAME)
    outcomes = demo_content.module(NAME)["outcomes"]
    assert 3 <= len(outcomes) <= 6
    for number in range(1, len(outcomes) + 1):
        scenarios = [q for q in questions if q["outcome"] == number and q["scenario"]]
        assert len(scenarios) >= 3, number
    assert 2 * sum(q["scenario"] for q in questions) >= len(questions)


def test_draws_add_up_and_a_resit_can_draw_different_questions():
    draws = demo_content.module(NAME)["quiz"]["draws"]
    assert 12 <= sum(draws.values()) <= 15
    assert set(draws) == set(lessons()), "every lesson is examined"
    questions = demo_content.questions(NAME)
    for topic, count in draws.items():
        assert sum(1 for q in questions if q["topic"] == topic) >= 2 * count, topic


def test_choice_questions_give_no_length_cue_and_at_least_two_wrong_options():
    for question in demo_content.questions(NAME):
        if question["type"] not in ("single", "multiple"):
            continue
        right, wrong = right_options(question), wrong_options(question)
        assert len(wrong) >= 2, question["stem"]
        assert min(map(len, right)) <= max(map(len, wrong)), question["stem"]
        for option in question["options"]:
            assert option.get("feedback"), (question["stem"], option["text"])
        texts = [option.casefold().rstrip(".") for option in right + wrong]
        assert len(set(texts)) == len(texts), question["stem"]
        assert not any(
            re.search(r"\b(all|none|both) of (the )?(above|these)\b", t, re.I) for t in texts
        )
