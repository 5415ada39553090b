"""Journeys through a child's documents and letters, each from the start page by clicking: a caseworker adds
a document and produces the decision letter as a PDF, then downloads it; a team manager changes the wording
of a letter."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from sendboard.accounts.roles import Role
from sendboard.casework.services import steps_refresh
from sendboard.documents.models import Document, LetterTemplate
from tests.browser.conftest import field, fill_date, follow, heading, press, start
from tests.casework.helpers import make_case, team
from tests.documents.helpers import PDF

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_caseworker_adds_a_document_and_produces_the_decision_letter(page, browser_sign_in, tmp_path):
    # Given a caseworker holding a case decided 7 weeks ago, whose advice from health is overdue
    today = timezone.localdate()
    caseworker = browser_sign_in(Role.CASEWORKER)
    team(caseworker.organisation)
    child = make_case(
        received=today - timedelta(weeks=12),
        decided=today - timedelta(weeks=7),
        outcome="Y",
        caseworker=caseworker,
        advice=[("HEALTH", "Community paediatrics", today - timedelta(weeks=7), None)],
    )
    child.forename, child.surname = "Amelia", "Thorne"
    child.save(update_fields=["forename", "surname"])
    steps_refresh(child_ids=[child.id], as_of=today)
    advice = tmp_path / "speech-and-language.pdf"
    advice.write_bytes(PDF)

    # When they go from the start page to the child, and on to the child's documents
    start(page)
    press(page, "Go to your work")
    follow(page, "My cases: what is due and overdue")
    follow(page, "Amelia Thorne")
    follow(page, "Documents and letters for Amelia Thorne")
    assert heading(page) == "Documents and letters for Amelia Thorne"

    # And add the speech and language therapist's advice
    follow(page, "Add a document")
    page.get_by_label("Advice and information").check()
    field(page, "Title").fill("Speech and language therapy advice")
    fill_date(page, "Date of the document", today - timedelta(days=3))
    field(page, "File").set_input_files(str(advice))
    press(page, "Add the document")

    # Then it is listed among the child's documents
    rows = page.get_by_role("table", name="Documents").locator("tbody tr")
    assert rows.count() == 1 and rows.first.locator("td").first.inner_text().startswith(
        "Speech and language therapy advice"
    )

    # When they write the decision letter, check it, and save it as a PDF
    follow(page, "Write a letter")
    page.get_by_label("Decision to carry out an EHC needs assessment").check()
    press(page, "Continue")
    assert heading(page) == "Check the letter: Decision to carry out an EHC needs assessment"
    decided = child.requests.get().outcome_date
    assert page.get_by_text(f"On {decided.day} {decided:%B %Y} we decided that we will carry out").is_visible()
    press(page, "Save the letter as a PDF")

    # Then the letter is among the documents, and downloads as a PDF
    assert (
        page.locator(".govuk-notification-banner")
        .inner_text()
        .strip()
        .endswith("Decision to carry out an EHC needs assessment saved as a PDF")
    )
    with page.expect_download() as download:
        page.get_by_role("link", name="Decision to carry out an EHC needs assessment (download)").click()
    saved = tmp_path / "letter.pdf"
    download.value.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF")
    assert Document.objects.filter(child=child).count() == 2


def test_a_team_manager_changes_the_wording_of_a_letter(page, browser_sign_in):
    # Given a team manager of the SEND team
    manager = browser_sign_in(Role.TEAM_MANAGER)
    team(manager.organisation)

    # When they go from the start page to the council's letters and open the draft plan's covering letter
    start(page)
    press(page, "Go to your work")
    follow(page, "The council's letters: change their wording")
    follow(page, "Change the wording of the letter: covering letter with the draft EHC plan", exact=False)

    # And type a placeholder sendboard cannot fill
    wording = field(page, "Wording")
    wording.fill("Dear {{ parent.name }},\n\nWe enclose the draft plan for {{ child.name }}.")
    press(page, "Save the wording")

    # Then they are told, and what they typed is kept
    assert heading(page) == "Change the wording: Covering letter with the draft EHC plan"
    assert page.locator(".govuk-error-summary").get_by_text("sendboard cannot fill “parent.name”").is_visible()
    assert field(page, "Wording").input_value().startswith("Dear {{ parent.name }},")

    # When they use the placeholders listed, and save
    field(page, "Wording").fill("Dear parent or carer,\n\nWe enclose the draft plan for {{ child.name }}.")
    press(page, "Save the wording")

    # Then the letter shows the council's own wording
    assert heading(page) == "The council's letters"
    row = page.get_by_role("row", name="Covering letter with the draft EHC plan", exact=False)
    assert "The council's own" in row.inner_text()
    assert (
        LetterTemplate.objects.get().body == "Dear parent or carer,\n\nWe enclose the draft plan for {{ child.name }}."
    )
