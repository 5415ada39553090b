"""Managing indicators (targets, owners, refreshes) and choosing comparators: who may, what is validated, and
what is kept."""

from decimal import Decimal

import pytest
from django.urls import reverse

from sendboard.accounts.roles import Role
from sendboard.audit.models import AuditEvent
from sendboard.outcomes.models import ExceptionReport, RefreshRun, Target
from sendboard.plans import services as plan_services
from tests.editing import post_edit
from tests.factories import UserFactory
from tests.html import Page, text_of
from tests.outcomes.fact_factories import IndicatorFactory, RefreshRunFactory, home_area, series

pytestmark = pytest.mark.django_db


def test_an_analyst_sets_a_target_with_a_reason_and_it_is_audited(client, sign_in, indicator):
    analyst = sign_in(Role.ANALYST)
    url = reverse("outcomes:targets", args=[indicator.code])
    response = post_edit(
        client, url, {"period": "2024/25", "value": "67.5", "reason": "The priority action plan's aim"}
    )
    assert response.status_code == 302
    target = Target.objects.get()
    assert (target.period, target.value, target.reason, target.set_by) == (
        "2024/25",
        Decimal("67.5"),
        "The priority action plan's aim",
        analyst,
    )
    # Setting the same period again changes it.
    post_edit(client, url, {"period": "2024/25", "value": "70", "reason": "Raised after the revisit"})
    assert list(Target.objects.values_list("value", flat=True)) == [Decimal(70)]
    assert (
        AuditEvent.objects.filter(kind=AuditEvent.Kind.RECORD_CHANGED, detail__contains="target for 2024/25").count()
        == 2
    )
    assert "70.0%" in client.get(url).text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"period": "2024", "value": "60", "reason": "x"},
            "Enter the period in the form the facts use, for example 2023/24",
        ),
        (
            {"period": "2024/26", "value": "60", "reason": "x"},
            "Enter the period in the form the facts use, for example 2023/24",
        ),
        ({"period": "2024/25", "value": "101", "reason": "x"}, "A percentage target must be between 0 and 100"),
        ({"period": "2024/25", "value": "-1", "reason": "x"}, "The target must be 0 or more"),
        ({"period": "2024/25", "value": "sixty", "reason": "x"}, "Enter the target as a number, for example 65.5"),
        ({"period": "2024/25", "value": "60", "reason": ""}, "Enter why this is the target"),
    ],
)
def test_a_target_that_does_not_make_sense_is_refused_with_a_clear_error_and_the_typing_kept(
    client, sign_in, indicator, data, message
):
    sign_in(Role.ANALYST)
    page = client.post(reverse("outcomes:targets", args=[indicator.code]), data).text
    assert "<title>Error: Targets" in page and message in page
    assert f'value="{data["period"]}"' in page
    assert not Target.objects.exists()


def test_a_month_s_target_is_typed_and_shown_as_pages_print_months(client, sign_in):
    home_area()
    waits = IndicatorFactory(code="waits", title="Children waiting more than 18 weeks", period_type="month")
    sign_in(Role.ANALYST)
    url = reverse("outcomes:targets", args=[waits.code])
    page = client.get(url).text
    assert "For example August 2026" in page
    assert (
        post_edit(client, url, {"period": "august  2026", "value": "20", "reason": "The plan's aim"}).status_code == 302
    )
    assert Target.objects.get().period == "2026-08"  # as facts name months, so that the target meets its month's fact
    post_edit(client, url, {"period": "2026-09", "value": "18", "reason": "The plan's aim"})
    page = client.get(url).text
    assert "August 2026" in page and "September 2026" in page and "2026-08" not in page and "2026-09" not in page
    assert "August 2026" in client.get(reverse("outcomes:indicator", args=[waits.code])).text
    refused = client.post(url, {"period": "Augtober 2026", "value": "20", "reason": "x"}).text
    assert "Enter the period in the form the facts use, for example August 2026" in refused


