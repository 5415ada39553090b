"""Writes to improvement plans. Every service takes the acting user, checks the object-level rule (an action
owner changes only their own actions, a workstream lead only their workstream's, an adviser only monitoring
records), validates, writes in one transaction and keeps its change in the one history (audit.history, ADR 0115), so it
can be read back."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sendboard.accounts.roles import Permission
from sendboard.audit.history import change_created, change_tracked, values_of
from sendboard.core.calendar import WorkingDayCalendar, default_calendar
from sendboard.core.concurrency import row_lock_refresh, version_check, version_token
from sendboard.core.validation import date_check
from sendboard.plans import deadlines, permissions
from sendboard.plans.models import (
    Action,
    CoproductionRecord,
    Evidence,
    Finding,
    Inspection,
    InspectionEvent,
    Judgement,
    MeasureActual,
    Milestone,
    MilestoneRule,
    MonitoringVisit,
    Plan,
    ProgressUpdate,
    Rag,
    RiskIssue,
    SuccessMeasure,
    Workstream,
)
from sendboard.plans.rag import RagInputs, derive_rag

# Who may change what: the plans app's object rules (permissions.py).
_require = permissions.require
_require_action = permissions.require_action


def _require_open(plan: Plan) -> None:
    if plan.status == Plan.Status.CLOSED:
        raise ValidationError(f"{plan.title} is closed: nothing in it can be changed")


def _on_action(action: Action) -> dict:
    """Where an action's history is kept: under the action, and read also under its plan."""
    return {"subject": action, "within": action.workstream.plan}


# --- what each edit form edits, for its version (ADR 0070) ---------------------------------------------

ACTION_DETAILS = ("title", "start_date", "due_date")
RULE_TERMS = ("anchor_event", "unit", "count", "convention", "source")

EDITED_VALUES = {
    "inspection_outcome": lambda inspection: {"outcome": inspection.outcome},
    "milestone_rule": lambda rule: {name: getattr(rule, name) for name in RULE_TERMS},
    "finding_plain_english": lambda finding: {"plain_english": finding.plain_english},
    "plan_status": lambda plan: {"status": plan.status},
    "action_details": lambda action: {name: getattr(action, name) for name in ACTION_DETAILS},
    "action_rag": lambda action: {"rag": action.rag_override},
    "action_dependencies": lambda action: {"depends_on": sorted(action.depends_on.values_list("pk", flat=True))},
    "action_public_summary": lambda action: {"public_summary": action.public_summary},
    "action_status": lambda action: {"status": action.status},
}


def edit_version(edit: str, record) -> str:
    """The version an edit form opens with: ``edit`` is a key of EDITED_VALUES."""
    return version_token(EDITED_VALUES[edit](record))


def _version_check(edit: str, record, version: str | None) -> None:
    if version is not None:
        row_lock_refresh(record)
        version_check(version=version, values=EDITED_VALUES[edit](record))


def inspection_began(inspection: Inspection) -> date | None:
    """The first date recorded for the inspection: nothing that answers it can be earlier."""
    return inspection.events.order_by("date").values_list("date", flat=True).first()


# --- inspections, events and statutory milestones ------------------------------------------------------


@transaction.atomic
def inspection_create(
    *,
    user,
    framework: str,
    kind: str,
    title: str,
    outcome: str = "",
    follows: Inspection | None = None,
    notes: str = "",
) -> Inspection:
    _require(user, Permission.MANAGE_INSPECTIONS)
    inspection = Inspection.objects.create(
        framework=framework, kind=kind, title=title, outcome=outcome, follows=follows, notes=notes
    )
    change_created(
        user=user,
        subject=inspection,
        what="Inspection recorded",
        added=inspection,
        fields=("title", "framework", "outcome"),
    )
    return inspection


@transaction.atomic
def inspection_outcome_set(*, user, inspection: Inspection, outcome: str, version: str | None = None) -> Inspection:
    _require(user, Permission.MANAGE_INSPECTIONS)
    _version_check("inspection_outcome", inspection, version)
    with change_tracked(
        user=user, subject=inspection, what="Outcome", values=lambda: values_of(inspection, ["outcome"])
    ):
        inspection.outcome = outcome
        inspection.save(update_fields=["outcome"])
    milestones_sync(inspection=inspection)
    return inspection


