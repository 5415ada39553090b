"""Given a register whose steps were computed with the 2025 timescales, when the 2026 rules are loaded by their
migration, then every child's steps are recomputed and the count of due dates that moved is reported."""

from __future__ import annotations

import importlib
from datetime import date

import pytest
from django.apps import apps

from sendboard.casework import reference
from sendboard.casework.models import StatutoryStep, TimescaleRule
from sendboard.casework.services import steps_refresh
from tests.casework.helpers import make_case

pytestmark = pytest.mark.django_db
MIGRATION = importlib.import_module("sendboard.casework.migrations.0008_timescales_2026_recompute")


def _amended_under_2025_rules():
    TimescaleRule.objects.all().delete()
    reference.load_timescales("timescales_2025.json", TimescaleRule)
    child = make_case(
        received=date(2023, 9, 1),
        decided=date(2023, 10, 2),
        outcome="Y",
        assessment_outcome="Y",
        assessed=date(2024, 1, 10),
        plan_start=date(2024, 1, 19),
        review_meeting=date(2025, 12, 31),
        review_outcome="A",
        last_review=date(2026, 1, 20),
    )
    steps_refresh(child_ids=[child.id], as_of=date(2026, 2, 1))
    return child


def test_the_migration_moves_the_amended_plan_to_eight_weeks_from_the_notice(capsys):
    child = _amended_under_2025_rules()
    assert StatutoryStep.objects.get(child=child, step="amended_plan").due_date == date(2026, 2, 17)
    MIGRATION.load_and_recompute(apps, None)
    assert StatutoryStep.objects.get(child=child, step="amended_plan").due_date == date(2026, 3, 17)


def test_the_migration_reports_how_many_due_dates_changed(capsys):
    _amended_under_2025_rules()
    MIGRATION.load_and_recompute(apps, None)
    assert "1 due dates changed" in capsys.readouterr().out


def test_a_recorded_breach_reason_survives_the_recompute():
    child = _amended_under_2025_rules()
    StatutoryStep.objects.filter(child=child, step="review_decision").update(breach_reason="PANEL")
    MIGRATION.load_and_recompute(apps, None)
    assert StatutoryStep.objects.get(child=child, step="review_decision").breach_reason == "PANEL"
