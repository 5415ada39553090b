import io
from datetime import date

import pytest

from sendboard.accounts.models import User
from sendboard.accounts.roles import Role
from sendboard.demo.area import demo_area_load
from sendboard.plans import demo, services
from sendboard.plans.models import Plan
from tests.factories import OrganisationFactory, UserFactory


@pytest.fixture
def demo_loaded(db):
    demo_area_load()
    demo.load_demo(stdout=io.StringIO())
    return Plan.objects.get()


@pytest.fixture
def leader(db):
    return UserFactory(role=Role.AREA_LEADER)


@pytest.fixture
def small_plan(leader):
    """One inspection, one finding, one workstream led jointly by two organisations, one action."""
    inspection = services.inspection_create(
        user=leader, framework="2016", kind="full", title="Test inspection", outcome="wsoa_required"
    )
    finding = services.finding_create(
        user=leader,
        inspection=inspection,
        kind="significant_weakness",
        reference="a",
        text="The local offer was poor",
        plain_english="The website was poor",
    )
    plan = services.plan_create(user=leader, inspection=inspection, kind="wsoa", title="Test plan", status="active")
    health_lead = UserFactory(role=Role.WORKSTREAM_LEAD, organisation=OrganisationFactory(name="Test ICB", kind="icb"))
    workstream = services.workstream_create(
        user=leader, plan=plan, number=1, title="Local Offer", leads=[leader, health_lead]
    )
    owner = UserFactory(role=Role.ACTION_OWNER)
    action = services.action_create(
        user=leader,
        workstream=workstream,
        reference="1.1",
        title="Rebuild the website",
        owner=owner,
        organisation=owner.organisation,
        start_date=date(2026, 1, 5),
        due_date=date(2027, 3, 31),
        findings=[finding],
    )
    return {
        "inspection": inspection,
        "finding": finding,
        "plan": plan,
        "workstream": workstream,
        "action": action,
        "owner": owner,
        "health_lead": health_lead,
    }


def add_actions(plan: Plan, leader: User, count: int) -> None:
    """Grow a plan (for the pinned-query tests: the same page must take the same queries at any size)."""
    workstream = services.workstream_create(user=leader, plan=plan, number=plan.workstreams.count() + 1, title="Growth")
    finding = plan.inspection.findings.first()
    for n in range(count):
        owner = UserFactory(role=Role.ACTION_OWNER)
        action = services.action_create(
            user=leader,
            workstream=workstream,
            reference=f"g{n}",
            title=f"Grown action {n}",
            owner=owner,
            organisation=owner.organisation,
            start_date=date(2026, 1, 5),
            due_date=date(2027, 1, 5),
            findings=[finding],
        )
        services.progress_update_record(user=leader, action=action, day=date(2026, 2, 1), summary="Started")
        measure = services.measure_create(
            user=leader,
            action=action,
            description="Measure",
            unit="%",
            baseline=1,
            baseline_date=date(2026, 1, 5),
            target=5,
            target_date=date(2027, 1, 5),
        )
        services.measure_actual_record(user=leader, measure=measure, day=date(2026, 2, 1), value=2)
        services.risk_record(
            user=leader,
            action=action,
            kind="risk",
            description="A risk",
            rating=2,
            mitigation="",
            raised_on=date(2026, 2, 1),
        )
