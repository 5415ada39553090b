"""Shape facts for pages and exports. A suppressed fact becomes the DfE's "c" here, and its value,
numerator and denominator go no further: templates, charts and CSV files only ever see the cells built here."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from django.template.loader import render_to_string
from markupsafe import Markup

from sendboard.core.memo import memo
from sendboard.outcomes.models import Indicator, RefreshRun, Target
from sendboard.outcomes.numbers import NOT_AVAILABLE, format_value, rounded
from sendboard.outcomes.rag import rag_status
from sendboard.outcomes.selectors import (
    ENGLAND,
    Comparators,
    DashboardData,
    DashboardState,
    DeepDiveData,
    IndicatorData,
    dashboard_key,
)
from sendboard.returns.framework import IMPORT_KINDS
from sendboard.statistics.periods import period_label as statistics_period_label

SUPPRESSED = "c"
SUPPRESSED_NOTE = (
    "c: not shown, to protect confidentiality. The count is below the threshold the Department for Education "
    "uses, or would let a suppressed count be worked out from a total."
)
DIMENSIONS = {
    "need": "Primary need",
    "age": "Age",
    "phase": "Phase of education",
    "setting_type": "Type of setting",
    "placement": "Placement",
    "sex": "Sex",
    "ethnicity": "Ethnicity",
    "fsm": "Free school meal eligibility",
    "sen": "Special educational needs provision",
    "reason": "Reason",
    "provider": "Provider",
}
# Names for the engine's category codes in the deep dive; a need is named as the SEN2 code list names it.
CATEGORY_NAMES = {
    "unknown": "Not known",
    "male": "Male",
    "female": "Female",
    "eligible": "Eligible",
    "not_eligible": "Not eligible",
    "under_5": "Under 5",
    "5-10": "5 to 10",
    "11-15": "11 to 15",
    "16-19": "16 to 19",
    "20-25": "20 to 25",
    "primary": "Primary",
    "secondary": "Secondary",
    "special": "Special",
    "alternative_provision": "Alternative provision",
    "alternative": "Alternative provision",
    "post16": "Post-16",
    "nursery": "Nursery",
    "mainstream": "Mainstream",
    "independent_or_out_of_area": "Independent or out of area",
    "early_years": "Early years",
    "other": "Other",
    "none": "Not in education, employment or training",
    "white": "White",
    "mixed": "Mixed",
    "asian": "Asian",
    "black": "Black",
    "chinese": "Chinese",
    "ehc_plan": "EHC plan",
    "sen_support": "SEN support",
    "no_sen": "No SEN",
    "post16_provider": "Post-16 provider",
    "not_in_census": "Not in the school census",
}


@lru_cache(maxsize=1)
def _need_names() -> dict[str, str]:
    from sendboard.casework.reference import read

    return dict(read("sen2_2025.json")["lists"]["SENtype"]["codes"])


def category_label(dimension: str, category: str) -> str:
    if dimension == "need" and category in _need_names():
        return f"{_need_names()[category]} ({category})"
    return CATEGORY_NAMES.get(category, category.replace("_", " ").capitalize() if category.islower() else category)


RAG_LABELS = {
    "red": ("Red", "govuk-tag--red"),
    "amber": ("Amber", "govuk-tag--orange"),
    "green": ("Green", "govuk-tag--green"),
}


@dataclass(frozen=True)
class Cell:
    """One number as a page shows it (``text``) and as a CSV file holds it (``plain``: no separators or units)."""

    text: str
    plain: str
    suppressed: bool = False
    number: Decimal | None = None

    @classmethod
    def of(cls, value: Decimal | None, unit: str) -> Cell:
        number = rounded(value, unit)
        return cls(format_value(value, unit), "" if number is None else str(number), number=number)

    @classmethod
    def hidden(cls) -> Cell:
        return cls(SUPPRESSED, SUPPRESSED, suppressed=True)


EMPTY = Cell(NOT_AVAILABLE, "")


def fact_cell(fact: dict | None, unit: str, attribute: str = "value") -> Cell:
    if fact is None:
        return EMPTY
    if fact["suppressed"]:
        return Cell.hidden()
    return Cell.of(fact[attribute], Indicator.Unit.COUNT if attribute != "value" else unit)


def period_label(period: str | None, period_type: str) -> str | None:
    """A period as pages print it, one way throughout: calendar year "2024", academic year "2024/25", financial
    year "2024-25" (all as stored), month "August 2026" (stored "2026-08"), day "20 January 2025"."""
    return statistics_period_label(period, period_type)


def _targets(indicator: Indicator) -> dict[str, Target]:
    return {target.period: target for target in indicator.targets.all()}


def _at(facts: list[dict], period: str) -> dict | None:
    return next((fact for fact in facts if fact["period"] == period), None)


def rag_for(indicator: Indicator, fact: dict | None, target: Target | None) -> str | None:
    """No rating for a suppressed value: its colour would say something about a number not shown."""
    if fact is None or fact["suppressed"] or target is None:
        return None
    return rag_status(indicator=indicator, value=fact["value"], target=target.value)


@dataclass
class Trend:
    direction: str | None  # "up", "down", "same" or None when it cannot be said
    words: str

    @property
    def arrow(self) -> str:
        return {"up": "↑", "down": "↓", "same": "→"}.get(self.direction or "", "")


def trend(indicator: Indicator, latest: dict | None, previous: dict | None) -> Trend:
    if latest is None or previous is None:
        return Trend(None, "No earlier period")
    if latest["suppressed"] or previous["suppressed"]:
        return Trend(None, "Not shown: a value is suppressed")
    if latest["value"] is None or previous["value"] is None:
        return Trend(None, "Not available")
    now, before = rounded(latest["value"], indicator.unit), rounded(previous["value"], indicator.unit)
    was = (
        f"{format_value(previous['value'], indicator.unit)} in "
        f"{period_label(previous['period'], indicator.period_type)}"
    )
    if now == before:
        return Trend("same", f"No change from {was}")
    direction = "up" if now > before else "down"
    words = f"{'Up' if direction == 'up' else 'Down'} from {was}"
    if indicator.polarity != Indicator.Polarity.NEITHER:
        better = (direction == "up") == (indicator.polarity == Indicator.Polarity.HIGHER_IS_BETTER)
        words += " (better)" if better else " (worse)"
    return Trend(direction, words)


@dataclass
class ComparatorCell:
    cell: Cell
    period: str | None  # the comparator's period when it differs from the home area's


def _comparator(facts: list[dict], period: str | None, unit: str) -> ComparatorCell:
    """The comparator's value for the home area's period; failing that its latest, labelled with its period."""
    if not facts:
        return ComparatorCell(EMPTY, None)
    same = _at(facts, period) if period else None
    if same is not None:
        return ComparatorCell(fact_cell(same, unit), None)
    return ComparatorCell(fact_cell(facts[-1], unit), facts[-1]["period"])


@dataclass
class NeighbourCell:
    """The statistical neighbours' average (mean of those with a value shown) at the home area's period."""

    cell: Cell
    count: int
    period: str | None  # when it differs from the home area's

    @property
    def words(self) -> str:
        if not self.count:
            return "No neighbour has a figure for this period"
        during = f" in {self.period}" if self.period else ""
        return (
            f"{self.cell.text}{during}, the average of {self.count} neighbour{'s' if self.count > 1 else ''} with a "
            "figure"
        )


def neighbour_average(
    series: dict[str, list[dict]], neighbours: list[str], period: str | None, unit: str
) -> NeighbourCell:
    """The mean of the neighbours' values at ``period`` (the home area's), or at the latest period any of them
    has when the home area has none. A suppressed or missing value is left out, never counted as 0."""

    def shown_at(when):
        return [
            f["value"]
            for code in neighbours
            for f in series.get(code, [])
            if f["period"] == when and not f["suppressed"] and f["value"] is not None
        ]

    at, values = period, shown_at(period) if period else []
    if not values:  # none for the home area's period (published figures end earlier): their latest, labelled
        ends = {
            f["period"]: f["period_end"]
            for code in neighbours
            for f in series.get(code, [])
            if not f["suppressed"] and f["value"] is not None
        }
        at = max(ends, key=ends.get) if ends else None
        values = shown_at(at) if at else []
    if not values:
        return NeighbourCell(EMPTY, 0, None)
    mean = sum((Decimal(v) for v in values), Decimal(0)) / len(values)
    return NeighbourCell(Cell.of(mean, unit), len(values), at if at != period else None)


QUARTILES = ("top quartile", "second quartile", "third quartile", "bottom quartile")


@dataclass
class Standing:
    """Where the home area's value stands among every council with a value for the same period."""

    rank: int
    of: int
    words: str

    @property
    def quartile(self) -> int:
        return min(4, 1 + 4 * (self.rank - 1) // self.of)


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def standing(indicator: Indicator, own: list[dict], councils: dict[str, dict], *, home: str) -> Standing | None:
    """The home area's value among every council's for the latest period the councils have (``own``: the home
    area's facts, oldest first). Rank 1 is the best value where higher or lower is better; where neither is,
    rank 1 is the highest. Ties share the better rank. None when the home area has no value shown for that
    period or no other council has one."""
    periods = {f["period"] for code, f in councils.items() if code != home}
    if len(periods) != 1:
        return None
    [period] = periods
    home_fact = _at(own, period)
    if home_fact is None or home_fact["suppressed"] or home_fact["value"] is None:
        return None
    mine = rounded(home_fact["value"], indicator.unit)
    others = [
        rounded(f["value"], indicator.unit)
        for code, f in councils.items()
        if code != home and not f["suppressed"] and f["value"] is not None
    ]
    if not others:
        return None
    lower_first = indicator.polarity == Indicator.Polarity.LOWER_IS_BETTER
    rank = 1 + sum(1 for v in others if (v < mine if lower_first else v > mine))
    of = len(others) + 1
    if indicator.polarity == Indicator.Polarity.NEITHER:
        words = f"{_ordinal(rank)} highest of {of} councils"
    else:
        words = f"{_ordinal(rank)} best of {of} councils"
    if own and own[-1]["period"] != period:
        words += f" in {period_label(period, indicator.period_type)}"
    result = Standing(rank, of, words)
    if of >= 4:
        quartile = (
            QUARTILES[result.quartile - 1]
            if indicator.polarity != Indicator.Polarity.NEITHER
            else (("highest", "second highest", "second lowest", "lowest")[result.quartile - 1] + " quartile")
        )
        result.words += f" ({quartile})"
    return result


@lru_cache(maxsize=1)
def _catalogue_notes() -> dict[str, tuple[str, str]]:
    from sendboard.outcomes.catalogue import catalogue_indicators

    return {
        item["code"]: (item.get("comparator_none", ""), item.get("comparator_scope", ""))
        for item in catalogue_indicators()
    }


def no_comparator_reason(indicator: Indicator) -> str:
    """Why no published figure sits beside the indicator (the catalogue says), or "" when one does."""
    return _catalogue_notes().get(indicator.code, ("", ""))[0]


def comparator_scope(indicator: Indicator) -> str:
    """Why the published figure is England's only, or ""."""
    return _catalogue_notes().get(indicator.code, ("", ""))[1]


@dataclass
class DashboardRow:
    indicator: Indicator
    period: str | None
    latest: Cell
    trend: Trend
    target: Cell
    rag: str | None
    england: ComparatorCell
    region: ComparatorCell
    neighbours: NeighbourCell = field(default_factory=lambda: NeighbourCell(EMPTY, 0, None))
    standing: Standing | None = None
    no_comparator: str = ""  # why there is no published figure at all
    england_only: str = ""  # why only England's is published

    def csv_row(self) -> list:
        return [
            self.indicator.theme,
            self.indicator.title,
            self.indicator.get_unit_display(),
            self.period or "",
            self.latest.plain,
            self.trend.words,
            self.target.plain,
            (self.rag or "").capitalize(),
            self.england.cell.plain,
            self.england.period or self.period or "",
            self.region.cell.plain,
            self.region.period or self.period or "",
            self.neighbours.cell.plain,
            self.neighbours.count or "",
            self.standing.rank if self.standing else "",
            self.standing.of if self.standing else "",
            self.no_comparator or self.england_only,
        ]


DASHBOARD_CSV_HEADERS = [
    "Theme",
    "Indicator",
    "Unit",
    "Period",
    "Value",
    "Trend",
    "Target",
    "RAG",
    "England",
    "England period",
    "Region",
    "Region period",
    "Statistical neighbours (average)",
    "Neighbours with a value",
    "Rank among councils",
    "Councils ranked",
    "No published comparator",
]


def dashboard_row(
    indicator: Indicator,
    series: dict[str, list[dict]],
    *,
    home: str,
    region: str,
    neighbours: list[str] | None = None,
    councils: dict[str, dict] | None = None,
) -> DashboardRow:
    own = series.get(home, [])
    latest = own[-1] if own else None
    previous = own[-2] if len(own) > 1 else None
    period = latest["period"] if latest else None
    target = _targets(indicator).get(period) if period else None
    kind = indicator.period_type
    england = _comparator(series.get(ENGLAND, []), period, indicator.unit)
    region_cell = _comparator(series.get(region, []), period, indicator.unit)
    neighbour_cell = neighbour_average(series, neighbours or [], period, indicator.unit)
    return DashboardRow(
        indicator=indicator,
        period=period_label(period, kind),
        latest=fact_cell(latest, indicator.unit),
        trend=trend(indicator, latest, previous),
        target=Cell.of(target.value, indicator.unit) if target else EMPTY,
        rag=rag_for(indicator, latest, target),
        england=ComparatorCell(england.cell, period_label(england.period, kind)),
        region=ComparatorCell(region_cell.cell, period_label(region_cell.period, kind)),
        neighbours=NeighbourCell(neighbour_cell.cell, neighbour_cell.count, period_label(neighbour_cell.period, kind)),
        standing=standing(indicator, own, councils or {}, home=home),
        no_comparator=no_comparator_reason(indicator),
        england_only=comparator_scope(indicator),
    )


@dataclass
class Theme:
    name: str
    rows: list[DashboardRow] = field(default_factory=list)


def dashboard_themes(data: DashboardData) -> list[Theme]:
    themes: dict[str, Theme] = {}
    neighbours = data.areas.neighbours if data.areas else []
    for indicator in data.indicators:
        row = dashboard_row(
            indicator,
            data.series.get(indicator.pk, {}),
            home=data.home.gss_code,
            region=data.home.region_code,
            neighbours=neighbours,
            councils=data.councils.get(indicator.pk, {}),
        )
        themes.setdefault(indicator.theme, Theme(indicator.theme)).rows.append(row)
    return list(themes.values())


@dataclass(frozen=True)
class DashboardTables:
    """The dashboard's tables as HTML, and whether any figure in them is suppressed (for the note below them)."""

    html: Markup
    any_suppressed: bool


def dashboard_tables(data: DashboardData) -> DashboardTables:
    themes = dashboard_themes(data)
    html = render_to_string("outcomes/_dashboard_tables.html", {"themes": themes, "home": data.home})
    cells = (c for theme in themes for r in theme.rows for c in (r.latest, r.england.cell, r.region.cell))
    return DashboardTables(Markup(html), any(cell.suppressed for cell in cells))


class _ChangedMeanwhile(Exception):
    def __init__(self, tables: DashboardTables) -> None:
        self.tables = tables


def dashboard_tables_kept(state: DashboardState, *, read: Callable[[], DashboardData]) -> DashboardTables:
    """The dashboard's tables, rendered once per process for each ``state.key`` (ADR 0167, 0172): what they show is
    the same for everyone who may see the dashboard (the home area's figures, links every such person may follow),
    and the key names all of it. ``read`` reads the data when they are not kept; if the data read then is not the
    data the key names (changed by another process in between), the tables are shown but not kept."""
    if state.key is None:
        return dashboard_tables(read())

    def build() -> DashboardTables:
        data = read()
        tables = dashboard_tables(data)
        if dashboard_key(data) != state.key:
            raise _ChangedMeanwhile(tables)
        return tables

    try:
        return memo("outcomes:dashboard-tables", state.key, build)
    except _ChangedMeanwhile as changed:
        return changed.tables


def run_inputs(run: RefreshRun | None) -> list[str]:
    """What a run read, in words: the imported files by name, then any other inputs it recorded."""
    if run is None or not isinstance(run.inputs, dict):
        return []
    described = []
    for key, value in run.inputs.items():
        if isinstance(value, list):
            for item in value:
                if isinstance(item, dict):
                    name, kind = item.get("name") or item.get("id") or key, item.get("kind")
                    described.append(f"{name} ({IMPORT_KINDS[kind]})" if kind in IMPORT_KINDS else str(name))
                else:
                    described.append(str(item))
        elif key == "rows" and isinstance(value, dict):  # counted by database table, whose names are not for people
            described.append(f"Records read: {sum(value.values()):,}")
        elif isinstance(value, dict):
            described.append(
                f"{key.replace('_', ' ')}: " + ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in value.items())
            )
        else:
            described.append(f"{key.replace('_', ' ')}: {value}")
    return described