@transaction.atomic
def inspection_event_record(
    *, user, inspection: Inspection, kind: str, day: date, source: str = "", note: str = ""
) -> InspectionEvent:
    """Record that something happened on a day. Milestones gain their actual dates from events; an actual date
    already recorded is never replaced."""
    _require(user, Permission.MANAGE_INSPECTIONS)
    if day > timezone.localdate():
        raise ValidationError({"day": "The date must be today or in the past: record events once they have happened"})
    date_check(day, field="day", label="The date")
    event = InspectionEvent.objects.create(
        inspection=inspection, kind=kind, date=day, source=source, note=note, recorded_by=user
    )
    change_created(user=user, subject=inspection, what="Event recorded", added=event, fields=("kind", "date", "source"))
    milestones_sync(inspection=inspection)
    return event


def _rule_applies(rule: MilestoneRule, inspection: Inspection) -> bool:
    return rule.framework == inspection.framework and (
        not rule.applies_to_outcomes or inspection.outcome in rule.applies_to_outcomes
    )


def _terms(rule: MilestoneRule) -> deadlines.RuleTerms:
    return deadlines.RuleTerms(unit=rule.unit, count=rule.count, convention=rule.convention)


def milestones_sync(*, inspection: Inspection, calendar: WorkingDayCalendar | None = None) -> list[Milestone]:
    """Bring an inspection's milestones into line with its events and the rules in force."""
    calendar = calendar or default_calendar()
    events = list(inspection.events.order_by("date", "id"))
    existing = {(m.rule_id, m.sequence): m for m in inspection.milestones.all()}
    wanted: set[tuple[int, int]] = set()
    for rule in MilestoneRule.objects.all():
        if not _rule_applies(rule, inspection):
            continue
        anchors = [e.date for e in events if e.kind == rule.anchor_event]
        if not anchors:
            continue
        anchor = anchors[0]
        completions = [e.date for e in events if e.kind in rule.completed_by and e.date >= anchor]
        occurrences = len(completions) + 1 if rule.recurring else 1
        for index in range(occurrences):
            sequence = index + 1
            known = existing.get((rule.id, sequence))
            if rule.recurring and index > 0:
                previous = existing.get((rule.id, index))
                anchor_date = previous.actual_date if previous and previous.actual_date else completions[index - 1]
            else:
                anchor_date = anchor
            due = deadlines.due_date(terms=_terms(rule), anchor=anchor_date, calendar=calendar)
            actual = completions[index] if index < len(completions) else None
            if known is None:
                known = Milestone.objects.create(
                    inspection=inspection,
                    rule=rule,
                    sequence=sequence,
                    anchor_date=anchor_date,
                    due_date=due,
                    actual_date=actual,
                )
                existing[(rule.id, sequence)] = known
            else:
                known.anchor_date, known.due_date = anchor_date, due
                if known.actual_date is None:
                    known.actual_date = actual
                known.save(update_fields=["anchor_date", "due_date", "actual_date"])
            wanted.add((rule.id, sequence))
    # A milestone that no longer applies goes, unless it was met: a recorded actual date is never lost.
    for key, milestone in existing.items():
        if key not in wanted and milestone.actual_date is None:
            milestone.delete()
    return list(inspection.milestones.select_related("rule"))


@transaction.atomic
def milestone_rule_update(
    *, user, rule: MilestoneRule, reason: str, version: str | None = None, **changes
) -> MilestoneRule:
    """Change a rule (anchor, unit, count, convention, source...). Every milestone of it is recomputed; no
    actual date changes."""
    _require(user, Permission.MANAGE_MILESTONE_RULES)
    _version_check("milestone_rule", rule, version)
    if not reason.strip():
        raise ValidationError({"reason": "Enter why the rule is changing"})
    if changes.get("count", rule.count) < 0:
        raise ValidationError({"count": "The count must be 0 or more"})
    changed = {k: v for k, v in changes.items() if getattr(rule, k) != v}
    if not changed:
        return rule
    with change_tracked(
        user=user, subject=rule, what="Milestone rule changed", reason=reason, values=lambda: values_of(rule, changed)
    ):
        for name, value in changed.items():
            setattr(rule, name, value)
        rule.save()
    calendar = default_calendar()
    for inspection in Inspection.objects.filter(framework=rule.framework):
        milestones_sync(inspection=inspection, calendar=calendar)
    return rule


@transaction.atomic
def finding_create(
    *, user, inspection: Inspection, kind: str, reference: str, text: str, source: str = "", plain_english: str = ""
) -> Finding:
    _require(user, Permission.MANAGE_INSPECTIONS)
    if inspection.findings.filter(reference=reference).exists():
        raise ValidationError({"reference": f"This inspection already has a finding {reference}"})
    finding = Finding.objects.create(
        inspection=inspection, kind=kind, reference=reference, text=text, source=source, plain_english=plain_english
    )
    change_created(user=user, subject=inspection, what="Finding recorded", added=finding, fields=("reference", "text"))
    return finding


