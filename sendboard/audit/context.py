"""Where an audited thing was asked for: the one way the request reaches the audit log (ADR 0112).

``core.middleware.AuditContextMiddleware`` binds the path (never the query string, which may hold search terms)
and the client's address (``core.network.client_address``) for the length of each request; ``audit_record``
reads them. Services take the acting user and never the request, so the same service audits the same way from
a page, a command or a background job (which have no path or address).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestContext:
    path: str = ""
    address: str | None = None


_NONE = RequestContext()
_current: ContextVar[RequestContext] = ContextVar("sendboard_audit_request", default=_NONE)


def current() -> RequestContext:
    """The request being served, or an empty context outside one."""
    return _current.get()


@contextmanager
def request_bound(*, path: str, address: str | None) -> Iterator[RequestContext]:
    """Bind a request's path and address for everything audited within; the previous binding is restored."""
    context = RequestContext(path=path[:300], address=address)
    token = _current.set(context)
    try:
        yield context
    finally:
        _current.reset(token)
