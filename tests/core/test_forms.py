"""Every form's messages are GOV.UK-style, set in one place (core/forms.py), and every free-text field is bounded."""

from __future__ import annotations

import importlib
import pkgutil
from collections import defaultdict
from datetime import date
from types import SimpleNamespace

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict

import sendboard
from sendboard.accounts.models import User
from sendboard.casework.models import Child
from sendboard.casework.recording import Case
from sendboard.casework.selectors import child_prefetches
from sendboard.core.concurrency import EditConflict, version_token
from sendboard.core.forms import (
    TEXT_INPUT_MAX,
    TEXTAREA_MAX,
    GovukForm,
    GovukMessages,
    VersionedForm,
    form_errors_apply,
)
from sendboard.core.govuk import GovukDateField
from sendboard.outcomes.models import Indicator
from sendboard.returns.rows import RowForm
from tests.casework.helpers import make_case

# Django's own words, which no page may show.
DJANGO_DEFAULTS = (
    "This field is required",
    "Ensure this value",
    "Select a valid choice",
    "Enter a valid",
    "Enter a whole number.",
    "Enter a number.",
    "Enter a list of values",
    "No file was submitted",
    "The submitted file is empty",
    "is not a valid value",
    "Null characters are not allowed",
)


def _form_classes() -> list[type[forms.Form]]:
    # Every module of forms in every app (``forms``, ``recording_forms``, ...), whatever the tests imported first.
    for module in pkgutil.iter_modules(sendboard.__path__):
        package = importlib.import_module(f"sendboard.{module.name}")
        for inner in pkgutil.iter_modules(getattr(package, "__path__", [])):
            if inner.name.endswith("forms"):
                importlib.import_module(f"sendboard.{module.name}.{inner.name}")
    found, stack = [], list(forms.Form.__subclasses__())
    while stack:
        klass = stack.pop()
        stack.extend(klass.__subclasses__())
        if klass.__module__.startswith("sendboard.") and klass not in (GovukForm, VersionedForm):
            found.append(klass)
    return sorted(set(found), key=lambda k: f"{k.__module__}.{k.__name__}")


FORMS = _form_classes()
KWARGS = {
    "owners": lambda: User.objects.none(),
    "findings": lambda: User.objects.none(),
    "leads": lambda: User.objects.none(),
    "measures": lambda: User.objects.none(),
    "candidates": lambda: User.objects.none(),
    "holders": lambda: User.objects.none(),
    "indicator": lambda: Indicator(code="x", period_type="academic_year", unit=Indicator.Unit.PERCENT),
    "reasons": lambda: {"late_advice": "Advice was late"},
    "dimensions": lambda: ["sex"],
    "periods": lambda: ["2024"],
    "organisations": lambda: [],
    "sources": lambda: {"HEALTH": "Health advice"},
    "documents": lambda: [],
    "partners": lambda: [(1, "A health trust")],
    "today": lambda: date(2026, 12, 5),
    "months": lambda: [date(2026, 11, 1), date(2026, 12, 1)],
    "asked_of": lambda: ["A health trust"],
    "lateness": lambda: [("all", "Every late request"), ("overdue", "Overdue now")],
    "case": lambda: _case_in_review(),
    "labels": lambda: {},
    "consultation": lambda: SimpleNamespace(sent_date=date(2026, 10, 1)),
    "appeal": lambda: SimpleNamespace(started_date=date(2026, 10, 1)),
}


def _case_in_review() -> Case:
    """A case that has come as far as a step can: decided, assessed, a draft, a final plan and a review."""
    child = make_case(
        received=date(2025, 1, 6),
        decided=date(2025, 2, 10),
        outcome="Y",
        assessment_outcome="Y",
        assessed=date(2025, 4, 1),
        draft=date(2025, 4, 14),
        plan_start=date(2025, 5, 19),
        active=True,
        review_meeting=date(2026, 5, 11),
        review_outcome="A",
        last_review=date(2026, 5, 25),
    )
    return Case.of(child_prefetches(Child.objects.filter(id=child.id)).get())


class _NothingKnown(dict):
    """What a file's rows are checked against, with nothing in it: no organisations, users, codes or rows seen."""

    def add(self, value) -> None:
        pass


def _build(klass, data=None, files=None):
    import inspect

    # What each constructor in the form's ancestry asks for by keyword (a subclass passes the rest on).
    names = list(
        dict.fromkeys(
            p.name
            for ancestor in klass.__mro__
            if "__init__" in vars(ancestor)
            for p in inspect.signature(ancestor.__init__).parameters.values()
            if p.kind == p.KEYWORD_ONLY and p.default is p.empty
        )
    )
    if issubclass(klass, RowForm):
        # A row of an imported file: its values by column, checked against what the file is loaded into.
        return klass(data if data is not None else {}, context=defaultdict(_NothingKnown))
    return klass(data=data, files=files, **{name: KWARGS[name]() for name in names})


def test_every_sendboard_form_takes_its_messages_from_the_one_place():
    assert len(FORMS) > 30
    assert [k.__name__ for k in FORMS if not issubclass(k, GovukMessages)] == []


