"""Writes to the casework register."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db import transaction
from django.utils import timezone

from sendboard.audit.history import change_tracked, values_of
from sendboard.audit.models import AuditEvent
from sendboard.audit.services import audit_record
from sendboard.casework.models import Child, StatutoryStep
from sendboard.casework.selectors import child_prefetches, timescale_rules
from sendboard.casework.timescales import steps_for_child
from sendboard.core.calendar import WorkingDayCalendar, default_calendar
from sendboard.core.concurrency import row_lock_refresh, version_check, version_token

_COMPUTED = ("partner", "anchor_date", "warning_date", "due_date", "done_date", "excepted", "exception_reason")


def steps_build(
    *, children: Iterable[Child], as_of: date, calendar: WorkingDayCalendar | None = None, rules=None
) -> list[StatutoryStep]:
    """Unsaved steps for children whose relations are prefetched (see ``child_prefetches``)."""
    rules = rules or timescale_rules()
    calendar = calendar or default_calendar()
    return [
        StatutoryStep(child=child, **spec._asdict())
        for child in children
        for spec in steps_for_child(child, rules=rules, calendar=calendar, as_of=as_of)
    ]


@transaction.atomic
def steps_refresh(*, child_ids: Iterable[int], as_of: date) -> int:
    """Recompute the statutory steps of some children from the register, keeping recorded breach reasons."""
    children = list(child_prefetches(Child.objects.filter(id__in=list(child_ids))))
    fresh = {(s.child_id, s.step, s.subject): s for s in steps_build(children=children, as_of=as_of)}
    existing = {(s.child_id, s.step, s.subject): s for s in StatutoryStep.objects.filter(child__in=children)}
    to_update = []
    for key, row in existing.items():
        if key not in fresh:
            row.delete()
            continue
        new = fresh.pop(key)
        for name in _COMPUTED:
            setattr(row, name, getattr(new, name))
        to_update.append(row)
    StatutoryStep.objects.bulk_update(to_update, _COMPUTED)
    StatutoryStep.objects.bulk_create(fresh.values())
    return len(to_update) + len(fresh)


def breach_reason_version(step: StatutoryStep) -> str:
    """The version the breach-reason form opens with (ADR 0070)."""
    return version_token({"reason": step.breach_reason, "note": step.breach_note})


@transaction.atomic
def step_record_breach_reason(
    *, user, step: StatutoryStep, reason: str, note: str, version: str | None = None
) -> StatutoryStep:
    """Say why a statutory timescale was missed. The note is the caseworker's words, kept off the audit log.
    With ``version``, a reason recorded by someone else since the form opened is never silently replaced."""
    if version is not None:
        row_lock_refresh(step)
        version_check(version=version, values={"reason": step.breach_reason, "note": step.breach_note})
    # The history keeps the reason chosen, before and after; the note stays on the step only (personal words).
    with change_tracked(
        user=user,
        subject=step,
        what="Reason the timescale was missed",
        always=True,
        values=lambda: values_of(step, ["breach_reason"]),
    ):
        step.breach_reason = reason
        step.breach_note = note
        step.breach_recorded_by = user
        step.breach_recorded_at = timezone.now()
        step.save(update_fields=["breach_reason", "breach_note", "breach_recorded_by", "breach_recorded_at"])
    audit_record(kind=AuditEvent.Kind.RECORD_CHANGED, user=user, detail=f"Breach reason {reason} on step {step.id}")
    return step


def children_shown_record(*, user, children: Iterable[Child], listed: bool = False) -> int:
    """The one way a page records the named children it shows (ADR 0022, ADR 0065, ADR 0173): one
    ``RECORD_VIEWED`` entry naming every child shown by their opaque id only ("Child <id>", or "Children <id>,
    <id>, ..." for several), whether the page is the child's own record or a list that names them ("... in a
    list"). One insert, however many children a list names. Returns how many children were recorded."""
    shown = list(dict.fromkeys(str(child.public_id) for child in children))
    if not shown:
        return 0
    where = " in a list" if listed else ""
    named = f"Child {shown[0]}" if len(shown) == 1 else "Children " + ", ".join(shown)
    audit_record(kind=AuditEvent.Kind.RECORD_VIEWED, user=user, detail=f"{named}{where}", limit=None)
    return len(shown)


def shown_detail_about(detail: str, public_id) -> str:
    """An audit entry's detail as one child's subject access export shows it: an entry of a list that named
    several children names this child only, never the others (ADR 0173)."""
    if not detail.startswith("Children ") or str(public_id) not in detail:
        return detail
    return f"Child {public_id}" + (" in a list" if detail.endswith(" in a list") else "")


def child_search_record(*, user, how: str, children: list[Child]) -> None:
    """A search for a child (ADR 0081): how it was made and how many it found, never what was typed, then each
    child the results name, as every list of children does (ADR 0065)."""
    audit_record(
        kind=AuditEvent.Kind.RECORD_VIEWED, user=user, detail=f"Searched for a child by {how}: {len(children)} shown"
    )
    children_shown_record(user=user, children=children, listed=True)


def subject_access_export(*, user, child, reason: str) -> bytes:
    """Audit a subject access export (who, when, why) and build its bundle (ADR 0144)."""
    from sendboard.casework.subject_access import subject_access_bundle

    audit_record(
        kind=AuditEvent.Kind.RECORD_VIEWED,
        user=user,
        detail=f"Subject access export of Child {child.public_id}. Reason: {reason}",
    )
    return subject_access_bundle(child, requested_by=user.display_name, reason=reason)
