"""Every zipped spreadsheet is measured before it is read: parts, unpacked size, expansion, shared strings,
cells and elements, each refused with a message an uploader can act on, in little time and memory."""

from __future__ import annotations

import io
import struct
import time
import zipfile

import pytest

from sendboard.core.archives import NotASpreadsheet, SpreadsheetLimits, SpreadsheetRefused, spreadsheet_check
from tests.bombs import (
    MB,
    ods_bomb,
    peak_memory,
    workbook_bytes,
    xlsx_shared_strings_bomb,
    xlsx_sheet_bomb,
    xlsx_with_shared_strings,
    zip_replacing,
)

BASE = workbook_bytes([["Heading"], ["Value"]])


def refusal(data: bytes, limits: SpreadsheetLimits | None = None) -> str:
    with pytest.raises(SpreadsheetRefused) as refused:
        spreadsheet_check(data, limits=limits)
    return refused.value.message


@pytest.mark.parametrize(
    ("bomb", "words"),
    [
        (lambda: xlsx_sheet_bomb(BASE, megabytes=25), "expands more than 100 times"),
        (lambda: ods_bomb(), "expands more than 100 times"),
        (lambda: xlsx_shared_strings_bomb(BASE, count=250_000), "more than 200,000 different pieces of text"),
    ],
)
def test_regression_decompression_bombs_are_refused_before_loading(bomb, words):
    data = bomb()
    assert len(data) < 800 * 1024
    started = time.monotonic()
    held = peak_memory(lambda: pytest.raises(SpreadsheetRefused, spreadsheet_check, data))
    assert held < 8 * MB and time.monotonic() - started < 30
    assert words in refusal(data)


def test_an_ordinary_workbook_passes():
    spreadsheet_check(BASE)
    spreadsheet_check(xlsx_with_shared_strings(BASE, [b"one", b"two"]))


def test_the_unpacked_size_of_all_parts_together_is_limited():
    spread = zip_replacing(
        BASE, {f"xl/media/p{n}.bin": bytes(range(256)) * 4096 for n in range(3)}
    )  # 1 MB each, not compressible
    spreadsheet_check(spread)
    assert "more than 2 MB when opened" in refusal(spread, SpreadsheetLimits(uncompressed=2 * MB))


def test_the_number_of_parts_is_read_from_the_end_record_and_limited():
    many = zip_replacing(BASE, {f"xl/extra{n}.xml": b"<a/>" for n in range(120)})
    assert "more than 100 parts" in refusal(many)
    # The end record can claim more parts than are listed: it is believed first, so no long list is ever built.
    claims = bytearray(BASE)
    at = claims.rfind(b"PK\x05\x06")
    claims[at + 8 : at + 12] = struct.pack("<HH", 60_000, 60_000)
    assert "more than 100 parts" in refusal(bytes(claims))


def test_cells_of_a_sheet_and_elements_of_an_ods_are_counted():
    assert "more than 3 cells:" in refusal(workbook_bytes([list(range(10))]), SpreadsheetLimits(elements=3))
    empty_rows = (
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        + b"<row/>" * 1000
        + b"</sheetData></worksheet>"
    )
    small = SpreadsheetLimits(elements=100, shared_strings=100)
    spreadsheet_check(BASE, limits=small)
    assert "more than 1,000 rows and other elements" in refusal(
        zip_replacing(BASE, {"xl/worksheets/sheet1.xml": empty_rows}), small
    )
    # Readers find parts through relationships, so a part is counted whatever its name.
    hidden = zip_replacing(
        BASE,
        {
            "xl/elsewhere.bin": b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            + b"<si><t>x</t></si>" * 101
            + b"</sst>"
        },
    )
    assert "more than 100 different pieces of text" in refusal(hidden, small)
    assert "more than 1,000 cells and other elements" in refusal(
        ods_bomb(cells=2000), SpreadsheetLimits(elements=1000, ratio=10_000)
    )


def test_a_document_type_declaration_is_refused_and_no_entity_is_expanded():
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&b;</t></si></sst>'
    )
    data = zip_replacing(xlsx_with_shared_strings(BASE, [b"x"]), {"xl/sharedStrings.xml": laughs})
    assert "declares a document type" in refusal(data)


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"not a zip",
        b"PK\x03\x04cut",
        BASE[: len(BASE) // 2],
        zip_replacing(xlsx_with_shared_strings(BASE, [b"x"]), {"xl/sharedStrings.xml": b"<sst><si>"}),
    ],
)
def test_what_is_not_a_spreadsheet_or_is_damaged_is_refused_as_such(data):
    with pytest.raises(NotASpreadsheet):
        spreadsheet_check(data)


def test_a_part_that_understates_its_size_cannot_expand_past_it():
    """The declared sizes are a safe bound because zipfile stops at them: a part that lies fails its check."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"<a>" + b"x" * 5 * MB + b"</a>")
    data = bytearray(out.getvalue())
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = data.find(signature)
        data[at + offset : at + offset + 4] = struct.pack("<I", 100)
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive, pytest.raises(zipfile.BadZipFile):
        archive.read("xl/worksheets/sheet1.xml")
    with pytest.raises(NotASpreadsheet):
        spreadsheet_check(bytes(data))  # its cells are counted through the same zipfile, which refuses it too
