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
    shown = {row.locator("th").inner_text().strip(): row.locator("td").first.inner_text().strip()
             for row in table.locator("tbody tr").all()}
    assert shown == {"Female": "8", "Male": "6", "All": "14"}
    with page.expect_download() as download:
        page.get_by_role("link", name="Download this table as CSV").click()

    # Then the CSV holds the same numbers as the table: the file's 8 girls and 6 boys, and 14 in all
    rows = list(csv.reader(io.StringIO(download.value.path().read_text(encoding="utf-8-sig"))))
    counts = {row[0]: row[1] for row in rows[1:] if len(row) > 1}
    assert {category: counts.get(category) for category in shown} == shown, rows
