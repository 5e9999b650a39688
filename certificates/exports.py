"""Bulk downloads for the coordinator, streamed so memory stays flat however many."""

import csv
import zipfile
from collections.abc import Iterable, Iterator

from django.utils import timezone

from . import pdf
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


class _Echo:
    def write(self, value):
        return value


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
    writer = csv.writer(_Echo())
    yield "\ufeff"  # so Excel reads the names' accents correctly
    yield writer.writerow(CSV_HEADER)
    now = timezone.now()
    for certificate in certificates:
        agency = (
            certificate.user.agency.name if certificate.user and certificate.user.agency else ""
        )
        yield writer.writerow(
            [
                certificate.number,
                _safe(certificate.holder_name),
                _safe(certificate.module_title),
                timezone.localtime(certificate.issued_at).date().isoformat(),
                timezone.localtime(certificate.expires_at).date().isoformat(),
                LABELS[status(certificate, now)],
                _safe(agency),
                certificate.cpd_minutes,
            ]
        )


def _safe(value: str) -> str:
    """Stop spreadsheet formula injection (=, +, -, @ at the start of a cell)."""
    return f"'{value}" if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value
