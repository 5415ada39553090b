"""Fixtures the outcomes tests share: an indicator to manage, and a red one with its owner."""

from decimal import Decimal

import pytest

from sendboard.accounts.roles import Role
from tests.factories import UserFactory
from tests.outcomes.fact_factories import ENGLAND, IndicatorFactory, RefreshRunFactory, TargetFactory, home_area, series


@pytest.fixture
def indicator(db):
    home_area()
    return IndicatorFactory(code="on-time", title="Plans on time", period_type="academic_year")


@pytest.fixture
def owner(db):
    return UserFactory(role=Role.ACTION_OWNER)


@pytest.fixture
def red(owner):
    """2024: 50% of new plans on time against a target of 65%: short by 15, more than 5% of 65 (3.25), so red.
    England's 40% is lower still, but exceptions are about the home area only."""
    home_area()
    run = RefreshRunFactory()
    indicator = IndicatorFactory(code="on-time", title="Plans on time", owner=owner)
    TargetFactory(indicator=indicator, period="2024", value=Decimal(65))
    TargetFactory(indicator=indicator, period="2025", value=Decimal(65))
    series(run=run, indicator=indicator, values={"2023": "70", "2024": "50"})
    series(run=run, indicator=indicator, area_code=ENGLAND, values={"2024": "40"})
    return {"run": run, "indicator": indicator}
