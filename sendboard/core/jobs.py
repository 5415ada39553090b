"""Background jobs: one model mixin and one way to run them (ADR 0105).

A job is a row of a model that takes ``Job`` (a board pack, an import job, a refresh of the outcomes facts). Its
page reads the row: its state (queued, running, succeeded, failed), its progress, written to the database as the
work goes, when it started and finished, and its result or an error in plain words. Asking for a job is a POST
that creates the row and enqueues a task (Django's Tasks API, from ``django-tasks``) once the transaction commits;
the task runs in the worker process (``manage.py db_worker``, the database backend of ``django-tasks-db``), never
in the web server.

Each job model names its ``job_task``, a task taking the job's id that calls ``job_run`` with the work to do.
``job_run`` claims the job (queued to running, once), records the worker process running it, writes progress,
and records success or failure; a failure never escapes as a lost job.

A worker killed mid-job (SIGKILL, a crash, the machine restarting) cannot record anything. ``jobs_recover``, run
when a worker starts and before each job it takes, finds running jobs whose worker process has stopped and queues
them again, up to ``SENDBOARD_JOBS_MAX_ATTEMPTS`` runs in all; after that the job is failed, in words that say
a retry is offered (ADR 0055's abandoned jobs, found by the worker rather than by the pages that show them).
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Callable
from datetime import datetime, timedelta

import psutil
from django.apps import apps
from django.conf import settings
from django.db import connection, connections, models, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


class JobState(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "Running"
    SUCCEEDED = "succeeded", "Finished"
    FAILED = "failed", "Failed"


IN_PROGRESS = (JobState.QUEUED, JobState.RUNNING)


class Job(models.Model):
    """What every job records. A model taking it sets ``job_task`` (the dotted path of its task) and, if it wants
    its own words, ``stopped_words`` (what its page says when the worker running it stopped for good)."""

    job_task = ""
    stopped_words = "The work stopped when the worker running it stopped. Nothing was kept: try again"

    State = JobState

    state = models.CharField(max_length=10, choices=JobState.choices, default=JobState.QUEUED, db_index=True)
    progress = models.PositiveSmallIntegerField(default=0, help_text="Per cent")
    message = models.CharField(max_length=300, blank=True, help_text="What the job is doing, or what it did")
    error = models.TextField(blank=True, help_text="Why it failed, in words the person who asked can act on")
    requested_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True)
    finished_at = models.DateTimeField(null=True)
    attempts = models.PositiveSmallIntegerField(default=0, help_text="How many times a worker has started it")
    runner = models.CharField(max_length=120, blank=True, help_text="The worker process running it (host:pid:start)")
    task_id = models.CharField(max_length=64, blank=True, help_text="The background task that runs it")

    class Meta:
        abstract = True

    @property
    def in_progress(self) -> bool:
        return self.state in IN_PROGRESS

    @property
    def succeeded(self) -> bool:
        return self.state == JobState.SUCCEEDED

    @property
    def failed(self) -> bool:
        return self.state == JobState.FAILED


def job_models() -> list[type[Job]]:
    return [model for model in apps.get_models() if issubclass(model, Job)]


# --- asking for a job --------------------------------------------------------------------------------------------


def job_enqueue(job: Job) -> None:
    """Enqueue the job's task once the current transaction commits (so the worker sees the row), and record the
    task's id on the job."""
    model, pk = type(job), job.pk

    def enqueue() -> None:
        result = import_string(model.job_task).enqueue(pk)
        model.objects.filter(pk=pk).update(task_id=str(result.id))

    transaction.on_commit(enqueue)


def job_retry(job: Job, *, message: str = "Waiting to start again") -> bool:
    """Queue a failed job again; False if it is not failed (someone else retried it first)."""
    claimed = (
        type(job)
        .objects.filter(pk=job.pk, state=JobState.FAILED)
        .update(
            state=JobState.QUEUED, progress=0, message=message, error="", started_at=None, finished_at=None, attempts=0
        )
    )
    if claimed:
        job_enqueue(job)
    return bool(claimed)


# --- running a job (in the worker) -------------------------------------------------------------------------------


class Progress:
    """Writes a running job's progress where its page reads it. Work inside one transaction (a file load) would
    hide progress written on its own connection until it commits, so on PostgreSQL progress goes through a second,
    autocommitting connection. SQLite allows one writer at a time: there progress inside a transaction is seen
    when the transaction ends, and the page shows the job running meanwhile."""

    def __init__(self, model: type[Job], pk: int) -> None:
        self.model, self.pk, self.side = model, pk, None

    def __call__(self, percent: int, message: str = "", **fields) -> None:
        values = {"progress": max(0, min(100, percent)), **fields}
        if message:
            values["message"] = message[:300]
        if connection.in_atomic_block and connection.vendor == "postgresql" and not fields:
            if self.side is None:
                self.side = connections.create_connection("default")
                self.side.set_autocommit(True)
            sets = ", ".join(f"{connection.ops.quote_name(name)} = %s" for name in values)
            with self.side.cursor() as cursor:
                cursor.execute(
                    f"UPDATE {self.model._meta.db_table} SET {sets} WHERE id = %s", [*values.values(), self.pk]
                )
                if cursor.rowcount:
                    return
            # The job's own row is not committed yet (the job runs inside a caller's transaction, as in a test):
            # only the caller's connection can see it, so progress is written there.
        self.model.objects.filter(pk=self.pk).update(**values)

    def close(self) -> None:
        if self.side is not None:
            self.side.close()
            self.side = None


