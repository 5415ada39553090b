"""Journeys through advice from partners, each from the start page by clicking: a caseworker asks the health
trust for advice on a child being assessed; a health professional returns it from their queue and the caseworker
sees it returned on the child's page; the educational psychology service forwards a request that is CAMHS's to
answer, and CAMHS finds it in its queue; the designated clinical officer sees health's timeliness and filters the
late requests."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from sendboard.accounts.models import Organisation
from sendboard.accounts.roles import Role
from sendboard.casework.models import AdviceRequest
from sendboard.casework.services import steps_refresh
from sendboard.core.govuk import format_date
from tests.advice.helpers import PDF, asked, professional, shared_with_request, trust, under_assessment
from tests.browser.conftest import choose, field, follow, heading, press, start
from tests.casework.helpers import team, worcestershire
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def column(page, caption: str, index: int) -> list[str]:
    table = page.get_by_role("table", name=caption)
    return [cell.strip() for cell in table.locator(f"tbody tr td:nth-child({index})").all_inner_texts()]


def case_due_this_week(caseworker, forename: str, surname: str):
    """A child being assessed whose final plan falls due in a few days: on the caseworker's list of what is due."""
    today = timezone.localdate()
    child = under_assessment(
        forename=forename,
        surname=surname,
        caseworker=caseworker,
        received=today - timedelta(weeks=20) + timedelta(days=3),
    )
    steps_refresh(child_ids=[child.id], as_of=today)
    return child


def test_a_caseworker_asks_the_health_trust_for_advice(page, browser_sign_in):
    # Given a caseworker with a child being assessed, and a health trust whose professionals answer in sendboard
    today = timezone.localdate()
    caseworker = browser_sign_in(Role.CASEWORKER)
    team(caseworker.organisation)
    professional(trust())
    child = case_due_this_week(caseworker, "Amelia", "Thorne")

    # When they go from the start page to the child's case and ask the trust for health advice
    start(page)
    press(page, "Go to your work")
    follow(page, "My cases: what is due and overdue")
    follow(page, "Amelia Thorne")
    follow(page, "Ask for advice")
    assert heading(page) == "Ask for advice"
    choose(page, "Organisation to ask", "Worcestershire Health Trust")
    page.get_by_label("Health advice").check()
    field(page, "What do you want them to advise on?").fill("Amelia's health needs, and any therapy she needs.")
    press(page, "Send the request")

    # Then the child's page lists the request, due in 6 weeks, and the trust's queue holds it
    assert heading(page) == "Amelia Thorne"
    due = format_date(today + timedelta(weeks=6))
    assert column(page, "Advice asked for", 1) == ["Worcestershire Health Trust"]
    assert column(page, "Advice asked for", 4) == [f"Due by {due}"]
    assert (
        AdviceRequest.objects.get(assessment__request__child=child).organisation.name == "Worcestershire Health Trust"
    )


