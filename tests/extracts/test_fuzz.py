"""Property-based: each local extract's valid sample, with cells replaced by NUL, very long values or anything,
and rows cut short or lengthened, is loaded whole or refused with problems; never a crash, never part of it."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sendboard.extracts.layouts import LAYOUTS
from sendboard.extracts.services import extract_import
from sendboard.returns.models import ImportedFile
from tests.extracts.samples import SAMPLES, sample_file

pytestmark = pytest.mark.django_db

_CELL = st.one_of(
    st.sampled_from(["", "\x00", "A\x00B", "x" * 140_000, "y" * 300, "2025-01-16", "885", "Y", "-1", "9" * 30]),
    st.text(max_size=12),
)


@st.composite
def mutated(draw, kind: str) -> list[str]:
    rows = [line.split(",") for line in SAMPLES[kind]]
    for _ in range(draw(st.integers(1, 3))):
        row = draw(st.integers(0, len(rows) - 1))
        action = draw(st.sampled_from(["cell", "cut", "extend"]))
        if not rows[row] or action == "extend":
            rows[row] = [*rows[row], draw(_CELL)]
        elif action == "cell":
            rows[row][draw(st.integers(0, len(rows[row]) - 1))] = draw(_CELL)
        else:
            rows[row] = rows[row][: draw(st.integers(0, len(rows[row]) - 1))]
    return [
        ",".join(f'"{cell}"' if any(c in cell for c in ',"\r\n') or "\x00" in cell else cell for cell in row)
        for row in rows
    ]


@pytest.mark.parametrize("kind", list(LAYOUTS))
def test_fuzzed_extracts_load_whole_or_report_problems_never_a_crash(area, tmp_path, kind):
    model = LAYOUTS[kind].model

    @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
    @given(rows=mutated(kind))
    def check(rows):
        path = sample_file(tmp_path, kind, rows=rows, name="fuzz.csv")
        outcome = extract_import(kind=kind, path=path, filename="fuzz.csv")
        assert all(p.record and p.rule and p.message for p in outcome.report.problems)
        if outcome.loaded:
            assert model.objects.count() == outcome.report.counts["rows"]
            model.objects.all().delete()
            ImportedFile.objects.all().delete()
        else:
            assert model.objects.count() == 0 and not ImportedFile.objects.exists()
        if any("\x00" in row for row in rows):
            assert [(p.record, p.rule) for p in outcome.report.problems] == [("file", "nul_character")]

    check()
