"""Primary and secondary suppression (ADR 0046): hand-worked cases, and properties checked over generated tables."""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from sendboard.core.disclosure import SMALLEST_SHOWN
from sendboard.outcomes.suppression import Cell, cells_suppress, cells_suppress_needed, primary

KEY = ("requests", "E10000034", "2024")


def count_group(counts: dict[str, int], dimension: str = "need") -> list[Cell]:
    headline = Cell(key=KEY, dimension="", category="", kind="count", numerator=sum(counts.values()), denominator=None)
    return [headline] + [
        Cell(key=KEY, dimension=dimension, category=c, kind="count", numerator=n, denominator=None)
        for c, n in counts.items()
    ]


def hidden(cells: list[Cell]) -> set[str]:
    return {c.category or "headline" for c in cells if c.suppressed}


def test_primary_threshold_is_one_to_five():
    # 0 is shown (nobody to identify), 1 to 5 are not, 6 is.
    assert [primary(Cell(KEY, "", "", "count", n, None)) for n in (0, 1, 5, 6)] == [False, True, True, False]
    assert SMALLEST_SHOWN == 6


def test_primary_for_shares_rates_and_means():
    def share(num, den, kind="percent"):
        return primary(Cell(KEY, "", "", kind, num, den))

    assert share(10, 40) is False
    assert share(3, 40) is True  # numerator 1 to 5
    assert share(0, 4) is True  # denominator 1 to 5
    assert share(37, 40) is True  # the rest of the group, 40 - 37 = 3, is 1 to 5
    assert share(40, 40) is False  # nobody left out: 0 is shown
    assert share(37, 40, "rate") is False  # a rate (suspensions per pupil) has no 'rest of the group'
    assert primary(Cell(KEY, "", "", "mean", 95.0, 4)) is True  # an average over 4 pupils
    assert primary(Cell(KEY, "", "", "mean", 95.0, 6)) is False


def test_one_small_cell_hides_the_next_smallest():
    # ASD 20, SLD 3, SEMH 9, MLD 7: SLD is hidden first; 32 + 7 + 9 + 20 would give it away, so MLD (7, the next
    # smallest) is hidden too.
    cells = cells_suppress(count_group({"ASD": 20, "SLD": 3, "SEMH": 9, "MLD": 7}))
    assert hidden(cells) == {"SLD", "MLD"}
    assert [c.reasons for c in cells if c.category == "MLD"] == [["secondary"]]


def test_two_small_cells_need_nothing_more():
    cells = cells_suppress(count_group({"ASD": 20, "SLD": 3, "SEMH": 2}))
    assert hidden(cells) == {"SLD", "SEMH"}


def test_one_cell_left_hides_the_headline():
    # A breakdown with a single hidden category and no other: that category is the headline, which must go too.
    # (Here the headline is given as 30 with its breakdown partly elsewhere, to exercise the rule on its own.)
    headline = Cell(KEY, "", "", "count", 30, None)
    only = Cell(KEY, "sex", "female", "count", 4, None)
    cells_suppress([headline, only])
    assert headline.suppressed and headline.reasons == ["secondary: one category left"]


def test_hidden_headline_needs_no_secondary():
    # Headline 4 is hidden: the one hidden category cannot be worked out from it.
    cells = cells_suppress(count_group({"male": 4, "female": 0}, "sex"))
    assert hidden(cells) == {"headline", "male"}


def test_shares_are_suppressed_on_numerators_and_denominators():
    # Trust X 10 of 40, Trust Y 3 of 20: Y hidden (numerator 3); X hidden second, else 13 - 10 and 60 - 40 give Y.
    headline = Cell(KEY, "", "", "percent", 13, 60)
    x = Cell(KEY, "provider", "Trust X", "percent", 10, 40)
    y = Cell(KEY, "provider", "Trust Y", "percent", 3, 20)
    cells_suppress([headline, x, y])
    assert (headline.suppressed, x.suppressed, y.suppressed) == (False, True, True)


def test_groups_are_separate_per_dimension_and_key():
    cells = count_group({"ASD": 20, "SLD": 3, "SEMH": 9}) + count_group({"male": 20, "female": 12}, "sex")[1:]
    other_year = [Cell(("requests", "E10000034", "2023"), "need", "ASD", "count", 2, None)]
    cells_suppress(cells + other_year)
    assert hidden(cells) == {"SLD", "SEMH"}


def feasible_range(cell: Cell, group: list[Cell], headline: Cell, quantity: int) -> tuple[float, float]:
    """What someone who sees the headline and the shown cells can say about one hidden cell's quantity: at least
    its least value, at most the hidden total less the others' least values."""

    def value(c):
        return (c.numerator, c.denominator or 0)[quantity] if c.kind != "count" else c.numerator

    def least(c):
        return 1 if c.kind == "count" or quantity == 1 else 0

    hidden_total = value(headline) - sum(value(c) for c in group if not c.suppressed)
    others = sum(least(c) for c in group if c.suppressed and c is not cell)
    return least(cell), hidden_total - others


