"""The refresh job (ADR 0045): a new set of facts per run with what it read, all or nothing, the previous run's
facts kept, failures recorded, and started off the request path."""

from __future__ import annotations

from io import StringIO
from unittest import mock

import pytest
from django.core.management import CommandError, call_command

from sendboard.outcomes import refresh
from sendboard.outcomes.models import Fact, RefreshRun
from sendboard.outcomes.refresh import refresh_request, refresh_run
from tests.factories import UserFactory
from tests.jobs import run_queued_jobs
from tests.outcomes.outcomes_fixture import HOME, outcomes_fixture_build

pytestmark = pytest.mark.django_db


def headline(run, code, period):
    return Fact.objects.get(run=run, indicator__code=code, area_code=HOME, period=period, dimension="")


def test_a_run_records_engine_inputs_and_counts():
    outcomes_fixture_build()
    user = UserFactory()
    run = refresh_run(user=user)
    assert run.state == RefreshRun.State.SUCCEEDED and run.progress == 100 and run.requested_by == user
    assert run.engine.startswith("duckdb 2.0.0")
    assert run.started_at <= run.finished_at
    # Register rows read: 8 + 9 + 14 + 6 + 7 + 6 + 2 + 1 = 53 children, one request each.
    assert run.inputs["rows"]["casework_child"] == 53
    assert run.inputs["rows"]["casework_request"] == 53
    assert run.inputs["rows"]["extracts_censuspupil"] == 107
    kinds = {f["kind"] for f in run.inputs["files"]}
    assert {"extract_census", "ehcp_2025"} <= kinds
    assert all(len(f["sha256"]) == 64 for f in run.inputs["files"])
    assert run.counts == {code: Fact.objects.filter(run=run, indicator__code=code).count() for code in run.counts}
    assert sum(run.counts.values()) == Fact.objects.filter(run=run).count()


def test_a_new_run_keeps_the_previous_and_retires_older_facts():
    outcomes_fixture_build()
    first, second = refresh_run(), refresh_run()
    assert Fact.objects.filter(run=first).exists() and Fact.objects.filter(run=second).exists()
    third = refresh_run()
    assert not Fact.objects.filter(run=first).exists()  # older than the previous run: gone
    assert Fact.objects.filter(run=second).count() == Fact.objects.filter(run=third).count()
    assert headline(third, "new_plans", "2024").value == 17


def test_a_failure_mid_way_leaves_the_previous_facts_and_says_what_failed():
    outcomes_fixture_build()
    good = refresh_run()
    kept = Fact.objects.filter(run=good).count()
    with mock.patch.object(
        refresh, "facts_compute", side_effect=RuntimeError("the census extract has no census_date column")
    ):
        failed = refresh_run()
    assert failed.state == RefreshRun.State.FAILED
    assert (
        failed.error
        == "Failed while computing the indicators: RuntimeError: the census extract has no census_date column"
    )
    assert not Fact.objects.filter(run=failed).exists()
    assert Fact.objects.filter(run=good).count() == kept
    assert headline(good, "new_plans", "2024").value == 17


def test_a_failure_while_writing_writes_nothing():
    outcomes_fixture_build()
    good = refresh_run()
    real_insert = refresh.facts_insert
    calls = []

    def fail_on_second_batch(cursor, rows):
        calls.append(len(rows))
        if len(calls) == 2:
            raise ValueError("disk full")
        real_insert(cursor, rows)

    with (
        mock.patch.object(refresh, "BATCH", 50),
        mock.patch.object(refresh, "facts_insert", side_effect=fail_on_second_batch),
    ):
        failed = refresh_run()
    assert failed.state == RefreshRun.State.FAILED and "writing the facts" in failed.error
    assert calls == [50, 50]  # the first batch was written, and rolled back with the rest
    assert not Fact.objects.filter(run=failed).exists()
    assert Fact.objects.filter(run=good).exists()


def test_exception_reports_are_raised_after_a_successful_run():
    outcomes_fixture_build()
    fake = mock.Mock(return_value=0)
    with mock.patch.object(refresh, "_exceptions_raise", fake):
        run = refresh_run()
    fake.assert_called_once_with(run)


def test_request_queues_for_the_worker():
    outcomes_fixture_build()
    run = refresh_request(user=UserFactory())
    assert run.state == RefreshRun.State.QUEUED and not Fact.objects.exists()
    assert run_queued_jobs() == 1
    run.refresh_from_db()
    assert run.state == RefreshRun.State.SUCCEEDED
    assert run_queued_jobs() == 0


def test_request_enqueues_its_task_once_the_transaction_commits(django_capture_on_commit_callbacks):
    with mock.patch.object(refresh, "refresh_execute") as execute:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            run = refresh_request(user=UserFactory())
        execute.assert_not_called()
        for callback in callbacks:
            callback()  # the commit: the task is enqueued, and the test settings' backend runs it at once
    execute.assert_called_once_with(run_id=run.pk)
    assert RefreshRun.objects.get(pk=run.pk).task_id  # the task's id, recorded on the run


def test_management_command():
    outcomes_fixture_build()
    out = StringIO()
    call_command("refresh_outcomes", stdout=out)
    run = RefreshRun.objects.get()
    assert f"{sum(run.counts.values()):,} facts for {len(run.counts)} indicators" in out.getvalue()
    with (
        mock.patch.object(refresh, "facts_compute", side_effect=RuntimeError("broken")),
        pytest.raises(CommandError, match="broken"),
    ):
        call_command("refresh_outcomes", stdout=StringIO())


def test_a_long_provider_name_is_cut_to_fit():
    from sendboard.extracts.models import HealthWait

    outcomes_fixture_build()
    HealthWait.objects.filter(provider="Trust X").update(
        provider="Herefordshire and Worcestershire Health and Care NHS Trust, children's services"
    )
    run = refresh_run()
    assert run.state == RefreshRun.State.SUCCEEDED, run.error
    assert Fact.objects.filter(
        run=run, dimension="provider", category="Herefordshire and Worcestershire Health and Care NHS Trust, "
    ).exists()  # 60 characters


def test_an_empty_database_refreshes_to_no_facts():
    run = refresh_run()
    assert run.state == RefreshRun.State.SUCCEEDED and run.counts == {}
