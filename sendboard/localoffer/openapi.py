"""The OpenAPI document of sendboard's Open Referral UK API (served at /api/openreferral/openapi.json).

It is the UK profile's own document (``oruk_profile/schema/openapi.json``, vendored at the commit in
``oruk_profile/SOURCE_COMMIT``) with its remote ``$ref``s pointed at embedded copies of the profile's
compiled schemas, its defects mended, and what sendboard adds (``/organizations``, 400 and 404 answers,
bounds on paging) declared. ADR 0032 lists each change."""

from __future__ import annotations

import copy
import json
from functools import cache
from pathlib import Path

PROFILE = Path(__file__).resolve().parent / "oruk_profile" / "schema"

# What the API accepts: the document declares exactly these, and the API validates every query against the
# document's parameters (ADR 0068), so the two cannot drift apart.
MAX_PAGE = 1_000_000
MAX_PER_PAGE = 200
MAX_TEXT = 200
MAX_AGE = 150
MAX_PROXIMITY_METRES = 200_000
TIME_PATTERN = "^([01]?[0-9]|2[0-3]):[0-5][0-9]$"
# A postcode or its first part, in either case, spaces allowed where people type them.
POSTCODE_PATTERN = "^ *[A-Za-z]{1,2}[0-9][A-Za-z0-9]? *([0-9] *[A-Za-z]{2})? *$"
NO_NUL_PATTERN = "^[^\u0000]*$"
REMOTE_BASE = "https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/"

# Remote schema -> the component it becomes in our document.
_COMPONENTS = {
    "compiled/service.json": "Service",
    "compiled/service_list.json": "ServiceListItem",
    "compiled/service_at_location.json": "ServiceAtLocation",
    "compiled/service_at_location_list.json": "ServiceAtLocationListItem",
    "compiled/organization.json": "Organization",
    "compiled/organization_list.json": "OrganizationListItem",
    "taxonomy.json": "Taxonomy",
    "taxonomy_term.json": "TaxonomyTerm",
}


def profile_schema(relative: str) -> dict:
    return json.loads((PROFILE / relative).read_text())


def _rewrite_refs(node):
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str):
            name = ref.removeprefix(REMOTE_BASE)
            if name in _COMPONENTS:
                node["$ref"] = f"#/components/schemas/{_COMPONENTS[name]}"
            elif name == "taxonomy_term.json":
                node["$ref"] = "#/components/schemas/TaxonomyTerm"
        for value in node.values():
            _rewrite_refs(value)
    elif isinstance(node, list):
        for value in node:
            _rewrite_refs(value)


def _error_responses(*codes: str, words_404: str = "No record has that id.") -> dict:
    words = {"400": "A parameter is malformed: detail says what and parameter says which.", "404": words_404}
    return {
        code: {
            "description": words[code],
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
        }
        for code in codes
    }


def _page_of(component: str, description: str) -> dict:
    return {
        "description": description,
        "content": {
            "application/json": {
                "schema": {
                    "allOf": [{"$ref": "#/components/schemas/Page"}],
                    "properties": {
                        "contents": {"type": "array", "items": {"$ref": f"#/components/schemas/{component}"}}
                    },
                }
            }
        },
    }


