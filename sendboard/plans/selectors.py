"""Reads of improvement plans. Each selector takes the user (staff reads are scoped by VIEW_PLANS; the public
selectors return only approved, non-personal content) and loads what a page needs in a fixed number of
queries, whatever the plan's size."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, CharField, OuterRef, Prefetch, Q, QuerySet, Subquery, When
from django.db.models.functions import Cast
from django.http import Http404
from django.urls import reverse

from sendboard.accounts.access import user_has_permission
from sendboard.accounts.roles import Permission
from sendboard.accounts.selectors import role_holders
from sendboard.audit.models import Change
from sendboard.audit.selectors import changes_of, history_of
from sendboard.core.work import WorkCount
from sendboard.plans import permissions
from sendboard.plans.milestone_state import MilestoneRow, milestone_rows, regime_ended_on
from sendboard.plans.models import (
    Action,
    Finding,
    Inspection,
    Judgement,
    Milestone,
    MilestoneRule,
    MonitoringVisit,
    Plan,
    ProgressUpdate,
    ReportJob,
    RiskIssue,
    SuccessMeasure,
    Workstream,
)
from sendboard.plans.rag import update_state
from sendboard.plans.services import action_rag


def _require_view(user) -> None:
    permissions.require(user, Permission.VIEW_PLANS)


def plan_abilities(*, user) -> permissions.PlanAbilities:
    """Which of the plan pages' links to offer the user (each page's own rule decides again when followed)."""
    return permissions.plan_abilities(user)


def _get(queryset: QuerySet, pk: int):
    try:
        return queryset.get(pk=pk)
    except queryset.model.DoesNotExist:
        raise Http404 from None


# --- inspections --------------------------------------------------------------------------------------


def inspection_list(*, user) -> list[Inspection]:
    _require_view(user)
    return list(Inspection.objects.select_related("follows").prefetch_related("plans"))


def inspection_detail(*, user, inspection_id: int) -> Inspection:
    _require_view(user)
    return _get(
        Inspection.objects.select_related("follows").prefetch_related(
            "events",
            "findings",
            Prefetch("milestones", queryset=Milestone.objects.select_related("rule")),
            Prefetch("judgements", queryset=Judgement.objects.prefetch_related("findings")),
            "plans",
        ),
        inspection_id,
    )


def milestone_rule_list(*, user) -> list[MilestoneRule]:
    _require_view(user)
    return list(MilestoneRule.objects.all())


def milestone_rule_get(*, user, rule_id: int) -> MilestoneRule:
    permissions.require(user, Permission.MANAGE_MILESTONE_RULES)
    return _get(MilestoneRule.objects.all(), rule_id)


# --- plans, workstreams and actions -------------------------------------------------------------------


def plan_list(*, user) -> list[Plan]:
    _require_view(user)
    return list(Plan.objects.select_related("inspection"))


@dataclass
class ActionRow:
    action: Action
    rag: str
    update_state: str
    can_change: bool


@dataclass
class WorkstreamView:
    workstream: Workstream
    rows: list[ActionRow] = field(default_factory=list)


def _action_row(action: Action, *, user, today: date, lead_ids: set[int] | None = None) -> ActionRow:
    if lead_ids is not None:
        can = permissions.action_changeable(user=user, owner_id=action.owner_id, lead_ids=lead_ids)
    else:
        can = permissions.user_can_change_action(user=user, action=action)
    state = update_state(
        status=action.status, last_update_date=action.last_update_date, start_date=action.start_date, today=today
    )
    return ActionRow(action=action, rag=action_rag(action, today=today), update_state=state, can_change=can)


def _actions_queryset() -> QuerySet[Action]:
    return Action.objects.select_related("owner", "organisation", "workstream").prefetch_related("findings")


def plan_detail(
    *, user, plan_id: int, today: date, update: str = "", rag: str = ""
) -> tuple[Plan, list[WorkstreamView]]:
    """The plan and each workstream's actions, only those in one update state or RAG rating when asked."""
    _require_view(user)
    plan = _get(
        Plan.objects.select_related("inspection").prefetch_related(
            Prefetch("workstreams", queryset=Workstream.objects.prefetch_related("leads__organisation")),
            Prefetch("workstreams__actions", queryset=_actions_queryset()),
        ),
        plan_id,
    )
    views = []
    for workstream in plan.workstreams.all():
        lead_ids = {lead.pk for lead in workstream.leads.all()}
        rows = [_action_row(a, user=user, today=today, lead_ids=lead_ids) for a in workstream.actions.all()]
        views.append(
            WorkstreamView(
                workstream, [r for r in rows if (not update or r.update_state == update) and (not rag or r.rag == rag)]
            )
        )
    return plan, views


