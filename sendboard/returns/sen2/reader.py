"""Read and validate a SEN2 file as a stream (lxml iterparse): one Person at a time is held in memory.

Every problem is reported with its record (person number and line), field and rule. No names or other
personal data go into a problem's words: an analyst finds the record by its line. Where the DfE (or its
common basic data set, CBDS) numbers a rule, the problem's rule names that number (ADR 0026).

The per-element work is the import's cost (see bench/): each module's fields and child modules are looked up
in one dict by element name, values are parsed inline, and a record's place in the file is kept as a small
tuple that is spelled out only when a problem is reported.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from lxml import etree

from sendboard.core.upn import UPN_LETTERS, upn_check_letter
from sendboard.returns.framework import Report
from sendboard.returns.sen2.schema import EXT, MODULES, ROOT, SINGLE, Field, Module
from sendboard.returns.sen2.years import (
    COLLECTIONS,
    GENDER_TO_SEX,
    NEWEST,
    OFFICER_CODES,
    OFFICER_NAMES,
    Collection,
    collection_for,
    settle,
)

TRUE, FALSE = frozenset({"true", "1"}), frozenset({"false", "0"})
_fromisoformat = date.fromisoformat

# The DfE's rules this reader applies, by number (CBDS common UPN rules, as every COLLECT return applies them).
RULE_UPN_CHECK_LETTER = "1510"  # UPN invalid (wrong check letter at character 1)
RULE_UPN_DUPLICATE = "1520"  # more than one record with the same UPN
RULE_UPN_DIGITS = "1540"  # UPN invalid (characters 5-12 not all numeric)
RULE_UPN_LAST = "1550"  # UPN invalid (character 13 not a recognised value)


def upn_problems(upn: str) -> list[tuple[str, str]]:
    """(DfE rule, message) for each way a 13-character UPN breaks the CBDS rules."""
    if len(upn) != 13:
        return [(RULE_UPN_DIGITS, f"DfE rule {RULE_UPN_DIGITS}: UPN must be 13 characters, found {len(upn)}")]
    problems = []
    if not upn[4:12].isdigit():
        problems.append((RULE_UPN_DIGITS, f"DfE rule {RULE_UPN_DIGITS}: UPN invalid (characters 5-12 not all numeric)"))
    if not (upn[12].isdigit() or upn[12] in UPN_LETTERS):
        problems.append((RULE_UPN_LAST, f"DfE rule {RULE_UPN_LAST}: UPN invalid (character 13 not a recognised value)"))
    if not problems and upn[1:4].isdigit() and upn[0] != upn_check_letter(upn[1:]):
        problems.append(
            (
                RULE_UPN_CHECK_LETTER,
                f"DfE rule {RULE_UPN_CHECK_LETTER}: UPN invalid (wrong check letter at character 1)",
            )
        )
    return problems


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
    collection: Collection = NEWEST  # the collection year the file is read as (the newest where its Year is not one)


def _split(tag: str) -> tuple[str, str]:
    if tag.startswith("{"):
        ns, local = tag[1:].split("}", 1)
        return ns, local
    return "", tag


def where(record: dict) -> str:
    """A record's place in the file, in words: "Person 3 (line 40), request 1 (line 52)"."""
    return _place(record["_at"])


def _place(at: tuple) -> str:
    # A place is (the parent's place, label, number, line): tuples, never the parent record itself, so that no
    # record refers back to the one holding it and each is freed the moment it is written (no reference cycles
    # for the garbage collector to find, see ADR 0028).
    parent, label, number, line = at
    head = f"{label} {number} (line {line})"
    return head if parent is None else f"{_place(parent)}, {head}"


def _bad_value(report: Report, record: dict, f: Field, value: str, reading: YearReading) -> None:
    """Report why ``value`` is not a valid ``f`` (called only once a fast check has failed)."""
    at = where(record)
    if f.kind == "date":
        report.add(at, f.tag, "date", f"{f.tag} must be a date written YYYY-MM-DD, found “{value[:20]}”")
    elif f.kind == "bool":
        report.add(at, f.tag, "boolean", f"{f.tag} must be 1 (yes) or 0 (no), found “{value[:20]}”")
    elif f.kind == "int":
        report.add(at, f.tag, "whole number", f"{f.tag} must be a whole number, found “{value[:20]}”")
    elif f.kind == "code":
        year = reading.collection.year
        if value in reading.all_codes.get(f.code_list, ()):
            report.add(
                at,
                f.tag,
                "code list",
                f"{f.tag} “{value[:20]}” is not a code of the {year} collection's {f.code_list} list",
            )
        else:
            report.add(at, f.tag, "code list", f"{f.tag} “{value[:20]}” is not a code in the {f.code_list} list")
    elif f.kind == "la":
        report.add(
            at, f.tag, "format", f"{f.tag} must be the three-digit code of a local authority, found “{value[:20]}”"
        )
    elif f.kind == "digits":
        report.add(at, f.tag, "format", f"{f.tag} must be {f.max_length} digits, found “{value[:20]}”")
    else:
        report.add(at, f.tag, "length", f"{f.tag} must be {f.max_length} characters or fewer, found {len(value)}")


