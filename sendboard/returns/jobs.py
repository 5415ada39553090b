"""Import jobs: a committed upload is loaded off the request path, with progress the analyst can watch, and a
failed job can be tried again (ADR 0027). Jobs run in a thread started from the request and, for jobs left
queued (or when threads are turned off), from the ``run_import_jobs`` command.

Progress during the load: the load is one transaction, so progress written on the same database connection
would stay invisible until it commits. On PostgreSQL it is written through a second, autocommitting
connection; SQLite allows only one writer at a time, so there it is kept in this process's memory (which the
job page reads, when it is served by the process running the job) and written when the job ends.
"""

from __future__ import annotations

import logging
from pathlib import Path

from django.conf import settings
from django.db import connection, connections
from django.utils import timezone

from sendboard.core.jobs import abandoned_fail, job_thread_start, runner_token
from sendboard.core.jobs import jobs_run_queued as core_jobs_run_queued
from sendboard.returns.framework import IMPORTERS, MAX_PROBLEMS, Report, file_import
from sendboard.returns.models import ImportJob
from sendboard.returns.uploads import upload_folder

logger = logging.getLogger(__name__)

# job id -> (percent, message), for the job page while a job runs in this process
LIVE_PROGRESS: dict[int, tuple[int, str]] = {}


def job_create(*, user, kind: str, path: Path, filename: str) -> ImportJob:
    return ImportJob.objects.create(kind=kind, filename=filename[:200], stored_name=path.name, size=path.stat().st_size,
                                    requested_by=user)


def job_start(job: ImportJob) -> None:
    """Run the job in a thread, unless the site runs jobs from the command only."""
    if settings.SENDBOARD_RETURNS_JOBS_IN_THREAD:
        job_thread_start(run=lambda job_id: job_run(job_id=job_id), job_id=job.pk, name="import-job", after_commit=True)


def job_retry(job: ImportJob) -> bool:
    """Queue a failed job again, if its file is still here."""
    if job.state != ImportJob.State.FAILED or not (upload_folder() / job.stored_name).exists():
        return False
    claimed = ImportJob.objects.filter(pk=job.pk, state=ImportJob.State.FAILED).update(
        state=ImportJob.State.QUEUED, progress=0, message="Waiting to start again", finished_at=None)
    return bool(claimed)


class _Progress:
    """Writes a running job's progress where the job page can see it (see the module's notes)."""

    def __init__(self, job: ImportJob) -> None:
        self.job_id = job.pk
        self.side = None
        if connection.vendor == "postgresql":
            self.side = connections.create_connection("default")
            self.side.set_autocommit(True)

    def __call__(self, percent: int, message: str) -> None:
        LIVE_PROGRESS[self.job_id] = (percent, message)
        if self.side is not None:
            with self.side.cursor() as cursor:
                cursor.execute(f"UPDATE {ImportJob._meta.db_table} SET progress = %s, message = %s WHERE id = %s",
                               [percent, message[:300], self.job_id])

    def close(self) -> None:
        LIVE_PROGRESS.pop(self.job_id, None)
        if self.side is not None:
            self.side.close()


def job_run(*, job_id: int) -> None:
    """Run one queued job. A crash is recorded on the job as failed, with the file kept for a retry."""
    claimed = ImportJob.objects.filter(pk=job_id, state=ImportJob.State.QUEUED).update(
        state=ImportJob.State.RUNNING, progress=0, message="Reading the file", started_at=timezone.now(),
        runner=runner_token())
    if not claimed:
        return
    job = ImportJob.objects.select_related("requested_by").get(pk=job_id)
    ImportJob.objects.filter(pk=job_id).update(attempts=job.attempts + 1)
    path = upload_folder() / job.stored_name
    progress = _Progress(job)
    try:
        importer = IMPORTERS.get(job.kind)
        if importer is None:
            raise LookupError(f"No importer is registered for {job.kind!r}")
        if not path.exists():
            raise FileNotFoundError("The uploaded file is no longer held: upload it again")
        report = Report()

        def on_progress(n: int) -> None:
            progress(min(99, int((report.fraction or 0) * 100)), f"{n:,} records read")

        report.progress = on_progress
        outcome = file_import(importer=importer, path=path, filename=job.filename, user=job.requested_by, report=report)
        report = outcome.report
        ImportJob.objects.filter(pk=job_id).update(
            state=ImportJob.State.DONE, progress=100, finished_at=timezone.now(), loaded=outcome.loaded,
            already_loaded=outcome.already_loaded, imported_file=outcome.imported_file, counts=report.counts,
            problem_count=report.problem_count,
            problems=[[p.record, p.field, p.rule, p.message] for p in report.problems[:MAX_PROBLEMS]],
            message=_summary(outcome))
        path.unlink(missing_ok=True)
    except Exception as error:  # noqa: BLE001 - the job records the failure, so nobody waits for a load that never comes
        # Only the error's kind: a database error's own words can quote a row, and rows hold personal data.
        logger.error("Import job %s failed: %s", job_id, type(error).__name__)
        ImportJob.objects.filter(pk=job_id).update(state=ImportJob.State.FAILED, finished_at=timezone.now(),
                                                   message=f"The load stopped ({type(error).__name__}). Nothing from the file was kept")
    finally:
        progress.close()


def _summary(outcome) -> str:
    if outcome.already_loaded:
        return "This file was loaded before: nothing changed"
    if outcome.loaded:
        return "Loaded"
    return f"Not loaded: {outcome.report.problem_count:,} problems found"


def abandoned_jobs_fail() -> int:
    """Mark failed the jobs whose process stopped mid-load (ADR 0055): its transaction was rolled back, so nothing
    was kept, and the upload is still held for a retry."""
    return abandoned_fail(ImportJob.objects.filter(state=ImportJob.State.RUNNING),
                          state=ImportJob.State.FAILED, finished_at=timezone.now(),
                          message="The load stopped when the server running it stopped. Nothing from the file was kept")


def jobs_run_queued() -> int:
    abandoned_jobs_fail()
    queued = ImportJob.objects.filter(state=ImportJob.State.QUEUED).order_by("requested_at").values_list("pk", flat=True)
    return core_jobs_run_queued(queued=queued, run=lambda job_id: job_run(job_id=job_id))
