"""sendboard's URLs plus the static floor: a fixed JSON response through the same server, middleware and access
layer as every page (bench_production_load.py)."""

import uuid

from django.http import JsonResponse
from django.urls import include, path

from sendboard.accounts.access import public

STATIC_BODY = {
    "total_items": 20000,
    "total_pages": 400,
    "page_number": 1,
    "size": 50,
    "contents": [{"id": str(uuid.UUID(int=n)), "name": "Static"} for n in range(50)],
}


@public
def static(request):
    return JsonResponse(STATIC_BODY)


urlpatterns = [path("bench/static", static), path("", include("sendboard.config.urls"))]
