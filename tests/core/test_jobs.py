"""The one way jobs start off the request path (board packs, import jobs, the outcomes refresh)."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest

from sendboard.core.jobs import job_thread_start, jobs_run_queued


def test_a_job_runs_in_a_named_thread_with_its_id():
    seen = []
    job_thread_start(run=lambda job_id: seen.append((job_id, threading.current_thread().name)), job_id=7, name="example")
    for thread in threading.enumerate():
        if thread.name == "example-7":
            thread.join(timeout=10)
    assert seen == [(7, "example-7")]


@pytest.mark.django_db(transaction=True)
def test_after_commit_waits_for_the_transaction_that_queued_the_job():
    from django.db import transaction

    seen = []
    with transaction.atomic():
        job_thread_start(run=seen.append, job_id=3, name="example-commit", after_commit=True)
        assert not any(t.name == "example-commit-3" for t in threading.enumerate())
    for thread in threading.enumerate():
        if thread.name == "example-commit-3":
            thread.join(timeout=10)
    assert seen == [3]


def test_queued_jobs_run_in_turn_and_are_counted():
    ran = []
    assert jobs_run_queued(queued=iter([4, 5, 6]), run=ran.append) == 3
    assert ran == [4, 5, 6]


# --- jobs whose process stopped (ADR 0055) -------------------------------------------------------------------

def _stopped_process_token() -> str:
    """The token a process on this machine recorded, once that process has ended."""
    import socket
    import subprocess
    import sys

    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return f"{socket.gethostname()}:{child.pid}:"


def test_a_job_run_by_a_live_process_on_this_machine_is_not_abandoned():
    from django.utils import timezone

    from sendboard.core.jobs import runner_gone, runner_token

    now = timezone.now()
    assert not runner_gone(runner_token(), now - timedelta(days=30), now)  # however long it has run


def test_a_job_whose_process_on_this_machine_stopped_is_abandoned_at_once():
    from django.utils import timezone

    from sendboard.core.jobs import runner_gone, runner_token

    now = timezone.now()
    assert runner_gone(_stopped_process_token(), now, now)
    host, pid, started = runner_token().split(":")
    if started:  # Linux: the same process id, now a later process's, is not the job's runner
        assert runner_gone(f"{host}:{pid}:{int(started) - 1}", now, now)


def test_a_job_on_another_machine_is_abandoned_only_once_it_has_run_too_long(settings):
    from django.utils import timezone

    from sendboard.core.jobs import runner_gone

    settings.SENDBOARD_JOBS_ABANDONED_AFTER_HOURS = 6
    now = timezone.now()
    elsewhere = "another-web-server:4242:99"
    assert not runner_gone(elsewhere, now - timedelta(hours=5), now)
    assert runner_gone(elsewhere, now - timedelta(hours=7), now)
    assert runner_gone("", now - timedelta(hours=7), now)  # claimed before runners were recorded
