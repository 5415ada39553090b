"""The pages: who may see and do what, bad input in forms, and a fixed number of queries whatever the size."""

import io
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from sendboard.accounts.roles import Role
from sendboard.audit.selectors import changes_to
from sendboard.core.jobs import jobs_recover
from sendboard.plans import services
from sendboard.plans.models import Action, MilestoneRule, MonitoringVisit, ProgressUpdate, ReportJob
from tests.editing import post_edit
from tests.html import Page
from tests.jobs import run_queued_jobs, stopped_process_token
from tests.plans.conftest import add_actions
from tests.sessions import force_login_verified

pytestmark = pytest.mark.django_db


def _count(client, path) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(queries)


def _approve_grown(small_plan) -> None:
    """Publish the grown actions and their updates too, so the public page grows with the plan."""
    approved_at = small_plan["finding"].approved_for_publication_at
    Action.objects.filter(reference__startswith="g").update(public_summary="x", public_summary_approved_at=approved_at)
    ProgressUpdate.objects.filter(action__reference__startswith="g").update(
        public_summary="y", approved_for_publication_at=approved_at
    )


# Each limit includes the session, the user and the two-factor device that verified the session.
@pytest.mark.parametrize(
    ("name", "limit"),
    [
        ("plans:plan", 16),
        ("plans:action", 22),
        ("plans:highlight", 16),
        ("plans:board-pack", 18),
        ("plans:inspection", 14),
        ("plans:my-actions", 10),
        ("plans:public", 8),
        ("plans:monitoring", 10),
        ("plans:export", 14),
    ],
)
def test_pages_read_with_a_fixed_number_of_queries_whatever_the_plans_size(
    client, sign_in, small_plan, leader, name, limit
):
    sign_in(Role.AREA_LEADER)
    plan, action = small_plan["plan"], small_plan["action"]
    services.publication_approve(user=leader, finding=small_plan["finding"])
    ws = small_plan["workstream"]
    paths = {
        "plans:plan": lambda: reverse("plans:plan", args=[plan.pk]),
        "plans:action": lambda: reverse("plans:action", args=[action.pk]),
        "plans:highlight": lambda: reverse("plans:highlight", args=[plan.pk, ws.pk]) + "?period_end=2026-02-28",
        "plans:board-pack": lambda: reverse("plans:board-pack", args=[plan.pk]) + "?period_end=2026-02-28",
        "plans:inspection": lambda: reverse("plans:inspection", args=[small_plan["inspection"].pk]),
        "plans:my-actions": lambda: reverse("plans:my-actions"),
        "plans:public": lambda: reverse("plans:public"),
        "plans:monitoring": lambda: reverse("plans:monitoring", args=[plan.pk]),
        "plans:export": lambda: reverse("plans:export", args=[plan.pk]),
    }
    path = paths[name]()
    add_actions(plan, leader, 1)
    _approve_grown(small_plan)
    small = _count(client, path)
    add_actions(plan, leader, 15)
    _approve_grown(small_plan)
    large = _count(client, path)
    assert small == large <= limit, (small, large)


def test_the_public_page_shows_only_approved_text_and_nothing_personal(client, small_plan, leader):
    finding, action = small_plan["finding"], small_plan["action"]
    services.action_public_summary_set(
        user=leader, action=action, public_summary="We are rebuilding the website with families"
    )
    update = services.progress_update_record(
        user=small_plan["owner"],
        action=action,
        day=date(2026, 2, 1),
        summary="Internal detail: Bob is off sick",
        public_summary="The new website is being tested",
    )
    response = client.get(reverse("plans:public"))
    assert "The website was poor" not in response.text, "the finding is not approved yet"
    assert client.get(reverse("plans:public-finding", args=[finding.pk])).status_code == 404
    services.publication_approve(user=leader, finding=finding)
    page = client.get(reverse("plans:public-finding", args=[finding.pk])).text
    assert "The website was poor" in page and "Nothing published yet" in page
    services.publication_approve(user=leader, action=action)
    page = client.get(reverse("plans:public-finding", args=[finding.pk])).text
    assert "We are rebuilding the website with families" in page and "The new website is being tested" not in page
    services.publication_approve(user=leader, update=update)
    page = client.get(reverse("plans:public-finding", args=[finding.pk])).text
    assert "The new website is being tested" in page and "1 February 2026" in page and "31 March 2027" in page
    assert action.organisation.name in page
    for personal in (small_plan["owner"].last_name, small_plan["owner"].username, "Bob is off sick", leader.last_name):
        assert personal not in page


