from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from sendboard.accounts.access import requires
from sendboard.accounts.roles import Permission
from sendboard.extracts import selectors
from sendboard.extracts.layouts import LAYOUTS, TYPES, template_csv


@requires(Permission.IMPORT_RETURNS)
def index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "extracts/index.html",
        {"layouts": list(LAYOUTS.values()), "types": TYPES, "loaded": selectors.loaded_extract_list()},
    )


@requires(Permission.IMPORT_RETURNS)
def template(request: HttpRequest, kind: str) -> HttpResponse:
    layout = LAYOUTS.get(kind)
    if layout is None:
        raise Http404("No such extract")
    response = HttpResponse(template_csv(layout), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{layout.filename}-template.csv"'
    return response
