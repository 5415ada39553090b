"""The one way lists page and keep their filters (ADR 0080)."""

from __future__ import annotations

from django import forms
from django.http import QueryDict

from sendboard.core.lists import ListFilterForm, list_page, pagination, sort_order
from tests.html import page, pagination_hrefs


def test_a_page_keeps_every_other_parameter_and_says_what_it_shows():
    listing = list_page(list(range(120)), params=QueryDict("status=overdue&step=advice&page=2"))
    assert listing.items == list(range(50, 100))
    assert listing.showing == "Showing 51 to 100 of 120"
    assert pagination_hrefs(str(pagination(listing))) == [
        "?status=overdue&step=advice&page=1",
        "?status=overdue&step=advice&page=1",
        "?status=overdue&step=advice&page=2",
        "?status=overdue&step=advice&page=3",
        "?status=overdue&step=advice&page=3",
    ]


def test_a_page_past_the_end_or_not_a_number_shows_the_last_or_the_first():
    assert list_page(list(range(60)), params=QueryDict("page=9")).items == list(range(50, 60))
    assert list_page(list(range(60)), params=QueryDict("page=two")).items == list(range(50))


def test_one_page_needs_no_pagination_and_two_lists_page_apart():
    assert str(pagination(list_page([1, 2], params=QueryDict("")))) == ""
    listing = list_page(list(range(30)), params=QueryDict("page=2&feedback_page=2"), per_page=10, param="feedback_page")
    assert listing.items == list(range(10, 20))
    navigation = page(str(pagination(listing, "Pages of feedback"))).iter("nav")
    assert [nav.get("aria-label") for nav in navigation] == ["Pages of feedback"]
    assert "?page=2&feedback_page=3" in pagination_hrefs(str(pagination(listing, "Pages of feedback")))


class _Filters(ListFilterForm):
    status = forms.ChoiceField(required=False, choices=[("open", "Open"), ("done", "Done")])
    sort = forms.ChoiceField(required=False, choices=[("due", "Due"), ("name", "Name")])
    defaults = {"status": "open", "sort": "due"}


def test_filters_fall_back_to_their_defaults_for_values_that_are_not_choices():
    assert _Filters(QueryDict("status=done&sort=nonsense")).values() == {"status": "done", "sort": "due"}
    assert _Filters(QueryDict("")).values() == {"status": "open", "sort": "due"}
    shown = _Filters(QueryDict("status=done&sort=nonsense")).shown()
    assert not shown.is_bound and shown["status"].value() == "done" and shown["sort"].value() == "due"


def test_an_unknown_sort_uses_the_first_option():
    options = {"due": ("Due", ("due_date", "id")), "name": ("Name", ("name", "id"))}
    assert sort_order(options, "name") == ("name", "id")
    assert sort_order(options, "other") == ("due_date", "id")
