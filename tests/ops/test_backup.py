"""Backups that are restored: a loaded demo area and its files are backed up, restored into an empty database
and empty folders, and every table's rows (and every file) compared, on whichever database the suite runs on."""

from __future__ import annotations

import sqlite3
import tarfile
from datetime import date
from pathlib import Path

import psycopg
import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from sendboard.core.backup import BackupError, backup_restore, database_from_url

pytestmark = pytest.mark.django_db(transaction=True)


def _rows(cursor, tables: list[str]) -> dict[str, list[str]]:
    """Every row of every table, each as text, sorted: equal if and only if the tables hold the same rows."""
    everything = {}
    for table in tables:
        cursor.execute(f'SELECT * FROM "{table}"')
        everything[table] = sorted(repr(tuple(row)) for row in cursor.fetchall())
    return everything


def _sqlite_tables(db) -> list[str]:
    return [name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]


def _pg_tables(db) -> list[str]:
    return [
        name
        for (name,) in db.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name"
        )
    ]


def _pg_connect(settings_dict: dict, name: str | None = None, **kwargs):
    params = {
        "dbname": name or settings_dict["NAME"],
        "host": settings_dict.get("HOST"),
        "port": settings_dict.get("PORT"),
        "user": settings_dict.get("USER"),
        "password": settings_dict.get("PASSWORD"),
    }
    return psycopg.connect(**{key: value for key, value in params.items() if value}, **kwargs)


