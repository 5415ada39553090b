"""Wrap casework records for display: statutory step states in words, and the child's timeline in date order."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sendboard.casework.reviews import reviews_of


def step_state(step, today: date) -> tuple[str, str]:
    """(words, GOV.UK tag colour) for one statutory step on ``today``."""
    if step.excepted:
        return "Exception applies", "grey"
    if step.done_date is not None:
        return ("Met", "green") if step.done_date <= step.due_date else ("Late", "orange")
    if today > step.due_date:
        return "Overdue", "red"
    if today >= step.warning_date:
        return "Due soon", "yellow"
    return "Upcoming", "blue"


@dataclass(frozen=True)
class TimelineEvent:
    on: date
    what: str


def _add(events: list, on, what: str) -> None:
    if on is not None:
        events.append(TimelineEvent(on, what))


def child_timeline(child, labels: dict[str, dict[str, str]]) -> list[TimelineEvent]:
    """Everything recorded about a child's case, oldest first, from prefetched relations."""
    events: list[TimelineEvent] = []
    outcome_words = labels.get("RequestOutcome", {})
    for request in child.requests.all():
        _add(events, request.received_date, "Request for an EHC needs assessment received")
        if request.outcome:
            _add(
                events,
                request.outcome_date,
                f"Decision on the request: {outcome_words.get(request.outcome, request.outcome).lower()}",
            )
        assessment = getattr(request, "assessment", None)
        if assessment is not None:
            for advice in assessment.advice_requests.all():
                source = labels.get("AdviceSource", {}).get(advice.source, advice.source)
                _add(events, advice.requested_date, f"Advice asked of {advice.partner} ({source.lower()})")
                _add(events, advice.received_date, f"Advice returned by {advice.partner}")
            _add(events, assessment.draft_plan_issued, "Draft EHC plan sent to the family")
            _add(events, assessment.family_response_date, "Family responded to the draft plan")
            for consultation in assessment.consultations.all():
                _add(events, consultation.sent_date, f"{consultation.setting} consulted about being named")
                _add(events, consultation.reply_date, f"{consultation.setting} replied")
            if assessment.outcome == "N":
                _add(events, assessment.outcome_date, "Decided not to issue an EHC plan")
            plan = getattr(assessment, "named_plan", None)
            if plan is not None:
                _add(events, plan.start_date, "Final EHC plan issued")
                _add(events, plan.family_views_updated, "Family's views and aspirations (section A) updated")
                if plan.cease_date:
                    reason = labels.get("CeaseReason", {}).get(plan.cease_reason, plan.cease_reason)
                    _add(events, plan.cease_date, f"Plan ceased: {reason.lower()}")
        for appeal in request.appeals.all():
            _add(events, appeal.started_date, f"{appeal.get_kind_display()} begun")
            if appeal.outcome:
                _add(
                    events,
                    appeal.outcome_date,
                    f"{appeal.get_kind_display()} ended: {appeal.get_outcome_display().lower()}",
                )
        active = getattr(request, "active_plan", None)
        if active is not None:
            for review in reviews_of(active):  # every review of the history (ADR 0174)
                _add(events, review.meeting, "Annual review meeting")
                _add(events, review.report_received, "Report of the review meeting received")
                _add(events, review.notice, "Proposed amendments sent to the family")
                if review.decided:
                    outcome = labels.get("ReviewOutcome", {}).get(review.outcome, "decision recorded")
                    _add(events, review.decided, f"Annual review decision: {outcome.lower()}")
                _add(events, review.amended_plan_issued, "Amended EHC plan issued")
            for placement in active.placements.all():
                where = (
                    f"URN {placement.urn}"
                    if placement.urn
                    else labels.get("SENsetting", {}).get(placement.sen_setting, "a setting")
                )
                _add(events, placement.entry_date, f"Started at {where}")
                _add(events, placement.leaving_date, f"Left {where}")
    return sorted(events, key=lambda e: e.on)


def needs_in_words(child, labels) -> list[str]:
    words = labels.get("SENtype", {})
    return [
        f"{need.rank}. {words.get(need.sen_type, need.sen_type)}"
        for request in child.requests.all()
        if getattr(request, "active_plan", None) is not None
        for need in request.active_plan.needs.all()
    ]
