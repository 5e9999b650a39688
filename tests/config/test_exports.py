"""Every CSV and Excel download is safe from spreadsheet formula injection (item 9).

Names, agencies, module titles and reasons are typed by people we do not control (a learner
signing up, an agency lead, an editor). Text starting with ``=``, ``+``, ``-``, ``@``, a tab
or a carriage return runs as a formula when the coordinator opens the file, so every
export must write it as plain text.

The exports are found from the URL conf (any route whose name or path says export,
download, csv or xlsx, and every Wagtail admin view with a spreadsheet export), so a new
one fails ``test_every_export_is_known`` until it is added to ``SPREADSHEETS`` here (and so
walked) or to ``NOT_SPREADSHEETS`` with the reason.
"""

import csv
import datetime
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.factories import UserFactory, add_totp
from accounts.roles import Role
from config import spreadsheets
from network.factories import AgencyFactory
from tests.helpers import sign_in

from .urlconf import routes

pytestmark = pytest.mark.django_db

HOSTILE = ['=HYPERLINK("http://evil.example","Click")', "+1", "-2", "@SUM(1)", "\t=1", "\r=1"]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
EXPORT_WORDS = re.compile(r"export|download|csv|xlsx", re.IGNORECASE)


@dataclass
class World:
    coordinator: object
    superuser: object
    learner: object
    module: object


@dataclass(frozen=True)
class Export:
    """How to ask for one download; ``queries`` are the variants (one request each)."""

    url: Callable[[World], str]
    queries: tuple[str, ...] = ("",)
    method: str = "get"
    user: str = "coordinator"
    hostile: bool = True  # the world's hostile text must reach this file


SPREADSHEETS: dict[str, Export] = {
    "certificates_export_csv": Export(lambda w: reverse("certificates_export_csv")),
    "privacy_export_csv": Export(
        lambda w: reverse("privacy_export_csv", args=[w.learner.pk]), method="post"
    ),
    # The coverage dashboard downloads its tables with ?format=csv or xlsx.
    "courses:coverage": Export(
        lambda w: reverse("courses:coverage"),
        queries=("format=csv", "format=xlsx"),
    ),
    "courses:coverage (sectors, quarters)": Export(
        lambda w: reverse("courses:coverage"),
        queries=(
            "table=sectors&format=csv",
            "table=sectors&format=xlsx",
            "table=quarters&format=csv",
            "table=quarters&format=xlsx",
        ),
        hostile=False,  # sector names and quarter labels are ours
    ),
    # A session's register: the booked people's names (the learner's is hostile).
    "events_admin_register_csv": Export(
        lambda w: reverse("events_admin_register_csv", args=[_session_booked_by(w.learner)])
    ),
}

NOT_SPREADSHEETS: dict[str, str] = {
    "privacy_export_json": "JSON for a subject access request: no spreadsheet reads it as "
    "formulas, and it must hold exactly what we store.",
    "certificates_export_zip": "A ZIP of certificate PDFs.",
    "courses_question_export": "The question bank as GIFT / Moodle XML for re-import, not "
    "a spreadsheet.",
    "courses_question_export_moodle_xml": "The question bank as Moodle XML for re-import, not "
    "a spreadsheet.",
    "mfa_download_recovery_codes": "allauth's plain-text file of the user's own recovery codes.",
}


def _session_booked_by(person) -> int:
    from events.factories import make_session
    from events.models import Booking, BookingState

    session = make_session()
    Booking.objects.create(session=session, user=person, state=BookingState.BOOKED)
    return session.pk


# Routes outside the name rule that still download a spreadsheet: walked above.
ALSO_EXPORTS = {"courses:coverage"}


def _spreadsheet_views():
    """Wagtail admin views that offer ?export=csv / ?export=xlsx (reports, listings)."""
    from django.urls import get_resolver
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    found = {}

    def walk(resolver, prefix=""):
        for entry in resolver.url_patterns:
            if hasattr(entry, "url_patterns"):
                walk(entry, prefix + str(entry.pattern))
                continue
            view_class = getattr(entry.callback, "view_class", None)
            if view_class and issubclass(view_class, SpreadsheetExportMixin):
                kwargs = getattr(entry.callback, "view_initkwargs", {})
                columns = kwargs.get("list_export", view_class.list_export)
                route = prefix + str(entry.pattern)
                if columns and "<" not in route:  # no columns: the view offers no export
                    found[route] = view_class
        return found

    return walk(get_resolver())


def export_routes() -> set[str]:
    return {r.name for r in routes() if EXPORT_WORDS.search(f"{r.name} {r.route}")}


def test_every_export_is_known():
    named = export_routes()
    known = {name.split(" (")[0] for name in SPREADSHEETS} | NOT_SPREADSHEETS.keys()
    missing = sorted(named - known)
    assert not missing, "\n".join(
        f"New download {name}: add it to SPREADSHEETS or NOT_SPREADSHEETS in {__file__}"
        for name in missing
    )
    stale = sorted(known - named - ALSO_EXPORTS)
    assert not stale, f"No longer in the URL conf: {stale}"


# --- The world: hostile text everywhere people can type it --------------------------------


