"""The extracts part of the demo area: the generated area's local extracts, written from the register the
casework demo loaded and loaded through the extract importers (never written straight to the database)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError
from django.utils import timezone

from sendboard.casework.generated_area import DEMO_LA
from sendboard.core.models import LocalArea
from sendboard.extracts.services import generated_extracts_load
from sendboard.returns.models import ImportedFile


def load_demo(*, stdout) -> None:
    area = LocalArea.objects.get(la_code=DEMO_LA)
    if ImportedFile.objects.filter(
        kind="extract_census", filename__startswith=f"extract-generated-{DEMO_LA}-"
    ).exists():
        stdout.write("Generated local extracts already loaded")
        return
    size = settings.SENDBOARD_DEMO_SCALE if settings.SENDBOARD_DEMO_SCALE in ("small", "county") else "county"
    with tempfile.TemporaryDirectory() as folder:
        for path, outcome in generated_extracts_load(
            area=area, size=size, out_dir=Path(folder), as_of=timezone.localdate()
        ):
            if not (outcome.loaded or outcome.already_loaded):
                raise CommandError(f"The generated extract {path.name} did not load: {outcome.report.problems[:3]}")
            stdout.write(f"Loaded {path.name}: {outcome.report.counts.get('rows', 0):,} rows")
