"""The framework's one read of a file gives its checksum and where its first NUL byte is, across blocks; its one
checksum rule recognises a file loaded through the same kind, version and target of importer."""

from __future__ import annotations

import gzip
import hashlib

import pytest

from sendboard.returns.framework import file_facts, file_import, file_preview


def test_the_first_nul_is_found_by_line_and_byte_past_the_first_block(tmp_path):
    data = b"a,b\n" * 300_000 + b"c,\x00d\n" + b"\x00"
    path = tmp_path / "f.csv"
    path.write_bytes(data)
    assert file_facts(path) == (hashlib.sha256(data).hexdigest(), (300_001, 1_200_002))
    path.write_bytes(b"a,b\n")
    assert file_facts(path) == (hashlib.sha256(b"a,b\n").hexdigest(), None)


def test_a_gzipped_file_is_checked_for_nul_as_it_reads_when_unpacked(tmp_path):
    path = tmp_path / "f.csv.gz"
    with gzip.open(path, "wb") as out:
        out.write(b"a,b\n" * 50_000)
    assert b"\x00" in path.read_bytes()  # gzip's own bytes hold NULs: they are not the file's
    assert file_facts(path) == (hashlib.sha256(path.read_bytes()).hexdigest(), None)
    with gzip.open(path, "wb") as out:
        out.write(b"a,b\nc,\x00\n")
    assert file_facts(path)[1] == (2, 6)


class _Lines:
    """A minimal importer: counts a text file's lines, writes nothing of its own."""

    kind = "test_lines"
    suffix = ".csv"

    def __init__(self, *, version: int = 1, target: str = "") -> None:
        self.version, self.target = version, target

    def check(self, path, report) -> None:
        report.count("lines", len(path.read_text().splitlines()))

    def load(self, path, imported_file, report) -> None:
        self.check(path, report)


@pytest.mark.django_db
def test_a_file_is_loaded_before_only_through_the_same_kind_version_and_target(tmp_path):
    path = tmp_path / "f.csv"
    path.write_text("a\nb\n")
    first = file_import(importer=_Lines(), path=path, filename="f.csv")
    assert first.loaded and first.report.counts == {"lines": 2}
    assert file_preview(importer=_Lines(), path=path).imported_file == first.imported_file
    assert file_import(importer=_Lines(), path=path, filename="again.csv").already_loaded
    newer = file_import(importer=_Lines(version=2), path=path, filename="f.csv")
    assert newer.loaded and newer.imported_file.importer_version == 2
    assert not file_preview(importer=_Lines(target="7"), path=path).already_loaded
    assert file_import(importer=_Lines(target="7"), path=path, filename="f.csv").loaded
    assert file_import(importer=_Lines(target="7"), path=path, filename="f.csv").already_loaded