def test_a_health_professional_returns_advice_and_the_caseworker_sees_it(page, browser_sign_in):
    # Given a request for health advice sent to the trust, overdue, and another not yet due
    today = timezone.localdate()
    organisation = trust()
    caseworker = OrganisationFactory(name="The SEND team")
    team(caseworker)
    holder = UserFactory(role=Role.CASEWORKER, organisation=caseworker)
    overdue = case_due_this_week(holder, "Ruby", "Jessop")
    asked(overdue, organisation, on=today - timedelta(weeks=7), as_of=today)
    asked(
        under_assessment(forename="Kai", surname="Northcott"), organisation, on=today - timedelta(days=2), as_of=today
    )
    browser_sign_in(Role.HEALTH_SOCIAL_CARE, organisation=organisation)

    # When the professional goes from the start page to the requests waiting for them
    start(page)
    press(page, "Go to your work")
    follow(page, "2 Advice requests waiting for your organisation")
    assert heading(page) == "Advice requests"
    # Then the overdue request comes first
    assert column(page, "Waiting for your advice", 1) == ["Ruby Jessop", "Kai Northcott"]

    # When they open it, upload their advice with its summary, and return it
    follow(page, "Ruby Jessop")
    assert heading(page) == "Health advice for Ruby Jessop"
    press(page, "Return your advice")
    page.get_by_label("Your advice").set_input_files(
        {"name": "advice.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    field(page, "Needs identified").fill("Speech sound disorder")
    field(page, "Provision recommended").fill("Weekly speech and language therapy")
    field(page, "Outcomes sought").fill("Understood by unfamiliar adults")
    press(page, "Return the advice")

    # Then the request says it was returned today, with their document
    assert heading(page) == "Health advice for Ruby Jessop"
    assert page.get_by_role("link", name="Health advice from Worcestershire Health Trust").is_visible()

    # When the caseworker opens the child's case from their work
    browser_sign_in(user=holder)
    start(page)
    press(page, "Go to your work")
    follow(page, "My cases: what is due and overdue")
    follow(page, "Ruby Jessop")

    # Then the advice shows as returned today, with its summary
    assert column(page, "Advice asked for", 4) == [f"Returned on {format_date(today)}"]
    page.get_by_text("Summary of the advice from Worcestershire Health Trust", exact=False).click()
    assert page.get_by_text("Weekly speech and language therapy").is_visible()


def test_the_designated_clinical_officer_sees_healths_timeliness(page, browser_sign_in):
    # Given health advice in the board's area: one request still overdue, asked of the trust 8 weeks ago
    today = timezone.localdate()
    area = worcestershire()
    area.icb_code = "QGH"
    area.save(update_fields=["icb_code"])
    asked(under_assessment(), trust(), on=today - timedelta(weeks=8), as_of=today)
    browser_sign_in(
        Role.DESIGNATED_CLINICAL_OFFICER,
        organisation=OrganisationFactory(name="An ICB", kind=Organisation.Kind.ICB, code="QGH"),
    )

    # When the officer goes from the start page to health's timeliness
    start(page)
    press(page, "Go to your work")
    follow(page, "Health advice timeliness and late requests")

    # Then the month's figures are there, small numbers suppressed, and the late request with who and how late
    assert heading(page) == "Health advice timeliness"
    assert column(page, "Late health advice requests", 1) == ["Worcestershire Health Trust"]
    assert column(page, "Late health advice requests", 5) == ["2 weeks"]
    due_month = (today - timedelta(weeks=2)).strftime("%B %Y")
    table = page.get_by_role("table", name="Health advice due each month")
    row = table.locator("tbody tr").filter(has=page.locator("th", has_text=due_month))
    assert row.locator("td").all_inner_texts()[2].strip() == "fewer than 6"

    # When they list only the requests returned late
    choose(page, "Show", "Returned late")
    press(page, "Apply filters")

    # Then none is listed: the one late request is still overdue
    assert page.get_by_text("No late request matches the filters.").is_visible()


def test_a_professional_forwards_a_request_to_the_organisation_it_belongs_to(page, browser_sign_in):
    # Given a request sent to the educational psychology service that is CAMHS's to answer, with a school report
    today = timezone.localdate()
    ep = OrganisationFactory(name="Worcestershire Educational Psychology Service")
    camhs = OrganisationFactory(name="CAMHS")
    camhs_professional = professional(camhs)
    advice = asked(
        under_assessment(forename="Leo", surname="Marsh"), ep, on=today - timedelta(days=10), source="EP", as_of=today
    )
    shared_with_request(advice, title="School report", on=today)
    browser_sign_in(Role.HEALTH_SOCIAL_CARE, organisation=ep)

    # When a psychologist goes from the start page to the request and forwards it to CAMHS, saying why
    start(page)
    press(page, "Go to your work")
    follow(page, "1 Advice requests waiting for your organisation")
    follow(page, "Leo Marsh")
    follow(page, "Forward to another organisation")
    assert heading(page) == "Forward the request to another organisation"
    choose(page, "Organisation to forward the request to", "CAMHS")
    field(page, "Why does the request belong to them?").fill("Leo's needs are for CAMHS to advise on.")
    press(page, "Forward the request")

    # Then their queue no longer holds it
    assert heading(page) == "Advice requests"
    assert page.get_by_text("No request is waiting for your organisation's advice.").is_visible()

    # When a CAMHS professional goes from the start page to their requests
    browser_sign_in(user=camhs_professional)
    start(page)
    press(page, "Go to your work")
    follow(page, "1 Advice requests waiting for your organisation")

    # Then the request is waiting for them, due when it always was, with the school report and who forwarded it
    assert column(page, "Waiting for your advice", 1) == ["Leo Marsh"]
    assert column(page, "Waiting for your advice", 4) == [format_date(today - timedelta(days=10) + timedelta(weeks=6))]
    follow(page, "Leo Marsh")
    assert page.get_by_role("link", name="School report").is_visible()
    assert page.get_by_text("Leo's needs are for CAMHS to advise on.", exact=False).is_visible()
