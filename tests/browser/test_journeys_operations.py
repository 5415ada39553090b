"""Journeys for running sendboard, from the start page by clicking: an administrator checks which version and
data release are running and whether every health check passes; a team manager answers a subject access
request by exporting everything about one child, with a reason."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date

import pytest

from sendboard.accounts.roles import Role
from sendboard.audit.models import AuditEvent
from sendboard.core.operations import published_data_release, version
from tests.browser.conftest import check_page, field, follow, heading, press, start
from tests.casework.helpers import make_case, team

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_administrator_checks_the_version_data_release_and_health(page, browser_sign_in):
    browser_sign_in(Role.ADMINISTRATOR)
    start(page)
    press(page, "Go to your work")
    follow(page, "Running sendboard: version, data release and health")
    assert heading(page) == "Running sendboard"
    main = page.locator("main").inner_text()
    assert version().number in main and published_data_release().fingerprint in main
    health = page.get_by_role("table", name="Health checks")
    assert health.locator("tbody tr").count() == 3
    assert health.get_by_text("Not working").count() == 0
    assert (
        "31 years from the child's date of birth" in page.get_by_role("table", name="Retention schedule").inner_text()
    )


def test_a_team_manager_exports_a_childs_records_for_a_subject_access_request(page, browser_sign_in):
    manager = browser_sign_in(Role.TEAM_MANAGER)
    team(manager.organisation)
    child = make_case(born=date(2011, 6, 1), received=date(2025, 1, 6))
    child.forename, child.surname = "Noor", "Halloway"
    child.save(update_fields=["forename", "surname"])

    start(page)
    press(page, "Go to your work")
    follow(page, "Find a child")
    field(page, "Name, date of birth or unique pupil number").fill("Noor Halloway")
    press(page, "Search")
    follow(page, "Noor Halloway")
    follow(page, "Export everything about this child for a subject access request")
    assert heading(page) == "Export everything about this child"

    # Without a reason, the page says what is missing
    press(page, "Download the export")
    assert "Enter why you are exporting this record" in page.locator(".govuk-error-summary").inner_text()

    field(page, "Why are you exporting this record?").fill("Subject access request from Noor, received 1 December")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the export", exact=True).click()
    bundle = zipfile.ZipFile(io.BytesIO(open(download.value.path(), "rb").read()))
    records = json.loads(bundle.read("records.json"))
    assert records["Child or young person"][0]["surname"] == "Halloway"
    check_page(page)
    assert AuditEvent.objects.filter(user=manager, detail__contains="Subject access export").count() == 1
