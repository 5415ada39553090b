"""Given a folder of published files, when the demo or the management command runs, then the files load in
dependency order, missing ones are skipped, a refused one is reported, and a second run changes nothing."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from sendboard.returns.models import ImportedFile
from sendboard.statistics.demo import load_demo
from sendboard.statistics.importers.ees import PLACEMENT_COLUMNS, CaseloadImporter
from sendboard.statistics.models import PublishedValue, StatisticalArea
from tests.statistics.conftest import ees_file, ees_row

pytestmark = pytest.mark.django_db


def caseload_folder(tmp_path, *, second_value: str = "7"):
    """A folder holding only a two-line caseload.csv (it is both the area register and the plans data)."""
    placements = len(PLACEMENT_COLUMNS.split())
    values = lambda n: [n] + ["x"] * placements  # noqa: E731 - ehcplans, then every placement column as x
    rows = [
        ees_row("202425", "National", values("638745"), identifier="Academic year", breakdown=["All EHC plans"] * 2),
        ees_row(
            "202425",
            "Local authority",
            values(second_value),
            identifier="Academic year",
            breakdown=["All EHC plans"] * 2,
        ),
    ]
    (tmp_path / "ehcp_2025" / "data").mkdir(parents=True)
    ees_file(tmp_path / "ehcp_2025" / "data" / "caseload.csv", CaseloadImporter.columns, rows)
    return tmp_path


def test_demo_loads_nothing_at_the_small_scale(settings, tmp_path):
    settings.SENDBOARD_PUBLISHED_DATA_DIR = caseload_folder(tmp_path)
    out = io.StringIO()
    load_demo(stdout=out)
    assert "not loaded at the small scale" in out.getvalue() and StatisticalArea.objects.count() == 0


def test_demo_at_county_scale_loads_the_folder(settings, tmp_path):
    settings.SENDBOARD_DEMO_SCALE = "county"
    settings.SENDBOARD_PUBLISHED_DATA_DIR = caseload_folder(tmp_path)
    out = io.StringIO()
    load_demo(stdout=out)
    # the register (England, the region, Worcestershire) then the plans from the same file; the rest missing
    assert StatisticalArea.objects.count() == 3
    assert PublishedValue.objects.get(measure="plans", area_code="E10000034", breakdown="").value == 7
    assert "sen2_mi.csv: not found, skipped" in out.getvalue()


def test_command_reports_a_refused_file_and_is_idempotent(tmp_path):
    folder = caseload_folder(tmp_path, second_value="-7")
    out = io.StringIO()
    with pytest.raises(CommandError, match="1 files were refused"):
        call_command("load_published_statistics", dir=folder, stdout=out)
    assert "caseload.csv: REFUSED" in out.getvalue() and "ehcplans is -7" in out.getvalue()
    assert StatisticalArea.objects.count() == 3 and PublishedValue.objects.count() == 0
    with pytest.raises(CommandError):
        call_command("load_published_statistics", dir=folder, stdout=io.StringIO())
    assert StatisticalArea.objects.count() == 3


def test_command_refuses_a_missing_folder(tmp_path):
    with pytest.raises(CommandError, match="No folder"):
        call_command("load_published_statistics", dir=tmp_path / "nowhere", stdout=io.StringIO())


def test_a_file_loaded_before_is_loaded_again_when_its_importer_has_learnt_more(tmp_path, monkeypatch):
    """The skip rule counts the importer's version: an installation that loaded a file keeps up when an importer
    learns to read more of it, and the dataset is replaced, not doubled."""
    folder = caseload_folder(tmp_path)
    call_command("load_published_statistics", dir=folder, stdout=io.StringIO())
    stored = PublishedValue.objects.count()
    out = io.StringIO()
    call_command("load_published_statistics", dir=folder, stdout=out)
    assert [line for line in out.getvalue().splitlines() if line.startswith("caseload.csv")] == [
        "caseload.csv: loaded before, nothing changed"
    ] * 2
    monkeypatch.setattr(CaseloadImporter, "version", 2)
    out = io.StringIO()
    call_command("load_published_statistics", dir=folder, stdout=out)
    lines = [line for line in out.getvalue().splitlines() if line.startswith("caseload.csv")]
    assert lines[0] == "caseload.csv: loaded before, nothing changed"  # the area register's importer: same version
    assert lines[1].startswith("caseload.csv: loaded in ")
    assert PublishedValue.objects.count() == stored
    assert ImportedFile.objects.filter(kind=CaseloadImporter.kind).count() == 2
