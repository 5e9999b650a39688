"""Content of the five seeded modules, as plain data that ``load_demo`` turns into pages.

One file per module defines ``MODULE`` and ``QUESTIONS``. The format:

MODULE = {
    "slug": "identifying-domestic-abuse",
    "title": "Identifying domestic abuse",
    "summary": "One or two sentences for the catalogue.",
    "audiences": ["all-frontline", "police", ...],   # slugs from AUDIENCES below
    "outcomes": ["By the end you will be able to ...", ...],   # 3 to 6
    "estimated_minutes": 45,
    "cpd_minutes": 45,
    "refresh_months": 36,
    "content_note": "What distressing themes the module covers.",
    "review_by": datetime.date(2027, 11, 1),
    "contact": "The Domestic Abuse Training Coordinator, through your agency lead",
    "lessons": [
        {
            "slug": "what-domestic-abuse-is",
            "title": "What domestic abuse is",
            "summary": "One sentence.",
            "minutes": 10,
            "distressing": False,      # True shows a content note before the lesson
            "content_note": "",        # required when distressing
            "body": [                  # blocks, in order; the last must be "sources"
                ("heading", {"text": "...", "level": "h2"}),
                ("text", "<p>HTML using p, ul, ol, li, b, i, a href only</p>"),
                ("key_fact", {"title": "...", "text": "<p>...</p>"}),
                ("case_study", {"title": "...", "scenario": "<p>...</p>",
                                "questions": "<p>...</p>", "discussion": "<p>...</p>"}),
                ("practice_point", {"text": "<p>...</p>"}),
                ("legislation", {"quote": "exact words", "citation": "Act year, section",
                                 "url": "https://www.legislation.gov.uk/..."}),
                ("accordion", {"sections": [{"heading": "...", "content": "<p>...</p>"}]}),
                ("reflection", {"question": "...", "hint": "..."}),
                ("get_help", {"heading": "Where to get help", "services": ["pippa", ...]}),
                ("sources", {"sources": [{"title": "...", "url": "https://...",
                                          "date_checked": "2026-11-22"}]}),
            ],
        },
    ],
}

QUESTIONS = [
    {
        "type": "single",          # single | multiple | true_false | matching
        "topic": "what-domestic-abuse-is",   # slug of the lesson that teaches it
        "stem": "<p>...</p>",
        "options": [{"text": "...", "correct": True, "feedback": "why"}],  # not for matching
        "pairs": [["left", "right"]],       # matching only, 3 to 5 pairs
        "feedback": "<p>General feedback that teaches the point and names its source.</p>",
    },
]

Support service slugs for "get_help" blocks are the keys of ``pages.demo.SERVICES``.
"""

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
]
