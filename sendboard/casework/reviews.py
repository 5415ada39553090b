"""A plan's annual reviews as a history (ADR 0174). SEN2 holds one review a plan, the latest, on the active
plan; sendboard keeps every review as an ``AnnualReview`` and copies the latest onto the active plan, so that
the return goes out as it always has.

These functions read plain attributes, so that the register, the SEN2 loader's light views and a data
migration's historical models all use them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

# The values of one review in the history, as the loader writes them.
REVIEW_FIELDS = ("meeting", "report_received", "outcome", "decided", "notice", "amended_plan_issued")


@dataclass(frozen=True)
class ReviewView:
    """One review as the timescales read it: an entry of the history, or the active plan's latest review where
    the history does not hold it (a register loaded before the history, or built by hand in a test)."""

    meeting: date
    follows: date | None = None
    report_received: date | None = None
    outcome: str = ""
    decided: date | None = None
    notice: date | None = None
    amended_plan_issued: date | None = None


def _on_or_after(day: date | None, floor: date) -> date | None:
    return day if day is not None and day >= floor else None


def latest_review_values(active_plan) -> dict | None:
    """The history entry the active plan's latest-review fields describe, or None when no review is recorded.
    SEN2's dates may be older than the meeting (a decision of the review before, still awaiting this one's):
    only those on or after the meeting belong to it."""
    meeting = getattr(active_plan, "review_meeting", None)
    if meeting is None:
        return None
    decided = _on_or_after(getattr(active_plan, "last_review", None), meeting)
    return {
        "meeting": meeting,
        "report_received": _on_or_after(getattr(active_plan, "review_report_received", None), meeting),
        "outcome": (getattr(active_plan, "review_outcome", "") or "") if decided else "",
        "decided": decided,
        "notice": _on_or_after(getattr(active_plan, "review_draft", None), meeting),
        "amended_plan_issued": _on_or_after(getattr(active_plan, "amended_plan_issued", None), meeting),
    }


def active_values(review) -> dict:
    """The active plan's latest-review fields for ``review`` (the copy SEN2 writes)."""
    return {
        "review_meeting": review.meeting,
        "review_report_received": review.report_received,
        "review_outcome": review.outcome,
        "last_review": review.decided,
        "review_draft": review.notice,
        "amended_plan_issued": review.amended_plan_issued,
    }


def reviews_of(active_plan) -> list[ReviewView]:
    """Every review of the plan, oldest first: the history, and the active plan's latest review if the history
    does not hold it. Reads the prefetched ``reviews`` (or the loader's list) where there is one."""
    history = getattr(active_plan, "reviews", None)
    entries = [
        ReviewView(follows=r.follows, **{name: getattr(r, name) for name in REVIEW_FIELDS})
        for r in (history.all() if history is not None else [])
    ]
    latest = latest_review_values(active_plan)
    if latest is not None and all(e.meeting != latest["meeting"] for e in entries):
        entries.append(ReviewView(**latest))
    return sorted(entries, key=lambda e: e.meeting)
