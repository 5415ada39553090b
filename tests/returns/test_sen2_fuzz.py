"""Property-based: whatever bytes arrive, the SEN2 reader answers with problems or a clean report, never a
crash, and a file it finds fault with loads nothing."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sendboard.casework.models import Child
from sendboard.returns.framework import Report, file_import
from sendboard.returns.sen2.importer import Sen2Importer, database_context
from sendboard.returns.sen2.reader import read_persons
from tests.returns.samples import person, write

pytestmark = pytest.mark.django_db

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def valid_bytes() -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        return write(Path(folder) / "v.xml", [person(1), person(2)]).read_bytes()


VALID = valid_bytes()


def read(data: bytes) -> Report:
    report = Report()
    with tempfile.NamedTemporaryFile(suffix=".xml") as handle:
        handle.write(data)
        handle.flush()
        list(read_persons(Path(handle.name), report, database_context()))
    return report


@st.composite
def mutated(draw):
    data = bytearray(VALID)
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data) - 1))
        action = draw(st.sampled_from(["delete", "insert", "replace", "cut"]))
        chunk = draw(
            st.binary(min_size=1, max_size=8) | st.sampled_from([b"<", b">", b"&", b"</Person>", b"2025-13-40", b"XX"])
        )
        if action == "delete":
            del data[at : at + len(chunk)]
        elif action == "insert":
            data[at:at] = chunk
        elif action == "replace":
            data[at : at + len(chunk)] = chunk
        else:
            del data[at:]
        if not data:
            break
    return bytes(data)


@FUZZ
@given(st.binary(max_size=300))
def test_arbitrary_bytes_never_crash_the_reader(area, data):
    report = read(data)
    assert report.ok is False or data.strip().startswith(b"<")
    assert all(p.record and p.rule and p.message for p in report.problems)


@FUZZ
@given(mutated())
def test_mutated_files_are_reported_or_read_never_crash(area, data):
    report = read(data)
    assert all(p.record and p.rule and p.message for p in report.problems)


def import_whole_or_nothing(data: bytes):
    """Import the bytes; a loaded file holds every person it counted (then they are removed), a refused one none."""
    with tempfile.NamedTemporaryFile(suffix=".xml") as handle:
        handle.write(data)
        handle.flush()
        outcome = file_import(importer=Sen2Importer(), path=Path(handle.name), filename="fuzz.xml")
    if outcome.loaded:
        assert Child.objects.count() == outcome.report.counts["person"]
        Child.objects.all().delete()
        outcome.imported_file.delete()
    else:
        assert Child.objects.count() == 0
    return outcome


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mutated())
def test_a_mutated_file_either_loads_whole_or_not_at_all(area, data):
    import_whole_or_nothing(data)


_VALUE = st.sampled_from(["\x00", "A\x00", "&#0;", "x" * 140_000, "9" * 40, "", " ", "2025-02-30", "ZZ", "-1"])


@st.composite
def hostile(draw):
    """The valid file with leaf values replaced by NUL, very long or odd values, and leaf elements removed (the
    SEN2 equivalent of a short row)."""
    data = VALID
    leaves = list(re.finditer(rb"<(\w+)>([^<]*)</\1>", data))
    for _ in range(draw(st.integers(1, 3))):
        leaf = leaves[draw(st.integers(0, len(leaves) - 1))]
        if draw(st.booleans()):
            replacement = leaf.group(0).replace(b">" + leaf.group(2) + b"<", b">" + draw(_VALUE).encode() + b"<", 1)
        else:
            replacement = b""
        data = data.replace(leaf.group(0), replacement, 1)
        leaves = list(re.finditer(rb"<(\w+)>([^<]*)</\1>", data))
    return data


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(hostile())
def test_nul_long_values_and_missing_elements_load_whole_or_are_reported(area, data):
    outcome = import_whole_or_nothing(data)
    assert all(p.record and p.rule and p.message for p in outcome.report.problems)
    if b"\x00" in data:
        assert [p.rule for p in outcome.report.problems] == ["nul_character"]
