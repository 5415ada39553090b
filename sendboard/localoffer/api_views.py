"""The Open Referral UK 3.0 API: open to anyone without a key, JSON, any origin (ADR 0032)."""

from __future__ import annotations

import math
import re
import uuid
from collections.abc import Callable
from functools import cache, wraps

from django.core.paginator import Paginator
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, JsonResponse
from django.urls import reverse
from django.views.decorators.http import require_GET
from jsonschema import Draft202012Validator, FormatChecker

from sendboard.accounts.access import public
from sendboard.localoffer import oruk
from sendboard.localoffer.models import DirectoryOrganisation, ServiceLocation, ServiceVersion, Taxonomy, TaxonomyTerm
from sendboard.localoffer.openapi import (
    MAX_AGE,
    MAX_PAGE,
    MAX_PER_PAGE,
    MAX_PROXIMITY_METRES,
    MAX_TEXT,
    openapi_document,
)
from sendboard.localoffer.parsing import WEEKDAYS, postcode_district, time_parse
from sendboard.localoffer.selectors import (
    Near,
    ServiceCriteria,
    locations_near,
    postcode_centre,
    service_published_get,
    service_search,
)

DEFAULT_PER_PAGE = 50


class BadParameter(Exception):
    status = 400

    def __init__(self, parameter: str, message: str) -> None:
        super().__init__(message)
        self.parameter, self.message = parameter, message


class UnknownPlace(BadParameter):
    """A well-formed postcode whose location sendboard does not know: nothing can be measured from it."""

    status = 404


def _json(data: dict, status: int = 200) -> JsonResponse:
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response


@cache
def _declared(path: str) -> dict[str, tuple[Draft202012Validator, str]]:
    """The query parameters the OpenAPI document declares for GET ``path``: a validator of each one's schema and
    the words that say what it must be."""
    document = openapi_document()
    item = document["paths"].get(path, {})
    validators = {}
    for parameter in item.get("parameters", []) + item.get("get", {}).get("parameters", []):
        if "$ref" in parameter:
            parameter = document["components"]["parameters"][parameter["$ref"].rsplit("/", 1)[1]]
        if parameter["in"] == "query":
            validators[parameter["name"]] = (
                Draft202012Validator(parameter["schema"], format_checker=FormatChecker()),
                parameter.get("x-invalid", f"{parameter['name']} is not valid"),
            )
    return validators


_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?")
_INTEGER = re.compile(r"-?[0-9]+")


def _typed(raw: str, schema: dict):
    """A query string's text as the type its schema declares (the text itself when it is not one)."""
    kind = schema.get("type")
    if kind == "integer" and _INTEGER.fullmatch(raw):
        return int(raw)
    if kind == "number" and _NUMBER.fullmatch(raw):
        return float(raw)
    if kind == "boolean" and raw in ("true", "false"):
        return raw == "true"
    return raw


def query_check(path: str, request: HttpRequest) -> None:
    """Refuse (BadParameter) any declared parameter its schema in the OpenAPI document refuses: the document is
    the validation (ADR 0068), so the two cannot disagree. The views' own parsing only converts what passed."""
    for name, (validator, words) in _declared(path).items():
        values = request.GET.getlist(name)
        if not values:
            continue
        if len(values) > 1:
            raise BadParameter(name, f"{name} must be given once")
        if not validator.is_valid(_typed(values[0], validator.schema)):
            raise BadParameter(name, words)


def oruk_view(path: str | None) -> Callable:
    """Public, GET only, any origin; the query checked against the document's parameters for ``path``, and a 400
    JSON answer naming the parameter for malformed input."""

    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs):
            try:
                if path is not None:
                    query_check(path, request)
                return view(request, *args, **kwargs)
            except BadParameter as error:
                return _json({"detail": error.message, "parameter": error.parameter}, status=error.status)

        return public(require_GET(wrapped))

    return decorate


def _int(request: HttpRequest, name: str, *, default: int | None, low: int, high: int) -> int | None:
    raw = request.GET.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise BadParameter(name, f"{name} must be a whole number") from None
    if not low <= value <= high:
        raise BadParameter(name, f"{name} must be from {low} to {high}")
    return value


