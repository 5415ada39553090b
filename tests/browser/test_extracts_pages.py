"""Given the analysts' local extracts page, when it is opened in Chromium with files loaded and with the
layouts' details open, then it passes page quality and axe."""

from __future__ import annotations

import pytest

from sendboard.accounts.roles import Role
from sendboard.core.models import LocalArea
from sendboard.extracts.services import extract_import
from tests.browser.conftest import assert_accessible, visit_and_check
from tests.extracts.samples import SAMPLES, sample_file

pytestmark = pytest.mark.django_db(transaction=True)


def test_extracts_page(page, browser_sign_in, tmp_path):
    browser_sign_in(Role.ANALYST)
    LocalArea.objects.get_or_create(
        la_code="885",
        defaults={
            "name": "Worcestershire",
            "gss_code": "E10000034",
            "region_name": "West Midlands",
            "region_code": "E12000005",
        },
    )
    extract_import(kind="extract_census", path=sample_file(tmp_path, "extract_census"), filename="census.csv")
    extract_import(
        kind="extract_census",
        path=sample_file(tmp_path, "extract_census", SAMPLES["extract_census"][:1], name="c.csv"),
        filename="census-corrected.csv",
    )
    visit_and_check(page, "/extracts/")
    page.get_by_text("Columns and rules of the school census extract layout").click()
    assert_accessible(page)  # the same document, with one layout's details open
    assert page.get_by_role("table", name="Columns of the school census extract layout").is_visible()
