import datetime
import io

import pytest
from pypdf import PdfReader, PdfWriter

from network import membership_pdf
from network.factories import VenueFactory
from tests.certificates.pdf_tools import decode_qr, needs_pdf_tools, pdf_text

pytestmark = pytest.mark.django_db

URL = "http://testserver/safe-places/venues/bargate-books-southampton/"


@pytest.fixture
def venue():
    return VenueFactory(
        name="Bargate Books",
        slug="bargate-books-southampton",
        address_line_1="12 Above Bar Street",
        postcode="SO14 7DU",
        lead_name="Morgan Private-Lead",
        contact_email="private.lead@bargate.example",
        contact_phone="07700 900123",
        # 23:30 UTC on 1 July is 00:30 on 2 July in London (BST).
        approved_at=datetime.datetime(2026, 7, 1, 23, 30, tzinfo=datetime.UTC),
        next_check_due=datetime.date(2027, 6, 30),
    )


def _text(content: bytes) -> str:
    return " ".join(pdf_text(content).split())


def test_pack_has_a_sticker_and_a_certificate_with_the_charter(venue):
    content = membership_pdf.render(venue, URL)
    reader = PdfReader(io.BytesIO(content))
    assert len(reader.pages) == 2
    sticker = " ".join(reader.pages[0].extract_text().split())
    assert "Safe Place" in sticker
    assert "You can come in here if you feel unsafe. We will help you." in sticker
    assert "Bargate Books" in sticker
    assert "Southampton Domestic Abuse and VAWG Partnership" in sticker

    certificate = " ".join(reader.pages[1].extract_text().split())
    assert "Bargate Books" in certificate
    assert "12 Above Bar Street" in certificate
    assert "is a member of the Safe Places network" in certificate
    assert "2 July 2026" in certificate  # approval date in London time
    assert "30 June 2027" in certificate
    for commitment in ("Welcome", "Call 999 in an emergency", "wait", "confidential"):
        assert commitment in certificate
    assert URL in certificate


def test_pack_has_no_private_contact_details(venue):
    text = _text(membership_pdf.render(venue, URL))
    for private in (venue.contact_email, venue.lead_name, venue.contact_phone):
        assert private not in text


def test_pack_metadata_and_filename(venue):
    reader = PdfReader(io.BytesIO(membership_pdf.render(venue, URL)))
    assert reader.metadata.title == "Safe Places membership pack: Bargate Books"
    assert reader.metadata.author == "Southampton Domestic Abuse and VAWG Partnership"
    assert membership_pdf.filename(venue) == "safe-place-bargate-books-southampton.pdf"


def test_markup_in_a_venue_name_is_printed_as_text(venue):
    venue.name = "<b>Books</b> & Café"
    text = _text(membership_pdf.render(venue, URL))
    assert "<b>Books</b> & Café" in text


@needs_pdf_tools
def test_both_qr_codes_open_the_public_venue_page(venue):
    content = membership_pdf.render(venue, URL)
    assert decode_qr(content) == URL

    # decode_qr reads the first page: give it the certificate page on its own.
    writer = PdfWriter()
    writer.add_page(PdfReader(io.BytesIO(content)).pages[1])
    second = io.BytesIO()
    writer.write(second)
    assert decode_qr(second.getvalue()) == URL
