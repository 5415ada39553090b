"""Lists a person works from, in one way everywhere (ADR 0080): Django's Paginator, the GOV.UK pagination
component, and filters and sort order kept in the query string so that a page of a filtered list can be
bookmarked, shared with a colleague and gone back to.

Nothing personal goes into those query strings: a list of children is filtered by step, status, period and
caseworker, never by a child's name, which is searched for by POST (``casework`` find a child).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.paginator import Page, Paginator
from django.http import QueryDict
from markupsafe import Markup

from sendboard.core import govuk
from sendboard.core.forms import GovukMessages

PER_PAGE = 50


@dataclass(frozen=True)
class ListPage:
    """One page of a list, and the query string (filters, sort, other lists' pages) its links keep."""

    page: Page
    query: str
    param: str = "page"

    @property
    def items(self) -> list:
        return list(self.page.object_list)

    @property
    def total(self) -> int:
        return self.page.paginator.count

    @property
    def showing(self) -> str:
        """'Showing 51 to 100 of 240', for the line above or below a table; empty when one page holds all."""
        if self.page.paginator.num_pages <= 1:
            return ""
        return f"Showing {self.page.start_index():,} to {self.page.end_index():,} of {self.total:,}"

    def href(self, number: int, *, query: str | None = None) -> str:
        query = self.query if query is None else query
        return "?" + (query + "&" if query else "") + f"{self.param}={number}"

    def pagination_params(self, *, query: str | None = None) -> dict[str, Any] | None:
        """Parameters of GOV.UK's pagination component, or None when there is only one page (``query`` in the
        links instead of the list's own, for a placeholder)."""
        page = self.page
        if page.paginator.num_pages <= 1:
            return None
        items: list[dict[str, Any]] = []
        for number in page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1):
            if number == page.paginator.ELLIPSIS:
                items.append({"ellipsis": True})
            else:
                items.append(
                    {"number": number, "href": self.href(number, query=query), "current": number == page.number}
                )
        params: dict[str, Any] = {"items": items}
        if page.has_previous():
            params["previous"] = {"href": self.href(page.previous_page_number(), query=query)}
        if page.has_next():
            params["next"] = {"href": self.href(page.next_page_number(), query=query)}
        return params


def list_page(
    object_list,
    *,
    params: QueryDict,
    per_page: int = PER_PAGE,
    param: str = "page",
    paginator_class: type[Paginator] = Paginator,
) -> ListPage:
    """The requested page of ``object_list`` (a page number past the end shows the last page, one that is
    not a number the first), keeping every other query-string parameter for the pagination links."""
    paginator = paginator_class(object_list, per_page)
    page = paginator.get_page(params.get(param))
    query = params.copy()
    query.pop(param, None)
    return ListPage(page=page, query=query.urlencode(), param=param)


def pagination(listing: ListPage | None, label: str = "") -> Markup:
    """The GOV.UK pagination component for a list (a Jinja global): nothing when one page holds it all.
    A page with more than one paged list gives each a ``label`` ("Pages of feedback"), so that each
    navigation landmark is named differently."""
    if listing is None:
        return Markup("")
    # Drawn once per process for the same pages and label; the list's filters go in after, in place of a
    # placeholder, so that no visitor's query string is kept.
    params = listing.pagination_params(query=_QUERY_PLACEHOLDER if listing.query else "")
    if params is None:
        return Markup("")
    if label:
        params["landmarkLabel"] = label
    return govuk.component_kept("govukPagination", params, filled={_QUERY_PLACEHOLDER: listing.query})


_QUERY_PLACEHOLDER = "sendboard-list-query-placeholder"


class ListFilterForm(GovukMessages, forms.Form):
    """The filters and sort order of a list, read from the query string.

    A value that is not one of the choices (an edited or out-of-date link) falls back to the field's
    default rather than failing the page: ``values()`` are what the list is filtered by, and ``shown()`` is
    an unbound copy showing them, so the filters never display an error summary."""

    defaults: dict[str, Any] = {}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # A choice always has a value (its default when missing), so it is not labelled "(optional)".
        for field in self.fields.values():
            if isinstance(field, forms.ChoiceField):
                field.required = True

    def values(self) -> dict[str, Any]:
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {
            name: cleaned.get(name)
            if name in cleaned and name not in self.errors and cleaned.get(name) not in (None, "")
            else self.defaults.get(name, field.initial if field.initial is not None else "")
            for name, field in self.fields.items()
        }

    def shown(self) -> ListFilterForm:
        """An unbound copy of the form showing the values in force (choices set at construction are kept)."""
        shown = copy.copy(self)
        shown.is_bound, shown.data, shown.initial = False, {}, self.values()
        shown._errors, shown._bound_fields_cache = None, {}
        return shown


def sort_choices(options: dict[str, tuple[str, tuple[str, ...]]]) -> list[tuple[str, str]]:
    return [(key, label) for key, (label, _order) in options.items()]


def sort_order(options: dict[str, tuple[str, tuple[str, ...]]], key: str) -> tuple[str, ...]:
    """The order_by of a sort option, or the first option's for an unknown key."""
    return options.get(key, next(iter(options.values())))[1]