def _fields_of(module_fields) -> dict[str, Field]:
    fields = {}
    for f in module_fields:
        fields[f.qualified()] = f
        for alias in f.aliases:
            fields[alias] = f
    return fields


class YearReading:
    """What reading one collection year's persons needs: per module, element name -> Field or child Module (the
    year's DfE items, their other spellings, and sendboard's own items), the fields each module must hold, and
    the year's codes."""

    def __init__(self, collection: Collection, code_sets: dict[str, frozenset[str]]) -> None:
        self.collection = collection
        self.lookup: dict[str, dict[str, Field | Module]] = {}
        self.fields: dict[str, tuple[Field, ...]] = {}
        for m in MODULES.values():
            if m.ext:
                fields = m.fields
                children = tuple(MODULES[c] for c in m.children)
            else:
                fields = (*collection.fields(m), *(f for f in m.fields if f.ext))
                children = (
                    *(e for e in collection.elements(m) if type(e) is Module),
                    *(MODULES[c] for c in m.children if MODULES[c].ext),
                )
            self.fields[m.tag] = fields
            self.lookup[m.tag] = {**_fields_of(fields), **{c.qualified(): c for c in children}}
        self.code_sets = {
            name: codes - collection.not_in_year.get(name, frozenset()) for name, codes in code_sets.items()
        }
        self.code_sets["GenderCurrent"] = frozenset(GENDER_TO_SEX)
        self.all_codes = code_sets


_EMPTY_RECORD = {m.tag: {**{f.key: None for f in m.fields}, **{c: None for c in m.children}} for m in MODULES.values()}


_BAD = object()  # a value its field cannot hold


def _as_bool(value: str, entry: Field, code_sets: dict):
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    lowered = value.lower()
    if lowered in TRUE or lowered in FALSE:
        return lowered in TRUE
    return _BAD


def _as_date(value: str, entry: Field, code_sets: dict):
    if len(value) == 10:
        try:
            return _fromisoformat(value)
        except ValueError:
            pass
    return _BAD


def _as_code(value: str, entry: Field, code_sets: dict):
    return value if value in code_sets.get(entry.code_list, ()) else _BAD


def _as_text(value: str, entry: Field, code_sets: dict):
    return value if not entry.max_length or len(value) <= entry.max_length else _BAD


def _as_int(value: str, entry: Field, code_sets: dict):
    return int(value) if value.isdigit() and len(value) < 4 else _BAD


def _as_digits(value: str, entry: Field, code_sets: dict):
    return value if value.isdigit() and len(value) == entry.max_length else _BAD


# How each kind of field reads its text; "la" is read by ``_field_read`` (it may hold an older indicator).
_READERS = {"bool": _as_bool, "date": _as_date, "code": _as_code, "text": _as_text, "int": _as_int}


def _field_read(record: dict, entry: Field, value: str, code_sets: dict) -> bool:
    """Put a field's value in the record; False when the field cannot hold it."""
    if entry.kind == "la":
        # A local authority's three-digit code; sendboard's files before 2027 wrote an indicator here.
        if value.isdigit() and len(value) == 3:
            record[entry.key] = value
            return True
        if value in TRUE or value in FALSE:
            record["exported"] = record.get("exported") or value in TRUE
            return True
        return False
    read = _READERS.get(entry.kind, _as_digits)(value, entry, code_sets)
    if read is _BAD:
        return False
    record[entry.key] = read
    return True


def _child_module(child, entry: Module, module: Module, record: dict, report: Report, reading: YearReading) -> None:
    siblings = record[entry.tag]
    if entry.tag in SINGLE and siblings:
        message = f"{_capital(_an(module.label))} may hold only one {entry.element or entry.tag}"
        report.add(where(record), entry.tag, "repeated", message)
        return
    at = (record["_at"], entry.label, len(siblings) + 1, child.sourceline)
    siblings.append(element_record(child, entry, at, report, reading))