def action_detail(*, user, action_id: int, today: date) -> tuple[Action, ActionRow]:
    _require_view(user)
    action = _get(
        _actions_queryset()
        .select_related("workstream__plan__inspection")
        .prefetch_related(
            "workstream__leads",
            Prefetch("measures", queryset=SuccessMeasure.objects.prefetch_related("actuals")),
            Prefetch("updates", queryset=ProgressUpdate.objects.select_related("author").prefetch_related("evidence")),
            "risks",
            "coproduction",
            "evidence",
            "depends_on",
        ),
        action_id,
    )
    lead_ids = {lead.pk for lead in action.workstream.leads.all()}
    return action, _action_row(action, user=user, today=today, lead_ids=lead_ids)


def action_for_change(*, user, action_id: int) -> Action:
    """An action the user may change, or 403: the object-level rule every write page starts from."""
    _require_view(user)
    action = _get(Action.objects.select_related("workstream__plan", "owner"), action_id)
    permissions.require_action(user, action)
    return action


UPDATE_STATES = [
    ("overdue", "Update overdue"),
    ("due", "Update due"),
    ("up_to_date", "Up to date"),
    ("not_due", "No update needed"),
]
MY_ACTION_SORTS = {"update": "Updates overdue first", "due": "Due date, soonest first", "reference": "Reference"}


def my_actions(*, user, today: date, update: str = "", rag: str = "", sort: str = "update") -> list[ActionRow]:
    """The user's own open actions and those of workstreams they lead, with whether an update is due or
    overdue; only those in one update state or RAG rating when asked, in the order asked."""
    _require_view(user)
    queryset = (
        _actions_queryset()
        .filter(Q(owner=user) | Q(workstream__leads=user))
        .exclude(status=Action.Status.COMPLETE)
        .distinct()
    )
    rows = [_action_row(a, user=user, today=today, lead_ids=set()) for a in queryset]
    for row in rows:
        row.can_change = True
    rows = [r for r in rows if (not update or r.update_state == update) and (not rag or r.rag == rag)]
    if sort == "due":
        return sorted(rows, key=lambda r: (r.action.due_date, r.action.reference, r.action.pk))
    if sort == "reference":
        return sorted(rows, key=lambda r: (r.action.reference, r.action.pk))
    order = {state: n for n, (state, _label) in enumerate(UPDATE_STATES)}
    return sorted(rows, key=lambda r: (order[r.update_state], r.action.due_date, r.action.pk))


def plan_get(*, user, plan_id: int) -> Plan:
    _require_view(user)
    return _get(Plan.objects.select_related("inspection"), plan_id)


def monitoring_visits(*, plan: Plan) -> list[MonitoringVisit]:
    return list(plan.monitoring_visits.select_related("recorded_by"))


def plan_changes(*, plan: Plan, limit: int = 50) -> list[Change]:
    """The plan's latest changes, its actions' among them; each says which action it was (``change.action``)."""
    action_type = ContentType.objects.get_for_model(Action)
    reference = (
        Action.objects.annotate(key=Cast("pk", CharField())).filter(key=OuterRef("subject_id")).values("reference")[:1]
    )
    changes = list(
        history_of(plan).annotate(action_reference=Case(When(subject_type=action_type, then=Subquery(reference))))[
            :limit
        ]
    )
    for change in changes:
        change.action = _ActionNamed(change.action_reference) if change.action_reference else None
    return changes


@dataclass(frozen=True)
class _ActionNamed:
    reference: str


def record_history(*, record) -> list[Change]:
    """The history of a rule, an action or an inspection, newest first."""
    return changes_of(record)


