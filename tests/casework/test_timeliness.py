"""Timeliness with the SEN2 definitions, checked against cases worked by hand."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from sendboard.casework.timeliness import Share, suppress, suppress_share, timeliness_for_area
from tests.casework.helpers import make_case, worcestershire

pytestmark = pytest.mark.django_db


def plan(received: date, days: int, *, exception: bool = False):
    return make_case(
        received=received,
        decided=received + timedelta(days=30),
        outcome="Y",
        assessment_outcome="Y",
        assessed=received + timedelta(days=days - 20),
        plan_start=received + timedelta(days=days),
        week20=exception,
        week20_reason="PERSONAL" if exception else "",
    )


def test_twenty_weeks_including_and_excluding_exceptions_worked_by_hand():
    # Received 6 Jan 2025: 20 weeks is 26 May 2025 (day 140). Day 140 is within; day 141 is not.
    plan(date(2025, 1, 6), 140)  # within
    plan(date(2025, 1, 6), 141)  # late
    plan(date(2025, 2, 3), 100)  # within
    plan(date(2025, 1, 6), 200, exception=True)  # late, but an exception applies
    plan(date(2024, 1, 8), 370)  # issued 12 Jan 2025, after 52 weeks
    plan(date(2024, 6, 3), 150)  # issued 31 Oct 2024: another year, not counted
    figures = timeliness_for_area(area=worcestershire(), year=2025)
    assert figures.plans_issued == 5
    assert figures.within_20_weeks == Share(2, 5)
    assert figures.within_20_weeks_excluding_exceptions == Share(2, 4)
    assert figures.over_52_weeks == Share(1, 5)
    assert (figures.within_20_weeks.percent, figures.within_20_weeks_excluding_exceptions.percent) == (40.0, 50.0)


def test_six_week_decisions_worked_by_hand():
    make_case(received=date(2025, 3, 3), decided=date(2025, 4, 14), outcome="Y")  # 42 days: within
    make_case(received=date(2025, 3, 3), decided=date(2025, 4, 15), outcome="N")  # 43 days: late
    make_case(received=date(2025, 3, 3), decided=date(2025, 3, 20), outcome="W")  # withdrawn: not a decision
    make_case(received=date(2025, 3, 3))  # undecided
    figures = timeliness_for_area(area=worcestershire(), year=2025)
    assert figures.requests_decided == 2 and figures.decided_within_6_weeks == Share(1, 2)


@pytest.mark.parametrize(
    ("value", "shown"), [(0, "0"), (1, "fewer than 6"), (5, "fewer than 6"), (6, "6"), (1234, "1,234")]
)
def test_small_numbers_are_suppressed(value, shown):
    assert suppress(value) == shown


def test_a_share_that_would_reveal_a_small_number_is_suppressed():
    assert suppress_share(Share(3, 40)) == "suppressed (small numbers)"
    assert suppress_share(Share(38, 40)) == "suppressed (small numbers)"
    assert suppress_share(Share(20, 40)) == "50.0%"
