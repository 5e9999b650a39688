"""The one place every CSV and Excel download is written through, safe from formula injection.

A cell whose text starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is
run as a formula by Excel, LibreOffice and Google Sheets, so a name typed into a form such
as ``=HYPERLINK("http://evil", "Click")`` would become a live link (or worse) in the
coordinator's download. Following OWASP's advice, such text is given a leading apostrophe,
and Excel cells holding text are written as text, never as formulas; numbers stay numbers.

Every export uses these functions: certificates (``certificates/exports.py``), coverage
tables (``courses/coverage_views.py``) and personal data (``accounts/privacy.py``). Wagtail's
own admin reports (``?export=csv`` / ``?export=xlsx``) are covered by
:func:`guard_wagtail_exports`, installed by ``pages.apps.PagesConfig.ready``.
"""

import contextlib
import csv
import datetime
import io
import math
import numbers
from collections.abc import Iterable, Iterator
from decimal import Decimal

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BOM = "\ufeff"  # so Excel reads accented names correctly


def safe_text(text: str) -> str:
    """``text`` with a leading apostrophe when a spreadsheet would read it as a formula."""
    return f"'{text}" if text[:1] in FORMULA_STARTS else text


def _plain(value):
    """numpy and pandas scalars as Python values; missing values (None, NaN, NaT) as None."""
    if value is None:
        return None
    if hasattr(value, "item") and not isinstance(value, str | bytes):
        with contextlib.suppress(TypeError, ValueError):
            value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    if type(value).__name__ in ("NaTType", "NAType"):
        return None
    return value


def cell(value):
    """A value ready for a spreadsheet cell: numbers stay numbers, everything else is safe
    text (``None`` and NaN are empty, ticks are "yes"/"no", lists are joined)."""
    value = _plain(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, numbers.Number | Decimal):
        return value
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, list | tuple | set | frozenset):
        value = ", ".join(str(item) for item in value)
    return safe_text(str(value))


def row(values: Iterable) -> list:
    return [cell(value) for value in values]


class _Echo:
    def write(self, value):
        return value


def stream_csv(header: Iterable, rows: Iterable[Iterable]) -> Iterator[str]:
    """A CSV file, line by line (for a ``StreamingHttpResponse``), starting with a BOM."""
    writer = csv.writer(_Echo())
    yield BOM
    yield writer.writerow(row(header))
    for values in rows:
        yield writer.writerow(row(values))


def csv_text(header: Iterable, rows: Iterable[Iterable]) -> str:
    return "".join(stream_csv(header, rows))


def xlsx_bytes(header: Iterable, rows: Iterable[Iterable], sheet_name: str = "Sheet1") -> bytes:
    """An Excel workbook of one sheet; text cells are always text, numbers are numbers."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_name[:31])

    def cells(values):
        for value in row(values):
            written = WriteOnlyCell(sheet, value=None if value == "" else value)
            if isinstance(value, str) and value:
                written.data_type = "s"  # never a formula, an error code or a date
            yield written

    sheet.append(list(cells(header)))
    for values in rows:
        sheet.append(list(cells(values)))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def frame_csv(frame) -> str:
    """A pandas DataFrame as CSV text (with a BOM), without its index."""
    return csv_text(frame.columns, frame.itertuples(index=False, name=None))


def frame_xlsx(frame, sheet_name: str = "Sheet1") -> bytes:
    """A pandas DataFrame as an Excel workbook, without its index."""
    return xlsx_bytes(frame.columns, frame.itertuples(index=False, name=None), sheet_name)


def guard_wagtail_exports() -> None:
    """Make Wagtail's spreadsheet exports (admin reports, listings with ``list_export``)
    write their text cells through :func:`safe_text`. Wagtail stops formulas in XLSX but
    writes CSV cells as they are."""
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    original = SpreadsheetExportMixin.preprocess_field_value
    if getattr(original, "formula_safe", False):
        return

    def preprocess_field_value(self, field, value, export_format):
        value = original(self, field, value, export_format)
        return safe_text(value) if isinstance(value, str) else value

    preprocess_field_value.formula_safe = True
    SpreadsheetExportMixin.preprocess_field_value = preprocess_field_value
