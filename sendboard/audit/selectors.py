from django.db.models import QuerySet

from sendboard.audit.models import AuditEvent


def audit_event_list(*, kind: str | None = None) -> QuerySet[AuditEvent]:
    events = AuditEvent.objects.select_related("user")
    if kind:
        events = events.filter(kind=kind)
    return events
