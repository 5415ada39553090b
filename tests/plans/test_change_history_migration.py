"""Moving the plans app's own change history into the one history (plans 0009, ADR 0115) keeps every entry:
who, when, what, before, after and the reason, read back under the same rule, action, inspection and plan."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

# Each state keeps the people migration (accounts 0002), so that users made in it have every column.
BEFORE = [
    ("plans", "0008_one_job_model"),
    ("audit", "0002_change_history"),
    ("accounts", "0002_people_invitations_and_additional_roles"),
]
AFTER = [("plans", "0009_change_history_kept_by_audit"), ("accounts", "0002_people_invitations_and_additional_roles")]
WHEN = datetime(2024, 3, 1, 9, 30, tzinfo=UTC)


def _old_history(apps):
    Inspection, Plan = apps.get_model("plans", "Inspection"), apps.get_model("plans", "Plan")
    Workstream, Action = apps.get_model("plans", "Workstream"), apps.get_model("plans", "Action")
    ChangeRecord, MilestoneRule = apps.get_model("plans", "ChangeRecord"), apps.get_model("plans", "MilestoneRule")
    organisation = apps.get_model("accounts", "Organisation").objects.create(name="Council", kind="council")
    owner = apps.get_model("accounts", "User").objects.create(
        username="owner", role="action_owner", organisation=organisation
    )
    inspection = Inspection.objects.create(framework="2023", kind="full", title="Inspection")
    plan = Plan.objects.create(inspection=inspection, kind="priority_action_plan", title="Plan")
    workstream = Workstream.objects.create(plan=plan, number=1, title="Workstream")
    action = Action.objects.create(
        workstream=workstream,
        reference="1.1",
        title="Action",
        owner=owner,
        organisation=organisation,
        start_date=date(2026, 1, 5),
        due_date=date(2026, 9, 1),
    )
    rule = MilestoneRule.objects.order_by("pk").first()
    records = [
        ChangeRecord.objects.create(
            plan=plan,
            action=action,
            what="Action changed",
            before={"status": "not_started"},
            after={"status": "in_progress"},
            changed_by=owner,
        ),
        ChangeRecord.objects.create(
            rule=rule,
            what="Milestone rule changed",
            before={"count": 70},
            after={"count": 60},
            reason="Handbook changed",
            changed_by=owner,
        ),
        ChangeRecord.objects.create(inspection=inspection, what="Finding recorded", after={"reference": "a"}),
        ChangeRecord.objects.create(
            plan=plan, what="Plan status", before={"status": "draft"}, after={"status": "open"}, changed_by=owner
        ),
    ]
    ChangeRecord.objects.update(changed_at=WHEN)
    return {
        "owner": owner.pk,
        "inspection": inspection.pk,
        "plan": plan.pk,
        "action": action.pk,
        "rule": rule.pk,
        "count": len(records),
    }


def _moved(apps, made):
    Change = apps.get_model("audit", "Change")
    return sorted(
        (
            c.what,
            c.subject_type.model,
            c.subject_id,
            c.within_type.model if c.within_type_id else None,
            c.within_id,
            c.before,
            c.after,
            c.reason,
            c.changed_by_id,
            c.changed_at,
        )
        for c in Change.objects.select_related("subject_type", "within_type")
    )


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("latest_schema_after")
def test_every_plans_change_moves_into_the_one_history_and_back():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    made = _old_history(executor.loader.project_state(BEFORE).apps)

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    moved = _moved(executor.loader.project_state(AFTER).apps, made)
    owner, plan, action = made["owner"], str(made["plan"]), str(made["action"])
    assert moved == sorted(
        [
            (
                "Action changed",
                "action",
                action,
                "plan",
                plan,
                {"status": "not_started"},
                {"status": "in_progress"},
                "",
                owner,
                WHEN,
            ),
            (
                "Milestone rule changed",
                "milestonerule",
                str(made["rule"]),
                None,
                "",
                {"count": 70},
                {"count": 60},
                "Handbook changed",
                owner,
                WHEN,
            ),
            (
                "Finding recorded",
                "inspection",
                str(made["inspection"]),
                None,
                "",
                {},
                {"reference": "a"},
                "",
                None,
                WHEN,
            ),
            ("Plan status", "plan", plan, None, "", {"status": "draft"}, {"status": "open"}, "", owner, WHEN),
        ]
    )

    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    back = old.get_model("plans", "ChangeRecord").objects.order_by("what")
    assert [
        (
            r.what,
            r.plan_id,
            r.action_id,
            r.rule_id,
            r.inspection_id,
            r.before,
            r.after,
            r.reason,
            r.changed_by_id,
            r.changed_at,
        )
        for r in back
    ] == [
        (
            "Action changed",
            made["plan"],
            made["action"],
            None,
            None,
            {"status": "not_started"},
            {"status": "in_progress"},
            "",
            owner,
            WHEN,
        ),
        ("Finding recorded", None, None, None, made["inspection"], {}, {"reference": "a"}, "", None, WHEN),
        (
            "Milestone rule changed",
            None,
            None,
            made["rule"],
            None,
            {"count": 70},
            {"count": 60},
            "Handbook changed",
            owner,
            WHEN,
        ),
        ("Plan status", made["plan"], None, None, None, {"status": "draft"}, {"status": "open"}, "", owner, WHEN),
    ]
    assert not old.get_model("audit", "Change").objects.exists()
