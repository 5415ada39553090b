from __future__ import annotations

from sendboard.audit.context import current
from sendboard.audit.models import AuditEvent

# Words in a detail are cut to this length (a reason typed by a person, say); a list of what a page named is not
# cut, so that every child a list named stays findable (ADR 0173).
DETAIL_LENGTH = 300


def audit_record(
    *, kind: str, user=None, username: str = "", detail: str = "", limit: int | None = DETAIL_LENGTH
) -> AuditEvent:
    """Write one audit event for ``user`` (the acting user; none for a failed sign-in, with the ``username``
    as typed). Where it was asked from, the path and the client's address, comes from the request being served
    (audit.context, bound by a middleware), never from the caller. ``detail`` is cut to ``limit`` characters
    (None: kept whole)."""
    if user is not None and not getattr(user, "is_authenticated", False):
        user = None
    if user is not None and not username:
        username = user.get_username()
    where = current()
    return AuditEvent.objects.create(
        kind=kind,
        user=user,
        username=username[:150],
        path=where.path,
        ip_address=where.address,
        detail=detail[:limit],
    )


def audit_record_many(*, kind: str, user, details: list[str]) -> list[AuditEvent]:
    """One event per detail for one user, in two inserts whatever their number: the first through
    ``audit_record`` (so who, where and from which address are read in one place), the rest copied from it."""
    if not details:
        return []
    first = audit_record(kind=kind, user=user, detail=details[0])
    rest = [
        AuditEvent(
            kind=kind,
            user=first.user,
            username=first.username,
            path=first.path,
            ip_address=first.ip_address,
            detail=detail[:DETAIL_LENGTH],
        )
        for detail in details[1:]
    ]
    return [first, *AuditEvent.objects.bulk_create(rest)]
