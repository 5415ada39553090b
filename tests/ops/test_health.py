"""Liveness and readiness are public and say only ok or unavailable; administrators see each check, the
version and the published-data release."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from health_check.exceptions import ServiceUnavailable

from sendboard.accounts.roles import Role
from sendboard.core import health, operations
from sendboard.core.govuk import format_date

pytestmark = pytest.mark.django_db


def test_liveness_answers_ok_without_signing_in(client):
    response = client.get("/health/live")
    assert response.status_code == 200
    assert response.content == b"ok\n"


def test_readiness_answers_ok_and_nothing_else_in_any_format(client):
    for accept in ("text/html", "application/json", "text/plain", "application/openmetrics-text"):
        response = client.get("/health/ready", HTTP_ACCEPT=accept)
        assert response.status_code == 200, accept
        assert response.content == b"ok\n", accept
    assert client.get("/health/ready?format=json").content == b"ok\n"


def test_readiness_is_unavailable_with_no_reason_given_when_the_disk_is_full(client, settings):
    settings.SENDBOARD_HEALTH_MIN_FREE_PERCENT = 101
    response = client.get("/health/ready", HTTP_ACCEPT="application/json")
    assert response.status_code == 503
    assert response.content == b"unavailable\n"
    # Liveness runs no check, so a full disk does not get a running server restarted.
    assert client.get("/health/live").status_code == 200


def _enqueue(status, enqueued_at, *, started_at=None, run_after=None):
    from django_tasks_db.models import DBTaskResult, get_date_max

    task = DBTaskResult.objects.create(
        status=status,
        task_path="sendboard.outcomes.refresh.refresh_task",
        args_kwargs={"args": [], "kwargs": {}},
        queue_name="default",
        backend_name="default",
        priority=0,
        run_after=run_after or get_date_max(),
    )
    DBTaskResult.objects.filter(pk=task.pk).update(enqueued_at=enqueued_at, started_at=started_at)


def test_worker_heartbeat_fails_when_a_due_task_has_waited_too_long(settings):
    settings.SENDBOARD_HEALTH_WORKER_STALE_SECONDS = 600
    now = timezone.now()
    # The tests' immediate backend keeps no queue: nothing to wait for.
    assert operations.worker_queue().installed is False
    health.WorkerHeartbeat.judge(operations.worker_queue(), now=now)

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    _enqueue("SUCCESSFUL", now - timedelta(hours=2), started_at=now - timedelta(hours=2))
    _enqueue("READY", now - timedelta(minutes=5))
    # Due later: waiting for its time, not for the worker.
    _enqueue("READY", now - timedelta(hours=1), run_after=now + timedelta(hours=1))
    queue = operations.worker_queue()
    assert (queue.installed, queue.queued, queue.running) == (True, 1, 0)
    assert queue.last_activity_at == now - timedelta(hours=2)
    health.WorkerHeartbeat.judge(queue, now=now)

    _enqueue("READY", now - timedelta(minutes=11))
    with pytest.raises(ServiceUnavailable, match="waited 11 minutes"):
        health.WorkerHeartbeat.judge(operations.worker_queue(), now=now)


def test_the_operations_page_shows_an_administrator_version_release_and_each_check(client, sign_in, settings):
    sign_in(Role.ADMINISTRATOR)
    home = client.get("/home/")
    assert "/operations/" in home.content.decode()
    response = client.get("/operations/")
    page = response.content.decode()
    assert response.status_code == 200
    assert operations.version().number in page
    release = operations.published_data_release()
    assert release.fingerprint in page and f"{release.files} files" in page
    # The release date in words, as every date is shown (not the manifest's year-month-day).
    assert release.latest_release_date is not None
    assert format_date(release.latest_release_date) in page
    assert release.latest_release_date.isoformat() not in page
    assert page.count("Working") >= 3

    settings.SENDBOARD_HEALTH_MIN_FREE_PERCENT = 101
    page = client.get("/operations/").content.decode()
    assert "Not working" in page and "of the disk is free" in page


@pytest.mark.parametrize("role", [Role.CASEWORKER, Role.AREA_LEADER, Role.ANALYST])
def test_the_operations_page_is_for_administrators_only(client, sign_in, role):
    sign_in(role)
    assert client.get("/operations/").status_code == 403


def test_probes_over_plain_http_are_answered_where_pages_are_redirected_to_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/health/live").status_code == 200
    assert client.get("/health/ready").status_code == 200
    assert client.get("/local-offer/").status_code == 301