def assert_nothing_recoverable(headline: Cell, cells: list[Cell]) -> None:
    for cell in cells:
        if primary(cell):
            assert cell.suppressed
    if headline.suppressed:
        return
    for dimension in {c.dimension for c in cells}:
        group = [c for c in cells if c.dimension == dimension]
        for cell in (c for c in group if c.suppressed):
            for quantity in range(1 if cell.kind == "count" else 2):
                low, high = feasible_range(cell, group, headline, quantity)
                assert low < high, f"{cell.category} is pinned at {low}"


children = st.lists(
    st.tuples(
        st.sampled_from(["ASD", "SLD", "SEMH", "MLD", "HI", "VI"]), st.sampled_from(["male", "female", "unknown"])
    ),
    max_size=80,
)


@settings(max_examples=400, deadline=None)
@given(children=children)
def test_no_hidden_count_can_be_recovered_from_the_total(children):
    """Counts of children by need and by sex (so each breakdown adds up to the headline): every count of 1 to 5 is
    hidden, and no hidden count can be worked out from the headline and the shown counts."""
    headline = Cell(KEY, "", "", "count", len(children), None)
    cells = []
    for position, dimension in enumerate(("need", "sex")):
        counts = Counter(child[position] for child in children)
        cells += [Cell(KEY, dimension, category, "count", n, None) for category, n in counts.items()]
    cells_suppress([headline, *cells])
    if 0 < len(children) < SMALLEST_SHOWN:
        assert headline.suppressed
    assert_nothing_recoverable(headline, cells)


@settings(max_examples=300, deadline=None)
@given(
    groups=st.lists(
        st.tuples(st.integers(min_value=1, max_value=60), st.integers(min_value=0, max_value=60)),
        min_size=1,
        max_size=6,
    )
)
def test_no_hidden_share_can_be_recovered(groups):
    """Shares by provider: neither a hidden numerator nor a hidden denominator can be worked out."""
    cells = [Cell(KEY, "provider", f"P{i}", "percent", min(num, den), den) for i, (den, num) in enumerate(groups)]
    headline = Cell(KEY, "", "", "percent", sum(c.numerator for c in cells), sum(c.denominator for c in cells))
    cells_suppress([headline, *cells])
    assert_nothing_recoverable(headline, cells)


def test_two_hidden_ones_are_not_enough():
    # ASD 20, SLD 1, HI 1, SEMH 9: SLD and HI are hidden, but both must be 1 (each category counts someone), so
    # SEMH is hidden as well.
    cells = cells_suppress(count_group({"ASD": 20, "SLD": 1, "HI": 1, "SEMH": 9}))
    assert hidden(cells) == {"SLD", "HI", "SEMH"}


def _table(spec) -> list[Cell]:
    """Cells for several keys, each a headline and breakdowns, in the order generated (headlines may come after
    their breakdowns, or be missing)."""
    cells = []
    for key_number, (kind, with_headline, dimensions) in enumerate(spec):
        key = ("requests", f"E100000{key_number:02d}", "2024")  # one kind per key, as one indicator has
        rows = [
            Cell(key, dimension, f"c{i}", kind, min(num, den) if kind == "percent" else num, den)
            for dimension, group in zip(("need", "sex", "age"), dimensions, strict=False)
            for i, (num, den) in enumerate(group)
        ]
        if with_headline:
            rows.insert(
                0,
                Cell(
                    key,
                    "",
                    "",
                    kind,
                    sum(c.numerator for c in rows[: len(dimensions[0])]),
                    sum(c.denominator for c in rows[: len(dimensions[0])]),
                ),
            )
        cells += rows
    return cells


groups_of = st.lists(
    st.tuples(st.integers(min_value=0, max_value=12), st.integers(min_value=1, max_value=30)), min_size=1, max_size=5
)


@settings(max_examples=300, deadline=None)
@given(
    spec=st.lists(
        st.tuples(
            st.sampled_from(["count", "percent", "rate", "mean"]),
            st.booleans(),
            st.lists(groups_of, min_size=1, max_size=3),
        ),
        max_size=6,
    ),
    order=st.randoms(use_true_random=False),
)
def test_the_refresh_path_marks_exactly_what_the_reference_marks(spec, order):
    """``cells_suppress_needed`` (what the refresh calls) against ``cells_suppress`` (the reference): the same cells
    suppressed, for the same reasons, whatever the mix of keys, kinds and order."""
    reference = _table(spec)
    order.shuffle(reference)
    refresh = [Cell(c.key, c.dimension, c.category, c.kind, c.numerator, c.denominator) for c in reference]
    cells_suppress(reference)
    cells_suppress_needed(refresh)
    assert [(c.suppressed, c.reasons) for c in refresh] == [(c.suppressed, c.reasons) for c in reference]
