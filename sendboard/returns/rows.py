"""Rows validated declaratively: a form per row (ADR 0163).

An importer whose file is a table describes one row as a Django form: each column a field (with its required
message, its longest length and its validators), rules across columns in ``clean``. ``rows_validate`` runs the
form on every row and turns each error into the framework's one problem type, naming the row, the column and the
rule (the error's code), so no importer writes its own ladder of checks. ``csv_dict_rows`` reads a CSV file's
rows by header name, reporting a missing column, a row shorter or longer than the header, a value over the CSV
reader's limit and a quotation mark that never closes, each as a problem.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from sendboard.returns.framework import Report


class RowForm(forms.Form):
    """One row of a file. ``columns`` maps a field's name to the column it reads, where the two differ (a
    spreadsheet's "Due date" is the field ``due_date``); ``context`` holds what every row is checked against
    (organisations, codes, the plan), read once per file."""

    columns: dict[str, str] = {}

    def __init__(self, data: dict, *, context: dict | None = None) -> None:
        by_field = {name: data.get(self.columns.get(name, name)) for name in self.base_fields}
        super().__init__(by_field)
        self.context = context or {}

    def column(self, name: str) -> str:
        return self.columns.get(name, name) if name != forms.forms.NON_FIELD_ERRORS else ""


# Django's own error codes, in the words the problems table shows for a rule.
RULE_WORDS = {"max_length": "too long", "min_value": "range", "max_value": "range", "invalid": "format"}


def row_problems(form: RowForm, record: str, report: Report) -> None:
    """Every error of a row's form, as a problem naming the row, the column and the rule."""
    for name, errors in form.errors.as_data().items():
        for error in errors:
            rule_name = RULE_WORDS.get(error.code, error.code or "format")
            for message in error:
                report.add(record, form.column(name), rule_name, message)


def rows_validate(
    form_class: type[RowForm], rows: Iterable[tuple[int, dict]], report: Report, *, context: dict | None = None
) -> list[tuple[int, dict[str, Any]]]:
    """(row number, cleaned values) of every row whose form is valid; every other row's errors are problems."""
    valid = []
    for number, values in rows:
        form = form_class(values, context=context)
        if form.is_valid():
            valid.append((number, form.cleaned_data))
        else:
            row_problems(form, f"row {number}", report)
    return valid


def rule(code: str, message: str) -> ValidationError:
    """A broken rule, with its name as the error's code: the problem's rule."""
    return ValidationError(message, code=code)


def csv_dict_rows(text: str, report: Report, *, columns: list[str], max_rows: int) -> Iterator[tuple[int, dict]]:
    """(line, values by column) of each row of a CSV text, the header being line 1. Stops at the first problem of
    the file's shape (a missing column, more than ``max_rows`` rows, a value the reader cannot read); a row with
    too few or too many cells is a problem of its own and is skipped."""
    reader = csv.reader(io.StringIO(text))
    line = 1
    try:
        header = [name.strip() for name in next(reader, [])]
        missing = [name for name in columns if name not in header]
        if missing:
            report.add("row 1", ", ".join(missing), "header", "the header row lacks these columns")
            return
        for cells in reader:
            if not cells:
                continue  # a blank line is no row (as csv.DictReader reads it)
            line += 1
            if line - 1 > max_rows:
                report.add(f"row {line}", "", "too many rows", f"the file has more than {max_rows} rows: split it")
                return
            if len(cells) != len(header):
                more = len(cells) > len(header)
                report.add(
                    f"row {line}",
                    "",
                    "column count",
                    f"the row has {'more' if more else 'fewer'} cells than the header has columns",
                )
                continue
            yield line, dict(zip(header, cells, strict=True))
    except csv.Error as error:
        if "field larger than field limit" in str(error):
            message = f"a value is longer than {csv.field_size_limit():,} characters, far more than any column holds"
            report.add(f"row {line + 1}", "", "CSV", message)
        else:
            report.add(f"row {line + 1}", "", "CSV", "the row cannot be read as CSV: a quotation mark may be missing")
