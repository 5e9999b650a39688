"""Coverage on the demo site: the police row hand-counted, filters, downloads and charts."""

import io
import re

import pandas as pd
import pytest
from django.urls import reverse

from accounts.models import User
from courses.selectors.coverage import (
    coverage_table,
)
from tests.helpers import sign_in

# The demo site is loaded once for this module (tests/conftest.py, shared_demo): every
# test runs against it, each rolled back.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_demo")]


def cell(table, agency, module):
    return table[(table.agency_id == agency.pk) & (table.module_id == module.pk)].iloc[0]


def test_demo_dashboard_for_the_police_matches_a_hand_count(shared_demo, client):
    """The demo has 12 fictional police learners: 7 certified (one expiring within 60
    days), 5 started. The demo agency lead is police too and has not started."""
    from accounts.models import User
    from courses.models import ModulePage
    from network.models import Agency

    coordinator = User.objects.get(email="coordinator@example.org")
    police = Agency.objects.get(name="Hampshire and Isle of Wight Constabulary")
    module = ModulePage.objects.get(slug="identifying-domestic-abuse")
    found = cell(coverage_table(coordinator), police, module)
    assert found.registered == 13
    assert found.in_progress == 5
    assert found.in_date == 7
    assert found.expiring == 1
    assert found.lapsed == 0
    assert found.required_missing == 13 - 7
    assert found.never_trained == 13 - 7
    assert found.coverage == pytest.approx(100 * 7 / 1200)  # unrounded; shown as 1%

    sign_in(client, coordinator)
    html = client.get(reverse("courses:coverage")).content.decode()
    # Each figure is a link to the drill-down of the people it counts.
    base = reverse("courses:coverage_learners", args=[police.pk, module.pk])
    for figure, number in (("in_date", 7), ("expiring", 1), ("required_missing", 6)):
        assert re.search(rf'href="{base}\?show={figure}">{number} ', html), figure
    assert "1,200" in html
    assert "<title>Training coverage – Safe City Learning</title>" in html
    assert html.count("Confidence before and after</h2>") == 1


def test_date_range_filter_and_its_errors(shared_demo, client):
    from accounts.models import User

    sign_in(client, User.objects.get(email="coordinator@example.org"))
    url = reverse("courses:coverage")
    html = client.get(url + "?start=2020-01-01&end=2020-12-31").content.decode()
    assert "0</span> staff trained in the period" in html
    html = client.get(url + "?start=2000-01-01").content.decode()
    assert "</span> staff trained in the period" in html
    assert "0</span> staff trained in the period" not in html
    bad = client.get(url + "?start=2026-12-01&end=2026-01-01").content.decode()
    assert "There is a problem" in bad
    assert "The end date must be the same as or after the start date" in bad
    assert 'value="2026-12-01"' in bad  # what was typed is kept


def test_sector_and_quarter_tables_download(shared_demo, client):
    from accounts.models import User

    sign_in(client, User.objects.get(email="coordinator@example.org"))
    sectors = client.get(reverse("courses:coverage") + "?table=sectors&format=csv")
    frame = pd.read_csv(io.StringIO(sectors.content.decode("utf-8-sig")))
    assert list(frame.columns) == [
        "Sector",
        "Headcount",
        "People with an in-date certificate",
        "Coverage (%)",
    ]
    assert frame.loc[frame["Sector"] == "Police", "People with an in-date certificate"].item() == 7
    quarters = client.get(reverse("courses:coverage") + "?table=quarters&format=csv")
    frame = pd.read_csv(io.StringIO(quarters.content.decode("utf-8-sig")))
    assert len(frame) == 8 and frame["People trained"].sum() >= 19


def test_charts_use_the_page_font_and_never_truncate_labels(shared_demo, client):
    from courses.charts import horizontal_bars

    long_label = "Voluntary, community and faith sector organisations"
    chart = horizontal_bars([(long_label, 40, "40%"), ("Police", 80, "80%")], maximum=100)
    sign_in(client, User.objects.get(email="coordinator@example.org"))
    html = client.get(reverse("courses:coverage")).content.decode()
    svgs = re.findall(r"<svg.*?</svg>", html, flags=re.S)
    assert svgs
    for svg in svgs:
        # The page's sans-serif stack, not the browser's serif default for SVG text.
        assert re.search(r'<svg[^>]*font-family="[^"]*sans-serif"', svg)
        assert "…" not in svg and "..." not in svg
    # Every word of a long label is drawn (wrapped onto lines, not cut off).
    rendered = "".join(line for bar in chart["bars"] for line in bar.lines)
    for word in long_label.split():
        assert word in rendered
    assert all(len(line) <= 28 for bar in chart["bars"] for line in bar.lines)
