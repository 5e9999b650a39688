import datetime

import pytest

from glossary.models import GlossaryPage, GlossaryTerm


@pytest.fixture
def make_term(db):
    def make(term, expansion, *, live=True, **fields):
        defaults = {
            "definition": f"What {term} means.",
            "source_title": f"Source for {term}",
            "source_url": f"https://example.org/{term.lower()}",
            "date_checked": datetime.date(2026, 11, 30),
        }
        item = GlossaryTerm.objects.create(
            term=term, expansion=expansion, live=live, **{**defaults, **fields}
        )
        if live:
            item.save_revision().publish()
        return item

    return make


@pytest.fixture
def glossary_page(home_page):
    page = GlossaryPage(title="Glossary", slug="glossary", intro="What the terms mean.")
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page
