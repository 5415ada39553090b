"""Writes: loading extract files through the returns framework (all or nothing, checksummed)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sendboard.core.models import LocalArea
from sendboard.extracts.generated import extract_files_generate
from sendboard.extracts.importer import IMPORTERS
from sendboard.returns.framework import ImportOutcome, file_import


def extract_import(*, kind: str, path: Path, filename: str, user=None) -> ImportOutcome:
    return file_import(importer=IMPORTERS[kind], path=path, filename=filename, user=user)


def generated_extracts_load(
    *, area: LocalArea, size: str, out_dir: Path, as_of: date, seed: int = 885
) -> list[tuple[Path, ImportOutcome]]:
    """Write the generated area's extracts from its register and load each through its importer, in order."""
    outcomes = []
    for path, kind in zip(
        extract_files_generate(area=area, size=size, out_dir=out_dir, as_of=as_of, seed=seed), IMPORTERS, strict=True
    ):
        outcomes.append((path, extract_import(kind=kind, path=path, filename=path.name)))
    return outcomes
