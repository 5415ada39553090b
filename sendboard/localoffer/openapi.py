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


def _error_responses(*codes: str) -> dict:
    words = {"400": "A parameter is malformed: detail says what and parameter says which.", "404": "No record has that id."}
    return {code: {"description": words[code], "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
            for code in codes}


def _page_of(component: str, description: str) -> dict:
    return {
        "description": description,
        "content": {"application/json": {"schema": {
            "allOf": [{"$ref": "#/components/schemas/Page"}],
            "properties": {"contents": {"type": "array", "items": {"$ref": f"#/components/schemas/{component}"}}},
        }}},
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
        "type": "object", "required": ["detail"],
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
        params[name]["schema"] = {"type": "string", "pattern": "^[0-9]{1,2}:[0-9]{2}$"}
    # Defect: "datetime" is not a JSON Schema format (date-time is).
    params["modified_after"]["schema"]["format"] = "date-time"
    params["page"]["schema"].update({"minimum": 1})
    params["per_page"]["schema"].update({"minimum": 1, "maximum": 200})
    params["day"]["schema"]["enum"] = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
    for name in ("taxonomy_term_id", "taxonomy_id"):
        params[name]["schema"]["format"] = "uuid"
    paths = doc["paths"]
    # Defect: /service_at_locations/{id} answers with a service_at_location, not a service.
    paths["/service_at_locations/{id}"]["get"]["responses"]["200"]["content"]["application/json"]["schema"] = {
        "$ref": "https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/compiled/service_at_location.json"
    }
    # Defect: the operation ids of the two taxonomy_terms operations are swapped.
    paths["/taxonomy_terms"]["get"]["operationId"] = "getPaginatedListOfTaxonomyTerms"
    paths["/taxonomy_terms/{id}"]["get"]["operationId"] = "getTaxonomyTermById"
    paths["/organizations"] = {"get": {
        "summary": "Paginated listing of organizations.", "operationId": "getPaginatedListOfOrganizations",
        "parameters": [{"$ref": "#/components/parameters/page"}, {"$ref": "#/components/parameters/per_page"}],
        "responses": {"200": _page_of("OrganizationListItem", "Paginated listing of organizations.")},
    }}
    paths["/organizations/{id}"] = {
        "parameters": [{"in": "path", "name": "id", "required": True, "schema": {"type": "string"}}],
        "get": {"summary": "An organization with its services.", "operationId": "getOrganizationById",
                "responses": {"200": {"description": "An organization.", "content": {"application/json": {
                    "schema": {"$ref": "#/components/schemas/Organization"}}}}}},
    }
    for path, item in paths.items():
        operation = item["get"]
        operation["responses"].update(_error_responses("400"))
        if "{id}" in path:
            operation["responses"].update(_error_responses("404"))
    _rewrite_refs(doc)
    return doc
