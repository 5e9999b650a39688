"""The written definitions of the coverage figures, and the display rules at their edges:
one rounding (halves up), one colour rule the legend uses, whole-number headcounts, the
day a certificate expires, today's count-only attendance, the sector filter on every tile."""

import datetime
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils.html import escape

from accounts.roles import Role
from courses import coverage_definitions as words
from courses.factories import module_with_lessons
from courses.models import FaceToFaceSession
from courses.selectors.coverage import (
    Scope,
    coverage_by_sector,
    coverage_table,
    headlines,
    learners,
)
from network.factories import AgencyFactory
from tests.helpers import sign_in

from .coverage_data import NOW, TODAY, at, certify, days

DOC = Path(settings.BASE_DIR) / "docs" / "coverage.md"


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.mark.parametrize("key", list(words.DEFINITIONS))
def test_every_definition_is_in_the_doc_word_for_word(key):
    doc = flat(DOC.read_text())
    term, text = words.DEFINITIONS[key]
    assert f"### {term}" in doc
    assert flat(text) in doc


@pytest.mark.parametrize(
    ("numerator", "denominator", "shown"),
    [
        (5, 11, 45),  # 45.45: rounded once, not 45.5 then 46
        (1, 8, 13),  # 12.5: halves up
        (1, 2, 50),
        (0, 5, 0),
        (159, 200, 80),  # 79.5
        (1589, 2000, 79),  # 79.45
        (199, 200, 100),  # 99.5
        (3, 2, 150),
        (1, 0, None),  # headcount 0: no figure
        (1, None, None),
        (1, float("nan"), None),
    ],
)
def test_percent_rounds_once_halves_up(numerator, denominator, shown):
    assert words.percent(numerator, denominator) == shown


@pytest.mark.parametrize(
    ("shown", "band"),
    [
        (None, "none"),
        (0, "low"),
        (49, "low"),
        (50, "medium"),
        (79, "medium"),
        (80, "high"),
        (100, "high"),
        (101, "over"),
        (280, "over"),
    ],
)
def test_one_colour_rule_and_the_legend_has_every_band(shown, band):
    assert words.band(shown) == band
    assert band in {entry.name for entry in words.LEGEND}


@pytest.fixture
def coordinator(user_with_role):
    return user_with_role(Role.TRAINING_COORDINATOR)


@pytest.fixture
def site(catalogue, user_with_role):
    big = AgencyFactory(name="Big Police", sector="police", headcount=1200)
    zero = AgencyFactory(name="Zero Health", sector="health", headcount=0)
    small = AgencyFactory(name="Small Health", sector="health", headcount=1)
    schools = AgencyFactory(name="Schools", sector="education", headcount=11)
    module = module_with_lessons(catalogue, count=1, title="Identifying")
    people = {}
    for name, agency, expires in (
        ("Expires Today", big, at(TODAY, 0, 1)),
        ("Lapsed Yesterday", big, at(days(-1), 23, 59)),
        ("Zero One", zero, at(days(100))),
        ("Small One", small, at(days(100))),
        ("Small Two", small, at(days(100))),
        *((f"School {n}", schools, at(days(100))) for n in range(5)),
    ):
        people[name] = user_with_role(full_name=name, agency=agency)
        certify(people[name], module, issued=at(days(-300)), expires=expires)
    return {"module": module, "people": people, "big": big, "schools": schools}


@pytest.mark.django_db
def test_a_certificate_is_in_date_through_the_day_it_prints(site):
    rows = {
        row["name"]: row["status"]
        for row in learners(Scope(None), site["module"].pk, agency_id=site["big"].pk, now=NOW)
    }
    assert rows == {"Expires Today": "Expiring soon", "Lapsed Yesterday": "Lapsed"}
    # The same at one minute past midnight and one minute to midnight: figures do not
    # change during a day.
    for moment in (at(TODAY, 0, 1), at(TODAY, 23, 59)):
        table = coverage_table(Scope(None), now=moment)
        big = table[table.agency_id == site["big"].pk].iloc[0]
        assert (big.in_date, big.expiring, big.lapsed) == (1, 1, 1)
    tomorrow = coverage_table(Scope(None), now=at(days(1), 0, 1))
    big = tomorrow[tomorrow.agency_id == site["big"].pk].iloc[0]
    assert (big.in_date, big.lapsed) == (0, 2)


@pytest.mark.django_db
def test_the_page_shows_whole_numbers_one_rounding_and_flags_over_100(site, coordinator, client):
    sign_in(client, coordinator)
    page = client.get(reverse("courses:coverage")).content.decode()
    assert "1,200" in page and "1200.0" not in page
    text = re.sub(r"<[^>]+>", "", page)
    assert "No figure (headcount 0)" in text
    cells = {
        agency: (band, shown)
        for band, shown, agency in re.findall(
            r'app-heat--(\w+)">\s*<a[^>]*>([^<]+)<span[^>]*> of ([^<]+) trained', page
        )
    }
    assert cells["Schools"] == ("low", "45%")  # 5 of 11, not 46%
    assert cells["Small Health"] == ("over", "200%")  # never green
    assert cells["Zero Health"][0] == "none"
    assert "Data problem" in text
    # Every definition is on the page, in the help beside its figures.
    for key in ("in_date", "never_trained", "sector_coverage", "face_to_face_by_count"):
        assert escape(words.definition(key)) in page
    # The legend is the bands.
    for entry in words.LEGEND:
        assert escape(entry.meaning) in page


@pytest.mark.django_db
def test_count_only_attendance_this_quarter_includes_today(site):
    police = site["big"]
    for when, count in ((TODAY, 7), (datetime.date(2026, 10, 1), 5), (days(-53), 100)):
        FaceToFaceSession.objects.create(
            date=when, topic="Awareness", trainer="T", agency=police, attendance_count=count
        )
    table = coverage_table(Scope(None), now=NOW)
    tiles = headlines(table, Scope(None), now=NOW)
    assert days(-53) == datetime.date(2026, 9, 30)
    assert tiles["face_to_face_by_count"] == 12
    assert tiles["period_last_day"] == TODAY


@pytest.mark.django_db
def test_the_sector_filter_applies_to_every_tile(site):
    scope = Scope(None)
    health = coverage_table(scope, sector="health", now=NOW)
    sectors = coverage_by_sector(scope, NOW, sector="health")
    tiles = headlines(health, scope, now=NOW, sectors=sectors, sector="health")
    # Health: Small Health counts (2 of 1); Zero Health (0) is left out of the headline.
    assert (tiles["coverage_trained"], tiles["coverage_headcount"]) == (2, 1)
    assert tiles["registered"] == 3
    assert tiles["in_date"] == 3
    assert tiles["lapsed"] == 0
    everyone = headlines(coverage_table(scope, now=NOW), scope, now=NOW)
    assert everyone["registered"] == 10 and everyone["lapsed"] == 1
    assert (everyone["coverage_trained"], everyone["coverage_headcount"]) == (8, 1212)
    assert everyone["coverage_overall"] == 1  # 8 / 1212 = 0.66%