def test_staff_pages_need_sign_in_and_the_permission(client, sign_in, small_plan):
    plan_url = reverse("plans:plan", args=[small_plan["plan"].pk])
    assert client.get(plan_url).status_code == 302
    sign_in(Role.LOCAL_OFFER_OFFICER)
    assert client.get(plan_url).status_code == 403


def test_an_adviser_reads_the_plan_and_records_monitoring_but_cannot_update_actions(client, sign_in, small_plan):
    sign_in(Role.ADVISER)
    page = client.get(reverse("plans:plan", args=[small_plan["plan"].pk])).text
    assert "Rebuild the website" in page and "Add an action" not in page
    assert client.get(reverse("plans:action-update", args=[small_plan["action"].pk])).status_code == 403
    assert "Record a progress update" not in client.get(reverse("plans:action", args=[small_plan["action"].pk])).text
    url = reverse("plans:monitoring", args=[small_plan["plan"].pk])
    bad = client.post(url, {"day-day": "31", "day-month": "2", "day-year": "2026", "attendees": "", "summary": "Visit"})
    assert "There is a problem" in bad.text and "must be a real date" in bad.text and "Enter who attended" in bad.text
    assert 'value="Visit"' not in bad.text and ">Visit</textarea>" in bad.text
    assert not MonitoringVisit.objects.exists()
    ok = client.post(
        url,
        {
            "day-day": "20",
            "day-month": "2",
            "day-year": "2026",
            "attendees": "DfE adviser",
            "summary": "Visit",
            "progress_measures_agreed": "Plans audited",
        },
    )
    assert ok.status_code == 302 and MonitoringVisit.objects.get().progress_measures_agreed == "Plans audited"


def test_an_action_owner_sees_due_and_overdue_updates_and_updates_only_their_own(client, small_plan):
    force_login_verified(client, small_plan["owner"])
    mine = client.get(reverse("plans:my-actions")).text
    assert "Rebuild the website" in mine and "Update overdue" in mine
    url = reverse("plans:action-update", args=[small_plan["action"].pk])
    empty = client.post(url, {"status": "in_progress", "public_summary": "kept"})
    assert (
        "Enter the date of the update" in empty.text
        and "Enter what has happened" in empty.text
        and "kept" in empty.text
    )
    ok = post_edit(
        client,
        url,
        {
            "day-day": "2",
            "day-month": "11",
            "day-year": "2026",
            "summary": "Supplier appointed",
            "status": "in_progress",
            "evidence_title": "Contract",
            "evidence_link": "https://example.invalid/contract",
        },
    )
    assert ok.status_code == 302
    action = Action.objects.get(pk=small_plan["action"].pk)
    assert action.status == "in_progress" and action.evidence.get().title == "Contract"
    other = services.action_create(
        user=small_plan["health_lead"],
        workstream=small_plan["workstream"],
        reference="1.2",
        title="Other",
        owner=small_plan["health_lead"],
        organisation=small_plan["health_lead"].organisation,
        start_date=date(2026, 1, 1),
        due_date=date(2026, 12, 1),
    )
    assert client.get(reverse("plans:action-update", args=[other.pk])).status_code == 403