@transaction.atomic
def finding_plain_english_set(*, user, finding: Finding, plain_english: str, version: str | None = None) -> Finding:
    """Changing the published text withdraws its approval until it is approved again."""
    _require(user, Permission.MANAGE_INSPECTIONS)
    _version_check("finding_plain_english", finding, version)
    with change_tracked(
        user=user,
        subject=finding.inspection,
        what="Plain-English summary changed (approval withdrawn)",
        values=lambda: values_of(finding, ["plain_english"]),
        always=True,
    ):
        finding.plain_english, finding.approved_for_publication_at, finding.approved_by = (
            plain_english.strip(),
            None,
            None,
        )
        # New text goes back to the approval queue: a reason it was not approved was about the old text.
        finding.publication_refused_at, finding.publication_refused_reason = None, ""
        finding.save(
            update_fields=[
                "plain_english",
                "approved_for_publication_at",
                "approved_by",
                "publication_refused_at",
                "publication_refused_reason",
            ]
        )
    return finding


@transaction.atomic
def judgement_record(
    *,
    user,
    inspection: Inspection,
    findings: list[Finding],
    weakness_as_stated: str,
    progress: str,
    source_note: str = "",
    order: int = 0,
) -> Judgement:
    _require(user, Permission.MANAGE_INSPECTIONS)
    if inspection.kind == Inspection.Kind.FULL:
        raise ValidationError(
            "Judgements on progress belong to a revisit or monitoring inspection, not a full inspection"
        )
    judged = inspection.follows_id or inspection.pk
    if any(f.inspection_id != judged for f in findings):
        raise ValidationError({"findings": "A judgement covers findings of the inspection it follows"})
    judgement = Judgement.objects.create(
        inspection=inspection,
        weakness_as_stated=weakness_as_stated,
        progress=progress,
        source_note=source_note,
        order=order,
    )
    judgement.findings.set(findings)
    change_created(
        user=user,
        subject=inspection,
        what="Judgement recorded",
        added=judgement,
        fields=("weakness_as_stated", "progress"),
    )
    return judgement


# --- plans, workstreams and actions --------------------------------------------------------------------


@transaction.atomic
def plan_create(*, user, inspection: Inspection, kind: str, title: str, status: str = Plan.Status.DRAFT) -> Plan:
    permissions.require_plan_wide(user, "Only area leaders create plans")
    plan = Plan.objects.create(inspection=inspection, kind=kind, title=title, status=status)
    change_created(user=user, subject=plan, what="Plan created", added=plan, fields=("title", "kind"))
    return plan


@transaction.atomic
def plan_status_set(*, user, plan: Plan, status: str, version: str | None = None) -> Plan:
    permissions.require_plan_wide(user, "Only area leaders open or close plans")
    _version_check("plan_status", plan, version)
    with change_tracked(
        user=user, subject=plan, what="Plan status", values=lambda: values_of(plan, ["status"]), always=True
    ):
        plan.status = status
        plan.save(update_fields=["status"])
    return plan


@transaction.atomic
def workstream_create(
    *, user, plan: Plan, number: int, title: str, objective: str = "", leads=(), illustrative: bool = False
) -> Workstream:
    permissions.require_plan_wide(user, "Only area leaders add workstreams")
    _require_open(plan)
    if plan.workstreams.filter(number=number).exists():
        raise ValidationError({"number": f"The plan already has a workstream {number}"})
    workstream = Workstream.objects.create(
        plan=plan, number=number, title=title, objective=objective, illustrative=illustrative
    )
    workstream.leads.set(leads)
    change_created(user=user, subject=plan, what="Workstream added", added=workstream, fields=("number", "title"))
    return workstream


def _check_action_dates(start: date, due: date, *, plan: Plan) -> None:
    began = inspection_began(plan.inspection)
    date_check(start, field="start_date", label="The start date", earliest=began, since="when the inspection began")
    date_check(due, field="due_date", label="The due date", earliest=began, since="when the inspection began")
    if due < start:
        raise ValidationError({"due_date": "The due date must be the same as or after the start date"})


