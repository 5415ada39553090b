"""Bad input on the plans forms is refused with a clear message and nothing is lost (usability review, December
2026): a 50,000-character update, updates and monitoring visits dated 1990 or 2010, an .exe as evidence."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sendboard.accounts.roles import Role
from sendboard.plans import services
from sendboard.plans.models import Action, CoproductionRecord, Evidence, MonitoringVisit, Plan, ProgressUpdate
from tests.editing import post_edit
from tests.sessions import force_login_verified

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(date(2026, 12, 5)):
        yield


def _day(prefix: str, day: date) -> dict:
    return {f"{prefix}-day": str(day.day), f"{prefix}-month": str(day.month), f"{prefix}-year": str(day.year)}


@pytest.fixture
def inspected(small_plan, leader):
    """The inspection began on 5 March 2018."""
    services.inspection_event_record(
        user=leader, inspection=small_plan["inspection"], kind="on_site_started", day=date(2018, 3, 5)
    )
    return small_plan


def test_a_50000_character_update_is_refused_and_what_was_typed_is_kept(client, small_plan):
    force_login_verified(client, small_plan["owner"])
    typed = "w" * 50_000
    response = post_edit(
        client,
        reverse("plans:action-update", args=[small_plan["action"].pk]),
        {**_day("day", date(2026, 11, 2)), "summary": typed, "status": "in_progress"},
    )
    page = response.content.decode()
    assert "What has happened since the last update must be 5,000 characters or fewer" in page
    assert typed in page and not ProgressUpdate.objects.exists()


@pytest.mark.parametrize(
    ("name", "url", "data", "message"),
    [
        (
            "monitoring visit summary",
            lambda p: reverse("plans:monitoring", args=[p["plan"].pk]),
            {**_day("day", date(2026, 2, 20)), "attendees": "DfE adviser", "summary": "v" * 5001},
            "Summary must be 5,000 characters or fewer",
        ),
        (
            "action title",
            lambda p: reverse("plans:action-new", args=[p["workstream"].pk]),
            {"reference": "1.9", "title": "t" * 301},
            "Title must be 300 characters or fewer",
        ),
        (
            "finding text",
            lambda p: reverse("plans:finding-new", args=[p["inspection"].pk]),
            {"kind": "significant_weakness", "reference": "b", "text": "f" * 5001},
            "Finding as the report states it must be 5,000 characters",
        ),
        (
            "co-production",
            lambda p: reverse("plans:action-coproduction", args=[p["action"].pk]),
            {**_day("day", date(2026, 2, 3)), "with_whom": "w" * 301, "what_changed": "x"},
            "With whom must be 300 characters or fewer",
        ),
    ],
)
def test_over_long_text_on_each_plans_form_is_refused_with_its_limit(
    client, sign_in, small_plan, name, url, data, message
):
    sign_in(Role.ADMINISTRATOR)
    page = client.post(url(small_plan), data).content.decode()
    assert message in page and "There is a problem" in page


@pytest.mark.parametrize("year", [1990, 2010])
def test_a_progress_update_dated_before_the_action_started_is_refused(client, small_plan, year):
    force_login_verified(client, small_plan["owner"])
    page = post_edit(
        client,
        reverse("plans:action-update", args=[small_plan["action"].pk]),
        {**_day("day", date(year, 6, 1)), "summary": "Backdated", "status": "in_progress"},
    ).content.decode()
    assert "The date of the update must be on or after 5 January 2026, when the action started" in page
    assert "Backdated" in page and not ProgressUpdate.objects.exists()


@pytest.mark.parametrize("year", [1990, 2010])
def test_a_monitoring_visit_dated_before_the_inspection_began_is_refused(client, sign_in, inspected, year):
    sign_in(Role.ADVISER)
    page = client.post(
        reverse("plans:monitoring", args=[inspected["plan"].pk]),
        {**_day("day", date(year, 6, 1)), "attendees": "DfE adviser", "summary": "Old visit"},
    ).content.decode()
    assert "The date of the visit must be on or after 5 March 2018, when the inspection began" in page
    assert not MonitoringVisit.objects.exists()


def test_a_monitoring_visit_in_the_future_is_refused(client, sign_in, inspected):
    sign_in(Role.ADVISER)
    page = client.post(
        reverse("plans:monitoring", args=[inspected["plan"].pk]),
        {**_day("day", date(2027, 1, 6)), "attendees": "DfE adviser", "summary": "Next visit"},
    ).content.decode()
    assert "The date of the visit must be today or in the past" in page and not MonitoringVisit.objects.exists()


@pytest.mark.parametrize(
    ("start", "due", "message"),
    [
        (
            date(2010, 1, 1),
            date(2026, 12, 1),
            "The start date must be on or after 5 March 2018, when the inspection began",
        ),
        (date(2026, 1, 1), date(2099, 12, 1), "The due date must be before 5 December 2036"),
    ],
)
def test_action_dates_before_the_inspection_or_in_the_far_future_are_refused(
    client, sign_in, inspected, start, due, message
):
    sign_in(Role.AREA_LEADER)
    new = client.post(
        reverse("plans:action-new", args=[inspected["workstream"].pk]),
        {
            "reference": "1.9",
            "title": "Dated",
            "owner": inspected["owner"].pk,
            **_day("start_date", start),
            **_day("due_date", due),
        },
    )
    assert message in new.content.decode() and not Action.objects.filter(reference="1.9").exists()
    edit = post_edit(
        client,
        reverse("plans:action-edit", args=[inspected["action"].pk]),
        {"title": "Dated", **_day("start_date", start), **_day("due_date", due)},
    )
    assert (
        message in edit.content.decode()
        and Action.objects.get(pk=inspected["action"].pk).title == "Rebuild the website"
    )


def test_co_production_and_measure_values_are_checked_against_what_they_belong_to(client, inspected):
    force_login_verified(client, inspected["owner"])
    base = f"/plans/actions/{inspected['action'].pk}/"
    page = client.post(
        base + "coproduction/new/", {**_day("day", date(1990, 1, 1)), "with_whom": "Forum", "what_changed": "x"}
    ).text
    assert (
        "The date must be on or after 5 March 2018, when the inspection began" in page
        and not CoproductionRecord.objects.exists()
    )
    measure = services.measure_create(
        user=inspected["owner"],
        action=inspected["action"],
        description="Visits",
        unit="",
        baseline=1,
        baseline_date=date(2026, 1, 1),
        target=5,
        target_date=date(2027, 1, 1),
    )
    page = client.post(
        base + "measures/value/", {"measure": measure.pk, **_day("day", date(2025, 6, 1)), "value": "3"}
    ).text
    assert "The date of the value must be on or after 1 January 2026, the date of the baseline" in page
    assert not measure.actuals.exists()


def test_an_inspection_date_before_the_send_reforms_is_refused(client, sign_in, small_plan):
    sign_in(Role.AREA_LEADER)
    page = client.post(
        reverse("plans:event-new", args=[small_plan["inspection"].pk]),
        {"kind": "on_site_started", **_day("day", date(2010, 3, 5))},
    ).text
    assert "The date must be on or after 1 September 2014, when the SEND reforms began" in page


PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("setup.exe", b"MZ\x90\x00" + b"\x00" * 100, "The evidence file must be a PDF, Word (.docx), Excel (.xlsx)"),
        ("report.pdf", b"MZ\x90\x00" + b"\x00" * 100, "The evidence file is not a real PDF file"),
    ],
)
def test_an_executable_as_evidence_is_refused_and_nothing_is_recorded(
    client, small_plan, settings, tmp_path, name, content, message
):
    settings.MEDIA_ROOT = tmp_path
    force_login_verified(client, small_plan["owner"])
    page = post_edit(
        client,
        reverse("plans:action-update", args=[small_plan["action"].pk]),
        {
            **_day("day", date(2026, 11, 2)),
            "summary": "Evidence attached",
            "status": "in_progress",
            "evidence_file": SimpleUploadedFile(name, content),
        },
    ).content.decode()
    assert message in page and not ProgressUpdate.objects.exists() and not Evidence.objects.exists()


def test_a_document_is_accepted_and_served_back_only_as_a_download_the_browser_must_not_sniff(
    client, small_plan, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    force_login_verified(client, small_plan["owner"])
    response = post_edit(
        client,
        reverse("plans:action-update", args=[small_plan["action"].pk]),
        {
            **_day("day", date(2026, 11, 2)),
            "summary": "Report attached",
            "status": "in_progress",
            "evidence_title": "Audit",
            "evidence_file": SimpleUploadedFile("audit.pdf", PDF),
        },
    )
    assert response.status_code == 302
    download = client.get(reverse("plans:evidence-file", args=[Evidence.objects.get().pk]))
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Disposition"].startswith("attachment;")
    assert b"".join(download.streaming_content) == PDF


def test_closing_a_plan_asks_first_and_going_back_changes_nothing(client, sign_in, small_plan):
    sign_in(Role.AREA_LEADER)
    plan = small_plan["plan"]
    plan_page = client.get(reverse("plans:plan", args=[plan.pk])).content.decode()
    status_url = reverse("plans:plan-status", args=[plan.pk])
    assert f'href="{status_url}"' in plan_page and f'action="{status_url}"' not in plan_page
    question = client.get(status_url).content.decode()
    assert "Are you sure you want to close this plan?" in question and "No, go back to the plan" in question
    assert Plan.objects.get(pk=plan.pk).status == "active"
    assert post_edit(client, status_url, {"status": "closed"}).status_code == 302
    assert Plan.objects.get(pk=plan.pk).status == "closed"
    assert "Are you sure you want to reopen this plan?" in client.get(status_url).content.decode()


def test_board_pack_dates_use_the_govuk_date_input(client, sign_in, small_plan):
    sign_in(Role.AREA_LEADER)
    url = reverse("plans:board-pack", args=[small_plan["plan"].pk])
    page = client.get(
        url, {"period_end-day": "31", "period_end-month": "10", "period_end-year": "2026"}
    ).content.decode()
    assert 'type="date"' not in page and 'name="period_end-day"' in page and 'value="31"' in page
    assert "Period 1 October 2026 to 31 October 2026" in page
    wrong = client.get(
        url, {"period_end-day": "31", "period_end-month": "11", "period_end-year": "2026"}
    ).content.decode()
    assert "The last day of the reporting period must be a real date" in wrong and "<title>Error: Board pack" in wrong


def test_an_evidence_link_that_is_not_a_web_address_is_refused(client, small_plan):
    force_login_verified(client, small_plan["owner"])
    page = post_edit(
        client,
        reverse("plans:action-update", args=[small_plan["action"].pk]),
        {
            **_day("day", date(2026, 11, 2)),
            "summary": "Linked",
            "status": "in_progress",
            "evidence_link": "the shared drive",
        },
    ).content.decode()
    assert "Enter a web address in the correct format, like https://www.example.org.uk" in page
    assert "the shared drive" in page and not ProgressUpdate.objects.exists()


def test_a_success_measure_dated_before_the_send_reforms_or_far_ahead_is_refused(client, small_plan):
    force_login_verified(client, small_plan["owner"])
    url = reverse("plans:action-measure", args=[small_plan["action"].pk])
    data = {"description": "Visits", "unit": "number", "baseline": "100", "target": "500"}
    early = client.post(
        url, {**data, **_day("baseline_date", date(2010, 1, 1)), **_day("target_date", date(2027, 1, 1))}
    ).text
    assert "The baseline date must be on or after 1 September 2014, when the SEND reforms began" in early
    late = client.post(
        url, {**data, **_day("baseline_date", date(2026, 1, 1)), **_day("target_date", date(2099, 1, 1))}
    ).text
    assert "The target date must be before 5 December 2036" in late
    assert not small_plan["action"].measures.exists()