# --- the indicator page --------------------------------------------------------------------------------


@dataclass
class SeriesRow:
    period: str
    home: Cell
    england: Cell
    region: Cell
    target: Cell
    rag: str | None


SERIES_CSV_HEADERS = ["Period", "Home area", "England", "Region", "Target", "RAG"]


def series_rows(data: IndicatorData) -> list[SeriesRow]:
    """One row per period that any of the home area, England or the region has, oldest first."""
    indicator, areas = data.indicator, data.areas
    unit = indicator.unit
    targets = _targets(indicator)
    by_area = {
        code: {fact["period"]: fact for fact in data.series.get(code, [])}
        for code in (areas.home.gss_code, ENGLAND, areas.region)
    }
    ends: dict[str, object] = {}
    for code in by_area:
        for fact in data.series.get(code, []):
            ends[fact["period"]] = fact["period_end"]
    rows = []
    for period in sorted(ends, key=lambda p: ends[p]):
        home = by_area[areas.home.gss_code].get(period)
        target = targets.get(period)
        rows.append(
            SeriesRow(
                period_label(period, indicator.period_type),
                fact_cell(home, unit),
                fact_cell(by_area[ENGLAND].get(period), unit),
                fact_cell(by_area[areas.region].get(period), unit),
                Cell.of(target.value, unit) if target else EMPTY,
                rag_for(indicator, home, target),
            )
        )
    return rows


