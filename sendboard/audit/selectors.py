from __future__ import annotations

from datetime import date, timedelta

from django.db.models import QuerySet

from sendboard.audit.models import AuditEvent

# How far back the log reads: the choices of its filter, in days (None: everything).
AUDIT_PERIODS = {"7": ("Last 7 days", 7), "30": ("Last 30 days", 30), "365": ("Last 12 months", 365), "all": ("All time", None)}
AUDIT_SORTS = {"newest": ("Newest first", ("-occurred_at", "-id")), "oldest": ("Oldest first", ("occurred_at", "id"))}


def audit_event_list(*, kind: str | None = None, username: str = "", period: str = "all", sort: str = "newest",
                     today: date | None = None) -> QuerySet[AuditEvent]:
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
