"""How a period is printed, one way wherever a figure is shown (ADR 0087, 0100).

Periods are stored as the publishers write them: calendar year "2024", academic year "2024/25", financial year
"2024-25", month "2026-08", and one day "2025-01-20" (a count on the register's reference date). Pages print the
first three as stored, a month as "August 2026" and a day as "20 January 2025".
"""

from __future__ import annotations

import re

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_MONTH = re.compile(r"((?:19|20)\d\d)-(\d\d)")
_DAY = re.compile(r"((?:19|20)\d\d)-(\d\d)-(\d\d)")


def _financial(year: str, second: str) -> bool:
    return int(second) == (int(year) + 1) % 100


def period_label(period: str | None, period_type: str = "") -> str | None:
    """``period`` as pages print it. ``period_type`` ("month", "financial_year" …) settles the one ambiguous case,
    a financial year such as "2010-11" that reads as a month too; without it, "YYYY-NN" is a financial year when NN
    is the next year's last two digits, else a month."""
    if not period:
        return period
    day = _DAY.fullmatch(period)
    if day is not None and 1 <= int(day[2]) <= 12 and 1 <= int(day[3]) <= 31:
        return f"{int(day[3])} {MONTHS[int(day[2]) - 1]} {day[1]}"
    month = _MONTH.fullmatch(period)
    if month is not None and 1 <= int(month[2]) <= 12 and period_type != "financial_year":
        if period_type == "month" or not _financial(month[1], month[2]):
            return f"{MONTHS[int(month[2]) - 1]} {month[1]}"
    return period


def periods_span(first: str, last: str, period_type: str = "") -> str:
    """A range of periods, each printed as ``period_label`` prints it: "January 2023 to October 2023"."""
    if first == last:
        return period_label(first, period_type) or ""
    return f"{period_label(first, period_type)} to {period_label(last, period_type)}"