def series_csv(rows: Iterable[SeriesRow]) -> list[list]:
    return [
        [r.period, r.home.plain, r.england.plain, r.region.plain, r.target.plain, (r.rag or "").capitalize()]
        for r in rows
    ]


@dataclass
class ComparisonRow:
    code: str
    name: str
    relationship: str
    period: str | None
    value: Cell

    @property
    def text(self) -> str:
        return "Not published for this measure" if self.value is EMPTY else self.value.text


COMPARISON_CSV_HEADERS = ["Area code", "Area", "Compared as", "Period", "Value"]


def _latest_period(data: IndicatorData) -> str | None:
    own = data.series.get(data.areas.home.gss_code, [])
    return own[-1]["period"] if own else None


def comparison_period(data: IndicatorData) -> str | None:
    return period_label(_latest_period(data), data.indicator.period_type)


def comparison_rows(data: IndicatorData) -> list[ComparisonRow]:
    """Every area at the home area's latest period (or, where an area has no value then, its latest)."""
    areas: Comparators = data.areas
    period = _latest_period(data)
    relationship = {areas.home.gss_code: "Home area", ENGLAND: "England", areas.region: "Region"}
    for rank, code in enumerate(areas.neighbours, start=1):
        relationship.setdefault(code, f"Statistical neighbour {rank}")
    for code in areas.chosen:
        relationship.setdefault(code, "Chosen for comparison")
    rows = []
    for code in areas.codes():
        found = _comparator(data.series.get(code, []), period, data.indicator.unit)
        shown = found.period or (period if found.cell is not EMPTY else None)
        rows.append(
            ComparisonRow(
                code, areas.name(code), relationship[code], period_label(shown, data.indicator.period_type), found.cell
            )
        )
    return rows


