"""Reads for advice from partners. Requests are reached only through ``permissions.requests_for_user`` (a
professional's own organisation's), children only through casework's selectors, and health's figures only for
the designated clinical officer's own board's areas."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.http import Http404

from sendboard.advice import permissions
from sendboard.advice.models import Forwarding, RequestDocument
from sendboard.casework.models import AdviceRequest, StatutoryStep
from sendboard.casework.selectors import code_labels, timescale_rules
from sendboard.casework.timescales import advice_subject, due_date_for
from sendboard.core.calendar import default_calendar
from sendboard.documents.models import Document

HEALTH = "HEALTH"  # the AdviceSource code of health advice, which the designated clinical officer follows
ADVICE_STEP = "advice"
# Each advice step's subject is "advice:<AdviceSource code>:<the day it was asked>" (casework.timescales).
HEALTH_SUBJECT_PREFIX = advice_subject(HEALTH, date(2000, 1, 1)).removesuffix("2000-01-01")


def advice_sources() -> dict[str, str]:
    """{AdviceSource code: label}, in the list's order."""
    return code_labels().get("AdviceSource", {})


def advice_due_date(*, asked: date) -> date:
    """When advice asked on ``asked`` is due: the advice timescale rule (6 weeks, reg. 8(1))."""
    return due_date_for(timescale_rules()[ADVICE_STEP], asked, default_calendar())


# --- a professional's queue -------------------------------------------------------------------------------


@dataclass(frozen=True)
class AdviceQueue:
    requests: QuerySet[AdviceRequest]  # open, the oldest due first (so overdue first); not yet read
    overdue_count: int
    open_count: int


def advice_queue(user, *, today: date) -> AdviceQueue:
    """The open requests sent to the user's organisation, overdue first, and how many are overdue (two queries
    and the page's own)."""
    waiting = permissions.requests_for_user(user).filter(status=AdviceRequest.Status.ASKED)
    counts = waiting.aggregate(overdue=Count("id", filter=Q(due_date__lt=today)), total=Count("id"))
    return AdviceQueue(
        requests=waiting.select_related("assessment__request__child").order_by("due_date", "id"),
        overdue_count=counts["overdue"],
        open_count=counts["total"],
    )


def answered_requests(user) -> QuerySet[AdviceRequest]:
    """Requests the user's organisation has returned or declined, the latest answered first."""
    return (
        permissions.requests_for_user(user)
        .exclude(status=AdviceRequest.Status.ASKED)
        .select_related("assessment__request__child", "answered_by")
        .order_by("-answered_at", "-id")
    )


def advice_request_get(user, public_id) -> AdviceRequest:
    """One request sent to the user's organisation, with the child it is about; anything else is not found."""
    found = (
        permissions.requests_for_user(user)
        .select_related("assessment__request__child__local_area", "organisation", "asked_by", "answered_by")
        .filter(public_id=public_id)
        .first()
    )
    if found is None:
        raise Http404("No such advice request for your organisation")
    return found


def request_documents(advice: AdviceRequest) -> list[RequestDocument]:
    """The documents that go with a request: those shared with it, and the advice returned (one query)."""
    return list(
        RequestDocument.objects.filter(advice_request=advice)
        .select_related("document__child")
        .order_by("purpose", "id")
    )


def forwardings_of(advice: AdviceRequest) -> list[Forwarding]:
    """Who passed the request on, from where to where, and why, the first first (one query)."""
    return list(
        Forwarding.objects.filter(advice_request=advice).select_related(
            "from_organisation", "to_organisation", "forwarded_by"
        )
    )


def request_document_get(advice: AdviceRequest, document_id) -> Document:
    """A document that goes with ``advice``, with its bytes; any other document is not found."""
    found = (
        Document.objects.filter(advice_requests__advice_request=advice, public_id=document_id)
        .defer(None)
        .select_related("child")
        .first()
    )
    if found is None:
        raise Http404("No such document for this request")
    return found


def home_open_count(user, *, today: date) -> tuple[int, int]:
    counts = (
        permissions.requests_for_user(user)
        .filter(status=AdviceRequest.Status.ASKED)
        .aggregate(overdue=Count("id", filter=Q(due_date__lt=today)), total=Count("id"))
    )
    return counts["overdue"], counts["total"]


# --- health's timeliness, for the designated clinical officer ---------------------------------------------


