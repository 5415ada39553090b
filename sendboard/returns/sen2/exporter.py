"""Export a local area's register as a SEN2 file that the importer accepts unchanged."""

from __future__ import annotations

from datetime import datetime
from typing import BinaryIO

from sendboard.casework.models import Child
from sendboard.casework.selectors import child_prefetches
from sendboard.core.models import LocalArea
from sendboard.returns.sen2.schema import MODULES
from sendboard.returns.sen2.writer import write_sen2
from sendboard.returns.sen2.years import NEWEST, collection_for

CHUNK = 1000


def _values(obj, module: str) -> dict:
    return {f.key: getattr(obj, f.key) for f in MODULES[module].fields if f.key != "caseworker" and f.stored}


def child_record(child: Child) -> dict:
    person = _values(child, "Person")
    person["caseworker"] = child.caseworker.username if child.caseworker_id else None
    person["Breach"] = [
        {
            "step": step.step,
            "subject": step.subject,
            "breach_reason": step.breach_reason,
            "breach_note": step.breach_note,
        }
        for step in sorted(child.steps.all(), key=lambda s: (s.step, s.subject))
        if step.breach_reason
    ]
    person["Request"] = []
    for request in child.requests.all():
        r = _values(request, "Request")
        r["Assessment"], r["ActivePlan"] = [], []
        r["Appeal"] = [_values(x, "Appeal") for x in request.appeals.all()]
        assessment = getattr(request, "assessment", None)
        if assessment is not None:
            a = _values(assessment, "Assessment")
            a["Advice"] = [_values(x, "Advice") for x in assessment.advice_requests.all()]
            a["Consultation"] = [_values(x, "Consultation") for x in assessment.consultations.all()]
            a["NamedPlan"] = []
            plan = getattr(assessment, "named_plan", None)
            if plan is not None:
                p = _values(plan, "NamedPlan")
                p["PlanDetail"] = [_values(d, "PlanDetail") for d in plan.details.all()]
                a["NamedPlan"].append(p)
            r["Assessment"].append(a)
        active = getattr(request, "active_plan", None)
        if active is not None:
            ap = _values(active, "ActivePlan")
            ap["PlacementDetail"] = [_values(x, "PlacementDetail") for x in active.placements.all()]
            ap["SENneed"] = [_values(x, "SENneed") for x in active.needs.all()]
            r["ActivePlan"].append(ap)
        person["Request"].append(r)
    return person


def _children(area: LocalArea):
    ids = list(Child.objects.filter(local_area=area).order_by("id").values_list("id", flat=True))
    for start in range(0, len(ids), CHUNK):
        chunk = child_prefetches(
            Child.objects.filter(id__in=ids[start : start + CHUNK])
            .select_related("caseworker")
            .prefetch_related("steps")
            .order_by("id")
        )
        for child in chunk:
            yield child_record(child)


def sen2_header(
    *,
    area: LocalArea,
    reference_date,
    year: int,
    serial_no: int = 1,
    created: datetime,
    officers: dict[str, str] | None = None,
) -> dict[str, str]:
    """The header a collection year requires: SerialNo three digits, DateTime the moment of export, and whether
    the area has a Designated Medical, Clinical and Social Care Officer (Y, N or R), as the year asks."""
    collection = collection_for(year) or NEWEST
    header = {
        "Collection": "SEN2",
        "Year": str(year),
        "ReferenceDate": reference_date.isoformat(),
        "SourceLevel": "L",
        "LEA": area.la_code,
        "SoftwareCode": "sendboard",
        "Release": "1",
        "SerialNo": f"{serial_no:03d}",
        "DateTime": created.replace(microsecond=0, tzinfo=None).isoformat(),
    }
    for officer in collection.officers:
        value = (officers or {}).get(officer)
        if value:
            header[officer] = value
    return header


def register_export(*, area: LocalArea, out: BinaryIO, header: dict[str, str], extras: bool = True) -> int:
    """The area's register as a SEN2 return for the header's collection year (``extras=False``: only the DfE's
    items), or as sendboard's own file with the casework SEN2 does not carry (``extras=True``)."""
    return write_sen2(out, header=header, persons=_children(area), extras=extras)
