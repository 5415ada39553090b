"""Every indicator of the catalogue, for every period and area: the register and extracts through DuckDB, the
published comparators beside them; suppression decided here, before anything is written (ADR 0045, 0046)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sendboard.outcomes.engine.queries import (
    REFERENCE_SQL,
    all_cells_sql,
    base_prepare,
    events_prepare,
    register_periods,
)
from sendboard.outcomes.suppression import Cell, cells_suppress_needed

REGISTER_UNITS = {
    "requests",
    "requests_decided",
    "assessments",
    "new_plans",
    "new_plans_no_exception",
    "plans",
    "plans_due_review",
    "plans_ceased",
    "appealable",
}
SHOWN_SUPPRESSED = {"c", "low"}  # published codes for a number withheld for confidentiality: kept as suppressed facts


@dataclass(slots=True)
class FactRow:
    indicator: str
    area_code: str
    area_level: str
    period: str
    period_end: date
    dimension: str
    category: str
    numerator: float | None
    denominator: float | None
    value: float | None
    suppressed: bool
    source: str


def _value(kind: str, numerator: float, denominator: float | None) -> float | None:
    if kind == "count":
        return numerator
    if not denominator:
        return None
    return 100 * numerator / denominator if kind in ("percent", "rate") else numerator / denominator


def local_cells(con, indicators: list[dict]) -> list[tuple]:
    """(indicator, area_code, period, period_end, dimension, category, num, den) for every register and extract
    indicator: one DuckDB query over all of them."""
    reference = con.execute(REFERENCE_SQL).fetchone()[0]
    if reference is not None:
        reference = min(reference, date.today())  # a date in the future is a plan, not a period that has ended
    years, snapshots = register_periods(reference)
    base_prepare(con, years=years, snapshots=snapshots, reference=reference)
    events_prepare(con)
    # One statement for every indicator, fetched once (a query each cost a round trip and a result each).
    sql = all_cells_sql(indicators)
    return con.execute(sql).fetchall() if sql else []


def register_covers(complete_from: date | None, period_end: date) -> bool:
    """Whether a council's register holds every case of the period ending ``period_end``: a calendar year, or
    a January census date, counts from 1 January of its year. No date recorded: the register is complete."""
    return complete_from is None or date(period_end.year, 1, 1) >= complete_from


def local_facts(rows: list[tuple], indicators: list[dict], coverage: dict[str, date] | None = None) -> list[FactRow]:
    kinds = {item["code"]: item["compute"]["value"] for item in indicators if "unit" in item["compute"]}
    sources = {
        item["code"]: "register" if item["compute"]["unit"] in REGISTER_UNITS else "extract"
        for item in indicators
        if "unit" in item["compute"]
    }
    coverage = coverage or {}
    cells = []
    for code, area, period, period_end, dimension, category, num, den in rows:
        if sources[code] == "register" and not register_covers(coverage.get(area), period_end):
            continue  # before the register was complete: the published figure stands for this period
        kind = kinds[code]
        if kind != "count" and not den:
            continue  # nothing to divide by (for example no placement known): no fact rather than a false zero
        cells.append(
            Cell(
                key=(code, area, period, period_end),
                dimension=dimension,
                category=category,
                kind=kind,
                numerator=num,
                denominator=None if kind == "count" else den,
            )
        )
    cells_suppress_needed(cells)
    facts = []
    for cell in cells:
        code, area, period, period_end = cell.key
        if cell.suppressed:
            facts.append(
                FactRow(
                    code,
                    area,
                    "la",
                    period,
                    period_end,
                    cell.dimension,
                    cell.category,
                    None,
                    None,
                    None,
                    True,
                    sources[code],
                )
            )
        else:
            facts.append(
                FactRow(
                    code,
                    area,
                    "la",
                    period,
                    period_end,
                    cell.dimension,
                    cell.category,
                    cell.numerator,
                    cell.denominator,
                    _value(cell.kind, cell.numerator, cell.denominator),
                    False,
                    sources[code],
                )
            )
    return facts + ratio_facts(facts, indicators)


def ratio_facts(facts: list[FactRow], indicators: list[dict]) -> list[FactRow]:
    """Disproportionality: one group's rate over the reference group's, suppressed when either rate is."""
    ratios = [item for item in indicators if "ratio_of" in item["compute"]]
    if not ratios:
        return []
    wanted = {(item["compute"]["ratio_of"], item["compute"]["dimension"]) for item in ratios}
    index = {(f.indicator, f.area_code, f.period, f.category): f for f in facts if (f.indicator, f.dimension) in wanted}
    out = []
    for item in ratios:
        spec = item["compute"]
        for (base, area, period, category), group in index.items():
            if base != spec["ratio_of"] or category != spec["category"]:
                continue
            reference = index.get((base, area, period, spec["reference"]))
            if reference is None or (not reference.suppressed and not reference.value):
                continue  # no reference group, or a reference rate of 0: the ratio is undefined
            hidden = group.suppressed or reference.suppressed
            out.append(
                FactRow(
                    item["code"],
                    area,
                    "la",
                    period,
                    group.period_end,
                    "",
                    "",
                    None if hidden else group.value,
                    None if hidden else reference.value,
                    None if hidden else group.value / reference.value,
                    hidden,
                    group.source,
                )
            )
    return out


PUBLISHED_SQL = (
    "SELECT measure, area_code, area_level, period, period_end, coalesce(breakdown, ''), value, coalesce(status, '') "
    "FROM published"
)


def published_facts(published: list[tuple], indicators: list[dict], taken: set[tuple]) -> list[FactRow]:
    """England, regions and councils from the published values (rows as ``PUBLISHED_SQL`` selects them), where the
    home data has not already given a fact."""
    by_measure: dict[str, list[tuple]] = {}
    for row in published:
        by_measure.setdefault(row[0], []).append(row[1:])
    out = []

    def add(code, area, level, period, period_end, dimension, category, numerator, denominator, value, status):
        if (code, area, period, dimension, category) in taken:
            return
        if value is None and status not in SHOWN_SUPPRESSED:
            return
        hidden = value is None
        out.append(
            FactRow(
                code,
                area,
                level,
                period,
                period_end,
                dimension,
                category,
                None if hidden else numerator,
                None if hidden else denominator,
                value,
                hidden,
                "published",
            )
        )

    for item in indicators:
        comparator = item.get("comparator")
        if not comparator:
            continue
        rows = by_measure.get(comparator["measure"], [])
        wanted = comparator.get("breakdown", "")
        count = item["unit"] == "count"
        if comparator.get("share_of_total"):
            totals = {(r[0], r[2]): r[5] for r in rows if r[4] == ""}
            for area, level, period, period_end, breakdown, value, status in rows:
                total = totals.get((area, period))
                if breakdown != wanted or total is None:
                    continue
                share = 100 * value / total if value is not None and total else None
                add(item["code"], area, level, period, period_end, "", "", value, total, share, status)
            continue
        for area, level, period, period_end, breakdown, value, status in rows:
            if breakdown == wanted:
                add(
                    item["code"], area, level, period, period_end, "", "", value if count else None, None, value, status
                )
            elif not wanted and "=" in breakdown and breakdown.split("=", 1)[0] in item["breakdowns"]:
                dimension, category = breakdown.split("=", 1)
                add(
                    item["code"],
                    area,
                    level,
                    period,
                    period_end,
                    dimension,
                    category,
                    value if count else None,
                    None,
                    value,
                    status,
                )
    return out


def facts_assemble(
    cells: list[tuple], published: list[tuple], indicators: list[dict], coverage: dict[str, date] | None = None
) -> list[FactRow]:
    """The facts from the local cells (values, suppression, ratios) and the published rows."""
    facts = local_facts(cells, indicators, coverage)
    taken = {(f.indicator, f.area_code, f.period, f.dimension, f.category) for f in facts}
    return facts + published_facts(published, indicators, taken)


def facts_compute(con, indicators: list[dict]) -> list[FactRow]:
    coverage = dict(
        con.execute("SELECT area_code, complete_from FROM coverage WHERE complete_from IS NOT NULL").fetchall()
    )
    return facts_assemble(local_cells(con, indicators), con.execute(PUBLISHED_SQL).fetchall(), indicators, coverage)
