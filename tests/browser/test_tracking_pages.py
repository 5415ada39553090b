"""Given vulnerable learners' pages, when they are opened in Chromium, then each passes page quality and axe, forms
included in their error state."""

from __future__ import annotations

from datetime import date

import pytest

from sendboard.accounts.roles import Role
from sendboard.tracking.models import CaseworkerTask, MissingEducationCase, NonAttendance, PlacedChild
from tests.browser.conftest import check_current_page, visit_and_check
from tests.casework.helpers import team, worcestershire
from tests.tracking.helpers import school, timetable

pytestmark = pytest.mark.django_db(transaction=True)


def _press(page, button: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=button, exact=True).click()
    check_current_page(page)
    assert page.title().startswith("Error: ")


def test_the_settings_portal_pages(page, browser_sign_in):
    worcestershire()
    user = browser_sign_in(Role.SETTING_USER, organisation=school())
    record = timetable(setting=user.organisation, review=date(2025, 1, 6))
    NonAttendance.objects.create(
        local_area=record.local_area,
        setting=user.organisation,
        school_urn="300001",
        forename="Jo",
        surname="Absent",
        birth_date=date(2016, 1, 1),
        sen_provision="N",
        since=date(2025, 1, 5),
    )
    visit_and_check(page, "/tracking/setting/")
    for path, button in (
        ("/tracking/setting/part-time-timetables/new/", "Report the part-time timetable"),
        ("/tracking/setting/removals/new/", "Report the removal"),
        ("/tracking/setting/not-attending/new/", "Report the child"),
    ):
        visit_and_check(page, path)
        _press(page, button)
    visit_and_check(page, f"/tracking/setting/part-time-timetables/{record.public_id}/")


def test_the_area_pages(page, browser_sign_in):
    user = browser_sign_in(Role.TEAM_MANAGER)
    area = worcestershire()
    team(user.organisation, area)
    record = timetable(setting=school(), review=date(2025, 1, 6), sen="E")
    task = CaseworkerTask.objects.create(timetable=record, assigned_to=user, due_date=date(2025, 1, 13))
    case = MissingEducationCase.objects.create(
        local_area=area,
        source="referral",
        forename="Sam",
        surname="Lost",
        birth_date=date(2013, 2, 1),
        sen_provision="K",
        opened_on=date(2025, 12, 1),
    )
    placed = PlacedChild.objects.create(
        local_area=area,
        forename="Ali",
        surname="Placed",
        birth_date=date(2012, 4, 4),
        placing_council="London Borough of Lambeth",
        placing_contact="Pat",
        looked_after=True,
        has_plan=True,
        placed_on=date(2025, 11, 3),
        next_review=date(2025, 12, 1),
    )
    for path in (
        "/tracking/",
        "/tracking/contacts/",
        "/tracking/tasks/",
        f"/tracking/tasks/{task.public_id}/",
        "/tracking/weekly-list/",
        "/tracking/missing-education/",
        "/tracking/placed/",
        "/tracking/unreported/",
    ):
        visit_and_check(page, path)
    for path, button in (
        (f"/tracking/weekly-list/case/{case.public_id}/decision/", "Record the decision"),
        (f"/tracking/weekly-list/timetable/{record.public_id}/decision/", "Record the decision"),
        ("/tracking/missing-education/new/", "Open the case"),
        (f"/tracking/missing-education/{case.public_id}/", "Record the enquiry"),
        (f"/tracking/missing-education/{case.public_id}/", "Close the case"),
        ("/tracking/placed/new/", "Save"),
    ):
        visit_and_check(page, path)
        if button == "Record the decision":
            page.get_by_label("Day").first.fill("")  # the meeting's date starts as today's
        _press(page, button)
    visit_and_check(page, f"/tracking/placed/{placed.public_id}/")
    visit_and_check(page, f"/tracking/tasks/{task.public_id}/")
    _press(page, "Record the check")
