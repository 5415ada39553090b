"""What a child's page shows of the steps recorded by hand, and the links to record what may come next."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from django.urls import reverse
from django.utils import timezone

from sendboard.audit.selectors import history_of
from sendboard.casework import recording
from sendboard.casework.models import Requester, StatutoryStep
from sendboard.casework.permissions import may_change_recorded
from sendboard.casework.presenters import step_state
from sendboard.casework.recording import CHANGED, STEPS, Case
from sendboard.casework.reviews import reviews_of
from sendboard.casework.timescales import review_subject
from sendboard.core.govuk import format_date


@dataclass(frozen=True)
class Row:
    """One row of what was recorded; ``change`` links to the form that puts it right, where it may be changed."""

    key: str
    value: str
    change: str = ""


@dataclass
class Recorded:
    rows: list[Row] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)
    reviews: list[ReviewRow] = field(default_factory=list)
    corrections: list[Correction] = field(default_factory=list)


def _when(day) -> str:
    return format_date(day) if day else "Not yet"


def _links(child, case: Case) -> list[tuple[str, str]]:
    """The steps the legal order allows next, each settings' reply awaited and each appeal's outcome awaited."""
    slug_links = [
        (STEPS[slug], reverse("casework:record", args=[child.public_id, slug])) for slug in recording.allowed(case)
    ]
    reply_links = [
        (f"Record the reply from {c.setting}", reverse("casework:record-reply", args=[child.public_id, c.id]))
        for c in recording.open_consultations(case)
    ]
    outcome_links = [
        (
            f"Record the outcome of the {a.get_kind_display().lower()} begun {format_date(a.started_date)}",
            reverse("casework:record-appeal-outcome", args=[child.public_id, a.id]),
        )
        for a in recording.open_appeals(case)
    ]
    return slug_links + reply_links + outcome_links


class _Rows:
    """Rows in the order they are added, each recorded step with its "Change" link where it may be changed."""

    def __init__(self, child, changeable: list[str]) -> None:
        self.child, self.changeable, self.rows = child, changeable, []

    def add(self, key: str, value: str, step: str = "") -> None:
        href = reverse("casework:change", args=[self.child.public_id, step]) if step in self.changeable else ""
        self.rows.append(Row(key, value, href))


def _request_rows(rows: _Rows, request, labels: dict[str, dict[str, str]]) -> None:
    rows.add("Request received", format_date(request.received_date), "request")
    if request.requester:
        who = Requester(request.requester).label
        rows.add("Who asked for the assessment", f"{who}: {request.requester_name}".rstrip(": "), "request")
        if request.requester_contact:
            rows.add("Their contact details", request.requester_contact, "request")
    elif request.request_source:
        rows.add("Who asked for the assessment", labels.get("RequestSource", {}).get(request.request_source, ""))
    if request.outcome in ("Y", "N") and request.outcome_date:
        decided = "To carry out an assessment" if request.outcome == "Y" else "Not to carry out an assessment"
        rows.add("Decision whether to assess", f"{decided}, {format_date(request.outcome_date)}", "decision")
    if request.decision_reason:
        rows.add("Reason for the decision whether to assess", request.decision_reason, "decision")


def _assessment_rows(rows: _Rows, assessment) -> None:
    for c in assessment.consultations.all():
        reply = f"replied {format_date(c.reply_date)}: {c.reply}" if c.reply_date else "no reply yet"
        rows.add(f"Consulted {c.setting}", f"Sent {format_date(c.sent_date)}, {reply}".rstrip(": "))
    if assessment.draft_plan_issued:
        rows.add("Draft plan sent", format_date(assessment.draft_plan_issued), "draft-plan")
    if assessment.family_response_date:
        rows.add("Family's response to the draft plan", format_date(assessment.family_response_date), "family-response")
        if assessment.preferred_setting:
            rows.add("Setting the family asked for", assessment.preferred_setting, "family-response")
        if assessment.family_views:
            rows.add("The family's views", assessment.family_views, "family-response")


def _active_plan_rows(rows: _Rows, active, labels: dict[str, dict[str, str]]) -> None:
    reviews = reviews_of(active)
    if reviews:
        review = reviews[-1]
        rows.add("Last review meeting", format_date(review.meeting), "review-meeting")
        rows.add("Report of the review meeting received", _when(review.report_received), "review-report")
        if review.decided:
            outcome = labels.get("ReviewOutcome", {}).get(review.outcome, "Decided")
            rows.add("Decision after the last review", f"{outcome}, {format_date(review.decided)}", "review-decision")
        if review.notice:
            rows.add("Proposed amendments sent", format_date(review.notice), "review-decision")
        if review.amended_plan_issued:
            rows.add("Amended plan issued", format_date(review.amended_plan_issued), "amended-plan")
    if active.phase_transfer_due or active.phase_transfer_final:
        rows.add("Plan reviewed for the move to the next phase", _when(active.phase_transfer_due))
        rows.add("Plan for the move finalised", _when(active.phase_transfer_final))
    if active.post16_transfer:
        rows.add("Planned move between post-16 institutions", format_date(active.post16_transfer))


def recorded(child, labels: dict[str, dict[str, str]], *, user=None, today: date | None = None) -> Recorded:
    """What the child's page shows of the steps recorded by hand: the latest request's steps (with "Change" links
    for ``user`` where they may put them right), every annual review of the plan, and the corrections made."""
    case = Case.of(child)
    out = Recorded(links=_links(child, case))
    request, assessment, active = case.request, case.assessment, case.active
    if request is None:
        return out
    may_change = user is not None and may_change_recorded(user, child)
    rows = _Rows(child, recording.changeable(case) if may_change else [])
    _request_rows(rows, request, labels)
    if assessment is not None:
        _assessment_rows(rows, assessment)
    plan = case.plan
    if plan is not None and plan.cease_date:
        reason = labels.get("CeaseReason", {}).get(plan.cease_reason, plan.cease_reason)
        rows.add("Plan ceased", f"{format_date(plan.cease_date)}: {reason}", "cease")
    if active is not None:
        _active_plan_rows(rows, active, labels)
        out.reviews = review_history(child, active, labels, today=today or timezone.localdate())
    for a in request.appeals.all():
        outcome = f"{a.get_outcome_display()}, {format_date(a.outcome_date)}" if a.outcome else "Outcome not known yet"
        rows.add(f"{a.get_kind_display()} begun {format_date(a.started_date)}", f"{a.get_about_display()}. {outcome}")
    out.rows = rows.rows
    out.corrections = corrections(child, labels)
    return out


# --- the annual reviews, as a history ------------------------------------------------------------------------


@dataclass(frozen=True)
class ReviewCell:
    """One step of one review: when it was done, when it was due, and whether it was on time, in words."""

    done: str
    due: str = ""
    state: tuple[str, str] | None = None


@dataclass(frozen=True)
class ReviewRow:
    meeting: ReviewCell
    report: ReviewCell
    decision: ReviewCell
    notice: ReviewCell
    amended: ReviewCell


def _cell(done, step: StatutoryStep | None, today: date, *, not_done: str = "Not yet") -> ReviewCell:
    if step is None:
        return ReviewCell(format_date(done) if done else not_done)
    return ReviewCell(format_date(done) if done else not_done, format_date(step.due_date), step_state(step, today))


def review_history(child, active, labels: dict[str, dict[str, str]], *, today: date) -> list[ReviewRow]:
    """Every annual review of the plan, newest first, each step with its due date and whether it was on time
    (from the child's statutory steps: one query)."""
    reviews = reviews_of(active)
    if not reviews:
        return []
    steps = {(s.step, s.subject): s for s in child.steps.filter(subject__startswith="review")}
    rows = []
    for review in reversed(reviews):
        subject = review_subject(review.meeting)
        after = steps.get(("annual_review", f"review-after:{review.follows.isoformat()}")) if review.follows else None
        outcome = labels.get("ReviewOutcome", {}).get(review.outcome, "")
        decision = _cell(review.decided, steps.get(("review_decision", subject)), today)
        if review.decided and outcome:
            decision = ReviewCell(f"{outcome}, {decision.done}", decision.due, decision.state)
        amending = review.outcome == "A"
        rows.append(
            ReviewRow(
                meeting=_cell(review.meeting, after, today),
                report=_cell(
                    review.report_received, steps.get(("review_report", subject)), today, not_done="Not recorded"
                ),
                decision=decision,
                notice=ReviewCell(
                    format_date(review.notice) if review.notice else ("Not yet" if amending else "Not needed")
                ),
                amended=_cell(
                    review.amended_plan_issued,
                    steps.get(("amended_plan", subject)),
                    today,
                    not_done="Not yet" if amending else "Not needed",
                ),
            )
        )
    return rows


# --- corrections, from the one history ------------------------------------------------------------------------

# The recorded values a correction may change, in users' words (the history keeps the register's names).
FIELD_WORDS = {
    "received_date": "Date the request was received",
    "requester": "Who asked for the assessment",
    "request_source": None,
    "outcome": "Decision",
    "outcome_date": "Date of the decision",
    "draft_plan_issued": "Date the draft plan was sent",
    "family_response_date": "Date the family responded",
    "meeting": "Date of the review meeting",
    "report_received": "Date the report was received",
    "decided": "Date of the decision",
    "notice": "Date the proposed amendments were sent",
    "amended_plan_issued": "Date the amended plan was issued",
    "cease_date": "Date the plan ceased",
    "cease_reason": "Why the plan ceased",
}
_CODE_WORDS = {"requester": dict(Requester.choices), "outcome": {"Y": "To assess", "N": "Not to assess"}}


@dataclass(frozen=True)
class Correction:
    when: datetime
    who: str
    what: str
    changes: list[str]


def _in_words(name: str, value, labels: dict[str, dict[str, str]]) -> str:
    if value in (None, ""):
        return "nothing"
    if name.endswith(("_date", "_issued", "_received")) or name in ("meeting", "decided", "notice"):
        return format_date(date.fromisoformat(value))
    if name == "cease_reason":
        return labels.get("CeaseReason", {}).get(value, value)
    if name == "outcome":
        return {**_CODE_WORDS["outcome"], **labels.get("ReviewOutcome", {})}.get(value, value)
    return _CODE_WORDS.get(name, {}).get(value, str(value))


def corrections(child, labels: dict[str, dict[str, str]] | None = None) -> list[Correction]:
    """The corrections made to what was recorded on the child's case, newest first, each value before and after
    in users' words (one query)."""
    labels = labels or {}
    found = []
    for change in history_of(child).filter(what__startswith=CHANGED):
        lines = [
            f"{words}: {_in_words(name, change.before.get(name), labels)} "
            f"changed to {_in_words(name, change.after[name], labels)}"
            for name, words in FIELD_WORDS.items()  # in this order: PostgreSQL's JSON keeps no order of its own
            if words and name in change.after
        ]
        who = change.changed_by.display_name if change.changed_by else "The system"
        found.append(Correction(change.changed_at, who, change.what.removeprefix(CHANGED), lines))
    return found
