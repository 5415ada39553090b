"""A subject access export for one child or young person (ADR 0144): every record, document and audit entry
about them, as one zip bundle of JSON, CSV and a readable summary.

``subject_access_bundle`` only reads; ``services.subject_access_export`` audits the request (who, when, why)
before building it. The bundle is for the council's data protection officer, who reviews it (staff names and
other people's data appear in it) before anything is sent to the family.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import zipfile
from datetime import date, datetime
from uuid import UUID

from django.apps import apps
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.module_loading import import_string

from sendboard.audit.models import AuditEvent
from sendboard.casework.models import (
    ActivePlan,
    AdviceRequest,
    AnnualReview,
    Appeal,
    Assessment,
    Child,
    Consultation,
    NamedPlan,
    Placement,
    PlanDetail,
    Request,
    SenNeed,
    StatutoryStep,
)

# Fields that are sendboard's own bookkeeping rather than information about the child.
_SKIPPED = {"id"}


def _value(value):
    if isinstance(value, datetime):
        return (
            timezone.localtime(value).isoformat(timespec="seconds") if timezone.is_aware(value) else value.isoformat()
        )
    if isinstance(value, date | UUID):
        return str(value)
    if isinstance(value, models.Model):
        return str(value)
    return value


def _row(instance: models.Model) -> dict:
    row = {}
    for field in instance._meta.concrete_fields:
        if field.name in _SKIPPED:
            continue
        if isinstance(field, models.ForeignKey):
            related = getattr(instance, field.name)
            if field.related_model is Child:
                continue  # every row is about this child
            row[field.verbose_name] = _related_words(related)
        else:
            row[field.verbose_name] = _value(getattr(instance, field.attname))
    return row


def _related_words(related) -> str:
    if related is None:
        return ""
    display = getattr(related, "display_name", None)
    return str(display or related)


def _extract_rows(child: Child) -> list[tuple[str, list[dict]]]:
    """Local extract rows (school census, attendance, suspensions …) that carry the child's UPN."""
    if not child.upn:
        return []
    found = []
    for model in apps.get_app_config("extracts").get_models():
        names = {field.name for field in model._meta.concrete_fields}
        key = "upn" if "upn" in names else "child_upn" if "child_upn" in names else None
        if key is None:
            continue
        rows = [
            _row(row)
            for row in model.objects.filter(local_area=child.local_area, **{key: child.upn}).select_related(
                "imported_file"
            )
        ]
        if rows:
            found.append((str(model._meta.verbose_name_plural), rows))
    return found


@dataclasses.dataclass(frozen=True)
class SubjectAccessPart:
    """What an app above casework adds to a child's export: sections of rows, and files (a child's documents)
    put in the bundle as they are. An app offers one through its AppConfig's ``subject_access_parts``, a dotted
    path to a function of the child, because casework imports no app above it (ADR 0111)."""

    sections: list[tuple[str, list[dict]]] = dataclasses.field(default_factory=list)
    files: list[tuple[str, bytes]] = dataclasses.field(default_factory=list)


def subject_access_parts(child: Child) -> list[SubjectAccessPart]:
    return [
        import_string(config.subject_access_parts)(child)
        for config in apps.get_app_configs()
        if getattr(config, "subject_access_parts", None)
    ]


def audit_entries_about(child: Child):
    marker = str(child.public_id)
    return AuditEvent.objects.filter(Q(detail__contains=marker) | Q(path__contains=marker)).order_by(
        "occurred_at", "id"
    )


