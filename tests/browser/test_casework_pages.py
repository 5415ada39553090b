"""Given casework and returns pages, when they are opened in Chromium, then they pass page quality and axe,
forms included in their error state."""

from __future__ import annotations

from datetime import date

import pytest

from sendboard.accounts.roles import Role
from sendboard.casework.models import StatutoryStep
from sendboard.casework.services import steps_refresh
from tests.browser.conftest import check_current_page, visit_and_check
from tests.casework.helpers import make_case, team
from tests.returns.samples import person, write

pytestmark = pytest.mark.django_db(transaction=True)


def register(caseworker):
    children = [
        make_case(
            received=date(2025, 10, 1),
            decided=date(2025, 11, 20),
            outcome="Y",
            caseworker=caseworker,
            advice=[("HEALTH", "Community paediatrics", date(2025, 11, 21), None)],
        ),
        make_case(
            received=date(2023, 1, 5),
            decided=date(2023, 2, 1),
            outcome="Y",
            assessment_outcome="Y",
            assessed=date(2023, 5, 1),
            plan_start=date(2023, 7, 20),
            family_views=date(2023, 5, 1),
            review_meeting=date(2024, 7, 1),
            review_outcome="A",
            last_review=date(2024, 8, 20),
            caseworker=caseworker,
        ),
        make_case(received=date(2025, 12, 1), caseworker=caseworker),
    ]
    steps_refresh(child_ids=[c.id for c in children], as_of=date.today())
    return children


def test_caseworker_pages(page, browser_sign_in):
    user = browser_sign_in(Role.CASEWORKER)
    team(user.organisation)
    children = register(user)
    visit_and_check(page, "/casework/")
    for child in children:
        visit_and_check(page, f"/casework/children/{child.public_id}/")


def test_recording_a_breach_reason_in_the_browser(page, browser_sign_in):
    user = browser_sign_in(Role.CASEWORKER)
    team(user.organisation)
    child = register(user)[0]
    step = StatutoryStep.objects.get(child=child, step="decision_to_assess")
    visit_and_check(page, f"/casework/children/{child.public_id}/steps/{step.id}/reason/")
    page.get_by_role("button", name="Save reason").click()
    page.wait_for_load_state()
    assert page.title().startswith("Error: Why was this timescale missed?")
    check_current_page(page)
    page.get_by_label("Decision-making panel delayed").check()
    page.get_by_role("button", name="Save reason").click()
    page.wait_for_load_state()
    assert page.title().startswith(f"{child.forename} {child.surname}")
    check_current_page(page)


def test_team_manager_pages(page, browser_sign_in):
    user = browser_sign_in(Role.TEAM_MANAGER)
    team(user.organisation)
    register(None)
    visit_and_check(page, "/casework/team/")
    visit_and_check(page, "/casework/timeliness/")


def test_allocation_pages_and_their_error_states(page, browser_sign_in):
    from tests.factories import UserFactory

    user = browser_sign_in(Role.TEAM_MANAGER)
    team(user.organisation)
    leaver = UserFactory(role=Role.CASEWORKER, organisation=user.organisation, is_active=False)
    children = register(leaver)
    register(None)
    visit_and_check(page, "/casework/team/")  # with cases held by someone who has left
    visit_and_check(page, "/casework/team/caseloads/")
    visit_and_check(page, "/casework/team/cases/?caseworker=none")
    visit_and_check(page, f"/casework/team/steps/?caseworker={leaver.pk}&status=overdue")
    visit_and_check(page, f"/casework/children/{children[0].public_id}/caseworker/")
    page.get_by_role("button", name="Allocate the case").click()
    page.wait_for_load_state()
    assert page.title().startswith("Error: Allocate")
    check_current_page(page)
    visit_and_check(page, "/casework/team/reassign/")
    page.get_by_role("button", name="Preview the move").click()
    page.wait_for_load_state()
    assert page.title().startswith("Error: Move someone's cases")
    check_current_page(page)
    page.get_by_label("Whose cases are you moving?").select_option(str(leaver.pk))
    page.get_by_label(user.display_name).check()
    page.get_by_role("button", name="Preview the move").click()
    page.wait_for_load_state()
    assert page.title().startswith("Check the move")
    check_current_page(page)


