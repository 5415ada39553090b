"""The little each journey needs, built through the same services the application uses (never the demo area:
a journey must run in seconds)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sendboard.accounts.models import User
from sendboard.accounts.roles import Role
from sendboard.plans import services
from sendboard.plans.models import Action, Finding, Plan
from tests.factories import OrganisationFactory, UserFactory


@dataclass
class ImprovementPlan:
    leader: User
    owner: User
    plan: Plan
    findings: list[Finding]
    actions: list[Action]


def improvement_plan(*, today: date) -> ImprovementPlan:
    """An inspection with two findings in plain English, a plan answering each with one action, both published."""
    leader = UserFactory(role=Role.AREA_LEADER)
    owner = UserFactory(role=Role.ACTION_OWNER, organisation=OrganisationFactory(name="Worcestershire Children First"))
    inspection = services.inspection_create(
        user=leader, framework="2016", kind="full", title="Joint local area SEND inspection", outcome="wsoa_required"
    )
    plan = services.plan_create(
        user=leader, inspection=inspection, kind="wsoa", title="Written statement of action", status="active"
    )
    workstream = services.workstream_create(
        user=leader, plan=plan, number=1, title="Assessment and plans", leads=[leader]
    )
    findings, actions = [], []
    for reference, text, plain, title, summary, progress in (
        (
            "a",
            "Weaknesses in the quality of EHC plans",
            "EHC plans were not good enough",
            "EHC plan quality audits",
            "We check a sample of plans every month and rewrite the poor ones.",
            "Forty plans were checked in the autumn.",
        ),
        (
            "b",
            "Parents' views are not sought",
            "Families were not listened to",
            "Co-production charter with families",
            "We are writing a charter with the parent carer forum.",
            "",
        ),
    ):
        finding = services.finding_create(
            user=leader,
            inspection=inspection,
            kind="significant_weakness",
            reference=reference,
            text=text,
            plain_english=plain,
        )
        services.publication_approve(user=leader, finding=finding)
        action = services.action_create(
            user=leader,
            workstream=workstream,
            reference=f"1.{len(actions) + 1}",
            title=title,
            owner=owner,
            organisation=owner.organisation,
            start_date=today - timedelta(days=300),
            due_date=today + timedelta(days=200),
            findings=[finding],
        )
        services.action_public_summary_set(user=leader, action=action, public_summary=summary)
        services.publication_approve(user=leader, action=action)
        if progress:
            update = services.progress_update_record(
                user=leader,
                action=action,
                day=today - timedelta(days=40),
                summary="Audit of forty plans",
                public_summary=progress,
                status="in_progress",
            )
            services.publication_approve(user=leader, update=update)
        findings.append(finding)
        actions.append(action)
    return ImprovementPlan(leader=leader, owner=owner, plan=plan, findings=findings, actions=actions)
