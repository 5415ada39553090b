"""Backups that are restored (ADR 0142): one archive holding the database and the files sendboard keeps.

``backup_create`` writes ``sendboard-backup-<UTC time>.tar`` (mode 0600) holding:

- ``database.pgdump``: PostgreSQL's own ``pg_dump --format=custom`` (a consistent snapshot while sendboard
  runs), or ``database.sqlite3``: SQLite's online backup API (likewise consistent while others write);
- ``files/``: the installation's data directory (``SENDBOARD_DATA_DIR``: uploads waiting to load) and
  ``media/``: uploaded evidence (``MEDIA_ROOT``), each if it exists;
- ``manifest.json``: when, which sendboard version, which database engine and every member's SHA-256.

``backup_restore`` checks every checksum first, then restores into an EMPTY database (it refuses one that has
tables: a restore never merges into or overwrites a live installation) and empty file folders.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import dj_database_url
from django.conf import settings
from django.db import connections

FORMAT = 1
PG_DUMP_NAME = "database.pgdump"
SQLITE_NAME = "database.sqlite3"


class BackupError(Exception):
    """A backup or restore that cannot go ahead, with what to do about it."""


@dataclass(frozen=True)
class BackupResult:
    path: Path
    engine: str
    database_bytes: int
    files: int


def _engine(database: dict) -> str:
    engine = database["ENGINE"]
    if "postgresql" in engine:
        return "postgresql"
    if "sqlite" in engine:
        return "sqlite"
    raise BackupError(f"Backups support PostgreSQL and SQLite, not {engine}")


def _pg_command(database: dict) -> tuple[list[str], dict[str, str]]:
    """Connection arguments for pg_dump/pg_restore, the password through the environment (never the command line)."""
    args = ["--dbname", database["NAME"]]
    if database.get("HOST"):
        args += ["--host", str(database["HOST"])]
    if database.get("PORT"):
        args += ["--port", str(database["PORT"])]
    if database.get("USER"):
        args += ["--username", str(database["USER"])]
    env = {**os.environ, "PGCONNECT_TIMEOUT": "10"}
    if database.get("PASSWORD"):
        env["PGPASSWORD"] = str(database["PASSWORD"])
    return args, env


def _run(command: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()[:500]}")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _folders() -> dict[str, Path]:
    """Archive prefix -> folder, for every folder of files sendboard keeps."""
    return {"files": Path(settings.SENDBOARD_DATA_DIR), "media": Path(settings.MEDIA_ROOT)}


def backup_create(*, output_dir: Path, alias: str = "default") -> BackupResult:
    from sendboard.core.operations import version

    database = connections[alias].settings_dict
    engine = _engine(database)
    output_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    with tempfile.TemporaryDirectory(dir=output_dir, prefix=".backup-") as work:
        work_dir = Path(work)
        if engine == "postgresql":
            dump = work_dir / PG_DUMP_NAME
            args, env = _pg_command(database)
            _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", str(dump), *args], env)
        else:
            dump = work_dir / SQLITE_NAME
            connection = connections[alias]
            connection.ensure_connection()
            target = sqlite3.connect(dump)
            try:
                connection.connection.backup(target)
            finally:
                target.close()
        members: dict[str, Path] = {dump.name: dump}
        backup_dir = output_dir.resolve()
        for prefix, folder in _folders().items():
            if not folder.is_dir():
                continue
            for path in sorted(folder.rglob("*")):
                # Never the backups themselves, if they are written inside a folder being backed up.
                if path.is_file() and backup_dir not in path.resolve().parents:
                    members[f"{prefix}/{path.relative_to(folder).as_posix()}"] = path
        manifest = {
            "format": FORMAT,
            "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "sendboard_version": version().number,
            "engine": engine,
            "database": dump.name,
            "sha256": {name: _sha256(path) for name, path in members.items()},
        }
        archive = output_dir / f"sendboard-backup-{stamp}.tar"
        partial = archive.with_suffix(".tar.partial")
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "wb") as raw, tarfile.open(fileobj=raw, mode="w") as tar:
            body = json.dumps(manifest, indent=1).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(body)
            tar.addfile(info, io.BytesIO(body))
            for name, path in members.items():
                tar.add(path, arcname=name, recursive=False)
        partial.rename(archive)
        return BackupResult(path=archive, engine=engine, database_bytes=dump.stat().st_size, files=len(members) - 1)


def _is_empty_database(database: dict, engine: str) -> bool:
    if engine == "sqlite":
        path = Path(database["NAME"])
        if not path.exists() or path.stat().st_size == 0:
            return True
        with sqlite3.connect(path) as connection:
            return connection.execute("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0] == 0
    import psycopg

    conninfo = {
        "dbname": database["NAME"],
        "host": database.get("HOST") or None,
        "port": database.get("PORT") or None,
        "user": database.get("USER") or None,
        "password": database.get("PASSWORD") or None,
    }
    with psycopg.connect(**{k: v for k, v in conninfo.items() if v}) as connection:
        count = connection.execute(
            "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', "
            "'information_schema')"
        ).fetchone()[0]
    return count == 0


def database_from_url(url: str) -> dict:
    return dj_database_url.parse(url)


@dataclass(frozen=True)
class RestoreResult:
    engine: str
    files: int
    created_at: str


def backup_restore(*, archive: Path, database: dict, folders: dict[str, Path] | None = None) -> RestoreResult:
    """Restore ``archive`` into ``database`` (a Django database settings dict), which must be empty, and its
    files into ``folders`` (prefix -> folder; default: this installation's), each missing or empty."""
    folders = folders if folders is not None else _folders()
    engine = _engine(database)
    with tarfile.open(archive, mode="r") as tar, tempfile.TemporaryDirectory(prefix="sendboard-restore-") as work:
        manifest = _manifest_read(tar, archive=archive, engine=engine)
        work_dir = Path(work)
        _members_extract(tar, archive=archive, manifest=manifest, work_dir=work_dir)
        _targets_check_empty(database, engine=engine, folders=folders, names=set(manifest["sha256"]))
        _database_restore(work_dir / manifest["database"], database=database, engine=engine)
        restored = _files_restore(work_dir, folders=folders)
        return RestoreResult(engine=engine, files=restored, created_at=manifest["created_at"])


def _manifest_read(tar: tarfile.TarFile, *, archive: Path, engine: str) -> dict:
    """The archive's manifest, once it is known to be one this version reads, of a database like the target."""
    try:
        manifest = json.load(tar.extractfile("manifest.json"))
    except KeyError as error:
        raise BackupError(f"{archive} is not a sendboard backup: it has no manifest") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{archive} is a backup in format {manifest.get('format')}, which this version cannot read")
    if manifest["engine"] != engine:
        raise BackupError(
            f"The backup is of a {manifest['engine']} database; restore it into {manifest['engine']}, not {engine}"
        )
    return manifest


def _members_extract(tar: tarfile.TarFile, *, archive: Path, manifest: dict, work_dir: Path) -> None:
    """Extract only what the manifest lists, and refuse an archive holding anything else or a damaged file."""
    names = set(manifest["sha256"])
    for member in tar.getmembers():
        if member.name != "manifest.json" and member.name not in names:
            raise BackupError(f"{archive} holds {member.name}, which its manifest does not list")
    tar.extractall(work_dir, members=[m for m in tar.getmembers() if m.name in names], filter="data")
    for name, digest in manifest["sha256"].items():
        if _sha256(work_dir / name) != digest:
            raise BackupError(f"{name} in {archive} does not match its checksum: the archive is damaged")


def _targets_check_empty(database: dict, *, engine: str, folders: dict[str, Path], names: set[str]) -> None:
    """A restore never overwrites: the database must be empty, and so must each folder the archive has files for."""
    if not _is_empty_database(database, engine):
        raise BackupError(f"The database {database['NAME']} is not empty: restore into a new, empty database")
    for prefix, folder in folders.items():
        if (
            folder.is_dir()
            and any(p.is_file() for p in folder.rglob("*"))
            and any(n.startswith(prefix + "/") for n in names)
        ):
            raise BackupError(f"The folder {folder} is not empty: restore files into an empty folder")


def _database_restore(dump: Path, *, database: dict, engine: str) -> None:
    if engine == "postgresql":
        args, env = _pg_command(database)
        _run(
            [
                "pg_restore",
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                "--single-transaction",
                *args,
                str(dump),
            ],
            env,
        )
        return
    target_path = Path(database["NAME"])
    target_path.parent.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(dump)
    target = sqlite3.connect(target_path)
    try:
        source.backup(target)
    finally:
        source.close()
        target.close()


def _files_restore(work_dir: Path, *, folders: dict[str, Path]) -> int:
    """Copy each folder's extracted files into place; how many were restored."""
    restored = 0
    for prefix, folder in folders.items():
        extracted = work_dir / prefix
        if not extracted.is_dir():
            continue
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        for path in sorted(extracted.rglob("*")):
            if path.is_file():
                destination = folder / path.relative_to(extracted)
                destination.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
                shutil.copy2(path, destination)
                restored += 1
    return restored
