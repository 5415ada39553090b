"""Reads for the outcomes pages: facts only, never the register or the imported returns.

Every page's read is a fixed number of queries whatever the number of indicators, periods or comparator
areas (pinned in tests/outcomes/test_pages_queries.py). All of it is aggregate: the facts are counts and
rates for whole areas, and a suppressed fact's numbers never leave the presenters (see presenters.py).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.apps import apps
from django.db.models import Max, Prefetch, Q
from django.http import Http404
from django.urls import reverse

from sendboard.accounts.access import user_has_permission
from sendboard.accounts.roles import Permission
from sendboard.accounts.selectors import role_holders
from sendboard.core.memo import memo, rows_fingerprint
from sendboard.core.models import LocalArea
from sendboard.core.work import WorkCount
from sendboard.outcomes import permissions
from sendboard.outcomes.models import ExceptionReport, Fact, Indicator, RefreshRun, Target
from sendboard.outcomes.numbers import format_value
from sendboard.statistics.periods import period_label

ENGLAND = "E92000001"
NEIGHBOURS_SHOWN = 10
FACT_FIELDS = (
    "indicator_id",
    "area_code",
    "area_level",
    "period",
    "period_end",
    "dimension",
    "category",
    "numerator",
    "denominator",
    "value",
    "suppressed",
)


_require = permissions.require


def latest_successful_run() -> RefreshRun | None:
    """The facts in force: those of the most recent run that succeeded (a failed run leaves them in place)."""
    return RefreshRun.objects.filter(state=RefreshRun.State.SUCCEEDED).order_by("-finished_at", "-id").first()


def home_area() -> LocalArea:
    area = LocalArea.objects.order_by("id").first()
    if area is None:
        raise Http404("No local area is set up")
    return area


def _statistics_model(name: str):
    """A model of the statistics app, or None while that app does not provide it: the pages then compare
    with England and the region only."""
    try:
        return apps.get_model("statistics", name)
    except LookupError:
        return None


@dataclass
class Comparators:
    """The areas a page compares the home area with, and every area's name."""

    home: LocalArea
    neighbours: list[str] = field(default_factory=list)
    chosen: list[str] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)

    @property
    def england(self) -> str:
        return ENGLAND

    @property
    def region(self) -> str:
        return self.home.region_code

    def codes(self) -> list[str]:
        seen: dict[str, None] = {}
        for code in [self.home.gss_code, ENGLAND, self.region, *self.neighbours, *self.chosen]:
            seen.setdefault(code, None)
        return list(seen)

    def name(self, code: str) -> str:
        return self.names.get(code, code)


def comparators(*, home: LocalArea, chosen: list[str] | None = None, with_neighbours: bool = True) -> Comparators:
    """England, the region, the ten statistical neighbours (nearest first) and any councils the user chose.
    One query for the neighbours and one for the chosen councils' names, when the statistics app has them."""
    result = Comparators(
        home=home,
        chosen=[code for code in (chosen or []) if code != home.gss_code],
        names={home.gss_code: home.name, ENGLAND: "England", home.region_code: home.region_name},
    )
    neighbour_model = _statistics_model("StatisticalNeighbour")
    if with_neighbours and neighbour_model is not None:
        rows = (
            neighbour_model.objects.filter(area__code=home.gss_code)
            .order_by("rank")
            .values_list("neighbour__code", "neighbour__name")
        )
        for code, name in rows[:NEIGHBOURS_SHOWN]:
            result.neighbours.append(code)
            result.names[code] = name
    area_model = _statistics_model("StatisticalArea")
    unnamed = [code for code in result.chosen if code not in result.names]
    if unnamed and area_model is not None:
        result.names.update(area_model.objects.filter(code__in=unnamed).values_list("code", "name"))
    return result


