"""Journey: an analyst loads the council's SEN2 return, refreshes the outcomes facts and exports a deep dive of an
indicator as CSV. From the start page, by clicking and filling in forms only."""

from __future__ import annotations

import csv
import io

import pytest

from sendboard.accounts.roles import Role
from tests.browser.conftest import choose, field, follow, go_to_section, heading, press, start, wait_for_job
from tests.casework.helpers import team, worcestershire
from tests.returns.samples import person, write

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_analyst_loads_a_file_and_exports_a_deep_dive(page, browser_sign_in, tmp_path, settings, job_worker):
    settings.SENDBOARD_RETURNS_UPLOAD_DIR = str(tmp_path / "uploads")
    # Given an analyst of the council, and the council's SEN2 return: 14 requests made in 2023, by 8 girls and 6 boys
    analyst = browser_sign_in(Role.ANALYST)
    team(analyst.organisation, worcestershire())
    sen2 = write(tmp_path / "sen2-2025.xml", [person(n, sex="F" if n < 8 else "M") for n in range(14)])

    # When they go from the start page to load a data file, and load the return
    start(page)
    press(page, "Go to your work")
    go_to_section(page, "Data files")
    assert heading(page) == "Load a return or data file"
    page.get_by_label("SEN2 person-level return (XML)").check()
    field(page, "File").set_input_files(str(sen2))
    press(page, "Check the file")
    assert heading(page) == "Check the file before loading it"
    press(page, "Load this file")
    assert job_worker() == 1  # the job worker loads it
    wait_for_job(page, done="The file is loaded")

    # and refresh the outcomes facts from it
    go_to_section(page, "Outcomes")
    press(page, "Refresh the facts now")
    assert job_worker() == 1
    wait_for_job(page, done="Facts in force")
    follow(page, "Outcomes dashboard")

    # and look at requests for assessment by sex, and download that table
    follow(page, "Requests for an EHC needs assessment")
    follow(page, "By sex")
    assert heading(page) == "Requests for an EHC needs assessment by sex"
    choose(page, "Period", "2023")
    press(page, "Show")
    table = page.get_by_role("table", name="by sex", exact=False)
    shown = {
        row.locator("th").inner_text().strip(): row.locator("td").first.inner_text().strip()
        for row in table.locator("tbody tr").all()
    }
    assert shown == {"Female": "8", "Male": "6", "All": "14"}
    with page.expect_download() as download:
        page.get_by_role("link", name="Download this table as CSV").click()

    # Then the CSV holds the same numbers as the table: the file's 8 girls and 6 boys, and 14 in all
    rows = list(csv.reader(io.StringIO(download.value.path().read_text(encoding="utf-8-sig"))))
    counts = {row[0]: row[1] for row in rows[1:] if len(row) > 1}
    assert {category: counts.get(category) for category in shown} == shown, rows


def test_an_analyst_sets_a_month_s_target_and_reads_spend_per_head_as_money(page, browser_sign_in):
    from datetime import date
    from decimal import Decimal

    from sendboard.outcomes.models import Indicator, Target
    from tests.outcomes.fact_factories import ENGLAND, REGION, FactFactory, RefreshRunFactory, home_area

    # Given facts for a monthly waiting-list indicator and for high-needs spend per head (pounds per head)
    browser_sign_in(Role.ANALYST)
    home_area()
    run = RefreshRunFactory()
    waits = Indicator.objects.get(code="wait_over_18wk_speech_and_language")
    spend = Indicator.objects.get(code="high_needs_spend_per_head")
    for period, value in (("2026-07", "34.2"), ("2026-08", "36.2")):
        FactFactory(
            run=run, indicator=waits, period=period, period_end=date(2026, int(period[5:]), 28), value=Decimal(value)
        )
    for area, value in (("E10000034", "229.94"), (ENGLAND, "303.15"), (REGION, "302.06")):
        FactFactory(
            run=run,
            indicator=spend,
            area_code=area,
            period="2021-22",
            period_end=date(2022, 3, 31),
            value=Decimal(value),
        )

    # When they go from the start page to the outcomes dashboard
    start(page)
    press(page, "Go to your work")
    go_to_section(page, "Outcomes")
    assert heading(page) == "Outcomes dashboard"
    # Then spend per head reads as money beside England's and the region's, not as a percentage
    row = page.locator('tr:has(th[data-indicator="high_needs_spend_per_head"])')
    assert [row.locator(f'[data-column="{c}"]').inner_text().strip() for c in ("latest", "england", "region")] == [
        "£230 (2021-22)",
        "£303",
        "£302",
    ]

    # And when they set a target for August 2026, typing the month as the pages print it
    follow(page, "Children waiting more than 18 weeks: speech and language therapy")
    assert "August 2026" in page.locator("main").inner_text() and "2026-08" not in page.locator("main").inner_text()
    follow(page, "Set or change targets")
    field(page, "Period").fill("August 2026")
    field(page, "Target").fill("30")
    field(page, "Why this target").fill("The waiting list recovery plan")
    press(page, "Save target")
    # Then it is kept for that month and shown as "August 2026"
    assert "Target for August 2026 saved" in page.locator("body").inner_text()
    table = page.get_by_role("table").last.inner_text()
    assert "August 2026" in table and "2026-08" not in table
    assert Target.objects.get(indicator=waits).period == "2026-08"
