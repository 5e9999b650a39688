"""The Board report for a closed quarter comes from its snapshot (issue 15, acceptance 3)."""

import datetime
import io
import re
import zoneinfo

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from accounts.roles import Role
from certificates.services import issue_certificate, revoke_certificate
from courses.factories import module_with_lessons
from courses.models import CoverageSnapshot, Enrolment
from courses.selectors.snapshots import Quarter
from network.factories import AgencyFactory
from tests.certificates.pdf_tools import pdf_text
from tests.helpers import sign_in

pytestmark = pytest.mark.django_db
LONDON = zoneinfo.ZoneInfo("Europe/London")
ON_4_JANUARY = datetime.datetime(2027, 1, 4, 10, 0, tzinfo=LONDON)
URL = "/learning/coverage/board-report/"


def london(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=LONDON)


def certify(user, module, moment):
    enrolment = Enrolment.objects.create(user=user, module=module, completed_at=moment)
    return issue_certificate(enrolment)


def text(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def key_figure(page: str, measure: str) -> str:
    """The figure beside ``measure`` in the key figures table (HTML as text)."""
    match = re.search(re.escape(measure) + r"[^ ]* ([^ ]+)", page)
    assert match, f"{measure!r} not on the page"
    return match.group(1)


TRAINED = "Staff trained this quarter (people, each counted once)"


@pytest.fixture
def world(user_with_role, catalogue):
    police = AgencyFactory(name="Hampshire Constabulary", sector="police", headcount=10)
    housing = AgencyFactory(name="City Housing", sector="housing", headcount=4)
    first = module_with_lessons(catalogue, count=1, title="Identifying")
    second = module_with_lessons(catalogue, count=1, title="DARE")
    officer = user_with_role(agency=police, full_name="Officer One")
    colleague = user_with_role(agency=police, full_name="Officer Two")
    tenant_officer = user_with_role(agency=housing, full_name="Housing Officer")
    # Q3: trained before the quarter reported.
    certify(officer, first, london(2026, 9, 10, 9))
    coordinator = user_with_role(Role.TRAINING_COORDINATOR)
    lead = user_with_role(Role.AGENCY_LEAD, agency=police)
    return {
        "coordinator": coordinator,
        "lead": lead,
        "police": police,
        "people": (colleague, tenant_officer),
        "modules": (first, second),
        "certificates": {},
    }


def train_in_q4(world):
    """Three certificates issued in Q4, to two people (one in each sector)."""
    colleague, tenant_officer = world["people"]
    first, second = world["modules"]
    world["certificates"].update(
        q4_first=certify(colleague, first, london(2026, 10, 2, 9)),
        q4_second=certify(colleague, second, london(2026, 12, 31, 23, 59)),
        q4_housing=certify(tenant_officer, first, london(2026, 11, 20, 14)),
    )
    return world


def test_report_on_4_january_for_q4_comes_from_its_snapshot_and_restates_corrections(client, world):
    train_in_q4(world)
    with time_machine.travel(ON_4_JANUARY, tick=False):
        call_command("take_coverage_snapshots", stdout=io.StringIO())
        snapshot = CoverageSnapshot.objects.get()
        assert (snapshot.year, snapshot.quarter) == (2026, 4)
        sign_in(client, world["coordinator"])

        page = text(client.get(URL))
        # The default is the quarter just ended, final, from its snapshot: 2 people trained
        # (not 3 certificates, and not the 0 of the new quarter).
        assert "2026 Q4: final figures" in page
        assert key_figure(page, TRAINED) == "2"
        assert "Restatement" not in page
        pdf = client.post(URL, {"quarter": "2026-Q4", "commentary": "Housing joined."})
        assert pdf["Content-Type"] == "application/pdf"
        assert 'filename="board-report-2026-Q4.pdf"' in pdf["Content-Disposition"]
        first_pdf = " ".join(pdf_text(pdf.content).split())
        assert "2026 Q4" in first_pdf and "Final figures" in first_pdf
        assert "Housing joined." in first_pdf

        # A Q4 certificate is revoked afterwards: the report keeps the figure first
        # reported and says what changed.
        revoke_certificate(
            world["certificates"]["q4_housing"], world["coordinator"], "Issued in error"
        )
        page = text(client.get(URL, {"quarter": "2026-Q4"}))
        assert key_figure(page, TRAINED) == "2"
        note = (
            "Since this report was first produced on 4 January 2027, the people trained in "
            "the quarter changed from 2 to 1 because records were corrected."
        )
        assert note in page
        # Sectors engaged fell too (housing's only training was revoked).
        assert "the sectors engaged changed from 2 to 1" in page
        again = " ".join(
            pdf_text(client.post(URL, {"quarter": "2026-Q4", "commentary": ""}).content).split()
        )
        assert note in again


def test_change_since_the_previous_quarter(client, world):
    with time_machine.travel(london(2026, 10, 1, 6), tick=False):
        call_command("take_coverage_snapshots", stdout=io.StringIO())
    train_in_q4(world)
    with time_machine.travel(ON_4_JANUARY, tick=False):
        call_command("take_coverage_snapshots", stdout=io.StringIO())
        sign_in(client, world["coordinator"])
        page = text(client.get(URL))
    q3, q4 = CoverageSnapshot.objects.order_by("year", "quarter")
    assert q3.figures["headline"]["trained_in_quarter"] == 1
    assert q4.figures["headline"]["trained_in_quarter"] == 2
    assert "Change since 2026 Q3" in page
    assert f"{TRAINED} 2 +1 person" in page
    # People in date at the end: 1 at the end of Q3, 3 at the end of Q4.
    assert "+2 people" in page
    q3_coverage = q3.figures["headline"]["coverage"]
    q4_coverage = q4.figures["headline"]["coverage"]
    assert f"+{q4_coverage - q3_coverage} points" in page


def test_first_quarter_has_no_change_to_report(client, world):
    with time_machine.travel(ON_4_JANUARY, tick=False):
        call_command("take_coverage_snapshots", stdout=io.StringIO())
        sign_in(client, world["coordinator"])
        page = text(client.get(URL))
    assert "No earlier final figures" in page


def test_this_quarter_so_far_is_labelled_live_and_not_final(client, world, catalogue):
    with time_machine.travel(ON_4_JANUARY, tick=False):
        call_command("take_coverage_snapshots", stdout=io.StringIO())
        certify(world["lead"], module_with_lessons(catalogue, count=1), london(2027, 1, 3, 9))
        sign_in(client, world["coordinator"])
        page = text(client.get(URL, {"quarter": "live"}))
        assert "2027 Q1 so far: live figures, not final" in page
        assert "These figures are not final" in page
        assert key_figure(page, TRAINED) == "1"
        assert "Change since 2026 Q4" in page
        pdf = client.post(URL, {"quarter": "live"})
        assert 'filename="board-report-2027-Q1-so-far.pdf"' in pdf["Content-Disposition"]
        assert "Not final" in " ".join(pdf_text(pdf.content).split())


def test_without_any_snapshot_the_report_is_this_quarter_so_far(client, world):
    with time_machine.travel(ON_4_JANUARY, tick=False):
        sign_in(client, world["coordinator"])
        page = text(client.get(URL))
    assert "2027 Q1 so far: live figures, not final" in page


@pytest.mark.parametrize("asked", ["2026-Q3", "2026-Q9", "../etc", "2026-Q4x"])
def test_a_quarter_without_a_snapshot_is_refused_with_a_message(client, world, asked):
    with time_machine.travel(ON_4_JANUARY, tick=False):
        call_command("take_coverage_snapshots", stdout=io.StringIO())
        sign_in(client, world["coordinator"])
        response = client.get(URL, {"quarter": asked})
    assert response.status_code == 400
    page = text(response)
    assert "There is a problem" in page and "Choose a quarter from the list" in page
    assert "<title>Error:" in response.content.decode()
    # The default quarter is still shown underneath.
    assert "2026 Q4: final figures" in page


def test_commentary_limit_and_nothing_typed_is_lost(client, world):
    with time_machine.travel(ON_4_JANUARY, tick=False):
        call_command("take_coverage_snapshots", stdout=io.StringIO())
        sign_in(client, world["coordinator"])
        at_limit = client.post(URL, {"quarter": "2026-Q4", "commentary": "a" * 5000})
        assert at_limit["Content-Type"] == "application/pdf"
        over = client.post(URL, {"quarter": "2026-Q4", "commentary": "b" * 5001})
    assert over.status_code == 400
    html = over.content.decode()
    assert "Commentary must be 5,000 characters or fewer" in html
    assert "b" * 5001 in html
    assert "2026 Q4: final figures" in text(over)


def test_a_bad_quarter_posted_keeps_the_commentary(client, world):
    with time_machine.travel(ON_4_JANUARY, tick=False):
        call_command("take_coverage_snapshots", stdout=io.StringIO())
        sign_in(client, world["coordinator"])
        response = client.post(URL, {"quarter": "1999-Q1", "commentary": "Keep me"})
    assert response.status_code == 400
    assert "Keep me" in response.content.decode()


def test_only_the_coordinator_produces_the_board_report(client, world, user_with_role):
    with time_machine.travel(ON_4_JANUARY, tick=False):
        call_command("take_coverage_snapshots", stdout=io.StringIO())
        assert client.get(URL).status_code == 302  # sent to sign in
        # An agency lead is refused: the report's figures are partnership-wide.
        sign_in(client, world["lead"])
        assert client.get(URL).status_code == 403
        assert client.post(URL, {"quarter": "2026-Q4"}).status_code == 403
        sign_in(client, user_with_role(Role.LEARNER))
        assert client.get(URL, {"quarter": "2026-Q4"}).status_code == 403
        sign_in(client, world["coordinator"])
        assert client.get(URL).status_code == 200
    assert reverse("courses:board_report") == URL


def test_snapshots_listing_in_the_admin_is_read_only_for_the_coordinator(client, world):
    with time_machine.travel(ON_4_JANUARY, tick=False):
        call_command("take_coverage_snapshots", stdout=io.StringIO())
        sign_in(client, world["coordinator"])
        listing = client.get("/admin/coverage_snapshots/")
        assert listing.status_code == 200
        assert "2026 Q4" in listing.content.decode()
        snapshot = CoverageSnapshot.objects.get()
        for path in ("add/", f"edit/{snapshot.pk}/", f"delete/{snapshot.pk}/"):
            assert client.get(f"/admin/coverage_snapshots/{path}").status_code == 404
        sign_in(client, world["lead"])
        assert client.get("/admin/coverage_snapshots/").status_code in (302, 403)


def test_quarter_keys_round_trip():
    assert Quarter.parse(Quarter(2026, 4).key) == Quarter(2026, 4)


def test_before_the_job_has_run_the_page_says_the_last_quarter_is_not_ready(client, world):
    with time_machine.travel(london(2026, 10, 1, 6), tick=False):
        call_command("take_coverage_snapshots", stdout=io.StringIO())
    with time_machine.travel(london(2027, 1, 1, 0, 5), tick=False):
        sign_in(client, world["coordinator"])
        page = text(client.get(URL))
        assert "The final figures for 2026 Q4 are not ready yet" in page
        assert "2026 Q3: final figures" in page  # the newest final quarter
        call_command("take_coverage_snapshots", stdout=io.StringIO())
        page = text(client.get(URL))
        assert "not ready yet" not in page
        assert "2026 Q4: final figures" in page
