"""Write SEN2 files, one Person at a time (lxml incremental writing): used by the exporter and the generator.

Records have the shape the reader produces: field keys, and a list per child module. Each collection year's
items are written in the order that year's structure requires (``years.py``). Empty values are left out; SEN2's
indicators are always written, ``1`` or ``0`` (technical specification, section 3.2), so that a file written here
and read back is written again byte for byte the same.

Two files are written (ADR 0130): the **SEN2 return** (``extras=False``), holding only the DfE's items, which is
what a council submits; and **sendboard's own file** (``extras=True``), the same with sendboard's casework items
(advice requests, the draft plan date, reasons for missed timescales, the caseworker …) in sendboard's namespace
after each module's DfE items, so that nothing is lost when a register is moved from one sendboard to another.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import BinaryIO

from lxml import etree

from sendboard.returns.sen2.schema import EXT, HEADER_FIELDS, MODULES, ROOT, Field, Module
from sendboard.returns.sen2.years import NEWEST, OFFICER_NAMES, Collection, collection_for, prepare


def _text(kind: str, value) -> str | None:
    if kind == "bool":
        return "1" if value else "0"
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _field(elem: etree._Element, record: dict, f: Field) -> None:
    text = _text(f.kind, record.get(f.key))
    if text is not None:
        etree.SubElement(elem, f.qualified()).text = text


def module_element(
    record: dict,
    module: Module,
    parent: etree._Element | None = None,
    *,
    collection: Collection = NEWEST,
    extras: bool = True,
) -> etree._Element:
    if parent is None:
        elem = etree.Element(module.qualified(), nsmap={"sb": EXT} if extras else None)
    else:
        elem = etree.SubElement(parent, module.qualified())
    if module.ext:
        for f in module.fields:
            _field(elem, record, f)
        return elem
    for part in collection.elements(module):
        if type(part) is Field:
            _field(elem, record, part)
        else:
            for child_record in record.get(part.tag, ()):
                module_element(child_record, part, elem, collection=collection, extras=extras)
    if extras:
        for f in module.fields:
            if f.ext:
                _field(elem, record, f)
        for child in module.children:
            if MODULES[child].ext:
                for child_record in record.get(child, ()):
                    module_element(child_record, MODULES[child], elem, collection=collection, extras=extras)
    return elem


def write_sen2(out: BinaryIO, *, header: dict[str, str], persons: Iterable[dict], extras: bool = True) -> int:
    """Write a whole SEN2 message for the collection year of ``header["Year"]``; returns the number of persons."""
    collection = collection_for(header.get("Year")) or NEWEST
    count = 0
    with etree.xmlfile(out, encoding="UTF-8") as xf:
        xf.write_declaration()
        with xf.element(ROOT, nsmap={"sb": EXT} if extras else None):
            xf.write("\n")
            header_elem = etree.Element("Header")
            sections: dict[str, etree._Element] = {}
            for section, item in HEADER_FIELDS:
                if header.get(item) is None or (item in OFFICER_NAMES and item not in collection.officers):
                    continue
                if section not in sections:
                    sections[section] = etree.SubElement(header_elem, section)
                etree.SubElement(sections[section], item).text = header[item]
            xf.write(header_elem)
            xf.write("\n")
            with xf.element("Persons"):
                xf.write("\n")
                for person in persons:
                    xf.write(
                        module_element(
                            prepare(person, collection), MODULES["Person"], collection=collection, extras=extras
                        )
                    )
                    xf.write("\n")
                    count += 1
            xf.write("\n")
    return count
