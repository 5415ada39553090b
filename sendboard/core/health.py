"""Liveness and readiness (ADR 0141), through django-health-check.

``/health/live``: the process answers (no check runs, so a slow database never gets a live server restarted).
``/health/ready``: the database answers, the data directory has room and the background worker is taking its
queue. Both are public and say only "ok" or "unavailable" with the status code (200 or 503): anyone can reach
them, so they name no check, error, table or address. Administrators see each check with its reason on the
operations page.
"""

from __future__ import annotations

import dataclasses
import threading
from datetime import timedelta

from django.conf import settings
from django.db import connection
from django.http import HttpResponse
from django.utils import timezone
from health_check.base import HealthCheck
from health_check.checks import Database
from health_check.exceptions import HealthCheckException, ServiceUnavailable
from health_check.views import HealthCheckView

from sendboard.core import operations


@dataclasses.dataclass
class DataDirectoryDisk(HealthCheck):
    """Enough free space where uploads and backups are written."""

    def run(self) -> None:
        self.judge(operations.data_disk())

    @staticmethod
    def judge(disk: operations.Disk) -> None:
        minimum = settings.SENDBOARD_HEALTH_MIN_FREE_PERCENT
        if disk.free_percent < minimum:
            raise ServiceUnavailable(
                f"Only {disk.free_percent:.1f}% of the disk is free (at least {minimum}% is needed)"
            )


@dataclasses.dataclass
class WorkerHeartbeat(HealthCheck):
    """The background worker is taking its queue: no task due to run has waited longer than the limit."""

    def run(self) -> None:
        in_pool_thread = threading.current_thread() is not threading.main_thread()
        try:
            queue = operations.worker_queue()
        finally:
            # The package runs checks in a thread pool: close the connection this thread opened, as a request would.
            if in_pool_thread and not connection.in_atomic_block:
                connection.close()
        self.judge(queue, now=timezone.now())

    @staticmethod
    def judge(queue: operations.WorkerQueue, *, now) -> None:
        if not queue.installed:
            return
        age = queue.oldest_queued_age(now)
        limit = timedelta(seconds=settings.SENDBOARD_HEALTH_WORKER_STALE_SECONDS)
        if age is not None and age > limit:
            raise ServiceUnavailable(
                f"A background task has waited {int(age.total_seconds() // 60)} minutes to start: is the worker "
                "running?"
            )


READINESS_CHECKS = (Database, DataDirectoryDisk, WorkerHeartbeat)


class PublicStatusView(HealthCheckView):
    """The package's view, answering with its overall status only, whatever format is asked for."""

    checks = ()

    def render_to_response(self, context, **response_kwargs):
        return self._minimal()

    def render_to_response_json(self, status):
        return self._minimal()

    render_to_response_text = render_to_response_json

    def render_to_response_atom(self):
        return self._minimal()

    render_to_response_rss = render_to_response_atom
    render_to_response_openmetrics = render_to_response_atom

    def _minimal(self) -> HttpResponse:
        healthy = not any(result.error for result in self.results)
        return HttpResponse(
            "ok\n" if healthy else "unavailable\n",
            status=200 if healthy else 503,
            content_type="text/plain; charset=utf-8",
        )


class LivenessView(PublicStatusView):
    checks = ()


class ReadinessView(PublicStatusView):
    checks = READINESS_CHECKS


@dataclasses.dataclass(frozen=True)
class CheckResult:
    name: str
    ok: bool
    reason: str


def check_results() -> list[CheckResult]:
    """Every readiness check, run in this request's thread, with its reason when it fails (administrators only)."""
    now = timezone.now()
    probes = [
        ("Database", lambda: Database().run()),
        ("Disk space for files", lambda: DataDirectoryDisk.judge(operations.data_disk())),
        ("Background worker", lambda: WorkerHeartbeat.judge(operations.worker_queue(), now=now)),
    ]
    results = []
    for name, probe in probes:
        try:
            probe()
        except HealthCheckException as error:
            results.append(CheckResult(name, False, str(error.message)))
        else:
            results.append(CheckResult(name, True, ""))
    return results
