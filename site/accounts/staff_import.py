"""Reading an agency's staff list (CSV) to pre-register learners.

Every row is checked first; the import only happens when no row has an error, so a file is
never half imported. Excel's usual encodings (UTF-8 with a BOM, Windows-1252) both work.
"""

import csv
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from .models import JobRole

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000
HEADERS = {
    "name": {"name", "full name", "full_name"},
    "email": {"email", "email address", "work email"},
    "job_role": {"job role", "job_role", "role"},
}
ROLE_LOOKUP = {
    **{value: value for value in JobRole.values},
    **{label.lower(): value for value, label in JobRole.choices},
}


@dataclass
class StaffRow:
    line: int
    name: str
    email: str
    job_role: str


@dataclass
class StaffFile:
    rows: list[StaffRow] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.rows)


def decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _columns(fieldnames: list[str] | None) -> dict[str, str] | str:
    found = {}
    for name in fieldnames or []:
        key = (name or "").strip().lower()
        for column, aliases in HEADERS.items():
            if key in aliases:
                found[column] = name
    missing = [column for column in ("name", "email") if column not in found]
    if missing:
        return (
            "The first row must name the columns: Name, Email and (optionally) Job role. "
            f"Missing: {', '.join(missing)}."
        )
    return found


def parse_staff_csv(data: bytes) -> StaffFile:
    result = StaffFile()
    if len(data) > MAX_BYTES:
        result.errors.append((0, "The file is larger than 2 MB."))
        return result
    reader = csv.DictReader(io.StringIO(decode(data)))
    columns = _columns(reader.fieldnames)
    if isinstance(columns, str):
        result.errors.append((1, columns))
        return result
    seen: dict[str, int] = {}
    for line, record in enumerate(reader, start=2):
        if line - 1 > MAX_ROWS:
            result.errors.append((line, f"Files can have at most {MAX_ROWS} rows."))
            break
        name = " ".join((record.get(columns["name"]) or "").split())
        email = (record.get(columns["email"]) or "").strip().lower()
        role_text = (record.get(columns.get("job_role", ""), "") or "").strip().lower()
        if not (name or email or role_text):
            continue  # blank line
        problems = []
        if not name:
            problems.append("the name is missing")
        elif len(name) > 150:
            problems.append("the name is longer than 150 characters")
        try:
            validate_email(email)
        except ValidationError:
            problems.append(f"“{email or '(blank)'}” is not a valid email address")
        if email in seen:
            problems.append(f"the email {email} is also on line {seen[email]}")
        role = ROLE_LOOKUP.get(role_text) if role_text else ""
        if role is None:
            problems.append(
                f"“{role_text}” is not a job role we know; use one of: "
                + ", ".join(label for _, label in JobRole.choices)
            )
        if problems:
            text = "; ".join(problems)
            result.errors.append((line, text[0].upper() + text[1:] + "."))
        else:
            seen[email] = line
            result.rows.append(StaffRow(line, name, email, role or ""))
    if not result.rows and not result.errors:
        result.errors.append((1, "The file has no staff in it."))
    return result
