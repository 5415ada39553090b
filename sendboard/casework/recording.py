"""Recording a case's statutory steps by hand (issue 15): what the order of the law allows next, and the
services that write each step. Every service takes the acting ``user``, refuses what the register's source does
not allow (ADR 0145), keeps the change in the one history (ADR 0115) and recomputes the child's steps.

The history keeps dates and codes; the family's words, and the requester's name and contact details, stay on
the record only (as breach notes do), so that the history never copies personal words.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from sendboard.audit.history import change_created, change_tracked, values_of
from sendboard.audit.models import AuditEvent
from sendboard.audit.services import audit_record
from sendboard.casework.models import (
    REQUEST_SOURCE,
    ActivePlan,
    AnnualReview,
    Appeal,
    Assessment,
    Child,
    Consultation,
    NamedPlan,
    PlanDetail,
    RegisterSource,
    Request,
    SenNeed,
)
from sendboard.casework.reviews import active_values, latest_review_values, reviews_of
from sendboard.casework.services import steps_refresh


@dataclass
class Case:
    """A child's latest request and what follows from it, read from prefetched relations."""

    child: Child
    request: Request | None
    assessment: Assessment | None
    plan: NamedPlan | None
    active: ActivePlan | None

    @classmethod
    def of(cls, child: Child) -> Case:
        requests = list(child.requests.all())
        request = requests[-1] if requests else None
        assessment = getattr(request, "assessment", None) if request else None
        plan = getattr(assessment, "named_plan", None) if assessment else None
        active = getattr(request, "active_plan", None) if request else None
        return cls(child, request, assessment, plan, active)

    @property
    def began(self) -> date | None:
        return self.request.received_date if self.request else None

    @property
    def plan_in_force(self) -> bool:
        return self.plan is not None and self.plan.cease_date is None

    @property
    def decided_to_assess(self) -> bool:
        return self.request is not None and self.request.outcome == "Y"

    @property
    def open(self) -> bool:
        """A request still being worked or a plan in force: a new request waits until the case closes."""
        if self.request is None:
            return False
        if self.request.outcome in ("N", "W", "H"):
            return False
        if self.assessment is not None and self.assessment.outcome in ("N", "W"):
            return False
        return not (self.plan is not None and self.plan.cease_date is not None)

    @property
    def review_decided(self) -> bool:
        a = self.active
        return bool(a and a.review_meeting and a.last_review and a.last_review >= a.review_meeting)


# What may be recorded next, in the order the law sets: (slug, link words). ``allowed`` says which apply now.
STEPS: dict[str, str] = {
    "request": "Record a new request for an assessment",
    "decision": "Record the decision whether to assess",
    "draft-plan": "Record the draft plan sent to the family",
    "consultation": "Record a setting consulted",
    "family-response": "Record the family's response to the draft plan",
    "final-plan": "Record the final plan issued",
    "review-meeting": "Record an annual review meeting held",
    "review-report": "Record the review report received",
    "review-decision": "Record the decision after the review",
    "amended-plan": "Record the amended plan issued",
    "phase-transfer": "Record a phase transfer review",
    "cease": "Record that the plan has ceased",
    "appeal": "Record mediation or an appeal to the tribunal",
}


def allowed(case: Case) -> list[str]:
    """The steps the order of the law allows to be recorded now, in order."""
    steps = []
    if not case.open:
        steps.append("request")
    request, assessment, active = case.request, case.assessment, case.active
    if request is not None and request.outcome in ("", "A"):
        steps.append("decision")
    if case.decided_to_assess and case.plan is None and (assessment is None or assessment.outcome in ("", "A")):
        if assessment is None or assessment.draft_plan_issued is None:
            steps.append("draft-plan")
        steps.append("consultation")
        if assessment is not None and assessment.draft_plan_issued is not None:
            steps.append("family-response")
            steps.append("final-plan")
    if case.plan_in_force:
        steps.append("review-meeting")
        if active is not None and active.review_meeting is not None:
            if active.review_report_received is None or active.review_report_received < active.review_meeting:
                steps.append("review-report")
            if not case.review_decided:
                steps.append("review-decision")
            elif active.review_outcome == "A" and (
                active.amended_plan_issued is None or active.amended_plan_issued < active.last_review
            ):
                steps.append("amended-plan")
        steps.append("phase-transfer")
        steps.append("cease")
    if request is not None and (
        request.outcome == "N" or case.plan is not None or (assessment is not None and assessment.outcome == "N")
    ):
        steps.append("appeal")
    return steps