def _child_field(
    child, entry: Field, module: Module, record: dict, report: Report, reading: YearReading, unreadable: set[str]
) -> None:
    key = entry.key
    if record[key] is not None or key in unreadable:
        report.add(where(record), entry.tag, "repeated", f"{entry.tag} appears more than once in the {module.label}")
    value = (child.text or "").strip()
    if value and not _field_read(record, entry, value, reading.code_sets):
        _bad_value(report, record, entry, value, reading)
        unreadable.add(key)


def element_record(elem, module: Module, at: tuple, report: Report, reading: YearReading) -> dict:
    """One element and its descendants as a dict: field keys, and a list per child module."""
    record = dict(_EMPTY_RECORD[module.tag])
    record["_at"] = at
    for child_tag in module.children:
        record[child_tag] = []
    lookup = reading.lookup[module.tag]
    unreadable: set[str] = set()
    for child in elem:
        entry = lookup.get(child.tag)
        if entry is None:
            if isinstance(child.tag, str):
                _unknown(child.tag, module, record, report, reading.collection.year)
        elif type(entry) is Module:
            _child_module(child, entry, module, record, report, reading)
        else:
            _child_field(child, entry, module, record, report, reading, unreadable)
    if unreadable:
        record["_unreadable"] = unreadable  # already reported: rules relating fields leave these alone
    for f in reading.fields[module.tag]:
        if f.mandatory and record[f.key] is None and f.key not in unreadable:
            report.add(where(record), f.tag, "mandatory", f"{f.tag} is missing: every {module.label} must have one")
    return record


def _unknown(tag: str, module: Module, record: dict, report: Report, year: int) -> None:
    ns, local = _split(tag)
    if ns not in ("", EXT):
        report.add(
            where(record),
            local,
            "namespace",
            f"{local} is in the namespace “{ns[:80]}”, which a SEN2 file does not use",
        )
    elif not ns and _in_other_year(local, module):
        report.add(
            where(record),
            local,
            "collection year",
            f"{local} is not an item of the {year} collection: {_an(module.label)} may not contain it in a {year} file",
        )
    else:
        report.add(where(record), local, "structure", f"{local} is not an element {_an(module.label)} may contain")


def _capital(words: str) -> str:
    return words[:1].upper() + words[1:]


def _an(label: str) -> str:
    return f"an {label}" if label[:1].lower() in "aeiou" else f"a {label}"


def _in_other_year(local: str, module: Module) -> bool:
    return any(local in collection.order.get(module.tag, ()) for collection in COLLECTIONS.values())


def _before(
    report: Report, record: dict, field_name: str, earlier: date | None, later: date | None, message: str
) -> None:
    if earlier is not None and later is not None and later < earlier:
        report.add(where(record), field_name, "date order", message)


def person_rules(person: dict, header: Header, report: Report) -> None:
    """The return's rules that relate one field to another within a person's records."""
    born = person["birth_date"]
    if header.reference_date and born and born > header.reference_date:
        report.add(
            where(person), "PersonBirthDate", "date order", "PersonBirthDate is after the return's reference date"
        )
    upn = person["upn"]
    if upn:
        for rule, message in upn_problems(upn):
            report.add(where(person), "UPN", rule, message)
    elif not (person["uln"] or person["upn_unknown"]):
        report.add(
            where(person), "UPN", "identifier", "A person needs a UPN, a UniqueLearnerNumber or a UPNunknown reason"
        )
    for request in person["Request"]:
        _request_rules(request, born, report)


def _request_rules(request: dict, born: date | None, report: Report) -> None:
    received = request["received_date"]
    _before(report, request, "ReceivedDate", born, received, "ReceivedDate is before the person's PersonBirthDate")
    _before(
        report,
        request,
        "RequestOutcomeDate",
        received,
        request["outcome_date"],
        "RequestOutcomeDate is before ReceivedDate",
    )
    if request["outcome"] in DECIDED and request["outcome_date"] is None:
        report.add(
            where(request),
            "RequestOutcomeDate",
            "mandatory",
            f"RequestOutcomeDate is missing: a request with the outcome {request['outcome']} needs the date of "
            "the decision",
        )
    _undecided_assessment_drop(request, report)
    if request["Assessment"] and request["outcome"] not in ASSESSED:
        report.add(
            where(request),
            "RequestOutcome",
            "consistency",
            "An Assessment is recorded but RequestOutcome is not Y (proceeded to an assessment) or H (historical)",
        )
    for assessment in request["Assessment"]:
        _assessment_rules(assessment, received, report)
    for active in request["ActivePlan"]:
        _active_plan_rules(active, report)


