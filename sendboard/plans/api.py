"""The JSON API under /api/v1/ (django-ninja): inspections with their findings, judgements, dates and
statutory milestones; plans, workstreams, actions and their updates. Reads only, through the same selectors
as the pages, behind the same permission middleware (ADR 0016)."""

from __future__ import annotations

from datetime import date

from django.utils import timezone
from ninja import NinjaAPI, Schema

from sendboard.plans import selectors

api = NinjaAPI(
    title="sendboard API",
    version="1",
    description="Improvement plans: inspections, findings, statutory milestones, plans, workstreams, actions and "
    "updates. Sign in to the service first: requests use its session, and a role without the permission gets 403.",
    docs_url=None,
    urls_namespace="api-v1",
)


class ErrorOut(Schema):
    detail: str


class ValidationErrorOut(Schema):
    detail: list[dict]


class FindingOut(Schema):
    id: int
    reference: str
    kind: str
    text: str
    source: str


class JudgementOut(Schema):
    weakness_as_stated: str
    progress: str
    finding_references: list[str]
    source_note: str


class MilestoneOut(Schema):
    rule: str
    name: str
    sequence: int
    anchor_date: date
    due_date: date
    actual_date: date | None
    met: bool | None


class EventOut(Schema):
    kind: str
    date: date
    source: str
    note: str


class InspectionSummaryOut(Schema):
    id: int
    title: str
    framework: str
    kind: str
    outcome: str
    follows_id: int | None


class InspectionOut(InspectionSummaryOut):
    notes: str
    events: list[EventOut]
    findings: list[FindingOut]
    judgements: list[JudgementOut]
    milestones: list[MilestoneOut]


class UpdateOut(Schema):
    date: date
    summary: str
    rag: str
    author: str


class MeasureOut(Schema):
    description: str
    unit: str
    baseline: float
    baseline_date: date
    target: float
    target_date: date
    actuals: list[tuple[date, float]]


class ActionOut(Schema):
    id: int
    reference: str
    title: str
    owner: str
    organisation: str
    start_date: date
    due_date: date
    status: str
    completed_date: date | None
    rag: str
    rag_override_reason: str
    finding_references: list[str]


class ActionDetailOut(ActionOut):
    updates: list[UpdateOut]
    measures: list[MeasureOut]


class WorkstreamOut(Schema):
    id: int
    number: int
    title: str
    objective: str
    leads: list[str]
    illustrative: bool
    actions: list[ActionOut]


class PlanSummaryOut(Schema):
    id: int
    title: str
    kind: str
    status: str
    inspection_id: int


class PlanOut(PlanSummaryOut):
    workstreams: list[WorkstreamOut]


def _inspection_summary(i) -> dict:
    return {
        "id": i.pk,
        "title": i.title,
        "framework": i.framework,
        "kind": i.kind,
        "outcome": i.outcome,
        "follows_id": i.follows_id,
    }


def _action(action, rag: str) -> dict:
    return {
        "id": action.pk,
        "reference": action.reference,
        "title": action.title,
        "owner": action.owner.display_name,
        "organisation": action.organisation.name,
        "start_date": action.start_date,
        "due_date": action.due_date,
        "status": action.status,
        "completed_date": action.completed_date,
        "rag": rag,
        "rag_override_reason": action.rag_override_reason,
        "finding_references": [f.reference for f in action.findings.all()],
    }


@api.get("/inspections", response=list[InspectionSummaryOut], url_name="inspections")
def inspections(request):
    return [_inspection_summary(i) for i in selectors.inspection_list(user=request.user)]


@api.get(
    "/inspections/{inspection_id}",
    response={200: InspectionOut, 404: ErrorOut, 422: ValidationErrorOut},
    url_name="inspection",
)
def inspection(request, inspection_id: int):
    i = selectors.inspection_detail(user=request.user, inspection_id=inspection_id)
    return {
        **_inspection_summary(i),
        "notes": i.notes,
        "events": [{"kind": e.kind, "date": e.date, "source": e.source, "note": e.note} for e in i.events.all()],
        "findings": [
            {"id": f.pk, "reference": f.reference, "kind": f.kind, "text": f.text, "source": f.source}
            for f in i.findings.all()
        ],
        "judgements": [
            {
                "weakness_as_stated": j.weakness_as_stated,
                "progress": j.progress,
                "source_note": j.source_note,
                "finding_references": [f.reference for f in j.findings.all()],
            }
            for j in i.judgements.all()
        ],
        "milestones": [
            {
                "rule": m.rule.code,
                "name": m.rule.name,
                "sequence": m.sequence,
                "anchor_date": m.anchor_date,
                "due_date": m.due_date,
                "actual_date": m.actual_date,
                "met": m.met,
            }
            for m in i.milestones.all()
        ],
    }


@api.get("/plans", response=list[PlanSummaryOut], url_name="plans")
def plans(request):
    return [
        {"id": p.pk, "title": p.title, "kind": p.kind, "status": p.status, "inspection_id": p.inspection_id}
        for p in selectors.plan_list(user=request.user)
    ]


@api.get("/plans/{plan_id}", response={200: PlanOut, 404: ErrorOut, 422: ValidationErrorOut}, url_name="plan")
def plan(request, plan_id: int):
    p, views = selectors.plan_detail(user=request.user, plan_id=plan_id, today=timezone.localdate())
    return {
        "id": p.pk,
        "title": p.title,
        "kind": p.kind,
        "status": p.status,
        "inspection_id": p.inspection_id,
        "workstreams": [
            {
                "id": v.workstream.pk,
                "number": v.workstream.number,
                "title": v.workstream.title,
                "objective": v.workstream.objective,
                "illustrative": v.workstream.illustrative,
                "leads": [f"{lead.display_name} ({lead.organisation})" for lead in v.workstream.leads.all()],
                "actions": [_action(row.action, row.rag) for row in v.rows],
            }
            for v in views
        ],
    }


@api.get(
    "/actions/{action_id}", response={200: ActionDetailOut, 404: ErrorOut, 422: ValidationErrorOut}, url_name="action"
)
def action(request, action_id: int):
    a, row = selectors.action_detail(user=request.user, action_id=action_id, today=timezone.localdate())
    return {
        **_action(a, row.rag),
        "updates": [
            {"date": u.date, "summary": u.summary, "rag": u.rag, "author": u.author.display_name}
            for u in a.updates.all()
        ],
        "measures": [
            {
                "description": m.description,
                "unit": m.unit,
                "baseline": float(m.baseline),
                "baseline_date": m.baseline_date,
                "target": float(m.target),
                "target_date": m.target_date,
                "actuals": [(x.date, float(x.value)) for x in m.actuals.all()],
            }
            for m in a.measures.all()
        ],
    }
