"""What an administrator (and the health checks) read about the running installation: the version, the
published-data release, the background worker's queue and the data directory's free space (ADR 0141)."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import tomllib
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.utils import timezone

# django-tasks' database backend keeps its queue in one of these tables (the backend moved to the separate
# django-tasks-db package in django-tasks 0.12); whichever is installed is read.
TASK_TABLES = ("django_tasks_db_dbtaskresult", "django_tasks_database_dbtaskresult")


@dataclass(frozen=True)
class Version:
    number: str
    commit: str  # empty when not running from a git checkout


@cache
def version() -> Version:
    """sendboard's version from pyproject.toml, and the git commit when run from a checkout (read once)."""
    with open(settings.BASE_DIR / "pyproject.toml", "rb") as file:
        number = tomllib.load(file)["project"]["version"]
    commit = ""
    try:
        result = subprocess.run(["git", "rev-parse", "--short=12", "HEAD"], cwd=settings.BASE_DIR, capture_output=True,
                                text=True, timeout=5, check=False)
        if result.returncode == 0:
            commit = result.stdout.strip()
    except OSError:
        pass
    return Version(number=number, commit=commit)


@dataclass(frozen=True)
class DataRelease:
    folder: str  # "shipped with sendboard" or the configured folder
    files: int
    latest_release_date: str
    fingerprint: str  # the first 12 hex digits of manifest.json's SHA-256


def published_data_release() -> DataRelease:
    # The setting, not the statistics app (the ground names no feature app): its default is the shipped folder.
    folder = Path(settings.SENDBOARD_PUBLISHED_DATA_DIR)
    shipped = settings.BASE_DIR / "sendboard" / "statistics" / "published"
    manifest = folder / "manifest.json"
    raw = manifest.read_bytes()
    entries = json.loads(raw).get("files", [])
    dates = sorted(entry["release_date"] for entry in entries if str(entry.get("release_date", ""))[:2] in {"19", "20"})
    return DataRelease(
        folder="shipped with sendboard" if folder.resolve() == shipped.resolve() else str(folder),
        files=len(entries),
        latest_release_date=dates[-1] if dates else "",
        fingerprint=hashlib.sha256(raw).hexdigest()[:12],
    )


@dataclass(frozen=True)
class WorkerQueue:
    installed: bool
    queued: int = 0
    running: int = 0
    oldest_queued_at: datetime | None = None
    last_activity_at: datetime | None = None

    def oldest_queued_age(self, now: datetime) -> timedelta | None:
        return now - self.oldest_queued_at if self.oldest_queued_at else None


def _task_table() -> str | None:
    tables = set(connection.introspection.table_names())
    return next((table for table in TASK_TABLES if table in tables), None)


def worker_queue() -> WorkerQueue:
    """The background worker's queue: tasks waiting that are due, those running, the oldest due task's age and
    when the worker last started or finished one. Counts and times only."""
    table = _task_table()
    if table is None:
        return WorkerQueue(installed=False)
    now = timezone.now()
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT COUNT(*), MIN(enqueued_at) FROM {table} WHERE status = %s AND (run_after IS NULL OR run_after <= %s)",
            ["READY", now],
        )
        queued, oldest = cursor.fetchone()
        cursor.execute(f"SELECT COUNT(*) FROM {table} WHERE status = %s", ["RUNNING"])
        (running,) = cursor.fetchone()
        cursor.execute(f"SELECT MAX(started_at), MAX(finished_at) FROM {table}")
        started, finished = cursor.fetchone()
    activity = [moment for moment in (started, finished) if moment is not None]
    return WorkerQueue(installed=True, queued=queued, running=running, oldest_queued_at=_aware(oldest),
                       last_activity_at=_aware(max(activity)) if activity else None)


def _aware(moment):
    if isinstance(moment, str):  # SQLite through a raw cursor
        moment = datetime.fromisoformat(moment)
    if moment is not None and timezone.is_naive(moment):
        moment = timezone.make_aware(moment, timezone.utc)
    return moment


@dataclass(frozen=True)
class Disk:
    free_bytes: int
    total_bytes: int

    @property
    def free_percent(self) -> float:
        return 100 * self.free_bytes / self.total_bytes if self.total_bytes else 0.0


def data_disk() -> Disk:
    """Free space where sendboard keeps files (the data directory, or its nearest existing parent)."""
    path = Path(settings.SENDBOARD_DATA_DIR)
    while not path.exists() and path != path.parent:
        path = path.parent
    usage = shutil.disk_usage(path)
    return Disk(free_bytes=usage.free, total_bytes=usage.total)
