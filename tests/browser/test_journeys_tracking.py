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
from tests.browser.conftest import field, fill_date, follow, heading, press, start
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
