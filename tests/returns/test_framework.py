"""The framework's one read of a file gives its checksum and where its first NUL byte is, across blocks."""

from __future__ import annotations

import gzip
import hashlib

from sendboard.returns.framework import file_facts


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
