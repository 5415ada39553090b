"""Reading published files as they are printed: CSV (with a byte-order mark, quoted names with commas, a
repeated header, a truncated last line), OpenDocument spreadsheets and xlsx, and the cells inside them
(numbers with padding or thousands separators, percentages, and the publishers' status codes)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from sendboard.core.archives import NotASpreadsheet, SpreadsheetLimits, SpreadsheetRefused, spreadsheet_check
from sendboard.returns.framework import Report
from sendboard.statistics.published import open_path, read_bytes

# The published spreadsheets are small (the largest, the DfE's appeal-rate ODS, unpacks to 2.7 MB in 57,593
# elements, 28 times its packed size): these limits leave room to grow and refuse a bomb before it is read.
ODS_DAMAGED = "The file is not an OpenDocument spreadsheet, or part of it is damaged: save it again as .ods"
XLSX_DAMAGED = "The file is not an xlsx workbook, or part of it is damaged: save it again as .xlsx"
PUBLISHED_LIMITS = SpreadsheetLimits(
    parts=100, uncompressed=50 * 1024 * 1024, ratio=100, shared_strings=500_000, elements=100_000
)

# Status codes as the publishers print them, each kept in PublishedValue.status, never read as 0:
# DfE: x not available/suppressed, z not applicable, c confidential (suppressed), u low reliability, low
# (rounds to 0 but is not 0); ONS/EES ":" not available; MoJ ".." not available, "~" suppressed, "-" nil;
# R's NA in the NHS and Ofsted derived files.
STATUS_CODES = frozenset({"x", "z", "c", "u", "low", ":", "..", "~", "-", "NA"})


class Unreadable(Exception):
    """A file that cannot be read at all (wrong encoding, broken quoting); the message says why."""


@dataclass
class Cell:
    value: Decimal | None
    status: str = ""
    padded: bool = False


def cell_parse(text: str, *, percent_sign: bool = False) -> Cell | None:
    """A published cell: a number (surrounding spaces and thousands commas allowed; a trailing % if
    ``percent_sign``), or a status code. None when it is neither."""
    stripped = text.strip()
    padded = stripped != text
    if stripped in STATUS_CODES:
        return Cell(None, stripped, padded)
    number = (
        stripped.replace(",", "")
        if "," in stripped and re.fullmatch(r"-?\d{1,3}(,\d{3})+(\.\d+)?%?", stripped)
        else stripped
    )
    if percent_sign and number.endswith("%"):
        number = number[:-1]
    try:
        value = Decimal(number)
    except InvalidOperation:
        return None
    if not value.is_finite():
        return None
    return Cell(value, "", padded)


@dataclass
class CsvTable:
    header: list[str]
    rows: list[tuple[int, list[str]]] = field(default_factory=list)  # (line number, fields)
    duplicates: dict[str, list[int]] = field(default_factory=dict)  # repeated column name -> positions


def csv_read(path: Path, report: Report, *, header_line: int = 1) -> CsvTable | None:
    """Read a CSV whole. Every row must have as many fields as the header (a short row, typically a
    truncated last line, is a problem). Returns None when the file cannot be read at all."""
    try:
        with open_path(path) as handle:
            lines = list(csv.reader(handle, strict=True))
    except UnicodeDecodeError as error:
        report.add("file", "", "encoding", f"The file is not UTF-8 text (byte {error.start}): save it as CSV UTF-8")
        return None
    except (OSError, EOFError) as error:  # a gzipped file that is not gzip, or is cut short
        report.add(
            "file",
            "",
            "compressed",
            f"The file is not a readable gzip file ({type(error).__name__}); download it again",
        )
        return None
    except csv.Error as error:
        report.add("file", "", "csv_syntax", f"The file is not valid CSV: {error}; it may be cut short")
        return None
    if len(lines) < header_line:
        report.add("file", "", "empty", "The file is empty")
        return None
    header = [name.strip() for name in lines[header_line - 1]]
    table = CsvTable(header=header)
    positions: dict[str, list[int]] = {}
    for index, name in enumerate(header):
        positions.setdefault(name, []).append(index)
    table.duplicates = {name: where for name, where in positions.items() if len(where) > 1 and name}
    for number, fields in enumerate(lines[header_line:], start=header_line + 1):
        if not any(text.strip() for text in fields):
            continue  # an empty line (or a line of commas) between or after the rows
        if len(fields) != len(header):
            last = number == len(lines)
            report.add(
                f"line {number}",
                "",
                "truncated" if last and len(fields) < len(header) else "field_count",
                f"Line {number} has {len(fields)} fields where the header has {len(header)}"
                + (": the file looks cut short" if last and len(fields) < len(header) else ""),
            )
            continue
        table.rows.append((number, fields))
    return table


def _measured(path: Path, *, damaged: str) -> bytes:
    """The spreadsheet's bytes (a shipped copy may be gzipped), refused (Unreadable) over the published files'
    limits before any reader opens it (ADR 0066)."""
    try:
        data = read_bytes(path)
        spreadsheet_check(data, limits=PUBLISHED_LIMITS)
    except (NotASpreadsheet, OSError, EOFError):  # a shipped copy's gzip may be damaged too
        raise Unreadable(damaged) from None
    except SpreadsheetRefused as refused:
        raise Unreadable(refused.message) from None
    return data


def ods_rows(path: Path, sheet: str) -> list[list[str]]:
    """The text of every row of one sheet of an OpenDocument spreadsheet (repeated cells expanded, trailing
    empty cells dropped)."""
    from odf import teletype
    from odf.opendocument import load
    from odf.table import Table, TableCell, TableRow

    data = _measured(path, damaged=ODS_DAMAGED)
    try:
        document = load(io.BytesIO(data))
        tables = document.spreadsheet.getElementsByType(Table) if document.spreadsheet is not None else []
        for table in tables:
            if table.getAttribute("name") != sheet:
                continue
            rows: list[list[str]] = []
            for row in table.getElementsByType(TableRow):
                cells: list[str] = []
                for cell in row.getElementsByType(TableCell):
                    repeat = int(cell.getAttribute("numbercolumnsrepeated") or 1)
                    cells.extend([teletype.extractText(cell)] * min(repeat, 200))
                while cells and not cells[-1].strip():
                    cells.pop()
                rows.append(cells)
            return rows
    except Exception:  # noqa: BLE001 - odfpy raises zip, XML, key and value errors alike for a damaged file
        raise Unreadable(ODS_DAMAGED) from None
    raise Unreadable(f"The spreadsheet has no sheet named {sheet!r}")


def xlsx_rows(path: Path) -> list[list[str]]:
    """The cells of the first sheet of an xlsx workbook, as text ('' for empty)."""
    from openpyxl import load_workbook

    data = _measured(path, damaged=XLSX_DAMAGED)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - openpyxl raises zip, XML, key and its own errors alike for a damaged file
        raise Unreadable(XLSX_DAMAGED) from None
    try:
        sheet = workbook.worksheets[0]
        return [["" if value is None else str(value) for value in row] for row in sheet.iter_rows(values_only=True)]
    except Exception:  # noqa: BLE001 - the sheet's XML is read only here, row by row: a damaged part fails here
        raise Unreadable(XLSX_DAMAGED) from None
    finally:
        workbook.close()


def uk_date(text: str) -> date | None:
    """A date printed dd/mm/yyyy, or None."""
    match = re.fullmatch(r"(\d{2})/(\d{2})/(\d{4})", text.strip())
    if match is None:
        return None
    try:
        return date(int(match[3]), int(match[2]), int(match[1]))
    except ValueError:
        return None


def name_key(name: str) -> str:
    """A council name folded for matching across publishers: case, '&', 'St.' and punctuation ignored."""
    folded = name.lower().replace("&", "and").replace("st.", "st")
    return re.sub(r"[^a-z0-9]+", " ", folded).strip()


def rows_numbered(table: CsvTable) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows as dicts keyed by column name (for a repeated column, the first occurrence)."""
    first = {name: table.header.index(name) for name in table.header}
    for number, fields in table.rows:
        yield number, {name: fields[index] for name, index in first.items()}