def _headline_facts(*, run: RefreshRun | None, codes: list[str], indicator: Indicator | None = None) -> list[dict]:
    if run is None:
        return []
    facts = Fact.objects.filter(run=run, area_code__in=codes, dimension="")
    if indicator is not None:
        facts = facts.filter(indicator=indicator)
    return list(facts.order_by("indicator_id", "area_code", "period_end").values(*FACT_FIELDS))


def _series(facts: list[dict]) -> dict[int, dict[str, list[dict]]]:
    """indicator id -> area code -> that area's facts, oldest period first."""
    grouped: dict[int, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    for fact in facts:
        grouped[fact["indicator_id"]][fact["area_code"]].append(fact)
    return grouped


@dataclass
class DashboardData:
    home: LocalArea
    run: RefreshRun | None
    indicators: list[Indicator]
    series: dict[int, dict[str, list[dict]]]
    areas: Comparators | None = None
    # indicator id -> every council's headline value at the home area's latest period (for rank and quartile)
    councils: dict[int, dict[str, dict]] = field(default_factory=dict)


def councils_latest(
    *, run: RefreshRun | None, home: str, indicator: Indicator | None = None
) -> dict[int, dict[str, dict]]:
    """Every council's headline fact for each indicator at the latest period other councils have a figure for
    (the published figures usually end a year or more before the home area's own): two queries."""
    if run is None:
        return {}
    others = Fact.objects.filter(run=run, area_level="la", dimension="").exclude(area_code=home)
    if indicator is not None:
        others = others.filter(indicator=indicator)
    latest = dict(others.values_list("indicator_id").annotate(end=Max("period_end")).values_list("indicator_id", "end"))
    if not latest:
        return {}
    wanted = Q()
    for indicator_id, end in latest.items():
        wanted |= Q(indicator_id=indicator_id, period_end=end)
    found: dict[int, dict[str, dict]] = defaultdict(dict)
    for fact in Fact.objects.filter(wanted, run=run, area_level="la", dimension="").values(*FACT_FIELDS):
        found[fact["indicator_id"]][fact["area_code"]] = fact
    return found


def run_key(run: RefreshRun | None) -> tuple | None:
    """What names a successful run's facts for as long as it is in force: its id and when it finished (a refresh
    writes a new run; the facts of a finished run never change). None for no run, or one not finished."""
    if run is None or run.finished_at is None:
        return None
    return (run.pk, run.finished_at.timestamp())


def _for_run(run: RefreshRun | None, name: str, build):
    """``build()``, kept in this process for as long as ``run`` is the run in force (``core.memo``, ADR 0167): the
    dashboard's two heaviest reads then cost nothing (measured by bench/bench_production_load.py)."""
    key = run_key(run)
    if key is None:
        return build()
    return memo(f"outcomes:{name}", key, build)


def dashboard(*, user) -> DashboardData:
    """Every indicator with its targets and the headline facts of the home area, England, the region and the
    statistical neighbours, and every council's at the latest period councils have: seven queries (area, run,
    indicators with targets, neighbours, facts, councils' latest periods, their facts)."""
    _require(user, Permission.VIEW_OUTCOMES)
    home = home_area()
    run = latest_successful_run()
    indicators = list(Indicator.objects.prefetch_related("targets"))
    areas = comparators(home=home)
    codes = areas.codes()
    series = _series(
        _for_run(run, f"headline:{','.join(sorted(codes))}", lambda: _headline_facts(run=run, codes=codes))
    )
    councils = _for_run(run, f"councils:{home.gss_code}", lambda: councils_latest(run=run, home=home.gss_code))
    return DashboardData(home, run, indicators, series, areas, councils)


def _stored(model, rows) -> list[list]:
    """Model instances' stored values (every concrete field), or rows already read as such, in primary key order:
    the same list whichever way the rows were read."""
    if rows and hasattr(rows[0], "_meta"):
        rows = [[getattr(row, f.attname) for f in model._meta.concrete_fields] for row in rows]
    return sorted((list(row) for row in rows), key=lambda row: row[0])


def _key(run, indicators: list, targets: list, home: LocalArea, areas: Comparators | None) -> tuple | None:
    key = run_key(run)
    if key is None:
        return None
    return (
        key,
        rows_fingerprint(_stored(Indicator, indicators)),
        rows_fingerprint(_stored(Target, targets)),
        rows_fingerprint([home]),
        tuple(areas.neighbours) if areas else (),
        tuple(sorted(areas.names.items())) if areas else (),
    )


def dashboard_key(data: DashboardData) -> tuple | None:
    """Everything the dashboard's table is computed from, as a key (``core.memo``, ADR 0167): the run in force, every
    stored value of the indicators and their targets, the home area and its comparators. An indicator or target
    edited in any process, a new run or new neighbours give a new key. None when there is no finished run."""
    targets = [target for indicator in data.indicators for target in indicator.targets.all()]
    return _key(data.run, data.indicators, targets, data.home, data.areas)


@dataclass
class DashboardState:
    """What the dashboard is computed from, named by ``key`` (equal to ``dashboard_key`` of the same data), without
    the facts or the rows themselves: what every request reads."""

    home: LocalArea
    run: RefreshRun | None
    key: tuple | None


def _indicators_and_targets() -> tuple[list[tuple], list[tuple]]:
    """Every indicator's and every target's stored values as tuples, in one query (each indicator joined to its
    targets, or to none)."""
    own = [f.attname for f in Indicator._meta.concrete_fields]
    joined = [f"targets__{f.attname}" for f in Target._meta.concrete_fields]
    indicators: dict[object, tuple] = {}
    targets: list[tuple] = []
    for row in Indicator.objects.order_by("pk", "targets__pk").values_list(*own, *joined):
        indicators.setdefault(row[0], row[: len(own)])
        if row[len(own)] is not None:
            targets.append(row[len(own) :])
    return list(indicators.values()), targets


def dashboard_state(*, user) -> DashboardState:
    """The dashboard's key, read from the database on every request: the home area, the run in force, the stored
    values of the indicators and targets as tuples (no model instances), and the neighbours: four small queries
    (two when no run has finished)."""
    _require(user, Permission.VIEW_OUTCOMES)
    home = home_area()
    run = latest_successful_run()
    if run_key(run) is None:
        return DashboardState(home, run, None)
    return DashboardState(home, run, _key(run, *_indicators_and_targets(), home, comparators(home=home)))


def indicator_get(*, user, code: str, for_change: bool = False) -> Indicator:
    _require(user, Permission.MANAGE_INDICATORS if for_change else Permission.VIEW_OUTCOMES)
    try:
        return (
            Indicator.objects.select_related("owner")
            .prefetch_related(
                Prefetch("targets", queryset=Target.objects.select_related("set_by")),
            )
            .get(code=code)
        )
    except Indicator.DoesNotExist:
        raise Http404 from None


@dataclass
class IndicatorData:
    indicator: Indicator
    run: RefreshRun | None
    areas: Comparators
    series: dict[str, list[dict]]
    councils: dict[str, dict] = field(default_factory=dict)  # every council's fact at the home area's latest period


def indicator_detail(*, user, code: str, chosen: list[str] | None = None, with_councils: bool = False) -> IndicatorData:
    """One indicator with its owner, targets and linked plan actions, and its headline facts for the home area
    and every comparator, every period; with every council's at the home area's latest period when asked (one
    more query, for the rank among councils)."""
    # The plans app keeps the link (plans build on outcomes): its measures are reached through the relation.
    measures = Indicator.success_measures.field.model.objects.select_related("action__workstream")
    _require(user, Permission.VIEW_OUTCOMES)
    try:
        indicator = (
            Indicator.objects.select_related("owner")
            .prefetch_related(
                Prefetch("targets", queryset=Target.objects.select_related("set_by")),
                Prefetch("success_measures", queryset=measures),
            )
            .get(code=code)
        )
    except Indicator.DoesNotExist:
        raise Http404 from None
    home = home_area()
    run = latest_successful_run()
    areas = comparators(home=home, chosen=chosen)
    facts = _headline_facts(run=run, codes=areas.codes(), indicator=indicator)
    series = dict(_series(facts).get(indicator.pk, {}))
    councils = {}
    if with_councils and series.get(home.gss_code):
        councils = councils_latest(run=run, home=home.gss_code, indicator=indicator).get(indicator.pk, {})
    return IndicatorData(indicator, run, areas, series, councils)


@dataclass
class DeepDiveData:
    indicator: Indicator
    run: RefreshRun | None
    home: LocalArea
    dimension: str
    periods: list[str]
    period: str | None
    facts: list[dict]
    neighbours: list[str] = field(default_factory=list)


def deep_dive(*, user, code: str, dimension: str | None, period: str | None) -> DeepDiveData:
    """The home area's (and England's, the region's and the statistical neighbours') facts for one breakdown (the
    indicator's first unless another is chosen) of one indicator in one period (the latest the home area has,
    unless another is chosen), with the total: five queries after the indicator."""
    _require(user, Permission.VIEW_OUTCOMES)
    indicator = indicator_get(user=user, code=code)
    dimension = dimension or (indicator.breakdowns[0] if indicator.breakdowns else "")
    if dimension not in indicator.breakdowns:
        raise Http404
    home = home_area()
    run = latest_successful_run()
    periods: list[str] = []
    facts: list[dict] = []
    neighbours = comparators(home=home).neighbours
    if run is not None:
        periods = list(
            Fact.objects.filter(run=run, indicator=indicator, area_code=home.gss_code, dimension=dimension)
            .order_by("-period_end")
            .values_list("period", flat=True)
            .distinct()
        )
        periods = list(dict.fromkeys(periods))
        if period not in periods:
            period = periods[0] if periods else None
        if period is not None:
            facts = list(
                Fact.objects.filter(
                    run=run,
                    indicator=indicator,
                    period=period,
                    area_code__in=[home.gss_code, ENGLAND, home.region_code, *neighbours],
                )
                .filter(Q(dimension=dimension) | Q(dimension=""))
                .order_by("area_code", "category")
                .values(*FACT_FIELDS)
            )
    return DeepDiveData(indicator, run, home, dimension, periods, period, facts, neighbours)


# --- exception reports -------------------------------------------------------------------------------


def user_leads_exceptions(user) -> bool:
    return permissions.user_leads_exceptions(user)


def user_can_comment(*, user, report: ExceptionReport) -> bool:
    return permissions.user_can_comment(user=user, report=report)


def _exception_reports():
    return ExceptionReport.objects.select_related("indicator", "owner", "commentary_by")


def exception_report_list(*, user) -> list[ExceptionReport]:
    """Area leaders see every report; anyone else their own."""
    _require(user, Permission.VIEW_OUTCOMES)
    reports = _exception_reports()
    if not user_leads_exceptions(user):
        reports = reports.filter(owner=user)
    return list(reports.order_by("status", "-raised_at", "-id"))


def exception_report_get(*, user, report_id: int, for_comment: bool = False) -> ExceptionReport:
    """One report the user may read (anyone else's is not found); ``for_comment``: one they may also answer
    (403 otherwise)."""
    _require(user, Permission.VIEW_OUTCOMES)
    try:
        report = _exception_reports().get(pk=report_id)
    except ExceptionReport.DoesNotExist:
        raise Http404 from None
    if not permissions.user_sees_exception_report(user=user, owner_id=report.owner_id):
        raise Http404
    if for_comment:
        permissions.require_comment(user=user, report=report)
    return report


def exception_commentary_for_board_pack() -> list[ExceptionReport]:
    """Open exception reports (awaiting commentary or commented), for the board pack: indicator, period,
    value against target and the commentary with who gave it and when. One query."""
    return list(
        _exception_reports()
        .exclude(status=ExceptionReport.Status.CLOSED)
        .order_by("indicator__order", "indicator__code", "period")
    )


def refresh_run_get(*, user, run_id: int) -> RefreshRun:
    _require(user, Permission.VIEW_OUTCOMES)
    try:
        return RefreshRun.objects.select_related("requested_by").get(pk=run_id)
    except RefreshRun.DoesNotExist:
        raise Http404 from None


def refresh_run_counts(*, run: RefreshRun) -> list[tuple[str, int]]:
    """The facts a run wrote, by indicator title in catalogue order (a run records them by indicator code)."""
    counts = run.counts if isinstance(run.counts, dict) else {}
    titles = Indicator.objects.filter(code__in=counts).values_list("code", "title")
    return [(title, counts[code]) for code, title in titles]


def possible_owners():
    """Active staff who may comment on exception reports."""
    from sendboard.accounts.models import User

    return (
        User.objects.filter(role_holders(*permissions.indicator_owner_roles()), is_active=True)
        .select_related("organisation")
        .order_by("last_name", "first_name")
    )


@dataclass
class MeasuredByIndicator:
    """A plan success measure's figures taken from the indicator it is linked to, so that one figure has one
    source: the indicator's latest home-area value in force at a date, and the one before it, as pages print them."""

    indicator: Indicator
    latest: str
    latest_period: str | None
    previous: str


def success_measure_values(*, measure_ids: list[int], on_or_before) -> dict[int, MeasuredByIndicator]:
    """For each success measure linked to an indicator, that indicator's two latest home-area headline values
    whose period ended by ``on_or_before`` (two queries, whatever the number of measures)."""
    links = list(
        Indicator.success_measures.through.objects.filter(successmeasure_id__in=measure_ids)
        .select_related("indicator")
        .order_by("successmeasure_id", "indicator__order", "indicator_id")
    )
    run = latest_successful_run() if links else None
    if run is None:
        return {}
    area = LocalArea.objects.order_by("id").values_list("gss_code", flat=True).first()
    facts: dict[int, list[Fact]] = defaultdict(list)
    for fact in Fact.objects.filter(
        run=run,
        area_code=area,
        dimension="",
        period_end__lte=on_or_before,
        indicator_id__in={link.indicator_id for link in links},
    ).order_by("indicator_id", "period_end"):
        facts[fact.indicator_id].append(fact)
    found: dict[int, MeasuredByIndicator] = {}
    for link in links:
        if link.successmeasure_id in found:
            continue  # a measure linked to two indicators takes the first in catalogue order
        indicator, own = link.indicator, facts.get(link.indicator_id, [])

        def shown(fact: Fact | None, indicator=indicator) -> str:
            if fact is None:
                return "–"
            return "c" if fact.suppressed else format_value(fact.value, indicator.unit)

        latest = own[-1] if own else None
        found[link.successmeasure_id] = MeasuredByIndicator(
            indicator,
            shown(latest),
            period_label(latest.period, indicator.period_type) if latest else None,
            shown(own[-2] if len(own) > 1 else None),
        )
    return found


def home_work_counts(*, user, today) -> list[WorkCount]:
    """The home page's count of red indicators waiting for the person's commentary (every one, for those who
    answer for indicators without an owner). One query."""
    if not user_has_permission(user, Permission.COMMENT_ON_EXCEPTIONS):
        return []
    reports = ExceptionReport.objects.filter(status=ExceptionReport.Status.AWAITING_COMMENTARY)
    if not user_leads_exceptions(user):
        reports = reports.filter(owner=user)
    return [
        WorkCount(
            "Red indicators awaiting your commentary", reports.count(), reverse("outcomes:exceptions"), urgent=True
        )
    ]
