"""Load one local extract file from the command line: all or nothing, a file loaded before is skipped."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sendboard.extracts.layouts import LAYOUTS
from sendboard.extracts.services import extract_import


class Command(BaseCommand):
    help = "Load a local extract CSV file through its importer (all or nothing)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("kind", choices=sorted(LAYOUTS))
        parser.add_argument("path", type=Path)

    def handle(self, *args, **options) -> None:
        path: Path = options["path"]
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        outcome = extract_import(kind=options["kind"], path=path, filename=path.name)
        if outcome.already_loaded:
            self.stdout.write("This file was loaded before: nothing changed")
            return
        if not outcome.loaded:
            for problem in outcome.report.problems:
                self.stdout.write(f"{problem.record} | {problem.field} | {problem.rule} | {problem.message}")
            raise CommandError(f"{outcome.report.problem_count} problems: nothing was loaded")
        self.stdout.write(f"Loaded: {outcome.report.counts}")
