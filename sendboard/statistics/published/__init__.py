"""The published statistics sendboard ships with (ADR 0085): the DfE, Ofsted, NHS England and MoJ files the
importers read, kept under this folder with the publishers' relative paths, most of them gzipped (the name plus
``.gz``), and ``manifest.json`` naming each file's publisher, title, release, source address, licence and SHA-256.

Every reader of a published file goes through ``open_published`` (or ``published_path``), so that the folder can
be replaced by a council's own download (``SENDBOARD_PUBLISHED_DATA_DIR``) and a plain or gzipped copy reads alike.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import IO

SHIPPED_DIR = Path(__file__).resolve().parent
MANIFEST_PATH = SHIPPED_DIR / "manifest.json"
LICENCE_NAME = "Open Government Licence v3.0"
LICENCE_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
ATTRIBUTION = "Contains public sector information licensed under the Open Government Licence v3.0."


class PublishedFileMissing(FileNotFoundError):
    """No file of that name, plain or gzipped, in the published-data folder."""


def published_data_dir() -> Path:
    """The folder of published files: ``SENDBOARD_PUBLISHED_DATA_DIR`` when set, else the files shipped here."""
    from django.conf import settings

    configured = getattr(settings, "SENDBOARD_PUBLISHED_DATA_DIR", "")
    return Path(configured) if configured else SHIPPED_DIR


def published_path(relative_path: str, *, folder: Path | None = None) -> Path:
    """The file for ``relative_path`` (as the publisher names it, ``ehcp_2025/data/caseload.csv``) in ``folder``
    (default: the published-data folder): the plain file if there is one, else the same name plus ``.gz``."""
    base = folder or published_data_dir()
    name = relative_path.removesuffix(".gz")
    for candidate in (base / name, base / f"{name}.gz"):
        if candidate.is_file():
            return candidate
    raise PublishedFileMissing(f"No published file {name} (or {name}.gz) in the published-data folder")


def is_gzipped(path: Path) -> bool:
    return path.name.endswith(".gz")


def open_path(path: Path, *, binary: bool = False) -> IO:
    """A published file opened for reading, decompressed when gzipped: text (UTF-8, a byte-order mark dropped,
    newlines as written, for the csv module) unless ``binary``."""
    if binary:
        return gzip.open(path, "rb") if is_gzipped(path) else path.open("rb")
    if is_gzipped(path):
        return gzip.open(path, "rt", encoding="utf-8-sig", newline="")
    return path.open(encoding="utf-8-sig", newline="")


def open_published(relative_path: str, *, binary: bool = False, folder: Path | None = None) -> IO:
    """Open the published file ``relative_path`` (plain or ``.gz``) from the published-data folder.

    >>> with open_published("ehcp_2025/data/caseload.csv") as handle:
    ...     header = next(csv.reader(handle))
    """
    return open_path(published_path(relative_path, folder=folder), binary=binary)


def read_bytes(path: Path) -> bytes:
    with open_path(path, binary=True) as handle:
        return handle.read()


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@dataclass(frozen=True)
class Release:
    """Where a shipped file came from, as the manifest records it."""

    path: str  # as shipped, relative to this folder (``ehcp_2025/data/caseload.csv.gz``)
    publisher: str
    title: str
    release: str
    release_date: str
    source: str
    licence: str
    sha256: str  # of the file as shipped
    content_sha256: str = ""  # of its content uncompressed, when it is shipped gzipped
    read_by: tuple[str, ...] = ()  # the importers that read it

    @property
    def name(self) -> str:
        """The publisher's file name (without ``.gz``)."""
        return self.path.removesuffix(".gz")

    @property
    def address(self) -> str:
        """The web address the figures are published at (the first of ``source``)."""
        return self.source.split()[0].rstrip(";")


@cache
def manifest() -> tuple[Release, ...]:
    data = json.loads(MANIFEST_PATH.read_text(encoding="utf-8"))
    return tuple(Release(**{**entry, "read_by": tuple(entry.get("read_by", ()))}) for entry in data["files"])


def release_by_checksum() -> dict[str, Release]:
    """Shipped releases by the SHA-256 of the file as shipped and of its content uncompressed (both are recorded
    when a file is loaded: the gzipped copy here, or a council's plain download of the same release)."""
    found: dict[str, Release] = {}
    for release in manifest():
        found[release.sha256] = release
        if release.content_sha256:
            found[release.content_sha256] = release
    return found