def _number(request: HttpRequest, name: str) -> int | None:
    raw = request.GET.get(name)
    if raw is None or raw == "":
        return None
    try:
        value = float(raw)
    except ValueError:
        raise BadParameter(name, f"{name} must be a number") from None
    if not math.isfinite(value) or not 0 <= value <= MAX_AGE:
        raise BadParameter(name, f"{name} must be an age from 0 to {MAX_AGE}")
    return math.floor(value) if name == "minimum_age" else math.ceil(value)


def _uuid(request: HttpRequest, name: str) -> uuid.UUID | None:
    raw = request.GET.get(name)
    if not raw:
        return None
    try:
        return uuid.UUID(raw)
    except ValueError:
        raise BadParameter(name, f"{name} must be a UUID") from None


def _text(request: HttpRequest, name: str) -> str:
    value = request.GET.get(name, "")
    if "\x00" in value:
        raise BadParameter(name, f"{name} must not contain NUL characters")
    if len(value) > MAX_TEXT:
        raise BadParameter(name, f"{name} must be at most {MAX_TEXT} characters")
    return value


def _time(request: HttpRequest, name: str):
    raw = request.GET.get(name)
    if not raw:
        return None
    try:
        return time_parse(raw)
    except ValueError as error:
        raise BadParameter(name, f"{name}: {error}") from None


def _page(
    request: HttpRequest, queryset: QuerySet, present: Callable, *, counted: QuerySet | None = None
) -> JsonResponse:
    """The profile's pagination: total_items, total_pages, page_number, size, first_page, last_page, empty.
    ``counted``: the same rows without the joins that only read what each shows, to count them."""
    page_number = _int(request, "page", default=1, low=1, high=MAX_PAGE)
    per_page = _int(request, "per_page", default=DEFAULT_PER_PAGE, low=1, high=MAX_PER_PAGE)
    paginator = Paginator(queryset if counted is None else counted, per_page)
    total = paginator.count
    total_pages = max(paginator.num_pages, 1) if total else 0
    start = (page_number - 1) * per_page
    items = list(queryset[start : start + per_page]) if start < total else []
    return _json(
        {
            "total_items": total,
            "total_pages": total_pages,
            "page_number": page_number,
            "size": len(items),
            "first_page": page_number == 1,
            "last_page": page_number >= total_pages,
            "empty": total == 0,
            "contents": [present(item) for item in items],
        }
    )


def _criteria(request: HttpRequest) -> ServiceCriteria | None:
    """The search the query asks for; None when it can match nothing (a minimum age above the maximum)."""
    day = _text(request, "day").upper()
    if day and day not in WEEKDAYS:
        raise BadParameter("day", f"day must be one of {', '.join(WEEKDAYS)}")
    minimum_age, maximum_age = _number(request, "minimum_age"), _number(request, "maximum_age")
    if minimum_age is not None and maximum_age is not None and minimum_age > maximum_age:
        return None
    district, near = "", None
    postcode = _text(request, "postcode")
    if postcode:
        try:
            district = postcode_district(postcode)
        except ValueError as error:
            raise BadParameter("postcode", str(error)) from None
    proximity = request.GET.get("proximity")
    if proximity and postcode:  # without a postcode there is nothing to measure from: the document says it is ignored
        try:
            metres = float(proximity)
        except ValueError:
            raise BadParameter("proximity", "proximity must be a distance in metres") from None
        if not math.isfinite(metres) or not 0 < metres <= MAX_PROXIMITY_METRES:
            raise BadParameter("proximity", f"proximity must be more than 0 and at most {MAX_PROXIMITY_METRES} metres")
        centre = postcode_centre(district=district)
        if centre is None:
            raise UnknownPlace(
                "postcode", f"No coordinates are known for {district}: search by postcode without proximity"
            )
        near = Near(latitude=centre[0], longitude=centre[1], metres=metres)
    return ServiceCriteria(
        keyword=_text(request, "search"),
        taxonomy_term_id=_uuid(request, "taxonomy_term_id"),
        taxonomy_id=_uuid(request, "taxonomy_id"),
        age_from=minimum_age,
        age_to=maximum_age,
        day=day,
        time_from=_time(request, "start_time"),
        time_to=_time(request, "end_time"),
        district=district,
        near=near,
    )