def comparison_csv(rows: Iterable[ComparisonRow]) -> list[list]:
    return [[r.code, r.name, r.relationship, r.period or "", r.value.plain] for r in rows]


def chosen_unknown(data: IndicatorData) -> list[str]:
    """Chosen codes that name no council in the area register."""
    return [code for code in data.areas.chosen if code not in data.areas.names]


def chosen_without_facts(data: IndicatorData) -> list[str]:
    """Chosen councils, by name and code, that are known but have no figure for this measure."""
    return [
        f"{data.areas.name(code)} ({code})"
        for code in data.areas.chosen
        if code in data.areas.names and not data.series.get(code)
    ]


def indicator_headline(data: IndicatorData) -> DashboardRow:
    return dashboard_row(
        data.indicator,
        data.series,
        home=data.areas.home.gss_code,
        region=data.areas.region,
        neighbours=data.areas.neighbours,
        councils=data.councils,
    )


# --- the deep dive -------------------------------------------------------------------------------------


@dataclass
class DeepDiveRow:
    category: str
    numerator: Cell
    denominator: Cell
    value: Cell
    england: Cell
    region: Cell = EMPTY
    neighbours: NeighbourCell = field(default_factory=lambda: NeighbourCell(EMPTY, 0, None))


DEEP_DIVE_CSV_HEADERS = [
    "Category",
    "Count",
    "Out of",
    "Value",
    "England value",
    "Region value",
    "Statistical neighbours (average)",
]
# Categories whose order is their meaning (ages), before any other, which sort by their label.
CATEGORY_ORDER = ("under_5", "5-10", "11-15", "16-19", "20-25")


