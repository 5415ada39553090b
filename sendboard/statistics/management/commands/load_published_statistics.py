"""Load the published comparators (DfE, Ofsted, NHS England, MoJ) from SENDBOARD_PUBLISHED_DATA_DIR."""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sendboard.statistics.loading import published_statistics_load, result_line
from sendboard.statistics.published import published_data_dir


class Command(BaseCommand):
    help = (
        "Load every published statistics file in the folder, in dependency order; files loaded before by the same "
        "version of their importer are skipped."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dir", type=Path, default=None, help="The folder (default: SENDBOARD_PUBLISHED_DATA_DIR)")

    def handle(self, *args, dir=None, **options):
        folder = dir or published_data_dir()
        if not folder.is_dir():
            raise CommandError(f"No folder of published statistics at {folder}")
        started = time.perf_counter()
        results = published_statistics_load(directory=folder)
        for result in results:
            self.stdout.write(result_line(result))
        refused = [
            r for r in results if r.outcome is not None and not r.outcome.loaded and not r.outcome.already_loaded
        ]
        self.stdout.write(
            f"{len(results) - len(refused)} of {len(results)} files loaded or already loaded "
            f"in {time.perf_counter() - started:.1f} s"
        )
        if refused:
            raise CommandError(f"{len(refused)} files were refused: see above")
