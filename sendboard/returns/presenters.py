"""Shape import files, previews and jobs for the returns pages, whatever importer made them."""

from __future__ import annotations

from dataclasses import dataclass

from sendboard.returns.framework import IMPORT_KINDS
from sendboard.returns.models import ImportedFile, ImportJob


def kind_label(kind: str) -> str:
    return IMPORT_KINDS.get(kind, kind)


def count_rows(importer, counts: dict[str, int]) -> list[tuple[str, str]]:
    """(words, number) for each count a report holds, in the importer's words where it gives them."""
    labels = getattr(importer, "count_labels", {}) or {}
    ordered = [key for key in labels if key in counts] + sorted(key for key in counts if key not in labels)
    return [(labels.get(key, key.capitalize()), f"{counts[key]:,}") for key in ordered]


def imported_files(files: list[ImportedFile]) -> list[dict]:
    return [
        {
            "file": f,
            "kind": kind_label(f.kind),
            "summary": "; ".join(f"{key}: {value:,}" for key, value in f.summary.items() if isinstance(value, int)),
        }
        for f in files
    ]


@dataclass(frozen=True)
class JobView:
    progress: int
    message: str
    counts: list[tuple[str, str]]
    problems: list[list[str]]
    headline: str


def job_view(job: ImportJob, *, importer) -> JobView:
    progress, message = job.progress, job.message
    if job.state == ImportJob.State.SUCCEEDED:
        headline = (
            "This file was loaded before"
            if job.already_loaded
            else "The file is loaded"
            if job.loaded
            else "The file cannot be loaded"
        )
    elif job.state == ImportJob.State.FAILED:
        headline = "The load stopped"
    else:
        headline = "Loading the file"
    return JobView(
        progress=progress,
        message=message,
        counts=count_rows(importer, job.counts),
        problems=job.problems,
        headline=headline,
    )
