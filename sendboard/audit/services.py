from __future__ import annotations

from django.http import HttpRequest

from sendboard.audit.models import AuditEvent


def audit_record(
    *,
    kind: str,
    request: HttpRequest | None = None,
    user=None,
    username: str = "",
    detail: str = "",
) -> AuditEvent:
    """Write one audit event. Paths are recorded without their query string, which may hold search terms."""
    if user is None and request is not None and getattr(request, "user", None) is not None and request.user.is_authenticated:
        user = request.user
    if user is not None and not username:
        username = user.get_username()
    return AuditEvent.objects.create(
        kind=kind,
        user=user,
        username=username[:150],
        path=request.path[:300] if request is not None else "",
        ip_address=request.META.get("REMOTE_ADDR") if request is not None else None,
        detail=detail[:300],
    )


def audit_record_many(*, kind: str, request: HttpRequest, details: list[str]) -> list[AuditEvent]:
    """One event per detail for one request, in two inserts whatever their number: the first through
    ``audit_record`` (so who, where and from which address are read in one place), the rest copied from it."""
    if not details:
        return []
    first = audit_record(kind=kind, request=request, detail=details[0])
    rest = [AuditEvent(kind=kind, user=first.user, username=first.username, path=first.path, ip_address=first.ip_address,
                       detail=detail[:300]) for detail in details[1:]]
    return [first, *AuditEvent.objects.bulk_create(rest)]
