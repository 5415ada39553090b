"""Loading the whole folder of published files (``load_published_statistics``, ``make demo``): every file
the registry of importers names (plain or gzipped), in dependency order, each through the returns framework (all or
nothing per file; the same file again is a no-op by checksum)."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from sendboard.returns.framework import ImportOutcome, file_import
from sendboard.statistics.importers import IMPORTERS
from sendboard.statistics.published import PublishedFileMissing, published_data_dir, published_path


@dataclass
class FileResult:
    kind: str
    label: str
    path: Path
    outcome: ImportOutcome | None  # None when the file is not in the folder
    seconds: float = 0.0


def published_statistics_load(*, directory: Path | None = None, kinds: set[str] | None = None) -> list[FileResult]:
    """Load every importer's default file from ``directory``; a refused file does not stop the ones after it
    (they report their own problems, such as no area register)."""
    folder = directory or published_data_dir()
    results = []
    for importer_class in IMPORTERS:
        if kinds is not None and importer_class.kind not in kinds:
            continue
        try:
            path = published_path(importer_class.default_file, folder=folder)
        except PublishedFileMissing:
            results.append(
                FileResult(importer_class.kind, importer_class.label, folder / importer_class.default_file, None)
            )
            continue
        started = time.perf_counter()
        outcome = file_import(importer=importer_class(), path=path, filename=path.relative_to(folder).as_posix())
        results.append(
            FileResult(importer_class.kind, importer_class.label, path, outcome, time.perf_counter() - started)
        )
    return results


def result_line(result: FileResult) -> str:
    if result.outcome is None:
        return f"{result.path.name}: not found, skipped"
    outcome = result.outcome
    if outcome.already_loaded:
        return f"{result.path.name}: loaded before, nothing changed"
    if outcome.loaded:
        counts = ", ".join(f"{k} {v:,}" for k, v in outcome.report.counts.items())
        return f"{result.path.name}: loaded in {result.seconds:.1f} s ({counts})"
    first = "; ".join(f"{p.record} {p.field}: {p.message}" for p in outcome.report.problems[:3])
    return f"{result.path.name}: REFUSED, {outcome.report.problem_count} problems, nothing loaded ({first})"
