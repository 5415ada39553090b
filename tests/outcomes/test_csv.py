"""CSV export of every view: the files parse, hold the page's numbers, write suppressed cells as "c", and
never let a spreadsheet run a cell as a formula."""

import csv
import io
import re
from decimal import Decimal

import html5lib
import pytest
from django.urls import reverse

from sendboard.accounts.roles import Role
from sendboard.outcomes.csv_export import csv_safe, csv_text
from sendboard.statistics.models import StatisticalArea, StatisticalNeighbour
from tests.outcomes.fact_factories import (
    ENGLAND,
    REGION,
    FactFactory,
    IndicatorFactory,
    RefreshRunFactory,
    TargetFactory,
    home_area,
    series,
)

pytestmark = pytest.mark.django_db


def _csv(response) -> list[list[str]]:
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    return rows[: rows.index([])] if [] in rows else rows


def _html_table(html: str, table_id: str) -> list[list[str]]:
    document = html5lib.parse(html, namespaceHTMLElements=False)
    table = next(t for t in document.iter("table") if t.get("id") == table_id)
    return [
        [" ".join("".join(cell.itertext()).split()) for cell in row if cell.tag in ("td", "th")]
        for row in table.iter("tr")
    ][1:]


def _number(text: str) -> str:
    """A page cell as a CSV cell: no thousands separators or per cent sign; "c" and "–" as they are."""
    return "" if text == "–" else re.sub(r"[,%]", "", text)


@pytest.fixture
def world(db):
    area = home_area()
    run = RefreshRunFactory()
    indicator = IndicatorFactory(
        code="waits", title='=HYPERLINK("http://evil.example")', unit="count", polarity="lower", breakdowns=["sex"]
    )
    series(
        run=run,
        indicator=indicator,
        values={"2022": "1234", "2023": "1500", "2024": "4"},
        suppressed=frozenset({"2024"}),
    )
    series(run=run, indicator=indicator, area_code=ENGLAND, values={"2023": "98765", "2024": "99001"})
    series(run=run, indicator=indicator, area_code=REGION, values={"2024": "8000"})
    TargetFactory(indicator=indicator, period="2023", value=Decimal(1400))
    for category, value, suppressed in (("F", "3", True), ("M", "1", True), ("Not known", "1497", False)):
        FactFactory(
            run=run,
            indicator=indicator,
            period="2023",
            dimension="sex",
            category=category,
            value=Decimal(value),
            numerator=Decimal(value),
            denominator=Decimal(1500),
            suppressed=suppressed,
        )
    england = StatisticalArea.objects.create(code=area.gss_code, name="Worcestershire", level="la", region_code=REGION)
    neighbour = StatisticalArea.objects.create(code="E10000031", name="Warwickshire", level="la", region_code=REGION)
    StatisticalNeighbour.objects.create(area=england, neighbour=neighbour, rank=1)
    series(run=run, indicator=indicator, area_code="E10000031", values={"2024": "700"})
    return indicator


def test_the_series_csv_matches_the_page_table(client, sign_in, world):
    sign_in(Role.ANALYST)
    page = client.get(reverse("outcomes:indicator", args=[world.code])).text
    table = _html_table(page, "series")
    rows = _csv(client.get(reverse("outcomes:series-csv", args=[world.code])))
    assert rows[0] == ["Period", "Home area", "England", "Region", "Target", "RAG"]
    assert [row[:5] for row in rows[1:]] == [[cells[0], *[_number(c) for c in cells[1:5]]] for cells in table]
    # 2023: 1,500 against a target of 1,400, lower is better: over by 100, more than 5% of 1,400 (70), so red.
    assert rows[1:] == [
        ["2022", "1234", "", "", "", ""],
        ["2023", "1500", "98765", "", "1400", "Red"],
        ["2024", "c", "99001", "8000", "", ""],
    ]


def test_the_comparison_csv_matches_the_page_and_includes_neighbours_and_chosen_councils(client, sign_in, world):
    sign_in(Role.AREA_LEADER)
    FactFactory(run=world.facts.first().run, indicator=world, area_code="E06000019", period="2024", value=Decimal(650))
    StatisticalArea.objects.create(code="E06000019", name="Herefordshire", level="la", region_code=REGION)
    query = "?compare=E06000019"
    table = _html_table(client.get(reverse("outcomes:indicator", args=[world.code]) + query).text, "comparison")
    rows = _csv(client.get(reverse("outcomes:comparison-csv", args=[world.code]) + query))
    assert [[row[1], row[2], row[3] or "–", row[4]] for row in rows[1:]] == [
        [c[0], c[1], c[2], _number(c[3])] for c in table
    ]
    assert [row[2] for row in rows[1:]] == [
        "Home area",
        "England",
        "Region",
        "Statistical neighbour 1",
        "Chosen for comparison",
    ]
    assert [row[4] for row in rows[1:]] == ["c", "99001", "8000", "700", "650"]


def test_the_deep_dive_csv_matches_the_page_and_writes_suppressed_cells_as_c(client, sign_in, world):
    sign_in(Role.AREA_LEADER)
    query = "?dimension=sex&period=2023"
    page = client.get(reverse("outcomes:deep-dive", args=[world.code]) + query).text
    table = _html_table(page, "deep-dive")
    response = client.get(reverse("outcomes:deep-dive-csv", args=[world.code]) + query)
    rows = _csv(response)
    assert rows[1:] == [[cells[0], *[_number(c) for c in cells[1:]]] for cells in table]
    assert rows[1:] == [
        ["F", "c", "c", "c", "", "", ""],
        ["M", "c", "c", "c", "", "", ""],
        ["Not known", "1497", "1500", "1497", "", "", ""],
        ["All", "1500", "100", "1500", "98765", "", ""],
    ]
    assert "c: not shown, to protect confidentiality" in response.content.decode("utf-8-sig")


def test_the_dashboard_csv_matches_the_dashboard(client, sign_in, world):
    sign_in(Role.AREA_LEADER)
    page = client.get(reverse("outcomes:dashboard")).text
    rows = _csv(client.get(reverse("outcomes:dashboard-csv")))
    ours = next(row for row in rows if row[1].endswith('HYPERLINK("http://evil.example")'))
    assert ours[1].startswith("'="), "a title a spreadsheet would run is written as text"
    assert dict(zip(rows[0], ours, strict=True)) | {"Indicator": ""} == {
        "Theme": "Assessment and plans",
        "Indicator": "",
        "Unit": "number",
        "Period": "2024",
        "Value": "c",
        "Trend": "Not shown: a value is suppressed",
        "Target": "",
        "RAG": "",
        "England": "99001",
        "England period": "2024",
        "Region": "8000",
        "Region period": "2024",
        "Statistical neighbours (average)": "700",
        "Neighbours with a value": "1",
        "Rank among councils": "",
        "Councils ranked": "",
        "No published comparator": "",
    }  # its own value is suppressed: not ranked
    assert "99,001" in page and "8,000" in page


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+2", "'=1+2"),
        ("+44 1905", "'+44 1905"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("-A1", "'-A1"),
        ("\tx", "'\tx"),
        ("-12.5", "-12.5"),
        ("12", "12"),
        ("Worcestershire", "Worcestershire"),
        (None, ""),
    ],
)
def test_cells_a_spreadsheet_would_run_are_written_as_text(value, expected):
    assert csv_safe(value) == expected
    assert list(csv.reader(io.StringIO(csv_text(["Heading"], [[value]]))))[1] == [expected]