def health_steps(user) -> QuerySet[StatutoryStep]:
    """The health advice steps of the children of the user's board's areas: every request, made in sendboard or
    imported from SEN2, with its due date from the timescale rule."""
    return StatutoryStep.objects.filter(
        child__local_area__in=permissions.health_areas_for_user(user),
        step=ADVICE_STEP,
        subject__startswith=HEALTH_SUBJECT_PREFIX,
    )


@dataclass(frozen=True)
class MonthFigures:
    month: date
    on_time: int
    late: int
    outstanding: int

    @property
    def due(self) -> int:
        return self.on_time + self.late + self.outstanding


MONTHS_SHOWN = 12


def months_shown(*, today: date) -> list[date]:
    """The first day of each of the last 12 months, this one included, the earliest first."""
    index = today.year * 12 + today.month - 1 - (MONTHS_SHOWN - 1)
    return [date((index + n) // 12, (index + n) % 12 + 1, 1) for n in range(MONTHS_SHOWN)]


def health_timeliness_by_month(user, *, today: date, partner: str = "") -> list[MonthFigures]:
    """Health advice due in each of the last 12 months (this one included): returned on time, returned late, and
    not returned yet; only that asked of ``partner`` when one is given (one query)."""
    first = months_shown(today=today)[0]
    steps = health_steps(user)
    if partner:
        steps = steps.filter(partner=partner)
    rows = (
        steps.filter(due_date__gte=first, due_date__lte=today)
        .annotate(month=TruncMonth("due_date"))
        .values("month")
        .annotate(
            on_time=Count("id", filter=Q(done_date__isnull=False, done_date__lte=F("due_date"))),
            late=Count("id", filter=Q(done_date__gt=F("due_date"))),
            outstanding=Count("id", filter=Q(done_date__isnull=True)),
        )
        .order_by("month")
    )
    found = {_as_date(row["month"]): row for row in rows}
    return [
        MonthFigures(month, row.get("on_time", 0), row.get("late", 0), row.get("outstanding", 0))
        for month in months_shown(today=today)
        for row in [found.get(month, {})]
    ]


def _as_date(value) -> date:
    return value.date() if hasattr(value, "date") and callable(value.date) else value


class Lateness:
    """Which late requests to list: all, those still overdue, or those returned late."""

    ALL, OVERDUE, RETURNED_LATE = "all", "overdue", "returned-late"
    CHOICES = [(ALL, "Overdue now and returned late"), (OVERDUE, "Overdue now"), (RETURNED_LATE, "Returned late")]


def _late(today: date, lateness: str) -> Q:
    overdue = Q(done_date__isnull=True, due_date__lt=today)
    returned_late = Q(done_date__gt=F("due_date"))
    return {Lateness.OVERDUE: overdue, Lateness.RETURNED_LATE: returned_late}.get(lateness, overdue | returned_late)


def late_health_requests(
    user, *, today: date, month: date | None = None, partner: str = "", lateness: str = Lateness.ALL
) -> QuerySet[StatutoryStep]:
    """Every health advice request returned late or still overdue: those still overdue first, the longest overdue
    first, then those returned late, the latest returned first. Narrowed to those due in ``month``, asked of
    ``partner`` and late in the way ``lateness`` says, when given. Steps, not children: the page shows who was
    asked, when, and how late, never the child."""
    steps = health_steps(user).filter(_late(today, lateness))
    if month is not None:
        following = date(month.year + month.month // 12, month.month % 12 + 1, 1)
        steps = steps.filter(due_date__gte=month, due_date__lt=following)
    if partner:
        steps = steps.filter(partner=partner)
    return steps.only("id", "partner", "anchor_date", "due_date", "done_date").order_by(
        F("done_date").desc(nulls_first=True), "due_date", "id"
    )


def late_health_partners(user, *, today: date) -> list[str]:
    """Whom health advice was asked of, among the late requests, by name (one query): the choices of a filter."""
    return list(
        health_steps(user)
        .filter(_late(today, Lateness.ALL))
        .exclude(partner="")
        .values_list("partner", flat=True)
        .distinct()
        .order_by("partner")
    )


def days_late(step: StatutoryStep, *, today: date) -> int:
    return ((step.done_date or today) - step.due_date).days


def weeks_and_days(days: int) -> str:
    weeks, rest = divmod(days, 7)
    parts = []
    if weeks:
        parts.append(f"{weeks} week{'s' if weeks != 1 else ''}")
    if rest or not weeks:
        parts.append(f"{rest} day{'s' if rest != 1 else ''}")
    return " and ".join(parts)