def changeable(case: Case) -> list[str]:
    """The recorded steps of the latest request that may be changed (put right), in the order of the law."""
    request, assessment, active, plan = case.request, case.assessment, case.active, case.plan
    if request is None:
        return []
    review = reviews_of(active)[-1] if active is not None and reviews_of(active) else None
    recorded = {
        "request": True,
        "decision": request.outcome in ("Y", "N") and request.outcome_date is not None,
        "draft-plan": assessment is not None and assessment.draft_plan_issued is not None,
        "family-response": assessment is not None and assessment.family_response_date is not None,
        "review-meeting": review is not None,
        "review-report": review is not None and review.report_received is not None,
        "review-decision": review is not None and review.decided is not None,
        "amended-plan": review is not None and review.amended_plan_issued is not None,
        "cease": plan is not None and plan.cease_date is not None,
    }
    return [slug for slug, done in recorded.items() if done]


def open_consultations(case: Case) -> list[Consultation]:
    if case.assessment is None or case.plan is not None:
        return []
    return [c for c in case.assessment.consultations.all() if c.reply_date is None]


def open_appeals(case: Case) -> list[Appeal]:
    return [a for a in case.request.appeals.all() if a.outcome_date is None] if case.request else []


def register_source_check(local_area) -> None:
    """Refuse hand-recording in an area whose register is kept in another case system; otherwise the area's
    register is from now on recorded in sendboard, and SEN2 imports into it are refused (ADR 0145)."""
    source = RegisterSource.objects.select_for_update().filter(local_area=local_area).first()
    if source is not None and source.source == RegisterSource.Source.IMPORTED:
        raise ValidationError(
            f"{local_area.name}'s register is kept in another case system and imported as SEN2 files, so steps "
            "cannot be recorded here. Record them in that system, then import its next file"
        )
    if source is None:
        RegisterSource.objects.create(local_area=local_area, source=RegisterSource.Source.RECORDED)


@contextmanager
def _recording(*, user, child: Child, what: str, today: date, changing: bool = False):
    """One step recorded or changed: refused where the register is imported, audited, and the child's steps
    recomputed, all or nothing."""
    with transaction.atomic():
        register_source_check(child.local_area)
        yield
        steps_refresh(child_ids=[child.id], as_of=today)
        done = "changed" if changing else "recorded"
        audit_record(kind=AuditEvent.Kind.RECORD_CHANGED, user=user, detail=f"{what} {done}: Child {child.public_id}")


def _tracked(*, user, record, child: Child, what: str, names: list[str]):
    return change_tracked(user=user, subject=record, within=child, what=what, values=lambda: values_of(record, names))


CHANGED = "Changed: "  # how the history marks a correction of a recorded step


def _step_save(
    *, user, record, child: Child, what: str, values: dict, tracked: list[str] | None = None, changing: bool = False
) -> None:
    """The one way a step's values are written, recorded or changed: set ``values`` on ``record`` and save them,
    keeping the ``tracked`` ones (all, unless the family's or a setting's own words are among them) before and
    after in the history, under the child."""
    names = list(values) if tracked is None else tracked
    with _tracked(user=user, record=record, child=child, what=f"{CHANGED}{what}" if changing else what, names=names):
        for name, value in values.items():
            setattr(record, name, value)
        record.save(update_fields=list(values))


