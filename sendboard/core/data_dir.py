"""The installation's own data directory (``SENDBOARD_DATA_DIR``): files sendboard keeps between requests, such as
uploads waiting to load, in folders only sendboard's own user can open (ADR 0060)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

PRIVATE = 0o700


def private_folder(path: Path) -> Path:
    """``path``, created if need be, readable only by sendboard's own user whatever the umask or an earlier mode."""
    path.mkdir(mode=PRIVATE, parents=True, exist_ok=True)
    path.chmod(PRIVATE)
    return path


def data_folder(name: str) -> Path:
    """A private folder inside the private data directory."""
    return private_folder(private_folder(Path(settings.SENDBOARD_DATA_DIR)) / name)