def _path_uuid(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


def _not_found(what: str) -> JsonResponse:
    return _json({"detail": f"No {what} has that id"}, status=404)


@oruk_view("/")
def api_root(request: HttpRequest) -> JsonResponse:
    return _json(
        {
            "version": oruk.HSDS_VERSION,
            "profile": oruk.PROFILE_URL,
            "openapi_url": request.build_absolute_uri(reverse("oruk:openapi")),
        }
    )


@oruk_view(None)
def openapi(request: HttpRequest) -> JsonResponse:
    return _json(openapi_document())


@oruk_view("/services")
def services(request: HttpRequest) -> JsonResponse:
    criteria = _criteria(request)
    queryset = service_search(criteria=criteria) if criteria else ServiceVersion.objects.none()
    return _page(request, queryset.values_list(*oruk.SUMMARY_VALUES), oruk.service_summary_of, counted=queryset)


@oruk_view("/services/{id}")
def service_detail(request: HttpRequest, service_id: str) -> JsonResponse:
    key = _path_uuid(service_id)
    version = service_published_get(service_id=key) if key else None
    return _json(oruk.service_full(version)) if version else _not_found("service")


def _service_locations() -> QuerySet[ServiceLocation]:
    return (
        ServiceLocation.objects.filter(version__is_published=True)
        .select_related("location", "version__service__organisation")
        .order_by("version__name", "location__name", "pk")
    )


@oruk_view("/service_at_locations")
def service_at_locations(request: HttpRequest) -> JsonResponse:
    criteria = _criteria(request)
    if criteria is None:
        return _page(
            request, ServiceLocation.objects.none(), lambda sl: oruk.service_at_location(sl, with_service=True)
        )
    queryset = _service_locations().filter(version__in=service_search(criteria=criteria).values("pk"))
    # Each item is one place, so the place filters apply to the item's own location too.
    if criteria.near is not None:
        queryset = queryset.filter(location__in=locations_near(criteria.near).values("pk"))
    elif criteria.district:
        queryset = queryset.filter(location__postcode_district=criteria.district)
    return _page(request, queryset, lambda sl: oruk.service_at_location(sl, with_service=True))


@oruk_view("/service_at_locations/{id}")
def service_at_location_detail(request: HttpRequest, item_id: str) -> JsonResponse:
    key = _path_uuid(item_id)
    item = _service_locations().filter(oruk_id=key).first() if key else None
    return _json(oruk.service_at_location(item, with_service=True)) if item else _not_found("service at location")


@oruk_view("/organizations")
def organizations(request: HttpRequest) -> JsonResponse:
    return _page(request, DirectoryOrganisation.objects.order_by("name", "pk"), oruk.organization)


@oruk_view("/organizations/{id}")
def organization_detail(request: HttpRequest, organization_id: str) -> JsonResponse:
    key = _path_uuid(organization_id)
    org = DirectoryOrganisation.objects.filter(pk=key).first() if key else None
    if org is None:
        return _not_found("organization")
    record = oruk.organization(org)
    versions = ServiceVersion.objects.filter(is_published=True, service__organisation=org).select_related(
        "service__organisation"
    )
    record["services"] = [oruk.service_summary(v) for v in versions.order_by("name", "pk")]
    return _json(record)


_TERMS = TaxonomyTerm.objects.select_related("taxonomy").order_by("taxonomy__name", "name", "pk")


@oruk_view("/taxonomies")
def taxonomies(request: HttpRequest) -> JsonResponse:
    return _page(request, Taxonomy.objects.order_by("name", "pk"), oruk.taxonomy)


@oruk_view("/taxonomies/{id}")
def taxonomy_detail(request: HttpRequest, taxonomy_id: str) -> JsonResponse:
    key = _path_uuid(taxonomy_id)
    tax = (
        Taxonomy.objects.filter(pk=key).prefetch_related(Prefetch("terms", queryset=_TERMS.all())).first()
        if key
        else None
    )
    if tax is None:
        return _not_found("taxonomy")
    return _json({**oruk.taxonomy(tax), "taxonomy_terms": [oruk.taxonomy_term(t) for t in tax.terms.all()]})


@oruk_view("/taxonomy_terms")
def taxonomy_terms(request: HttpRequest) -> JsonResponse:
    return _page(request, _TERMS.all(), oruk.taxonomy_term)


@oruk_view("/taxonomy_terms/{id}")
def taxonomy_term_detail(request: HttpRequest, term_id: str) -> JsonResponse:
    key = _path_uuid(term_id)
    term = _TERMS.filter(pk=key).first() if key else None
    return _json(oruk.taxonomy_term(term)) if term else _not_found("taxonomy term")
