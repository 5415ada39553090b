"""Writes of the returns pages: queueing and retrying an import, and exporting the register. Each takes the
acting user and is audited here, never in a view (ADR 0112)."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from sendboard.audit.models import AuditEvent
from sendboard.audit.services import audit_record
from sendboard.core.models import LocalArea
from sendboard.returns import exports, jobs
from sendboard.returns.models import ImportJob, RegisterExport
from sendboard.returns.sen2.exporter import register_export


def import_queue(*, user, kind: str, path: Path, filename: str, target: str = "") -> ImportJob:
    """Queue the load of an uploaded file (previewed first), for the job worker (ADR 0105); ``target`` is what a
    bound importer loads into (ADR 0163)."""
    job = jobs.job_create(user=user, kind=kind, path=path, filename=filename, target=target)
    audit_record(kind=AuditEvent.Kind.RECORD_CHANGED, user=user, detail=f"Import job {job.public_id} ({kind}) queued")
    return job


def import_retry(*, user, job: ImportJob) -> bool:
    """Try a failed load again, if its file is still held; False if it cannot be."""
    if not jobs.job_again(job):
        return False
    audit_record(kind=AuditEvent.Kind.RECORD_CHANGED, user=user, detail=f"Import job {job.public_id} retried")
    return True


def register_export_write(*, user, area: LocalArea, out: BinaryIO, header: dict, extras: bool = False) -> int:
    """Write the area's whole register as the SEN2 return for the header's collection year, or (``extras``) as a
    copy for another sendboard with the casework SEN2 does not carry (ADR 0130); every export is recorded as a
    view of every child in it."""
    count = register_export(area=area, out=out, header=header, extras=extras)
    what = "sendboard register copy" if extras else "SEN2 export"
    audit_record(
        kind=AuditEvent.Kind.RECORD_VIEWED,
        user=user,
        detail=f"{what} of LA {area.la_code} for the {header['Year']} collection: {count} children",
    )
    return count


def register_export_queue(*, user, area: LocalArea, header: dict, kind: str, filename: str) -> RegisterExport:
    """Ask the worker to write the register (ADR 0168). Asking is audited here; the export itself is audited as a
    view of every child when the worker writes it (``register_export_write``), and each download again."""
    job = exports.job_create(user=user, area=area, kind=kind, header=header, filename=filename)
    audit_record(
        kind=AuditEvent.Kind.RECORD_CHANGED,
        user=user,
        detail=f"Register export {job.public_id} of LA {area.la_code} for the {header['Year']} collection asked for",
    )
    return job


def register_export_download_record(*, user, job: RegisterExport) -> None:
    """The person who asked downloads the file: a view of every child in it."""
    audit_record(
        kind=AuditEvent.Kind.RECORD_VIEWED,
        user=user,
        detail=f"Register export {job.public_id} downloaded: {job.children} children",
    )
