from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from sendboard.accounts.access import requires
from sendboard.accounts.roles import Permission
from sendboard.audit.forms import AuditFilterForm
from sendboard.audit.selectors import audit_event_list
from sendboard.core.lists import list_page


@requires(Permission.VIEW_AUDIT_LOG)
def audit_log(request: HttpRequest) -> HttpResponse:
    filters = AuditFilterForm(request.GET)
    values = filters.values()
    events = audit_event_list(kind=values["kind"] or None, username=values["username"], period=values["period"],
                              sort=values["sort"], today=timezone.localdate())
    return render(request, "audit/log.html", {"listing": list_page(events, params=request.GET), "filters": filters.shown()})
