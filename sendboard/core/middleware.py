"""Response headers that protect what sendboard shows (ADR 0063), and the request context the audit log reads
(ADR 0112)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers

from sendboard.audit.context import request_bound
from sendboard.core.network import client_address


class SignedInPagesNotStoredMiddleware:
    """Every response to a signed-in user is marked ``Cache-Control: no-store``.

    Which pages show personal data changes as sendboard grows; whether the user is signed in does not, so the
    rule is the wider one: nothing a signed-in user is shown is kept by the browser, its back button or a proxy.
    Public pages (the Local Offer, the progress page) and static files stay cacheable.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response


class AuditContextMiddleware:
    """Binds each request's path and client address for the audit log (ADR 0112): services audit with the
    acting user alone, and the audit service reads where the request came from here."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with request_bound(path=request.path, address=client_address(request)):
            return self.get_response(request)
