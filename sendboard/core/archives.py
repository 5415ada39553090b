"""Limits every zipped spreadsheet (xlsx, ODS) must meet before any reader opens it (ADR 0066).

A spreadsheet is a zip of XML parts, and a small file can declare parts that expand a thousandfold, or hold a
million tiny shared strings or cells, each of which a reader keeps in memory. So before openpyxl or odfpy sees a
file, ``spreadsheet_check`` reads only the zip's end record and central directory and the XML it must count:

- the number of parts, read from the end record before the central directory is parsed;
- the declared uncompressed size of the parts together, and of each part against its compressed size. Python's
  ``zipfile`` (which openpyxl and odfpy both read through) never returns more than a part's declared size: a part
  that lies about its size fails its CRC check instead of expanding;
- for xlsx, the shared strings and each sheet's cells, and for ODS, the elements of ``content.xml``, counted by
  streaming the part without building a tree, stopping at the limit, with a document type declaration (and so
  any entity) refused.

A file over any limit is refused with a message saying which limit, in words an uploader can act on.
"""

from __future__ import annotations

import io
import struct
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.parsers import expat

MB = 1024 * 1024
_END_RECORD = b"PK\x05\x06"
_SHARED_STRINGS = "xl/sharedStrings.xml"
OTHER_ELEMENTS = 5  # rows, values and text runs around each counted cell or string: real files have 1 to 3
_SPREADSHEETML = "http://schemas.openxmlformats.org/spreadsheetml/2006/main "  # expat's "namespace name" form


class SpreadsheetRefused(Exception):
    """The file breaks a limit, or is not a zip at all; ``message`` says which, for the uploader."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotASpreadsheet(SpreadsheetRefused):
    """The file is not a zip, or a part of it is damaged: the caller names the format it expected."""


@dataclass(frozen=True)
class SpreadsheetLimits:
    parts: int = 100
    uncompressed: int = 50 * MB  # every part's declared size, together
    ratio: int = 100  # a part's declared size over its compressed size, for parts over ``ratio_from`` bytes
    ratio_from: int = 1 * MB
    shared_strings: int = 200_000  # xlsx: <si> entries in xl/sharedStrings.xml
    elements: int = 100_000  # ODS: elements in content.xml (odfpy keeps each as an object, about 1.3 KB); xlsx: cells per sheet


def _declared_parts(handle) -> int:
    """The number of parts the end record declares, read before ``zipfile`` builds its list of them."""
    handle.seek(0, io.SEEK_END)
    size = handle.tell()
    tail_length = min(size, 22 + 65535)
    handle.seek(size - tail_length)
    tail = handle.read(tail_length)
    at = tail.rfind(_END_RECORD)
    if at < 0 or at + 22 > len(tail):
        raise NotASpreadsheet("The file is not a spreadsheet: it is not a zip file, or it is cut short")
    (parts,) = struct.unpack("<H", tail[at + 10: at + 12])
    handle.seek(0)
    return parts


def _count(stream, *, tag: str | None, limit: int, what: str) -> int:
    """Count elements (those named ``tag``, or every one) by streaming with expat, which builds no tree, so memory
    stays flat; stop past ``limit``, or past ``OTHER_ELEMENTS`` times ``limit`` elements of other names (rows,
    values, text runs), so that no part can make the count itself slow. A document type declaration (the only
    place entities are declared) is refused as soon as it starts."""
    counts = {"tagged": 0, "others": 0}

    def element_start(name, _attributes):
        if tag is None or name == tag:
            counts["tagged"] += 1
            if counts["tagged"] > limit:
                raise SpreadsheetRefused(f"The file has more than {limit:,} {what}: split it into smaller files")
        else:
            counts["others"] += 1
            if counts["others"] > OTHER_ELEMENTS * limit:
                raise SpreadsheetRefused(f"The file has more than {OTHER_ELEMENTS * limit:,} rows and other elements "
                                         f"around its {what}: split it into smaller files")

    def doctype_start(*_arguments):
        raise SpreadsheetRefused("The file's XML declares a document type, which spreadsheets never do")

    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = element_start
    parser.StartDoctypeDeclHandler = doctype_start
    try:
        parser.ParseFile(stream)
    except expat.ExpatError:
        raise NotASpreadsheet(f"The file is damaged: its {what} cannot be read") from None
    return counts["tagged"]


def spreadsheet_check(source: Path | bytes, *, limits: SpreadsheetLimits | None = None) -> None:
    """Refuse (raise ``SpreadsheetRefused``) a zipped spreadsheet that breaks a limit; return quietly otherwise."""
    limits = limits or SpreadsheetLimits()
    handle = io.BytesIO(source) if isinstance(source, bytes | bytearray) else Path(source).open("rb")
    with handle:
        parts = _declared_parts(handle)
        if parts > limits.parts or parts == 0xFFFF:
            raise SpreadsheetRefused(f"The file has more than {limits.parts} parts: spreadsheets have far fewer; save it again from the spreadsheet program")
        try:
            archive = zipfile.ZipFile(handle)
        except (zipfile.BadZipFile, OSError, ValueError, struct.error):
            raise NotASpreadsheet("The file is not a spreadsheet: it is not a zip file, or it is damaged") from None
        with archive:
            members = archive.infolist()
            if len(members) > limits.parts:
                raise SpreadsheetRefused(f"The file has more than {limits.parts} parts: spreadsheets have far fewer; save it again from the spreadsheet program")
            total = 0
            for member in members:
                total += member.file_size
                if member.file_size > limits.ratio_from and member.file_size > limits.ratio * max(member.compress_size, 1):
                    raise SpreadsheetRefused(f"The file expands more than {limits.ratio} times when opened, which spreadsheets do not: "
                                             "it may be built to exhaust the server; save it again from the spreadsheet program")
            if total > limits.uncompressed:
                raise SpreadsheetRefused(f"The file holds more than {limits.uncompressed // MB} MB when opened: split it into smaller files")
            names = {member.filename for member in members}
            try:
                if _SHARED_STRINGS in names:
                    with archive.open(_SHARED_STRINGS) as stream:
                        _count(stream, tag=_SPREADSHEETML + "si", limit=limits.shared_strings, what="different pieces of text")
                for name in sorted(names):
                    if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                        with archive.open(name) as stream:
                            _count(stream, tag=_SPREADSHEETML + "c", limit=limits.elements, what="cells in one sheet")
                if "content.xml" in names:
                    with archive.open("content.xml") as stream:
                        _count(stream, tag=None, limit=limits.elements, what="cells and other elements")
            except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError):
                raise NotASpreadsheet("The file is damaged: a part of it cannot be unpacked") from None
