"""Open Referral UK 3.0 representations of the Local Offer (presenters: no reads or writes of their own).

Field names and shapes follow the UK profile's compiled schemas (``service_list``, ``service``,
``service_at_location_list``, ``organization_list``, ``taxonomy``, ``taxonomy_term``)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sendboard.localoffer.models import (
    AccessibilityFeature,
    DirectoryOrganisation,
    Location,
    ServiceLocation,
    ServiceVersion,
    Taxonomy,
    TaxonomyTerm,
)

HSDS_VERSION = "3.0"
PROFILE_URL = "https://raw.githubusercontent.com/openreferral/uk-profile/main"
# Fixed namespaces, so that the ids of records derived from a service (its contact, its cost option) are
# stable UUIDs without a table of their own.
_CONTACT = uuid.UUID("0b3a4d1e-7a55-4b55-9a3e-6f4f1c2f6a01")
_COST = uuid.UUID("0b3a4d1e-7a55-4b55-9a3e-6f4f1c2f6a02")
_PHONE = uuid.UUID("0b3a4d1e-7a55-4b55-9a3e-6f4f1c2f6a03")
_ADDRESS = uuid.UUID("0b3a4d1e-7a55-4b55-9a3e-6f4f1c2f6a04")
_ACCESSIBILITY = uuid.UUID("0b3a4d1e-7a55-4b55-9a3e-6f4f1c2f6a05")
_ATTRIBUTE = uuid.UUID("0b3a4d1e-7a55-4b55-9a3e-6f4f1c2f6a06")


def _derived(namespace: uuid.UUID, *parts) -> str:
    return str(uuid.uuid5(namespace, "/".join(str(p) for p in parts)))


def _timestamp(value: datetime) -> str:
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _optional(record: dict, **values) -> dict:
    """Leave out empty optional fields: the schemas type them (an empty string is not a uri or an email)."""
    record.update({k: v for k, v in values.items() if v not in ("", None)})
    return record


def organization(org: DirectoryOrganisation) -> dict:
    return _organization_record(org.id, org.name, org.description, org.email, org.website)


def _organization_record(org_id, name: str, description: str, email: str, website: str) -> dict:
    return _optional({"id": str(org_id), "name": name, "description": description}, email=email, website=website)


def taxonomy_term(term: TaxonomyTerm) -> dict:
    return {
        "id": str(term.id),
        "name": term.name,
        "description": term.description,
        "taxonomy": term.taxonomy.name,
        "taxonomy_id": str(term.taxonomy_id),
        "term": term.code,
    }


def taxonomy(tax: Taxonomy) -> dict:
    return _optional(
        {"id": str(tax.id), "name": tax.name, "description": tax.description}, uri=tax.uri, version=tax.version
    )


# What ``/services`` lists of each version, read as values (``service_summary_of``): a page of 50 summaries is
# read as tuples, without building a version, a service and an organisation for each.
SUMMARY_VALUES = (
    "service_id",
    "name",
    "description",
    "service_status",
    "minimum_age",
    "maximum_age",
    "decided_at",
    "submitted_at",
    "url",
    "email",
    "service__organisation_id",
    "service__organisation__name",
    "service__organisation__description",
    "service__organisation__email",
    "service__organisation__website",
)


def service_summary(version: ServiceVersion) -> dict:
    """A service with its one-to-one fields only, as ``/services`` lists it."""
    org = version.service.organisation
    return service_summary_of(
        (
            version.service_id,
            version.name,
            version.description,
            version.service_status,
            version.minimum_age,
            version.maximum_age,
            version.decided_at,
            version.submitted_at,
            version.url,
            version.email,
            org.id,
            org.name,
            org.description,
            org.email,
            org.website,
        )
    )


def service_summary_of(values: tuple) -> dict:
    """``service_summary`` of a version's ``SUMMARY_VALUES``, in that order."""
    (service_id, name, description, status, minimum_age, maximum_age, decided_at, submitted_at, url, email) = values[
        :10
    ]
    record = {
        "id": str(service_id),
        "organization_id": str(values[10]),
        "name": name,
        "description": description,
        "status": status,
        "minimum_age": minimum_age,
        "maximum_age": maximum_age,
        "assured_date": (decided_at or submitted_at).date().isoformat(),
        "last_modified": _timestamp(decided_at or submitted_at),
        "organization": _organization_record(*values[10:15]),
    }
    return _optional(record, url=url, email=email)


