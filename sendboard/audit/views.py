from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from sendboard.accounts.access import requires
from sendboard.accounts.roles import Permission
from sendboard.audit.models import AuditEvent
from sendboard.audit.selectors import audit_event_list


@requires(Permission.VIEW_AUDIT_LOG)
def audit_log(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("kind") or None
    if kind not in AuditEvent.Kind.values:
        kind = None
    page = Paginator(audit_event_list(kind=kind), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "audit/log.html",
        {"page": page, "kind": kind or "", "kinds": AuditEvent.Kind.choices},
    )
