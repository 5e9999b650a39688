"""Bulk downloads for the coordinator, streamed so memory stays flat however many."""

import zipfile
from collections.abc import Iterable, Iterator

from django.utils import timezone

from config import spreadsheets

from . import pdf, validity
from .models import Certificate
from .selectors import LABELS, status


class _Pipe:
    """A write-only file whose contents are collected and handed on in chunks."""

    def __init__(self):
        self.chunks: list[bytes] = []
        self.position = 0

    def write(self, data: bytes) -> int:
        self.chunks.append(bytes(data))
        self.position += len(data)
        return len(data)

    def tell(self) -> int:
        return self.position

    def flush(self) -> None:
        pass

    def drain(self) -> bytes:
        data, self.chunks = b"".join(self.chunks), []
        return data


def stream_zip(certificates: Iterable[Certificate], verify_url) -> Iterator[bytes]:
    """A ZIP of PDFs, produced one certificate at a time."""
    pipe = _Pipe()
    with zipfile.ZipFile(pipe, mode="w", compression=zipfile.ZIP_DEFLATED) as archive:
        for certificate in certificates:
            info = zipfile.ZipInfo(
                pdf.filename(certificate),
                date_time=timezone.localtime(certificate.issued_at).timetuple()[:6],
            )
            info.compress_type = zipfile.ZIP_DEFLATED
            with archive.open(info, mode="w") as member:
                member.write(pdf.render(certificate, verify_url(certificate)))
            yield pipe.drain()
    yield pipe.drain()


CSV_HEADER = [
    "Number",
    "Holder",
    "Module",
    "Issued",
    "Expires",
    "Status",
    "Agency",
    "CPD minutes",
]


def stream_csv(certificates: Iterable[Certificate]) -> Iterator[str]:
    """The coordinator's CSV, streamed; every cell goes through the formula-safe helper.

    Dates are the ones printed on the certificate; the status is today's (Europe/London),
    by ``certificates.validity``."""
    day = validity.today()

    def rows():
        for certificate in certificates:
            user = certificate.user
            agency = user.agency.name if user and user.agency else ""
            yield [
                certificate.number,
                certificate.holder_name,
                certificate.module_title,
                validity.day_of(certificate.issued_at).isoformat(),
                validity.expires_on(certificate.expires_at).isoformat(),
                LABELS[status(certificate, day)],
                agency,
                certificate.cpd_minutes,
            ]

    return spreadsheets.stream_csv(CSV_HEADER, rows())
