"""Given published-statistics files built to hurt (a small spreadsheet that unpacks to hundreds of megabytes, a
damaged part, a NUL byte, a value longer than any column, a short row), when they are imported, then each is
refused or reported as problems, quickly and in little memory, and nothing of a refused file is kept."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sendboard.returns.models import ImportedFile
from sendboard.statistics import models
from sendboard.statistics.importers import IMPORTERS
from sendboard.statistics.importers.ees import GEOGRAPHY
from sendboard.statistics.importers.inspections import HEADER_2016, HEADER_2023, Inspections2016Importer
from sendboard.statistics.importers.register import RegionLookupImporter
from tests import bombs
from tests.statistics.conftest import load, problems

pytestmark = pytest.mark.django_db


def kept() -> tuple[int, ...]:
    kinds = (
        models.PublishedValue,
        models.DatasetNote,
        models.InspectionOutcome,
        models.StatisticalNeighbour,
        models.StatisticalArea,
        ImportedFile,
    )
    return tuple(kind.objects.count() for kind in kinds)


@pytest.mark.parametrize(
    ("importer", "data", "suffix"),
    [
        (Inspections2016Importer, bombs.ods_bomb(), ".ods"),
        (RegionLookupImporter, bombs.xlsx_sheet_bomb(bombs.workbook_bytes([["a"]]), megabytes=25), ".xlsx"),
        (RegionLookupImporter, bombs.xlsx_shared_strings_bomb(bombs.workbook_bytes([["a"]]), count=520_000), ".xlsx"),
    ],
    ids=["a 19 KB ODS", "an 80 KB xlsx", "an xlsx of half a million strings"],
)
def test_regression_decompression_bombs_in_published_statistics(register, tmp_path, importer, data, suffix):
    """Finding: a 47 KB .ods added 460 MB to the published-statistics reader. Now refused before it is read."""
    path = tmp_path / f"bomb{suffix}"
    path.write_bytes(data)
    before = kept()
    outcomes = []
    held = bombs.peak_memory(lambda: outcomes.append(load(importer, path)))
    assert held < 16 * bombs.MB
    assert problems(outcomes[0]) == [("file", "", "unreadable")]
    assert (
        "expands more than 100 times" in outcomes[0].report.problems[0].message
        or "pieces of text" in outcomes[0].report.problems[0].message
    )
    assert kept() == before


_CONTENT = (
    b'<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    b'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"><office:body><office:spreadsheet>'
    b'<table:table table:name="Area_SEND_up_to_31_Aug_2022"><table:table-row><table:table-cell '
    b'table:number-columns-repeated="many"/></table:table-row></table:table></office:spreadsheet></office:body>'
    b"</office:document-content>"
)


@pytest.mark.parametrize(
    ("importer", "suffix", "data"),
    [
        (
            Inspections2016Importer,
            ".ods",
            bombs.zip_replacing(bombs.ods_bomb(cells=1000), {"content.xml": b"<office:document-content>"}),
        ),
        (Inspections2016Importer, ".ods", bombs.zip_replacing(bombs.ods_bomb(cells=1000), {"content.xml": _CONTENT})),
        (
            Inspections2016Importer,
            ".ods",
            bombs.zip_replacing(
                bombs.ods_bomb(cells=1000), {"content.xml": _CONTENT.replace(b"office:spreadsheet", b"office:text")}
            ),
        ),
        (
            RegionLookupImporter,
            ".xlsx",
            bombs.zip_replacing(bombs.workbook_bytes([["a"]]), {"xl/workbook.xml": b"<workbook"}),
        ),
        (
            RegionLookupImporter,
            ".xlsx",
            bombs.zip_replacing(bombs.workbook_bytes([["a"]]), {"xl/worksheets/sheet1.xml": b"<worksheet"}),
        ),
    ],
    ids=[
        "ODS content.xml cut short",
        "ODS a repeat that is not a number",
        "ODS that is a text document",
        "xlsx workbook.xml cut short",
        "xlsx sheet cut short",
    ],
)
def test_a_damaged_part_is_a_problem_never_a_crash(register, tmp_path, importer, suffix, data):
    path = tmp_path / f"damaged{suffix}"
    path.write_bytes(data)
    before = kept()
    outcome = load(importer, path)
    assert [p.rule for p in outcome.report.problems][:1] in (["unreadable"], ["unexpected_layout"], ["missing_header"])
    assert "Error" not in outcome.report.problems[0].message
    assert kept() == before


def _header(importer) -> list[str]:
    columns = getattr(importer, "columns", None)
    if isinstance(columns, tuple):
        return list(columns)
    if isinstance(columns, str):
        return columns.split() if columns.startswith("time_period") else (GEOGRAPHY + " " + columns).split()
    if importer.kind == "stats_inspections_2023":
        return list(HEADER_2023)
    return GEOGRAPHY.split()  # the area register reads the caseload file's geography; the others read their own


CSV_IMPORTERS = [importer for importer in IMPORTERS if importer.suffix == ".csv"]
_CELL = st.one_of(
    st.sampled_from(
        [
            "",
            "\x00",
            "x" * 140_000,
            "y" * 300,
            "2024",
            "202425",
            "Calendar year",
            "Local authority",
            "National",
            "Regional",
            "E92000001",
            "England",
            "E12000005",
            "West Midlands",
            "E10000034",
            "885",
            "Worcestershire",
            "12",
            "4.5",
            "x",
            "c",
            "-3",
            "101",
            "Yes",
            "05/03/2018",
        ]
    ),
    st.text(max_size=12),
)


@pytest.mark.parametrize("importer", CSV_IMPORTERS, ids=[importer.kind for importer in CSV_IMPORTERS])
def test_fuzzed_published_csv_files_load_whole_or_report_problems(register, tmp_path, importer):
    """NUL, very long values, short and long rows, in each published CSV importer's own layout."""
    header = _header(importer)

    @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
    @given(rows=st.lists(st.lists(_CELL, min_size=max(0, len(header) - 2), max_size=len(header) + 1), max_size=3))
    def check(rows):
        lines = [",".join(header)] + [",".join(f'"{cell}"' for cell in row) for row in rows]
        path = tmp_path / "fuzz.csv"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        before = kept()
        outcome = load(importer, path)
        assert all(p.record and p.rule and p.message for p in outcome.report.problems)
        if outcome.loaded:
            outcome.imported_file.delete()
        else:
            assert kept() == before
        if any("\x00" in cell for row in rows for cell in row):
            assert not outcome.loaded and problems(outcome)[0] == ("file", "", "nul_character")

    check()


