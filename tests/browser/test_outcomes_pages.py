"""Given indicators with facts, targets and an exception report, when each outcomes page is opened in Chromium
in the role that uses it, then it passes page quality and axe; forms also in their error state."""

from decimal import Decimal

import pytest
from django.conf import settings
from django.test import Client

from sendboard.accounts.roles import Role
from sendboard.outcomes.exceptions import exceptions_raise
from sendboard.outcomes.models import ExceptionReport
from sendboard.plans import services as plan_services
from tests.browser.conftest import check_current_page, visit_and_check
from tests.factories import UserFactory
from tests.outcomes.fact_factories import (
    ENGLAND,
    REGION,
    FactFactory,
    IndicatorFactory,
    RefreshRunFactory,
    TargetFactory,
    home_area,
    series,
)
from tests.sessions import force_login_verified

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def outcomes(db):
    home_area()
    owner = UserFactory(role=Role.ACTION_OWNER)
    run = RefreshRunFactory(
        inputs={"files": [{"kind": "sen2", "id": 1, "sha256": "ab", "name": "sen2_2025.xml"}], "rows": {"request": 120}}
    )
    on_time = IndicatorFactory(
        code="on-time", title="New EHC plans issued within 20 weeks", owner=owner, breakdowns=["need", "sex"]
    )
    waits = IndicatorFactory(
        code="waits",
        title="Children waiting for speech and language therapy",
        theme="Health",
        unit="count",
        polarity="lower",
    )
    for indicator, values in (
        (on_time, {"2022": "48.5", "2023": "55.2", "2024": "50.1"}),
        (waits, {"2022": "210", "2023": "190", "2024": "4"}),
    ):
        series(
            run=run,
            indicator=indicator,
            values=values,
            suppressed=frozenset({"2024"}) if indicator is waits else frozenset(),
        )
        series(run=run, indicator=indicator, area_code=ENGLAND, values={"2022": "49.2", "2023": "50.3", "2024": "46.4"})
        series(run=run, indicator=indicator, area_code=REGION, values={"2023": "47.7", "2024": "44.1"})
    TargetFactory(indicator=on_time, period="2024", value=Decimal(65))
    for category, value, hidden in (("ASD", "52.5", False), ("SEMH", "3", True), ("SLCN", "61", False)):
        FactFactory(
            run=run,
            indicator=on_time,
            dimension="need",
            category=category,
            value=Decimal(value),
            numerator=Decimal(21),
            denominator=Decimal(40),
            suppressed=hidden,
        )
    exceptions_raise(run=run)
    return {"owner": owner, "run": run, "report": ExceptionReport.objects.get()}


def _sign_in_as(page, live_server, user) -> None:
    client = Client()
    force_login_verified(client, user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


def test_dashboard_indicator_deep_dive_and_exception_pages_for_an_area_leader(page, browser_sign_in, outcomes):
    browser_sign_in(Role.AREA_LEADER)
    for path in [
        "/outcomes/",
        "/outcomes/indicators/on-time/",
        "/outcomes/indicators/waits/",
        "/outcomes/indicators/on-time/?compare=E06000019",
        "/outcomes/indicators/on-time/deep-dive/?dimension=need",
        "/outcomes/indicators/on-time/deep-dive/?dimension=sex",
        "/outcomes/exceptions/",
        f"/outcomes/exceptions/{outcomes['report'].pk}/",
        f"/outcomes/refresh/{outcomes['run'].pk}/",
    ]:
        visit_and_check(page, path)
    page.goto("/outcomes/indicators/on-time/?compare=nonsense")
    check_current_page(page)
    assert page.title().startswith("Error: ")
    page.goto(f"/outcomes/exceptions/{outcomes['report'].pk}/")
    page.get_by_role("button", name="Save commentary").click()
    check_current_page(page)
    assert page.title().startswith("Error: ")


def test_the_owner_comments_and_the_board_pack_shows_it(page, live_server, outcomes):
    _sign_in_as(page, live_server, outcomes["owner"])
    visit_and_check(page, "/outcomes/exceptions/")
    page.goto(f"/outcomes/exceptions/{outcomes['report'].pk}/")
    page.get_by_label("Commentary").fill("Two caseworker posts were vacant until March")
    page.get_by_role("button", name="Save commentary").click()
    check_current_page(page)
    leader = UserFactory(role=Role.AREA_LEADER)
    inspection = plan_services.inspection_create(
        user=leader, framework="2023", kind="full", title="Inspection", outcome=""
    )
    plan = plan_services.plan_create(
        user=leader, inspection=inspection, kind="priority_action_plan", title="Plan", status="active"
    )
    _sign_in_as(page, live_server, leader)
    visit_and_check(page, f"/plans/{plan.pk}/board-pack/?period_end=2026-02-28")
    assert "Two caseworker posts were vacant until March" in page.content()


def test_analyst_pages_to_manage_indicators(page, browser_sign_in, outcomes):
    browser_sign_in(Role.ANALYST)
    for path in ["/outcomes/", "/outcomes/indicators/on-time/targets/", "/outcomes/indicators/on-time/owner/"]:
        visit_and_check(page, path)
    page.goto("/outcomes/indicators/on-time/targets/")
    page.get_by_label("Period").fill("twenty")
    page.get_by_role("button", name="Save target").click()
    check_current_page(page)
    assert page.title().startswith("Error: ")


def test_on_a_phone_the_outcomes_pages_are_no_wider_than_the_screen(page, browser_sign_in, live_server, outcomes):
    browser_sign_in(Role.AREA_LEADER)
    page.set_viewport_size({"width": 375, "height": 800})
    for path in [
        "/outcomes/",
        "/outcomes/indicators/on-time/",
        "/outcomes/indicators/on-time/deep-dive/?dimension=need",
    ]:
        page.goto(live_server.url + path)
        # Wide tables scroll inside their own focusable box; the page itself does not scroll sideways.
        assert page.evaluate("document.documentElement.scrollWidth") <= 375, path
        check_current_page(page)
