"""Given a child's documents and the council's letters, when each page is opened in Chromium, then it passes
page quality and axe, forms included in their error state."""

from __future__ import annotations

from datetime import date

import pytest

from sendboard.accounts.roles import Role
from sendboard.documents.models import DocumentKind, LetterKind
from sendboard.documents.services import document_store
from tests.browser.conftest import check_current_page, visit_and_check
from tests.casework.helpers import make_case, team, worcestershire
from tests.documents.helpers import PDF
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _case_with_documents(caseworker):
    child = make_case(received=date(2025, 10, 1), decided=date(2025, 11, 20), outcome="Y", caseworker=caseworker)
    document_store(
        user=caseworker,
        child=child,
        kind=DocumentKind.ADVICE,
        title="Community paediatrics advice",
        document_date=date(2025, 12, 1),
        filename="advice.pdf",
        content=PDF,
        shared_with=[OrganisationFactory(name="Community paediatrics")],
    )
    return child


def test_a_childs_documents_and_letter_pages(page, browser_sign_in):
    caseworker = browser_sign_in(Role.CASEWORKER)
    team(caseworker.organisation)
    child = _case_with_documents(caseworker)
    base = f"/documents/children/{child.public_id}"
    visit_and_check(page, f"{base}/")
    visit_and_check(page, f"{base}/add/")
    page.get_by_role("button", name="Add the document").click()
    check_current_page(page)  # every field's error
    visit_and_check(page, f"{base}/letters/")
    page.get_by_role("button", name="Continue").click()
    check_current_page(page)  # no letter chosen
    for letter in LetterKind.values:
        visit_and_check(page, f"{base}/letters/{letter}/")
    page.get_by_role("button", name="Save the letter as a PDF").click()  # the review letter: no review recorded
    check_current_page(page)


def test_the_councils_letters_pages(page, browser_sign_in):
    manager = browser_sign_in(Role.TEAM_MANAGER)
    team(manager.organisation)
    visit_and_check(page, "/documents/letters/")
    visit_and_check(page, f"/documents/letters/{worcestershire().la_code}/{LetterKind.DRAFT_PLAN_COVER}/")
    page.get_by_label("Wording").fill("Dear {{ parent.name }},")
    page.get_by_role("button", name="Save the wording").click()
    check_current_page(page)