def _step(*, user, case: Case, step: str, record, what: str, values: dict, today: date, changing: bool = False, **kw):
    """A step that writes values on one record of the case, recorded or changed: the one pattern every such
    service follows (refuse, write and track, recompute, audit)."""
    with _recording(user=user, child=case.child, what=step, today=today, changing=changing):
        _step_save(user=user, record=record, child=case.child, what=what, values=values, changing=changing, **kw)
    return record


def child_record_new_request(*, user, local_area, child_fields: dict, request_fields: dict, today: date) -> Child:
    """A child not yet on the register, with the request for their assessment."""
    with transaction.atomic():
        child = Child.objects.create(local_area=local_area, **child_fields)
        request_record(user=user, child=child, today=today, **request_fields)
    return child


def request_record(
    *,
    user,
    child: Child,
    received_date: date,
    requester: str,
    requester_name: str,
    requester_contact: str,
    today: date,
    changing: Request | None = None,
) -> Request:
    """A request for an assessment recorded, or, with ``changing``, that request put right. The requester's
    name and contact stay out of the history."""
    values = {
        "received_date": received_date,
        "requester": requester,
        "request_source": REQUEST_SOURCE.get(requester, ""),
        "requester_name": requester_name,
        "requester_contact": requester_contact,
    }
    tracked = ["received_date", "requester", "request_source"]
    what = "Request for an EHC needs assessment received"
    with _recording(
        user=user, child=child, what="Request for an EHC needs assessment", today=today, changing=bool(changing)
    ):
        if changing is not None:
            _step_save(
                user=user, record=changing, child=child, what=what, values=values, tracked=tracked, changing=True
            )
            return changing
        request = Request.objects.create(child=child, **values)
        change_created(user=user, subject=request, within=child, what=what, added=request, fields=tracked)
    return request


def decision_record(
    *, user, case: Case, outcome: str, outcome_date: date, reason: str, today: date, changing: bool = False
) -> Request:
    request = case.request
    assessment = getattr(request, "assessment", None)
    if changing and outcome != "Y" and assessment is not None and assessment_has_steps(assessment):
        raise ValidationError("The assessment has steps recorded, so the decision to carry it out cannot be changed")
    with _recording(user=user, child=case.child, what="Decision whether to assess", today=today, changing=changing):
        _step_save(
            user=user,
            record=request,
            child=case.child,
            what="Decision whether to assess",
            values={"outcome": outcome, "outcome_date": outcome_date, "decision_reason": reason},
            tracked=["outcome", "outcome_date"],
            changing=changing,
        )
        if outcome == "Y" and assessment is None:
            request.assessment = Assessment.objects.create(request=request)
        elif changing and outcome != "Y" and assessment is not None:
            # Changed to not assessing: the assessment the decision to assess began goes (nothing is in it yet).
            assessment.delete()
    return request


def assessment_has_steps(assessment: Assessment) -> bool:
    """Whether anything of the assessment is recorded beyond the decision to carry it out."""
    return bool(
        assessment.draft_plan_issued
        or assessment.family_response_date
        or assessment.consultations.all()
        or assessment.advice_requests.all()
        or getattr(assessment, "named_plan", None)
    )


def _assessment(case: Case) -> Assessment:
    return case.assessment or Assessment.objects.create(request=case.request)


def draft_plan_record(*, user, case: Case, issued: date, today: date, changing: bool = False) -> Assessment:
    return _step(
        user=user,
        case=case,
        step="Draft plan",
        record=_assessment(case),
        what="Draft EHC plan sent",
        values={"draft_plan_issued": issued},
        today=today,
        changing=changing,
    )


def family_response_record(
    *, user, case: Case, responded: date, preferred_setting: str, views: str, today: date, changing: bool = False
) -> Assessment:
    values = {"family_response_date": responded, "preferred_setting": preferred_setting, "family_views": views}
    return _step(
        user=user,
        case=case,
        step="Family's response",
        record=case.assessment,
        what="Family's response to the draft plan",
        values=values,
        tracked=["family_response_date"],
        today=today,
        changing=changing,
    )