class JobFailed(Exception):
    """Raised by a job's work to fail with these words (shown on its page) rather than the generic ones."""


def job_run(
    model: type[Job],
    pk: int,
    work: Callable[[Job, Progress], None],
    *,
    failed_words: Callable[[BaseException], str] | None = None,
) -> None:
    """Run one queued job: claim it, do ``work(job, progress)`` and record how it ended. ``work`` sets the job's
    own result fields through ``progress(100, message, **fields)`` or by updating the row; ``failed_words`` gives
    the words for an error (only the error's kind is logged: a database error can quote a row of personal data)."""
    claimed = model.objects.filter(pk=pk, state=JobState.QUEUED).update(
        state=JobState.RUNNING,
        progress=0,
        started_at=timezone.now(),
        finished_at=None,
        error="",
        runner=runner_token(),
        attempts=models.F("attempts") + 1,
    )
    if not claimed:
        return
    job = model.objects.get(pk=pk)
    progress = Progress(model, pk)
    try:
        work(job, progress)
    except Exception as error:  # noqa: BLE001 - the job records the failure, so nobody waits for work that never comes
        logger.error("Job %s %s failed: %s", model._meta.label, pk, type(error).__name__)
        words = (
            str(error)
            if isinstance(error, JobFailed)
            else (
                failed_words(error)
                if failed_words
                else f"The work stopped ({type(error).__name__}). Nothing was kept: try again"
            )
        )
        model.objects.filter(pk=pk).update(state=JobState.FAILED, finished_at=timezone.now(), error=words[:2000])
    else:
        model.objects.filter(pk=pk, state=JobState.RUNNING).update(
            state=JobState.SUCCEEDED, progress=100, finished_at=timezone.now()
        )
    finally:
        progress.close()


# --- jobs whose worker stopped -----------------------------------------------------------------------------------


def _process_started(pid: int) -> str | None:
    """When the process started (seconds since the epoch, from psutil), or None if it does not run."""
    try:
        return f"{psutil.Process(pid).create_time():.2f}"
    except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
        return None


def runner_token() -> str:
    """This process, as a job records it: host, process id and the process's start (so a reused id is not it)."""
    pid = os.getpid()
    return f"{socket.gethostname()}:{pid}:{_process_started(pid) or ''}"[:120]


def runner_gone(token: str, since: datetime | None, now: datetime) -> bool:
    """Whether the worker process a job recorded has stopped. On this machine that is known: the process id no
    longer runs, or runs a later process. A worker elsewhere cannot be seen, so its job counts as abandoned only
    once it has run longer than any job should (SENDBOARD_JOBS_ABANDONED_AFTER_HOURS)."""
    host, _, rest = token.partition(":")
    pid_text, _, started = rest.partition(":")
    if host == socket.gethostname() and pid_text.isdigit():
        now_started = _process_started(int(pid_text))
        return now_started is None or (bool(started) and now_started != started)
    limit = timedelta(hours=settings.SENDBOARD_JOBS_ABANDONED_AFTER_HOURS)
    return since is None or now - since > limit


def _library_task_failed(task_id: str) -> None:
    """The library's own record of a task whose worker was killed stays running; mark it failed too."""
    if not task_id:
        return
    from django_tasks_db.compat import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.filter(id=task_id, status=TaskResultStatus.RUNNING).update(
        status=TaskResultStatus.FAILED, finished_at=timezone.now()
    )


def jobs_recover() -> dict[str, int]:
    """Find the running jobs whose worker stopped and queue them again (or, after the last attempt, fail them
    with a retry offered); queue again the jobs whose task was never enqueued (the web server stopped between
    the commit and the enqueue). Returns {"retried": n, "failed": n, "enqueued": n}."""
    now = timezone.now()
    done = {"retried": 0, "failed": 0, "enqueued": 0}
    for model in job_models():
        running = model.objects.filter(state=JobState.RUNNING)
        for pk, token, since, attempts, task_id in running.values_list(
            "pk", "runner", "started_at", "attempts", "task_id"
        ):
            if not runner_gone(token, since, now):
                continue
            if attempts < settings.SENDBOARD_JOBS_MAX_ATTEMPTS:
                with transaction.atomic():
                    if running.filter(pk=pk, runner=token).update(
                        state=JobState.QUEUED,
                        progress=0,
                        runner="",
                        task_id="",
                        message="The worker running it stopped: it will start again",
                    ):
                        job_enqueue(model.objects.get(pk=pk))
                        done["retried"] += 1
            else:
                done["failed"] += running.filter(pk=pk, runner=token).update(
                    state=JobState.FAILED, finished_at=now, error=model.stopped_words
                )
            _library_task_failed(task_id)
        lost = model.objects.filter(state=JobState.QUEUED, task_id="", requested_at__lt=now - timedelta(minutes=5))
        for job in lost:
            with transaction.atomic():
                job_enqueue(job)
            done["enqueued"] += 1
    if any(done.values()):
        logger.warning("Jobs recovered: %s", done)
    return done


# --- job pages ---------------------------------------------------------------------------------------------------


def job_page_refresh(response, *, in_progress: bool):
    """Every job page (a file load, a board pack, a refresh of the outcomes facts) behaves the same: while its job
    runs the page refreshes itself (the Refresh header is meta refresh's HTTP form: no script), every
    ``SENDBOARD_JOB_REFRESH_SECONDS``. The page says so with ``core/_job.html``'s ``job_refresh_note``."""
    if in_progress:
        response["Refresh"] = str(settings.SENDBOARD_JOB_REFRESH_SECONDS)
    return response