@transaction.atomic
def action_create(
    *,
    user,
    workstream: Workstream,
    reference: str,
    title: str,
    owner,
    organisation,
    start_date: date,
    due_date: date,
    findings=(),
    public_summary: str = "",
    illustrative: bool = False,
) -> Action:
    permissions.require_workstream(user, workstream)
    _require_open(workstream.plan)
    _check_action_dates(start_date, due_date, plan=workstream.plan)
    if workstream.actions.filter(reference=reference).exists():
        raise ValidationError({"reference": f"Workstream {workstream.number} already has an action {reference}"})
    action = Action.objects.create(
        workstream=workstream,
        reference=reference,
        title=title,
        owner=owner,
        organisation=organisation,
        start_date=start_date,
        due_date=due_date,
        public_summary=public_summary,
        illustrative=illustrative,
    )
    action.findings.set(findings)
    change_created(
        user=user,
        **_on_action(action),
        what="Action added",
        added=action,
        fields=("reference", "title", "start_date", "due_date"),
    )
    return action


@transaction.atomic
def action_dependencies_set(*, user, action: Action, depends_on: list[Action], version: str | None = None) -> Action:
    """What this action cannot finish without: actions of the same plan, never itself, never in a circle."""
    _require_action(user, action)
    _require_open(action.workstream.plan)
    _version_check("action_dependencies", action, version)
    plan_id = action.workstream.plan_id
    if any(other.pk == action.pk or other.workstream.plan_id != plan_id for other in depends_on):
        raise ValidationError({"depends_on": "An action can depend only on other actions of the same plan"})
    edges: dict[int, set[int]] = {}
    for source, target in Action.depends_on.through.objects.filter(
        from_action__workstream__plan_id=plan_id
    ).values_list("from_action_id", "to_action_id"):
        edges.setdefault(source, set()).add(target)
    edges[action.pk] = {other.pk for other in depends_on}
    seen, stack = set(), list(edges[action.pk])
    while stack:
        current = stack.pop()
        if current == action.pk:
            raise ValidationError({"depends_on": "That would make the actions depend on each other in a circle"})
        if current not in seen:
            seen.add(current)
            stack.extend(edges.get(current, ()))
    with change_tracked(
        user=user,
        **_on_action(action),
        what="Dependencies",
        always=True,
        values=lambda: {"depends_on": sorted(action.depends_on.values_list("reference", flat=True))},
    ):
        action.depends_on.set(depends_on)
    return action


ACTION_EDITABLE = ("title", "start_date", "due_date", "status", "completed_date")


@transaction.atomic
def action_update(*, user, action: Action, version: str | None = None, **changes) -> Action:
    _require_action(user, action)
    _require_open(action.workstream.plan)
    _version_check("action_details", action, version)
    unknown = set(changes) - set(ACTION_EDITABLE)
    if unknown:
        raise ValueError(f"Not editable here: {sorted(unknown)}")
    if "start_date" in changes or "due_date" in changes:
        _check_action_dates(
            changes.get("start_date", action.start_date),
            changes.get("due_date", action.due_date),
            plan=action.workstream.plan,
        )
    if changes.get("status") == Action.Status.COMPLETE and not (changes.get("completed_date") or action.completed_date):
        raise ValidationError({"completed_date": "Enter the date the action was completed"})
    changed = [k for k in changes if getattr(action, k) != changes[k]]
    if not changed:
        return action
    with change_tracked(
        user=user, **_on_action(action), what="Action changed", values=lambda: values_of(action, changed)
    ):
        for name in changed:
            setattr(action, name, changes[name])
        action.save(update_fields=changed)
    return action


def action_rag(action: Action, *, today: date) -> str:
    """The RAG shown: the override when there is one, otherwise derived from the dates."""
    if action.rag_override:
        return action.rag_override
    return derive_rag(
        RagInputs(action.status, action.start_date, action.due_date, action.last_update_date), today=today
    )


@transaction.atomic
def action_rag_override_set(*, user, action: Action, rag: str, reason: str, version: str | None = None) -> Action:
    """Override the derived RAG (or clear the override with rag=''). A reason is always required."""
    _require_action(user, action)
    _require_open(action.workstream.plan)
    _version_check("action_rag", action, version)
    if not reason.strip():
        raise ValidationError({"reason": "Enter the reason for overriding the RAG rating"})
    if rag and rag not in Rag.values:
        raise ValidationError({"rag": "Choose red, amber, green or complete"})
    with change_tracked(
        user=user,
        **_on_action(action),
        what="RAG override",
        reason=reason.strip(),
        always=True,
        values=lambda: values_of(action, ["rag_override"]),
    ):
        action.rag_override, action.rag_override_reason = rag, reason.strip() if rag else ""
        action.save(update_fields=["rag_override", "rag_override_reason"])
    return action