@pytest.fixture
def loaded_area(settings, tmp_path, data_dir):
    """The small demo area, an upload waiting in the data directory and an evidence file in the media folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("load_demo_area")
    (data_dir / "returns-uploads").mkdir(parents=True)
    (data_dir / "returns-uploads" / "waiting.xml").write_bytes(b"<Message>an upload waiting to load</Message>")
    (settings.MEDIA_ROOT / "plans/evidence/2026/12").mkdir(parents=True)
    (settings.MEDIA_ROOT / "plans/evidence/2026/12/minutes.pdf").write_bytes(b"%PDF-1.4 board minutes")
    _child_document()
    return tmp_path


DOCUMENT = b"%PDF-1.4\n% a child's advice, kept in the database\n%%EOF\n"


def _child_document():
    """A document about a child: its bytes are a row of the database, so the drill restores them with it."""
    from sendboard.casework.models import Child
    from sendboard.documents.services import document_store

    document_store(
        user=None,
        child=Child.objects.order_by("pk").first(),
        kind="advice",
        title="Educational psychology advice",
        document_date=date(2026, 11, 2),
        filename="advice.pdf",
        content=DOCUMENT,
    )


def _check_document(restored, before: dict) -> None:
    """The test's own document came back byte for byte, beside the demo's (its letters and advice)."""
    contents = [bytes(content) for (content,) in restored.execute("SELECT content FROM documents_document")]
    assert DOCUMENT in contents and len(contents) == len(before["documents_document"]) > 1


def _backup(tmp_path: Path) -> Path:
    call_command("backup", output=tmp_path / "backups")
    (archive,) = (tmp_path / "backups").glob("sendboard-backup-*.tar")
    assert archive.stat().st_mode & 0o077 == 0  # readable by sendboard's own user only
    return archive


def _restored_files(tmp_path: Path) -> dict[str, bytes]:
    return {
        path.relative_to(tmp_path).as_posix(): path.read_bytes()
        for path in sorted((tmp_path / "restored").rglob("*"))
        if path.is_file()
    }


def _check_files(tmp_path: Path) -> None:
    assert _restored_files(tmp_path) == {
        "restored/data/returns-uploads/waiting.xml": b"<Message>an upload waiting to load</Message>",
        "restored/media/plans/evidence/2026/12/minutes.pdf": b"%PDF-1.4 board minutes",
    }


def _restore(archive: Path, url: str, tmp_path: Path) -> None:
    call_command(
        "restore",
        str(archive),
        database_url=url,
        data_dir=tmp_path / "restored/data",
        media_dir=tmp_path / "restored/media",
    )


def test_sqlite_backup_restores_every_row_and_file(loaded_area):
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite drill; the PostgreSQL one runs when the suite runs on PostgreSQL")
    tmp_path = loaded_area
    archive = _backup(tmp_path)
    target = tmp_path / "restored.sqlite3"
    _restore(archive, f"sqlite:///{target}", tmp_path)

    source = sqlite3.connect(connection.settings_dict["NAME"], uri=True)
    restored = sqlite3.connect(target)
    tables = _sqlite_tables(source)
    assert _sqlite_tables(restored) == tables
    before, after = _rows(source.cursor(), tables), _rows(restored.cursor(), tables)
    assert sum(len(rows) for rows in before.values()) > 1000 and len(before["casework_child"]) > 10
    assert after == before
    _check_document(restored, before)
    _check_files(tmp_path)

    # A second restore into the now full database, or its folders, is refused: a restore never merges.
    with pytest.raises(CommandError, match="is not empty"):
        _restore(archive, f"sqlite:///{target}", tmp_path)


def test_postgresql_backup_restores_every_row_sequence_and_file(loaded_area):
    if connection.vendor != "postgresql":
        pytest.skip("the PostgreSQL drill; the SQLite one runs when the suite runs on SQLite")
    tmp_path = loaded_area
    archive = _backup(tmp_path)
    source_settings = connection.settings_dict
    scratch = f"{source_settings['NAME']}_restore"
    with _pg_connect(source_settings, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{scratch}"')
        admin.execute(f'CREATE DATABASE "{scratch}"')
    try:
        url = "postgres://{user}{password}@{host}:{port}/{name}".format(
            user=source_settings.get("USER") or "",
            password=f":{source_settings['PASSWORD']}" if source_settings.get("PASSWORD") else "",
            host=source_settings.get("HOST") or "127.0.0.1",
            port=source_settings.get("PORT") or 5432,
            name=scratch,
        )
        _restore(archive, url, tmp_path)
        with _pg_connect(source_settings) as source, _pg_connect(source_settings, scratch) as restored:
            tables = _pg_tables(source)
            assert _pg_tables(restored) == tables
            before, after = _rows(source.cursor(), tables), _rows(restored.cursor(), tables)
            assert sum(len(rows) for rows in before.values()) > 1000 and len(before["casework_child"]) > 10
            assert after == before
            _check_document(restored, before)
            sequences = "SELECT sequencename, last_value FROM pg_sequences ORDER BY sequencename"
            assert restored.execute(sequences).fetchall() == source.execute(sequences).fetchall()
        _check_files(tmp_path)
        with pytest.raises(CommandError, match="is not empty"):
            _restore(archive, url, tmp_path)
    finally:
        with _pg_connect(source_settings, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)')


def test_a_damaged_archive_is_refused_before_anything_is_restored(settings, tmp_path, data_dir):
    settings.MEDIA_ROOT = tmp_path / "media"
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "note.txt").write_bytes(b"original")
    archive = _backup(tmp_path)
    damaged = tmp_path / "damaged.tar"
    with tarfile.open(archive) as source, tarfile.open(damaged, "w") as target:
        for member in source.getmembers():
            body = source.extractfile(member).read()
            if member.name == "files/note.txt":
                body = b"tampered"
            member.size = len(body)
            import io

            target.addfile(member, io.BytesIO(body))
    target_db = tmp_path / "never.sqlite3"
    database = (
        database_from_url(f"sqlite:///{target_db}") if connection.vendor == "sqlite" else dict(connection.settings_dict)
    )
    with pytest.raises(BackupError, match="does not match its checksum"):
        backup_restore(archive=damaged, database=database, folders={"files": tmp_path / "out"})
    assert not target_db.exists() and not (tmp_path / "out").exists()
