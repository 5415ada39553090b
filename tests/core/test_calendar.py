"""The working-day calendar, on real dates and by its properties (ADR 0004)."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sendboard.core.calendar import WorkingDayCalendar, add_working_days, working_days_between
from sendboard.core.models import NonWorkingDay
from tests.factories import UserFactory

CALENDAR = WorkingDayCalendar()
dates = st.dates(min_value=date(2015, 1, 1), max_value=date(2030, 12, 31))
counts = st.integers(min_value=0, max_value=300)


class TestRealDates:
    def test_written_statement_deadline_for_worcestershire_is_70_working_days_after_the_report(self):
        # Report received 16 May 2018. Counting by hand: the spring bank holiday (28 May) is skipped, and the
        # 70th working day is Thursday 23 August, three days after the statement was in fact submitted.
        assert CALENDAR.add_working_days(date(2018, 5, 16), 70) == date(2018, 8, 23)

    def test_ofsted_evaluation_deadline_skips_the_august_bank_holiday(self):
        # Submitted Monday 20 August 2018; 27 August is the late summer bank holiday.
        assert CALENDAR.add_working_days(date(2018, 8, 20), 10) == date(2018, 9, 4)

    @pytest.mark.parametrize(
        ("start", "expected", "holiday"),
        [
            (date(2022, 9, 16), date(2022, 9, 20), "State Funeral of Queen Elizabeth II, 19 September 2022"),
            (date(2022, 6, 1), date(2022, 6, 6), "Spring bank holiday moved, and the Platinum Jubilee, 2-3 June 2022"),
            (date(2023, 5, 5), date(2023, 5, 9), "Coronation of King Charles III, 8 May 2023"),
            (date(2020, 5, 7), date(2020, 5, 11), "Early May bank holiday moved to VE Day, 8 May 2020"),
            (date(2018, 3, 29), date(2018, 4, 3), "Good Friday and Easter Monday (England only), 2018"),
            (date(2018, 8, 24), date(2018, 8, 28), "Late summer bank holiday (England only), 2018"),
            (date(2022, 12, 23), date(2022, 12, 28), "Christmas and Boxing Day observed, 2022"),
        ],
    )
    def test_one_working_day_later_skips_the_holiday(self, start, expected, holiday):
        assert CALENDAR.add_working_days(start, 1) == expected, holiday

    def test_the_start_day_itself_never_counts(self):
        # Monday 2 July 2018 is a working day; one working day "of" it is Tuesday.
        assert CALENDAR.add_working_days(date(2018, 7, 2), 1) == date(2018, 7, 3)
        assert CALENDAR.working_days_between(date(2018, 7, 2), date(2018, 7, 2)) == 0

    def test_a_weekend_start_counts_from_monday(self):
        assert CALENDAR.add_working_days(date(2018, 7, 7), 1) == date(2018, 7, 9)

    def test_negative_counts_are_refused(self):
        with pytest.raises(ValueError, match="must not be negative"):
            CALENDAR.add_working_days(date(2018, 7, 2), -1)


@pytest.mark.django_db
def test_local_non_working_days_added_by_an_administrator_are_skipped():
    NonWorkingDay.objects.create(date=date(2026, 12, 29), reason="Offices closed", created_by=UserFactory())
    assert add_working_days(date(2026, 12, 24), 1) == date(2026, 12, 30)
    assert working_days_between(date(2026, 12, 24), date(2026, 12, 31)) == 2


class TestProperties:
    @given(start=dates, n=st.integers(min_value=1, max_value=300))
    def test_the_result_is_a_working_day_after_the_start(self, start, n):
        result = CALENDAR.add_working_days(start, n)
        assert result > start
        assert CALENDAR.is_working_day(result)

    @given(start=dates, n=counts)
    def test_counting_back_gives_the_same_number(self, start, n):
        assert CALENDAR.working_days_between(start, CALENDAR.add_working_days(start, n)) == n

    @given(start=dates, a=counts, b=counts)
    def test_adding_in_two_steps_is_adding_once(self, start, a, b):
        assert CALENDAR.add_working_days(CALENDAR.add_working_days(start, a), b) == CALENDAR.add_working_days(
            start, a + b
        )

    @given(a=dates, b=dates, c=dates)
    def test_counts_add_up_and_reverse(self, a, b, c):
        assert CALENDAR.working_days_between(a, b) + CALENDAR.working_days_between(
            b, c
        ) == CALENDAR.working_days_between(a, c)
        assert CALENDAR.working_days_between(a, b) == -CALENDAR.working_days_between(b, a)

    @given(start=dates, n=counts)
    def test_n_working_days_take_at_least_n_and_at_most_twice_n_plus_a_fortnight_of_calendar_days(self, start, n):
        elapsed = (CALENDAR.add_working_days(start, n) - start).days
        assert n <= elapsed <= 2 * n + 14

    @given(start=dates, n=st.integers(min_value=1, max_value=100), offset=st.integers(min_value=1, max_value=100))
    def test_a_local_non_working_day_never_makes_a_deadline_earlier(self, start, n, offset):
        extra = start + timedelta(days=offset)
        local = WorkingDayCalendar(frozenset({extra}))
        assert local.add_working_days(start, n) >= CALENDAR.add_working_days(start, n)
        assert local.add_working_days(start, n) != extra
