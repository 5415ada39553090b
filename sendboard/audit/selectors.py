from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Q, QuerySet

from sendboard.audit.history import key_of
from sendboard.audit.models import AuditEvent, Change

# How far back the log reads: the choices of its filter, in days (None: everything).
AUDIT_PERIODS = {
    "7": ("Last 7 days", 7),
    "30": ("Last 30 days", 30),
    "365": ("Last 12 months", 365),
    "all": ("All time", None),
}
AUDIT_SORTS = {"newest": ("Newest first", ("-occurred_at", "-id")), "oldest": ("Oldest first", ("occurred_at", "id"))}


def audit_event_list(
    *, kind: str | None = None, username: str = "", period: str = "all", sort: str = "newest", today: date | None = None
) -> QuerySet[AuditEvent]:
    """Events of one kind, by one user (the username as recorded, exactly, case aside), in a period."""
    events = AuditEvent.objects.select_related("user")
    if kind:
        events = events.filter(kind=kind)
    if username:
        events = events.filter(username__iexact=username.strip())
    days = AUDIT_PERIODS.get(period, AUDIT_PERIODS["all"])[1]
    if days is not None and today is not None:
        events = events.filter(occurred_at__date__gt=today - timedelta(days=days))
    return events.order_by(*AUDIT_SORTS.get(sort, AUDIT_SORTS["newest"])[1])


def history_of(record) -> QuerySet[Change]:
    """The history of one record, newest first: its own changes and those read under it (an action's, under
    its plan), as a query an app may annotate with what it shows beside each change."""
    record_type, record_id = key_of(record)
    return (
        Change.objects.filter(
            Q(subject_type=record_type, subject_id=record_id) | Q(within_type=record_type, within_id=record_id)
        )
        .select_related("changed_by", "subject_type")
        .order_by("-changed_at", "-id")
    )


def changes_of(record, *, limit: int | None = None) -> list[Change]:
    """``history_of`` read, the newest ``limit`` changes (or all)."""
    changes = history_of(record)
    return list(changes[:limit] if limit is not None else changes)


def changes_to(record) -> QuerySet[Change]:
    """The changes whose subject is ``record`` itself, as a query to narrow further."""
    record_type, record_id = key_of(record)
    return Change.objects.filter(subject_type=record_type, subject_id=record_id)
