"""Database-backed jobs run off the request path (board-pack PDFs, import jobs, the outcomes refresh): one way to
start a job in a thread and one way to run the queued ones from a management command (ADR 0014).

Each job keeps its own state in its own model; these helpers only start the work. A thread opens its own
database connection and closes it after, so a long job never holds the request's connection.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable

from django.db import close_old_connections, connections, transaction


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
