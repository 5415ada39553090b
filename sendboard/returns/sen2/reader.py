"""Read and validate a SEN2 file as a stream (lxml iterparse): one Person at a time is held in memory.

Every problem is reported with its record (person number and line), field and rule. No names or other
personal data go into a problem's words: an analyst finds the record by its line.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from lxml import etree

from sendboard.returns.framework import Report
from sendboard.returns.sen2.schema import EXT, MODULES, ROOT, SINGLE, Field, Module

TRUE, FALSE = frozenset({"true", "1"}), frozenset({"false", "0"})


@dataclass
class Context:
    """What validation needs from the database, loaded once per file."""

    code_sets: dict[str, frozenset[str]]
    area_ids: dict[str, int]  # LA code -> LocalArea id
    existing_keys: Callable[[int], dict[tuple, int]] = lambda area_id: {}  # child key -> id already in the register
    caseworker_id: Callable[[str], int | None] = lambda username: None


@dataclass
class Header:
    values: dict[str, str] = field(default_factory=dict)
    reference_date: date | None = None
    area_id: int | None = None


def _split(tag: str) -> tuple[str, str]:
    if tag.startswith("{"):
        ns, local = tag[1:].split("}", 1)
        return ns, local
    return "", tag


def _parse_value(f: Field, text: str | None, where: str, report: Report, code_sets) -> object:
    value = (text or "").strip()
    if value == "":
        return None
    if f.kind == "date":
        try:
            if len(value) != 10:
                raise ValueError
            return date.fromisoformat(value)
        except ValueError:
            report.add(where, f.tag, "date", f"{f.tag} must be a date written YYYY-MM-DD, found “{value[:20]}”")
            return None
    if f.kind == "bool":
        lowered = value.lower()
        if lowered in TRUE or lowered in FALSE:
            return lowered in TRUE
        report.add(where, f.tag, "boolean", f"{f.tag} must be true or false, found “{value[:20]}”")
        return None
    if f.kind == "int":
        if value.isdigit() and len(value) < 4:
            return int(value)
        report.add(where, f.tag, "whole number", f"{f.tag} must be a whole number, found “{value[:20]}”")
        return None
    if f.kind == "code":
        allowed = code_sets.get(f.code_list, frozenset())
        if value not in allowed:
            report.add(where, f.tag, "code list", f"{f.tag} “{value[:20]}” is not a code in the {f.code_list} list")
            return None
        return value
    if f.max_length and len(value) > f.max_length:
        report.add(where, f.tag, "length", f"{f.tag} must be {f.max_length} characters or fewer, found {len(value)}")
        return None
    return value


_FIELDS = {m.tag: {(f"{{{EXT}}}{f.tag}" if f.ext else f.tag): f for f in m.fields} for m in MODULES.values()}
_CHILDREN = {m.tag: {MODULES[c].qualified(): MODULES[c] for c in m.children} for m in MODULES.values()}


def element_record(elem, module: Module, where: str, report: Report, code_sets) -> dict:
    """One element and its descendants as a dict: field keys, and a list per child module."""
    record: dict = {"_line": elem.sourceline, "_where": where}
    fields, children = _FIELDS[module.tag], _CHILDREN[module.tag]
    counts: dict[str, int] = {}
    unreadable: set[str] = set()
    for child_module in children.values():
        record[child_module.tag] = []
    for child in elem:
        tag = child.tag
        if not isinstance(tag, str):
            continue
        f = fields.get(tag)
        if f is not None:
            if f.key in record:
                report.add(where, f.tag, "repeated", f"{f.tag} appears more than once in the {module.label}")
            before = report.problem_count
            record[f.key] = _parse_value(f, child.text, where, report, code_sets)
            if report.problem_count > before:
                unreadable.add(f.key)
            continue
        sub = children.get(tag)
        if sub is not None:
            counts[sub.tag] = counts.get(sub.tag, 0) + 1
            if sub.tag in SINGLE and counts[sub.tag] > 1:
                report.add(where, sub.tag, "repeated", f"A {module.label} may hold only one {sub.tag}")
                continue
            inner = f"{where}, {sub.label} {counts[sub.tag]} (line {child.sourceline})"
            record[sub.tag].append(element_record(child, sub, inner, report, code_sets))
            continue
        ns, local = _split(tag)
        if ns not in ("", EXT):
            report.add(where, local, "namespace", f"{local} is in the namespace “{ns[:80]}”, which a SEN2 file does not use")
        else:
            report.add(where, local, "structure", f"{local} is not an element a {module.label} may contain")
    for f in module.fields:
        if f.mandatory and record.get(f.key) is None and f.key not in unreadable:
            report.add(where, f.tag, "mandatory", f"{f.tag} is missing: every {module.label} must have one")
        record.setdefault(f.key, None)
    return record


def _before(report: Report, where: str, field_name: str, earlier: date | None, later: date | None, message: str) -> None:
    if earlier is not None and later is not None and later < earlier:
        report.add(where, field_name, "date order", message)


def person_rules(person: dict, header: Header, report: Report) -> None:
    """The return's rules that relate one field to another within a person's records."""
    where = person["_where"]
    born = person["birth_date"]
    if header.reference_date and born and born > header.reference_date:
        report.add(where, "PersonBirthDate", "date order", "PersonBirthDate is after the return's reference date")
    if not (person["upn"] or person["uln"] or person["upn_unknown"]):
        report.add(where, "UPN", "identifier", "A person needs a UPN, a UniqueLearnerNumber or a UPNunknown reason")
    for request in person["Request"]:
        rw, received = request["_where"], request["received_date"]
        _before(report, rw, "ReceivedDate", born, received, "ReceivedDate is before the person's PersonBirthDate")
        _before(report, rw, "RequestOutcomeDate", received, request["outcome_date"], "RequestOutcomeDate is before ReceivedDate")
        if request["outcome"] and request["outcome_date"] is None:
            report.add(rw, "RequestOutcomeDate", "mandatory", "RequestOutcomeDate is missing: a request with an outcome needs its date")
        if request["Assessment"] and request["outcome"] != "A":
            report.add(rw, "RequestOutcome", "consistency", "An Assessment is recorded but RequestOutcome is not A (decided to assess)")
        for assessment in request["Assessment"]:
            aw = assessment["_where"]
            _before(report, aw, "AssessmentOutcomeDate", received, assessment["outcome_date"], "AssessmentOutcomeDate is before the request's ReceivedDate")
            if assessment["outcome"] and assessment["outcome_date"] is None:
                report.add(aw, "AssessmentOutcomeDate", "mandatory", "AssessmentOutcomeDate is missing: an assessment with an outcome needs its date")
            if assessment["week20_exception_reason"] and not assessment["week20_exception"]:
                report.add(aw, "Week20ExceptionReason", "consistency", "An exception reason is given but Week20 is not true")
            for advice in assessment["Advice"]:
                _before(report, advice["_where"], "Received", advice["requested_date"], advice["received_date"], "Advice Received is before Requested")
            for plan in assessment["NamedPlan"]:
                pw = plan["_where"]
                if assessment["outcome"] != "Y":
                    report.add(pw, "StartDate", "consistency", "A NamedPlan is recorded but AssessmentOutcome is not Y (decided to issue)")
                _before(report, pw, "StartDate", received, plan["start_date"], "StartDate is before the request's ReceivedDate")
                _before(report, pw, "CeaseDate", plan["start_date"], plan["cease_date"], "CeaseDate is before StartDate")
                if bool(plan["cease_date"]) != bool(plan["cease_reason"]):
                    report.add(pw, "CeaseReason", "consistency", "CeaseDate and CeaseReason must be given together")
                _setting_rules(plan["PlanDetail"], report)
        for active in request["ActivePlan"]:
            _setting_rules(active["PlacementDetail"], report)
            for placement in active["PlacementDetail"]:
                _before(report, placement["_where"], "LeavingDate", placement["entry_date"], placement["leaving_date"], "LeavingDate is before EntryDate")
            ranks = [need["rank"] for need in active["SENneed"] if need["rank"] is not None]
            if len(ranks) != len(set(ranks)):
                report.add(active["_where"], "SENtypeRank", "unique", "Two SEN needs share a SENtypeRank: ranks must be 1, 2, 3 …")


def _setting_rules(settings: list[dict], report: Report) -> None:
    for setting in settings:
        if not (setting["urn"] or setting["ukprn"] or setting["sen_setting"]):
            report.add(setting["_where"], "URN", "identifier", "A setting needs a URN, a UKPRN or a SENsetting code")


def person_key(person: dict) -> tuple:
    """How a child is recognised twice: by UPN, else ULN, else name and date of birth."""
    if person["upn"]:
        return ("upn", person["upn"])
    if person["uln"]:
        return ("uln", person["uln"])
    return ("name", (person["surname"] or "").lower(), (person["forename"] or "").lower(), person["birth_date"])


def _header(elem, report: Report, context: Context) -> Header:
    header = Header()
    for section in elem:
        if not isinstance(section.tag, str):
            continue
        for item in section:
            if isinstance(item.tag, str):
                header.values[item.tag] = (item.text or "").strip()
    where = f"Header (line {elem.sourceline})"
    if header.values.get("Collection") != "SEN2":
        report.add(where, "Collection", "header", f"Collection must be SEN2, found “{header.values.get('Collection', '')[:20]}”")
    try:
        header.reference_date = date.fromisoformat(header.values.get("ReferenceDate", ""))
    except ValueError:
        report.add(where, "ReferenceDate", "date", "ReferenceDate is missing or is not a date written YYYY-MM-DD")
    lea = header.values.get("LEA", "")
    header.area_id = context.area_ids.get(lea)
    if header.area_id is None:
        report.add(where, "LEA", "header", f"LEA “{lea[:10]}” is not the code of a local area sendboard serves")
    return header


def _syntax_problem(path: Path, error: etree.XMLSyntaxError, report: Report) -> None:
    size = path.stat().st_size
    if size == 0:
        report.add("File", "", "well-formed XML", "The file is empty")
        return
    lines, last_newline, offset = 0, -1, 0
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            lines += block.count(b"\n")
            if b"\n" in block:
                last_newline = offset + block.rindex(b"\n")
            offset += len(block)
    line, column = error.position if error.position else (error.lineno or 0, 0)
    last_line_length = size - last_newline - 1
    # The parser stopped on the file's last line, at its end: the file was cut short, not mis-written.
    if line >= lines + 1 and column >= last_line_length - 1:
        report.add(f"Line {line}", "", "complete file",
                   "The file ends before the SEN2 message is complete: it looks truncated. Export it again and upload the whole file")
    else:
        report.add(f"Line {line}", "", "well-formed XML", f"The file is not well-formed XML: {error.msg}")


def read_persons(path: Path, report: Report, context: Context) -> Iterator[tuple[Header, dict]]:
    """Yield (header, person) for every person that has no problem, while reporting every problem in the file."""
    header: Header | None = None
    number = 0
    seen: dict[tuple, int] = {}
    existing: dict[tuple, int] = {}
    root_checked = False
    events = etree.iterparse(str(path), events=("end",), tag=("Header", "Person"), resolve_entities=False,
                             no_network=True, remove_comments=True, remove_pis=True, load_dtd=False)
    try:
        for _, elem in events:
            if not root_checked:
                root_checked = True
                if not _root_ok(elem.getroottree().getroot(), report):
                    return
            if elem.tag == "Header":
                header = _header(elem, report, context)
                existing = context.existing_keys(header.area_id) if header.area_id else {}
                elem.clear()
                continue
            number += 1
            where = f"Person {number} (line {elem.sourceline})"
            parent = elem.getparent()
            if parent is None or parent.tag != "Persons":
                report.add(where, "Person", "structure", "A Person must be inside Persons")
            if header is None:
                report.add(where, "Header", "structure", "The Header must come before the first Person")
                header = Header()
                existing = {}
            problems_before = report.problem_count
            person = element_record(elem, MODULES["Person"], where, report, context.code_sets)
            person_rules(person, header, report)
            key = person_key(person)
            if key in seen:
                report.add(where, "UPN" if key[0] == "upn" else "Person", "duplicate child",
                           f"This child already appears as person {seen[key]} in this file")
            else:
                seen[key] = number
                if key in existing:
                    # A later return replaces what the register holds for a child it already has.
                    person["replaces"] = existing[key]
                    report.count("already in the register")
            if person["caseworker"] is not None:
                person["caseworker_id"] = context.caseworker_id(person["caseworker"])
                if person["caseworker_id"] is None:
                    report.add(where, "Caseworker", "known user", "Caseworker is not the username of a caseworker or team manager")
            report.count("person")
            if report.progress and number % 1000 == 0:
                report.progress(number)
            elem.clear(keep_tail=False)
            while elem.getprevious() is not None:
                del parent[0]
            if report.problem_count == problems_before:
                yield header, person
    except etree.XMLSyntaxError as error:
        _syntax_problem(path, error, report)
        return
    if not root_checked:
        root = events.root
        if root is None or not _root_ok(root, report):
            return
        report.add("File", "Header", "structure", "The file has no Header")
    elif header is None:
        report.add("File", "Header", "structure", "The file has no Header")


def _root_ok(root, report: Report) -> bool:
    ns, local = _split(root.tag)
    if ns:
        report.add("Line 1", local, "namespace",
                   f"The root element is in the namespace “{ns[:80]}”: a SEN2 file's elements are in no namespace")
        return False
    if local != ROOT:
        report.add("Line 1", local, "structure", f"The root element must be {ROOT}, found {local[:40]}")
        return False
    return True
