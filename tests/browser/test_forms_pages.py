"""Given the pages the forms work touched, when they are opened in Chromium, then they pass page quality and axe;
a long unbroken word wraps on a phone instead of widening the page (usability review, December 2026: a
50,000-character update made the action page 475,181 px wide); the second of two editors is shown, in the
browser, what changed."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine

from sendboard.accounts.roles import Role
from sendboard.plans import services
from tests.browser.conftest import check_current_page, visit_and_check
from tests.plans.conftest import leader, small_plan  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def plan(small_plan):  # noqa: F811
    return small_plan


def test_a_long_unbroken_word_wraps_on_a_phone(page, browser_sign_in, plan):
    me = browser_sign_in(Role.AREA_LEADER)
    with time_machine.travel(date(2026, 12, 5), tick=True):
        services.progress_update_record(user=me, action=plan["action"], day=date(2026, 11, 2), summary="w" * 4_999)
    page.set_viewport_size({"width": 375, "height": 800})
    visit_and_check(page, f"/plans/actions/{plan['action'].pk}/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375


def test_closing_a_plan_and_the_edit_conflict_pages_are_accessible(page, browser_sign_in, plan):
    me = browser_sign_in(Role.AREA_LEADER)
    visit_and_check(page, f"/plans/{plan['plan'].pk}/")
    page.get_by_role("button", name="Close the plan").click()
    check_current_page(page)
    visit_and_check(page, f"/plans/actions/{plan['action'].pk}/edit/")
    services.action_update(user=me, action=plan["action"], title="Changed by a colleague")
    page.fill("#id_title", "My own title")
    page.get_by_role("button", name="Save changes").click()
    check_current_page(page)
    assert "It now says: “Changed by a colleague”" in page.content() and page.input_value("#id_title") == "My own title"
    visit_and_check(
        page, f"/plans/{plan['plan'].pk}/board-pack/?period_end-day=31&period_end-month=11&period_end-year=2026"
    )