def test_only_managers_of_indicators_set_targets_or_owners(client, sign_in, indicator):
    for role in (Role.AREA_LEADER, Role.ACTION_OWNER, Role.ADVISER):
        sign_in(role)
        assert client.get(reverse("outcomes:targets", args=[indicator.code])).status_code == 403
        assert client.post(reverse("outcomes:owner", args=[indicator.code]), {}).status_code == 403


def test_a_new_owner_takes_over_the_open_exception_reports(client, sign_in, indicator):
    old, new = UserFactory(role=Role.ACTION_OWNER), UserFactory(role=Role.WORKSTREAM_LEAD)
    indicator.owner = old
    indicator.save()
    open_report = ExceptionReport.objects.create(indicator=indicator, period="2024/25", owner=old)
    closed = ExceptionReport.objects.create(indicator=indicator, period="2023/24", owner=old, status="closed")
    sign_in(Role.ANALYST)
    response = post_edit(client, reverse("outcomes:owner", args=[indicator.code]), {"owner": new.pk})
    assert response.status_code == 302
    indicator.refresh_from_db()
    open_report.refresh_from_db()
    closed.refresh_from_db()
    assert (indicator.owner, open_report.owner, closed.owner) == (new, new, old)
    # Someone whose role cannot comment is not offered.
    setting_user = UserFactory(role=Role.SETTING_USER)
    page = post_edit(client, reverse("outcomes:owner", args=[indicator.code]), {"owner": setting_user.pk}).text
    assert "Select the owner from the list" in page


def test_a_refresh_whose_worker_stopped_for_good_shows_as_failed_and_can_be_run_again(
    client, sign_in, indicator, settings
):
    from sendboard.core.jobs import jobs_recover
    from tests.jobs import stopped_process_token

    settings.SENDBOARD_JOBS_MAX_ATTEMPTS = 1
    sign_in(Role.ANALYST)
    location = client.post(reverse("outcomes:refresh"))["Location"]
    RefreshRun.objects.update(state=RefreshRun.State.RUNNING, runner=stopped_process_token(), attempts=1)
    assert "The refresh failed" not in client.get(location).text  # the page only reads
    jobs_recover()
    page = client.get(location).text
    assert (
        "The refresh failed" in page
        and "the worker running the refresh stopped" in page
        and "Run the refresh again" in page
    )
    run = RefreshRun.objects.get()
    assert run.state == RefreshRun.State.FAILED and run.finished_at is not None
    assert client.post(location)["Location"] == location
    assert RefreshRun.objects.get().state == RefreshRun.State.QUEUED
    sign_in(Role.AREA_LEADER)  # reads the outcomes, cannot run refreshes: no button, and a post is refused
    RefreshRun.objects.update(state=RefreshRun.State.FAILED)
    assert "Run the refresh again" not in client.get(location).text
    assert client.post(location).status_code == 403


def test_the_refresh_button_queues_the_engine_and_the_run_page_shows_progress_and_errors(
    client, sign_in, indicator, settings
):
    sign_in(Role.ANALYST)
    assert "Refresh the facts now" in client.get(reverse("outcomes:dashboard")).text
    response = client.post(reverse("outcomes:refresh"))
    run = RefreshRun.objects.get()
    assert (
        response["Location"] == reverse("outcomes:refresh-run", args=[run.pk]) and run.state == RefreshRun.State.QUEUED
    )
    queued = client.get(response["Location"])
    assert queued["Refresh"] == "2"  # the page refreshes itself while the run waits or runs, as every job page does
    assert (
        "Waiting to start" in queued.text
        and "This page refreshes itself every 2 seconds while the work runs" in queued.text
    )
    RefreshRun.objects.filter(pk=run.pk).update(
        state="failed", error="Failed while reading the inputs: the census extract is missing"
    )
    failed = client.get(response["Location"])
    assert "Refresh" not in failed
    page = failed.text
    assert "The refresh failed. The facts from the last successful refresh are still shown." in page
    assert "the census extract is missing" in page and "No refresh has succeeded yet." in page
    sign_in(Role.AREA_LEADER)
    assert "Refresh the facts now" not in client.get(reverse("outcomes:dashboard")).text


