"""Due dates from rules, on real dates: bank holidays, the 2022 one-off holidays, months and conventions."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sendboard.core.calendar import WorkingDayCalendar
from sendboard.plans.deadlines import (
    ANCHOR_IS_DAY_ONE,
    CALENDAR_DAYS,
    MONTHS,
    WORKING_DAYS,
    RuleTerms,
    add_months,
    due_date,
)

CAL = WorkingDayCalendar()


@pytest.mark.parametrize(
    ("anchor", "unit", "count", "expected", "why"),
    [
        (
            date(2018, 5, 16),
            WORKING_DAYS,
            70,
            date(2018, 8, 23),
            "Worcestershire's WSoA: skips the spring bank holiday 28 May 2018",
        ),
        (
            date(2018, 8, 20),
            WORKING_DAYS,
            10,
            date(2018, 9, 4),
            "evaluation: skips the summer bank holiday 27 August 2018",
        ),
        (date(2018, 9, 14), WORKING_DAYS, 20, date(2018, 10, 12), "resubmission: no holiday in the way"),
        (
            date(2022, 5, 27),
            WORKING_DAYS,
            10,
            date(2022, 6, 14),
            "skips the one-off jubilee holidays 2 and 3 June 2022",
        ),
        (
            date(2022, 9, 16),
            WORKING_DAYS,
            1,
            date(2022, 9, 20),
            "skips the one-off state funeral holiday 19 September 2022",
        ),
        (date(2023, 5, 5), WORKING_DAYS, 1, date(2023, 5, 9), "skips the one-off coronation holiday 8 May 2023"),
        (date(2018, 12, 21), WORKING_DAYS, 5, date(2019, 1, 2), "skips Christmas, Boxing Day and New Year's Day"),
        (date(2018, 5, 16), MONTHS, 12, date(2019, 5, 16), "advice to the minister within 12 months of publication"),
        (date(2018, 5, 16), MONTHS, 3, date(2018, 8, 16), "quarterly monitoring"),
        (
            date(2024, 2, 29),
            MONTHS,
            12,
            date(2025, 2, 28),
            "a month rule from 29 February lands on the month's last day",
        ),
        (date(2018, 11, 30), MONTHS, 3, date(2019, 2, 28), "30 November plus 3 months"),
        (date(2018, 5, 16), CALENDAR_DAYS, 28, date(2018, 6, 13), "calendar days ignore holidays"),
    ],
)
def test_due_dates_on_real_dates(anchor, unit, count, expected, why):
    assert due_date(terms=RuleTerms(unit, count), anchor=anchor, calendar=CAL) == expected, why


def test_the_anchor_is_day_one_convention_is_one_day_earlier_when_the_anchor_is_a_working_day():
    after = due_date(terms=RuleTerms(WORKING_DAYS, 10), anchor=date(2018, 8, 20), calendar=CAL)
    on = due_date(terms=RuleTerms(WORKING_DAYS, 10, ANCHOR_IS_DAY_ONE), anchor=date(2018, 8, 20), calendar=CAL)
    assert (after, on) == (date(2018, 9, 4), date(2018, 9, 3))
    assert due_date(
        terms=RuleTerms(CALENDAR_DAYS, 7, ANCHOR_IS_DAY_ONE), anchor=date(2018, 8, 20), calendar=CAL
    ) == date(2018, 8, 26)


def test_a_local_non_working_day_moves_the_deadline():
    closed = WorkingDayCalendar(frozenset({date(2018, 8, 21)}))
    assert due_date(terms=RuleTerms(WORKING_DAYS, 10), anchor=date(2018, 8, 20), calendar=closed) == date(2018, 9, 5)


def test_a_negative_count_is_refused():
    with pytest.raises(ValueError):
        due_date(terms=RuleTerms(WORKING_DAYS, -1), anchor=date(2018, 8, 20), calendar=CAL)


days = st.dates(min_value=date(2016, 1, 1), max_value=date(2030, 12, 31))


@given(anchor=days, count=st.integers(min_value=1, max_value=120))
def test_a_working_day_deadline_is_a_working_day_exactly_count_working_days_on(anchor, count):
    due = due_date(terms=RuleTerms(WORKING_DAYS, count), anchor=anchor, calendar=CAL)
    assert CAL.is_working_day(due)
    assert CAL.working_days_between(anchor, due) == count


@given(anchor=days, months=st.integers(min_value=0, max_value=36))
def test_month_arithmetic_keeps_the_day_or_clamps_to_the_month_end(anchor, months):
    result = add_months(anchor, months)
    assert (result.year * 12 + result.month) - (anchor.year * 12 + anchor.month) == months
    assert result.day == anchor.day or (
        result.day < anchor.day
        and add_months(result.replace(day=1), 1).replace(day=1) == add_months(result, 1).replace(day=1)
    )
