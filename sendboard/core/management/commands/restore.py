"""Restore a backup archive into an empty database and empty file folders (ADR 0142)."""

from __future__ import annotations

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from sendboard.core.backup import BackupError, backup_restore, database_from_url


class Command(BaseCommand):
    help = "Restore a backup made by `manage.py backup` into an EMPTY database (and empty file folders)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("archive", type=Path)
        parser.add_argument(
            "--database-url",
            default="",
            help="The empty database to restore into (default: this installation's, DATABASE_URL)",
        )
        parser.add_argument(
            "--data-dir", type=Path, default=None, help="Folder for the files (default: SENDBOARD_DATA_DIR)"
        )
        parser.add_argument(
            "--media-dir", type=Path, default=None, help="Folder for uploaded evidence (default: MEDIA_ROOT)"
        )

    def handle(
        self, *args, archive: Path, database_url: str, data_dir: Path | None, media_dir: Path | None, **options
    ) -> None:
        from django.conf import settings

        database = database_from_url(database_url) if database_url else connections["default"].settings_dict
        folders = {
            "files": data_dir or Path(settings.SENDBOARD_DATA_DIR),
            "media": media_dir or Path(settings.MEDIA_ROOT),
        }
        start = time.perf_counter()
        try:
            result = backup_restore(archive=archive, database=database, folders=folders)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Restored the {result.engine} database and {result.files} files from the backup of "
            f"{result.created_at} in {time.perf_counter() - start:.1f} seconds"
        )
