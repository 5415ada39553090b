"""Fixtures: the real published files loaded once per module (about 10 s), and a tiny area register with
helpers for writing crafted excerpts of each file's layout."""

from __future__ import annotations

from pathlib import Path

import pytest

from sendboard.returns.framework import file_import
from sendboard.returns.models import ImportedFile
from sendboard.statistics.importers import IMPORTERS
from sendboard.statistics.importers.ees import GEOGRAPHY, AnnualReviewsImporter
from sendboard.statistics.importers.register import NeighboursImporter
from sendboard.statistics.loading import published_statistics_load
from sendboard.statistics.models import (
    DatasetNote,
    InspectionOutcome,
    PublishedValue,
    StatisticalArea,
    StatisticalNeighbour,
)
from sendboard.statistics.published import published_data_dir

KINDS = [importer.kind for importer in IMPORTERS]


def statistics_clear() -> None:
    for model in (PublishedValue, DatasetNote, InspectionOutcome, StatisticalNeighbour, StatisticalArea):
        model.objects.all().delete()
    ImportedFile.objects.filter(kind__in=KINDS).delete()


@pytest.fixture(scope="module")
def published(django_db_setup, django_db_blocker):
    """Every published file sendboard ships, loaded through the importers; results by importer kind. A file that
    is not there fails the tests that read it (it is never a reason to skip them)."""
    folder = published_data_dir()
    assert folder.is_dir(), "the published-data folder is missing"
    with django_db_blocker.unblock():
        statistics_clear()
        results = {r.kind: r for r in published_statistics_load(directory=folder)}
    yield results
    with django_db_blocker.unblock():
        statistics_clear()


@pytest.fixture
def register(db):
    """England, two regions and three councils, as the caseload file prints them."""
    rows = [
        ("E92000001", "", "England", "england", ""),
        ("E12000005", "", "West Midlands", "region", ""),
        ("E12000009", "", "South West", "region", ""),
        ("E10000034", "885", "Worcestershire", "la", "E12000005"),
        ("E06000023", "801", "Bristol, City of", "la", "E12000009"),
        ("E06000051", "893", "Shropshire", "la", "E12000005"),
    ]
    for code, old_code, name, level, region in rows:
        StatisticalArea.objects.create(
            code=code,
            old_code=old_code,
            name=name,
            level=level,
            region_code=region,
            first_period="2018/19",
            last_period="2024/25",
        )


@pytest.fixture
def loaded(register, tmp_path):
    """A defective annual-reviews excerpt (repeated column, a negative count) and two councils' neighbours."""
    values = [
        "6970",
        "5409",
        "1561",
        "139",
        "3847",
        "923",
        "923",
        "4909",
        "500",
        "320",
        "3821",
        "745",
        "234",
        "-211",
        "3889",
        "21",
        "898",
        "101",
        "3683",
        "1203",
        "75.4",
        "24.6",
    ]
    load(
        AnnualReviewsImporter,
        ees_file(
            tmp_path / "annual_reviews.csv",
            AnnualReviewsImporter.columns,
            [ees_row("2024", "Local authority", values, breakdown=["All annual reviews", "All annual reviews"])],
        ),
    )
    neighbours = tmp_path / "statistical_neighbours.csv"
    neighbours.write_text("Worcestershire,Shropshire\nShropshire,Worcestershire\n")
    load(NeighboursImporter, neighbours)


def ees_row(
    period: str,
    level: str,
    values: list[str],
    *,
    la=("E10000034", "885", "Worcestershire"),
    region=("E12000005", "West Midlands"),
    identifier="Calendar year",
    breakdown=None,
) -> str:
    """One line in the explore-education-statistics layout; names with commas are quoted, as published."""
    geography = {
        "National": ["", "", "", "", ""],
        "Regional": [*region, "", "", ""],
        "Local authority": [*region, *la],
    }[level]
    fields = [period, identifier, level, "E92000001", "England", *geography, *(breakdown or []), *values]
    return ",".join(f'"{f}"' if "," in f else f for f in fields)


def ees_file(path: Path, columns: str, rows: list[str], *, geography: bool = True) -> Path:
    header = (GEOGRAPHY + " " + columns).split() if geography else columns.split()
    path.write_text(",".join(header) + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def load(importer_class, path: Path):
    return file_import(importer=importer_class(), path=path, filename=path.name)


def problems(outcome) -> list[tuple[str, str, str]]:
    return [(p.record, p.field, p.rule) for p in outcome.report.problems]
