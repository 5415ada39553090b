"""The Open Referral UK profile's schemas, resolved offline.

The profile's OpenAPI document refers to its schemas by remote URL
(https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/...), and the schemas refer to one
another by relative name ("attribute.json"). Every file of the vendored profile is registered under the URL it
has upstream, so every $ref resolves to the local copy and nothing is fetched. The schemas declare no
$schema: they are JSON Schema 2020-12, as the OpenAPI document's jsonSchemaDialect says.
"""

from __future__ import annotations

import json
from datetime import datetime
from functools import cache
from urllib.parse import urlsplit

from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from sendboard.localoffer.openapi import PROFILE, REMOTE_BASE

OPENAPI_URL = REMOTE_BASE + "openapi.json"


@cache
def registry() -> Registry:
    resources = []
    for path in PROFILE.rglob("*.json"):
        relative = path.relative_to(PROFILE).as_posix()
        resources.append(
            (
                REMOTE_BASE + relative,
                Resource.from_contents(json.loads(path.read_text()), default_specification=DRAFT202012),
            )
        )
    return Registry().with_resources(resources)


FORMATS = FormatChecker()


# jsonschema checks "uri" and "date-time" only when optional packages are installed; these two checks stand in.
@FORMATS.checks("uri")
def _is_uri(value) -> bool:
    if not isinstance(value, str):
        return True
    parts = urlsplit(value)
    return bool(parts.scheme and (parts.netloc or parts.path)) and " " not in value


@FORMATS.checks("date-time", raises=ValueError)
def _is_date_time(value) -> bool:
    if not isinstance(value, str):
        return True
    if "T" not in value.upper() or not (value.endswith("Z") or "+" in value[10:] or "-" in value[10:]):
        raise ValueError(f"{value!r} is not an RFC 3339 date-time with an offset")
    datetime.fromisoformat(value.replace("Z", "+00:00"))
    return True


def validator_for(schema: dict) -> Draft202012Validator:
    """A validator that checks formats too (uuid, date-time, email, uri), not only types."""
    return Draft202012Validator(schema, registry=registry(), format_checker=FORMATS)


def openapi() -> dict:
    return registry().contents(OPENAPI_URL)


def response_schema(path: str) -> dict:
    """The 200 response schema the profile's OpenAPI document gives for ``path``, with its internal refs
    (#/components/...) made absolute against the OpenAPI document so they resolve from anywhere."""
    schema = openapi()["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    return _absolute(json.loads(json.dumps(schema)))


def _absolute(node):
    if isinstance(node, dict):
        if isinstance(node.get("$ref"), str) and node["$ref"].startswith("#/"):
            node["$ref"] = OPENAPI_URL + node["$ref"]
        for value in node.values():
            _absolute(value)
    elif isinstance(node, list):
        for value in node:
            _absolute(value)
    return node


def compiled(name: str) -> dict:
    return {"$ref": REMOTE_BASE + name}


def errors(instance, schema: dict) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator_for(schema).iter_errors(instance)]
