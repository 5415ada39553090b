"""Where a statutory milestone stands on a given day: one rule, used by the inspection page and the board pack
alike, so that the two never disagree.

A milestone done after its due date was met late, never simply "met". An inspection's regime ends when a
revisit of it sends its letter: from then on none of its milestones is open. One still undone that fell due
before the regime ended was missed; one that would have fallen due later is no longer needed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sendboard.core.govuk import format_date
from sendboard.plans.models import EventKind, Inspection, InspectionEvent, Milestone


@dataclass(frozen=True)
class MilestoneState:
    text: str
    colour: str  # a GOV.UK tag colour
    open: bool  # still to be done: listed as open in reports


def regime_ended_on(inspection_id: int) -> date | None:
    """The day a revisit's letter ended this inspection's regime, if one has (one query)."""
    return (
        InspectionEvent.objects.filter(
            inspection__follows_id=inspection_id,
            inspection__kind=Inspection.Kind.REVISIT,
            kind=EventKind.REVISIT_LETTER,
        )
        .order_by("date")
        .values_list("date", flat=True)
        .first()
    )


def milestone_state(milestone: Milestone, *, today: date, regime_ended: date | None) -> MilestoneState:
    due, done = milestone.due_date, milestone.actual_date
    if done is not None:
        if done <= due:
            return MilestoneState(f"Met on {format_date(done)}", "green", open=False)
        return MilestoneState(f"Met late, on {format_date(done)}", "orange", open=False)
    if regime_ended is not None and regime_ended <= today:
        if due < regime_ended:
            return MilestoneState(
                f"Missed: not done before the revisit of {format_date(regime_ended)} ended this regime",
                "red",
                open=False,
            )
        return MilestoneState(
            f"No longer needed: the revisit of {format_date(regime_ended)} ended this regime", "grey", open=False
        )
    if due < today:
        return MilestoneState("Overdue: no date recorded", "red", open=True)
    return MilestoneState("Not yet due", "blue", open=True)


@dataclass(frozen=True)
class MilestoneRow:
    milestone: Milestone
    state: MilestoneState


def milestone_rows(milestones, *, today: date, regime_ended: date | None) -> list[MilestoneRow]:
    return [MilestoneRow(m, milestone_state(m, today=today, regime_ended=regime_ended)) for m in milestones]