def _assessment_rules(assessment: dict, received: date | None, report: Report) -> None:
    _before(
        report,
        assessment,
        "AssessmentOutcomeDate",
        received,
        assessment["outcome_date"],
        "AssessmentOutcomeDate is before the request's ReceivedDate",
    )
    if assessment["outcome"] in DECIDED and assessment["outcome_date"] is None:
        report.add(
            where(assessment),
            "AssessmentOutcomeDate",
            "mandatory",
            f"AssessmentOutcomeDate is missing: an assessment with the outcome {assessment['outcome']} needs the "
            "date of the decision",
        )
    if assessment["week20_exception_reason"] and not assessment["week20_exception"]:
        report.add(
            where(assessment),
            "Week20ExceptionReason",
            "consistency",
            "An exception reason is given but Week20 is not 1",
        )
    for advice in assessment["Advice"]:
        _before(
            report,
            advice,
            "Received",
            advice["requested_date"],
            advice["received_date"],
            "Advice Received is before Requested",
        )
    for plan in assessment["NamedPlan"]:
        _named_plan_rules(plan, assessment, received, report)


def _named_plan_rules(plan: dict, assessment: dict, received: date | None, report: Report) -> None:
    if assessment["outcome"] not in ASSESSED:
        report.add(
            where(plan),
            "StartDate",
            "consistency",
            "A NamedPlan is recorded but AssessmentOutcome is not Y (decided to issue) or H (historical)",
        )
    _before(report, plan, "StartDate", received, plan["start_date"], "StartDate is before the request's ReceivedDate")
    _before(report, plan, "CeaseDate", plan["start_date"], plan["cease_date"], "CeaseDate is before StartDate")
    if bool(plan["cease_date"]) != bool(plan["cease_reason"]):
        report.add(where(plan), "CeaseReason", "consistency", "CeaseDate and CeaseReason must be given together")
    _setting_rules(plan["PlanDetail"], report)
    if len(plan["PlanDetail"]) > 2:
        report.add(
            where(plan),
            "PlanDetail",
            "how many",
            f"A named plan names at most two settings (primary and secondary), found {len(plan['PlanDetail'])}",
        )


def _active_plan_rules(active: dict, report: Report) -> None:
    _setting_rules(active["PlacementDetail"], report)
    for placement in active["PlacementDetail"]:
        _before(
            report,
            placement,
            "LeavingDate",
            placement["entry_date"],
            placement["leaving_date"],
            "LeavingDate is before EntryDate",
        )
    ranks = [need["rank"] for need in active["SENneed"] if need["rank"] is not None]
    if len(ranks) != len(set(ranks)):
        report.add(where(active), "SENtypeRank", "unique", "Two SEN needs share a SENtypeRank: ranks must be 1, 2, 3 …")
    if len(active["SENneed"]) > 2:
        report.add(
            where(active),
            "SENneed",
            "how many",
            f"An active plan records at most two SEN needs (primary and secondary), found {len(active['SENneed'])}",
        )
    for need in active["SENneed"]:
        _rank_rule(need, "SENtypeRank", need["rank"], report)


# Outcomes that are decisions, made on a date (the guide asks for the date where the outcome is Y or N), and the
# outcomes after which the next module may follow (Y, or H for a decision made before the collection period).
DECIDED = frozenset({"Y", "N"})
ASSESSED = frozenset({"Y", "H"})


def _undecided_assessment_drop(request: dict, report: Report) -> None:
    """An Assessment that says only that no decision has been made (AssessmentOutcome A, or none), under a request
    that did not proceed to an assessment, records nothing: the guide asks for no further module after a request
    outcome other than Y. It is left out, and counted, rather than refused."""
    if request["outcome"] in ASSESSED:
        return
    kept = []
    for assessment in request["Assessment"]:
        empty = (
            assessment["outcome"] in (None, "A")
            and not assessment["NamedPlan"]
            and not assessment["Advice"]
            and not any(
                assessment[key]
                for key in (
                    "outcome_date",
                    "mediation",
                    "tribunal",
                    "other_mediation",
                    "other_tribunal",
                    "week20_exception",
                    "week20_exception_reason",
                    "draft_plan_issued",
                )
            )
        )
        if empty:
            report.count("assessment with no decision left out")
        else:
            kept.append(assessment)
    request["Assessment"] = kept


