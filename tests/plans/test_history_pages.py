"""The plan, action and rule pages read the one history (ADR 0115) back in words: who, what changed from what
to what, and why."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from sendboard.accounts.roles import Role
from sendboard.plans import services
from sendboard.plans.models import MilestoneRule
from tests.factories import UserFactory
from tests.html import page, table_rows, text_of
from tests.sessions import force_login_verified

pytestmark = pytest.mark.django_db


@time_machine.travel(date(2027, 1, 10), tick=False)  # after the fixture made the plan
def test_an_actions_history_says_what_changed_from_what_to_what_and_why(client, small_plan, leader):
    owner, action = small_plan["owner"], small_plan["action"]
    services.progress_update_record(
        user=owner, action=action, day=date(2026, 2, 1), summary="Started", status="in_progress"
    )
    services.action_rag_override_set(
        user=owner, action=action, rag="red", reason="Supplier has gone into administration"
    )
    force_login_verified(client, leader)
    rows = table_rows(client.get(reverse("plans:action", args=[action.pk])).content, "Every change to this action")
    # Each "What" cell is the change, then each value changed (in the order the database returns them: PostgreSQL's
    # JSON keeps its own order, so they are compared as a set).
    assert [(who, what.split("; ")[0], set(what.split("; ")[1:]), reason) for _when, who, what, reason in rows] == [
        (owner.display_name, "RAG override", {"RAG override: none → Red"}, "Supplier has gone into administration"),
        (owner.display_name, "Progress update", {"Date: 1 February 2026", "RAG: Green"}, "–"),
        (owner.display_name, "Action changed", {"Status: Not started → In progress"}, "–"),
        (
            leader.display_name,
            "Action added",
            {"Reference: 1.1", "Title: Rebuild the website", "Start date: 5 January 2026", "Due date: 31 March 2027"},
            "–",
        ),
    ]


def test_a_plans_recent_changes_name_the_action_each_was_to(client, small_plan, leader):
    services.action_update(
        user=small_plan["owner"], action=small_plan["action"], title="Rebuild the Local Offer website"
    )
    force_login_verified(client, leader)
    document = page(client.get(reverse("plans:plan", args=[small_plan["plan"].pk])).content)
    heading = next(h for h in document.iter("h2") if text_of(h) == "Recent changes")
    items = [text_of(li).split(": ", 1)[1] for li in heading.getnext().iter("li")]
    assert items == [
        f"Action changed (1.1) by {small_plan['owner'].display_name}",
        f"Action added (1.1) by {leader.display_name}",
        f"Workstream added by {leader.display_name}",
        f"Plan created by {leader.display_name}",
    ]


@time_machine.travel(date(2018, 11, 1), tick=False)
def test_a_rules_history_reads_its_own_labels_and_the_reason(client):
    admin = UserFactory(role=Role.ADMINISTRATOR)
    rule = MilestoneRule.objects.get(code="wsoa-submit")
    services.milestone_rule_update(user=admin, rule=rule, reason="Handbook changed", count=60)
    force_login_verified(client, admin)
    document = page(client.get(reverse("plans:rule-edit", args=[rule.pk])).content)
    heading = next(h for h in document.iter("h2") if text_of(h) == "History")
    assert (
        text_of(heading.getnext()).split(", ", 1)[1]
        == f"{admin.display_name}: Count: 70 → 60. Reason: Handbook changed"
    )
