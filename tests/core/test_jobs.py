"""The one way jobs start off the request path (board packs, import jobs, the outcomes refresh)."""

from __future__ import annotations

import threading

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
