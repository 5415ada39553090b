"""Given the demo plan, when each improvement-plan page is opened in Chromium (signed in in the role that uses
it, and signed out for the public pages), then it passes page quality and axe; forms also in their error state."""

import io

import pytest
from django.conf import settings
from django.test import Client

from sendboard.accounts.models import User
from sendboard.accounts.roles import Role
from sendboard.demo.area import demo_area_load
from sendboard.plans import demo
from sendboard.plans.models import Action, Finding, Inspection, MilestoneRule, Plan
from tests.browser.conftest import check_current_page, visit_and_check
from tests.sessions import force_login_verified

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo_plan(db):
    demo_area_load()
    demo.load_demo(stdout=io.StringIO())
    return Plan.objects.get()


def _sign_in_as(page, live_server, username: str) -> None:
    client = Client()
    force_login_verified(client, User.objects.get(username=username))
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


def test_public_progress_pages_signed_out_and_signed_in(page, browser_sign_in, demo_plan):
    finding = Finding.objects.get(reference="i")
    for _ in range(2):
        visit_and_check(page, "/plans/progress/")
        visit_and_check(page, f"/plans/progress/findings/{finding.pk}/")
        browser_sign_in(Role.ACTION_OWNER)


def test_area_leader_pages(page, live_server, demo_plan):
    _sign_in_as(page, live_server, "demo.area.leader")
    inspection = Inspection.objects.get(title=demo.INSPECTION_TITLE)
    revisit = Inspection.objects.get(title=demo.REVISIT_TITLE)
    action = Action.objects.get(reference="2.1")
    workstream = action.workstream
    for url in [
        "/plans/",
        f"/plans/inspections/{inspection.pk}/",
        f"/plans/inspections/{revisit.pk}/",
        f"/plans/{demo_plan.pk}/",
        f"/plans/actions/{action.pk}/",
        f"/plans/{demo_plan.pk}/workstreams/{workstream.pk}/highlight/?period_end=2026-10-31",
        f"/plans/{demo_plan.pk}/board-pack/?period_end=2026-10-31",
        "/plans/publication/",
        "/plans/inspections/new/",
        f"/plans/inspections/{inspection.pk}/dates/new/",
        f"/plans/inspections/{inspection.pk}/findings/new/",
        f"/plans/workstreams/{workstream.pk}/actions/new/",
        f"/plans/{demo_plan.pk}/import/",
        f"/plans/findings/{Finding.objects.get(reference='a').pk}/plain-english/",
        f"/plans/inspections/{revisit.pk}/judgements/new/",
        f"/plans/inspections/{inspection.pk}/outcome/",
        f"/plans/inspections/{inspection.pk}/plans/new/",
        f"/plans/{demo_plan.pk}/workstreams/new/",
    ]:
        visit_and_check(page, url)
    page.goto("/plans/inspections/new/")
    page.get_by_role("button", name="Record inspection").click()
    check_current_page(page)
    assert page.title().startswith("Error: ")
    page.goto(f"/plans/workstreams/{workstream.pk}/actions/new/")
    page.get_by_label("Reference").fill("2.9")
    page.get_by_label("Title").fill("Backwards action")
    page.get_by_label("Owner").select_option(index=1)
    for prefix, day in (("start_date", "10"), ("due_date", "1")):
        page.locator(f"#id_{prefix}_day").fill(day)
        page.locator(f"#id_{prefix}_month").fill("5")
        page.locator(f"#id_{prefix}_year").fill("2026")
    page.get_by_role("button", name="Add action").click()
    check_current_page(page)
    assert "The due date must be the same as or after the start date" in page.content()
    for path, button in (
        (f"/plans/{demo_plan.pk}/import/", "Check the file"),
        (f"/plans/{demo_plan.pk}/workstreams/new/", "Add workstream"),
        (f"/plans/inspections/{revisit.pk}/judgements/new/", "Record judgement"),
        (f"/plans/inspections/{inspection.pk}/plans/new/", "Create plan"),
        (f"/plans/inspections/{inspection.pk}/dates/new/", "Record date"),
        (f"/plans/inspections/{inspection.pk}/findings/new/", "Record finding"),
    ):
        page.goto(path)
        page.get_by_role("button", name=button).click()
        check_current_page(page)
        assert page.title().startswith("Error: "), path


