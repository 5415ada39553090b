"""Uploaded files waiting to be loaded. Held on disk in a private folder, named by a random token and the
importer's suffix, never by the file's own name; the token is known only to the uploader's session until the
analyst commits the file, when an import job takes it over (ADR 0027).

An upload previewed but never committed expires after 24 hours: ``uploads_clean`` removes it, on every new
upload and from the ``clean_returns_uploads`` command. A job's file is removed when the job finishes; a failed
job keeps it for a retry, for up to a week.
"""

from __future__ import annotations

import secrets
import time
from datetime import timedelta
from pathlib import Path

from django.conf import settings

from sendboard.core.data_dir import data_folder, private_folder

SESSION_KEY = "returns_uploads"
UPLOAD_LIFETIME = timedelta(hours=24)
FAILED_JOB_LIFETIME = timedelta(days=7)


def upload_folder() -> Path:
    """A private folder (mode 0700): ``SENDBOARD_RETURNS_UPLOAD_DIR`` where set, else ``returns-uploads`` in the
    installation's own data directory, never a folder other installations or users on the machine share."""
    configured = getattr(settings, "SENDBOARD_RETURNS_UPLOAD_DIR", "")
    return private_folder(Path(configured)) if configured else data_folder("returns-uploads")


def _suffix(importer) -> str:
    return getattr(importer, "suffix", "") or ".upload"


def upload_store(*, session, upload, importer) -> str:
    uploads_clean()
    token = secrets.token_urlsafe(16)
    with (upload_folder() / f"{token}{_suffix(importer)}").open("wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    held = session.get(SESSION_KEY, {})
    held[token] = {"name": upload.name[:200], "kind": importer.kind, "target": getattr(importer, "target", "")}
    session[SESSION_KEY] = held
    return token


def upload_get(*, session, token: str) -> tuple[Path, str, str] | None:
    """(path, the file's own name, importer kind) of an upload this session holds, or None."""
    from sendboard.returns.framework import IMPORTERS

    held = session.get(SESSION_KEY, {}).get(token)
    if not isinstance(held, dict) or held.get("kind") not in IMPORTERS:
        return None
    path = upload_folder() / f"{token}{_suffix(IMPORTERS[held['kind']])}"
    if not path.exists():
        return None
    return path, held["name"], held["kind"]


def upload_target(*, session, token: str) -> str:
    """What a held upload is to be loaded into (a bound importer's target), or ""."""
    held = session.get(SESSION_KEY, {}).get(token)
    return str(held.get("target", "")) if isinstance(held, dict) else ""


def upload_release(*, session, token: str) -> None:
    """Forget the session's hold on an upload (the file stays: a job has taken it over, or it will expire)."""
    held = session.get(SESSION_KEY, {})
    held.pop(token, None)
    session[SESSION_KEY] = held


def uploads_clean(*, now: float | None = None) -> int:
    """Remove uploads past their lifetime, sparing those a queued, running or recently failed job still needs."""
    from sendboard.returns.models import ImportJob

    now = time.time() if now is None else now
    needed = set(
        ImportJob.objects.filter(state__in=[ImportJob.State.QUEUED, ImportJob.State.RUNNING]).values_list(
            "stored_name", flat=True
        )
    )
    failed = set(ImportJob.objects.filter(state=ImportJob.State.FAILED).values_list("stored_name", flat=True))
    removed = 0
    for path in upload_folder().iterdir():
        age = now - path.stat().st_mtime
        if path.name in needed or (path.name in failed and age < FAILED_JOB_LIFETIME.total_seconds()):
            continue
        if age >= UPLOAD_LIFETIME.total_seconds():
            path.unlink(missing_ok=True)
            removed += 1
    return removed


def uploads_past_retention_remove(*, now) -> int:
    """The retention schedule's rule for uploads (ADR 0143): the same lifetimes as every upload's."""
    return uploads_clean(now=now.timestamp())
