from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sendboard.returns.framework import file_import
from sendboard.returns.sen2.importer import Sen2Importer


class Command(BaseCommand):
    help = "Load SEN2 person-level XML files, all or nothing each, showing progress. A file loaded before is skipped."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path)

    def handle(self, *args, paths, **options) -> None:
        for path in paths:
            if not path.is_file():
                raise CommandError(f"{path} is not a file")

            def progress(n: int, name=path.name) -> None:
                self.stdout.write(f"  {name}: {n:,} children read", ending="\r")
                self.stdout.flush()

            outcome = file_import(importer=Sen2Importer(), path=path, filename=path.name, progress=progress)
            if outcome.already_loaded:
                self.stdout.write(f"{path.name}: loaded before (same SHA-256), nothing changed")
            elif outcome.loaded:
                self.stdout.write(self.style.SUCCESS(f"{path.name}: loaded {outcome.report.counts}"))
            else:
                for problem in outcome.report.problems:
                    self.stderr.write(f"{problem.record} | {problem.field} | {problem.rule} | {problem.message}")
                raise CommandError(f"{path.name}: {outcome.report.problem_count} problems, nothing loaded")
