"""Uploaded files waiting for an analyst to commit them after the preview. Held on disk, named by a random
token that only the uploader's session knows; never by the file's own name."""

from __future__ import annotations

import secrets
import tempfile
from pathlib import Path

SESSION_KEY = "returns_uploads"


def _folder() -> Path:
    folder = Path(tempfile.gettempdir()) / "sendboard-returns"
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder


def upload_store(*, session, upload) -> str:
    token = secrets.token_urlsafe(16)
    with (_folder() / f"{token}.xml").open("wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    uploads = session.get(SESSION_KEY, {})
    uploads[token] = upload.name[:200]
    session[SESSION_KEY] = uploads
    return token


def upload_get(*, session, token: str) -> tuple[Path, str] | None:
    name = session.get(SESSION_KEY, {}).get(token)
    path = _folder() / f"{token}.xml"
    if name is None or not path.exists():
        return None
    return path, name


def upload_discard(*, session, token: str) -> None:
    uploads = session.get(SESSION_KEY, {})
    uploads.pop(token, None)
    session[SESSION_KEY] = uploads
    (_folder() / f"{token}.xml").unlink(missing_ok=True)
