"""One importer for every local extract, driven by its layout (ADR 0050, on the returns framework, ADR 0023).

A file is read whole: header, then every row's values by type and code, then the rules across columns, the
key and the one-local-area rule. Every problem is reported as (row, column, rule, message); messages name the
row and column and never repeat a value from the file, since values are personal data. A file with any
problem loads nothing. A loaded file replaces the rows of the same period (census date, academic year,
month...) that earlier files loaded for the same local area (ADR 0051).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.db import connection
from django.utils import timezone

from sendboard.core.bulk import rows_insert as bulk_rows_insert
from sendboard.core.govuk import format_date
from sendboard.core.models import LocalArea
from sendboard.extracts.layouts import LAYOUTS, Column, Layout
from sendboard.extracts.upn import upn_problem
from sendboard.returns.framework import Report
from sendboard.returns.models import ImportedFile

BATCH = 5000
_ACADEMIC_YEAR = re.compile(r"^(\d{4})/(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_URN = re.compile(r"^\d{6}$")
_LA = re.compile(r"^\d{3}$")


class Invalid(Exception):
    def __init__(self, rule: str, text: str) -> None:
        super().__init__(text)
        self.rule = rule
        self.text = text


def _date(raw: str) -> date:
    if len(raw) != 10:
        raise Invalid("type", "not a date in the form YYYY-MM-DD")
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise Invalid("type", "not a date in the form YYYY-MM-DD") from None


def _code(column: Column, raw: str, today: date):
    if raw not in column.codes.values:
        raise Invalid("code", f"not one of the {column.codes.name} codes")
    if column.type == "boolean":
        return raw == "Y"
    return int(raw) if column.codes.name == "AuditGrade" else raw


def _upn(column: Column, raw: str, today: date) -> str:
    problem = upn_problem(raw)
    if problem == "format":
        raise Invalid("UPN format", "not 13 characters in the UPN format")
    if problem:
        raise Invalid("check letter", "check letter wrong")
    return raw


def _a_date(column: Column, raw: str, today: date) -> date:
    value = _date(raw)
    if value < column.earliest or value > today:
        raise Invalid("range", f"the date is before {column.earliest.isoformat()} or in the future")
    return value


def _month(column: Column, raw: str, today: date) -> date:
    match = _MONTH.match(raw)
    if not match or not 1 <= int(match[2]) <= 12:
        raise Invalid("type", "not a month in the form YYYY-MM")
    value = date(int(match[1]), int(match[2]), 1)
    if value.year < 2000 or value > today:
        raise Invalid("range", "the month is before 2000 or in the future")
    return value


def _academic_year(column: Column, raw: str, today: date) -> str:
    match = _ACADEMIC_YEAR.match(raw)
    if not match or (int(match[1]) + 1) % 100 != int(match[2]):
        raise Invalid("type", "not an academic year in the form YYYY/YY")
    if not 2000 <= int(match[1]) <= today.year:
        raise Invalid("range", "the academic year is before 2000/01 or in the future")
    return raw


def _number(column: Column, raw: str, today: date):
    integer = column.type == "integer"
    try:
        value = int(raw) if integer else Decimal(raw)
    except (ValueError, InvalidOperation):
        raise Invalid("type", "not a whole number" if integer else "not a number") from None
    if not integer and (not value.is_finite() or -value.as_tuple().exponent > column.places):
        raise Invalid("type", f"not a number with at most {column.places} decimal places")
    if (column.minimum is not None and value < column.minimum) or (
        column.maximum is not None and value > column.maximum
    ):
        raise Invalid("range", f"out of range ({column.allowed()})")
    return value


def _pattern(pattern: re.Pattern, words: str):
    def parse(column: Column, raw: str, today: date) -> str:
        if not pattern.match(raw):
            raise Invalid("type", f"not {words}")
        return raw

    return parse


def _text(column: Column, raw: str, today: date) -> str:
    if column.max_length and len(raw) > column.max_length:
        raise Invalid("range", f"longer than {column.max_length} characters")
    return raw


# How a cell of each column type is read: the layout says a column's type, this says what the type allows.
PARSERS = {
    "code": _code,
    "boolean": _code,
    "upn": _upn,
    "date": _a_date,
    "month": _month,
    "academic_year": _academic_year,
    "integer": _number,
    "decimal": _number,
    "urn": _pattern(_URN, "a six-digit URN"),
    "la": _pattern(_LA, "a three-digit LA number"),
}


def parse_value(column: Column, raw: str, today: date):
    """The value of one cell, or Invalid saying which rule it breaks. Blank cells are handled by the caller."""
    return PARSERS.get(column.type, _text)(column, raw, today)


def _blank(column: Column):
    return None if column.type in ("date", "decimal", "integer") else ""


@dataclass
class _FileState:
    """What the rows read so far have set: the file's local area and period, the keys seen, the valid rows."""

    rows: list[dict] = field(default_factory=list)
    seen: dict[tuple, int] = field(default_factory=dict)
    la_code: str | None = None
    la_row: int = 0
    area: LocalArea | None = None
    first_period: object = None


