"""Statutory timescales as data (ADR 0021): each rule says which event the time counts from, in which unit,
how many, and how long before the due date the warning falls. This module turns the register into steps.

Weeks and months are statutory calendar periods (the regulations do not skip bank holidays); a warning that
would fall on a non-working day moves back to the working day before it, so it reaches someone at work.
Rules with a working-day unit count with the core calendar's convention (ADR 0004).
"""

from __future__ import annotations

import calendar as month_calendar
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import NamedTuple

from sendboard.casework.reviews import reviews_of
from sendboard.core.calendar import WorkingDayCalendar

SCHOOL_TRANSFER_AGE = 11  # into Year 7: age on 31 August before the September of the move
POST16_TRANSFER_AGE = 16


@dataclass(frozen=True)
class Rule:
    step: str
    name: str
    unit: str
    count: int
    warning_days: int
    fixed_day: int | None = None


class StepSpec(NamedTuple):
    """One step as computed (a tuple: an import computes about ten a child, see ADR 0054)."""

    step: str
    subject: str
    anchor_date: date
    warning_date: date
    due_date: date
    done_date: date | None = None
    partner: str = ""
    excepted: bool = False
    exception_reason: str = ""


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, or the month's last day when it has no such day (29 Feb + 12 = 28 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, month_calendar.monthrange(year, month)[1]))


def due_date_for(rule: Rule, anchor: date, calendar: WorkingDayCalendar) -> date:
    if rule.unit == "calendar_days":
        return anchor + timedelta(days=rule.count)
    if rule.unit == "weeks":
        return anchor + timedelta(weeks=rule.count)
    if rule.unit == "months":
        return add_months(anchor, rule.count)
    if rule.unit == "working_days":
        return calendar.add_working_days(anchor, rule.count)
    if rule.unit == "months_before":
        # The anchor is the event itself (a planned move): the step is due that many months before it.
        return add_months(anchor, -rule.count)
    if rule.unit == "fixed_date":
        # The anchor is the 1 September of the transfer; the deadline is earlier in the same calendar year.
        return date(anchor.year, rule.count, rule.fixed_day or 1)
    raise ValueError(f"Unknown timescale unit {rule.unit!r} in rule {rule.step}")


def warning_date_for(rule: Rule, due: date, calendar: WorkingDayCalendar) -> date:
    warning = due - timedelta(days=rule.warning_days)
    while not calendar.is_working_day(warning):
        warning -= timedelta(days=1)
    return warning


def transfer_year(birth_date: date, age: int) -> int:
    """The calendar year in whose September a child of ``birth_date`` moves on at ``age``."""
    return birth_date.year + age + (1 if (birth_date.month, birth_date.day) > (8, 31) else 0)


def request_subject(received: date) -> str:
    return f"request:{received.isoformat()}"


def advice_subject(source: str, requested: date) -> str:
    return f"advice:{source}:{requested.isoformat()}"


def review_subject(meeting: date) -> str:
    return f"review:{meeting.isoformat()}"


@lru_cache(maxsize=65536)
def _due_and_warning(rule: Rule, anchor: date, calendar: WorkingDayCalendar) -> tuple[date, date]:
    """Rules, anchors and calendars are values: a register of thousands of children asks the same few thousand
    questions, so the answers are remembered (an import computes about ten steps a child)."""
    due = due_date_for(rule, anchor, calendar)
    return due, warning_date_for(rule, due, calendar)


class StepBuilder:
    def __init__(self, rules: dict[str, Rule], calendar: WorkingDayCalendar) -> None:
        self.rules = rules
        self.calendar = calendar

    def make(self, step: str, subject: str, anchor: date, **fields) -> StepSpec:
        due, warning = _due_and_warning(self.rules[step], anchor, self.calendar)
        return StepSpec(step=step, subject=subject, anchor_date=anchor, due_date=due, warning_date=warning, **fields)


def steps_for_child(child, *, rules: dict[str, Rule], calendar: WorkingDayCalendar, as_of: date) -> list[StepSpec]:
    """Every statutory step of one child's case. Reads only prefetched relations (see selectors)."""
    build = StepBuilder(rules, calendar)
    steps: list[StepSpec] = []
    for request in child.requests.all():
        subject = request_subject(request.received_date)
        # RequestOutcome Y proceeded to an assessment, N did not, A is still undecided, W was withdrawn and H is a
        # historical request decided before the collection period (SEN2 codes, ADR 0130): W and H have no steps.
        if request.outcome not in ("W", "H"):
            steps.append(
                build.make(
                    "decision_to_assess",
                    subject,
                    request.received_date,
                    done_date=request.outcome_date if request.outcome in ("Y", "N") else None,
                )
            )
        assessment = getattr(request, "assessment", None)
        if assessment is not None and assessment.outcome not in ("W", "H") and request.outcome != "H":
            steps.extend(_assessment_steps(build, request, assessment, subject))
        active_plan = getattr(request, "active_plan", None)
        if active_plan is not None:
            steps.extend(_active_plan_steps(build, child, assessment, active_plan, as_of))
    return steps


