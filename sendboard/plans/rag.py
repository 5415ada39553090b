"""RAG derived from progress against dates (ADR 0012). Pure: the same action and day give the same RAG.

- Complete: the action is complete.
- Red: not complete and its due date has passed.
- Amber: it should have started and has not; or it is in progress with no progress update for more than
  ``STALE_AFTER_DAYS`` days; or it is due within ``DUE_SOON_DAYS`` days and not yet complete.
- Green: otherwise.

An override replaces the derived RAG only with a reason, and the change is kept in the plan's history.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

STALE_AFTER_DAYS = 45
DUE_SOON_DAYS = 14


@dataclass(frozen=True)
class RagInputs:
    status: str
    start_date: date
    due_date: date
    last_update_date: date | None


def derive_rag(inputs: RagInputs, *, today: date) -> str:
    if inputs.status == "complete":
        return "complete"
    if today > inputs.due_date:
        return "red"
    if inputs.status == "not_started" and today > inputs.start_date:
        return "amber"
    if inputs.status == "in_progress":
        last = inputs.last_update_date or inputs.start_date
        if today - last > timedelta(days=STALE_AFTER_DAYS):
            return "amber"
    if inputs.due_date - today <= timedelta(days=DUE_SOON_DAYS):
        return "amber"
    return "green"


def update_state(*, status: str, last_update_date: date | None, start_date: date, today: date) -> str:
    """Monthly updates: 'due' when none this calendar month, 'overdue' when none last month either."""
    if status == "complete" or today < start_date:
        return "not_due"
    month_start = today.replace(day=1)
    previous_month_start = (month_start - timedelta(days=1)).replace(day=1)
    if last_update_date is not None and last_update_date >= month_start:
        return "up_to_date"
    if last_update_date is not None and last_update_date >= previous_month_start:
        return "due"
    if start_date >= previous_month_start and last_update_date is None:
        return "due"
    return "overdue"