def test_comparison_codes_are_validated(client, sign_in, indicator):
    series(run=RefreshRunFactory(), indicator=indicator, values={"2024": "50"})
    sign_in(Role.AREA_LEADER)
    url = reverse("outcomes:indicator", args=[indicator.code])
    page = client.get(url + "?compare=E06000019,DROP+TABLE").text
    assert "<title>Error: Plans on time" in page and "Enter council area codes" in page
    page = client.get(url + "?compare=E06000019").text
    assert "Chosen for comparison" in page


def test_the_comparison_names_an_unknown_code_as_unknown_and_a_known_one_without_figures_as_not_published(
    client, sign_in, indicator
):
    from sendboard.statistics.models import StatisticalArea

    run = RefreshRunFactory()
    series(run=run, indicator=indicator, values={"2024": "50"})
    StatisticalArea.objects.create(
        code="E06000019", name="Herefordshire, County of", level="la", region_code="E12000005"
    )
    StatisticalArea.objects.create(code="E10000031", name="Warwickshire", level="la", region_code="E12000005")
    series(run=run, indicator=indicator, area_code="E10000031", values={"2024": "57"})
    sign_in(Role.AREA_LEADER)
    response = client.get(
        reverse("outcomes:indicator", args=[indicator.code]) + "?compare=E06000019,E10000031,E06999999"
    )
    page = Page(response)
    assert page.text("//*[@id='unknown-codes']") == (
        "E06999999 is not the code of an English council: check it against the list of areas and their codes."
    )
    assert page.text("//*[@id='not-published']") == (
        "Not published for this measure: Herefordshire, County of (E06000019)."
    )
    assert "check the area codes" not in response.text
    comparison = text_of(page.one("//*[@id='comparison']"))
    assert "Warwickshire" in comparison and "57.0%" in comparison


def test_the_indicator_page_links_the_plan_actions_that_use_it(client, sign_in, indicator):
    leader = UserFactory(role=Role.AREA_LEADER)
    inspection = plan_services.inspection_create(
        user=leader, framework="2023", kind="full", title="Inspection", outcome=""
    )
    plan = plan_services.plan_create(
        user=leader, inspection=inspection, kind="priority_action_plan", title="Plan", status="active"
    )
    workstream = plan_services.workstream_create(user=leader, plan=plan, number=1, title="Timeliness", leads=[leader])
    from datetime import date

    action = plan_services.action_create(
        user=leader,
        workstream=workstream,
        reference="1.2",
        title="Recruit caseworkers",
        owner=leader,
        organisation=leader.organisation,
        start_date=date(2026, 1, 5),
        due_date=date(2026, 9, 1),
    )
    measure = plan_services.measure_create(
        user=leader,
        action=action,
        description="Plans on time",
        unit="%",
        baseline=50,
        baseline_date=date(2026, 1, 5),
        target=65,
        target_date=date(2026, 9, 1),
    )
    indicator.success_measures.add(measure)
    sign_in(Role.HEALTH_SOCIAL_CARE)
    page = client.get(reverse("outcomes:indicator", args=[indicator.code])).text
    assert f'href="{reverse("plans:action", args=[action.pk])}">1.2 Recruit caseworkers</a>' in page


def test_the_home_page_links_to_the_dashboard_and_exception_reports(client, sign_in, indicator):
    sign_in(Role.ACTION_OWNER)
    page = client.get(reverse("core:home")).text
    assert reverse("outcomes:dashboard") in page and reverse("outcomes:exceptions") in page
    sign_in(Role.SETTING_USER, verified=True)
    assert reverse("outcomes:dashboard") not in client.get(reverse("core:home")).text
