"""Journey: a SEND team manager downloads the council's SEN2 return for the January 2026 collection, from the
start page by clicking and filling in the form only: the background worker makes the file and the page offers it
when ready; the file is one the collection's (patched public) schema accepts."""

from __future__ import annotations

from datetime import date

import pytest
from lxml import etree

from sendboard.accounts.roles import Role
from sendboard.returns.framework import file_import
from sendboard.returns.sen2.importer import Sen2Importer
from tests.browser.conftest import fill_date, follow, heading, press, start
from tests.casework.helpers import team, worcestershire
from tests.returns.samples import person, write
from tests.returns.test_sen2_public import schema

pytestmark = pytest.mark.django_db(transaction=True)


def answer(page, question: str, option: str) -> None:
    page.get_by_role("group", name=question).get_by_label(option, exact=True).check()


def test_a_team_manager_downloads_the_sen2_return_for_a_collection(page, browser_sign_in, tmp_path, job_worker):
    # Given the council's register of three children, and a team manager of the council
    area = worcestershire()
    path = write(tmp_path / "register.xml", [person(n) for n in range(1, 4)])
    assert file_import(importer=Sen2Importer(), path=path, filename=path.name).loaded
    manager = browser_sign_in(Role.TEAM_MANAGER)
    team(manager.organisation, area)

    # When they go from the start page to the export, choose the 2026 collection and its census day
    start(page)
    press(page, "Go to your work")
    follow(page, "Export the register as a SEN2 return")
    assert heading(page) == "Export the register as a SEN2 return"
    answer(page, "Which collection is the file for?", "The January 2026 collection")
    fill_date(page, "Reference date", date(2026, 1, 15))
    answer(page, "Does the area have a Designated Medical Officer?", "Yes")
    answer(page, "Does the area have a Designated Clinical Officer?", "Recruitment in progress")
    # and forget the question the 2026 collection adds
    press(page, "Make the SEN2 file")
    assert (
        page.get_by_role("alert")
        .get_by_text("Select whether the area has a Designated Social Care Officer: the 2026 collection asks")
        .is_visible()
    )
    assert (
        page.get_by_role("group", name="Does the area have a Designated Clinical Officer?")
        .get_by_label("Recruitment in progress", exact=True)
        .is_checked()
    )  # what they chose is kept
    answer(page, "Does the area have a Designated Social Care Officer?", "No")
    press(page, "Make the SEN2 file")
    # the background worker makes the file while the page waits for it
    assert heading(page) == "Making the SEN2 file"
    assert job_worker() == 1
    follow(page, "Refresh now")
    assert heading(page) == "Your SEN2 file is ready"
    with page.expect_download() as download:
        page.get_by_role("button", name="Download sen2-885-2026-001.xml", exact=True).click()

    # Then the file is the 2026 return, with only the collection's items, valid against its schema
    body = download.value.path().read_bytes()
    assert download.value.suggested_filename == "sen2-885-2026-001.xml"
    for item in (
        b"<Year>2026</Year>",
        b"<ReferenceDate>2026-01-15</ReferenceDate>",
        b"<DMO>Y</DMO>",
        b"<DCO>R</DCO>",
        b"<DSCO>N</DSCO>",
        b"<SerialNo>001</SerialNo>",
    ):
        assert item in body, item
    assert body.count(b"<Person>") == 3 and b"sb:" not in body
    xml_schema = schema(2026)
    assert xml_schema.validate(etree.fromstring(body)), list(xml_schema.error_log)
