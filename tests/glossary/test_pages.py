"""The glossary page and the marking of terms in real lessons."""

import io

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.rich_text import RichText

from courses.factories import LessonPageFactory, lesson_body
from courses.selectors import live_lessons
from glossary.models import GlossaryPage, GlossaryTerm
from tests.helpers import sign_in

pytestmark = pytest.mark.django_db


def soup_of(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def lesson_html(response):
    return soup_of(response).find(class_="app-lesson-body")


@pytest.fixture
def learner_client(client, user_with_role):
    sign_in(client, user_with_role())
    return client


@pytest.fixture
def terms(make_term):
    return [
        make_term("IDVA", "independent domestic violence adviser", also_matches="IDVAs"),
        make_term("Marac", "multi-agency risk assessment conference", also_matches="MARAC"),
    ]


@pytest.fixture
def lesson(module):
    lesson = LessonPageFactory(
        parent=module,
        title="Referral routes",
        body=[
            ("heading", {"text": "When to involve an IDVA", "level": "h2"}),
            ("text", RichText("<p>Ask if an IDVA already works with them.</p>")),
            (
                "key_fact",
                {
                    "title": "The Marac",
                    "text": RichText("<p>The IDVA speaks for them at the Marac.</p>"),
                },
            ),
            ("text", RichText("<p>After the MARAC, the IDVA follows up.</p>")),
            *lesson_body("The end."),
        ],
    )
    return lesson


def test_a_lesson_marks_each_term_once_linking_to_its_glossary_entry(
    learner_client, lesson, terms, glossary_page
):
    body = lesson_html(learner_client.get(lesson.url))
    marked = body.find_all("a", class_="app-glossary-term")
    assert [(a.get_text(), a.abbr["title"]) for a in marked] == [
        ("IDVA", "independent domestic violence adviser"),
        ("Marac", "multi-agency risk assessment conference"),
    ]
    assert [a["href"] for a in marked] == [
        glossary_page.url + "#term-idva",
        glossary_page.url + "#term-marac",
    ]
    # Not in the heading; the first text use instead; the key fact's title is a heading too.
    assert body.h2.find("abbr") is None
    assert marked[0].find_parent("p").get_text() == "Ask if an IDVA already works with them."
    assert marked[1].find_parent("p").get_text() == "The IDVA speaks for them at the Marac."


def test_the_links_lead_to_the_entries_on_the_glossary_page(
    client, learner_client, lesson, terms, glossary_page
):
    body = lesson_html(learner_client.get(lesson.url))
    page = soup_of(client.get(glossary_page.url))
    for link in body.find_all("a", class_="app-glossary-term"):
        path, anchor = link["href"].split("#")
        assert path == glossary_page.url
        assert page.find(id=anchor) is not None


def test_without_a_published_glossary_page_terms_are_abbreviations_only(
    learner_client, lesson, terms, glossary_page
):
    glossary_page.unpublish()
    body = lesson_html(learner_client.get(lesson.url))
    assert body.find("a", class_="app-glossary-term") is None
    assert [a.get_text() for a in body.find_all("abbr")] == ["IDVA", "Marac"]


def test_draft_terms_are_not_marked(learner_client, lesson, make_term, glossary_page):
    make_term("IDVA", "independent domestic violence adviser", live=False)
    body = lesson_html(learner_client.get(lesson.url))
    assert body.find("abbr") is None


def test_the_glossary_lists_live_terms_a_to_z_with_ids_and_sources(
    client, make_term, glossary_page
):
    make_term("Marac", "multi-agency risk assessment conference")
    make_term("DASH", "domestic abuse, stalking and honour-based violence")
    make_term("ISVA", "independent sexual violence adviser", live=False)
    page = soup_of(client.get(glossary_page.url))
    rows = page.select(".app-glossary .govuk-summary-list__row")
    assert [row["id"] for row in rows] == ["term-dash", "term-marac"]
    dash = rows[0]
    assert dash.dt.abbr["title"] == "domestic abuse, stalking and honour-based violence"
    assert "What DASH means." in dash.dd.get_text()
    source = dash.dd.find("a")
    assert source["href"] == "https://example.org/dash"
    assert source.get_text() == "Source for DASH"
    assert "ISVA" not in page.get_text()


def test_a_term_published_then_edited_in_draft_shows_the_live_version(
    client, make_term, glossary_page
):
    term = make_term("MASH", "multi-agency safeguarding hub")
    term.definition = "A draft nobody has approved."
    term.save_revision()
    text = soup_of(client.get(glossary_page.url)).get_text()
    assert "What MASH means." in text
    assert "A draft nobody has approved." not in text


def test_rendering_a_lesson_costs_one_query_for_the_glossary_whatever_the_number_of_terms(
    learner_client, lesson, make_term, glossary_page, settings
):
    settings.LEARNER_PAGE_CACHE_SECONDS = 0  # rendered each time (pagecache is tested apart)
    make_term("IDVA", "independent domestic violence adviser")
    learner_client.get(lesson.url)  # warm per-process caches

    def glossary_queries():
        with CaptureQueriesContext(connection) as queries:
            assert learner_client.get(lesson.url).status_code == 200
        return len(queries), [q["sql"] for q in queries if "glossary_" in q["sql"]]

    total_one, glossary_one = glossary_queries()
    for n in range(12):
        make_term(f"TERM{n}", f"term number {n}")
    total_many, glossary_many = glossary_queries()
    assert len(glossary_one) == 1
    assert len(glossary_many) == 1
    assert total_one == total_many


def test_the_glossary_page_lives_under_the_home_page_only_once(home_page, glossary_page):
    from pages.models import HomePage

    assert GlossaryPage.can_exist_under(home_page.specific)
    assert GlossaryPage.parent_page_types == ["pages.HomePage"]
    assert not GlossaryPage.can_create_at(home_page)  # max_count reached
    assert GlossaryPage.allowed_subpage_models() == []
    assert HomePage in GlossaryPage.allowed_parent_page_models()


def test_a_term_needs_letters_or_numbers(make_term):
    term = GlossaryTerm(
        term="---",
        expansion="nothing",
        definition="x",
        source_title="x",
        source_url="https://example.org/",
        date_checked="2026-11-30",
    )
    with pytest.raises(ValidationError):
        term.full_clean()


def test_the_demo_glossary_is_published_once_and_marks_demo_lessons(
    client, user_with_role, demo_site
):
    """One test for the slow demo: terms and page published, added only once, and the
    demo lessons mark IDVA and Marac (each once in a lesson at most)."""
    from django.core.management import call_command

    from courses.models import ModulePage

    glossary = GlossaryPage.objects.live().get()
    assert glossary.get_parent().specific_class.__name__ == "HomePage"
    count = GlossaryTerm.objects.filter(live=True).count()
    assert count >= 10
    call_command("load_demo", stdout=io.StringIO())
    assert GlossaryPage.objects.count() == 1
    assert GlossaryTerm.objects.count() == count

    page = soup_of(client.get(glossary.url))
    rows = page.select(".app-glossary .govuk-summary-list__row")
    assert len(rows) == count
    for row in rows:
        assert row["id"].startswith("term-")
        assert row.dd.find("a")["href"].startswith("https://")

    sign_in(client, user_with_role())
    marked_in = {"IDVA": [], "Marac": []}
    for module in ModulePage.objects.live().order_by("path"):
        for lesson in live_lessons(module):
            body = lesson_html(client.get(lesson.url + "?content_note=seen"))
            hrefs = [a["href"] for a in body.find_all("a", class_="app-glossary-term")]
            assert len(hrefs) == len(set(hrefs)), f"a term marked twice in {lesson.title}"
            for term in marked_in:
                if f"{glossary.url}#term-{term.lower()}" in hrefs:
                    marked_in[term].append(lesson.title)
                    assert page.find(id=f"term-{term.lower()}") is not None
    # The demo modules teach both; some lessons name them only in headings or links.
    assert marked_in["IDVA"] and marked_in["Marac"], marked_in
