"""The plans board pack (page and PDF) shows the outcomes exception reports: indicator, period, value against
target, and the commentary with who gave it and when (or who it is awaited from)."""

import io
from datetime import date, datetime
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from sendboard.accounts.roles import Role
from sendboard.outcomes.models import ExceptionReport
from sendboard.plans import services as plan_services
from sendboard.plans.models import ReportJob
from tests.factories import UserFactory
from tests.html import table_rows
from tests.jobs import run_queued_jobs
from tests.outcomes.fact_factories import IndicatorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(db):
    leader = UserFactory(role=Role.AREA_LEADER)
    inspection = plan_services.inspection_create(
        user=leader, framework="2023", kind="full", title="Area SEND inspection", outcome="widespread_failings"
    )
    return plan_services.plan_create(
        user=leader, inspection=inspection, kind="priority_action_plan", title="Improvement plan", status="active"
    )


@pytest.fixture
def reports(db):
    commenter = UserFactory(role=Role.ACTION_OWNER, first_name="Priya", last_name="Shah")
    waiting_on = UserFactory(role=Role.WORKSTREAM_LEAD, first_name="Tom", last_name="Reed")
    on_time = IndicatorFactory(title="New EHC plans issued within 20 weeks")
    waits = IndicatorFactory(
        title="Children waiting over 18 weeks for speech and language therapy", unit="count", polarity="lower"
    )
    closed = IndicatorFactory(title="Annual reviews on time")
    ExceptionReport.objects.create(
        indicator=on_time,
        period="2024",
        value=Decimal("48.25"),
        target=Decimal(65),
        owner=commenter,
        status="commented",
        commentary="Two caseworker posts were vacant until March",
        commentary_by=commenter,
        commentary_at=timezone.make_aware(datetime(2026, 2, 10, 9, 30)),
    )
    ExceptionReport.objects.create(
        indicator=waits, period="2025-01", value=Decimal(212), target=Decimal(150), owner=waiting_on
    )
    ExceptionReport.objects.create(
        indicator=closed, period="2024", value=Decimal(40), target=Decimal(90), status="closed", commentary="Old news"
    )


def test_the_board_pack_page_shows_exception_commentary(client, sign_in, plan, reports):
    sign_in(Role.AREA_LEADER)
    page = client.get(reverse("plans:board-pack", args=[plan.pk]) + "?period_end=2026-02-28").text
    assert "Outcomes exception reports" in page
    # 48.25 shown as the percent unit shows it: 48.3% against 65.0%.
    assert "New EHC plans issued within 20 weeks" in page and "48.3% (65.0%)" in page
    assert "Two caseworker posts were vacant until March (Priya Shah, 10 February 2026 at 09:30)" in page
    assert "212 (150)" in page and "Awaiting commentary from Tom Reed." in page
    assert "Annual reviews on time" not in page and "Old news" not in page


def test_the_board_pack_pdf_shows_exception_commentary(client, sign_in, plan, reports, settings):
    sign_in(Role.AREA_LEADER)
    client.post(reverse("plans:board-pack", args=[plan.pk]) + "?period_end=2026-02-28")
    assert run_queued_jobs() == 1
    job = ReportJob.objects.get()
    pdf = client.get(reverse("plans:report-job", args=[job.pk]) + "?download=1")
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    flat = " ".join(text.split())
    assert "Outcomes exception reports" in flat
    assert "Two caseworker posts were vacant until March (Priya Shah" in flat and "48.3% (65.0%)" in flat
    assert "Awaiting commentary from Tom Reed" in flat
    assert "Old news" not in flat


def test_a_success_measure_linked_to_an_indicator_shows_the_indicator_s_figures_not_typed_ones(client, sign_in, plan):
    from tests.outcomes.fact_factories import FactFactory, RefreshRunFactory, home_area

    leader = UserFactory(role=Role.AREA_LEADER)
    workstream = plan_services.workstream_create(
        user=leader, plan=plan, number=2, title="Quality of plans", leads=[leader]
    )
    action = plan_services.action_create(
        user=leader,
        workstream=workstream,
        reference="2.1",
        title="Audit plans",
        owner=leader,
        organisation=leader.organisation,
        start_date=date(2026, 1, 5),
        due_date=date(2026, 12, 1),
    )
    linked = plan_services.measure_create(
        user=leader,
        action=action,
        description="EHC plans audited as good or better",
        unit="%",
        baseline=Decimal("40.00"),
        baseline_date=date(2026, 1, 5),
        target=Decimal("80.00"),
        target_date=date(2026, 12, 1),
    )
    typed = plan_services.measure_create(
        user=leader,
        action=action,
        description="Audits completed",
        unit="number",
        baseline=Decimal("10.00"),
        baseline_date=date(2026, 1, 5),
        target=Decimal("52.50"),
        target_date=date(2026, 12, 1),
    )
    for measure, value in ((linked, "47"), (typed, "31")):
        plan_services.measure_actual_record(user=leader, measure=measure, day=date(2026, 10, 31), value=Decimal(value))
    audits = IndicatorFactory(title="EHC plans audited as good or better", period_type="financial_year")
    audits.success_measures.add(linked)
    home_area()
    run = RefreshRunFactory()
    FactFactory(run=run, indicator=audits, period="2024-25", period_end=date(2025, 3, 31), value=Decimal("44.25"))
    FactFactory(run=run, indicator=audits, period="2025-26", period_end=date(2026, 3, 31), value=Decimal("52.1"))
    FactFactory(
        run=run, indicator=audits, period="2026-27", period_end=date(2027, 3, 31), value=Decimal("60")
    )  # after the pack
    sign_in(Role.AREA_LEADER)
    response = client.get(reverse("plans:board-pack", args=[plan.pk]) + "?period_end=2026-10-31")
    rows = {row[0]: row[1:] for row in table_rows(response.content, "Success measures: movement")}
    # Baseline and target as typed, without trailing zeros; the latest and previous from the indicator.
    linked_name = (
        "EHC plans audited as good or better (%) From the indicator “EHC plans audited as good or better”, 2025-26"
    )
    assert rows[linked_name] == ["40", "44.3%", "52.1%", "80"]
    assert rows["Audits completed (number)"] == ["10", "10", "31", "52.5"]
    assert "47.00" not in response.text
    with time_machine.travel(date(2026, 12, 5), tick=False):  # the 2026-27 figure (to 31 March 2027) is not in yet
        action_page = client.get(reverse("plans:action", args=[linked.action_id])).text
    assert (
        "Measured by the indicator" in action_page
        and "EHC plans audited as good or better</a>: 52.1% in 2025-26" in action_page
    )
