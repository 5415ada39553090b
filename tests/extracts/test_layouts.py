"""Given the one definition of every layout, when the documentation and the templates are read, then they are
that definition: docs/extracts.md holds exactly the generated tables, and each template is its header."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from sendboard.extracts.layouts import CODE_SETS, LAYOUTS, layouts_markdown, template_csv
from sendboard.extracts.management.commands.extracts_layouts_doc import END, START

DOC = Path(__file__).resolve().parents[2] / "docs" / "extracts.md"


def test_the_documentation_is_the_definition():
    text = DOC.read_text(encoding="utf-8")
    between = text.split(START, 1)[1].split(END, 1)[0]
    assert between == "\n" + layouts_markdown(), "run manage.py extracts_layouts_doc"


def test_the_documentation_lists_every_column_code_and_rule():
    text = DOC.read_text(encoding="utf-8")
    for layout in LAYOUTS.values():
        assert f"(`{layout.kind}`)" in text
        for column in layout.columns:
            assert f"| `{column.name}` |" in text
        for rule in layout.rules:
            assert f"**{rule.name}**" in text
    for code_set in CODE_SETS:
        assert f"#### {code_set.name}" in text
        for code, _ in code_set.codes:
            assert f"| `{code}` |" in text


def test_each_template_is_its_header_row():
    for layout in LAYOUTS.values():
        rows = list(csv.reader(io.StringIO(template_csv(layout))))
        assert rows == [layout.header]


def test_code_sets_follow_the_dfe_lists():
    need = next(c for c in CODE_SETS if c.name == "SENtype").values
    # SEN2's twelve types of need, and the census's NSA for SEN support.
    assert need == {"SPLD", "MLD", "SLD", "PMLD", "SEMH", "SLCN", "HI", "VI", "MSI", "PD", "ASD", "OTH", "NSA"}
    ethnicity = next(c for c in CODE_SETS if c.name == "Ethnicity").values
    assert len(ethnicity) == 20 and {"WBRI", "WIRT", "WROM", "MWBA", "BOTH", "REFU", "NOBT"} <= ethnicity
    ncy = next(c for c in CODE_SETS if c.name == "NCY")
    assert [code for code, _ in ncy.codes] == ["N1", "N2", "R", *map(str, range(1, 15))]


def test_number_bounds_are_written_as_people_write_them():
    from sendboard.extracts.layouts import Column

    assert Column("waiting", "integer", True, "Waiting", minimum=0, maximum=1_000_000).allowed() == "0 to 1,000,000"
    assert (
        Column("sessions", "decimal", True, "Sessions", minimum=0.5, maximum=90, places=1).allowed()
        == "0.5 to 90, up to 1 decimal places"
    )
