"""Journeys through the improvement plan, each from the start page by clicking: an action owner posts an update
with evidence; an area leader builds and downloads a board pack; an adviser records a monitoring visit."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from pypdf import PdfReader

from sendboard.accounts.roles import Role
from sendboard.plans.models import MonitoringVisit, ProgressUpdate
from tests.browser.conftest import fill_date, follow, go_to_section, heading, press, start, wait_for_job
from tests.browser.journey_data import improvement_plan

pytestmark = pytest.mark.django_db(transaction=True)

# The smallest file a PDF reader opens: what an owner attaches as evidence.
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count "
    b"0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def test_an_action_owner_posts_an_update_with_evidence(page, browser_sign_in, tmp_path, settings):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    # Given an action owner with an open action in the improvement plan, signed in
    today = timezone.localdate()
    plan = improvement_plan(today=today)
    action = plan.actions[0]
    browser_sign_in(user=plan.owner)
    evidence = tmp_path / "audit-summary.pdf"
    evidence.write_bytes(PDF)

    # When they go from the start page to their actions, and to the action
    start(page)
    press(page, "Go to your work")  # a start button: a link that reads as a button
    follow(page, "Progress updates overdue on your actions", exact=False)
    follow(page, f"{action.reference} {action.title}")
    assert heading(page) == f"{action.reference} {action.title}"

    # and record this month's update with the audit summary as evidence
    follow(page, "Record a progress update")
    fill_date(page, "Date of the update", today)
    page.get_by_label("What has happened since the last update").fill(
        "Second audit cycle finished: 28 of 40 plans good."
    )
    page.get_by_label("In progress").check()
    page.get_by_label("Evidence title").fill("Audit summary, second cycle")
    page.get_by_label("Evidence file").set_input_files(str(evidence))
    press(page, "Record update")

    # Then the action shows the update, with the evidence, which opens as the file they attached
    assert heading(page) == f"{action.reference} {action.title}"
    assert page.get_by_text("Progress update recorded").is_visible()
    assert page.get_by_text("Second audit cycle finished: 28 of 40 plans good.").is_visible()
    update = ProgressUpdate.objects.get(action=action, date=today)
    assert update.summary == "Second audit cycle finished: 28 of 40 plans good."
    with page.expect_download() as download:
        page.locator("main").get_by_role("link", name="Audit summary, second cycle").first.click()
    assert download.value.path().read_bytes() == PDF


def test_an_area_leader_builds_and_downloads_a_board_pack(page, browser_sign_in, job_worker):
    # Given an improvement plan, and an area leader signed in
    today = timezone.localdate()
    plan = improvement_plan(today=today)
    browser_sign_in(Role.AREA_LEADER)
    last_month_end = today.replace(day=1) - timedelta(days=1)

    # When they go from the start page to the plan's board pack, for the period ending last month
    start(page)
    press(page, "Go to your work")  # a start button: a link that reads as a button
    go_to_section(page, "Improvement plan")
    follow(page, plan.plan.title)
    follow(page, "Board pack")
    fill_date(page, "Last day of the reporting period", last_month_end)
    press(page, "Show this period")
    assert page.get_by_text(plan.actions[0].title).first.is_visible()

    # and build it as a PDF
    press(page, "Build the board pack as PDF")
    assert heading(page) == "Board pack PDF"
    assert job_worker() == 1  # the job worker builds it
    wait_for_job(page, done="Download the board pack (PDF)")

    # Then they download the board pack
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the board pack (PDF)").click()
    assert download.value.suggested_filename == "board-pack.pdf"
    text = " ".join(pdf_page.extract_text() for pdf_page in PdfReader(download.value.path()).pages)
    assert plan.plan.title in text and plan.actions[0].title in text


def test_an_adviser_records_a_monitoring_visit(page, browser_sign_in):
    # Given an improvement plan, and a DfE adviser signed in
    today = timezone.localdate()
    plan = improvement_plan(today=today)
    browser_sign_in(Role.ADVISER)

    # When they go from the start page to the plan's monitoring visits
    start(page)
    press(page, "Go to your work")  # a start button: a link that reads as a button
    go_to_section(page, "Improvement plan")
    follow(page, plan.plan.title)
    follow(page, "Monitoring visits")
    assert heading(page) == "Monitoring visits"

    # and record today's visit
    fill_date(page, "Date of the visit", today)
    page.get_by_label("Attendees").fill("DfE SEND adviser, NHS England SEND lead, the Director of Children's Services")
    page.get_by_label("Summary").fill("Progress on EHC plan quality reviewed; co-production charter behind.")
    page.get_by_label("Progress measures agreed").fill("Plans audited as good: 60%\nCharter signed by March")
    press(page, "Record visit")

    # Then the visit is listed on the page, and recorded against the plan
    assert heading(page) == "Monitoring visits"
    assert page.get_by_text("Progress on EHC plan quality reviewed; co-production charter behind.").is_visible()
    visit = MonitoringVisit.objects.get(plan=plan.plan)
    assert (visit.date, visit.progress_measures_agreed.splitlines()) == (
        today,
        ["Plans audited as good: 60%", "Charter signed by March"],
    )
