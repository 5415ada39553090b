"""What an administrator (and the health checks) read about the running installation: the version, the
published-data release, the background worker's queue and the data directory's free space (ADR 0141)."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import tomllib
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache
from pathlib import Path

from django.conf import settings
from django.db.models import Count, Max, Min


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
        result = subprocess.run(
            ["git", "rev-parse", "--short=12", "HEAD"],
            cwd=settings.BASE_DIR,
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        )
        if result.returncode == 0:
            commit = result.stdout.strip()
    except OSError:
        pass
    return Version(number=number, commit=commit)


@dataclass(frozen=True)
class DataRelease:
    folder: str  # "shipped with sendboard" or the configured folder
    files: int
    latest_release_date: date | None
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
        latest_release_date=_release_day(dates[-1]) if dates else None,
        fingerprint=hashlib.sha256(raw).hexdigest()[:12],
    )


def _release_day(text: str) -> date | None:
    """A manifest's release date as a day, or None where the manifest gives something that is not one."""
    try:
        return date.fromisoformat(str(text)[:10])
    except ValueError:
        return None


@dataclass(frozen=True)
class WorkerQueue:
    installed: bool
    queued: int = 0
    running: int = 0
    oldest_queued_at: datetime | None = None
    last_activity_at: datetime | None = None

    def oldest_queued_age(self, now: datetime) -> timedelta | None:
        return now - self.oldest_queued_at if self.oldest_queued_at else None


def worker_queue() -> WorkerQueue:
    """The background worker's queue, read through django-tasks' own model (ADR 0105): tasks waiting that are due,
    those running, the oldest due task's age and when the worker last started or finished one. Counts and times
    only. ``installed`` is false where the database backend is not the one configured (the tests' immediate
    backend keeps no queue)."""
    from django_tasks_db.models import DBTaskResult

    if not any("django_tasks_db" in backend.get("BACKEND", "") for backend in settings.TASKS.values()):
        return WorkerQueue(installed=False)
    tasks = DBTaskResult.objects.all()
    waiting = tasks.ready().aggregate(count=Count("id"), oldest=Min("enqueued_at"))
    moments = tasks.aggregate(started=Max("started_at"), finished=Max("finished_at"))
    activity = [moment for moment in moments.values() if moment is not None]
    return WorkerQueue(
        installed=True,
        queued=waiting["count"],
        running=tasks.running().count(),
        oldest_queued_at=waiting["oldest"],
        last_activity_at=max(activity) if activity else None,
    )


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