def test_a_rag_override_without_a_reason_shows_the_error_and_changes_nothing(client, small_plan):
    force_login_verified(client, small_plan["owner"])
    url = reverse("plans:action-rag", args=[small_plan["action"].pk])
    response = client.post(url, {"rag": "red", "reason": ""})
    assert response.status_code == 200 and "Enter the reason for the change" in response.text
    assert Action.objects.get(pk=small_plan["action"].pk).rag_override == ""
    assert post_edit(client, url, {"rag": "red", "reason": "Supplier failed"}).status_code == 302
    page = client.get(reverse("plans:action", args=[small_plan["action"].pk])).text
    assert "Supplier failed" in page and "RAG override" in page


def test_an_action_due_before_it_starts_is_refused_on_the_form(client, sign_in, small_plan):
    sign_in(Role.AREA_LEADER)
    url = reverse("plans:action-new", args=[small_plan["workstream"].pk])
    response = client.post(
        url,
        {
            "reference": "1.5",
            "title": "Backwards",
            "owner": small_plan["owner"].pk,
            "start_date-day": "1",
            "start_date-month": "5",
            "start_date-year": "2026",
            "due_date-day": "30",
            "due_date-month": "4",
            "due_date-year": "2026",
        },
    )
    assert "The due date must be the same as or after the start date" in response.text
    assert not Action.objects.filter(reference="1.5").exists()


def test_an_update_on_a_closed_plan_is_refused_on_the_form(client, sign_in, small_plan, leader):
    services.plan_status_set(user=leader, plan=small_plan["plan"], status="closed")
    force_login_verified(client, small_plan["owner"])
    response = client.post(
        reverse("plans:action-update", args=[small_plan["action"].pk]),
        {"day-day": "2", "day-month": "11", "day-year": "2026", "summary": "x", "status": "in_progress"},
    )
    assert "is closed" in response.text and not ProgressUpdate.objects.exists()


def test_an_administrator_edits_a_rule_and_due_dates_are_recomputed(client, sign_in, small_plan, leader):
    services.inspection_event_record(
        user=leader, inspection=small_plan["inspection"], kind="report_received", day=date(2018, 5, 16)
    )
    sign_in(Role.ADMINISTRATOR)
    rule = MilestoneRule.objects.get(code="wsoa-submit")
    url = reverse("plans:rule-edit", args=[rule.pk])
    data = {
        "anchor_event": "report_received",
        "unit": "working_days",
        "count": "60",
        "convention": "after_anchor",
        "source": rule.source,
    }
    assert "Enter why the rule is changing" in client.post(url, {**data, "reason": ""}).text
    assert post_edit(client, url, {**data, "reason": "Handbook"}).status_code == 302
    assert small_plan["inspection"].milestones.get().due_date == date(2018, 8, 9)
    assert "9 August 2018" in client.get(reverse("plans:inspection", args=[small_plan["inspection"].pk])).text
    assert "Handbook" in client.get(url).text


def test_an_area_leader_records_an_inspection_a_date_and_a_finding(client, sign_in):
    sign_in(Role.AREA_LEADER)
    assert "Choose the inspection framework" in client.post(reverse("plans:inspection-new"), {"title": "x"}).text
    response = client.post(
        reverse("plans:inspection-new"),
        {"framework": "2023", "kind": "full", "title": "Area SEND 2026", "outcome": "outcome_3"},
    )
    inspection_url = response["Location"]
    inspection_id = int(inspection_url.rstrip("/").split("/")[-1])
    bad = client.post(
        reverse("plans:event-new", args=[inspection_id]),
        {"kind": "report_published", "day-day": "1", "day-month": "1", "day-year": "2099"},
    )
    assert "today or in the past" in bad.text
    client.post(
        reverse("plans:event-new", args=[inspection_id]),
        {"kind": "report_published", "day-day": "4", "day-month": "5", "day-year": "2023"},
    )
    client.post(
        reverse("plans:finding-new", args=[inspection_id]),
        {"kind": "priority_action", "reference": "1", "text": "Waiting times"},
    )
    page = client.get(inspection_url).text
    assert "Submit the priority action plan" in page and "19 June 2023" in page and "Waiting times" in page