@transaction.atomic
def progress_update_record(
    *,
    user,
    action: Action,
    day: date,
    summary: str,
    public_summary: str = "",
    status: str | None = None,
    version: str | None = None,
) -> ProgressUpdate:
    """``version`` is the action's status as the update form showed it: an update never silently reverts a
    status someone else has set since."""
    _require_action(user, action)
    _require_open(action.workstream.plan)
    _version_check("action_status", action, version)
    if not summary.strip():
        raise ValidationError({"summary": "Enter what has happened since the last update"})
    date_check(
        day,
        field="day",
        label="The date of the update",
        earliest=action.start_date,
        since="when the action started",
        not_after_today=True,
    )
    if status and status != action.status:
        completed = day if status == Action.Status.COMPLETE else None
        action_update(user=user, action=action, status=status, completed_date=completed)
    if action.last_update_date is None or day >= action.last_update_date:
        action.last_update_date = day
        action.save(update_fields=["last_update_date"])
    rag = action_rag(action, today=day)
    update = ProgressUpdate.objects.create(
        action=action, date=day, summary=summary.strip(), author=user, public_summary=public_summary.strip(), rag=rag
    )
    change_created(user=user, **_on_action(action), what="Progress update", added=update, fields=("date", "rag"))
    return update


@transaction.atomic
def measure_create(
    *,
    user,
    action: Action,
    description: str,
    unit: str,
    baseline: Decimal,
    baseline_date: date,
    target: Decimal,
    target_date: date,
) -> SuccessMeasure:
    _require_action(user, action)
    _require_open(action.workstream.plan)
    date_check(baseline_date, field="baseline_date", label="The baseline date")
    date_check(target_date, field="target_date", label="The target date")
    if target_date < baseline_date:
        raise ValidationError({"target_date": "The target date must be after the baseline date"})
    measure = SuccessMeasure.objects.create(
        action=action,
        description=description,
        unit=unit,
        baseline=baseline,
        baseline_date=baseline_date,
        target=target,
        target_date=target_date,
    )
    change_created(
        user=user, **_on_action(action), what="Success measure added", added=measure, fields=("description",)
    )
    return measure


@transaction.atomic
def measure_actual_record(*, user, measure: SuccessMeasure, day: date, value: Decimal) -> MeasureActual:
    _require_action(user, measure.action)
    _require_open(measure.action.workstream.plan)
    date_check(
        day,
        field="day",
        label="The date of the value",
        earliest=measure.baseline_date,
        since="the date of the baseline",
        not_after_today=True,
    )
    actual, created = MeasureActual.objects.update_or_create(measure=measure, date=day, defaults={"value": value})
    change_created(
        user=user,
        **_on_action(measure.action),
        what="Success measure actual",
        extra={"measure": measure.description},
        added=actual,
        fields=("date", "value"),
    )
    return actual


@transaction.atomic
def risk_record(
    *, user, action: Action, kind: str, description: str, rating: int, mitigation: str, raised_on: date
) -> RiskIssue:
    _require_action(user, action)
    _require_open(action.workstream.plan)
    risk = RiskIssue.objects.create(
        action=action, kind=kind, description=description, rating=rating, mitigation=mitigation, raised_on=raised_on
    )
    change_created(
        user=user, **_on_action(action), what=f"{risk.get_kind_display()} raised", added=risk, fields=("description",)
    )
    return risk


@transaction.atomic
def coproduction_record(*, user, action: Action, day: date, with_whom: str, what_changed: str) -> CoproductionRecord:
    _require_action(user, action)
    _require_open(action.workstream.plan)
    date_check(
        day,
        field="day",
        label="The date",
        earliest=inspection_began(action.workstream.plan.inspection),
        since="when the inspection began",
        not_after_today=True,
    )
    record = CoproductionRecord.objects.create(action=action, date=day, with_whom=with_whom, what_changed=what_changed)
    change_created(user=user, **_on_action(action), what="Co-production recorded", added=record, fields=("with_whom",))
    return record


@transaction.atomic
def evidence_add(
    *, user, action: Action, title: str, link: str = "", file=None, update: ProgressUpdate | None = None
) -> Evidence:
    _require_action(user, action)
    _require_open(action.workstream.plan)
    if not link and not file:
        raise ValidationError({"link": "Give a link to the evidence or attach a file"})
    evidence = Evidence.objects.create(
        action=action, update=update, title=title, link=link, file=file or "", added_by=user
    )
    change_created(user=user, **_on_action(action), what="Evidence added", added=evidence, fields=("title",))
    return evidence


