"""The one job model and the one way jobs run (ADR 0105): claimed once, progress and outcome on the row, a failure
recorded in plain words, and jobs a stopped worker left found and run again."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from sendboard.core.jobs import JobFailed, Progress, job_run, jobs_recover, runner_gone, runner_token
from sendboard.outcomes.models import RefreshRun
from tests.jobs import run_queued_jobs, stopped_process_token

pytestmark = pytest.mark.django_db


def test_a_job_is_claimed_once_and_records_its_progress_runner_and_outcome():
    run = RefreshRun.objects.create()
    seen = []

    def work(job, progress: Progress) -> None:
        seen.append(RefreshRun.objects.values_list("state", "runner", "attempts").get(pk=job.pk))
        progress(40, "Half way")
        seen.append(RefreshRun.objects.values_list("progress", "message").get(pk=job.pk))

    job_run(RefreshRun, run.pk, work)
    job_run(RefreshRun, run.pk, work)  # a second delivery of the same task finds it claimed and does nothing
    run.refresh_from_db()
    assert seen == [("running", runner_token(), 1), (40, "Half way")]
    assert (run.state, run.progress, run.succeeded, run.in_progress) == ("succeeded", 100, True, False)
    assert run.started_at <= run.finished_at


def test_a_failure_is_recorded_in_plain_words_and_never_escapes():
    run = RefreshRun.objects.create()

    def work(job, progress):
        raise ValueError("row 12: Jane Smith")

    job_run(RefreshRun, run.pk, work)
    run.refresh_from_db()
    assert (run.state, run.failed) == ("failed", True) and run.finished_at is not None
    assert run.error == "The work stopped (ValueError). Nothing was kept: try again"  # the error's kind, not its words


def test_a_job_can_fail_with_its_own_words():
    run = RefreshRun.objects.create()

    def work(job, progress):
        raise JobFailed("The file is no longer held: upload it again")

    job_run(RefreshRun, run.pk, work)
    assert RefreshRun.objects.get(pk=run.pk).error == "The file is no longer held: upload it again"


def test_a_job_never_enqueued_is_enqueued_by_the_next_worker():
    """The web server stopped between the commit and the enqueue: the row is there, the task is not."""
    run = RefreshRun.objects.create()
    RefreshRun.objects.filter(pk=run.pk).update(requested_at=timezone.now() - timedelta(minutes=10))
    fresh = RefreshRun.objects.create()  # just asked for: its enqueue may still be on its way
    assert jobs_recover() == {"retried": 0, "failed": 0, "enqueued": 1}
    assert (RefreshRun.objects.get(pk=fresh.pk).state, run_queued_jobs()) == ("queued", 2)


# --- jobs whose worker stopped (ADR 0055, 0105) ----------------------------------------------------------------


def test_a_job_run_by_a_live_process_on_this_machine_is_not_abandoned():
    now = timezone.now()
    assert not runner_gone(runner_token(), now - timedelta(days=30), now)  # however long it has run


def test_a_job_whose_process_on_this_machine_stopped_is_abandoned_at_once():
    now = timezone.now()
    assert runner_gone(stopped_process_token(), now, now)
    host, pid, started = runner_token().split(":", 2)
    assert started  # the process's start time, so that a later process given the same id is not the job's runner
    assert runner_gone(f"{host}:{pid}:{float(started) - 1:.2f}", now, now)


def test_a_job_on_another_machine_is_abandoned_only_once_it_has_run_too_long(settings):
    settings.SENDBOARD_JOBS_ABANDONED_AFTER_HOURS = 6
    now = timezone.now()
    elsewhere = "another-worker:4242:99"
    assert not runner_gone(elsewhere, now - timedelta(hours=5), now)
    assert runner_gone(elsewhere, now - timedelta(hours=7), now)
    assert runner_gone("", now - timedelta(hours=7), now)  # claimed before runners were recorded