@pytest.mark.django_db
@pytest.mark.parametrize("klass", FORMS, ids=lambda k: k.__name__)
def test_every_free_text_field_is_bounded_and_says_so_in_govuk_words(klass):
    probe = _build(klass)
    text_fields = {
        name: field
        for name, field in probe.fields.items()
        if isinstance(field, forms.CharField) and not isinstance(field.widget, forms.HiddenInput)
    }
    for name, field in text_fields.items():
        assert field.max_length is not None and field.max_length <= 20_000, f"{klass.__name__}.{name} is unbounded"
        form = _build(klass, QueryDict(mutable=True) | {name: "w" * 50_000})
        assert not form.is_valid()
        said = " ".join(form.errors.get(name, []))
        assert "characters or fewer" in said or "must be 6 digits" in said, (klass.__name__, name, said)
        assert not [words for words in DJANGO_DEFAULTS if words in said], (klass.__name__, name, said)


@pytest.mark.django_db
@pytest.mark.parametrize("klass", FORMS, ids=lambda k: k.__name__)
def test_no_form_shows_a_django_default_message_for_empty_or_nonsense_answers(klass):
    probe = _build(klass)
    nonsense = {}
    for name, field in probe.fields.items():
        if isinstance(field.widget, forms.MultiWidget):
            nonsense.update({f"{name}-day": "40", f"{name}-month": "x", f"{name}-year": "20"})
        elif isinstance(field, forms.MultipleChoiceField):
            nonsense[name] = ["nonsense"]
        else:
            nonsense[name] = "nonsense\x00"
    for data in (QueryDict(), nonsense):
        form = _build(klass, data, {})
        form.is_valid()
        shown = " ".join(str(message) for messages in form.errors.values() for message in messages)
        assert not [words for words in DJANGO_DEFAULTS if words in shown], (klass.__name__, shown)
        assert "?" not in shown, (klass.__name__, shown)  # "Select the is the service open?" read as nonsense


class Sample(GovukForm):
    title = forms.CharField(label="Title")
    what_happened = forms.CharField(label="What happened", widget=forms.Textarea)
    kind = forms.ChoiceField(label="Kind of service", choices=[("a", "A")])
    count = forms.IntegerField(label="Count", min_value=1, max_value=9)
    amount = forms.DecimalField(label="Amount", max_digits=5, decimal_places=2)
    email = forms.EmailField(label="Email address", required=False)
    website = forms.URLField(label="Website", required=False, assume_scheme="https")
    day = GovukDateField(label="Date of the visit")
    own = forms.CharField(label="Own", max_length=10, error_messages={"required": "Enter your own words"})


def test_govuk_messages_replace_djangos_in_one_place():
    form = Sample(QueryDict())
    form.is_valid()
    assert form.errors == {
        "title": ["Enter the title"],
        "what_happened": ["Enter what happened"],
        "kind": ["Select the kind of service"],
        "count": ["Enter the count"],
        "amount": ["Enter the amount"],
        "day": ["Enter the date of the visit"],
        "own": ["Enter your own words"],
    }
    bad = Sample(
        {
            "title": "t" * 301,
            "what_happened": "w" * 5001,
            "kind": "z",
            "count": "0",
            "amount": "1.234",
            "email": "abc",
            "website": "not a site",
            "day-day": "31",
            "day-month": "2",
            "day-year": "2026",
            "own": "x" * 11,
        }
    )
    bad.is_valid()
    assert bad.errors == {
        "title": [f"Title must be {TEXT_INPUT_MAX} characters or fewer"],
        "what_happened": [f"What happened must be {TEXTAREA_MAX:,} characters or fewer"],
        "kind": ["Select the kind of service from the list"],
        "count": ["Count must be 1 or more"],
        "amount": ["Amount must have no more than 2 decimal places"],
        "email": ["Enter an email address in the correct format, like name@example.com"],
        "website": ["Enter a web address in the correct format, like https://www.example.org.uk"],
        "day": ["The date of the visit must be a real date"],
        "own": ["Own must be 10 characters or fewer"],
    }


def test_a_question_label_makes_messages_about_the_answer():
    class Question(GovukForm):
        open = forms.ChoiceField(label="Is it open?", choices=[("y", "Yes")])
        why = forms.CharField(label="Why was it late?", max_length=5)

    form = Question({"open": "z", "why": "because"})
    form.is_valid()
    assert form.errors == {
        "open": ["Select an answer from the list"],
        "why": ["Your answer must be 5 characters or fewer"],
    }


class Edit(VersionedForm):
    title = forms.CharField(label="Title")
    due = GovukDateField(label="Due date")


def test_an_edit_conflict_names_each_changed_field_keeps_the_typing_and_carries_the_new_version():
    current = {"title": "Their title", "due": date(2027, 3, 31)}
    form = Edit({"title": "My title", "due-day": "1", "due-month": "4", "due-year": "2027", "version": "old"})
    assert form.is_valid()
    form_errors_apply(form, EditConflict(changed=current, version=version_token(current)))
    assert form.errors["title"] == [
        "Title was changed by someone else since you opened this page. It now says: “Their title”. "
        "Check your answer, then save again"
    ]
    assert "It now says: “31 March 2027”" in form.errors["due"][0]
    assert form["title"].value() == "My title" and form["version"].value() == version_token(current)


def test_other_service_errors_land_on_their_fields_or_above_the_form():
    form = Edit({"title": "x", "due-day": "1", "due-month": "4", "due-year": "2027"})
    form.is_valid()
    form_errors_apply(form, ValidationError({"title": "Title taken", "elsewhere": "Something else"}))
    assert form.errors == {"title": ["Title taken"], "__all__": ["Something else"]}
