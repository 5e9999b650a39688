"""Acceptance 2 of issue 15: for every cell of a generated dashboard, the drill-down lists
exactly as many people as the cell counts; and the dashboard's queries do not grow with
the number of people (no per-row work)."""

import html as html_module
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.roles import Role
from courses.selectors.coverage import FIGURES, Scope, coverage_and_roles, learners
from tests.helpers import sign_in

from .coverage_data import NOW, build

pytestmark = pytest.mark.django_db

LINK = re.compile(r'<a class="govuk-link" href="([^"]+\?[^"]*show=(\w+)[^"]*)">([\d,]+)[ <]')
CAPTION = re.compile(r'id="learners-caption">([\d,]+) (?:person|people) ')


@pytest.fixture
def coordinator(user_with_role):
    return user_with_role(Role.TRAINING_COORDINATOR)


@pytest.fixture
def dataset(catalogue, coordinator):
    return build(catalogue, coordinator, extra=30)


def test_every_cell_equals_its_drill_down(dataset):
    scope = Scope(None)
    table, roles = coverage_and_roles(scope, now=NOW)
    checked = 0
    for row in table.to_dict("records"):
        for figure in FIGURES:
            people = learners(scope, row["module_id"], figure, agency_id=row["agency_id"], now=NOW)
            assert len(people) == row[figure], (row["agency"], row["module"], figure)
            checked += 1
    for row in roles.to_dict("records"):
        for figure in FIGURES:
            people = learners(scope, row["module_id"], figure, job_role=row["job_role"], now=NOW)
            assert len(people) == row[figure], (row["job_role"], row["module"], figure)
            checked += 1
    assert checked >= 5 * 2 * len(FIGURES)


def test_every_number_on_the_page_links_to_that_many_people(dataset, coordinator, client):
    """Through the pages: each count in the agency and job role tables is a link, and the
    page it leads to lists that many people (the dashboard is today's; so are the links)."""
    sign_in(client, coordinator)
    page = client.get(reverse("courses:coverage")).content.decode()
    links = [
        (html_module.unescape(url), show, int(number.replace(",", "")))
        for url, show, number in LINK.findall(page)
    ]
    assert {show for _, show, _ in links} == set(FIGURES)
    assert len(links) >= 5 * 2 * (len(FIGURES) - 1)
    for url, show, number in links:
        response = client.get(url)
        assert response.status_code == 200, url
        [listed] = CAPTION.findall(response.content.decode())
        assert int(listed.replace(",", "")) == number, (url, show)


def test_the_dashboard_makes_the_same_queries_for_more_people(
    catalogue, coordinator, client, django_assert_max_num_queries
):
    sign_in(client, coordinator)
    build(catalogue, coordinator, extra=0)
    with CaptureQueriesContext(connection) as small:
        assert client.get(reverse("courses:coverage")).status_code == 200
    from accounts.factories import UserFactory
    from network.models import Agency

    for agency in Agency.objects.all():
        for _ in range(5):
            UserFactory(agency=agency)
    with CaptureQueriesContext(connection) as large:
        assert client.get(reverse("courses:coverage")).status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)
    with django_assert_max_num_queries(40):
        client.get(reverse("courses:coverage") + "?sector=police")
