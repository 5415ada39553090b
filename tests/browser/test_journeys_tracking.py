"""Journeys through vulnerable learners, each from the start page by clicking: a school reports a part-time
timetable for a child with an EHC plan; the child's caseworker sees it on their home page and in their list; when
its review lapses, the team manager finds it on the weekly list and records the meeting's decision."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from sendboard.accounts.roles import Role
from sendboard.tracking.models import AreaContacts, PartTimeTimetable
from sendboard.tracking.services import escalations_run
from tests.browser.conftest import field, fill_date, follow, go_to_section, heading, press, start
from tests.casework.helpers import make_case, team, worcestershire
from tests.factories import OrganisationFactory, UserFactory
from tests.tracking.helpers import school

pytestmark = pytest.mark.django_db(transaction=True)


def column(page, caption: str, index: int) -> list[str]:
    table = page.get_by_role("table", name=caption)
    return [" ".join(cell.split()) for cell in table.locator(f"tbody tr td:nth-child({index})").all_inner_texts()]


def test_a_school_reports_a_part_time_timetable_that_reaches_the_caseworker_and_the_weekly_list(page, browser_sign_in):
    # Given a child with an EHC plan whose caseworker works the area, and a school
    today = timezone.localdate()
    council = OrganisationFactory(name="Worcestershire Children First")
    team(council, worcestershire())
    caseworker = UserFactory(role=Role.CASEWORKER, organisation=council)
    manager = UserFactory(role=Role.TEAM_MANAGER, organisation=council)
    AreaContacts.objects.create(local_area=worcestershire(), inclusion_lead=manager)
    child = make_case(caseworker=caseworker, active=True)
    browser_sign_in(user=UserFactory(role=Role.SETTING_USER, organisation=school()))

    # When the school goes from the start page to its reports and reports a part-time timetable
    start(page)
    press(page, "Go to your work")
    follow(page, "Report a part-time timetable, a removal from roll or a child not attending")
    assert heading(page) == "Report pupils to the council"
    follow(page, "Report a part-time timetable")
    field(page, "First name").fill("Ruby")
    field(page, "Last name").fill("Hartley")
    fill_date(page, "Date of birth", child.birth_date)
    field(page, "Unique pupil number").fill(child.upn)
    page.get_by_label("EHC plan", exact=True).check()
    fill_date(page, "Start date", today - timedelta(days=28))
    field(page, "Hours a week in education").fill("15")
    field(page, "Why the pupil is on a part-time timetable").fill("Anxiety: a phased return agreed with the family")
    fill_date(page, "Agreed review date", today - timedelta(days=7))
    page.get_by_role("group", name="Has the parent agreed to it?").get_by_label("Yes").check()
    press(page, "Report the part-time timetable")

    # Then the school sees it among its part-time timetables, its review date passed
    assert heading(page) == "Report pupils to the council"
    assert column(page, "Part-time timetables in place", 1) == ["Ruby Hartley – update the timetable"]

    # When the caseworker goes to their work
    browser_sign_in(user=caseworker)
    start(page)
    press(page, "Go to your work")
    follow(page, "1 Part-time timetables to check on your cases")

    # Then the timetable is theirs to check
    assert heading(page) == "Part-time timetables to check"
    assert column(page, "On your cases", 1) == ["Ruby Hartley – check the part-time timetable"]

    # When the daily escalation runs and the team manager goes to their work
    escalations_run(today=today)
    assert PartTimeTimetable.objects.get().escalated_on == today
    browser_sign_in(user=manager)
    start(page)
    press(page, "Go to your work")
    follow(page, "1 Part-time timetables past review, escalated to you")

    # Then the weekly list shows the child; the meeting's decision is recorded against them
    assert heading(page) == "The weekly list: children missing education"
    assert column(page, "Children on the list", 2)[0].startswith("Part-time timetable past its review date")
    follow(page, "Record a decision for Ruby Hartley")
    field(page, "Agreed action").fill("School to hold the review this week with the family and the caseworker")
    field(page, "Who will do it").fill("Head of inclusion, Riverside")
    fill_date(page, "Do it by", today + timedelta(days=7))
    press(page, "Record the decision")
    assert heading(page) == "The weekly list: children missing education"
    assert column(page, "Children on the list", 5)[0].startswith("School to hold the review this week")


def test_a_school_reports_a_removal_and_the_inclusion_team_finds_the_child(page, browser_sign_in):
    # Given a school and the area's team manager
    today = timezone.localdate()
    council = OrganisationFactory(name="Worcestershire Children First")
    team(council, worcestershire())
    manager = UserFactory(role=Role.TEAM_MANAGER, organisation=council)
    browser_sign_in(user=UserFactory(role=Role.SETTING_USER, organisation=school()))

    # When the school reports a pupil taken off roll whose destination it does not know
    start(page)
    go_to_section(page, "Report a pupil")
    follow(page, "Report a removal from roll")
    field(page, "First name").fill("Leon")
    field(page, "Last name").fill("Marsh")
    fill_date(page, "Date of birth", today.replace(year=today.year - 12))
    page.get_by_label("No special educational needs").check()
    page.get_by_label("Absent for 20 school days in a row", exact=False).check()
    fill_date(page, "Date the name was deleted from the admission register", today - timedelta(days=3))
    page.get_by_role("group", name="Do you know where the pupil has gone?").get_by_label("No").check()
    press(page, "Report the removal")
    assert column(page, "Removals from roll you reported", 4) == ["Not known"]

    # Then the team manager finds the child missing education, records an enquiry and closes the case where found
    browser_sign_in(user=manager)
    start(page)
    press(page, "Go to your work")
    follow(page, "Vulnerable learners: part-time timetables, removals and children missing education")
    follow(page, "Children missing education")
    assert column(page, "Open cases", 2) == ["Taken off roll with no known destination"]
    follow(page, "Leon Marsh")
    fill_date(page, "Date of the enquiry", today)
    field(page, "Who was asked").fill("GP practice")
    field(page, "What they said").fill("The family registered in Gloucester last week")
    press(page, "Record the enquiry")
    fill_date(page, "Date the child was found in education", today)
    field(page, "Where the child was found").fill("On roll at a school in Gloucestershire")
    press(page, "Close the case")
    assert heading(page) == "Child missing education"
    assert page.get_by_text("GP practice: The family registered in Gloucester last week", exact=False).is_visible()
    found = page.locator(".govuk-summary-list__row", has=page.locator("dt", has_text="Found")).locator("dd")
    assert found.inner_text().strip().endswith(": On roll at a school in Gloucestershire")
    # And the case's history keeps where the child was found.
    assert page.get_by_text("Where found: none → On roll at a school in Gloucestershire").is_visible()


def test_the_single_point_of_contact_records_a_child_placed_here_and_sees_the_late_notice(page, browser_sign_in):
    today = timezone.localdate()
    manager = browser_sign_in(Role.TEAM_MANAGER)
    team(manager.organisation, worcestershire())
    start(page)
    press(page, "Go to your work")
    follow(page, "Children placed in the area by other councils")
    press(page, "Record a child placed here")
    field(page, "First name").fill("Kai")
    field(page, "Last name").fill("Osei")
    fill_date(page, "Date of birth", today.replace(year=today.year - 13))
    field(page, "Placing council").fill("London Borough of Lambeth")
    field(page, "Named contact at the placing council").fill("Placements team")
    page.get_by_role("group", name="Is the child looked after?").get_by_label("Yes").check()
    page.get_by_role("group", name="Does the child have an EHC plan?").get_by_label("Yes").check()
    fill_date(page, "Date the placement began", today - timedelta(days=30))
    fill_date(page, "Date the placing council told us", today - timedelta(days=2))
    press(page, "Save")
    assert heading(page) == "Children placed in the area by other councils"
    assert column(page, "Children placed here", 4)[0].endswith("Late")


def test_the_inclusion_team_sees_the_ones_nobody_reported(page, browser_sign_in):
    from sendboard.extracts.models import Attendance
    from sendboard.returns.models import ImportedFile

    manager = browser_sign_in(Role.TEAM_MANAGER)
    area = worcestershire()
    team(manager.organisation, area)
    upload = ImportedFile.objects.create(kind="extract_attendance", filename="a.csv", sha256="a" * 64, size=1)
    Attendance.objects.create(
        imported_file=upload,
        local_area=area,
        upn="A123456789012",
        school_urn="300001",
        academic_year="2025/26",
        possible_sessions=200,
        absence_sessions=100,
    )
    start(page)
    press(page, "Go to your work")
    follow(page, "The ones nobody reported")
    assert column(page, "Pupils to check", 1) == ["A123456789012"]
    assert column(page, "Pupils to check", 3)[0].startswith("Missed 100 of 200 possible sessions (50%)")
