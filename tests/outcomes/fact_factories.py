"""Indicators, targets, refresh runs and facts written directly, as the refresh job would leave them, so that
the pages' tests do not depend on the engine."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import factory
from django.utils import timezone

from sendboard.core.models import LocalArea
from sendboard.outcomes.models import Fact, Indicator, RefreshRun, Target

HOME = "E10000034"  # Worcestershire
ENGLAND = "E92000001"
REGION = "E12000005"  # West Midlands


def home_area() -> LocalArea:
    return LocalArea.objects.get_or_create(
        la_code="885",
        defaults={"name": "Worcestershire", "gss_code": HOME, "region_name": "West Midlands", "region_code": REGION},
    )[0]


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    code = factory.Sequence(lambda n: f"indicator-{n}")
    title = factory.Sequence(lambda n: f"Test indicator {n}")
    theme = "Assessment and plans"
    definition = "New EHC plans issued within 20 weeks of the request, as a share of all new plans"
    formula = "Plans issued within 20 weeks / all plans issued"
    unit = Indicator.Unit.PERCENT
    polarity = Indicator.Polarity.HIGHER_IS_BETTER
    source = "The casework register"
    period_type = "calendar_year"
    breakdowns = factory.LazyFunction(list)


class TargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Target

    indicator = factory.SubFactory(IndicatorFactory)
    period = "2024"
    value = Decimal("60")
    reason = "The plan's aim"


class RefreshRunFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RefreshRun

    state = RefreshRun.State.SUCCEEDED
    started_at = factory.LazyFunction(timezone.now)
    finished_at = factory.LazyFunction(timezone.now)
    engine = "duckdb 2.0.0"
    progress = 100


class FactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Fact

    run = factory.SubFactory(RefreshRunFactory)
    indicator = factory.SubFactory(IndicatorFactory)
    area_code = HOME
    area_level = factory.LazyAttribute(
        lambda f: "england" if f.area_code == ENGLAND else ("region" if f.area_code.startswith("E12") else "la")
    )
    period = "2024"
    period_end = factory.LazyAttribute(lambda f: date(int(f.period[:4]), 12, 31))
    value = Decimal("50")
    source = "register"


def series(
    *,
    run: RefreshRun,
    indicator: Indicator,
    area_code: str = HOME,
    values: dict[str, object],
    suppressed: frozenset[str] = frozenset(),
) -> list[Fact]:
    """One headline fact per calendar year, ``{"2022": "48.5", ...}``. Periods in ``suppressed`` are marked
    suppressed but keep their value (and a numerator), as the engine may store them: no page may show them."""
    return [
        FactFactory(
            run=run,
            indicator=indicator,
            area_code=area_code,
            period=period,
            value=Decimal(str(value)),
            numerator=Decimal(str(value)),
            denominator=Decimal(100),
            suppressed=period in suppressed,
        )
        for period, value in values.items()
    ]