_SPREADSHEET_CELL = st.one_of(
    st.sampled_from(
        [
            "",
            "x" * 40_000,
            "E10000034",
            "Worcestershire",
            "West Midlands",
            "05/03/2018",
            "16/05/2018",
            "Yes",
            "No",
            "12",
            "-1",
            "Not revisited yet",
            "2021/22",
            "31/02/2020",
        ]
    ),
    st.text(st.characters(codec="utf-8", exclude_categories=["Cc", "Cs"]), max_size=12),
)


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(rows=st.lists(st.lists(_SPREADSHEET_CELL, max_size=len(HEADER_2016) + 1), max_size=3))
def test_fuzzed_published_spreadsheets_load_whole_or_report_problems(register, tmp_path, rows):
    """Very long values, short rows and any text, in the ODS (inspections) and xlsx (region lookup) readers."""
    for importer, suffix, data in (
        (
            Inspections2016Importer,
            ".ods",
            bombs.ods_of([list(HEADER_2016), *rows], sheet=Inspections2016Importer.sheet),
        ),
        (RegionLookupImporter, ".xlsx", bombs.workbook_bytes([["Region", "Council", "2021/22"], *rows])),
    ):
        path = tmp_path / f"fuzz{suffix}"
        path.write_bytes(data)
        before = kept()
        outcome = load(importer, path)
        assert all(p.record and p.rule and p.message for p in outcome.report.problems)
        if outcome.loaded:
            outcome.imported_file.delete()
        else:
            assert kept() == before
