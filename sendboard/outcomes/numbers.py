"""Figures as outcomes pages print them, one way for every page: rounded to the places each unit shows, with the
unit's sign. Below presenters and selectors, so both may use it."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from sendboard.outcomes.models import Indicator

NOT_AVAILABLE = "–"
# Decimal places shown for each unit.
PLACES = {
    Indicator.Unit.PERCENT: 1,
    Indicator.Unit.COUNT: 0,
    Indicator.Unit.RATE: 1,
    Indicator.Unit.RATIO: 2,
    Indicator.Unit.WEEKS: 1,
    Indicator.Unit.SCORE: 1,
    Indicator.Unit.POUNDS: 0,
}


def rounded(value: Decimal | None, unit: str) -> Decimal | None:
    if value is None:
        return None
    places = PLACES.get(unit, 1)
    return Decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def format_value(value: Decimal | None, unit: str) -> str:
    number = rounded(value, unit)
    if number is None:
        return NOT_AVAILABLE
    text = f"{number:,}"
    if unit == Indicator.Unit.PERCENT:
        return f"{text}%"
    if unit == Indicator.Unit.POUNDS:  # money per head, as GOV.UK writes money: "£412", "-£12"
        return f"-£{text[1:]}" if text.startswith("-") else f"£{text}"
    return f"{text} per 100" if unit == Indicator.Unit.RATE else text
