"""RAG against a target, polarity-aware, with an amber band of 5 per cent of the target (ADR 0048)."""

from decimal import Decimal

import pytest

from sendboard.outcomes.models import Indicator
from sendboard.outcomes.rag import rag_status

HIGHER = Indicator(polarity=Indicator.Polarity.HIGHER_IS_BETTER)
LOWER = Indicator(polarity=Indicator.Polarity.LOWER_IS_BETTER)
NEITHER = Indicator(polarity=Indicator.Polarity.NEITHER)


@pytest.mark.parametrize(
    ("indicator", "value", "target", "expected"),
    [
        # Higher is better, target 60: the band is 5% of 60 = 3, so amber from 57 up to (not including) 60.
        (HIGHER, "60", "60", "green"),
        (HIGHER, "75", "60", "green"),
        (HIGHER, "59.99", "60", "amber"),
        (HIGHER, "57", "60", "amber"),
        (HIGHER, "56.99", "60", "red"),
        # Lower is better, target 20 weeks: band 1, so amber above 20 up to 21.
        (LOWER, "20", "20", "green"),
        (LOWER, "12", "20", "green"),
        (LOWER, "21", "20", "amber"),
        (LOWER, "21.01", "20", "red"),
        # A target of 0 has no band: anything on the wrong side is red.
        (LOWER, "0", "0", "green"),
        (LOWER, "0.01", "0", "red"),
    ],
)
def test_rag_against_target(indicator, value, target, expected):
    assert rag_status(indicator=indicator, value=Decimal(value), target=Decimal(target)) == expected


@pytest.mark.parametrize(
    ("indicator", "value", "target"),
    [
        (HIGHER, None, Decimal(60)),
        (HIGHER, Decimal(60), None),
        (NEITHER, Decimal(1), Decimal(60)),
    ],
)
def test_no_rating_without_a_value_a_target_or_a_better_direction(indicator, value, target):
    assert rag_status(indicator=indicator, value=value, target=target) is None
