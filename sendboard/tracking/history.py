"""The history of a vulnerable learner's record (kept by audit.history, ADR 0115) in words: each changed value
under its field's label, dates written out, yes and no for a tick, the choice a person picked for a code."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import FieldDoesNotExist
from django.db import models

from sendboard.audit.models import Change
from sendboard.audit.selectors import changes_of
from sendboard.core.govuk import format_date
from sendboard.tracking.rule_data import DELETION_GROUNDS

# What each kind of record keeps in its history: what people reported and decided, never the pupil's name or
# date of birth again (the page names the child already).
TIMETABLE_FIELDS = ("start_date", "hours_per_week", "reason", "review_date", "parent_agreed", "end_date")
REMOVAL_FIELDS = ("ground", "removal_date", "destination_known", "destination")
NOT_ATTENDING_FIELDS = ("since", "note", "resolved_on")
TASK_FIELDS = ("done_on", "note")
DECISION_FIELDS = ("meeting_date", "agreed_action", "owner", "action_by")
CASE_FIELDS = ("source", "referred_by", "opened_on", "closed_on", "found_where")
ENQUIRY_FIELDS = ("made_on", "made_with", "outcome")
PLACED_HISTORY_FIELDS = (
    "placing_council",
    "placing_contact",
    "placing_contact_email",
    "looked_after",
    "has_plan",
    "placed_on",
    "notified_on",
    "school",
    "last_review",
    "next_review",
    "left_on",
)

# Each value under the words its page uses (a field's own name otherwise).
_LABELS = {
    "start_date": "Started",
    "hours_per_week": "Hours a week",
    "reason": "Why",
    "review_date": "Agreed review date",
    "end_date": "Ended",
    "ground": "Ground for deleting the pupil's name",
    "removal_date": "Removed from roll",
    "since": "Not attending since",
    "resolved_on": "Back at school",
    "done_on": "Checked on",
    "meeting_date": "Meeting",
    "owner": "Who will do it",
    "opened_on": "Missing education since",
    "found_where": "Where found",
    "made_on": "Enquiry made",
    "made_with": "Who was asked",
    "has_plan": "Has an EHC plan",
}
_CHOICES = {"ground": dict(DELETION_GROUNDS)}


def _field(model: type[models.Model] | None, key: str) -> models.Field | None:
    if model is None:
        return None
    try:
        return model._meta.get_field(key)
    except FieldDoesNotExist:
        return None


def _label(key: str, field: models.Field | None) -> str:
    if key in _LABELS:
        return _LABELS[key]
    name = str(field.verbose_name) if field is not None else key.replace("_", " ")
    return name[:1].upper() + name[1:]


def _value(key: str, value, field: models.Field | None) -> str:
    if value in (None, ""):
        return "none"
    if value in _CHOICES.get(key, {}):
        return str(_CHOICES[key][value])
    if isinstance(value, bool):
        return "yes" if value else "no"
    if field is not None and field.choices and value in dict(field.flatchoices):
        return str(dict(field.flatchoices)[value])
    if isinstance(field, models.DateField) and isinstance(value, str):
        try:
            return format_date(date.fromisoformat(value))
        except ValueError:
            return value
    if isinstance(field, models.DecimalField):  # hours as people write them: 12, not 12.0
        try:
            return f"{Decimal(str(value)).normalize():f}"
        except InvalidOperation:
            return str(value)
    return str(value)


def change_details(change: Change) -> list[str]:
    """Each changed value as "Review date: 5 December 2026 → 9 January 2027", or "Hours a week: 12" when added."""
    model = change.subject_type.model_class()
    # In the order the record's fields are declared (PostgreSQL's JSON keeps its own order of keys, not ours).
    order = {field.name: n for n, field in enumerate(model._meta.get_fields())} if model else {}
    details = []
    for key in sorted(change.after, key=lambda key: order.get(key, len(order))):
        after = change.after[key]
        field = _field(model, key)
        if key in change.before:
            details.append(
                f"{_label(key, field)}: {_value(key, change.before[key], field)} → {_value(key, after, field)}"
            )
        else:
            details.append(f"{_label(key, field)}: {_value(key, after, field)}")
    return details


@dataclass(frozen=True)
class HistoryRow:
    change: Change
    details: list[str]


def history_rows(record) -> list[HistoryRow]:
    """A record's history, newest first, with what was read under it (a timetable's check, a case's enquiries and
    decisions): one query."""
    return [HistoryRow(change, change_details(change)) for change in changes_of(record)]
