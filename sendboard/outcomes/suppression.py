"""Statistical disclosure control for the facts, decided once by the refresh and stored on ``Fact.suppressed``
(ADR 0046).

Primary suppression (the threshold is ``sendboard.core.disclosure``'s, shared with the casework figures): a count of
1 to 5 children is not shown (the DfE's special educational needs by
social-care group statistics print no count between 1 and 5; zero is shown). A percentage is not shown when its
numerator, its denominator or, for a share of a group (a proportion), the rest of the group (denominator minus
numerator) is 1 to 5; an average is not shown when it is over 1 to 5 children.

Secondary suppression: the categories of one breakdown (need, age, sex, ...) add up to the headline, so a single
suppressed category could be worked out as the headline less the others. Where a shown headline has exactly
one suppressed category, the next smallest category is suppressed too, and again while the hidden categories
are still pinned down (two hidden categories that must both be 1, since a category exists only where at least
one child is counted); where there is no other category left, the headline itself is suppressed (the
one-cell-left case).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from sendboard.core.disclosure import is_small


@dataclass(slots=True)
class Cell:
    """One computed figure before it becomes a fact. ``kind``: count, percent (a share), rate (may exceed its
    denominator) or mean. ``dimension`` and ``category`` are blank for the headline."""

    key: tuple  # (indicator, area_code, period): the headline and its breakdowns share it
    dimension: str
    category: str
    kind: str
    numerator: float
    denominator: float | None
    suppressed: bool = False
    reasons: list[str] = field(default_factory=list)

    @property
    def size(self) -> float:
        """What 'smallest' means when choosing a cell to suppress second: children counted."""
        return (
            self.denominator
            if self.kind in ("percent", "rate", "mean") and self.denominator is not None
            else self.numerator
        )


def primary(cell: Cell) -> bool:
    if cell.kind == "count":
        return is_small(cell.numerator)
    if cell.kind == "mean":
        return is_small(cell.denominator)
    if is_small(cell.numerator) or is_small(cell.denominator):
        return True
    return cell.kind == "percent" and cell.denominator is not None and is_small(cell.denominator - cell.numerator)


def _quantities(cell: Cell) -> list[tuple[float, float]]:
    """The additive quantities of a cell with the least each can be: a category exists only where something is
    counted, so a count or a denominator is at least 1; a numerator may be 0."""
    if cell.kind == "count":
        return [(cell.numerator, 1)]
    return [(cell.numerator, 0), (cell.denominator or 0, 1)]


def recoverable(hidden: list[Cell]) -> bool:
    """Whether the hidden cells of a group, knowing only their total (the headline less the shown cells), are each
    pinned down: with one hidden cell always; with more, when every one must be at its least (1 + 1 = 2)."""
    if len(hidden) == 1:
        return True
    for index in range(len(_quantities(hidden[0]))):
        values = [_quantities(c)[index] for c in hidden]
        if sum(v for v, _ in values) == sum(least for _, least in values):
            return True
    return False


def cells_suppress(cells: Iterable[Cell]) -> list[Cell]:
    """Mark primary and secondary suppression on ``cells`` (in place) and return them as a list."""
    cells = list(cells)
    headlines: dict[tuple, Cell] = {}
    groups: dict[tuple, list[Cell]] = defaultdict(list)
    for cell in cells:
        if primary(cell):
            cell.suppressed = True
            cell.reasons.append("primary")
        if cell.dimension:
            groups[(cell.key, cell.dimension)].append(cell)
        else:
            headlines[cell.key] = cell
    for (key, _dimension), members in groups.items():
        headline = headlines.get(key)
        members.sort(key=lambda c: (c.size, c.category))
        while headline is None or not headline.suppressed:
            hidden = [c for c in members if c.suppressed]
            if not hidden or not recoverable(hidden):
                break
            shown = [c for c in members if not c.suppressed]
            if shown:  # the next smallest category goes too
                shown[0].suppressed = True
                shown[0].reasons.append("secondary")
            elif headline is not None:  # the one-cell-left case: nothing else to hide but the headline
                headline.suppressed = True
                headline.reasons.append("secondary: one category left")
            else:
                break
    return cells


def cells_suppress_needed(cells: list[Cell]) -> list[Cell]:
    """The same marks as ``cells_suppress`` (the reference, and what the tests compare this with), cheaper: only
    the cells of a key where some category is suppressed at first go through the secondary rules. Elsewhere no
    group has a hidden cell, so ``cells_suppress`` would change nothing beyond the primary marks; and a key's cells
    are never affected by another key's, so leaving them out (in the same order) cannot change the result."""
    keys = set()
    for cell in cells:
        if primary(cell):
            cell.suppressed = True
            if cell.dimension:
                keys.add(cell.key)
    needed = [cell for cell in cells if cell.key in keys]
    for cell in needed:
        cell.suppressed = False
    cells_suppress(needed)
    for cell in cells:
        if cell.suppressed and cell.key not in keys:
            cell.reasons.append("primary")
    return cells