def _rank_rule(record: dict, field_name: str, rank: int | None, report: Report) -> None:
    if rank is not None and rank not in (1, 2):
        report.add(
            where(record), field_name, "range", f"{field_name} must be 1 (primary) or 2 (secondary), found {rank}"
        )


def _setting_rules(settings: list[dict], report: Report) -> None:
    for setting in settings:
        _rank_rule(setting, "PlacementRank", setting.get("placement_rank"), report)
        if setting.get("_unreadable"):
            continue
        if not (setting["urn"] or setting["ukprn"] or setting["sen_setting"]):
            report.add(where(setting), "URN", "identifier", "A setting needs a URN, a UKPRN or a SENSetting code")


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
    at = f"Header (line {elem.sourceline})"
    values = header.values
    if values.get("Collection") != "SEN2":
        report.add(at, "Collection", "header", f"Collection must be SEN2, found “{values.get('Collection', '')[:20]}”")
    try:
        header.reference_date = date.fromisoformat(values.get("ReferenceDate", ""))
    except ValueError:
        report.add(at, "ReferenceDate", "date", "ReferenceDate is missing or is not a date written YYYY-MM-DD")
    year = values.get("Year", "")
    if not (year.isdigit() and len(year) == 4):
        report.add(at, "Year", "header", f"Year must be the collection's year written YYYY, found “{year[:10]}”")
    elif header.reference_date and header.reference_date.year != int(year):
        report.add(
            at, "ReferenceDate", "header", "ReferenceDate must fall in the collection's Year (the January census day)"
        )
    if year.isdigit() and len(year) == 4 and _header_collection(header, year, at, report):
        _header_officers(header, at, report)
    if values.get("SourceLevel") != "L":
        report.add(
            at,
            "SourceLevel",
            "header",
            f"SourceLevel must be L (a local authority's return), found “{values.get('SourceLevel', '')[:5]}”",
        )
    lea = values.get("LEA", "")
    header.area_id = context.area_ids.get(lea)
    if header.area_id is None:
        report.add(at, "LEA", "header", f"LEA “{lea[:10]}” is not the code of a local area sendboard serves")
    return header


def _header_collection(header: Header, year: str, at: str, report: Report) -> bool:
    """Set the header's collection from its Year; False (reported) when sendboard does not read that year."""
    collection = collection_for(year)
    if collection is None:
        report.add(
            at,
            "Year",
            "collection year",
            f"Year {year} is not a SEN2 collection sendboard reads: it reads the "
            f"collections of {min(COLLECTIONS)} to {max(COLLECTIONS)}",
        )
        return False
    header.collection = collection
    return True


def _header_officers(header: Header, at: str, report: Report) -> None:
    """The designated officers the header's collection asks about: each Y, N or R, and present where required."""
    for officer in header.collection.officers:
        value = header.values.get(officer)
        name = OFFICER_NAMES[officer]
        if value is None:
            if officer in header.collection.required_officers:
                report.add(
                    at,
                    officer,
                    "header",
                    f"{officer} is missing: the {header.collection.year} collection asks "
                    f"whether the area has a {name} (Y, N or R for recruitment in progress)",
                )
        elif value not in OFFICER_CODES:
            report.add(
                at,
                officer,
                "header",
                f"{officer} must be Y, N or R (whether the area has a {name}), found “{value[:5]}”",
            )


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
    with path.open("rb") as handle:
        start = handle.read(4096)
    declaration = start.find(b"<?xml")
    if declaration > 0 and b"<!--" in start[:declaration]:
        report.add(
            f"Line {line}",
            "",
            "well-formed XML",
            "The file has a comment before its XML declaration (<?xml …?>), which must be the very first thing in "
            "an XML file: remove what comes before it, or export the file again",
        )
        if XSD_NAMESPACE.encode() in start:
            report.add("File", "", "not a SEN2 file", XSD_WORDS)
        return
    last_line_length = size - last_newline - 1
    # The parser stopped on the file's last line, at its end: the file was cut short, not mis-written.
    if line >= lines + 1 and column >= last_line_length - 1:
        report.add(
            f"Line {line}",
            "",
            "complete file",
            "The file ends before the SEN2 message is complete: it looks truncated. Export it again and upload the "
            "whole file",
        )
    else:
        report.add(f"Line {line}", "", "well-formed XML", f"The file is not well-formed XML: {error.msg}")


