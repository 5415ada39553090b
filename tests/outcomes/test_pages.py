"""The outcomes pages read facts only: what a page shows equals the facts, suppressed facts show "c" and never
their number, each role sees what it may, and each page takes the same number of queries at any size."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from sendboard.accounts.roles import Role
from sendboard.outcomes.models import ExceptionReport, Indicator
from tests.factories import UserFactory
from tests.html import Page, text_of
from tests.outcomes.fact_factories import (
    ENGLAND,
    HOME,
    REGION,
    FactFactory,
    IndicatorFactory,
    RefreshRunFactory,
    TargetFactory,
    home_area,
    series,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    """One indicator with three years for the home area, England and the region, and a 2024 target."""
    home_area()
    run = RefreshRunFactory()
    indicator = IndicatorFactory(
        code="new-plans-20-weeks", title="New EHC plans issued within 20 weeks", breakdowns=["need", "sex"]
    )
    series(run=run, indicator=indicator, values={"2022": "48.5", "2023": "55.25", "2024": "62.04"})
    series(run=run, indicator=indicator, area_code=ENGLAND, values={"2022": "49.2", "2023": "50.3", "2024": "46.4"})
    series(run=run, indicator=indicator, area_code=REGION, values={"2022": "45.0", "2023": "47.7", "2024": "44.1"})
    TargetFactory(indicator=indicator, period="2024", value=Decimal("65"))
    return {"run": run, "indicator": indicator}


def _row(page: Page, code: str) -> dict[str, str]:
    """The dashboard row of one indicator: the text of each cell, by its column."""
    row = page.one(f"//tr[th[@data-indicator='{code}']]")
    return {cell.get("data-column"): text_of(cell) for cell in row.xpath("td")}


def test_the_dashboard_shows_each_indicators_latest_fact_with_trend_target_rag_england_and_region(
    client_request, sign_in, world
):
    sign_in(Role.AREA_LEADER)
    page = client_request.get(reverse("outcomes:dashboard"))
    row = _row(page, "new-plans-20-weeks")
    # Latest 2024 = 62.04, shown to 1 decimal place as the percent unit asks: 62.0%.
    assert row["latest"] == "62.0% (2024)"
    # Trend: 62.04 against 55.25 in 2023, up; higher is better, so better. The arrow is hidden from screen readers.
    assert row["trend"] == "↑ Up from 55.3% in 2023 (better)"
    assert (
        page.text("//tr[th[@data-indicator='new-plans-20-weeks']]/td[@data-column='trend']/span[@aria-hidden='true']")
        == "↑"
    )
    # Target 65: 62.04 falls short by 2.96, within 5% of 65 (3.25), so amber.
    assert (row["target"], row["rag"]) == ("65.0%", "Amber")
    assert (row["england"], row["region"]) == ("46.4%", "44.1%")
    assert page.text("//p[starts-with(normalize-space(), 'Facts last refreshed at')]").startswith(
        "Facts last refreshed at"
    )


def test_a_setting_user_and_local_offer_roles_are_refused_and_an_adviser_sees_the_aggregates(client, sign_in, world):
    code = world["indicator"].code
    pages = [
        reverse("outcomes:dashboard"),
        reverse("outcomes:indicator", args=[code]),
        reverse("outcomes:deep-dive", args=[code]),
        reverse("outcomes:dashboard-csv"),
        reverse("outcomes:exceptions"),
    ]
    for role in (Role.SETTING_USER, Role.LOCAL_OFFER_OFFICER, Role.PROVIDER_EDITOR):
        sign_in(role)
        assert [client.get(page).status_code for page in pages] == [403] * len(pages), role
    sign_in(Role.ADVISER)
    assert [client.get(page).status_code for page in pages] == [200] * len(pages)
    # Advisers read; they neither set targets nor refresh.
    assert client.get(reverse("outcomes:targets", args=[code])).status_code == 403
    assert client.post(reverse("outcomes:refresh")).status_code == 403


def test_a_suppressed_fact_shows_c_and_never_its_number_in_html_or_csv(client, sign_in, db):
    home_area()
    run = RefreshRunFactory()
    indicator = IndicatorFactory(code="suppressed-one", breakdowns=["need"])
    # The stored 2024 value 37.77 (numerator 37.77) is suppressed: "37.8" and "37.77" must appear nowhere.
    series(run=run, indicator=indicator, values={"2023": "41.11", "2024": "37.77"}, suppressed=frozenset({"2024"}))
    FactFactory(
        run=run,
        indicator=indicator,
        period="2024",
        dimension="need",
        category="ASD",
        value=Decimal("37.77"),
        numerator=Decimal(3),
        denominator=Decimal("7.94"),
        suppressed=True,
    )
    FactFactory(
        run=run,
        indicator=indicator,
        period="2024",
        dimension="need",
        category="SLCN",
        value=Decimal("52.5"),
        numerator=Decimal(21),
        denominator=Decimal(40),
    )
    TargetFactory(indicator=indicator, period="2024", value=Decimal("90"))
    sign_in(Role.AREA_LEADER)
    urls = [
        reverse("outcomes:dashboard"),
        reverse("outcomes:dashboard-csv"),
        reverse("outcomes:indicator", args=[indicator.code]),
        reverse("outcomes:series-csv", args=[indicator.code]),
        reverse("outcomes:comparison-csv", args=[indicator.code]),
        reverse("outcomes:deep-dive", args=[indicator.code]) + "?dimension=need",
        reverse("outcomes:deep-dive-csv", args=[indicator.code]) + "?dimension=need",
    ]
    for url in urls:
        body = client.get(url).content.decode()
        for number in ("37.77", "37.8", "7.94", ">3<", ",3,"):
            assert number not in body, (url, number)
        assert "c" in body
    dashboard_row = _row(Page(client.get(reverse("outcomes:dashboard"))), "suppressed-one")
    # Not rated (a colour would hint at the hidden number) and no trend.
    assert (dashboard_row["rag"], dashboard_row["trend"]) == ("Not rated", "Not shown: a value is suppressed")
    assert dashboard_row["latest"].startswith("c (")
    deep = client.get(reverse("outcomes:deep-dive", args=[indicator.code]) + "?dimension=need").content.decode()
    assert "52.5%" in deep and ">21<" in deep and ">40<" in deep
    # Categories are named as the SEN2 code list names them, with the code beside.
    assert "Speech, language and communication needs (SLCN)" in deep and "Autistic spectrum disorder (ASD)" in deep


def test_the_indicator_page_table_matches_the_facts_and_links_plan_actions(client_request, sign_in, world):
    sign_in(Role.ACTION_OWNER)
    page = client_request.get(reverse("outcomes:indicator", args=[world["indicator"].code]))
    rows = [[text_of(cell) for cell in row.xpath("th|td")][:4] for row in page.all("//table[@id='series']/tbody/tr")]
    assert rows == [
        ["2022", "48.5%", "49.2%", "45.0%"],
        ["2023", "55.3%", "50.3%", "47.7%"],
        ["2024", "62.0%", "46.4%", "44.1%"],
    ]
    assert page.all("//table[@id='series']/tbody/tr/th[@scope='row']")  # each period heads its row
    chart = page.one("//svg[@role='img']")
    assert chart.xpath("title/@id") and chart.xpath("desc/@id")


# Every page: the session, the signed-in user and the two-factor device that verified the session (3); HTML pages
# also the layout's area name (1). Then:
PINNED = {
    # Read cold: the key (local area, run, indicators' and targets' values in one, neighbours), then, the tables not
    # being kept yet, local area, run, indicators, targets, neighbours, headline facts, councils' latest periods
    # (their facts when any has one), and the layout's local area. Once kept, only the key (test_dashboard_tables.py).
    "outcomes:dashboard": 3 + 4 + 7 + 1,
    "outcomes:dashboard-csv": 3 + 7,
    "outcomes:indicator": 3
    + 8
    + 1,  # indicator and owner, targets, plan measures, local area, run, neighbours, facts, councils (+1 likewise)
    "outcomes:series-csv": 3 + 7,
    "outcomes:comparison-csv": 3 + 7,
    "outcomes:deep-dive": 3 + 7 + 1,  # indicator, targets, local area, run, neighbours, the breakdown's periods, facts
    "outcomes:deep-dive-csv": 3 + 7,
    "outcomes:exceptions": 3 + 1 + 1,  # the reports with indicator and people
}
QUERY_PAGES = [
    "outcomes:dashboard",
    "outcomes:indicator",
    "outcomes:deep-dive",
    "outcomes:dashboard-csv",
    "outcomes:series-csv",
    "outcomes:comparison-csv",
    "outcomes:deep-dive-csv",
    "outcomes:exceptions",
]


def _grow(run, count: int) -> None:
    for n in range(count):
        indicator = IndicatorFactory(theme=f"Theme {n % 3}", breakdowns=["need"])
        for code in (HOME, ENGLAND, REGION):
            series(run=run, indicator=indicator, area_code=code, values={str(2015 + y): 40 + y for y in range(8)})
        TargetFactory(indicator=indicator, period="2022")
        ExceptionReport.objects.create(indicator=indicator, period="2022", owner=UserFactory(role=Role.ACTION_OWNER))


def _count(client, name: str, code: str) -> int:
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from sendboard.core.memo import memo_clear

    url = (
        reverse(name, args=[code])
        if name not in ("outcomes:dashboard", "outcomes:dashboard-csv", "outcomes:exceptions")
        else reverse(name)
    )
    cache.clear()  # the queries of a page read cold: the dashboard keeps its reads of a run's facts once made
    memo_clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200, url
    return len(queries)


def test_each_page_takes_the_same_queries_for_one_indicator_as_for_many(client, sign_in, world):
    sign_in(Role.AREA_LEADER)
    code = world["indicator"].code
    Indicator.objects.exclude(pk=world["indicator"].pk).delete()  # the shipped catalogue's: start from one indicator
    FactFactory(run=world["run"], indicator=world["indicator"], dimension="need", category="ASD")
    ExceptionReport.objects.create(
        indicator=world["indicator"], period="2024", owner=UserFactory(role=Role.ACTION_OWNER)
    )
    small = {name: _count(client, name, code) for name in QUERY_PAGES}
    _grow(world["run"], 12)
    for n in range(5):
        FactFactory(run=world["run"], indicator=world["indicator"], dimension="need", category=f"cat{n}")
    large = {name: _count(client, name, code) for name in QUERY_PAGES}
    assert small == large
    # Pinned: the session, user and two-factor device (3), then each page's own reads (see selectors.py).
    assert small == PINNED, small


def test_the_chart_is_an_image_with_a_description_and_leaves_out_a_suppressed_point(client, sign_in, world):
    series(run=world["run"], indicator=world["indicator"], values={"2025": "63.5"}, suppressed=frozenset({"2025"}))
    sign_in(Role.AREA_LEADER)
    response = client.get(reverse("outcomes:indicator", args=[world["indicator"].code]))
    svg = Page(response).one("//svg")
    assert (svg.get("role"), svg.get("aria-labelledby")) == (
        "img",
        "chart-new-plans-20-weeks-title chart-new-plans-20-weeks-desc",
    )
    assert "Worcestershire in 2025: not shown (suppressed)." in text_of(svg.xpath("desc")[0])
    # Worcestershire's circles: 2022, 2023, 2024 and the legend's; none for the suppressed 2025.
    assert len(svg.xpath(".//circle")) == 3 + 1
    assert "63.5" not in response.text


def _neighbours(*codes: str) -> None:
    from sendboard.statistics.models import StatisticalArea, StatisticalNeighbour

    home = StatisticalArea.objects.create(code=HOME, name="Worcestershire", level="la", region_code=REGION)
    for rank, code in enumerate(codes, start=1):
        neighbour = StatisticalArea.objects.create(code=code, name=f"Neighbour {rank}", level="la", region_code=REGION)
        StatisticalNeighbour.objects.create(area=home, neighbour=neighbour, rank=rank)


def test_the_dashboard_sets_each_figure_beside_its_neighbours_and_its_rank_among_councils(client, sign_in, world):
    run, indicator = world["run"], world["indicator"]
    _neighbours("E06000051", "E06000019", "E08000025")
    FactFactory(run=run, indicator=indicator, area_code="E06000051", value=Decimal("50"))
    FactFactory(run=run, indicator=indicator, area_code="E06000019", value=Decimal("60"))
    FactFactory(run=run, indicator=indicator, area_code="E08000025", value=None, suppressed=True)  # left out, not 0
    FactFactory(run=run, indicator=indicator, area_code="E09000001", value=Decimal("70"))  # a council, not a neighbour
    FactFactory(
        run=run,
        indicator=indicator,
        area_code="E06000051",
        period="2023",
        period_end=date(2023, 12, 31),
        value=Decimal("99"),
    )  # another period: not compared
    sign_in(Role.AREA_LEADER)
    row = _row(Page(client.get(reverse("outcomes:dashboard"))), indicator.code)
    # Neighbours with a 2024 value: 50 and 60, averaged 55.0%. Councils: 70, then Worcestershire's 62.0, 60, 50.
    assert row["neighbours"] == "55.0% (of 2)"
    assert row["standing"] == "2nd best of 4 councils (second quartile)"


def test_an_indicator_without_a_published_figure_says_so_and_why(client_request, sign_in, world):
    sign_in(Role.AREA_LEADER)
    page = client_request.get(reverse("outcomes:dashboard"))
    assert _row(page, "plan_audit_good_or_better")["no-comparator"] == (
        "No published figure: Plan audits are the area's own quality assurance: nothing comparable is published."
    )
    no_comparator = page.one("//tr[th[@data-indicator='plan_audit_good_or_better']]/td[@data-column='no-comparator']")
    assert no_comparator.get("colspan") == "4"
    assert "England only." in _row(page, "wait_over_18wk_audiology")["england-only"]


def test_the_indicator_page_shows_how_the_area_compares_and_a_reason_where_nothing_is_published(client, sign_in, world):
    run, indicator = world["run"], world["indicator"]
    _neighbours("E06000051")
    FactFactory(run=run, indicator=indicator, area_code="E06000051", value=Decimal("70"))
    sign_in(Role.AREA_LEADER)
    page = Page(client.get(reverse("outcomes:indicator", args=[indicator.code])))
    compares = {
        text_of(row.xpath("dt")[0]): text_of(row.xpath("dd")[0]) for row in page.all("//dl[@id='how-it-compares']/div")
    }
    assert compares["England"].startswith("46.4%") and compares["West Midlands"].startswith("44.1%")
    assert list(compares.values())[0] == "62.0%"
    assert compares["Statistical neighbours (average)"].startswith("70.0%, the average of 1 neighbour with a figure")
    assert compares["Among all councils"].startswith("2nd best of 2 councils")
    html = client.get(reverse("outcomes:indicator", args=["plan_audit_good_or_better"])).text
    assert "No published figure to compare with: Plan audits are the area" in html


def test_the_deep_dive_sorts_ages_in_age_order_beside_england_region_and_neighbours(client, sign_in, world):
    run, indicator = world["run"], world["indicator"]
    indicator.breakdowns = ["age"]
    indicator.save()
    _neighbours("E06000051", "E06000019")
    for category, value in [
        ("5-10", "20"),
        ("11-15", "30"),
        ("16-19", "40"),
        ("20-25", "50"),
        ("under_5", "10"),
        ("unknown", "5"),
    ]:
        FactFactory(run=run, indicator=indicator, dimension="age", category=category, value=Decimal(value))
    FactFactory(run=run, indicator=indicator, area_code=REGION, dimension="age", category="11-15", value=Decimal("33"))
    FactFactory(
        run=run, indicator=indicator, area_code="E06000051", dimension="age", category="11-15", value=Decimal("31")
    )
    FactFactory(
        run=run, indicator=indicator, area_code="E06000019", dimension="age", category="11-15", value=Decimal("35")
    )
    sign_in(Role.AREA_LEADER)
    page = Page(client.get(reverse("outcomes:deep-dive", args=[indicator.code]) + "?dimension=age&period=2024"))
    labels = page.texts("//table[@id='deep-dive']/tbody/tr/th[@scope='row']")
    assert labels == ["Under 5", "5 to 10", "11 to 15", "16 to 19", "20 to 25", "Not known", "All"]
    cells = page.texts("//table[@id='deep-dive']/tbody/tr[th='11 to 15']/td")
    heads = page.texts("//table[@id='deep-dive']/thead/tr/th")[-2:]
    assert heads[1] == "Statistical neighbours (average)"
    assert cells[-2:] == ["33.0%", "33.0%"]  # the region's 33, and the neighbours' (31+35)/2


def test_the_chart_legend_lists_only_the_series_that_have_lines(client, sign_in, world):
    from sendboard.outcomes.models import Fact

    Fact.objects.filter(area_code=ENGLAND).delete()
    sign_in(Role.AREA_LEADER)
    svg = Page(client.get(reverse("outcomes:indicator", args=[world["indicator"].code]))).one("//svg")
    legend = [text_of(text) for text in svg.iter("text")]
    assert "West Midlands" in legend and "Worcestershire" in legend
    assert "England" not in legend


def test_periods_read_one_way_and_a_rate_per_100_pupils_is_not_a_percentage(client, sign_in):
    from sendboard.outcomes.presenters import format_value, period_label

    assert period_label("2026-08", "month") == "August 2026"
    assert period_label("2024-25", "financial_year") == "2024-25"  # a financial year is not a month
    assert period_label("2024/25", "academic_year") == "2024/25" and period_label("2024", "calendar_year") == "2024"
    assert format_value(Decimal("7.62"), Indicator.Unit.RATE) == "7.6 per 100"
    home_area()
    run = RefreshRunFactory()
    waits = IndicatorFactory(code="waits", period_type="month")
    [
        FactFactory(run=run, indicator=waits, period=p, period_end=date(2026, int(p[5:]), 28), value=Decimal(v))
        for p, v in (("2026-07", "40"), ("2026-08", "42"))
    ]
    sign_in(Role.AREA_LEADER)
    row = _row(Page(client.get(reverse("outcomes:dashboard"))), "waits")
    assert row["latest"].endswith("(August 2026)") and row["trend"].startswith("↑ Up from 40.0% in July 2026")
    assert "2026-08" not in "".join(row.values())
    suspensions = Indicator.objects.get(code="suspension_rate")
    assert suspensions.unit == Indicator.Unit.RATE and suspensions.get_unit_display() == "rate per 100 pupils"


def test_money_per_head_reads_as_money_and_a_day_as_a_date(client, sign_in):
    from sendboard.outcomes.presenters import format_value, period_label

    assert format_value(Decimal("229.9438"), Indicator.Unit.POUNDS) == "£230"
    assert format_value(Decimal("1303.5"), Indicator.Unit.POUNDS) == "£1,304"
    assert format_value(Decimal("-12.2"), Indicator.Unit.POUNDS) == "-£12"
    assert period_label("2025-01-20", "snapshot") == "20 January 2025"
    home_area()
    run = RefreshRunFactory()
    spend = Indicator.objects.get(code="high_needs_spend_per_head")
    assert spend.get_unit_display() == "pounds per head"
    for area, value in ((HOME, "229.9438"), (ENGLAND, "303.1458"), (REGION, "302.0552")):
        FactFactory(
            run=run,
            indicator=spend,
            area_code=area,
            period="2021-22",
            period_end=date(2022, 3, 31),
            value=Decimal(value),
        )
    sign_in(Role.AREA_LEADER)
    row = _row(Page(client.get(reverse("outcomes:dashboard"))), spend.code)
    assert (row["latest"], row["england"], row["region"]) == ("£230 (2021-22)", "£303", "£302")
    assert "%" not in "".join(row.values())


def test_where_the_published_figures_end_earlier_the_rank_and_neighbours_are_those_of_their_latest_period(
    client, sign_in, world
):
    run, indicator = world["run"], world["indicator"]
    _neighbours("E06000051")
    series(run=run, indicator=indicator, values={"2025": "70"})  # the register runs a year beyond the published files
    FactFactory(run=run, indicator=indicator, area_code="E06000051", value=Decimal("50"))
    FactFactory(run=run, indicator=indicator, area_code="E09000001", value=Decimal("65"))
    sign_in(Role.AREA_LEADER)
    row = _row(Page(client.get(reverse("outcomes:dashboard"))), indicator.code)
    # 2024: Worcestershire 62.0 against 65 and 50.
    assert row["standing"] == "2nd best of 3 councils in 2024"
    assert row["neighbours"] == "50.0% (2024) (of 1)"
