"""Limits every zipped spreadsheet (xlsx, ODS) must meet before any reader opens it (ADR 0066).

A spreadsheet is a zip of XML parts, and a small file can declare parts that expand a thousandfold, or hold a
million tiny shared strings or cells, each of which a reader keeps in memory. So before openpyxl or odfpy sees a
file, ``spreadsheet_check`` reads only the zip's end record and central directory and the XML it must count:

- the number of parts, read from the end record before the central directory is parsed;
- the declared uncompressed size of the parts together, and of each part against its compressed size. Python's
  ``zipfile`` (which openpyxl and odfpy both read through) never returns more than a part's declared size: a part
  that lies about its size fails its CRC check instead of expanding;
- in every XML part (readers find parts through relationships, not by name): for xlsx, the shared strings and
  the cells, and for ODS, every element, counted by streaming without building a tree, stopping at the limit,
  with a document type declaration (and so any entity) refused.

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
    elements: int = 100_000  # ODS: elements in all its XML (odfpy keeps each as an object, about 1.3 KB); xlsx: cells


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
    (parts,) = struct.unpack("<H", tail[at + 10 : at + 12])
    handle.seek(0)
    return parts


class _Counter:
    """Counts elements across every XML part of one file with expat, which builds no tree, so memory stays flat.
    ``limited`` maps an element name (``None``: every element) to its limit and the words for it; elements of other
    names (rows, values, text runs) are capped at ``OTHER_ELEMENTS`` times the limits together, so that no part can
    make the count itself slow. A document type declaration (the only place entities are declared) is refused as
    soon as it starts."""

    def __init__(self, limited: dict[str | None, tuple[int, str]]) -> None:
        self.limited = limited
        self.counts = dict.fromkeys(limited, 0)
        self.others = 0
        self.others_limit = OTHER_ELEMENTS * sum(limit for limit, _ in limited.values())

    def element_start(self, name: str, _attributes) -> None:
        key = name if name in self.limited else None if None in self.limited else ""
        if key == "":
            self.others += 1
            if self.others > self.others_limit:
                raise SpreadsheetRefused(
                    f"The file has more than {self.others_limit:,} rows and other elements: split it into smaller files"
                )
            return
        self.counts[key] += 1
        limit, what = self.limited[key]
        if self.counts[key] > limit:
            raise SpreadsheetRefused(f"The file has more than {limit:,} {what}: split it into smaller files")

    def count(self, stream, name: str) -> None:
        def doctype_start(*_arguments):
            raise SpreadsheetRefused("The file's XML declares a document type, which spreadsheets never do")

        parser = expat.ParserCreate(namespace_separator=" ")
        parser.StartElementHandler = self.element_start
        parser.StartDoctypeDeclHandler = doctype_start
        try:
            parser.ParseFile(stream)
        except expat.ExpatError:
            raise NotASpreadsheet(f"The file is damaged: its part {name} cannot be read") from None


def _is_xml(archive: zipfile.ZipFile, name: str) -> bool:
    """Whether a part is XML (every part a reader parses is; pictures and other binary parts are not)."""
    with archive.open(name) as stream:
        return stream.read(64).lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<")


def spreadsheet_check(source: Path | bytes, *, limits: SpreadsheetLimits | None = None) -> None:
    """Refuse (raise ``SpreadsheetRefused``) a zipped spreadsheet that breaks a limit; return quietly otherwise."""
    limits = limits or SpreadsheetLimits()
    handle = io.BytesIO(source) if isinstance(source, bytes | bytearray) else Path(source).open("rb")
    with handle:
        parts = _declared_parts(handle)
        if parts > limits.parts or parts == 0xFFFF:
            raise SpreadsheetRefused(
                f"The file has more than {limits.parts} parts: spreadsheets have far fewer; save it again from "
                "the spreadsheet program"
            )
        try:
            archive = zipfile.ZipFile(handle)
        except (zipfile.BadZipFile, OSError, ValueError, struct.error):
            raise NotASpreadsheet("The file is not a spreadsheet: it is not a zip file, or it is damaged") from None
        with archive:
            members = archive.infolist()
            if len(members) > limits.parts:
                raise SpreadsheetRefused(
                    f"The file has more than {limits.parts} parts: spreadsheets have far fewer; save it again "
                    "from the spreadsheet program"
                )
            total = 0
            for member in members:
                total += member.file_size
                if member.file_size > limits.ratio_from and member.file_size > limits.ratio * max(
                    member.compress_size, 1
                ):
                    raise SpreadsheetRefused(
                        f"The file expands more than {limits.ratio} times when opened, which spreadsheets do not: "
                        "it may be built to exhaust the server; save it again from the spreadsheet program"
                    )
            if total > limits.uncompressed:
                raise SpreadsheetRefused(
                    f"The file holds more than {limits.uncompressed // MB} MB when opened: split it into smaller files"
                )
            names = [member.filename for member in members]
            # Readers find parts through relationships, not by name, so every XML part is counted. An ODS is read
            # whole into odfpy's objects: all its elements count; in an xlsx, the shared strings and the cells.
            if "content.xml" in names:
                counter = _Counter({None: (limits.elements, "cells and other elements")})
            else:
                counter = _Counter(
                    {
                        _SPREADSHEETML + "si": (limits.shared_strings, "different pieces of text"),
                        _SPREADSHEETML + "c": (limits.elements, "cells"),
                    }
                )
            try:
                for name in names:
                    if _is_xml(archive, name):
                        with archive.open(name) as stream:
                            counter.count(stream, name)
            except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError):
                raise NotASpreadsheet("The file is damaged: a part of it cannot be unpacked") from None
