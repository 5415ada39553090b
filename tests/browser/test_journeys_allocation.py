"""Journey: a team manager, from the start page, allocates an open case nobody holds and moves the cases of a
caseworker who has left to two others; the caseworker who received the allocated case then finds it in "My
cases". Every page on the way passes page quality and axe."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from sendboard.accounts.roles import Role
from sendboard.casework.models import Child
from sendboard.casework.services import steps_refresh
from tests.browser.conftest import field, follow, heading, press, start
from tests.browser.test_journeys_casework import column, named_case
from tests.casework.helpers import team
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_team_manager_allocates_a_case_and_moves_a_leavers_cases(page, browser_sign_in):
    # Given a team with two caseworkers, one who has left holding two cases, and an open case nobody holds
    today = timezone.localdate()
    manager = browser_sign_in(Role.TEAM_MANAGER, first_name="Maya", last_name="Patel")
    team(manager.organisation)
    ann = UserFactory(role=Role.CASEWORKER, organisation=manager.organisation, first_name="Ann", last_name="Hughes")
    ben = UserFactory(role=Role.CASEWORKER, organisation=manager.organisation, first_name="Ben", last_name="Lowe")
    leo = UserFactory(
        role=Role.CASEWORKER, organisation=manager.organisation, first_name="Leo", last_name="Grant", is_active=False
    )
    waiting = named_case("Amelia", "Thorne", received=today - timedelta(days=20))
    held = [
        named_case("Zara", "Jessop", received=today - timedelta(days=30), caseworker=leo),
        named_case("Lily", "Northcott", received=today - timedelta(days=40), caseworker=leo),
    ]
    steps_refresh(child_ids=[waiting.id, *(child.id for child in held)], as_of=today)

    # When the manager goes from the start page to the caseloads, and to the open cases nobody holds
    start(page)
    press(page, "Go to your work")
    follow(page, "Caseloads: allocate and reassign cases")
    assert heading(page) == "Caseloads"
    follow(page, "1 open case is not allocated to anyone")
    assert heading(page) == "Open cases not allocated"
    assert column(page, "Children", 1) == ["Amelia Thorne"]

    # and allocate that case to Ann
    follow(page, "Allocate Amelia Thorne")
    assert heading(page) == "Allocate Amelia Thorne's case"
    page.get_by_label("Ann Hughes").check()
    press(page, "Allocate the case")

    # Then the list says so and no longer shows the case
    assert heading(page) == "Open cases not allocated"
    assert (
        page.locator(".govuk-notification-banner")
        .inner_text()
        .strip()
        .endswith("Amelia Thorne's case is allocated to Ann Hughes")
    )
    assert Child.objects.get(pk=waiting.pk).caseworker == ann

    # When they go back to the caseloads, where Leo is marked as having left, and move Leo's cases to Ann and Ben
    follow(page, "Back to caseloads")
    follow(page, "Reassign Leo Grant's cases")
    assert heading(page) == "Move someone's cases"
    assert field(page, "Whose cases are you moving?").input_value() == str(leo.pk)
    page.get_by_label("Ann Hughes").check()
    page.get_by_label("Ben Lowe").check()
    press(page, "Preview the move")

    # Then the preview shows one case to each, and nothing has moved yet
    assert heading(page) == "Check the move of Leo Grant's cases"
    assert column(page, "Where each case goes", 3) == ["Ann Hughes", "Ben Lowe"]
    assert Child.objects.filter(caseworker=leo).count() == 2

    # When they confirm
    press(page, "Confirm and move 2 cases")

    # Then the cases have moved, one each, and the caseloads show nobody who has left
    assert heading(page) == "Caseloads"
    assert (
        page.locator(".govuk-notification-banner")
        .inner_text()
        .strip()
        .endswith("2 cases moved from Leo Grant: 1 to Ann Hughes, 1 to Ben Lowe")
    )
    assert [Child.objects.get(pk=child.pk).caseworker for child in held] == [ann, ben]
    assert page.get_by_text("Has left the team").count() == 0

    # When Ann signs in and goes to her cases
    browser_sign_in(user=ann)
    start(page)
    press(page, "Go to your work")
    follow(page, "My cases: what is due and overdue")

    # Then the cases given to her today are listed as new, the latest first
    assert heading(page) == "My cases"
    assert column(page, "Cases allocated to you in the last 14 days", 1) == ["Zara Jessop", "Amelia Thorne"]
