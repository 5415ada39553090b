"""The address a request came from, read the same way by sign-in lockouts and the audit log (ADR 0062)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from ipware import get_client_ip


def client_address(request: HttpRequest) -> str | None:
    """The client's address: the connection's own, or behind ``SENDBOARD_PROXY_COUNT`` proxies the one the
    outermost proxy saw.

    Each proxy appends the address it received the request from to X-Forwarded-For, and the nearest proxy is
    the connection itself, so with N proxies the client is the N-th entry from the right. Entries to the left of
    it were written by the client and are never trusted. A request with fewer entries than that did not come
    through the proxies, and its connection's address is used.
    """
    proxies = getattr(settings, "SENDBOARD_PROXY_COUNT", 0)
    if proxies:
        # django-ipware counts the proxies listed in the header, which excludes the nearest one.
        address, _ = get_client_ip(
            request, proxy_count=proxies - 1, request_header_order=("HTTP_X_FORWARDED_FOR",), strict=False
        )
        if address:
            return address
    return request.META.get("REMOTE_ADDR")
