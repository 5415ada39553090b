"""Red, amber or green for an indicator's value against its target, respecting which way is better (ADR 0048).

Green: the target is met. Amber: missed, but by no more than ``AMBER_BAND`` of the target (5 per cent of it,
relative, so a 90 per cent target is amber from 85.5 up to 90 and a target of 200 weeks' wait is amber up
to 210). Red: missed by more. No rating when there is no value, no target, or the indicator has no better
direction (context indicators such as the number of plans).
"""

from __future__ import annotations

from decimal import Decimal

from sendboard.outcomes.models import Indicator

AMBER_BAND = Decimal("0.05")


def rag_status(*, indicator: Indicator, value: Decimal | None, target: Decimal | None) -> str | None:
    if value is None or target is None or indicator.polarity == Indicator.Polarity.NEITHER:
        return None
    value, target = Decimal(value), Decimal(target)
    band = abs(target) * AMBER_BAND
    # Distance on the wrong side of the target: positive when missed, zero or less when met.
    shortfall = target - value if indicator.polarity == Indicator.Polarity.HIGHER_IS_BETTER else value - target
    if shortfall <= 0:
        return "green"
    if shortfall <= band:
        return "amber"
    return "red"
