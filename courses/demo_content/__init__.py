"""Content of the five seeded modules, as YAML data files that ``load_demo`` turns into pages.

Editors and translators work on the ``.yaml`` files; nothing here is prose. One file per
module holds ``module`` and ``questions``:

module:
  slug: identifying-domestic-abuse
  title: Identifying domestic abuse
  summary: One or two sentences for the catalogue.
  audiences: [all-frontline, police]        # slugs from AUDIENCES below
  outcomes:                                  # 3 to 6, numbered 1, 2, 3 ... in this order
  - By the end you will be able to ...
  estimated_minutes: 45
  cpd_minutes: 45
  refresh_months: 36
  content_note: What distressing themes the module covers.
  review_by: 2027-11-01
  contact: The Domestic Abuse Training Coordinator, through your agency lead
  quiz:
    draws:                    # an attempt draws this many questions at random per lesson topic;
      what-domestic-abuse-is: 2   # 12 to 15 in all, and each topic holds at least twice its draw
  lessons:
  - slug: what-domestic-abuse-is
    title: What domestic abuse is
    summary: One sentence.
    minutes: 10
    distressing: false        # true shows a content note before the lesson
    content_note: ''          # required when distressing
    body:                     # blocks, in order; the last must be "sources"
    - heading: {text: ..., level: h2}
    - text: <p>HTML using p, ul, ol, li, b, i, a href only</p>
    - key_fact: {title: ..., text: <p>...</p>}
    - case_study: {title: ..., scenario: <p>...</p>, questions: <p>...</p>, discussion: <p>...</p>}
    - practice_point: {text: <p>...</p>}
    - legislation: {quote: exact words, citation: Act year, section, url: https://www.legislation.gov.uk/...}
    - accordion: {sections: [{heading: ..., content: <p>...</p>}]}
    - reflection: {question: ..., hint: ...}
    - get_help: {heading: Where to get help, services: [pippa, ...]}
    - sources: {sources: [{title: ..., url: https://..., date_checked: '2026-11-22'}]}

questions:
- type: single              # single | multiple | true_false | matching
  topic: what-domestic-abuse-is    # slug of the lesson that teaches it
  outcome: 1                # which of the module's outcomes it checks (1 is the first)
  scenario: true            # true when it applies knowledge to a situation, not recall
  stem: <p>...</p>
  options: [{text: ..., correct: true, feedback: why}]   # not for matching
  pairs: [[left, right]]    # matching only, 3 to 5 pairs
  feedback: <p>General feedback that teaches the point and names its source.</p>

Support service slugs for "get_help" blocks are the keys of ``pages.demo.SERVICES``.
"""

from functools import cache
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent

MODULE_FILES = [
    "identifying_domestic_abuse",
    "dare",
    "safe_and_together",
    "harmful_practices",
    "safe_places",
]


@cache
def _read(name: str) -> dict:
    with (HERE / f"{name}.yaml").open(encoding="utf-8") as handle:
        # libyaml's loader when it is installed (much faster), the pure-Python one if not.
        return yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506 # nosec B506


def module(name: str) -> dict:
    """One module's data, with each lesson's body as (block type, value) pairs."""
    data = _read(name)["module"]
    lessons = [
        {**lesson, "body": [next(iter(block.items())) for block in lesson["body"]]}
        for lesson in data["lessons"]
    ]
    return {**data, "lessons": lessons}


def questions(name: str) -> list[dict]:
    return _read(name)["questions"]


AUDIENCES = {
    "all-frontline": "All frontline staff",
    "police": "Police",
    "health": "Health",
    "housing": "Housing",
    "social-care": "Children's and adult social care",
    "substance-misuse-mental-health": "Substance misuse and mental health",
    "education": "Schools and education",
    "voluntary": "Voluntary and specialist services",
    "managers": "Managers and supervisors",
    "safe-places": "Safe Places businesses",
}

SERVICE_SLUGS = [
    "emergency-999",
    "police-101",
    "pippa",
    "yellow-door",
    "national-da-helpline",
    "respect-phone-line",
    "mens-advice-line",
    "karma-nirvana",
    "forced-marriage-unit",
    "hampton-trust",
    "galop",
    "nspcc-fgm-helpline",
    "rape-crisis",
    "national-stalking-helpline",
    "samaritans",
    "relay-uk",
    "emergency-sms",
    "childline",
]