@dataclass
class _RowReport:
    """Problems of one row, each naming the row, the column and the rule, never the cell's value."""

    number: int
    report: Report

    def add(self, column: str, rule: str, text: str) -> None:
        where = f"row {self.number}, column {column}" if column else f"row {self.number}"
        self.report.add(f"row {self.number}", column, rule, f"{where}: {text}")


class ExtractImporter:
    """The importer of one layout. ``rows`` is what ``check`` found valid, kept for ``load``."""

    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        self.kind = layout.kind
        self.suffix = ".csv"
        self.count_labels = {
            "rows": "Rows",
            "rows replaced": "Rows replaced (loaded by earlier files for the same period)",
        }

    # -- reading -----------------------------------------------------------------------------------------------
    def read(self, path: Path, report: Report) -> tuple[LocalArea | None, list[dict]]:
        try:
            with path.open(newline="", encoding="utf-8-sig") as handle:
                size = max(1, path.stat().st_size)
                reader = csv.reader(handle)
                header = next(reader, None)
                if header is None:
                    report.add("row 1", "", "header", "row 1: the file is empty; it needs the header row")
                    return None, []
                if not self._header_ok(header, report):
                    return None, []
                return self._rows(reader, report, size)
        except UnicodeDecodeError:
            report.add("file", "", "encoding", "the file is not UTF-8 text: save it as CSV UTF-8")
            return None, []
        except csv.Error as error:
            report.add(f"row {reader.line_num}", "", "CSV", f"row {reader.line_num}: the CSV cannot be read ({error})")
            return None, []

    def _header_ok(self, header: list[str], report: Report) -> bool:
        expected = self.layout.header
        found = [h.strip() for h in header]
        if found == expected:
            return True
        for name in expected:
            if name not in found:
                report.add("row 1", name, "header", f"row 1, column {name}: missing")
        for name in dict.fromkeys(found):
            if name not in expected:
                report.add(
                    "row 1", name, "header", f"row 1, column {name or '(blank)'}: not in the {self.layout.title} layout"
                )
            elif found.count(name) > 1:
                report.add("row 1", name, "header", f"row 1, column {name}: appears more than once")
        if report.ok:  # the right columns, in the wrong order
            for position, (want, got) in enumerate(zip(expected, found, strict=True), start=1):
                if want != got:
                    report.add(
                        "row 1",
                        got,
                        "header",
                        f"row 1, column {got}: in position {position}, where the layout has {want}",
                    )
        return False

    def _rows(self, reader, report: Report, size: int) -> tuple[LocalArea | None, list[dict]]:
        state = _FileState()
        today = timezone.localdate()
        read = 0
        for raw in reader:
            number = reader.line_num
            read += sum(map(len, raw)) + len(raw) + 1
            if report.progress and number % 5000 == 0:
                report.fraction = min(read / size, 1.0)
                report.progress(number - 1)
            if not any(cell.strip() for cell in raw):
                continue
            row = _RowReport(number, report)
            if len(raw) != len(self.layout.columns):
                row.add("", "column count", f"{len(raw)} values where the header has {len(self.layout.columns)}")
                continue
            values, bad = self._values(raw, row, today)
            self._rules(values, bad, row)
            self._one_area(values, bad, row, state)
            self._key(values, bad, row, state)
            self._one_period(values, bad, row, state)
            state.rows.append(values)
        if not state.rows and report.ok:
            report.add("row 2", "", "required", "row 2: the file has a header but no rows")
        return state.area, state.rows

    def _values(self, raw: list[str], row: _RowReport, today: date) -> tuple[dict, set[str]]:
        """Each cell by its column's type; the columns whose cell broke a rule."""
        values: dict = {}
        bad: set[str] = set()
        for column, cell in zip(self.layout.columns, raw, strict=True):
            cell = cell.strip()
            try:
                if not cell:
                    if column.required:
                        raise Invalid("required", "required but blank")
                    values[column.name] = _blank(column)
                else:
                    values[column.name] = parse_value(column, cell, today)
            except Invalid as invalid:
                row.add(column.name, invalid.rule, invalid.text)
                bad.add(column.name)
                values.setdefault(column.name, _blank(column))
        return values, bad

    def _rules(self, values: dict, bad: set[str], row: _RowReport) -> None:
        for rule in self.layout.rules:
            if bad.isdisjoint(rule.reads) and not rule.check(values):
                row.add(rule.column, rule.name, rule.message)

    def _one_area(self, values: dict, bad: set[str], row: _RowReport, state: _FileState) -> None:
        if "la" in bad:
            return
        if state.la_code is None:
            state.la_code, state.la_row = values["la"], row.number
            state.area = LocalArea.objects.filter(la_code=state.la_code).first()
            if state.area is None:
                row.add("la", "one local area", "no local area with this LA number is set up in sendboard")
        elif values["la"] != state.la_code:
            row.add(
                "la",
                "one local area",
                f"a different local area from row {state.la_row}'s; a file is for one local area",
            )

    def _key(self, values: dict, bad: set[str], row: _RowReport, state: _FileState) -> None:
        key_columns = self.layout.key
        if not bad.isdisjoint(key_columns):
            return
        key = tuple(values[k] for k in key_columns)
        if all(part not in ("", None) for part in key):
            first = state.seen.setdefault(key, row.number)
            if first != row.number:
                row.add(key_columns[-1], "duplicate", f"{self.layout.key_message} (first at row {first})")

    def _one_period(self, values: dict, bad: set[str], row: _RowReport, state: _FileState) -> None:
        period = self.layout.period
        if not self.layout.single_period or period in bad:
            return
        if state.first_period is None:
            state.first_period = values[period]
        elif values[period] != state.first_period:
            row.add(period, "one period", f"a different {period} from earlier rows; one per file")

    # -- the framework's two calls -----------------------------------------------------------------------------
    def check(self, path: Path, report: Report) -> None:
        area, rows = self.read(path, report)
        if report.ok:
            self._count(rows, report)

    def load(self, path: Path, imported_file: ImportedFile, report: Report) -> None:
        area, rows = self.read(path, report)
        if not report.ok:
            return
        layout = self.layout
        model = layout.model
        periods = sorted({row[layout.period] for row in rows})
        for start in range(0, len(periods), 500):  # SQLite allows 999 parameters to a statement
            stale = model.objects.filter(local_area=area, **{f"{layout.period}__in": periods[start : start + 500]})
            replaced = stale.count()
            if replaced:
                stale.delete()
                report.count("rows replaced", replaced)
        rows_insert(
            model=model,
            columns=[c for c in layout.columns if c.model_field],
            rows=rows,
            fixed={"imported_file_id": imported_file.id, "local_area_id": area.id},
        )
        self._count(rows, report)

    def _count(self, rows: list[dict], report: Report) -> None:
        report.count("rows", len(rows))
        periods = {row[self.layout.period] for row in rows}
        if len(periods) <= 24:
            for row in rows:
                report.count(self._count_key(self.layout.period, row[self.layout.period]))
        for name in self.layout.counts:
            for row in rows:
                report.count(self._count_key(name, row[name]))

    def _count_key(self, name: str, value) -> str:
        """Words for "rows with this value": "Rows for 16 January 2025" (the period), "SEN support (K)" (a code)."""
        column = self.layout.column(name)
        if isinstance(value, date):
            shown = f"{value:%B %Y}" if column.type == "month" else format_date(value)
        else:
            shown = str(value) if value not in (None, "") else "blank"
        if name == self.layout.period:
            return f"Rows for {shown}"
        labels = dict(column.codes.codes) if column.codes is not None else {}
        if str(value) in labels:
            return f"{labels[str(value)]} ({value})"
        return f"{column.description.split(' (')[0]}: {shown}"


def rows_insert(*, model, columns: list[Column], rows: list[dict], fixed: dict) -> None:
    """Insert validated rows without building model instances (ADR 0053), in batches, through the one bulk insert
    of ``sendboard.core.bulk``; ``fixed`` holds the columns every row shares (the file, the local area)."""
    names = [model._meta.get_field(c.model_field).column for c in columns] + list(fixed)
    order, tail = [c.name for c in columns], tuple(fixed.values())
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH):
            bulk_rows_insert(
                cursor,
                model._meta.db_table,
                names,
                [tuple(row[name] for name in order) + tail for row in rows[start : start + BATCH]],
            )


IMPORTERS = {kind: ExtractImporter(layout) for kind, layout in LAYOUTS.items()}
