"""Statutory milestones from rules stored as data: due dates, actual dates, recomputation on a rule change."""

from datetime import date

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from sendboard.accounts.roles import Role
from sendboard.audit.selectors import changes_to
from sendboard.core.models import NonWorkingDay
from sendboard.plans import services
from sendboard.plans.models import Milestone, MilestoneRule
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _milestones(inspection):
    return {
        (m.rule.code, m.sequence): (m.due_date, m.actual_date, m.met)
        for m in inspection.milestones.select_related("rule")
    }


@pytest.fixture
def admin(db):
    return UserFactory(role=Role.ADMINISTRATOR)


@time_machine.travel(date(2018, 11, 1), tick=False)
def test_the_2016_milestones_follow_the_events_as_they_are_recorded(leader):
    inspection = services.inspection_create(
        user=leader, framework="2016", kind="full", title="I", outcome="wsoa_required"
    )
    assert _milestones(inspection) == {}
    services.inspection_event_record(user=leader, inspection=inspection, kind="report_received", day=date(2018, 5, 16))
    assert _milestones(inspection) == {("wsoa-submit", 1): (date(2018, 8, 23), None, None)}
    services.inspection_event_record(user=leader, inspection=inspection, kind="report_published", day=date(2018, 5, 16))
    services.inspection_event_record(
        user=leader, inspection=inspection, kind="statement_submitted", day=date(2018, 8, 20)
    )
    services.inspection_event_record(
        user=leader, inspection=inspection, kind="statement_found_not_fit", day=date(2018, 9, 3)
    )
    milestones = _milestones(inspection)
    assert milestones[("wsoa-submit", 1)] == (date(2018, 8, 23), date(2018, 8, 20), True)
    assert milestones[("wsoa-evaluate", 1)] == (date(2018, 9, 4), date(2018, 9, 3), True)
    # Resubmission is due only once a statement is found not fit for purpose: 20 working days after.
    assert milestones[("wsoa-resubmit", 1)] == (date(2018, 10, 1), None, None)
    assert milestones[("advice-to-minister", 1)] == (date(2019, 5, 16), None, None)
    assert milestones[("dfe-nhse-monitoring", 1)] == (date(2018, 8, 16), None, None)


@time_machine.travel(date(2019, 6, 1), tick=False)
def test_quarterly_monitoring_recurs_from_each_visit(leader):
    inspection = services.inspection_create(
        user=leader, framework="2016", kind="full", title="I", outcome="wsoa_required"
    )
    for day in [date(2018, 5, 16), date(2018, 9, 5), date(2018, 12, 11)]:
        kind = "report_published" if day.month == 5 else "monitoring_visit"
        services.inspection_event_record(user=leader, inspection=inspection, kind=kind, day=day)
    monitoring = {k[1]: v for k, v in _milestones(inspection).items() if k[0] == "dfe-nhse-monitoring"}
    assert monitoring == {
        1: (date(2018, 8, 16), date(2018, 9, 5), False),
        2: (date(2018, 12, 5), date(2018, 12, 11), False),
        3: (date(2019, 3, 11), None, None),
    }


@time_machine.travel(date(2023, 9, 1), tick=False)
def test_2023_rules_apply_by_outcome(leader):
    outcome_2 = services.inspection_create(user=leader, framework="2023", kind="full", title="Two", outcome="outcome_2")
    outcome_3 = services.inspection_create(
        user=leader, framework="2023", kind="full", title="Three", outcome="outcome_3"
    )
    for inspection in (outcome_2, outcome_3):
        services.inspection_event_record(
            user=leader, inspection=inspection, kind="report_published", day=date(2023, 5, 4)
        )
    assert set(_milestones(outcome_2)) == {("strategic-plan-update", 1), ("engagement-meeting", 1)}
    three = _milestones(outcome_3)
    # 30 working days from Thursday 4 May 2023 skip the coronation (8 May) and late May (29 May) holidays.
    assert three[("priority-action-plan", 1)][0] == date(2023, 6, 19)
    assert three[("monitoring-inspection", 1)][0] == date(2024, 11, 4)
    services.inspection_outcome_set(user=leader, inspection=outcome_2, outcome="outcome_3")
    assert ("priority-action-plan", 1) in _milestones(outcome_2)


