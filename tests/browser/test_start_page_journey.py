"""Given a parent with no account, when they start at / and only click, then they reach how to ask for an
assessment, SENDIASS, feedback and the Local Offer, each page passing the page checks, axe and a phone's width."""

import pytest

from sendboard.demo.area import demo_area_load
from tests.browser.conftest import assert_fits_a_phone, check_current_page

pytestmark = pytest.mark.django_db(transaction=True)


def click(page, name: str) -> None:
    with page.expect_navigation():
        page.get_by_role("link", name=name, exact=True).first.click()
    check_current_page(page)
    assert_fits_a_phone(page)


def test_a_parent_finds_how_to_ask_for_an_assessment_and_who_can_help(page):
    demo_area_load()
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto("/")
    check_current_page(page)
    click(page, "Ask for an education, health and care needs assessment")
    assert page.locator("h1").inner_text() == "Ask for an education, health and care needs assessment"
    assert "made up for this demonstration" in page.locator("main").inner_text()
    click(page, "Find out about SENDIASS and how to contact them")
    assert page.locator("h1").inner_text() == "SEND information, advice and support (SENDIASS)"
    click(page, "Tell us what you think")
    assert page.locator("h1").inner_text() == "Give feedback"
    click(page, "feedback form")
    assert page.locator("h1").inner_text() == "Give feedback on the Local Offer"


def test_a_parent_reaches_the_local_offer_and_the_progress_page_from_the_start_page(page):
    demo_area_load()
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto("/")
    click(page, "Find services and support")
    assert page.locator("h1").inner_text() == "Worcestershire Local Offer"
    click(page, "sendboard")
    click(page, "See how the area is improving")
    assert page.locator("h1").inner_text() == "What we are doing to improve SEND services"