def report_job_get(*, user, job_id: int) -> ReportJob:
    _require_view(user)
    return _get(ReportJob.objects.defer("pdf").select_related("plan"), job_id)


# --- the public progress page: approved, non-personal content only ---------------------------------------


@dataclass
class PublicAction:
    title: str
    summary: str
    organisation: str
    due_date: date
    status: str
    progress: str
    progress_date: date | None
    illustrative: bool
    late: bool  # not complete and past its due date: the public page says so


@dataclass
class PublicFinding:
    finding: Finding
    actions: list[PublicAction]
    last_updated: date | None
    judgements: list[Judgement]


def _public_findings_queryset() -> QuerySet[Finding]:
    approved_updates = ProgressUpdate.objects.filter(approved_for_publication_at__isnull=False).order_by("-date", "-id")
    approved_actions = (
        Action.objects.filter(public_summary_approved_at__isnull=False)
        .select_related("organisation")
        .prefetch_related(Prefetch("updates", queryset=approved_updates, to_attr="published_updates"))
    )
    return (
        Finding.objects.filter(approved_for_publication_at__isnull=False)
        .select_related("inspection")
        .prefetch_related(Prefetch("actions", queryset=approved_actions, to_attr="published_actions"), "judgements")
    )


def _public(finding: Finding, *, today: date) -> PublicFinding:
    actions = []
    for action in finding.published_actions:
        latest = action.published_updates[0] if action.published_updates else None
        actions.append(
            PublicAction(
                title=action.title,
                summary=action.public_summary,
                organisation=action.organisation.name,
                due_date=action.due_date,
                status=action.get_status_display(),
                progress=latest.public_summary if latest else "",
                progress_date=latest.date if latest else None,
                illustrative=action.illustrative,
                late=action.status != Action.Status.COMPLETE and action.due_date < today,
            )
        )
    dates = [a.progress_date for a in actions if a.progress_date]
    return PublicFinding(
        finding=finding,
        actions=actions,
        last_updated=max(dates) if dates else None,
        judgements=list(finding.judgements.all()),
    )


def public_finding_list(*, today: date) -> list[PublicFinding]:
    return [_public(f, today=today) for f in _public_findings_queryset()]


def public_finding_get(*, finding_id: int, today: date) -> PublicFinding:
    return _public(_get(_public_findings_queryset(), finding_id), today=today)


# --- highlight reports and board packs ---------------------------------------------------------------------


@dataclass
class MeasureMovement:
    measure: SuccessMeasure
    previous: object
    latest: object
    indicator: object = None  # the outcomes indicator the measure is linked to, whose figures these are

    @property
    def baseline(self) -> str:
        return measure_number(self.measure.baseline)

    @property
    def target(self) -> str:
        return measure_number(self.measure.target)

    @property
    def from_indicator(self) -> str:
        """Where the figures come from, when an indicator supplies them (and not values typed in)."""
        if self.indicator is None:
            return ""
        return f"From the indicator “{self.indicator.indicator.title}”" + (
            f", {self.indicator.latest_period}" if self.indicator.latest_period else ""
        )


def measure_number(value) -> str:
    """A typed success-measure figure without trailing zeros: 47.00 is 47, 52.50 is 52.5."""
    if value is None:
        return "–"
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return text


def linked_measure_values(measure_ids: list[int], period_end: date) -> dict:
    """For each success measure linked to an outcomes indicator, the indicator's figures in force at ``period_end``."""
    try:
        from sendboard.outcomes.selectors import success_measure_values
    except ImportError:  # pragma: no cover - the outcomes app is part of sendboard; plans works without it
        return {}
    return success_measure_values(measure_ids=measure_ids, on_or_before=period_end)


@dataclass
class ActionReport:
    action: Action
    rag: str
    previous_rag: str
    updates: list[ProgressUpdate]
    measures: list[MeasureMovement]
    risks: list[RiskIssue]


@dataclass
class WorkstreamReport:
    workstream: Workstream
    actions: list[ActionReport]
    due_next_period: list[Action]


