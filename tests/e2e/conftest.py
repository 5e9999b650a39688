"""Browser tests: Playwright driving Debian's Chromium against pytest-django's live server.

Locally they skip when /usr/bin/chromium is missing; CI sets E2E_REQUIRED=1 so a missing
browser fails the run instead of silently skipping.
"""

import io
import os
import sqlite3
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SAFE_DESTINATION_HTML = "<!DOCTYPE html><html lang='en'><title>Weather</title><h1>Weather</h1>"

# Playwright's sync API runs an event loop in this thread; the ORM calls made by the
# tests themselves are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)
            # Transactional, so the live server sees the test's data; serialized rollback
            # puts back what migrations created after each test's flush.
            item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))


@pytest.fixture(scope="session")
def browser(django_db_setup):
    if not Path(CHROMIUM).exists():
        if os.environ.get("E2E_REQUIRED"):
            pytest.fail(f"Browser tests are required but {CHROMIUM} is missing")
        pytest.skip(f"{CHROMIUM} is not installed")
    from django.db import connections
    from playwright.sync_api import sync_playwright

    # Starting Playwright's event loop gives this thread a new database connection object;
    # carry over the migrated state that pytest-django serialized for rollbacks, so the
    # flush after each browser test restores it (root page, roles, default workflow).
    serialized = getattr(connections["default"], "_test_serialized_contents", None)
    with sync_playwright() as playwright:
        if serialized is not None:
            connections["default"]._test_serialized_contents = serialized
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


#: The demo database as ``load_demo`` left it, once per worker: an in-memory SQLite copy.
_demo_snapshot: dict[str, sqlite3.Connection] = {}


def _in_memory_sqlite(connection) -> bool:
    return connection.vendor == "sqlite" and connection.is_in_memory_db()


@pytest.fixture
def demo_data(transactional_db):
    """The demo site as ``make run`` builds it. On the in-memory SQLite test database
    ``load_demo`` runs once per worker; later tests get a byte-for-byte copy of the database it
    left, restored with SQLite's backup API (milliseconds rather than seconds). Media files it
    wrote stay on disk for the session; the caches were emptied before each test."""
    from django.db import connection

    if not _in_memory_sqlite(connection):
        call_command("load_demo", stdout=io.StringIO())
        return
    connection.ensure_connection()
    snapshot = _demo_snapshot.get(connection.alias)
    if snapshot is None:
        call_command("load_demo", stdout=io.StringIO())
        snapshot = sqlite3.connect(":memory:", check_same_thread=False)
        connection.connection.backup(snapshot)
        _demo_snapshot[connection.alias] = snapshot
    else:
        snapshot.backup(connection.connection)


@pytest.fixture
def site_url_is_the_live_server(settings, live_server):
    """Links in emails and PDFs are built from SITE_URL: here, the live server."""
    settings.SITE_URL = live_server.url


@pytest.fixture
def page(browser, live_server, demo_data, site_url_is_the_live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1024, "height": 800})
    context.set_default_timeout(10_000)

    def route(route):
        url = route.request.url
        if url.startswith(live_server.url):
            return route.continue_()
        if url.startswith(settings.EXIT_THIS_PAGE_URL):
            return route.fulfill(status=200, content_type="text/html", body=SAFE_DESTINATION_HTML)
        return route.abort()  # nothing else leaves the machine

    context.route("**/*", route)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def axe():
    from axe_playwright_python.sync_playwright import Axe

    checker = Axe()

    def check(page, label: str):
        results = checker.run(page)
        assert results.violations_count == 0, f"{label}:\n{results.generate_report()}"

    return check


#: The widths every journey is checked at: a desktop and the narrowest phone WCAG 1.4.10
#: (Reflow) asks for, 320 CSS pixels.
DESKTOP_WIDTH = 1280
PHONE_WIDTH = 320


def horizontal_overflow(page) -> int:
    """How many CSS pixels the page is wider than the window (0 when nothing scrolls
    sideways)."""
    return page.evaluate(
        "() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"
        " - window.innerWidth"
    )


@pytest.fixture
def look(axe):
    """Check the page as a person would see it at both widths: axe finds no violation at
    1280 px and at 320 px, and at 320 px nothing scrolls sideways. The page is left at
    1280 px. Call it on every page a journey visits."""

    def check(page, label: str):
        height = (page.viewport_size or {}).get("height", 800)
        page.set_viewport_size({"width": DESKTOP_WIDTH, "height": height})
        axe(page, f"{label} at {DESKTOP_WIDTH}px")
        page.set_viewport_size({"width": PHONE_WIDTH, "height": height})
        overflow = horizontal_overflow(page)
        assert overflow <= 0, f"{label}: {overflow}px of sideways scrolling at {PHONE_WIDTH}px"
        axe(page, f"{label} at {PHONE_WIDTH}px")
        page.set_viewport_size({"width": DESKTOP_WIDTH, "height": height})

    return check