def test_highlight_report_pdf_reads_back(client, sign_in, small_plan, leader):
    services.progress_update_record(
        user=leader,
        action=small_plan["action"],
        day=date(2026, 2, 10),
        summary="Supplier appointed",
        status="in_progress",
    )
    sign_in(Role.AREA_LEADER)
    url = reverse("plans:highlight", args=[small_plan["plan"].pk, small_plan["workstream"].pk])
    html = client.get(url + "?period_end=2026-02-28").text
    assert "Supplier appointed" in html
    response = client.get(url + "?period_end=2026-02-28&format=pdf")
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Highlight report" in text and "Rebuild the website" in text and "Supplier appointed" in text


def test_the_board_pack_is_built_as_a_background_job_with_progress(client, sign_in, small_plan):
    sign_in(Role.AREA_LEADER)
    response = client.post(reverse("plans:board-pack", args=[small_plan["plan"].pk]) + "?period_end=2026-02-28")
    job = ReportJob.objects.get()
    assert response["Location"] == reverse("plans:report-job", args=[job.pk])
    queued = client.get(response["Location"])
    assert "Waiting to start" in queued.text and "0%" in queued.text
    # The page refreshes itself while the job waits or runs, as every job page does.
    assert queued["Refresh"] == "2" and "This page refreshes itself every 2 seconds while the work runs" in queued.text
    assert run_queued_jobs() == 1
    done = client.get(response["Location"])
    page = done.text
    assert "Finished" in page and "100%" in page and "Refresh" not in done
    pdf = client.get(response["Location"] + "?download=1")
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Board pack" in text and "Local Offer" in text


def test_a_board_pack_whose_worker_stopped_for_good_shows_as_failed_and_can_be_built_again(
    client, sign_in, small_plan, settings
):
    settings.SENDBOARD_JOBS_MAX_ATTEMPTS = 1
    sign_in(Role.AREA_LEADER)
    location = client.post(reverse("plans:board-pack", args=[small_plan["plan"].pk]) + "?period_end=2026-02-28")[
        "Location"
    ]
    ReportJob.objects.update(state=ReportJob.State.RUNNING, progress=40, runner=stopped_process_token(), attempts=1)
    assert "Running" in client.get(location).text and ReportJob.objects.get().state == "running"  # the page only reads
    jobs_recover()
    page = client.get(location).text
    assert "the worker building it stopped. Ask for it again" in page and "Build the board pack again" in page
    assert ReportJob.objects.get().state == ReportJob.State.FAILED
    assert client.post(location)["Location"] == location
    assert ReportJob.objects.get().state == ReportJob.State.QUEUED
    run_queued_jobs()
    assert ReportJob.objects.get().state == ReportJob.State.SUCCEEDED
    refused = Page(client.post(location, follow=True))
    # Not a success: shown as the "Important" banner, not the green one.
    assert refused.text("//*[contains(@class, 'govuk-notification-banner__title')]") == "Important"
    assert not refused.has("//div[contains(@class, 'govuk-notification-banner--success')]")
    assert refused.banner == "This board pack cannot be built again: it has not failed"


def test_approving_publication_from_the_page(client, sign_in, small_plan):
    sign_in(Role.AREA_LEADER)
    page = client.get(reverse("plans:publication")).text
    assert "The website was poor" in page
    client.post(reverse("plans:publication"), {"kind": "finding", "id": str(small_plan["finding"].pk)})
    small_plan["finding"].refresh_from_db()
    assert small_plan["finding"].approved_for_publication_at is not None
    assert changes_to(small_plan["inspection"]).filter(what="Finding approved for publication").exists()


def _action_page(client, small_plan) -> str:
    force_login_verified(client, small_plan["owner"])
    return f"/plans/actions/{small_plan['action'].pk}/"


