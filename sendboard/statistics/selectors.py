"""Reads for the analysts' pages: which published datasets are loaded, what each held and could not read,
and the area register with its neighbours. A fixed, small number of queries whatever the data's size."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count

from sendboard.returns.models import ImportedFile
from sendboard.statistics.importers import IMPORTERS
from sendboard.statistics.measures import MEASURES, Measure
from sendboard.statistics.models import DatasetNote, PublishedValue, StatisticalArea, StatisticalNeighbour
from sendboard.statistics.periods import periods_span
from sendboard.statistics.published import Release, release_by_checksum

KINDS = {importer.kind: importer for importer in IMPORTERS}


@dataclass
class DatasetRow:
    kind: str
    label: str
    default_file: str
    imported_file: ImportedFile | None
    values: int
    notes: int

    @property
    def release(self) -> Release | None:
        return release_of(self.imported_file)


def release_of(imported: ImportedFile | None) -> Release | None:
    """The shipped release a loaded file is (by its checksum, gzipped or not); None for a file a council loaded
    from its own download, or for nothing loaded."""
    return release_by_checksum().get(imported.sha256) if imported is not None else None


def dataset_list() -> list[DatasetRow]:
    """Each importer with the file it last loaded (3 queries)."""
    latest: dict[str, ImportedFile] = {}
    for imported in ImportedFile.objects.filter(kind__in=KINDS).order_by("imported_at", "id"):
        latest[imported.kind] = imported
    ids = [f.id for f in latest.values()]
    values = dict(
        PublishedValue.objects.filter(imported_file_id__in=ids).values_list("imported_file_id").annotate(n=Count("id"))
    )
    notes = dict(
        DatasetNote.objects.filter(imported_file_id__in=ids).values_list("imported_file_id").annotate(n=Count("id"))
    )
    rows = []
    for kind, importer in KINDS.items():
        imported = latest.get(kind)
        rows.append(
            DatasetRow(
                kind,
                importer.label,
                importer.default_file,
                imported,
                values.get(imported.id, 0) if imported else 0,
                notes.get(imported.id, 0) if imported else 0,
            )
        )
    return rows


@dataclass
class DatasetDetail:
    kind: str
    label: str
    dataset: str
    default_file: str
    imported_file: ImportedFile | None
    history: list[ImportedFile]
    notes: list[DatasetNote]
    measures: list[tuple[Measure, str]]  # each measure this dataset supplies, with the periods it supplies

    @property
    def release(self) -> Release | None:
        return release_of(self.imported_file)


def dataset_detail(kind: str) -> DatasetDetail | None:
    importer = KINDS.get(kind)
    if importer is None:
        return None
    history = list(ImportedFile.objects.filter(kind=kind).order_by("-imported_at", "-id")[:10])
    latest = history[0] if history else None
    notes = list(DatasetNote.objects.filter(imported_file=latest)) if latest else []
    measures = [
        (m, periods_span(s.first, s.last))
        for m in MEASURES.values()
        for s in m.sources
        if s.dataset == importer.dataset
    ]
    return DatasetDetail(
        kind, importer.label, importer.dataset, importer.default_file, latest, history, notes, measures
    )


@dataclass
class AreaRow:
    area: StatisticalArea
    region_name: str
    neighbours: list[StatisticalArea]


def area_register() -> list[AreaRow]:
    """England, the regions and every council with its neighbours, nearest first (2 queries)."""
    areas = list(StatisticalArea.objects.order_by("level", "region_code", "name", "code"))
    names = {a.code: a.name for a in areas}
    neighbours: dict[int, list[StatisticalArea]] = {}
    for pair in StatisticalNeighbour.objects.select_related("neighbour").order_by("area_id", "rank"):
        neighbours.setdefault(pair.area_id, []).append(pair.neighbour)
    order = {"england": 0, "region": 1, "la": 2}
    areas.sort(key=lambda a: (order.get(a.level, 3), names.get(a.region_code, ""), a.name, a.code))
    return [AreaRow(a, names.get(a.region_code, ""), neighbours.get(a.id, [])) for a in areas]