@dataclass
class BoardReport:
    plan: Plan
    period_start: date
    period_end: date
    workstreams: list[WorkstreamReport]
    milestones: list[MilestoneRow]
    monitoring: list[MonitoringVisit]


def board_report(*, user, plan_id: int, period_end: date, workstream_id: int | None = None) -> BoardReport:
    """Progress in the month to ``period_end``: updates, RAG now and at the end of the last period, success
    measure movement, open risks and issues, and what falls due next period."""
    _require_view(user)
    period_start = period_end.replace(day=1)
    next_end = (period_end.replace(day=28) + timedelta(days=35)).replace(day=1) - timedelta(days=1)
    if next_end <= period_end:
        next_end = period_end + timedelta(days=31)
    workstreams = Workstream.objects.prefetch_related(
        "leads",
        Prefetch(
            "actions",
            queryset=_actions_queryset().prefetch_related(
                Prefetch(
                    "updates", queryset=ProgressUpdate.objects.filter(date__lte=period_end).select_related("author")
                ),
                Prefetch("measures", queryset=SuccessMeasure.objects.prefetch_related("actuals")),
                Prefetch(
                    "risks", queryset=RiskIssue.objects.filter(Q(closed_on__isnull=True) | Q(closed_on__gt=period_end))
                ),
            ),
        ),
    ).filter(plan_id=plan_id)
    if workstream_id is not None:
        workstreams = workstreams.filter(pk=workstream_id)
    plan = _get(Plan.objects.select_related("inspection"), plan_id)
    workstreams = list(workstreams)
    linked = linked_measure_values(
        [m.pk for w in workstreams for a in w.actions.all() for m in a.measures.all()], period_end
    )
    reports = []
    for workstream in workstreams:
        action_reports, due_next = [], []
        for action in workstream.actions.all():
            updates = list(action.updates.all())
            in_period = [u for u in updates if u.date >= period_start]
            before = [u for u in updates if u.date < period_start]
            movements = []
            for measure in action.measures.all():
                if measure.pk in linked:  # one source for each figure: the indicator's, not a second typed number
                    from_indicator = linked[measure.pk]
                    movements.append(
                        MeasureMovement(measure, from_indicator.previous, from_indicator.latest, from_indicator)
                    )
                    continue
                actuals = [a for a in measure.actuals.all() if a.date <= period_end]
                movements.append(
                    MeasureMovement(
                        measure,
                        measure_number(actuals[-2].value if len(actuals) > 1 else measure.baseline),
                        measure_number(actuals[-1].value) if actuals else None,
                    )
                )
            action_reports.append(
                ActionReport(
                    action=action,
                    rag=action_rag(action, today=period_end),
                    previous_rag=before[0].rag if before else "",
                    updates=in_period,
                    measures=movements,
                    risks=list(action.risks.all()),
                )
            )
            if period_end < action.due_date <= next_end and action.status != Action.Status.COMPLETE:
                due_next.append(action)
        reports.append(WorkstreamReport(workstream, action_reports, due_next))
    # Open on the period's last day, or done within the period, by the same rule as the inspection page.
    rows = milestone_rows(
        Milestone.objects.filter(inspection_id=plan.inspection_id)
        .select_related("rule")
        .filter(Q(actual_date__isnull=True) | Q(actual_date__gte=period_start)),
        today=period_end,
        regime_ended=regime_ended_on(plan.inspection_id),
    )
    milestones = [
        row for row in rows if row.state.open or (row.milestone.actual_date and row.milestone.actual_date <= period_end)
    ]
    monitoring = list(MonitoringVisit.objects.filter(plan_id=plan_id, date__lte=period_end)[:4])
    return BoardReport(plan, period_start, period_end, reports, milestones, monitoring)


# --- small reads for write pages --------------------------------------------------------------------------


def workstream_for_new_action(*, user, workstream_id: int):
    """The workstream (which the user must be able to manage), the people who may own an action, and the
    findings of the plan's inspection."""
    from sendboard.accounts.models import User

    _require_view(user)
    workstream = _get(Workstream.objects.select_related("plan__inspection"), workstream_id)
    permissions.require_workstream(user, workstream)
    owners = User.objects.filter(role_holders(*permissions.ACTION_OWNER_ROLES), is_active=True).select_related(
        "organisation"
    )
    return workstream, owners, Finding.objects.filter(inspection_id=workstream.plan.inspection_id)


