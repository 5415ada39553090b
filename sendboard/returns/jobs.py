"""Import jobs: a committed upload is loaded by the worker (ADR 0105), with progress the analyst can watch, and a
failed job can be tried again (ADR 0027).

The load is one transaction; its progress is written through ``core.jobs.Progress`` (on PostgreSQL a second,
autocommitting connection, so the page sees it while the load is still open).
"""

from __future__ import annotations

from pathlib import Path

from django_tasks import task

from sendboard.core.jobs import JobFailed, Progress, job_enqueue, job_retry, job_run
from sendboard.returns.framework import IMPORTERS, MAX_PROBLEMS, Report, file_import
from sendboard.returns.models import ImportJob
from sendboard.returns.uploads import upload_folder


def job_create(*, user, kind: str, path: Path, filename: str, target: str = "") -> ImportJob:
    """Record the job and enqueue its load, which the worker starts once this transaction commits."""
    job = ImportJob.objects.create(
        kind=kind,
        target=target,
        filename=filename[:200],
        stored_name=path.name,
        size=path.stat().st_size,
        requested_by=user,
        message="Waiting to start",
    )
    job_enqueue(job)
    return job


def job_again(job: ImportJob) -> bool:
    """Queue a failed job again, if its file is still here."""
    if not job.failed or not (upload_folder() / job.stored_name).exists():
        return False
    return job_retry(job)


def _load(job: ImportJob, progress: Progress) -> None:
    path = upload_folder() / job.stored_name
    importer = IMPORTERS.get(job.kind)
    if importer is None:
        raise LookupError(f"No importer is registered for {job.kind!r}")
    if job.target:
        importer = importer.bound(job.target)
    if not path.exists():
        raise JobFailed("The uploaded file is no longer held: upload it again")
    progress(0, "Reading the file")
    report = Report()

    def on_progress(n: int) -> None:
        progress(min(99, int((report.fraction or 0) * 100)), f"{n:,} records read")

    report.progress = on_progress
    outcome = file_import(importer=importer, path=path, filename=job.filename, user=job.requested_by, report=report)
    report = outcome.report
    progress(
        100,
        _summary(outcome),
        loaded=outcome.loaded,
        already_loaded=outcome.already_loaded,
        imported_file=outcome.imported_file,
        counts=report.counts,
        problem_count=report.problem_count,
        problems=[[p.record, p.field, p.rule, p.message] for p in report.problems[:MAX_PROBLEMS]],
    )
    path.unlink(missing_ok=True)


def job_run_now(*, job_id: int) -> None:
    """Run one queued job (the worker's task, or a test). A crash is recorded on the job as failed, with the file
    kept for a retry; only the error's kind is named, since a database error's own words can quote a row."""
    job_run(
        ImportJob,
        job_id,
        _load,
        failed_words=lambda error: f"The load stopped ({type(error).__name__}). Nothing from the file was kept",
    )


@task()
def import_job_load(job_id: int) -> None:
    job_run_now(job_id=job_id)


def _summary(outcome) -> str:
    if outcome.already_loaded:
        return "This file was loaded before: nothing changed"
    if outcome.loaded:
        return "Loaded"
    return f"Not loaded: {outcome.report.problem_count:,} problems found"