@cache
def openapi_document() -> dict:
    doc = copy.deepcopy(profile_schema("openapi.json"))
    # Defect: the profile declares OpenAPI 3.0.0 but uses jsonSchemaDialect and JSON Schema 2020-12
    # schemas, which are OpenAPI 3.1.
    doc["openapi"] = "3.1.0"
    doc["info"]["title"] = "sendboard Local Offer: Open Referral UK 3.0 API"
    doc["info"]["license"]["identifier"] = "CC-BY-SA-4.0"
    doc["servers"] = [{"url": "/api/openreferral"}]
    components = doc["components"]
    # The pagination fields are always present in sendboard's answers.
    components["schemas"]["Page"]["required"] = list(components["schemas"]["Page"]["properties"])
    components["schemas"]["Error"] = {
        "type": "object",
        "required": ["detail"],
        "properties": {"detail": {"type": "string"}, "parameter": {"type": "string"}},
    }
    for relative, name in _COMPONENTS.items():
        schema = profile_schema(relative)
        if name == "Taxonomy":
            schema["properties"]["taxonomy_terms"]["items"] = {"$ref": "#/components/schemas/TaxonomyTerm"}
        components["schemas"][name] = schema
    params = components["parameters"]
    # Defect: "time" is not a JSON Schema type.
    for name in ("start_time", "end_time"):
        params[name]["schema"] = {"type": "string", "pattern": TIME_PATTERN}
        params[name]["x-invalid"] = f"{name} must be a time in 24-hour form, like 09:30 or 17:00"
    # Defect: "datetime" is not a JSON Schema format (date-time is).
    params["modified_after"]["schema"]["format"] = "date-time"
    params["page"]["schema"].update({"minimum": 1, "maximum": MAX_PAGE})
    params["page"]["x-invalid"] = f"page must be a whole number from 1 to {MAX_PAGE}"
    params["per_page"]["schema"].update({"minimum": 1, "maximum": MAX_PER_PAGE})
    params["per_page"]["x-invalid"] = f"per_page must be a whole number from 1 to {MAX_PER_PAGE}"
    params["day"]["schema"]["enum"] = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
    params["day"]["x-invalid"] = "day must be one of MO, TU, WE, TH, FR, SA, SU"
    for name in ("taxonomy_term_id", "taxonomy_id"):
        params[name]["schema"]["format"] = "uuid"
        params[name]["x-invalid"] = f"{name} must be a UUID, like 8b0c4a1e-0000-4000-8000-000000000000"
    for name in ("minimum_age", "maximum_age"):
        params[name]["schema"].update({"minimum": 0, "maximum": MAX_AGE})
        params[name]["x-invalid"] = f"{name} must be an age from 0 to {MAX_AGE}"
    params["minimum_age"]["description"] += " A minimum above maximum_age matches nothing."
    params["search"]["schema"].update({"maxLength": MAX_TEXT, "pattern": NO_NUL_PATTERN})
    params["search"]["x-invalid"] = f"search must be at most {MAX_TEXT} characters, with no NUL character"
    params["postcode"]["schema"].update({"pattern": POSTCODE_PATTERN})
    params["postcode"]["x-invalid"] = "postcode must be a postcode, like WR5 2NP, or the first part of one, like WR5"
    params["postcode"]["description"] += (
        " sendboard matches the postcode district (the first part). With proximity, a postcode "
        "whose location is not known is a 404."
    )
    # Defect: a distance in metres is a number.
    params["proximity"]["schema"] = {"type": "number", "exclusiveMinimum": 0, "maximum": MAX_PROXIMITY_METRES}
    params["proximity"]["x-invalid"] = (
        f"proximity must be a distance in metres, more than 0 and at most {MAX_PROXIMITY_METRES}"
    )
    params["proximity"]["description"] += " Ignored without a postcode."
    paths = doc["paths"]
    # Defect: /service_at_locations/{id} answers with a service_at_location, not a service.
    paths["/service_at_locations/{id}"]["get"]["responses"]["200"]["content"]["application/json"]["schema"] = {
        "$ref": "https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/compiled/service_at_location.json"
    }
    # Defect: the operation ids of the two taxonomy_terms operations are swapped.
    paths["/taxonomy_terms"]["get"]["operationId"] = "getPaginatedListOfTaxonomyTerms"
    paths["/taxonomy_terms/{id}"]["get"]["operationId"] = "getTaxonomyTermById"
    paths["/organizations"] = {
        "get": {
            "summary": "Paginated listing of organizations.",
            "operationId": "getPaginatedListOfOrganizations",
            "parameters": [{"$ref": "#/components/parameters/page"}, {"$ref": "#/components/parameters/per_page"}],
            "responses": {"200": _page_of("OrganizationListItem", "Paginated listing of organizations.")},
        }
    }
    paths["/organizations/{id}"] = {
        "parameters": [{"in": "path", "name": "id", "required": True, "schema": {"type": "string"}}],
        "get": {
            "summary": "An organization with its services.",
            "operationId": "getOrganizationById",
            "responses": {
                "200": {
                    "description": "An organization.",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Organization"}}},
                }
            },
        },
    }
    # sendboard's /services filters by place as /service_at_locations does.
    paths["/services"]["get"]["parameters"] += [
        {"$ref": "#/components/parameters/postcode"},
        {"$ref": "#/components/parameters/proximity"},
    ]
    for path, item in paths.items():
        operation = item["get"]
        operation["responses"].update(_error_responses("400"))
        if "{id}" in path:
            operation["responses"].update(_error_responses("404"))
        elif path in ("/services", "/service_at_locations"):
            operation["responses"].update(
                _error_responses("404", words_404="With proximity: the postcode's location is not known.")
            )
    _rewrite_refs(doc)
    return doc
