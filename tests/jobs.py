"""Run the queued jobs as the worker would, in the test's own process and transaction (ADR 0105)."""

from __future__ import annotations

from django.utils.module_loading import import_string

from sendboard.core.jobs import JobState, job_models


def run_queued_jobs() -> int:
    """Run every queued job's task, oldest first, as ``manage.py db_worker`` would; returns how many ran."""
    count = 0
    for model in job_models():
        for pk in (
            model.objects.filter(state=JobState.QUEUED).order_by("requested_at", "pk").values_list("pk", flat=True)
        ):
            import_string(model.job_task).call(pk)
            count += 1
    return count


def stopped_process_token() -> str:
    """The token a worker process on this machine recorded, once that process has ended."""
    import socket
    import subprocess
    import sys

    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return f"{socket.gethostname()}:{child.pid}:"
