"""Statistical disclosure control: the one threshold below which a count of children is not shown, used by every
aggregate sendboard shows or exports (casework timeliness figures, outcomes facts). ADR 0046 gives the source:
the DfE prints no count from 1 to 5 in its SEN statistics by social-care group (`sen_la.csv`), writing "c".
Zero is shown: it singles nobody out."""

from __future__ import annotations

SMALLEST_SHOWN = 6


def is_small(count: float | None) -> bool:
    """A count of 1 to 5: not shown."""
    return count is not None and 0 < count < SMALLEST_SHOWN
