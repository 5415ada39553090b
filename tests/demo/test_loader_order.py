"""Given each app's demo loader and what it needs, when load_demo_area orders them, then each runs after the
loaders it needs whatever the order of INSTALLED_APPS, and a loader that does not say what it needs is refused
(ADR 0177)."""

from __future__ import annotations

import pytest

from sendboard.demo.loaders import LOADER_NEEDS, LoaderOrderError, app_demo_loaders, loaders_ordered


def _loaders(*labels):
    return [(label, None) for label in labels]


def _labels(loaders):
    return [label for label, _ in loaders]


def test_a_loader_runs_after_those_it_needs_whatever_the_order_given():
    needs = {"documents": ("returns",), "returns": ("casework",), "casework": (), "localoffer": ()}
    ordered = loaders_ordered(_loaders("documents", "localoffer", "returns", "casework"), needs)
    assert _labels(ordered) == ["localoffer", "casework", "returns", "documents"]


def test_loaders_that_need_nothing_keep_the_order_given():
    assert _labels(loaders_ordered(_loaders("b", "a", "c"), {"a": (), "b": (), "c": ()})) == ["b", "a", "c"]


def test_a_loader_that_does_not_say_what_it_needs_is_refused():
    with pytest.raises(LoaderOrderError, match=r"undeclared: \['new'\]"):
        loaders_ordered(_loaders("casework", "new"), {"casework": ()})


def test_a_need_that_is_no_loader_is_refused():
    with pytest.raises(LoaderOrderError, match=r"no loader: \['gone'\]"):
        loaders_ordered(_loaders("casework"), {"casework": ("gone",)})


def test_loaders_that_need_each_other_are_refused():
    with pytest.raises(LoaderOrderError, match="circle"):
        loaders_ordered(_loaders("a", "b"), {"a": ("b",), "b": ("a",)})


def test_every_apps_loader_is_declared_and_the_register_comes_before_what_is_made_from_it():
    order = [label for label, _ in app_demo_loaders()]
    assert set(order) == set(LOADER_NEEDS)
    # INSTALLED_APPS has documents before returns (documents sits below returns); its loader needs the register.
    assert order.index("casework") < order.index("returns") < order.index("documents") < order.index("advice")
    assert order.index("advice") < order.index("reminders")
