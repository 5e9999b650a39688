"""The public finder's journey, as a person in distress uses it: search by postcode, open a
Safe Place, go Back to the same results (no "Confirm form resubmission"), then "Find another
Safe Place" with the search kept, and "Clear search". Checked at 1280 px and 320 px with axe
on every page; no postcode ever appears in an address the browser asks for."""

import re

import pytest

pytestmark = pytest.mark.e2e

POSTCODE = "SO14 7LY"  # the city centre, near the demo venues


def test_search_open_a_place_go_back_and_search_again(page, look):
    requested = []
    page.on("request", lambda request: requested.append(request))

    page.goto("/safe-places/find/")
    look(page, "finder")
    page.get_by_label("Postcode or place").fill(POSTCODE.lower())
    with page.expect_navigation():
        page.get_by_role("button", name="Search", exact=True).click()
    assert page.url.endswith("/safe-places/find/results/")
    heading = page.get_by_role("heading", level=1)
    results_title = heading.inner_text()
    assert re.match(r"\d+ Safe Places? near SO14 7LY", results_title)
    look(page, "finder results")

    first = page.locator("#main-content ol li h2 a").first
    venue_name = first.inner_text()
    with page.expect_navigation():
        first.click()
    page.get_by_role("heading", name=venue_name).wait_for()
    look(page, "venue page")

    # The browser's Back button: the same results, fetched again with GET.
    page.go_back()
    assert page.url.endswith("/safe-places/find/results/")
    assert page.get_by_role("heading", level=1).inner_text() == results_title
    assert page.get_by_role("link", name=venue_name).count() >= 1

    # Forward to the venue, then "Find another Safe Place": the search is filled in.
    with page.expect_navigation():
        page.get_by_role("link", name=venue_name).first.click()
    with page.expect_navigation():
        page.get_by_role("link", name="Find another Safe Place").click()
    assert page.get_by_label("Postcode or place").input_value() == POSTCODE
    look(page, "finder with the last search")

    # The venue page also leads straight back to the results.
    page.go_back()
    with page.expect_navigation():
        page.get_by_role("link", name="Back to your search results").click()
    assert page.get_by_role("heading", level=1).inner_text() == results_title

    # "Clear search" forgets it.
    with page.expect_navigation():
        page.get_by_role("button", name="Clear search").click()
    assert page.url.endswith("/safe-places/find/")
    assert page.get_by_label("Postcode or place").input_value() == ""
    look(page, "finder after clearing the search")

    for request in requested:
        assert "SO14" not in request.url.upper() and "SO14" not in request.url.upper().replace(
            "%20", " "
        ), request.url
        referer = request.headers.get("referer", "")
        assert "SO14" not in referer.upper(), referer


def test_the_finder_works_without_javascript(browser, live_server, demo_data):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/safe-places/find/")
    page.get_by_label("Postcode or place").fill(POSTCODE)
    with page.expect_navigation():
        page.get_by_role("button", name="Search", exact=True).click()
    first = page.locator("#main-content ol li h2 a").first
    with page.expect_navigation():
        first.click()
    page.go_back()
    assert page.url.endswith("/safe-places/find/results/")
    page.locator("#results-heading").wait_for()
    context.close()
