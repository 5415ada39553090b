"""Back up the database and the files sendboard keeps into one archive (ADR 0142). Run from the scheduler."""

from __future__ import annotations

import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from sendboard.core.backup import BackupError, backup_create


class Command(BaseCommand):
    help = "Back up the database (pg_dump, or SQLite's online backup) and uploaded files into one archive."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--output", type=Path, default=None, help="Folder for the archive (default: SENDBOARD_BACKUP_DIR)"
        )

    def handle(self, *args, output: Path | None, **options) -> None:
        start = time.perf_counter()
        try:
            result = backup_create(output_dir=output or Path(settings.SENDBOARD_BACKUP_DIR))
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Backed up the {result.engine} database ({result.database_bytes:,} bytes) and {result.files} files "
            f"to {result.path} in {time.perf_counter() - start:.1f} seconds"
        )
