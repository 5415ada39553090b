from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils import timezone

from sendboard.casework.generated_area import SCALES
from sendboard.returns.sen2.generated import area_files_generate


class Command(BaseCommand):
    help = "Write a generated local area as SEN2 XML files (seeded, deterministic), to load with import_sen2."

    def add_arguments(self, parser):
        parser.add_argument("out_dir", type=Path)
        parser.add_argument("--size", choices=sorted(SCALES), default="county")
        parser.add_argument(
            "--scale", type=float, default=None, help="Override the size's share of the published caseload"
        )
        parser.add_argument("--seed", type=int, default=885)
        parser.add_argument(
            "--caseworker",
            default="demo.caseworker",
            help="The demo area's open cases go to this username and a numbered team after it (USERNAME.02 …), "
            "who must exist as caseworkers to load the file; '' for none",
        )
        parser.add_argument(
            "--as-of", type=date.fromisoformat, default=None, help="Reference date, YYYY-MM-DD (default today)"
        )

    def handle(self, *args, out_dir, size, scale, seed, as_of, caseworker, **options) -> None:
        paths = area_files_generate(
            size=size,
            out_dir=out_dir,
            as_of=as_of or timezone.localdate(),
            seed=seed,
            scale=scale,
            caseworker=caseworker or None,
        )
        for path in paths:
            self.stdout.write(f"{path} ({path.stat().st_size:,} bytes)")
