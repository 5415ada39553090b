"""Exception reports: each red indicator of the home area's latest period goes to its owner for commentary
(ADR 0049). Called by the refresh job after each successful run."""

from __future__ import annotations

from django.db import transaction

from sendboard.core.models import LocalArea
from sendboard.outcomes.models import ExceptionReport, Fact, Indicator, RefreshRun
from sendboard.outcomes.rag import rag_status

OPEN = (ExceptionReport.Status.AWAITING_COMMENTARY, ExceptionReport.Status.COMMENTED)


def _latest_home_facts(*, run: RefreshRun, home: LocalArea) -> dict[int, Fact]:
    """indicator id -> the home area's headline fact for the latest period that run wrote."""
    latest: dict[int, Fact] = {}
    for fact in Fact.objects.filter(run=run, area_code=home.gss_code, dimension="").order_by(
        "indicator_id", "period_end"
    ):
        latest[fact.indicator_id] = fact
    return latest


@transaction.atomic
def exceptions_raise(*, run: RefreshRun) -> int:
    """Raise (or bring up to date) a report for every indicator that is red at the home area's latest period,
    and close every open report that is no longer red. Returns how many reports were newly raised or reopened.

    A report goes to the indicator's owner; an indicator without an owner raises a report with no owner, which
    the area leaders see and answer (they see every report). A suppressed value is never rated, so never
    raises a report. Commentary already given stays with the report when the figures are updated.
    """
    home = LocalArea.objects.order_by("id").first()
    if home is None:
        return 0
    latest = _latest_home_facts(run=run, home=home)
    indicators = Indicator.objects.filter(pk__in=latest).prefetch_related("targets")
    red: dict[tuple[int, str], tuple[Indicator, Fact, object]] = {}
    for indicator in indicators:
        fact = latest[indicator.pk]
        target = next((t for t in indicator.targets.all() if t.period == fact.period), None)
        if fact.suppressed or target is None:
            continue
        if rag_status(indicator=indicator, value=fact.value, target=target.value) == "red":
            red[(indicator.pk, fact.period)] = (indicator, fact, target.value)
    existing = {
        (r.indicator_id, r.period): r
        for r in ExceptionReport.objects.filter(indicator_id__in=[key[0] for key in red]).select_for_update()
    }
    raised, kept_open = 0, []
    for key, (indicator, fact, target) in red.items():
        report = existing.get(key)
        if report is None:
            report = ExceptionReport.objects.create(
                indicator=indicator,
                period=fact.period,
                value=fact.value,
                target=target,
                raised_by_run=run,
                owner=indicator.owner,
            )
            kept_open.append(report.pk)
            raised += 1
            continue
        report.value, report.target, report.raised_by_run = fact.value, target, run
        if report.status == ExceptionReport.Status.CLOSED:
            report.status = (
                ExceptionReport.Status.COMMENTED if report.commentary else ExceptionReport.Status.AWAITING_COMMENTARY
            )
            raised += 1
        report.save(update_fields=["value", "target", "raised_by_run", "status"])
        kept_open.append(report.pk)
    ExceptionReport.objects.filter(status__in=OPEN).exclude(pk__in=kept_open).update(
        status=ExceptionReport.Status.CLOSED
    )
    return raised
