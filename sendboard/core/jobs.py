"""Database-backed jobs run off the request path (board-pack PDFs, import jobs, the outcomes refresh): one way to
start a job in a thread and one way to run the queued ones from a management command (ADR 0014).

Each job keeps its own state in its own model; these helpers only start the work. A thread opens its own
database connection and closes it after, so a long job never holds the request's connection.

A job records which process runs it (``runner_token``). A process that stops mid-job (a restart, a crash, the
machine running out of memory) cannot mark its job failed, so the job would show as running for ever and could
never be tried again; ``abandoned_fail`` finds such jobs and marks them failed, as if they had failed in the
ordinary way (ADR 0055).
"""

from __future__ import annotations

import os
import socket
import threading
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.db import close_old_connections, connections, transaction
from django.db.models import QuerySet
from django.utils import timezone


def _process_started(pid: int) -> str | None:
    """When the process started, in clock ticks since boot (Linux's /proc), or None where that cannot be read."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return stat.rsplit(")", 1)[1].split()[19]  # field 22, counted after the command name in brackets


def runner_token() -> str:
    """This process, as a job records it: host, process id and the process's start (so a reused id is not it)."""
    pid = os.getpid()
    return f"{socket.gethostname()}:{pid}:{_process_started(pid) or ''}"[:120]


def runner_gone(token: str, since: datetime | None, now: datetime) -> bool:
    """Whether the process a job recorded has stopped. On this machine that is known: the process id no longer
    runs, or runs a later process. A runner elsewhere (another web server) cannot be seen, so its job counts as
    abandoned only once it has run longer than any job should (SENDBOARD_JOBS_ABANDONED_AFTER_HOURS)."""
    host, _, rest = token.partition(":")
    pid_text, _, started = rest.partition(":")
    if host == socket.gethostname() and pid_text.isdigit():
        pid = int(pid_text)
        if started:
            return _process_started(pid) != started
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        except PermissionError:
            pass  # it runs, as another user
        return False
    limit = timedelta(hours=settings.SENDBOARD_JOBS_ABANDONED_AFTER_HOURS)
    return since is None or now - since > limit


def abandoned_fail(running: QuerySet, **failed) -> int:
    """Mark failed, with ``failed`` (the state and the words the job's page shows), each job of ``running`` (the
    jobs in their running state, each with ``runner`` and ``started_at``) whose runner is gone. Returns how many."""
    now = timezone.now()
    count = 0
    for pk, token, since in running.values_list("pk", "runner", "started_at"):
        if runner_gone(token, since, now):
            count += running.filter(pk=pk, runner=token).update(**failed)
    return count


def _in_own_connection(run: Callable[..., None], job_id: int) -> None:
    close_old_connections()
    try:
        run(job_id)
    finally:
        connections.close_all()


def job_thread_start(*, run: Callable[[int], None], job_id: int, name: str, after_commit: bool = False) -> None:
    """Run ``run(job_id)`` in a daemon thread. ``after_commit``: start only once the request's transaction has
    committed, so that the thread's own connection sees the queued job."""
    thread = threading.Thread(target=_in_own_connection, args=(run, job_id), daemon=True, name=f"{name}-{job_id}")
    if after_commit:
        transaction.on_commit(thread.start)
    else:
        thread.start()


def jobs_run_queued(*, queued: Iterable[int], run: Callable[[int], None]) -> int:
    """Run each queued job in turn, in this process (the management commands); returns how many ran."""
    count = 0
    for job_id in list(queued):
        run(job_id)
        count += 1
    return count


def job_page_refresh(response, *, in_progress: bool):
    """Every job page (a file load, a board pack, a refresh of the outcomes facts) behaves the same: while its job
    runs the page refreshes itself (the Refresh header is meta refresh's HTTP form: no script), every
    ``SENDBOARD_JOB_REFRESH_SECONDS``. The page says so with ``core/_job.html``'s ``job_refresh_note``."""
    if in_progress:
        response["Refresh"] = str(settings.SENDBOARD_JOB_REFRESH_SECONDS)
    return response