# --- monitoring and publication ------------------------------------------------------------------------


@transaction.atomic
def monitoring_visit_record(
    *,
    user,
    plan: Plan,
    day: date,
    attendees: str,
    summary: str,
    progress_measures_agreed: str = "",
    illustrative: bool = False,
) -> MonitoringVisit:
    _require(user, Permission.RECORD_MONITORING)
    date_check(
        day,
        field="day",
        label="The date of the visit",
        earliest=inspection_began(plan.inspection),
        since="when the inspection began",
        not_after_today=True,
    )
    visit = MonitoringVisit.objects.create(
        plan=plan,
        date=day,
        attendees=attendees,
        summary=summary,
        progress_measures_agreed=progress_measures_agreed,
        recorded_by=user,
        illustrative=illustrative,
    )
    InspectionEvent.objects.create(
        inspection=plan.inspection,
        kind="monitoring_visit",
        date=day,
        source="Monitoring visit record",
        recorded_by=user,
    )
    milestones_sync(inspection=plan.inspection)
    change_created(user=user, subject=plan, what="Monitoring visit recorded", added=visit, fields=("date",))
    return visit


@transaction.atomic
def publication_approve(
    *, user, finding: Finding | None = None, action: Action | None = None, update: ProgressUpdate | None = None
) -> None:
    """Approve plain-English text for the public progress page. Nothing else is ever published."""
    _require(user, Permission.APPROVE_PUBLICATION)
    now = timezone.now()
    if finding is not None:
        if not finding.plain_english.strip():
            raise ValidationError("Write the plain-English summary of the finding before approving it")
        finding.approved_for_publication_at, finding.approved_by = now, user
        finding.save(update_fields=["approved_for_publication_at", "approved_by"])
        change_created(
            user=user,
            subject=finding.inspection,
            what="Finding approved for publication",
            added=finding,
            fields=("reference",),
        )
    if action is not None:
        if not action.public_summary.strip():
            raise ValidationError("Write the plain-English summary of the action before approving it")
        action.public_summary_approved_at = now
        action.save(update_fields=["public_summary_approved_at"])
        change_created(user=user, **_on_action(action), what="Action approved for publication")
    if update is not None:
        if not update.public_summary.strip():
            raise ValidationError("Write the plain-English summary of the update before approving it")
        update.approved_for_publication_at = now
        update.save(update_fields=["approved_for_publication_at"])
        change_created(user=user, **_on_action(update.action), what="Update approved for publication")


@transaction.atomic
def publication_refuse(
    *,
    user,
    reason: str,
    finding: Finding | None = None,
    action: Action | None = None,
    update: ProgressUpdate | None = None,
) -> None:
    """Do not approve plain-English text for the public page, saying why: whoever wrote it sees the reason
    beside the text, and the text leaves the approval queue until it is rewritten."""
    _require(user, Permission.APPROVE_PUBLICATION)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Enter why the text cannot be published"})
    now = timezone.now()
    target = finding or action or update
    if target is None:
        raise ValidationError("Choose the text that is not approved")
    target.publication_refused_at, target.publication_refused_reason = now, reason
    target.save(update_fields=["publication_refused_at", "publication_refused_reason"])
    if finding is not None:
        change_created(
            user=user,
            subject=finding.inspection,
            what="Finding not approved for publication",
            added=finding,
            fields=("reference",),
            reason=reason,
        )
    else:
        owner = action or update.action
        what = "Action not approved for publication" if action is not None else "Update not approved for publication"
        change_created(user=user, **_on_action(owner), what=what, reason=reason)


@transaction.atomic
def action_public_summary_set(*, user, action: Action, public_summary: str, version: str | None = None) -> Action:
    """Changing the published text withdraws its approval until it is approved again."""
    _require_action(user, action)
    _version_check("action_public_summary", action, version)
    with change_tracked(
        user=user,
        **_on_action(action),
        what="Public summary changed (approval withdrawn)",
        always=True,
        values=lambda: values_of(action, ["public_summary"]),
    ):
        action.public_summary, action.public_summary_approved_at = public_summary.strip(), None
        action.publication_refused_at, action.publication_refused_reason = None, ""
        action.save(
            update_fields=[
                "public_summary",
                "public_summary_approved_at",
                "publication_refused_at",
                "publication_refused_reason",
            ]
        )
    return action