def category_sort_key(dimension: str, category: str) -> tuple:
    if category in CATEGORY_ORDER:
        return (0, CATEGORY_ORDER.index(category), "")
    return (1 if category not in ("unknown", "other") else 2, 0, category_label(dimension, category).lower())


def deep_dive_rows(data: DeepDiveData) -> tuple[list[DeepDiveRow], DeepDiveRow | None]:
    """The categories of the breakdown (home area, with England's, the region's and the neighbours' average value
    beside it) and the total row. Ages in age order; other categories by name, "not known" and "other" last."""
    unit = data.indicator.unit
    by_area: dict[str, dict[tuple[str, str], dict]] = defaultdict(dict)
    for fact in data.facts:
        by_area[fact["area_code"]][(fact["dimension"], fact["category"])] = fact
    home, england, region = by_area[data.home.gss_code], by_area[ENGLAND], by_area[data.home.region_code]

    def row(key, label):
        fact = home.get(key)
        neighbour_series = {code: [by_area[code][key]] for code in data.neighbours if key in by_area[code]}
        return DeepDiveRow(
            label,
            fact_cell(fact, unit, "numerator"),
            fact_cell(fact, unit, "denominator"),
            fact_cell(fact, unit),
            fact_cell(england.get(key), unit),
            fact_cell(region.get(key), unit),
            neighbour_average(neighbour_series, data.neighbours, data.period, unit),
        )

    categories = sorted(
        {key[1] for key in (*home, *england) if key[0] == data.dimension},
        key=lambda category: category_sort_key(data.dimension, category),
    )
    total = row(("", ""), "All") if ("", "") in home else None
    return [row((data.dimension, category), category_label(data.dimension, category)) for category in categories], total