def subject_access_sections(child: Child, parts: list[SubjectAccessPart] | None = None) -> list[tuple[str, list[dict]]]:
    """(section title, rows) for everything sendboard holds about ``child``, in the order the summary shows."""
    parts = subject_access_parts(child) if parts is None else parts
    requests = Request.objects.filter(child=child)
    assessments = Assessment.objects.filter(request__child=child)
    named_plans = NamedPlan.objects.filter(assessment__request__child=child)
    active_plans = ActivePlan.objects.filter(request__child=child)
    sections = [
        ("Child or young person", [_row(child)]),
        ("Requests for an EHC needs assessment", [_row(r) for r in requests]),
        ("EHC needs assessments", [_row(r) for r in assessments]),
        (
            "Advice asked for during assessment",
            [_row(r) for r in AdviceRequest.objects.filter(assessment__in=assessments)],
        ),
        (
            "Settings consulted about being named",
            [_row(r) for r in Consultation.objects.filter(assessment__in=assessments)],
        ),
        ("Mediation and appeals", [_row(r) for r in Appeal.objects.filter(request__in=requests)]),
        ("EHC plans issued", [_row(r) for r in named_plans]),
        ("Settings named in EHC plans", [_row(r) for r in PlanDetail.objects.filter(named_plan__in=named_plans)]),
        ("EHC plans in force and their reviews", [_row(r) for r in active_plans]),
        ("Annual reviews", [_row(r) for r in AnnualReview.objects.filter(active_plan__in=active_plans)]),
        ("Placements", [_row(r) for r in Placement.objects.filter(active_plan__in=active_plans)]),
        ("Special educational needs", [_row(r) for r in SenNeed.objects.filter(active_plan__in=active_plans)]),
        (
            "Statutory timescales",
            [_row(r) for r in StatutoryStep.objects.filter(child=child).select_related("breach_recorded_by")],
        ),
        *[(f"Local extracts: {title}", rows) for title, rows in _extract_rows(child)],
        *[section for part in parts for section in part.sections],
        (
            "Audit log: who viewed or changed this record",
            [
                {
                    "when": _value(e.occurred_at),
                    "what": e.get_kind_display(),
                    "who": e.username,
                    "page": e.path,
                    "detail": e.detail,
                }
                for e in audit_entries_about(child)
            ],
        ),
    ]
    return sections


def _csv(rows: list[dict]) -> str:
    out = io.StringIO()
    if rows:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        for row in rows:
            writer.writerow(
                {key: json.dumps(value) if isinstance(value, list | dict) else value for key, value in row.items()}
            )
    return out.getvalue()


def _slug(title: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in title.lower()).strip("-").replace("--", "-")[:60]


def subject_access_bundle(child: Child, *, requested_by: str, reason: str) -> bytes:
    parts = subject_access_parts(child)
    sections = subject_access_sections(child, parts)
    files = [file for part in parts for file in part.files]
    made = timezone.localtime()
    summary = [
        "Subject access export",
        "=====================",
        "",
        f"Made on {made:%d %B %Y at %H:%M} by {requested_by}.",
        f"Reason given: {reason}",
        "",
        "This bundle holds everything sendboard records about one child or young person: the casework record,",
        "every statutory timescale, any local extract rows carrying their unique pupil number, every document",
        "about them (each file in the documents folder) and every audit log entry about the record. Each section",
        "is in records.json and in its own CSV file.",
        "",
        "Before sending any of it: review it with your data protection officer. It names staff and may name",
        "other people; remove what the law allows or requires you to withhold.",
        "",
    ]
    for title, rows in sections:
        summary.append(f"{title}: {len(rows)} record{'s' if len(rows) != 1 else ''}")
    summary += ["", "The record", "----------"]
    for key, value in sections[0][1][0].items():
        summary.append(f"{key}: {value if value not in ('', None) else '(none)'}")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        bundle.writestr("summary.txt", "\n".join(summary) + "\n")
        bundle.writestr("records.json", json.dumps({title: rows for title, rows in sections}, indent=1, default=str))
        for number, (title, rows) in enumerate(sections, start=1):
            bundle.writestr(f"{number:02d}-{_slug(title)}.csv", _csv(rows))
        for name, content in files:
            bundle.writestr(name, content)
    return buffer.getvalue()
