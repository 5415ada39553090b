"""Given advice requests, when the advice pages are opened in Chromium, then they pass page quality and axe,
forms included in their error state."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from sendboard.accounts.models import Organisation
from sendboard.accounts.roles import Role
from sendboard.advice.services import advice_request_forward
from tests.advice.helpers import asked, professional, trust, under_assessment
from tests.browser.conftest import check_current_page, visit_and_check
from tests.casework.helpers import team, worcestershire
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_professionals_pages(page, browser_sign_in):
    organisation = trust()
    browser_sign_in(Role.HEALTH_SOCIAL_CARE, organisation=organisation)
    today = date.today()
    advice = asked(under_assessment(forename="Ava", surname="Stone"), organisation, on=today - timedelta(days=50))
    asked(under_assessment(forename="Ben", surname="Hale"), organisation, on=today - timedelta(days=3))
    for path in ("/", "/home/", "/advice/", "/advice/answered/", f"/advice/requests/{advice.public_id}/"):
        visit_and_check(page, path)
    for path, button in (
        (f"/advice/requests/{advice.public_id}/return/", "Return the advice"),
        (f"/advice/requests/{advice.public_id}/decline/", "Decline the request"),
        (f"/advice/requests/{advice.public_id}/forward/", "Forward the request"),
    ):
        visit_and_check(page, path)
        with page.expect_navigation():
            page.get_by_role("button", name=button).click()
        check_current_page(page)
        assert page.locator(".govuk-error-summary").is_visible()


def test_a_caseworkers_ask_page(page, browser_sign_in):
    user = browser_sign_in(Role.CASEWORKER)
    team(user.organisation)
    camhs = professional(trust())
    child = under_assessment(caseworker=user)
    ep = OrganisationFactory(name="Educational Psychology Service")
    advice_request_forward(
        user=professional(ep),
        advice=asked(child, ep, on=date.today()),
        organisation_id=camhs.organisation_id,
        reason="For CAMHS",
        today=date.today(),
    )
    visit_and_check(page, f"/casework/children/{child.public_id}/")  # the forwarded request's who and why
    visit_and_check(page, f"/advice/children/{child.public_id}/ask/")
    with page.expect_navigation():
        page.get_by_role("button", name="Send the request").click()
    check_current_page(page)
    assert page.locator(".govuk-error-summary").is_visible()


def test_the_designated_clinical_officers_page(page, browser_sign_in):
    area = worcestershire()
    area.icb_code = "QGH"
    area.save(update_fields=["icb_code"])
    browser_sign_in(
        Role.DESIGNATED_CLINICAL_OFFICER,
        organisation=OrganisationFactory(name="An ICB", kind=Organisation.Kind.ICB, code="QGH"),
    )
    asked(under_assessment(), trust(), on=date.today() - timedelta(days=60))
    visit_and_check(page, "/advice/health/")
    visit_and_check(page, "/advice/health/?lateness=returned-late&partner=Worcestershire+Health+Trust")
