"""Given lists longer than a page, when people work them in Chromium by clicking, then filters, paging, finding
a child, going back to a Local Offer search and refusing public text all pass page quality and axe."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from sendboard.accounts.roles import Role
from sendboard.casework.models import Child
from sendboard.casework.services import steps_refresh
from sendboard.plans import services as plan_services
from tests.browser.conftest import check_current_page, visit_and_check
from tests.casework.helpers import make_case, team

pytestmark = pytest.mark.django_db(transaction=True)


def _overdue_cases(caseworker, count: int) -> list[Child]:
    received = date.today() - timedelta(days=120)
    made = [
        make_case(
            received=received,
            decided=received + timedelta(days=50),
            outcome="Y",
            caseworker=caseworker,
            advice=[("HEALTH", "Community paediatrics", received + timedelta(days=51), None)],
        )
        for _ in range(count)
    ]
    steps_refresh(child_ids=[c.id for c in made], as_of=date.today())
    return made


def _apply_filters(page, choices: dict[str, str]) -> None:
    for label, value in choices.items():
        page.get_by_label(label).select_option(value)
    _click(page, "button", "Apply filters")


def _click(page, role: str, name: str) -> None:
    """Click, and check the page the click leads to (not the one it leaves)."""
    with page.expect_navigation():
        page.get_by_role(role, name=name).click()
    check_current_page(page)


def test_a_caseworker_filters_pages_and_finds_a_child_by_clicking(page, browser_sign_in):
    user = browser_sign_in(Role.CASEWORKER)
    team(user.organisation)
    children = _overdue_cases(user, 52)
    Child.objects.filter(pk=children[0].pk).update(forename="Amira", surname="Khan")
    visit_and_check(page, "/casework/")
    _apply_filters(page, {"Show": "overdue", "Sort by": "child"})
    assert "status=overdue" in page.url and "sort=child" in page.url
    _click(page, "link", "Next page")
    assert "status=overdue" in page.url and "page=2" in page.url
    _click(page, "link", "Find a child")
    _click(page, "button", "Search")
    assert page.title().startswith("Error: Find a child")
    page.get_by_label("Name, date of birth or unique pupil number").fill("amira kh")
    _click(page, "button", "Search")
    assert page.url.endswith("/casework/children/")  # the name never reaches the address
    _click(page, "link", "Amira Khan")
    assert page.title().startswith("Amira Khan")


def test_a_team_manager_reviews_last_quarters_missed_timescales(page, browser_sign_in):
    user = browser_sign_in(Role.TEAM_MANAGER)
    team(user.organisation)
    _overdue_cases(None, 30)
    visit_and_check(page, "/casework/team/")
    _apply_filters(page, {"Due in": "last_12_months", "Missed timescales to list": "unexplained"})
    assert "period=last_12_months" in page.url and "status=unexplained" in page.url


def test_a_family_goes_back_from_a_service_to_the_same_search(page):
    from tests.localoffer.factories import DirectoryBuilder

    directory = DirectoryBuilder()
    directory.service("Autism club", needs=("ASD",), description="Saturday club.")
    directory.service("Far autism club", needs=("ASD",), postcode="WR14 2AB", latitude=52.1120, longitude=-2.3250)
    visit_and_check(page, "/local-offer/services/")
    page.get_by_label("Search for").fill("autistic")
    page.get_by_label("Postcode").fill("WR5 2NP")
    _apply_filters(page, {"Distance": "10"})
    results = page.locator(".sendboard-result")
    assert results.count() == 2 and "Less than 0.1 miles away" in results.nth(0).inner_text()
    _click(page, "link", "Far autism club")
    _click(page, "link", "Find other services")
    assert page.get_by_label("Search for").input_value() == "autistic"
    assert page.get_by_label("Postcode").input_value() == "WR5 2NP"


def test_an_approver_refuses_public_text_with_a_reason(page, browser_sign_in):
    leader = browser_sign_in(Role.AREA_LEADER)
    inspection = plan_services.inspection_create(
        user=leader, framework="2016", kind="full", title="Inspection", outcome="wsoa_required"
    )
    plan_services.finding_create(
        user=leader,
        inspection=inspection,
        kind="significant_weakness",
        reference="a",
        text="The local offer was poor",
        plain_english="Riverside School's website was poor",
    )
    visit_and_check(page, "/plans/publication/")
    _click(page, "button", "Do not approve finding a")
    assert page.title().startswith("Error: Approve text")
    page.get_by_label("Why it cannot be published").fill("It names a school")
    _click(page, "button", "Do not approve finding a")
    assert page.get_by_text("Nothing waiting.").count() == 3


def test_a_caseworkers_lists_fit_a_phone(page, browser_sign_in):
    user = browser_sign_in(Role.CASEWORKER)
    team(user.organisation)
    _overdue_cases(user, 3)
    page.set_viewport_size({"width": 375, "height": 800})
    visit_and_check(page, "/casework/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.goto("/casework/children/")
    page.get_by_label("Name, date of birth or unique pupil number").fill("child")
    _click(page, "button", "Search")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
