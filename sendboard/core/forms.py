"""Form classes every sendboard form builds on, and the shared non-working-day form.

``GovukForm`` gives every field GOV.UK-style error messages in one place, in place of Django's defaults
("This field is required.", "Ensure this value has at most …"), and bounds every free-text field that does
not set its own limit. ``VersionedForm`` adds the hidden version that optimistic concurrency checks (ADR 0070).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django import forms
from django.core.validators import MaxLengthValidator
from django.forms.utils import pretty_name

from sendboard.core.calendar import bank_holiday_name
from sendboard.core.concurrency import EditConflict
from sendboard.core.govuk import GovukDateField, format_date
from sendboard.core.models import NonWorkingDay

# Limits for free text that sets none of its own: a line of text, and a box of paragraphs.
TEXT_INPUT_MAX = 300
TEXTAREA_MAX = 5000

_QUESTION_WORDS = ("what", "who", "why", "how", "where", "when", "which", "with whom", "whether")


def _django_defaults(field: forms.Field) -> dict[str, str]:
    messages: dict[str, str] = {}
    for klass in reversed(type(field).__mro__):
        messages.update(getattr(klass, "default_error_messages", {}))
    return {key: str(value) for key, value in messages.items()}


def _thing(label: str) -> str:
    """The label as the object of a sentence: "the title", "what has happened since the last update"."""
    lowered = label[:1].lower() + label[1:]
    if lowered.lower().startswith(_QUESTION_WORDS) or lowered.lower().startswith(("the ", "a ", "an ", "your ")):
        return lowered
    return f"the {lowered}"


def _number(value: Any) -> str:
    if isinstance(value, (int, Decimal, float)) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)


def govuk_messages(field: forms.Field, label: str) -> dict[str, str]:
    """GOV.UK-style messages for one field, by its kind."""
    thing, subject = _thing(label), label[:1].upper() + label[1:]
    if label.rstrip().endswith("?"):  # a question cannot be the object of a sentence: speak of the answer
        thing, subject = "an answer", "Your answer"
    choosing = isinstance(field, (forms.ChoiceField, forms.ModelChoiceField, forms.BooleanField))
    messages = {
        "required": f"Select {thing}" if choosing else f"Enter {thing}",
        "invalid_choice": f"Select {thing} from the list",
        "invalid_list": f"Select {thing} from the list",
        "invalid_pk_value": f"Select {thing} from the list",
        "null_characters_not_allowed": f"{subject} must not contain hidden control characters",
    }
    if isinstance(field, forms.IntegerField):
        messages["invalid"] = f"{subject} must be a whole number"
    elif isinstance(field, (forms.DecimalField, forms.FloatField)):
        messages["invalid"] = f"{subject} must be a number"
    if isinstance(field, forms.DecimalField):
        places = field.decimal_places
        messages.update(
            {
                "max_decimal_places": f"{subject} must have no more than {places} decimal places",
                "max_digits": f"{subject} must be a smaller number",
                "max_whole_digits": f"{subject} must be a smaller number",
            }
        )
    if getattr(field, "min_value", None) is not None:
        messages["min_value"] = f"{subject} must be {_number(field.min_value)} or more"
    if getattr(field, "max_value", None) is not None:
        messages["max_value"] = f"{subject} must be {_number(field.max_value)} or less"
    if isinstance(field, forms.EmailField):
        messages["invalid"] = "Enter an email address in the correct format, like name@example.com"
    elif isinstance(field, forms.URLField):
        messages["invalid"] = "Enter a web address in the correct format, like https://www.example.org.uk"
    if isinstance(field, forms.FileField):
        messages.update(
            {
                "required": "Select a file",
                "missing": "Select a file",
                "invalid": "Select a file",
                "empty": "The selected file is empty",
                "contradiction": "Select a file",
                "max_length": (
                    f"The name of the selected file must be {_number(field.max_length or 0)} characters or fewer"
                ),
            }
        )
    elif getattr(field, "max_length", None) is not None:
        messages["max_length"] = f"{subject} must be {_number(int(field.max_length))} characters or fewer"
    if getattr(field, "min_length", None) is not None:
        messages["min_length"] = f"{subject} must be {_number(int(field.min_length))} characters or more"
    return messages


class GovukMessages:
    """Mixed into every form (Django's own sign-in and password forms included): GOV.UK messages wherever the
    form left Django's default, and a length limit on every free-text field that has none."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if isinstance(field, forms.CharField) and not isinstance(field.widget, forms.HiddenInput):
                if field.max_length is None:
                    field.max_length = TEXTAREA_MAX if isinstance(field.widget, forms.Textarea) else TEXT_INPUT_MAX
                # Django's sign-in form sets a limit after the field is made, without its validator.
                if not any(isinstance(v, MaxLengthValidator) for v in field.validators):
                    field.validators.append(MaxLengthValidator(int(field.max_length)))
            defaults = _django_defaults(field)
            for key, message in govuk_messages(field, str(field.label or pretty_name(name))).items():
                current = field.error_messages.get(key)
                if current is None or str(current) == defaults.get(key):
                    field.error_messages[key] = message
            if isinstance(field, forms.ModelChoiceField):
                # Django checks these choices for NUL characters with a message of its own.
                field.validate_no_null_characters = _choice_without_nulls(field)


def _choice_without_nulls(field: forms.ModelChoiceField):
    def check(value) -> None:
        if "\x00" in str(value):
            raise forms.ValidationError(field.error_messages["invalid_choice"], code="invalid_choice")

    return check


class GovukForm(GovukMessages, forms.Form):
    """The base of every sendboard form."""


class VersionedForm(GovukForm):
    """An edit form: it carries the version of the record it was opened with (ADR 0070)."""

    version = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean_version(self) -> str:
        # An edit form posted without its version (a page opened before versions existed) is checked
        # against nothing, which refuses it: the editor is shown what the record holds now.
        return self.cleaned_data["version"] or "unknown"


def _display(bound_field: forms.BoundField, value: Any) -> str:
    if value in (None, "", []):
        return "nothing"
    if isinstance(value, date):
        return format_date(value)
    choices = {str(k): str(v) for k, v in getattr(bound_field.field, "choices", [])}
    if isinstance(value, (list, tuple)):
        return ", ".join(choices.get(str(item), str(item)) for item in value) or "nothing"
    if isinstance(value, bool):
        return "yes" if value else "no"
    text = choices.get(str(value), str(value))
    return text if len(text) <= 300 else f"{text[:300]}…"


def form_errors_apply(form: forms.BaseForm, error: Exception) -> None:
    """Put a service's ValidationError on the form: each message on its field, others above the form. An edit
    conflict names every field that changed and what it holds now, and gives the form the current version,
    so that what the editor typed is kept and saving again is a deliberate choice."""
    if isinstance(error, EditConflict):
        data = form.data.copy()
        data["version"] = error.version
        form.data = data
        elsewhere = []
        for name, value in error.changed.items():
            if name in form.fields and not isinstance(form.fields[name].widget, forms.HiddenInput):
                bound = form[name]
                form.add_error(
                    name,
                    f"{bound.label} was changed by someone else since you opened this page. It now says: "
                    f"“{_display(bound, value)}”. Check your answer, then save again",
                )
            else:
                elsewhere.append(_display(form[name] if name in form.fields else form["version"], value))
        now = f" It now holds: {'; '.join(elsewhere)}." if elsewhere else ""
        form.add_error(None, f"{error.message}.{now} Check your answers, then save again")
        return
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


class NonWorkingDayForm(GovukForm):
    date = GovukDateField(
        label="Date",
        help_text="For example, 27 12 2026",
        error_messages={"required": "Enter the date of the non-working day"},
    )
    reason = forms.CharField(
        label="Reason",
        help_text="For example, council offices closed between Christmas and New Year",
        max_length=200,
        error_messages={
            "required": "Enter why this is a non-working day",
            "max_length": "The reason must be 200 characters or fewer",
        },
    )

    def clean_date(self):
        day = self.cleaned_data["date"]
        if day.weekday() >= 5:
            raise forms.ValidationError("That date is a weekend, which is never a working day")
        if name := bank_holiday_name(day):
            raise forms.ValidationError(f"That date is already a bank holiday ({name})")
        if NonWorkingDay.objects.filter(date=day).exists():
            raise forms.ValidationError("That date is already a local non-working day")
        return day
