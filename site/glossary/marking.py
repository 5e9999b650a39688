"""Mark the first use of each glossary term in a lesson.

Works on the rendered HTML with Beautiful Soup, so it sees the lesson as a reader does:
every block, in order. The first time a term appears in ordinary text it becomes

    <a class="govuk-link app-glossary-term" href="/glossary/#term-idva"><abbr
       title="independent domestic violence adviser">IDVA</abbr></a>

(a link, so keyboard users reach the definition too), or just the ``<abbr>`` when no
glossary page is published. Later uses are left alone.

Terms match whole words only ("MASH" but not "MASHED"), with capitals exactly as written.
Text inside headings, links, existing abbreviations, code, form controls and scripts is
never marked, and attribute values are never touched.
"""

import re
from collections.abc import Iterable

from bs4 import BeautifulSoup, NavigableString, Tag

from .selectors import Glossary, MarkableTerm

# Text under any of these stays as it is: a link inside a heading, link or button would
# be wrong or unusable, and scripts, styles and form values are not prose.
SKIP_INSIDE = frozenset(
    {
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "a",
        "abbr",
        "acronym",
        "code",
        "pre",
        "kbd",
        "samp",
        "script",
        "style",
        "template",
        "textarea",
        "select",
        "option",
        "button",
        "label",
        "summary",
        "svg",
        "math",
        "title",
    }
)
CSS_CLASS = "govuk-link app-glossary-term"


def term_pattern(spellings: Iterable[str]) -> re.Pattern | None:
    """One pattern for every spelling, longest first so "IDVAs" wins over "IDVA". Whole
    words: no letter, digit or underscore either side."""
    ordered = sorted(set(spellings), key=lambda s: (-len(s), s))
    if not ordered:
        return None
    return re.compile(r"(?<!\w)(" + "|".join(re.escape(s) for s in ordered) + r")(?!\w)")


def _skipped(node: NavigableString) -> bool:
    return any(parent.name in SKIP_INSIDE for parent in node.parents)


def _marked(soup: BeautifulSoup, text: str, term: MarkableTerm, page_url: str | None) -> Tag:
    abbr = soup.new_tag("abbr", attrs={"title": term.expansion})
    abbr.string = text
    if page_url is None:
        return abbr
    link = soup.new_tag("a", attrs={"class": CSS_CLASS, "href": f"{page_url}#{term.anchor}"})
    link.append(abbr)
    return link


def mark_terms(html: str, glossary: Glossary) -> str:
    """``html`` with the first use of each term marked. Unchanged (the same string) when
    there is nothing to mark."""
    by_spelling: dict[str, MarkableTerm] = {}
    for term in glossary.terms:
        for spelling in term.spellings:
            by_spelling.setdefault(spelling, term)
    pattern = term_pattern(by_spelling)
    if pattern is None or not pattern.search(html):
        return html

    soup = BeautifulSoup(html, "html.parser")
    done: set[str] = set()
    # Collect first: the tree changes as text nodes are replaced.
    texts = [
        node
        for node in soup.find_all(string=True)
        if type(node) is NavigableString and not _skipped(node)
    ]
    for node in texts:
        if len(done) == len(glossary.terms):
            break
        text = str(node)
        pieces: list = []
        position = 0
        for match in pattern.finditer(text):
            term = by_spelling[match.group(1)]
            if term.term in done:
                continue
            done.add(term.term)
            pieces.append(text[position : match.start()])
            pieces.append(_marked(soup, match.group(1), term, glossary.page_url))
            position = match.end()
        if not pieces:
            continue
        pieces.append(text[position:])
        for piece in pieces:
            if piece == "":
                continue
            node.insert_before(NavigableString(piece) if isinstance(piece, str) else piece)
        node.extract()
    if not done:
        return html
    return str(soup)
