"""Write the generated area's local extracts from the register and load them through the importers, timing each."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from sendboard.core.models import LocalArea
from sendboard.extracts.generated import SCALES, extract_files_generate
from sendboard.extracts.importer import IMPORTERS
from sendboard.extracts.services import extract_import


class Command(BaseCommand):
    help = "Generate the local extracts for a local area from its register, load them, and report rows and seconds."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--la", default="885", help="DfE LA number of the local area (default 885)")
        parser.add_argument("--size", choices=sorted(SCALES), default="small")
        parser.add_argument("--seed", type=int, default=885)

    def handle(self, *args, **options) -> None:
        area = LocalArea.objects.filter(la_code=options["la"]).first()
        if area is None:
            raise CommandError(f"No local area {options['la']} is set up")
        with tempfile.TemporaryDirectory() as folder:
            started = time.perf_counter()
            paths = extract_files_generate(
                area=area, size=options["size"], out_dir=Path(folder), as_of=timezone.localdate(), seed=options["seed"]
            )
            generated = time.perf_counter() - started
            self.stdout.write(f"Generated {len(paths)} files in {generated:.1f} s")
            for path, kind in zip(paths, IMPORTERS, strict=True):
                began = time.perf_counter()
                outcome = extract_import(kind=kind, path=path, filename=path.name)
                if not (outcome.loaded or outcome.already_loaded):
                    raise CommandError(f"{path.name} did not load: {outcome.report.problems[:3]}")
                words = "already loaded" if outcome.already_loaded else f"{outcome.report.counts.get('rows', 0):,} rows"
                self.stdout.write(f"{path.name}: {words} in {time.perf_counter() - began:.1f} s")
            self.stdout.write(f"Generated and loaded in {time.perf_counter() - started:.1f} s")
