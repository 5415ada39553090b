"""The working-day calendar every statutory deadline in sendboard is computed with.

Convention (ADR 0004): "within N working days of X" means day 1 is the first working day *after* X,
so the deadline is ``add_working_days(X, N)``. A working day is a weekday that is not an England and Wales
bank holiday (including one-off holidays such as the 2022 State Funeral) and not a local non-working day.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

import holidays

ONE_DAY = timedelta(days=1)


@lru_cache(maxsize=256)
def bank_holidays(year: int) -> frozenset[date]:
    """England and Wales bank holidays in a year. Without subdiv ENG, Easter Monday and August are missing."""
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year).keys())


def bank_holiday_name(day: date) -> str | None:
    return holidays.country_holidays("GB", subdiv="ENG", years=day.year).get(day)


@dataclass(frozen=True)
class WorkingDayCalendar:
    local_non_working_days: frozenset[date] = field(default_factory=frozenset)

    def is_working_day(self, day: date) -> bool:
        return day.weekday() < 5 and day not in bank_holidays(day.year) and day not in self.local_non_working_days

    def add_working_days(self, start: date, n: int) -> date:
        """The n-th working day after ``start`` (``start`` itself never counts); ``start`` when n is 0."""
        if n < 0:
            raise ValueError(f"n must not be negative, got {n}")
        day = start
        remaining = n
        while remaining:
            day += ONE_DAY
            if self.is_working_day(day):
                remaining -= 1
        return day

    def working_days_between(self, a: date, b: date) -> int:
        """Working days d with a < d <= b; negative when b is before a."""
        if b < a:
            return -self.working_days_between(b, a)
        count = 0
        day = a
        while day < b:
            day += ONE_DAY
            if self.is_working_day(day):
                count += 1
        return count


def default_calendar() -> WorkingDayCalendar:
    """The calendar in force: bank holidays plus the local non-working days an administrator has added."""
    from sendboard.core.models import NonWorkingDay

    return WorkingDayCalendar(frozenset(NonWorkingDay.objects.values_list("date", flat=True)))


def add_working_days(start: date, n: int, *, calendar: WorkingDayCalendar | None = None) -> date:
    return (calendar or default_calendar()).add_working_days(start, n)


def working_days_between(a: date, b: date, *, calendar: WorkingDayCalendar | None = None) -> int:
    return (calendar or default_calendar()).working_days_between(a, b)
