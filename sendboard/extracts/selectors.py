"""Reads for the extracts pages: files and counts only, never rows (rows hold UPNs and birth dates)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count

from sendboard.extracts.layouts import LAYOUTS
from sendboard.returns.models import ImportedFile


@dataclass(frozen=True)
class LoadedExtract:
    file: ImportedFile
    title: str
    rows: int
    rows_in_use: int

    @property
    def replaced(self) -> bool:
        return self.rows_in_use < self.rows


def loaded_extract_list(limit: int = 100) -> list[LoadedExtract]:
    """The extract files loaded, newest first, with how many of each file's rows are still in use (a later file
    for the same period replaces them). One query for the files and one per layout for the rows in use."""
    files = list(ImportedFile.objects.filter(kind__in=LAYOUTS).select_related("imported_by")[:limit])
    in_use: dict[int, int] = {}
    for kind in {f.kind for f in files}:
        model = LAYOUTS[kind].model
        ids = [f.id for f in files if f.kind == kind]
        in_use.update(
            model.objects.filter(imported_file_id__in=ids)
            .values_list("imported_file_id")
            .annotate(n=Count("id"))
            .values_list("imported_file_id", "n")
        )
    return [LoadedExtract(f, LAYOUTS[f.kind].title, int(f.summary.get("rows", 0)), in_use.get(f.id, 0)) for f in files]
