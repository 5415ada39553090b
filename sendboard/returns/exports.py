"""Register exports as jobs (ADR 0168): the SEN2 file of a whole county register takes seconds to write, so the
worker writes it (ADR 0105) with progress the person who asked for it can watch, into a private folder where it is
held for them alone until the retention schedule removes it.

The writer (``sen2.exporter.register_export``) is used unchanged. Its progress is read from the file as it is
written: each child is one ``Person`` element, so the bytes written say how many children are done.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from django_tasks import task

from sendboard.casework.models import Child
from sendboard.core.data_dir import data_folder
from sendboard.core.jobs import Progress, job_enqueue, job_run
from sendboard.returns.models import RegisterExport

PERSON_END = b"</Person>"


def export_folder() -> Path:
    """A private folder (mode 0700) in the installation's data directory: every web and worker process sees it."""
    return data_folder("register-exports")


def export_path(job: RegisterExport) -> Path:
    return export_folder() / job.stored_name


def job_create(*, user, area, kind: str, header: dict, filename: str) -> RegisterExport:
    """Record the export and enqueue it; the worker starts once this transaction commits."""
    job = RegisterExport.objects.create(
        local_area=area, kind=kind, header=header, filename=filename, requested_by=user, message="Waiting to start"
    )
    job_enqueue(job)
    return job


class _CountingFile:
    """A file the writer writes to, which reports every whole per cent of the children written."""

    def __init__(self, out, *, total: int, progress: Progress) -> None:
        self.out, self.total, self.progress = out, max(1, total), progress
        self.done, self.shown, self.tail = 0, -1, b""

    def write(self, data: bytes) -> int:
        # A closing tag can be split between two writes: look across the join.
        joined = self.tail + bytes(data)
        self.done += joined.count(PERSON_END)
        self.tail = joined[-(len(PERSON_END) - 1) :]
        percent = min(99, self.done * 100 // self.total)
        if percent > self.shown:
            self.shown = percent
            self.progress(percent, f"{self.done:,} of {self.total:,} children written")
        return self.out.write(data)

    def flush(self) -> None:
        self.out.flush()


def _build(job: RegisterExport, progress: Progress) -> None:
    from sendboard.returns.services import register_export_write

    total = Child.objects.filter(local_area=job.local_area_id).count()
    progress(0, f"0 of {total:,} children written")
    stored_name = f"{job.public_id}.xml"
    path = export_folder() / stored_name
    try:
        with path.open("wb") as out:
            path.chmod(0o600)
            count = register_export_write(
                user=job.requested_by,
                area=job.local_area,
                out=_CountingFile(out, total=total, progress=progress),
                header=job.header,
                extras=job.kind == RegisterExport.Kind.COPY,
            )
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    progress(
        100,
        f"{count:,} children written",
        stored_name=stored_name,
        size=path.stat().st_size,
        children=count,
    )


def job_run_now(*, job_id: int) -> None:
    """Run one queued export (the worker's task, or a test). A crash leaves no file and says so on the job."""
    job_run(
        RegisterExport,
        job_id,
        _build,
        failed_words=lambda error: f"The file was not made ({type(error).__name__}). Ask for it again",
    )


@task()
def register_export_build(job_id: int) -> None:
    job_run_now(job_id=job_id)


def exports_past_retention_remove(*, before: datetime) -> int:
    """The retention schedule's rule for register exports (ADR 0168): files made before ``before`` are removed; the
    job stays, without its file, as the record that the export was made. Files no job names are removed too."""
    removed = 0
    for job in RegisterExport.objects.exclude(stored_name="").filter(finished_at__lt=before):
        export_path(job).unlink(missing_ok=True)
        RegisterExport.objects.filter(pk=job.pk).update(stored_name="")
        removed += 1
    named = set(RegisterExport.objects.exclude(stored_name="").values_list("stored_name", flat=True))
    writing = {
        f"{public_id}.xml"
        for public_id in RegisterExport.objects.filter(
            state__in=[RegisterExport.State.QUEUED, RegisterExport.State.RUNNING]
        ).values_list("public_id", flat=True)
    }
    for path in export_folder().iterdir():
        if path.name not in named and path.name not in writing:
            path.unlink(missing_ok=True)
            removed += 1
    return removed