def test_co_production_needs_what_changed_and_then_shows_on_the_action(client_request, client, small_plan):
    base = _action_page(client, small_plan)
    refused = client_request.post(base + "coproduction/new/", {"with_whom": "Parent carer forum"}, _expected_status=200)
    assert refused.errors == ["Enter the date", "Enter what changed because of it"]
    client_request.post(
        base + "coproduction/new/",
        {
            "day-day": "3",
            "day-month": "2",
            "day-year": "2026",
            "with_whom": "Parent carer forum",
            "what_changed": "Search by need added",
        },
    )
    page = client_request.get(base)
    assert page.texts("//h2[text()='Co-production']/following-sibling::p[1]") == [
        "3 February 2026, with Parent carer forum: Search by need added"
    ]


def test_a_success_measure_needs_numbers_and_shows_its_values_in_a_table(client_request, client, small_plan):
    base = _action_page(client, small_plan)
    bad = client_request.post(
        base + "measures/new/",
        {
            "description": "Visits",
            "baseline": "ten",
            "target": "5",
            "baseline_date-day": "1",
            "baseline_date-month": "3",
            "baseline_date-year": "2026",
            "target_date-day": "1",
            "target_date-month": "1",
            "target_date-year": "2026",
        },
        _expected_status=200,
    )
    assert "The baseline must be a number" in bad.errors
    client_request.post(
        base + "measures/new/",
        {
            "description": "Visits a month",
            "unit": "number",
            "baseline": "100",
            "target": "500",
            "baseline_date-day": "1",
            "baseline_date-month": "1",
            "baseline_date-year": "2026",
            "target_date-day": "1",
            "target_date-month": "1",
            "target_date-year": "2027",
        },
    )
    measure = small_plan["action"].measures.get()
    client_request.post(
        base + "measures/value/",
        {"measure": measure.pk, "day-day": "1", "day-month": "3", "day-year": "2026", "value": "180"},
    )
    assert client_request.get(base).table_rows("Visits a month") == [
        ["1 January 2026 (baseline)", "100.00"],
        ["1 March 2026", "180.00"],
        ["1 January 2027 (target)", "500.00"],
    ]


def test_an_action_depends_on_another_but_never_in_a_circle(client_request, client, small_plan):
    base = _action_page(client, small_plan)
    owner, action = small_plan["owner"], small_plan["action"]
    other = services.action_create(
        user=small_plan["health_lead"],
        workstream=small_plan["workstream"],
        reference="1.2",
        title="Content",
        owner=owner,
        organisation=owner.organisation,
        start_date=date(2026, 1, 1),
        due_date=date(2026, 12, 1),
    )
    post_edit(client, base + "dependencies/", {"depends_on": [other.pk]})
    page = client_request.get(base)
    assert page.text("//dt[normalize-space()='Depends on']/following-sibling::dd[1]") == "1.2"
    circle = post_edit(client, f"/plans/actions/{other.pk}/dependencies/", {"depends_on": [action.pk]})
    assert any("in a circle" in error for error in Page(circle).errors)
    assert not other.depends_on.exists()