@pytest.fixture
def world(catalogue):
    from certificates.models import Certificate
    from certificates.services import issue_certificate, revoke_certificate
    from courses.factories import module_with_lessons
    from courses.models import Enrolment, ReflectionNote, TrainingRequirement
    from courses.selectors import live_lessons

    today = timezone.localdate()
    modules = [
        module_with_lessons(catalogue, count=1, title=title, review_by=today)
        for title in ("-2 Module", "@SUM(1) Module")
    ]
    learners = []
    for index, text in enumerate(HOSTILE):
        agency = AgencyFactory(name=f"{text} agency {index}", sector="police", headcount=5)
        TrainingRequirement.objects.get_or_create(module=modules[0], sector="police")
        learner = UserFactory(full_name=text, agency=agency)
        enrolment = Enrolment.objects.create(
            user=learner, module=modules[index % 2], completed_at=timezone.now()
        )
        issue_certificate(enrolment)
        learners.append(learner)
    revoked = Certificate.objects.filter(user=learners[0]).first()
    revoke_certificate(revoked, by=None, reason='=HYPERLINK("http://evil.example")')
    lesson = live_lessons(modules[0]).first()
    ReflectionNote.objects.create(user=learners[0], lesson=lesson, block_id="x", text="@SUM(1)")

    coordinator = UserFactory(role=Role.TRAINING_COORDINATOR, full_name="+44 Coordinator")
    superuser = UserFactory(full_name="=cmd|' /C calc'!A0", is_superuser=True)
    add_totp(superuser)
    return World(coordinator, superuser, learners[0], modules[0])


def _cells_of_csv(content: bytes) -> list[str]:
    text = content.decode("utf-8-sig")
    return [value for line in csv.reader(io.StringIO(text)) for value in line]


def _cells(response) -> tuple[list, str]:
    """Every cell of the download, whatever its format, and the format."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if content.startswith(b"PK"):
        archive = zipfile.ZipFile(io.BytesIO(content))
        names = archive.namelist()
        if "[Content_Types].xml" in names:
            book = openpyxl.load_workbook(io.BytesIO(content))
            cells = [
                cell for sheet in book.worksheets for line in sheet.iter_rows() for cell in line
            ]
            return cells, "xlsx"
        assert all(name.endswith(".csv") for name in names), names
        return [value for name in names for value in _cells_of_csv(archive.read(name))], "csv"
    return _cells_of_csv(content), "csv"


def assert_formula_safe(response, label, *, hostile: bool):
    assert response.status_code == 200, (label, response.status_code)
    cells, kind = _cells(response)
    assert cells, label
    if kind == "xlsx":
        formulas = [c.coordinate for c in cells if c.data_type == "f"]
        assert not formulas, (label, formulas)
        values = [c.value for c in cells if c.value is not None]
    else:
        values = cells
    texts = [v for v in values if isinstance(v, str)]
    dangerous = [v for v in texts if v.startswith(FORMULA_STARTS)]
    assert not dangerous, (label, dangerous)
    if hostile:
        # The hostile text did reach the file, made safe with a leading apostrophe.
        assert any(v.startswith(("'=", "'+", "'-", "'@")) for v in texts), (label, texts[:40])
    return values, kind


def _client_for(client, user):
    sign_in(client, user)
    return client


@pytest.mark.parametrize("name", list(SPREADSHEETS))
def test_each_export_neutralises_formulas(client, world, name):
    export = SPREADSHEETS[name]
    client = _client_for(client, getattr(world, export.user))
    for query in export.queries:
        url = export.url(world) + (f"?{query}" if query else "")
        response = getattr(client, export.method)(url)
        values, kind = assert_formula_safe(response, url, hostile=export.hostile)
        if kind == "xlsx":
            # Numbers stay numbers (the coordinator sums and charts them).
            assert any(isinstance(v, int | float) for v in values), url


def test_wagtail_admin_spreadsheet_exports_neutralise_formulas(client, world):
    views = _spreadsheet_views()
    assert any("content-due-for-review" in route for route in views), views
    client = _client_for(client, world.superuser)
    for route in views:
        for kind in ("csv", "xlsx"):
            url = f"/{route.lstrip('^')}?export={kind}"
            response = client.get(url)
            if response.status_code in (302, 404):
                continue  # a report switched off in this configuration
            assert_formula_safe(response, url, hostile="content-due-for-review" in route)


# --- The helper itself ---------------------------------------------------------------------


@pytest.mark.parametrize("text", HOSTILE)
def test_text_starting_with_a_formula_character_gets_an_apostrophe(text):
    assert spreadsheets.cell(text) == "'" + text
    assert spreadsheets.safe_text(text) == "'" + text


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (3, 3),
        (2.5, 2.5),
        (None, ""),
        (float("nan"), ""),
        (True, "yes"),
        (["=a", "b"], "'=a, b"),
        (datetime.date(2026, 1, 2), "2026-01-02"),
        ("Plain name", "Plain name"),
    ],
)
def test_numbers_stay_numbers_and_other_values_become_safe_text(value, expected):
    assert spreadsheets.cell(value) == expected


def test_xlsx_text_is_never_a_formula_and_numbers_stay_numbers():
    content = spreadsheets.xlsx_bytes(
        ["Name", "Count"], [["=1+1", 3], ["#DIV/0!", 4.5], ["ok", None]], "Sheet"
    )
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    rows = [[(c.value, c.data_type) for c in line] for line in sheet.iter_rows()]
    assert rows[1] == [("'=1+1", "s"), (3, "n")]
    assert rows[2] == [("#DIV/0!", "s"), (4.5, "n")]
    assert rows[3][1][0] is None
