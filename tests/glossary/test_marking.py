"""First use of each glossary term in a lesson's HTML (glossary.marking), without a database."""

from bs4 import BeautifulSoup

from glossary.marking import mark_terms
from glossary.selectors import Glossary, MarkableTerm

IDVA = MarkableTerm(
    term="IDVA",
    expansion="independent domestic violence adviser",
    spellings=("IDVA", "IDVAs"),
    anchor="term-idva",
)
MASH = MarkableTerm(
    term="MASH", expansion="multi-agency safeguarding hub", spellings=("MASH",), anchor="term-mash"
)
MARAC = MarkableTerm(
    term="Marac",
    expansion="multi-agency risk assessment conference",
    spellings=("Marac", "MARAC"),
    anchor="term-marac",
)
URL = "/glossary/"


def marked(html, *terms, page_url=URL):
    return BeautifulSoup(mark_terms(html, Glossary(terms=terms, page_url=page_url)), "html.parser")


def abbrs(soup):
    return [(a.get_text(), a["title"]) for a in soup.find_all("abbr")]


def test_the_first_use_is_a_link_to_the_entry_and_later_uses_are_left_alone():
    soup = marked("<p>Ask the IDVA. The IDVA will call back.</p>", IDVA)
    assert abbrs(soup) == [("IDVA", "independent domestic violence adviser")]
    link = soup.find("a")
    assert link["href"] == "/glossary/#term-idva"
    assert link["class"] == ["govuk-link", "app-glossary-term"]
    assert link.abbr.get_text() == "IDVA"
    # The text reads the same as before.
    assert soup.get_text() == "Ask the IDVA. The IDVA will call back."


def test_the_marked_term_is_keyboard_reachable():
    link = marked("<p>Refer to the MASH.</p>", MASH).find("abbr").parent
    # A link with an href is in the tab order without any tabindex.
    assert link.name == "a" and link.get("href")
    assert link.get("tabindex") is None


def test_whole_words_only():
    soup = marked("<p>MASHED potato, SMASH and MASH_1 are not the MASH.</p>", MASH)
    assert abbrs(soup) == [("MASH", "multi-agency safeguarding hub")]
    assert "MASHED potato, SMASH and MASH_1" in str(soup)


def test_punctuation_either_side_still_counts_as_a_word():
    soup = marked("<p>(MASH/SCC setting)</p>", MASH)
    assert abbrs(soup) == [("MASH", "multi-agency safeguarding hub")]


def test_capitals_must_match():
    soup = marked("<p>A mash or a Mash is not the hub.</p>", MASH)
    assert abbrs(soup) == []


def test_other_spellings_count_as_the_same_term():
    soup = marked("<p>Refer to MARAC. Then the Marac meets.</p>", MARAC)
    assert abbrs(soup) == [("MARAC", "multi-agency risk assessment conference")]
    soup = marked("<p>Two IDVAs and one IDVA.</p>", IDVA)
    assert abbrs(soup) == [("IDVAs", "independent domestic violence adviser")]


def test_headings_links_abbreviations_and_code_are_not_marked():
    html = (
        "<h2>The IDVA service</h2>"
        '<p><a href="/idva/">IDVA referrals</a></p>'
        '<p><abbr title="x">IDVA</abbr></p>'
        "<p><code>IDVA</code></p>"
        "<p>Your IDVA can help.</p>"
    )
    soup = marked(html, IDVA)
    new = soup.find_all("a", class_="app-glossary-term")
    assert len(new) == 1
    assert new[0].parent.get_text() == "Your IDVA can help."
    assert soup.h2.get_text() == "The IDVA service" and soup.h2.find("abbr") is None


def test_scripts_styles_form_fields_and_attributes_are_never_touched():
    html = (
        '<script>var s = "IDVA";</script><style>.IDVA {}</style>'
        '<p title="IDVA" data-x="IDVA">Text</p>'
        "<textarea>I spoke to my IDVA</textarea>"
        '<button type="submit">Email the IDVA</button>'
        "<p>IDVA at last.</p>"
    )
    soup = marked(html, IDVA)
    assert soup.script.string == 'var s = "IDVA";'
    assert soup.style.string == ".IDVA {}"
    assert soup.find("p")["title"] == "IDVA"
    assert soup.textarea.get_text() == "I spoke to my IDVA"
    assert soup.button.find("abbr") is None
    assert [a.parent.get_text() for a in soup.find_all("a")] == ["IDVA at last."]


def test_the_first_use_is_found_across_blocks_and_nested_markup():
    html = (
        '<div class="block"><p>Intro without terms.</p></div>'
        '<div class="block"><ul><li>Call the <b>MASH</b> first.</li></ul></div>'
        '<div class="block"><p>Then the IDVA, the MASH and the IDVA again.</p></div>'
    )
    soup = marked(html, IDVA, MASH)
    assert abbrs(soup) == [
        ("MASH", "multi-agency safeguarding hub"),
        ("IDVA", "independent domestic violence adviser"),
    ]
    assert soup.b.find("abbr") is not None
    assert soup.find_all("p")[-1].find("abbr").get_text() == "IDVA"


def test_several_terms_in_one_sentence_are_each_marked_once():
    soup = marked("<p>The IDVA takes it to the Marac, then the IDVA reports back.</p>", IDVA, MARAC)
    assert [text for text, _ in abbrs(soup)] == ["IDVA", "Marac"]
    assert soup.get_text() == "The IDVA takes it to the Marac, then the IDVA reports back."


def test_without_a_glossary_page_the_term_is_an_abbreviation_only():
    soup = marked("<p>Ask the IDVA.</p>", IDVA, page_url=None)
    assert abbrs(soup) == [("IDVA", "independent domestic violence adviser")]
    assert soup.find("a") is None


def test_nothing_to_mark_leaves_the_html_exactly_as_it_was():
    html = "<p>Nothing here.<br>Really &amp; truly.</p>"
    assert mark_terms(html, Glossary(terms=(IDVA,), page_url=URL)) is html
    assert mark_terms(html, Glossary(terms=(), page_url=None)) is html
    # The term only in an attribute: still nothing to mark.
    attr_only = '<p title="IDVA">Nothing here.</p>'
    assert mark_terms(attr_only, Glossary(terms=(IDVA,), page_url=URL)) is attr_only


def test_expansions_are_escaped():
    evil = MarkableTerm(
        term="XSS", expansion='"><script>alert(1)</script>', spellings=("XSS",), anchor="term-xss"
    )
    out = mark_terms("<p>XSS here.</p>", Glossary(terms=(evil,), page_url=URL))
    assert "<script>" not in out
    assert BeautifulSoup(out, "html.parser").abbr["title"] == '"><script>alert(1)</script>'