def test_action_owner_pages(page, live_server, demo_plan):
    _sign_in_as(page, live_server, "demo.action.owner")
    action = Action.objects.get(reference="2.1")
    for url in [
        "/plans/my-actions/",
        f"/plans/actions/{action.pk}/update/",
        f"/plans/actions/{action.pk}/rag/",
        f"/plans/actions/{action.pk}/risks/new/",
        f"/plans/actions/{action.pk}/coproduction/new/",
        f"/plans/actions/{action.pk}/measures/new/",
        f"/plans/actions/{action.pk}/measures/value/",
        f"/plans/actions/{action.pk}/dependencies/",
        f"/plans/actions/{action.pk}/public-summary/",
        f"/plans/actions/{action.pk}/edit/",
    ]:
        visit_and_check(page, url)
    page.goto(f"/plans/actions/{action.pk}/rag/")
    page.get_by_label("Red").check()
    page.get_by_role("button", name="Save RAG rating").click()
    check_current_page(page)
    assert "Enter the reason for the change" in page.content()
    page.goto(f"/plans/actions/{action.pk}/update/")
    page.get_by_role("button", name="Record update").click()
    check_current_page(page)
    for path, button in (
        ("risks/new/", "Raise"),
        ("coproduction/new/", "Record co-production"),
        ("measures/new/", "Add measure"),
        ("measures/value/", "Record value"),
    ):
        page.goto(f"/plans/actions/{action.pk}/{path}")
        page.get_by_role("button", name=button).click()
        check_current_page(page)
        assert page.title().startswith("Error: ")
    page.goto(f"/plans/actions/{action.pk}/public-summary/")
    page.get_by_label("What is being done, in plain English").fill("")
    page.get_by_role("button", name="Save for approval").click()
    check_current_page(page)
    assert page.title().startswith("Error: ")


def test_adviser_pages(page, live_server, demo_plan):
    _sign_in_as(page, live_server, "demo.adviser")
    visit_and_check(page, f"/plans/{demo_plan.pk}/")
    visit_and_check(page, f"/plans/{demo_plan.pk}/monitoring/")
    page.get_by_role("button", name="Record visit").click()
    check_current_page(page)
    visit_and_check(page, f"/plans/actions/{Action.objects.get(reference='2.1').pk}/update/", status=403)


def test_administrator_rule_pages(page, live_server, browser_sign_in, demo_plan):
    browser_sign_in(Role.ADMINISTRATOR)
    rule = MilestoneRule.objects.get(code="wsoa-submit")
    visit_and_check(page, "/plans/milestone-rules/")
    visit_and_check(page, f"/plans/milestone-rules/{rule.pk}/")
    page.get_by_role("button", name="Save and recompute due dates").click()
    check_current_page(page)
    assert "Enter why the rule is changing" in page.content()


def test_the_board_pack_job_page(page, live_server, demo_plan, job_worker):
    _sign_in_as(page, live_server, "demo.area.leader")
    page.goto(f"/plans/{demo_plan.pk}/board-pack/?period_end=2026-10-31")
    page.get_by_role("button", name="Build the board pack as PDF").click()
    check_current_page(page)
    assert "Waiting to start" in page.content()


def test_a_board_pack_that_failed_is_built_again_from_its_page(page, live_server, demo_plan, job_worker):
    from sendboard.plans.models import ReportJob

    _sign_in_as(page, live_server, "demo.area.leader")
    page.goto(f"/plans/{demo_plan.pk}/board-pack/?period_end=2026-10-31")
    page.get_by_role("button", name="Build the board pack as PDF").click()
    page.wait_for_load_state()
    assert job_worker() == 1
    # As if building it had failed
    ReportJob.objects.update(
        state=ReportJob.State.FAILED, pdf=None, error="The board pack could not be built. Ask for it again"
    )
    page.reload()
    check_current_page(page)
    assert "The board pack could not be built. Ask for it again" in page.content()
    page.get_by_role("button", name="Build the board pack again").click()
    page.wait_for_load_state()
    assert "Waiting to start" in page.content()
    assert job_worker() == 1
    page.get_by_role("link", name="Refresh now").click()
    page.wait_for_load_state()
    check_current_page(page)
    assert page.get_by_role("link", name="Download the board pack (PDF)").is_visible()
