"""The history of a plan, an action or a rule (kept by audit.history, ADR 0115) in words: field names as their labels,
stored values as what a person chose (choice labels, dates written out), never the names and codes the database
keeps."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import FieldDoesNotExist
from django.db import models

from sendboard.audit.models import Change
from sendboard.core.govuk import format_date
from sendboard.plans.models import (
    Action,
    CoproductionRecord,
    Finding,
    Inspection,
    InspectionEvent,
    Judgement,
    MilestoneRule,
    Plan,
    Rag,
    Workstream,
)

# Keys a service records that are not a model field of the same name.
_LABELS = {
    "rag": "RAG",
    "rag_override": "RAG override",
    "reason": "Reason",
    "with": "With whom",
    "measure": "Measure",
    "value": "Value",
    "date": "Date",
    "weakness": "Weakness",
    "progress": "Progress",
    "kind": "Event",
}
_CHOICES = {"rag": Rag, "rag_override": Rag}
_MODELS: tuple[type[models.Model], ...] = (
    Action,
    MilestoneRule,
    Inspection,
    InspectionEvent,
    Finding,
    Plan,
    Judgement,
    Workstream,
    CoproductionRecord,
)


def _field(key: str, model: type[models.Model] | None) -> models.Field | None:
    for candidate in ((model,) if model else ()) + _MODELS:
        try:
            return candidate._meta.get_field(key)
        except FieldDoesNotExist:
            continue
    return None


def _label(key: str, field: models.Field | None) -> str:
    if key in _LABELS:
        return _LABELS[key]
    if field is not None and isinstance(getattr(field, "verbose_name", None), str):
        name = str(field.verbose_name)
        return name[:1].upper() + name[1:]
    return key.replace("_", " ").capitalize()


def _value(key: str, value, field: models.Field | None) -> str:
    if value in (None, "", []):
        return "none"
    if isinstance(value, list):
        return ", ".join(_value(key, item, field) for item in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    choices = (
        dict(_CHOICES[key].choices)
        if key in _CHOICES
        else dict(field.flatchoices)
        if field is not None and field.choices
        else {}
    )
    if value in choices:
        return str(choices[value])
    if isinstance(field, models.DateField) and isinstance(value, str):
        try:
            return format_date(date.fromisoformat(value))
        except ValueError:
            return value
    return str(value)


def _model_of(change: Change) -> type[models.Model] | None:
    """The kind of record the change is to (an action, a rule), whose labels and choices come first."""
    model = change.subject_type.model_class()
    return model if model in (Action, MilestoneRule) else None


def change_details(change: Change) -> list[str]:
    """Each changed item as "Status: Not started → In progress" (or "Title: New title" when there was no before)."""
    model = _model_of(change)
    details = []
    for key, after in change.after.items():
        field = _field(key, model)
        label = _label(key, field)
        if key in change.before:
            details.append(f"{label}: {_value(key, change.before[key], field)} → {_value(key, after, field)}")
        else:
            details.append(f"{label}: {_value(key, after, field)}")
    return details


@dataclass(frozen=True)
class HistoryRow:
    change: Change
    details: list[str]


def history_rows(changes) -> list[HistoryRow]:
    return [HistoryRow(change, change_details(change)) for change in changes]