def deep_dive_csv(rows: list[DeepDiveRow], total: DeepDiveRow | None) -> list[list]:
    return [
        [
            r.category,
            r.numerator.plain,
            r.denominator.plain,
            r.value.plain,
            r.england.plain,
            r.region.plain,
            r.neighbours.cell.plain,
        ]
        for r in [*rows, *([total] if total else [])]
    ]


def indicator_chart(data: IndicatorData, rows: list[SeriesRow]):
    """The series as a line chart: the home area, England and the region, with a description in words."""
    from sendboard.outcomes.charts import Line, line_chart

    indicator, areas = data.indicator, data.areas
    periods = [row.period for row in rows]
    lines = [
        Line(areas.name(areas.home.gss_code), [row.home.number for row in rows]),
        Line("England", [row.england.number for row in rows]),
        Line(areas.name(areas.region), [row.region.number for row in rows]),
    ]
    if rows:
        latest = rows[-1]
        said = "not shown (suppressed)" if latest.home.suppressed else latest.home.text
        description = (
            f"Line chart of {indicator.title} for {areas.name(areas.home.gss_code)}, England and "
            f"{areas.name(areas.region)}, {periods[0]} to {periods[-1]}. {areas.name(areas.home.gss_code)} in "
            f"{latest.period}: {said}. The table below the chart gives every value."
        )
    else:
        description = "No values yet."
    return line_chart(
        chart_id=f"chart-{indicator.code}",
        title=f"{indicator.title}, by period",
        description=description,
        periods=periods,
        lines=lines,
        unit_label=indicator.get_unit_display(),
        percent=indicator.unit == Indicator.Unit.PERCENT,
    )


def target_texts(indicator: Indicator) -> list[tuple[Target, str, str]]:
    """Each target with its period and value as pages print them."""
    return [
        (target, period_label(target.period, indicator.period_type), format_value(target.value, indicator.unit))
        for target in indicator.targets.all()
    ]


@dataclass
class BoardPackException:
    indicator: str
    period: str
    value: str
    target: str
    commentary: str
    by: str
    at: object


def board_pack_exceptions(reports) -> list[BoardPackException]:
    """Exception reports as the board pack prints them: value against target, and who commented when (or who
    is to)."""
    shaped = []
    for report in reports:
        unit = report.indicator.unit
        if report.commentary:
            by = report.commentary_by.display_name if report.commentary_by else ""
        else:
            by = report.owner.display_name if report.owner else "the area leaders"
        shaped.append(
            BoardPackException(
                report.indicator.title,
                period_label(report.period, report.indicator.period_type),
                format_value(report.value, unit),
                format_value(report.target, unit),
                report.commentary,
                by,
                report.commentary_at,
            )
        )
    return shaped