def test_adviser_sees_aggregates_only(page, browser_sign_in):
    user = browser_sign_in(Role.ADVISER)
    team(user.organisation)
    register(None)
    visit_and_check(page, "/casework/timeliness/")
    visit_and_check(page, "/casework/team/", status=403)


def test_returns_pages_and_the_upload_journey(page, browser_sign_in, tmp_path, settings, job_worker):
    from sendboard.returns.models import ImportJob
    from tests.casework.helpers import worcestershire

    settings.SENDBOARD_RETURNS_UPLOAD_DIR = str(tmp_path / "uploads")
    area = worcestershire()
    user = browser_sign_in(Role.ANALYST)
    team(user.organisation, area)
    visit_and_check(page, "/returns/")
    page.get_by_role("button", name="Check the file").click()
    page.wait_for_load_state()
    assert page.title().startswith("Error: Load a return or data file")
    check_current_page(page)

    page.get_by_label("SEN2 person-level return (XML)").check()
    page.get_by_label("File", exact=True).set_input_files(str(write(tmp_path / "bad.xml", [person(1, sex="Q")])))
    page.get_by_role("button", name="Check the file").click()
    page.wait_for_load_state()
    assert page.title().startswith("The file cannot be loaded")
    check_current_page(page)

    page.goto("/returns/")
    good = write(tmp_path / "good.xml", [person(1), person(2)])
    page.get_by_label("SEN2 person-level return (XML)").check()
    page.get_by_label("File", exact=True).set_input_files(str(good))
    page.get_by_role("button", name="Check the file").click()
    page.wait_for_load_state()
    assert page.title().startswith("Check the file before loading it")
    check_current_page(page)
    page.get_by_role("button", name="Load this file").click()
    page.wait_for_load_state()
    assert page.title().startswith("Loading the file")
    check_current_page(page)
    job_path = f"/returns/jobs/{ImportJob.objects.get().public_id}/"
    assert job_worker() == 1  # the job worker loads it, between two visits
    visit_and_check(page, job_path)
    assert page.title().startswith("The file is loaded")

    ImportJob.objects.update(state=ImportJob.State.FAILED, error="The load stopped (OperationalError)")
    visit_and_check(page, job_path)
    assert page.title().startswith("The load stopped")

    page.goto("/returns/")
    page.get_by_label("SEN2 person-level return (XML)").check()
    page.get_by_label("File", exact=True).set_input_files(str(good))
    page.get_by_role("button", name="Check the file").click()
    page.wait_for_load_state()
    assert page.title().startswith("This file was loaded before")
    check_current_page(page)
    visit_and_check(page, "/returns/export/", status=403)  # analysts load returns, never download the register
    manager = browser_sign_in(Role.TEAM_MANAGER)
    team(manager.organisation, area)
    visit_and_check(page, "/returns/export/")


def test_every_recording_form_passes_the_page_checks_empty_and_in_error(page, browser_sign_in):
    from sendboard.casework.recording import Case, allowed
    from sendboard.casework.selectors import child_get_for_user

    user = browser_sign_in(Role.CASEWORKER)
    team(user.organisation)
    visit_and_check(page, "/casework/children/new-request/")
    seen = set()
    for child in register(user):
        for step in allowed(Case.of(child_get_for_user(user, child.public_id))):
            if step in seen:
                continue
            seen.add(step)
            visit_and_check(page, f"/casework/children/{child.public_id}/record/{step}/")
            page.get_by_role("button", name="Save", exact=True).click()
            page.wait_for_load_state()
            assert page.title().startswith("Error: "), step
            check_current_page(page)
    assert {"decision", "consultation", "draft-plan", "review-meeting", "amended-plan", "cease", "appeal"} <= seen