def test_evidence_uploaded_with_an_update_is_listed_and_downloads_as_uploaded(
    client_request, client, small_plan, settings, tmp_path
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    base = _action_page(client, small_plan)
    post_edit(
        client,
        base + "update/",
        {
            "day-day": "2",
            "day-month": "3",
            "day-year": "2026",
            "summary": "Tested",
            "status": "in_progress",
            "evidence_title": "Test report",
            "evidence_file": SimpleUploadedFile("report.txt", b"all green"),
        },
    )
    evidence = small_plan["action"].evidence.get()
    # Listed twice: under the update it came with, and among the action's evidence.
    assert client_request.get(base).link_hrefs("Test report (file)") == [f"/plans/evidence/{evidence.pk}/file/"] * 2
    download = client.get(f"/plans/evidence/{evidence.pk}/file/")
    assert b"".join(download.streaming_content) == b"all green"


def test_changing_a_findings_public_text_withdraws_its_approval(client, sign_in, small_plan, leader):
    services.publication_approve(user=leader, finding=small_plan["finding"])
    sign_in(Role.AREA_LEADER)
    url = f"/plans/findings/{small_plan['finding'].pk}/plain-english/"
    assert "Enter what was wrong, in plain English" in client.post(url, {"plain_english": " "}).text
    post_edit(client, url, {"plain_english": "The website did not help families"})
    small_plan["finding"].refresh_from_db()
    assert small_plan["finding"].approved_for_publication_at is None
    assert client.get(reverse("plans:public")).text.count("The website did not help families") == 0


def test_the_board_pack_is_built_by_its_task_once_the_request_commits(
    client, sign_in, small_plan, django_capture_on_commit_callbacks
):
    sign_in(Role.AREA_LEADER)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("plans:board-pack", args=[small_plan["plan"].pk]) + "?period_end=2026-02-28")
    job = ReportJob.objects.get()
    assert (job.state, job.progress, job.attempts) == ("succeeded", 100, 1), job.error
    assert job.task_id and job.message.startswith("Built at")


def test_an_area_leader_creates_a_plan_and_a_jointly_led_workstream(client, sign_in, small_plan):
    leader = sign_in(Role.AREA_LEADER)
    inspection = small_plan["inspection"]
    assert (
        "Choose the kind of plan" in client.post(f"/plans/inspections/{inspection.pk}/plans/new/", {"title": "x"}).text
    )
    response = client.post(f"/plans/inspections/{inspection.pk}/plans/new/", {"kind": "wsoa", "title": "Second plan"})
    plan_id = int(response["Location"].strip("/").split("/")[-1])
    url = f"/plans/{plan_id}/workstreams/new/"
    assert "Choose the workstream leads" in client.post(url, {"number": "1", "title": "Leadership"}).text
    client.post(url, {"number": "1", "title": "Leadership", "leads": [leader.pk, small_plan["health_lead"].pk]})
    duplicate = client.post(url, {"number": "1", "title": "Again", "leads": [leader.pk]})
    assert "The plan already has a workstream 1" in duplicate.text
    page = client.get(f"/plans/{plan_id}/").text
    assert "Workstream 1 – Leadership" in page and "Test ICB" in page


def test_a_revisit_records_judgements_on_the_findings_it_follows(client, sign_in, small_plan, leader):
    revisit = services.inspection_create(
        user=leader, framework="2016", kind="revisit", title="Revisit", follows=small_plan["inspection"]
    )
    sign_in(Role.AREA_LEADER)
    url = f"/plans/inspections/{revisit.pk}/judgements/new/"
    assert (
        "Choose the findings the judgement covers"
        in client.post(url, {"weakness_as_stated": "x", "progress": "sufficient"}).text
    )
    client.post(
        url,
        {
            "weakness_as_stated": "The local offer was poor",
            "findings": [small_plan["finding"].pk],
            "progress": "not_sufficient",
        },
    )
    post_edit(client, f"/plans/inspections/{revisit.pk}/outcome/", {"outcome": "revisit_none"})
    page = client.get(f"/plans/inspections/{revisit.pk}/").text
    assert "Not sufficient progress" in page and "Sufficient progress on no significant weakness" in page
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="revisit or monitoring inspection"):
        services.judgement_record(
            user=leader,
            inspection=small_plan["inspection"],
            findings=[small_plan["finding"]],
            weakness_as_stated="x",
            progress="sufficient",
        )


