"""The coverage dashboard in a browser: accessible heat table, charts and drill-down."""

import pytest

from accounts.demo import DEMO_PASSWORD

from .test_learning import sign_in

pytestmark = pytest.mark.e2e


def test_coordinator_dashboard_is_accessible_and_drills_down(page, axe):
    # The demo coordinator has two-factor authentication, so this includes the code step.
    sign_in(page, "coordinator@example.org", DEMO_PASSWORD)

    page.get_by_role("link", name="Training coverage").click()
    page.get_by_role("heading", name="Training coverage", level=1).wait_for()
    assert page.get_by_role("img", name="People holding an in-date certificate").count() == 1
    axe(page, "coverage dashboard")

    page.get_by_label("Sector", exact=True).select_option(label="Police")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_load_state()
    assert page.get_by_role("row", name="Solent NHS Trust").count() == 0
    page.get_by_role("link", name="trained in Identifying domestic abuse").first.click()
    page.get_by_role("heading", name="Hampshire and Isle of Wight Constabulary").wait_for()
    axe(page, "coverage drill-down")
