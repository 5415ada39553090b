"""Recompute every child's statutory steps after the timescale rules change, with the count of due dates that
moved. Written against the models it is given, so that a data migration can pass its historical models."""

from __future__ import annotations

from datetime import date

from django.db.models import Prefetch

from sendboard.casework.timescales import StepBuilder, rules_from_rows, steps_for_child
from sendboard.core.calendar import WorkingDayCalendar

CHUNK = 500
_COMPUTED = ("partner", "anchor_date", "warning_date", "due_date", "done_date", "excepted", "exception_reason")


def steps_recompute_all(
    *, Child, Request, StatutoryStep, TimescaleRule, calendar: WorkingDayCalendar, as_of: date
) -> dict[str, int]:
    """Recompute the steps of every child in the register, keeping recorded breach reasons. Returns counts:
    ``due_dates_changed`` (steps kept whose due date moved), ``added`` and ``removed``."""
    rules = rules_from_rows(TimescaleRule.objects.all())
    StepBuilder(rules, calendar)  # fails early on a rule set that cannot build
    related = ["assessment__advice_requests"]
    if any(f.name == "reviews" for f in Request._meta.get_field("active_plan").related_model._meta.related_objects):
        related.append("active_plan__reviews")  # a migration before the review history has none to read
    requests = Request.objects.select_related("assessment", "assessment__named_plan", "active_plan").prefetch_related(
        *related
    )
    counts = {"due_dates_changed": 0, "added": 0, "removed": 0}
    ids = list(Child.objects.order_by("id").values_list("id", flat=True))
    for start in range(0, len(ids), CHUNK):
        chunk = list(
            Child.objects.filter(id__in=ids[start : start + CHUNK]).prefetch_related(
                Prefetch("requests", queryset=requests)
            )
        )
        fresh = {}
        for child in chunk:
            for spec in steps_for_child(child, rules=rules, calendar=calendar, as_of=as_of):
                fresh[(child.id, spec.step, spec.subject)] = spec
        to_update, to_delete = [], []
        for row in StatutoryStep.objects.filter(child_id__in=[c.id for c in chunk]):
            spec = fresh.pop((row.child_id, row.step, row.subject), None)
            if spec is None:
                to_delete.append(row.id)
                continue
            if row.due_date != spec.due_date:
                counts["due_dates_changed"] += 1
            for name in _COMPUTED:
                setattr(row, name, getattr(spec, name))
            to_update.append(row)
        StatutoryStep.objects.filter(id__in=to_delete).delete()
        StatutoryStep.objects.bulk_update(to_update, _COMPUTED, batch_size=1000)
        StatutoryStep.objects.bulk_create(
            [
                StatutoryStep(child_id=child_id, step=step, subject=subject, **{n: getattr(spec, n) for n in _COMPUTED})
                for (child_id, step, subject), spec in fresh.items()
            ],
            batch_size=1000,
        )
        counts["added"] += len(fresh)
        counts["removed"] += len(to_delete)
    return counts
