"""CSV files of the outcomes pages' tables. Suppressed cells arrive here as "c" (presenters.py), never as a
number. Text that a spreadsheet would run as a formula is written as text.

The plans workbook export (plans/xlsx.py) guards the same risk by typing its cells as strings, which a CSV
file cannot do, so the guard here is the one OWASP describes for CSV: a leading apostrophe.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable

from django.http import HttpResponse

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


def csv_safe(value) -> str:
    """A cell as text that no spreadsheet will evaluate (numbers, including negative ones, stay numbers)."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_START) and not PLAIN_NUMBER.match(text):
        return "'" + text
    return text


def csv_text(headers: list[str], rows: Iterable[Iterable], *, notes: Iterable[str] = ()) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([csv_safe(h) for h in headers])
    for row in rows:
        writer.writerow([csv_safe(cell) for cell in row])
    notes = list(notes)
    if notes:
        writer.writerow([])
        writer.writerows([[csv_safe(note)] for note in notes])
    return out.getvalue()


def csv_response(
    headers: list[str], rows: Iterable[Iterable], *, filename: str, notes: Iterable[str] = ()
) -> HttpResponse:
    """UTF-8 with a byte order mark (so spreadsheet programs read the dash and accents right); notes (what
    "c" means) follow the table after an empty row, only when given."""
    response = HttpResponse(
        ("\ufeff" + csv_text(headers, rows, notes=notes)).encode("utf-8"), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
