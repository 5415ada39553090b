"""GOV.UK Frontend's table component, rendered in Python (ADR 0173).

``govukTable`` in every template is this function. It writes, character for character, what the pinned
govuk-frontend-jinja macro writes (tests/core/test_govuk_table.py compares the two over every kind of parameter),
at a fraction of the cost: the macro calls Jinja's attribute lookup and a nested ``govukAttributes`` macro for
every cell, which made a page of 50 rows cost several milliseconds. A table given ``attributes`` (on the table, a
header or a cell) is handed to the macro itself, so that those, rarer, keep the macro's exact output too.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from markupsafe import Markup, escape

_MISSING = object()


def _get(item: Any, name: str) -> Any:
    """``item.name`` as the macro's Jinja reads it from a dict: the key's value, or missing."""
    if type(item) is dict:  # nearly always: a dict literal of a template (checked first, as it is cheapest)
        return item.get(name, _MISSING)
    if isinstance(item, Mapping):
        return item.get(name, _MISSING)
    return getattr(item, name, _MISSING)


def _true(value: Any) -> bool:
    return value is not _MISSING and bool(value)


def _out(value: Any) -> str:
    """``{{ value }}`` in the macro's autoescaping environment: nothing for a missing value."""
    return "" if value is _MISSING else str(escape(value))


def _content(item: Any) -> str:
    """``item.html | safe if item.html else item.text``."""
    html = _get(item, "html")
    if _true(html):
        return str(html)
    return _out(_get(item, "text"))


def _spans(item: Any) -> str:
    colspan, rowspan = _get(item, "colspan"), _get(item, "rowspan")
    return (f' colspan="{_out(colspan)}"' if _true(colspan) else "") + (
        f' rowspan="{_out(rowspan)}"' if _true(rowspan) else ""
    )


def _classes(base: str, item: Any, *, format_prefix: str = "") -> str:
    classes = base
    if format_prefix:
        format_ = _get(item, "format")
        if _true(format_):
            classes += f" {format_prefix}--{_out(format_)}"
    extra = _get(item, "classes")
    if _true(extra):
        classes += f" {_out(extra)}"
    return classes


def _has_attributes(params: Any) -> bool:
    if _true(_get(params, "attributes")):
        return True
    head = _get(params, "head")
    if _true(head) and any(_true(_get(item, "attributes")) for item in head):
        return True
    rows = _get(params, "rows")
    return _true(rows) and any(_true(_get(cell, "attributes")) for row in rows if row for cell in row)


def _head(head) -> str:
    parts = ['\n  <thead class="govuk-table__head">\n    <tr class="govuk-table__row">\n    ']
    for item in head:
        classes = _classes("govuk-table__header", item, format_prefix="govuk-table__header")
        parts.append(f'\n      <th scope="col" class="{classes}"{_spans(item)}>{_content(item)}</th>\n    ')
    parts.append("\n    </tr>\n  </thead>\n")
    return "".join(parts)


def _row(row, first_cell_is_header: bool) -> str:
    parts = ['\n    <tr class="govuk-table__row">\n    ']
    for index, cell in enumerate(row):
        if index == 0 and first_cell_is_header:
            classes = _classes("govuk-table__header", cell)
            parts.append(f'\n      \n      \n      <th scope="row" class="{classes}"{_spans(cell)}>')
            parts.append(f"{_content(cell)}</th>\n      \n    ")
        else:
            classes = _classes("govuk-table__cell", cell, format_prefix="govuk-table__cell")
            parts.append(
                f'\n      \n      \n      <td class="{classes}"{_spans(cell)}>{_content(cell)}</td>\n      \n    '
            )
    parts.append("\n    </tr>\n  ")
    return "".join(parts)


def govuk_table(params) -> Markup:
    """The GOV.UK table component for ``params`` (the macro's parameters)."""
    if _has_attributes(params):
        from sendboard.core.govuk import component_macros

        return Markup(component_macros()["govukTable"](params))
    parts = [f'\n<table class="{_classes("govuk-table", params)}">\n']
    caption = _get(params, "caption")
    if _true(caption):
        caption_classes = _get(params, "captionClasses")
        extra = f" {_out(caption_classes)}" if _true(caption_classes) else ""
        parts.append(f'\n  <caption class="govuk-table__caption{extra}">{_out(caption)}</caption>\n')
    parts.append("\n")
    head = _get(params, "head")
    if _true(head):
        parts.append(_head(head))
    parts.append('\n  <tbody class="govuk-table__body">\n')
    first_cell_is_header = _true(_get(params, "firstCellIsHeader"))
    rows = _get(params, "rows")
    for row in rows if rows is not _MISSING and rows is not None else ():
        parts.append("\n  ")
        if row:
            parts.append(_row(row, first_cell_is_header))
        parts.append("\n")
    parts.append("\n  </tbody>\n</table>\n")
    return Markup("".join(parts))