def _require_approver(user) -> None:
    permissions.require(user, Permission.APPROVE_PUBLICATION)


def publication_queue(*, user) -> dict[str, QuerySet]:
    """Plain-English text written for the public page, neither approved nor refused, oldest first."""
    _require_approver(user)
    return {
        "findings": Finding.objects.filter(
            approved_for_publication_at__isnull=True, publication_refused_at__isnull=True
        )
        .exclude(plain_english="")
        .order_by("inspection_id", "reference", "id"),
        "actions": Action.objects.filter(public_summary_approved_at__isnull=True, publication_refused_at__isnull=True)
        .exclude(public_summary="")
        .order_by("workstream_id", "reference", "id"),
        "updates": ProgressUpdate.objects.filter(
            approved_for_publication_at__isnull=True, publication_refused_at__isnull=True
        )
        .exclude(public_summary="")
        .select_related("action")
        .order_by("recorded_at", "id"),
    }


def publication_item(*, user, kind: str, pk: str):
    _require_approver(user)
    model = {"finding": Finding, "action": Action, "update": ProgressUpdate}.get(kind)
    if model is None or not pk.isdigit():
        raise Http404
    return _get(model.objects.all(), int(pk))


def report_job_pdf(*, job: ReportJob) -> bytes:
    return bytes(ReportJob.objects.values_list("pdf", flat=True).get(pk=job.pk))


def action_dependency_candidates(*, action: Action) -> QuerySet[Action]:
    return (
        Action.objects.filter(workstream__plan_id=action.workstream.plan_id)
        .exclude(pk=action.pk)
        .order_by("workstream__number", "reference")
    )


def evidence_file_get(*, user, evidence_id: int):
    from sendboard.plans.models import Evidence

    _require_view(user)
    evidence = _get(Evidence.objects.exclude(file=""), evidence_id)
    return evidence


def finding_get(*, user, finding_id: int) -> Finding:
    _require_view(user)
    return _get(Finding.objects.select_related("inspection"), finding_id)


def findings_judged_by(*, inspection: Inspection) -> QuerySet[Finding]:
    """A revisit or monitoring inspection judges the findings of the inspection it follows."""
    return Finding.objects.filter(inspection_id=inspection.follows_id or inspection.pk)


def possible_leads():
    from sendboard.accounts.models import User

    return User.objects.filter(role_holders(*permissions.WORKSTREAM_LEAD_ROLES), is_active=True).select_related(
        "organisation"
    )


def home_work_counts(*, user, today: date) -> list[WorkCount]:
    """The home page's counts of a person's plan work: their actions' updates and dates, and text to approve."""
    counts: list[WorkCount] = []
    if user_has_permission(user, Permission.UPDATE_ACTIONS):
        mine = list(
            Action.objects.filter(Q(owner=user) | Q(workstream__leads=user))
            .exclude(status=Action.Status.COMPLETE)
            .distinct()
            .values_list("pk", "status", "last_update_date", "start_date", "due_date")
        )
        states = [
            update_state(status=s, last_update_date=last, start_date=start, today=today)
            for _, s, last, start, _ in mine
        ]
        href = reverse("plans:my-actions")
        counts += [
            WorkCount("Your actions past their due date", sum(due < today for *_, due in mine), href, urgent=True),
            WorkCount("Progress updates overdue on your actions", states.count("overdue"), href, urgent=True),
            WorkCount("Progress updates due this month", states.count("due"), href),
        ]
    if user_has_permission(user, Permission.APPROVE_PUBLICATION):
        waiting = (
            Finding.objects.filter(approved_for_publication_at__isnull=True).exclude(plain_english="").count()
            + Action.objects.filter(public_summary_approved_at__isnull=True).exclude(public_summary="").count()
            + ProgressUpdate.objects.filter(approved_for_publication_at__isnull=True).exclude(public_summary="").count()
        )
        counts.append(
            WorkCount("Text for the public progress page awaiting approval", waiting, reverse("plans:publication"))
        )
    return counts