def test_changing_an_actions_dates_keeps_the_rule_and_the_history(client, small_plan):
    force_login_verified(client, small_plan["owner"])
    url = f"/plans/actions/{small_plan['action'].pk}/edit/"
    response = post_edit(
        client,
        url,
        {
            "title": "Rebuild the website",
            "start_date-day": "1",
            "start_date-month": "6",
            "start_date-year": "2027",
            "due_date-day": "31",
            "due_date-month": "3",
            "due_date-year": "2027",
        },
    )
    assert "The due date must be the same as or after the start date" in response.text
    post_edit(
        client,
        url,
        {
            "title": "Rebuild the website",
            "start_date-day": "5",
            "start_date-month": "1",
            "start_date-year": "2026",
            "due_date-day": "30",
            "due_date-month": "4",
            "due_date-year": "2027",
        },
    )
    change = changes_to(small_plan["action"]).filter(what="Action changed").get()
    assert (change.before, change.after) == ({"due_date": "2027-03-31"}, {"due_date": "2027-04-30"})


@pytest.mark.parametrize(
    ("username", "path", "limit"),
    [
        ("demo.area.leader", "/plans/", 8),
        ("demo.area.leader", "/plans/publication/", 9),
        ("demo.area.leader", "/plans/inspections/new/", 6),
        ("demo.area.leader", "/plans/inspections/{inspection}/dates/new/", 12),
        ("demo.area.leader", "/plans/inspections/{inspection}/findings/new/", 12),
        ("demo.area.leader", "/plans/inspections/{revisit}/judgements/new/", 13),
        ("demo.area.leader", "/plans/inspections/{inspection}/plans/new/", 12),
        ("demo.area.leader", "/plans/findings/{finding}/plain-english/", 7),
        ("demo.area.leader", "/plans/{plan}/workstreams/new/", 8),
        ("demo.area.leader", "/plans/workstreams/{workstream}/actions/new/", 10),
        ("demo.area.leader", "/plans/{plan}/import/", 7),
        ("demo.administrator", "/plans/milestone-rules/", 6),
        ("demo.administrator", "/plans/milestone-rules/{rule}/", 7),
        ("demo.action.owner", "/plans/actions/{action}/update/", 9),
        ("demo.action.owner", "/plans/actions/{action}/edit/", 9),
        ("demo.action.owner", "/plans/actions/{action}/measures/value/", 10),
        ("demo.action.owner", "/plans/actions/{action}/dependencies/", 10),
        (None, "/plans/progress/findings/{finding}/", 6),
    ],
)
def test_every_other_page_reads_with_a_small_fixed_number_of_queries(
    client, sign_in, demo_loaded, django_assert_max_num_queries, username, path, limit
):
    from sendboard.accounts.models import User
    from sendboard.plans import demo
    from sendboard.plans.models import Finding, Inspection

    action = Action.objects.get(reference="2.1")
    ids = {
        "inspection": Inspection.objects.get(title=demo.INSPECTION_TITLE).pk,
        "revisit": Inspection.objects.get(title=demo.REVISIT_TITLE).pk,
        "finding": Finding.objects.get(reference="i").pk,
        "plan": demo_loaded.pk,
        "workstream": action.workstream_id,
        "rule": MilestoneRule.objects.get(code="wsoa-submit").pk,
        "action": action.pk,
    }
    if username == "demo.administrator":
        sign_in(Role.ADMINISTRATOR)  # with its one-time password
    elif username:
        force_login_verified(client, User.objects.get(username=username))
    with django_assert_max_num_queries(limit):
        assert client.get(path.format(**ids)).status_code == 200


def test_an_oversized_evidence_file_is_refused_and_nothing_is_recorded(client, small_plan, monkeypatch):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from sendboard.plans import forms

    monkeypatch.setattr(forms, "MAX_EVIDENCE_BYTES", 4)
    force_login_verified(client, small_plan["owner"])
    response = post_edit(
        client,
        f"/plans/actions/{small_plan['action'].pk}/update/",
        {
            "day-day": "2",
            "day-month": "3",
            "day-year": "2026",
            "summary": "Tested",
            "status": "in_progress",
            "evidence_file": SimpleUploadedFile("big.txt", b"too big"),
        },
    )
    assert "The evidence file must be smaller than 4 bytes" in response.text
    assert not ProgressUpdate.objects.exists()
