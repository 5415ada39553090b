"""Small spreadsheets that expand hugely when opened (decompression bombs), built in memory for the tests, and a
measure of the memory a reader took to refuse them."""

from __future__ import annotations

import io
import tracemalloc
import zipfile
from collections.abc import Callable
from xml.sax.saxutils import escape

from openpyxl import Workbook

MB = 1024 * 1024


def zip_replacing(base: bytes, parts: dict[str, bytes]) -> bytes:
    """``base`` (a zip) with some parts replaced or added, every part deflated as hard as it goes."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(base)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target,
    ):
        for info in source.infolist():
            if info.filename not in parts:
                target.writestr(info.filename, source.read(info.filename))
        for name, data in parts.items():
            target.writestr(name, data)
    return out.getvalue()


def workbook_bytes(rows: list[list], sheet: str = "Sheet") -> bytes:
    book = Workbook()
    book.active.title = sheet
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def xlsx_sheet_bomb(base: bytes, *, megabytes: int = 80) -> bytes:
    """The first sheet replaced by ``megabytes`` of identical rows: about 80 KB on disk for 80 MB of XML."""
    row = b'<row><c t="inlineStr"><is><t>x</t></is></c></row>'
    body = row * (megabytes * MB // len(row))
    sheet = (
        b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b"<sheetData>" + body + b"</sheetData></worksheet>"
    )
    return zip_replacing(base, {"xl/worksheets/sheet1.xml": sheet})


def xlsx_with_shared_strings(base: bytes, strings: list[bytes], *, sheet: bytes | None = None) -> bytes:
    """``base`` given a shared-strings part (as Excel writes; openpyxl writes inline strings), linked from the
    workbook, and optionally a new first sheet."""
    with zipfile.ZipFile(io.BytesIO(base)) as source:
        rels = source.read("xl/_rels/workbook.xml.rels")
        types = source.read("[Content_Types].xml")
    rels = rels.replace(
        b"</Relationships>",
        b'<Relationship Id="rIdSST" Target="sharedStrings.xml" Type="http://schemas.'
        b'openxmlformats.org/officeDocument/2006/relationships/sharedStrings"/></Relationships>',
    )
    types = types.replace(
        b"</Types>",
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
        b'officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    )
    part = (
        b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        + b"".join(b"<si><t>" + text + b"</t></si>" for text in strings)
        + b"</sst>"
    )
    parts = {"xl/sharedStrings.xml": part, "xl/_rels/workbook.xml.rels": rels, "[Content_Types].xml": types}
    if sheet is not None:
        parts["xl/worksheets/sheet1.xml"] = sheet
    return zip_replacing(base, parts)


def xlsx_shared_strings_bomb(base: bytes, *, count: int = 300_000) -> bytes:
    """Shared strings a reader would hold one Python string each for: a few hundred KB on disk."""
    return xlsx_with_shared_strings(base, [b"%d" % n for n in range(count)])


def ods_bomb(*, cells: int = 400_000) -> bytes:
    """An OpenDocument spreadsheet of ``cells`` empty cells: tens of KB on disk, hundreds of MB in odfpy."""
    cell = b"<table:table-cell/>"
    return ods_bytes((b"<table:table-row>" + cell * 1000 + b"</table:table-row>") * (cells // 1000))


def ods_of(rows: list[list[str]], *, sheet: str) -> bytes:
    """An OpenDocument spreadsheet with one sheet of text cells."""

    def cell(text: str) -> bytes:
        return (
            b'<table:table-cell office:value-type="string"><text:p>'
            + escape(text).encode()
            + b"</text:p></table:table-cell>"
        )

    body = b"".join(b"<table:table-row>" + b"".join(map(cell, row)) + b"</table:table-row>" for row in rows)
    return ods_bytes(body, sheet=sheet)


def ods_bytes(rows: bytes, *, sheet: str = "Sheet1") -> bytes:
    content = (
        b'<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        b'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        b'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        b'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" office:version="1.2"><office:body>'
        b'<office:spreadsheet><table:table table:name="'
        + sheet.encode()
        + b'">'
        + rows
        + b"</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), b"application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content)
        archive.writestr(
            "META-INF/manifest.xml",
            b'<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
            b'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry '
            b'manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
            b'<manifest:file-entry manifest:full-path="content.xml" '
            b'manifest:media-type="text/xml"/></manifest:manifest>',
        )
    return out.getvalue()


def peak_memory(call: Callable[[], object]) -> int:
    """The most memory (bytes, Python allocations) ``call`` held at once."""
    tracemalloc.start()
    try:
        call()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
