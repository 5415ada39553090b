"""The returns part of the demo area: the generated register (``casework.generated_area``) written as SEN2 files
and loaded through the SEN2 importer, like a council's own (never written straight to the database). Runs after
the casework demo loader, which gives the SEND team its area and caseworkers."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.core.management.base import CommandError
from django.utils import timezone

from sendboard.casework.demo import demo_size
from sendboard.casework.generated_area import DEMO_LA, register_complete_from
from sendboard.core.models import LocalArea
from sendboard.returns.framework import file_import
from sendboard.returns.models import ImportedFile
from sendboard.returns.sen2.generated import area_files_generate
from sendboard.returns.sen2.importer import Sen2Importer


def load_demo(*, stdout) -> None:
    if ImportedFile.objects.filter(kind="sen2", filename__startswith=f"sen2-generated-{DEMO_LA}-").exists():
        stdout.write("Generated SEN2 register already loaded")
        return
    area = LocalArea.objects.get(la_code=DEMO_LA)
    as_of = timezone.localdate()
    with tempfile.TemporaryDirectory() as folder:
        for path in area_files_generate(size=demo_size(), out_dir=Path(folder), as_of=as_of):
            outcome = file_import(importer=Sen2Importer(), path=path, filename=path.name)
            if not outcome.loaded:
                first = outcome.report.problems[:3]
                raise CommandError(f"The generated SEN2 file {path.name} did not load: {first}")
            stdout.write(f"Loaded {path.name}: {outcome.report.counts}")
    # The generated register is complete only from here; the outcomes facts take earlier years from the published
    # returns.
    LocalArea.objects.filter(pk=area.pk).update(register_complete_from=register_complete_from(as_of))
