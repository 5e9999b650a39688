"""Demo glossary: the terms in ``demo_terms.yaml`` and the glossary page. Adds only what is
missing, so it is safe to run again and never overwrites an editor's changes."""

import datetime
from functools import cache
from pathlib import Path

import yaml

from .models import GlossaryPage, GlossaryTerm

TERMS_FILE = Path(__file__).resolve().parent / "demo_terms.yaml"

PAGE = {
    "title": "Glossary",
    "slug": "glossary",
    "intro": (
        "What the abbreviations and terms in our training mean, in plain English. "
        "Each one links to the public source we checked it against."
    ),
}


@cache
def demo_terms() -> list[dict]:
    """The seed terms as dicts of model fields."""
    with TERMS_FILE.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    checked = datetime.date.fromisoformat(str(data["date_checked"]))
    return [
        {
            "term": item["term"],
            "expansion": item["expansion"],
            "definition": " ".join(item["definition"].split()),
            "also_matches": item.get("also_matches", ""),
            "source_title": " ".join(item["source_title"].split()),
            "source_url": item["source_url"],
            "date_checked": checked,
        }
        for item in data["terms"]
    ]


def load_terms() -> list[GlossaryTerm]:
    terms = []
    existing = set(GlossaryTerm.objects.values_list("term", flat=True))
    for fields in demo_terms():
        if fields["term"] in existing:
            continue
        term = GlossaryTerm(**fields)
        term.full_clean()
        term.save()
        term.save_revision().publish()
        terms.append(term)
    return terms


def load_glossary(home) -> GlossaryPage:
    """Publish the demo terms and a glossary page under ``home`` (the home page)."""
    load_terms()
    page = GlossaryPage.objects.first()
    if page is None:
        page = GlossaryPage(**PAGE)
        home.add_child(instance=page)
        page.save_revision().publish()
    return page