def location(loc: Location) -> dict:
    record = {
        "id": str(loc.id),
        "location_type": "physical",
        "name": loc.name,
        "addresses": [
            {
                "id": _derived(_ADDRESS, loc.id),
                "location_id": str(loc.id),
                "address_1": loc.address_1,
                "city": loc.city,
                "state_province": "",
                "postal_code": loc.postcode,
                "country": "GB",
                "address_type": "physical",
            }
        ],
    }
    return _optional(record, latitude=loc.latitude, longitude=loc.longitude)


def _accessibility(version: ServiceVersion, loc: Location) -> list[dict]:
    labels = dict(AccessibilityFeature.choices)
    return [
        {
            "id": _derived(_ACCESSIBILITY, loc.id, version.service_id, code),
            "location_id": str(loc.id),
            "description": labels.get(code, code),
            "accessibility": code,
        }
        for code in version.accessibility
    ]


def service_at_location(service_location: ServiceLocation, *, with_service: bool = False) -> dict:
    version = service_location.version
    loc = location(service_location.location)
    loc["accessibility"] = _accessibility(version, service_location.location)
    record = {
        "id": str(service_location.oruk_id),
        "service_id": str(version.service_id),
        "location_id": str(service_location.location_id),
        "location": loc,
    }
    if with_service:
        record["service"] = service_summary(version)
    return record


def service_full(version: ServiceVersion) -> dict:
    """A fully nested service, as ``/services/{id}`` returns it."""
    service_id = version.service_id
    record = service_summary(version)
    record["schedules"] = [
        {
            "id": str(s.id),
            "service_id": str(service_id),
            "freq": "WEEKLY",
            "interval": 1,
            "byday": s.byday,
            "opens_at": f"{s.opens_at:%H:%M}",
            "closes_at": f"{s.closes_at:%H:%M}",
            "description": f"{s.get_byday_display()} {s.opens_at:%H:%M} to {s.closes_at:%H:%M}",
        }
        for s in version.schedules.all()
    ]
    record["service_at_locations"] = [service_at_location(sl) for sl in version.service_locations.all()]
    cost = {
        "id": _derived(_COST, service_id),
        "service_id": str(service_id),
        "option": "Free" if version.is_free else "Charge",
    }
    record["cost_options"] = [
        _optional(
            cost,
            amount=None if version.is_free or version.cost_amount is None else float(version.cost_amount),
            amount_description=version.cost_description,
        )
    ]
    contact = {
        "id": _derived(_CONTACT, service_id),
        "service_id": str(service_id),
        "name": version.contact_name or version.name,
    }
    if version.phone:
        # HSDS 3.0 nests phones in contacts; the UK profile's compiled contact schema lists no phones but
        # allows further properties.
        contact["phones"] = [{"id": _derived(_PHONE, service_id), "number": version.phone}]
    record["contacts"] = [contact]
    record["attributes"] = [
        {
            "id": _derived(_ATTRIBUTE, service_id, term.id),
            "link_id": str(service_id),
            "link_type": "service",
            "taxonomy_term_id": str(term.id),
            "taxonomy_term": taxonomy_term(term),
        }
        for term in [*version.categories.all(), *version.needs.all()]
    ]
    # HSDS 3.0's application_process: how to use the service (not in the UK profile, which allows it).
    record["application_process"] = version.how_to_access
    return record
