from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from sendboard.accounts.access import requires
from sendboard.accounts.roles import Permission
from sendboard.statistics import selectors


@requires(Permission.IMPORT_RETURNS)
def datasets(request: HttpRequest) -> HttpResponse:
    return render(request, "statistics/datasets.html", {"rows": selectors.dataset_list()})


@requires(Permission.IMPORT_RETURNS)
def dataset(request: HttpRequest, kind: str) -> HttpResponse:
    detail = selectors.dataset_detail(kind)
    if detail is None:
        raise Http404("No such published dataset")
    return render(request, "statistics/dataset.html", {"detail": detail})


@requires(Permission.VIEW_OUTCOMES)
def areas(request: HttpRequest) -> HttpResponse:
    return render(request, "statistics/areas.html", {"rows": selectors.area_register()})