def consultation_record(
    *, user, case: Case, setting: str, sent_date: date, reply_date: date | None, reply: str, today: date
) -> Consultation:
    with _recording(user=user, child=case.child, what="Consultation with a setting", today=today):
        consultation = Consultation.objects.create(
            assessment=_assessment(case), setting=setting, sent_date=sent_date, reply_date=reply_date, reply=reply
        )
        change_created(
            user=user,
            subject=consultation,
            within=case.child,
            what="Setting consulted",
            added=consultation,
            fields=["setting", "sent_date", "reply_date"],
        )
    return consultation


def consultation_reply_record(
    *, user, case: Case, consultation: Consultation, reply_date: date, reply: str, today: date
) -> Consultation:
    return _step(
        user=user,
        case=case,
        step="Setting's reply",
        record=consultation,
        what="Setting's reply",
        values={"reply_date": reply_date, "reply": reply},
        today=today,
    )


def final_plan_record(
    *,
    user,
    case: Case,
    issued: date,
    urn: str,
    sen_setting: str,
    primary_need: str,
    secondary_need: str,
    personal_budget: bool,
    today: date,
) -> NamedPlan:
    assessment = case.assessment
    with _recording(user=user, child=case.child, what="Final plan", today=today):
        _step_save(
            user=user,
            record=assessment,
            child=case.child,
            what="Decided to issue an EHC plan",
            values={"outcome": "Y", "outcome_date": issued},
        )
        plan = NamedPlan.objects.create(
            assessment=assessment,
            start_date=issued,
            personal_budget=personal_budget,
            family_views_updated=assessment.family_response_date,
        )
        PlanDetail.objects.create(named_plan=plan, urn=urn, sen_setting="" if urn else sen_setting, placement_rank=1)
        active = ActivePlan.objects.create(request=case.request)
        for rank, need in enumerate([n for n in (primary_need, secondary_need) if n], start=1):
            SenNeed.objects.create(active_plan=active, sen_type=need, rank=rank)
        change_created(
            user=user,
            subject=plan,
            within=case.child,
            what="Final EHC plan issued",
            added=plan,
            fields=["start_date", "personal_budget"],
            extra={"urn": urn, "sen_setting": sen_setting, "needs": [primary_need, secondary_need]},
        )
    return plan


def _active(case: Case) -> ActivePlan:
    return case.active or ActivePlan.objects.create(request=case.request)


def _latest_review(active: ActivePlan) -> AnnualReview | None:
    """The latest review's history entry. A latest review held only on the active plan (a register loaded
    before the history) joins the history here, so that it is kept when the next is recorded."""
    values = latest_review_values(active)
    if values is None:
        return None
    found = next((r for r in active.reviews.all() if r.meeting == values["meeting"]), None)
    return found or AnnualReview.objects.create(active_plan=active, **values)


def _latest_copy(active: ActivePlan, review: AnnualReview) -> None:
    """SEN2 holds the latest review on the active plan: keep that copy of the history's latest entry."""
    values = active_values(review)
    for name, value in values.items():
        setattr(active, name, value)
    active.save(update_fields=list(values))


def _review_step(*, user, case: Case, step: str, what: str, values: dict, today: date, changing: bool) -> AnnualReview:
    """A step of the latest review recorded or changed: its history entry saved, and copied for SEN2."""
    with _recording(user=user, child=case.child, what=step, today=today, changing=changing):
        active = case.active
        review = _latest_review(active)
        _step_save(user=user, record=review, child=case.child, what=what, values=values, changing=changing)
        _latest_copy(active, review)
    return review


def review_meeting_record(*, user, case: Case, held: date, today: date) -> AnnualReview:
    """A new review meeting starts the next review; the one before stays in the history, with its steps."""
    with _recording(user=user, child=case.child, what="Annual review meeting", today=today):
        active = _active(case)
        before = _latest_review(active)
        follows = before.meeting if before is not None else (case.plan.start_date if case.plan else None)
        review = AnnualReview.objects.create(active_plan=active, meeting=held, follows=follows)
        change_created(
            user=user,
            subject=review,
            within=case.child,
            what="Annual review meeting held",
            added=review,
            fields=["meeting"],
        )
        _latest_copy(active, review)
    return review


