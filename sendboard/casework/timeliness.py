"""Timeliness figures with the SEN2 definitions used in the DfE's EHC plans release (ADR 0025).

- EHC plans issued within 20 weeks *including exceptions*: of all new plans issued in the calendar year, those
  whose plan start date is no more than 20 weeks (140 days) after the request was received.
- *Excluding exceptions*: the same, leaving out plans where a 20-week exception applies (numerator and
  denominator alike).
- Plans issued after 52 weeks: more than 364 days after the request.
- Requests decided within 6 weeks: of requests with a decision (to assess or not) received in the year,
  those decided no more than 42 days after receipt.
- Annual review decisions within 4 weeks: of the review decisions made in the year, every review of the
  history counted (ADR 0174), those made no more than 28 days after the review meeting (reg. 20(10)).

Aggregates are for a whole local area; numbers from 1 to 5 are suppressed when shown (``suppress``), the one
threshold of ``sendboard.core.disclosure``.
"""

from __future__ import annotations

from dataclasses import dataclass

from sendboard.casework.models import AnnualReview, NamedPlan, Request
from sendboard.core.disclosure import SMALLEST_SHOWN, is_small
from sendboard.core.models import LocalArea

TWENTY_WEEKS = 140
FIFTY_TWO_WEEKS = 364
SIX_WEEKS = 42
FOUR_WEEKS = 28


@dataclass(frozen=True)
class Share:
    count: int
    of: int

    @property
    def percent(self) -> float | None:
        return round(100 * self.count / self.of, 1) if self.of else None


@dataclass(frozen=True)
class Timeliness:
    year: int
    plans_issued: int
    within_20_weeks: Share
    within_20_weeks_excluding_exceptions: Share
    over_52_weeks: Share
    requests_decided: int
    decided_within_6_weeks: Share
    reviews_decided: int
    reviews_decided_within_4_weeks: Share


def timeliness_for_area(*, area: LocalArea, year: int) -> Timeliness:
    plans = list(
        NamedPlan.objects.filter(assessment__request__child__local_area=area, start_date__year=year).values_list(
            "start_date", "assessment__request__received_date", "assessment__week20_exception"
        )
    )
    waits = [(start - received).days for start, received, _ in plans]
    without_exception = [(start - received).days for start, received, excepted in plans if not excepted]
    decisions = [
        (decided - received).days
        for received, decided in Request.objects.filter(
            child__local_area=area, received_date__year=year, outcome__in=["Y", "N"], outcome_date__isnull=False
        ).values_list("received_date", "outcome_date")
    ]
    reviews = [
        (decided - meeting).days
        for meeting, decided in AnnualReview.objects.filter(
            active_plan__request__child__local_area=area, decided__year=year
        ).values_list("meeting", "decided")
    ]
    return Timeliness(
        year=year,
        plans_issued=len(plans),
        within_20_weeks=Share(sum(w <= TWENTY_WEEKS for w in waits), len(waits)),
        within_20_weeks_excluding_exceptions=Share(
            sum(w <= TWENTY_WEEKS for w in without_exception), len(without_exception)
        ),
        over_52_weeks=Share(sum(w > FIFTY_TWO_WEEKS for w in waits), len(waits)),
        requests_decided=len(decisions),
        decided_within_6_weeks=Share(sum(d <= SIX_WEEKS for d in decisions), len(decisions)),
        reviews_decided=len(reviews),
        reviews_decided_within_4_weeks=Share(sum(d <= FOUR_WEEKS for d in reviews), len(reviews)),
    )


def suppress(value: int) -> str:
    """Small numbers are not shown: 1 to 5 read as 'fewer than 6' so that no child can be singled out."""
    if is_small(value):
        return f"fewer than {SMALLEST_SHOWN}"
    return f"{value:,}"


def suppress_share(share: Share) -> str:
    if is_small(share.count) or is_small(share.of - share.count):
        return "suppressed (small numbers)"
    return "none to count" if share.percent is None else f"{share.percent}%"
