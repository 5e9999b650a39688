"""Reads for the glossary. Nothing here writes."""

from dataclasses import dataclass

from django.db.models import Subquery
from django.db.models.functions import Lower
from wagtail.models import Page

from .models import GlossaryPage, GlossaryTerm, split_spellings, term_anchor


def live_terms():
    """Published terms, A to Z whatever their capitals."""
    return GlossaryTerm.objects.filter(live=True).order_by(Lower("term"))


@dataclass(frozen=True)
class MarkableTerm:
    term: str
    expansion: str
    spellings: tuple[str, ...]
    anchor: str


@dataclass(frozen=True)
class Glossary:
    terms: tuple[MarkableTerm, ...]
    page_url: str | None  # None when no glossary page is published


def glossary_for_marking(request=None) -> Glossary:
    """The live terms and the glossary page's URL, in one query.

    The page comes along as a subquery on every term row, so a lesson pays for one query
    however many terms there are, and nothing when there are none.
    """
    first_page = GlossaryPage.objects.live().order_by("path")
    rows = list(
        live_terms()
        .annotate(
            page_id=Subquery(first_page.values("pk")[:1]),
            page_url_path=Subquery(first_page.values("url_path")[:1]),
        )
        .values_list("term", "expansion", "also_matches", "page_id", "page_url_path")
    )
    if not rows:
        return Glossary(terms=(), page_url=None)
    page_id, url_path = rows[0][3], rows[0][4]
    page_url = None
    if page_id is not None:
        # A bare Page with the id and path is all Wagtail needs to route it; the site
        # root paths are cached (and already read for this request's own links).
        page_url = Page(id=page_id, url_path=url_path).get_url(request=request)
    terms = tuple(
        MarkableTerm(
            term=term,
            expansion=expansion,
            spellings=tuple(dict.fromkeys([term, *split_spellings(also)])),
            anchor=term_anchor(term),
        )
        for term, expansion, also, _, _ in rows
    )
    return Glossary(terms=terms, page_url=page_url)