def read_persons(path: Path, report: Report, context: Context) -> Iterator[tuple[Header, dict]]:
    """Yield (header, person) for every person that has no problem, while reporting every problem in the file."""
    size = max(path.stat().st_size, 1)
    with path.open("rb") as handle:
        yield from _read(handle, size, path, report, context)


def _read(handle, size: int, path: Path, report: Report, context: Context) -> Iterator[tuple[Header, dict]]:
    header: Header | None = None
    number = 0
    seen: dict[tuple, int] = {}
    existing: dict[tuple, int] = {}
    root_checked = False
    person_module = MODULES["Person"]
    readings: dict[int, YearReading] = {}
    reading = YearReading(NEWEST, context.code_sets)
    progress = report.progress
    events = etree.iterparse(
        handle,
        events=("end",),
        tag=("Header", "Person"),
        resolve_entities=False,
        no_network=True,
        remove_comments=True,
        remove_pis=True,
        load_dtd=False,
    )
    try:
        for _, elem in events:
            if not root_checked:
                root_checked = True
                if not _root_ok(elem.getroottree().getroot(), report):
                    return
            if elem.tag == "Header":
                header = _header(elem, report, context)
                year = header.collection.year
                if year not in readings:
                    readings[year] = YearReading(header.collection, context.code_sets)
                reading = readings[year]
                existing = context.existing_keys(header.area_id) if header.area_id else {}
                elem.clear()
                continue
            number += 1
            parent = elem.getparent()
            problems_before = report.problem_count
            person = element_record(elem, person_module, (None, "Person", number, elem.sourceline), report, reading)
            settle(person, reading.collection)
            if parent is None or parent.tag != "Persons":
                report.add(where(person), "Person", "structure", "A Person must be inside Persons")
            if header is None:
                report.add(where(person), "Header", "structure", "The Header must come before the first Person")
                header = Header()
                existing = {}
            person_rules(person, header, report)
            _person_once(person, number, seen, existing, report)
            _person_caseworker(person, context, report)
            report.count("person")
            if progress and number % 1000 == 0:
                report.fraction = min(handle.tell() / size, 1.0)
                progress(number)
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


def _person_once(person: dict, number: int, seen: dict[tuple, int], existing: dict[tuple, int], report: Report) -> None:
    """A child appears once in a file; one the register already holds is replaced by this return's record."""
    key = person_key(person)
    if key not in seen:
        seen[key] = number
        if key in existing:
            # A later return replaces what the register holds for a child it already has.
            person["replaces"] = existing[key]
            report.count("already in the register")
    elif key[0] == "upn":
        report.add(
            where(person),
            "UPN",
            RULE_UPN_DUPLICATE,
            f"DfE rule {RULE_UPN_DUPLICATE}: more than one record with the same UPN: this child is also person "
            f"{seen[key]}",
        )
    else:
        report.add(
            where(person), "Person", "duplicate child", f"This child already appears as person {seen[key]} in this file"
        )


def _person_caseworker(person: dict, context: Context, report: Report) -> None:
    if person["caseworker"] is None:
        return
    person["caseworker_id"] = context.caseworker_id(person["caseworker"])
    if person["caseworker_id"] is None:
        report.add(
            where(person), "Caseworker", "known user", "Caseworker is not the username of a caseworker or team manager"
        )


XSD_NAMESPACE = "http://www.w3.org/2001/XMLSchema"
XSD_WORDS = (
    "This file is an XML schema (XSD), which describes what a SEN2 file may hold; it is not a SEN2 return. "
    "Upload the council's SEN2 file instead"
)


def _root_ok(root, report: Report) -> bool:
    ns, local = _split(root.tag)
    if ns == XSD_NAMESPACE:
        report.add("Line 1", local, "not a SEN2 file", XSD_WORDS)
        return False
    if ns:
        report.add(
            "Line 1",
            local,
            "namespace",
            f"The root element is in the namespace “{ns[:80]}”: a SEN2 file's elements are in no namespace",
        )
        return False
    if local != ROOT:
        report.add("Line 1", local, "structure", f"The root element must be {ROOT}, found {local[:40]}")
        return False
    return True
