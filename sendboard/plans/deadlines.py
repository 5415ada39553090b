"""Due dates from milestone rules: pure functions over a rule's unit, count and convention (ADR 0011).

Working days come from the foundation's calendar (ADR 0004); calendar days and months are ordinary date
arithmetic. A month rule lands on the same day of the month, or the month's last day when it has no such day
(12 months after 29 February is 28 February).
"""

from __future__ import annotations

import calendar as month_calendar
from dataclasses import dataclass
from datetime import date, timedelta

from sendboard.core.calendar import WorkingDayCalendar

WORKING_DAYS = "working_days"
CALENDAR_DAYS = "calendar_days"
MONTHS = "months"
AFTER_ANCHOR = "after_anchor"
ANCHOR_IS_DAY_ONE = "anchor_is_day_one"


@dataclass(frozen=True)
class RuleTerms:
    unit: str
    count: int
    convention: str = AFTER_ANCHOR


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, month_calendar.monthrange(year, month)[1]))


def due_date(*, terms: RuleTerms, anchor: date, calendar: WorkingDayCalendar) -> date:
    """The last day on which the milestone is still met."""
    if terms.count < 0:
        raise ValueError("A rule's count must not be negative")
    if terms.unit == WORKING_DAYS:
        if terms.convention == ANCHOR_IS_DAY_ONE and terms.count and calendar.is_working_day(anchor):
            return calendar.add_working_days(anchor, terms.count - 1)
        return calendar.add_working_days(anchor, terms.count)
    if terms.unit == CALENDAR_DAYS:
        offset = terms.count - 1 if terms.convention == ANCHOR_IS_DAY_ONE and terms.count else terms.count
        return anchor + timedelta(days=offset)
    if terms.unit == MONTHS:
        due = add_months(anchor, terms.count)
        return due - timedelta(days=1) if terms.convention == ANCHOR_IS_DAY_ONE else due
    raise ValueError(f"Unknown unit {terms.unit!r}")