def _assessment_steps(build: StepBuilder, request, assessment, subject: str) -> list[StepSpec]:
    steps = []
    plan = getattr(assessment, "named_plan", None)
    if plan is not None:
        final_done = plan.start_date
    elif assessment.outcome == "N":
        final_done = assessment.outcome_date
    else:
        final_done = None
    steps.append(
        build.make(
            "final_plan",
            subject,
            request.received_date,
            done_date=final_done,
            excepted=assessment.week20_exception,
            exception_reason=assessment.week20_exception_reason,
        )
    )
    for advice in assessment.advice_requests.all():
        steps.append(
            build.make(
                "advice",
                advice_subject(advice.source, advice.requested_date),
                advice.requested_date,
                done_date=advice.received_date,
                partner=advice.partner,
            )
        )
    if assessment.draft_plan_issued is not None:
        # The 15 days are the family's: the period closes when it runs out or the final plan is issued, whichever
        # is first, so a plan issued later is late on the final-plan step, not here.
        comments = build.make("draft_comments", subject, assessment.draft_plan_issued)
        closed = min(plan.start_date, comments.due_date) if plan is not None else None
        steps.append(comments._replace(done_date=closed))
    return steps


def _review_steps(build: StepBuilder, review) -> list[StepSpec]:
    """The steps of one annual review, from its meeting: each review of the history keeps its own, so a review
    late once stays late when the next is recorded (ADR 0174)."""
    steps = []
    if review.follows is not None:
        # The meeting closes the 12 months counted from what it follows (the plan's issue or the review before).
        steps.append(
            build.make(
                "annual_review", f"review-after:{review.follows.isoformat()}", review.follows, done_date=review.meeting
            )
        )
    subject = review_subject(review.meeting)
    # SEN2 does not carry the report: a review decided without a recorded report cannot be judged, so only a
    # report recorded, or one still awaited before the decision, is a step.
    if "review_report" in build.rules and (review.report_received is not None or review.decided is None):
        steps.append(build.make("review_report", subject, review.meeting, done_date=review.report_received))
    steps.append(build.make("review_decision", subject, review.meeting, done_date=review.decided))
    if review.decided is not None and review.outcome == "A":
        # The final amended plan is due 8 weeks after the notice of the proposed amendments (reg. 22(3)); the
        # notice goes with the decision (reg. 22(2)), so the decision's date stands in where no notice is recorded.
        steps.append(
            build.make("amended_plan", subject, review.notice or review.decided, done_date=review.amended_plan_issued)
        )
    return steps


def _active_plan_steps(build: StepBuilder, child, assessment, active_plan, as_of: date) -> list[StepSpec]:
    plan = getattr(assessment, "named_plan", None) if assessment is not None else None
    if plan is not None and plan.cease_date is not None:
        return []
    steps = []
    started = plan.start_date if plan is not None else None
    reviews = reviews_of(active_plan)
    last_anchor = reviews[-1].meeting if reviews else started
    if last_anchor is not None:
        steps.append(build.make("annual_review", f"review-after:{last_anchor.isoformat()}", last_anchor))
    for review in reviews:
        steps.extend(_review_steps(build, review))
    # What reviewed the plan for a move: any review's decision or amended plan the history holds.
    reviewed_on = [d for r in reviews for d in (r.amended_plan_issued, r.decided) if d is not None]
    reviewed_on += [d for d in (active_plan.amended_plan_issued, active_plan.last_review) if d is not None]
    move = getattr(active_plan, "post16_transfer", None)
    if move is not None and "post16_transfer" in build.rules:
        reviewed = [d for d in reviewed_on if add_months(move, -12) <= d < move]
        steps.append(
            build.make(
                "post16_transfer", f"post16-move:{move.isoformat()}", move, done_date=min(reviewed, default=None)
            )
        )
    for step, age in (("phase_transfer_school", SCHOOL_TRANSFER_AGE), ("phase_transfer_post16", POST16_TRANSFER_AGE)):
        year = transfer_year(child.birth_date, age)
        september = date(year, 9, 1)
        spec = build.make(step, f"transfer:{year}", september)
        # The register may not hold every review (SEN2 holds only the latest), so a move that came before the
        # first review it holds cannot be judged: only moves after it (or the plan's start) get a step, up to
        # next year's.
        known_from = reviews[0].meeting if reviews else started
        if known_from is None or september <= known_from or year > as_of.year + 1:
            continue
        if started is not None and spec.due_date < started:
            continue  # the plan was issued after the review deadline of a move it already provides for
        academic_year_start = date(year - 1, 9, 1)
        done_candidates = [d for d in reviewed_on if academic_year_start <= d < september]
        steps.append(spec._replace(done_date=min(done_candidates) if done_candidates else None))
    return steps


def rules_from_rows(rows) -> dict[str, Rule]:
    return {
        row.step: Rule(
            step=row.step,
            name=row.name,
            unit=row.unit,
            count=row.count,
            warning_days=row.warning_days,
            fixed_day=row.fixed_day,
        )
        for row in rows
    }
