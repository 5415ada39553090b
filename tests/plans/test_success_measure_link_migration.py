"""Moving the success-measure link to the plans side (plans 0006 and 0007, outcomes 0004) keeps every link."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

# Each state keeps the people migration (accounts 0002), so that users made in it have every column.
BEFORE = [
    ("plans", "0005_merge_plain_words_and_refusal_reasons"),
    ("outcomes", "0003_indicator_rate_is_per_100_pupils"),
    ("accounts", "0002_people_invitations_and_additional_roles"),
]
AFTER = [
    ("plans", "0007_success_measure_indicators_name"),
    ("outcomes", "0004_success_measure_link_on_plans_side"),
    ("accounts", "0002_people_invitations_and_additional_roles"),
]


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("latest_schema_after")
def test_links_made_from_the_indicator_side_survive_the_move():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    Indicator, SuccessMeasure = old.get_model("outcomes", "Indicator"), old.get_model("plans", "SuccessMeasure")
    Inspection, Plan = old.get_model("plans", "Inspection"), old.get_model("plans", "Plan")
    Workstream, Action = old.get_model("plans", "Workstream"), old.get_model("plans", "Action")
    inspection = Inspection.objects.create(framework="2023", kind="full", title="Inspection")
    plan = Plan.objects.create(inspection=inspection, kind="priority_action_plan", title="Plan")
    workstream = Workstream.objects.create(plan=plan, number=1, title="Workstream")
    organisation = old.get_model("accounts", "Organisation").objects.create(name="Council", kind="council")
    owner = old.get_model("accounts", "User").objects.create(
        username="owner", role="action_owner", organisation=organisation
    )
    action = Action.objects.create(
        workstream=workstream,
        reference="1.1",
        title="Action",
        owner=owner,
        organisation=organisation,
        start_date=date(2026, 1, 5),
        due_date=date(2026, 9, 1),
    )
    measures = [
        SuccessMeasure.objects.create(
            action=action,
            description=f"Measure {n}",
            baseline=1,
            baseline_date=date(2026, 1, 5),
            target=2,
            target_date=date(2026, 9, 1),
        )
        for n in range(3)
    ]
    first, second = Indicator.objects.order_by("code")[:2]
    first.success_measures.add(measures[0], measures[1])
    second.success_measures.add(measures[1])

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    moved = new.get_model("plans", "SuccessMeasure")
    links = {(m.description, code) for m in moved.objects.all() for code in m.indicators.values_list("code", flat=True)}
    assert links == {("Measure 0", first.code), ("Measure 1", first.code), ("Measure 1", second.code)}
    assert set(
        new.get_model("outcomes", "Indicator")
        .objects.get(pk=first.pk)
        .success_measures.values_list("description", flat=True)
    ) == {"Measure 0", "Measure 1"}
