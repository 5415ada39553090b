"""Write SEN2 files, one Person at a time (lxml incremental writing): used by the exporter and the generator.

Records have the shape the reader produces: field keys, and a list per child module. Empty values are left
out; SEN2's indicators are always written, ``1`` or ``0`` (technical specification, section 3.2), so that a
file written here and read back is written again byte for byte the same.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import BinaryIO

from lxml import etree

from sendboard.returns.sen2.schema import EXT, HEADER_FIELDS, MODULES, ROOT, Module


def _text(kind: str, value) -> str | None:
    if kind == "bool":
        return "1" if value else "0"
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def module_element(record: dict, module: Module, parent: etree._Element | None = None) -> etree._Element:
    if parent is None:
        elem = etree.Element(module.qualified(), nsmap={"sb": EXT})
    else:
        elem = etree.SubElement(parent, module.qualified())
    for f in module.fields:
        text = _text(f.kind, record.get(f.key))
        if text is not None:
            etree.SubElement(elem, f.qualified()).text = text
    for child in module.children:
        for child_record in record.get(child, ()):
            module_element(child_record, MODULES[child], elem)
    return elem


def write_sen2(out: BinaryIO, *, header: dict[str, str], persons: Iterable[dict]) -> int:
    """Write a whole SEN2 message; returns the number of persons written."""
    count = 0
    with etree.xmlfile(out, encoding="UTF-8") as xf:
        xf.write_declaration()
        with xf.element(ROOT, nsmap={"sb": EXT}):
            xf.write("\n")
            header_elem = etree.Element("Header")
            sections: dict[str, etree._Element] = {}
            for section, item in HEADER_FIELDS:
                if section not in sections:
                    sections[section] = etree.SubElement(header_elem, section)
                etree.SubElement(sections[section], item).text = header[item]
            xf.write(header_elem)
            xf.write("\n")
            with xf.element("Persons"):
                xf.write("\n")
                for person in persons:
                    xf.write(module_element(person, MODULES["Person"]))
                    xf.write("\n")
                    count += 1
            xf.write("\n")
    return count