@time_machine.travel(date(2018, 11, 1), tick=False)
def test_a_changed_rule_recomputes_due_dates_and_never_touches_actual_dates(leader, admin):
    inspection = services.inspection_create(
        user=leader, framework="2016", kind="full", title="I", outcome="wsoa_required"
    )
    services.inspection_event_record(user=leader, inspection=inspection, kind="report_received", day=date(2018, 5, 16))
    services.inspection_event_record(
        user=leader, inspection=inspection, kind="statement_submitted", day=date(2018, 8, 20)
    )
    rule = MilestoneRule.objects.get(code="wsoa-submit")
    services.milestone_rule_update(user=admin, rule=rule, reason="Handbook changed", count=60)
    assert _milestones(inspection)[("wsoa-submit", 1)] == (date(2018, 8, 9), date(2018, 8, 20), False)
    services.milestone_rule_update(
        user=admin, rule=rule, reason="Counted in calendar days now", unit="calendar_days", count=100
    )
    assert _milestones(inspection)[("wsoa-submit", 1)] == (date(2018, 8, 24), date(2018, 8, 20), True)
    history = list(changes_to(rule).order_by("id").values_list("reason", "changed_by", "before", "after"))
    assert history[0] == ("Handbook changed", admin.pk, {"count": 70}, {"count": 60})
    assert history[1][0] == "Counted in calendar days now"


@time_machine.travel(date(2018, 11, 1), tick=False)
def test_a_rule_change_without_a_reason_or_by_a_non_administrator_changes_nothing(leader, admin):
    inspection = services.inspection_create(
        user=leader, framework="2016", kind="full", title="I", outcome="wsoa_required"
    )
    services.inspection_event_record(user=leader, inspection=inspection, kind="report_received", day=date(2018, 5, 16))
    rule = MilestoneRule.objects.get(code="wsoa-submit")
    with pytest.raises(ValidationError, match="why the rule is changing"):
        services.milestone_rule_update(user=admin, rule=rule, reason="  ", count=1)
    with pytest.raises(PermissionDenied):
        services.milestone_rule_update(user=leader, rule=rule, reason="Because", count=1)
    rule.refresh_from_db()
    assert rule.count == 70
    assert Milestone.objects.get(inspection=inspection).due_date == date(2018, 8, 23)


@time_machine.travel(date(2018, 11, 1), tick=False)
def test_a_local_non_working_day_moves_due_dates_when_milestones_are_recomputed(leader):
    inspection = services.inspection_create(
        user=leader, framework="2016", kind="full", title="I", outcome="wsoa_required"
    )
    NonWorkingDay.objects.create(date=date(2018, 6, 1), reason="County closure", created_by=leader)
    services.inspection_event_record(user=leader, inspection=inspection, kind="report_received", day=date(2018, 5, 16))
    assert Milestone.objects.get(inspection=inspection).due_date == date(2018, 8, 24)


@time_machine.travel(date(2018, 11, 1), tick=False)
def test_an_event_in_the_future_is_refused(leader):
    inspection = services.inspection_create(
        user=leader, framework="2016", kind="full", title="I", outcome="wsoa_required"
    )
    with pytest.raises(ValidationError, match="today or in the past"):
        services.inspection_event_record(
            user=leader, inspection=inspection, kind="report_received", day=date(2018, 11, 2)
        )
    assert not inspection.events.exists()


def test_the_shipped_rules_are_the_seeds_annex_and_the_2023_framework(db):
    rules = {r.code: (r.framework, r.anchor_event, r.unit, r.count, r.recurring) for r in MilestoneRule.objects.all()}
    assert rules["wsoa-submit"] == ("2016", "report_received", "working_days", 70, False)
    assert rules["wsoa-evaluate"] == ("2016", "statement_submitted", "working_days", 10, False)
    assert rules["wsoa-resubmit"] == ("2016", "statement_found_not_fit", "working_days", 20, False)
    assert rules["dfe-nhse-monitoring"] == ("2016", "report_published", "months", 3, True)
    assert rules["advice-to-minister"] == ("2016", "report_published", "months", 12, False)
    assert {code for code, r in rules.items() if r[0] == "2023"} == {
        "strategic-plan-update",
        "priority-action-plan",
        "monitoring-inspection",
        "engagement-meeting",
    }
    assert all(rule.source for rule in MilestoneRule.objects.all())