def review_meeting_change(*, user, case: Case, held: date, today: date) -> AnnualReview:
    what = "Annual review meeting held"
    values = {"meeting": held}
    return _review_step(
        user=user, case=case, step="Annual review meeting", what=what, values=values, today=today, changing=True
    )


def review_report_record(*, user, case: Case, received: date, today: date, changing: bool = False) -> AnnualReview:
    what = "Report of the review meeting received"
    values = {"report_received": received}
    return _review_step(
        user=user, case=case, step="Review report", what=what, values=values, today=today, changing=changing
    )


def review_decision_record(
    *, user, case: Case, outcome: str, decided: date, notice: date | None, today: date, changing: bool = False
) -> AnnualReview:
    what = "Decision after the annual review"
    values = {"outcome": outcome, "decided": decided, "notice": notice if outcome == "A" else None}
    step = "Decision after the review"
    return _review_step(user=user, case=case, step=step, what=what, values=values, today=today, changing=changing)


def amended_plan_record(*, user, case: Case, issued: date, today: date, changing: bool = False) -> AnnualReview:
    what = "Amended EHC plan issued"
    values = {"amended_plan_issued": issued}
    return _review_step(
        user=user, case=case, step="Amended plan", what=what, values=values, today=today, changing=changing
    )


def phase_transfer_record(
    *, user, case: Case, reviewed: date | None, finalised: date | None, post16_move: date | None, today: date
) -> ActivePlan:
    active = _active(case)
    values = {
        "phase_transfer_due": reviewed or active.phase_transfer_due,
        "phase_transfer_final": finalised or active.phase_transfer_final,
        "post16_transfer": post16_move or active.post16_transfer,
    }
    return _step(
        user=user,
        case=case,
        step="Phase transfer",
        record=active,
        what="Phase transfer review",
        values=values,
        today=today,
    )


def cease_record(*, user, case: Case, ceased: date, reason: str, today: date, changing: bool = False) -> NamedPlan:
    return _step(
        user=user,
        case=case,
        step="Plan ceased",
        record=case.plan,
        what="EHC plan ceased",
        values={"cease_date": ceased, "cease_reason": reason},
        today=today,
        changing=changing,
    )


# Which SEN2 indicator each kind of disagreement sets (items 2.5/2.6, 3.3 to 3.6).
_APPEAL_FLAGS: dict[str, Callable[[Case], tuple[object, str]]] = {
    "not_assess": lambda case: (case.request, ""),
    "not_issue": lambda case: (case.assessment, ""),
    "content": lambda case: (case.assessment, "other_"),
    "cease": lambda case: (case.assessment, "other_"),
}


def appeal_record(
    *,
    user,
    case: Case,
    kind: str,
    about: str,
    started: date,
    outcome: str,
    outcome_date: date | None,
    today: date,
) -> Appeal:
    with _recording(user=user, child=case.child, what="Mediation or appeal", today=today):
        appeal = Appeal.objects.create(
            request=case.request,
            kind=kind,
            about=about,
            started_date=started,
            outcome=outcome,
            outcome_date=outcome_date,
        )
        record, prefix = _APPEAL_FLAGS[about](case)
        if record is not None:
            flag = f"{prefix}{kind}"
            setattr(record, flag, True)
            record.save(update_fields=[flag])
        change_created(
            user=user,
            subject=appeal,
            within=case.child,
            what=f"{Appeal.Kind(kind).label} recorded",
            added=appeal,
            fields=["kind", "about", "started_date", "outcome", "outcome_date"],
        )
    return appeal


def appeal_outcome_record(*, user, case: Case, appeal: Appeal, outcome: str, outcome_date: date, today: date) -> Appeal:
    return _step(
        user=user,
        case=case,
        step="Outcome of mediation or appeal",
        record=appeal,
        what=f"Outcome of {Appeal.Kind(appeal.kind).label.lower()}",
        values={"outcome": outcome, "outcome_date": outcome_date},
        today=today,
    )
