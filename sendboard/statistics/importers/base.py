"""What every published-statistics importer shares (ADR 0042): read and validate the whole file into a
``Reading`` (values to store, notes on what could not be read, problems in the report), and only when the
report has no problem, replace what the same dataset stored before with the new values, in the returns
framework's one transaction."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

from sendboard.returns.framework import Report
from sendboard.returns.models import ImportedFile
from sendboard.statistics.measures import COUNT, MEASURES, PERCENT, measure_source
from sendboard.statistics.models import DatasetNote, PublishedValue, StatisticalArea

ENGLAND = "E92000001"
LONDON = "E12000007"
INNER_OUTER_LONDON = frozenset({"E13000001", "E13000002"})  # published in some files as sub-regions of London
LEVELS = {"National": "england", "Regional": "region", "Local authority": "la"}
MAX_VALUE = Decimal("999999999999")
FOUR_PLACES = Decimal("0.0001")


@dataclass
class Value:
    measure: str
    area_code: str
    area_level: str
    period: str
    period_end: date
    breakdown: str
    value: Decimal | None
    status: str


@dataclass
class Reading:
    dataset: str
    values: dict[tuple[str, str, str, str], Value] = field(default_factory=dict)
    notes: dict[tuple[str, str, str], list] = field(default_factory=dict)  # (record, field, rule) -> [message, count]

    def note(self, record: str, field_name: str, rule: str, message: str) -> None:
        entry = self.notes.setdefault((record, field_name, rule), [message, 0])
        entry[1] += 1


# --- periods -------------------------------------------------------------------------------------------


def calendar_year(text: str) -> tuple[str, date] | None:
    if re.fullmatch(r"(19|20)\d\d", text):
        return text, date(int(text), 12, 31)
    return None


def academic_year(text: str, *, end_month: int = 8) -> tuple[str, date] | None:
    """ "202425" -> ("2024/25", last day of ``end_month`` in 2025): August for a year, January for a
    January snapshot (caseload, school census), March for two terms."""
    match = re.fullmatch(r"((?:19|20)\d\d)(\d\d)", text)
    if match is None or (int(match[1]) + 1) % 100 != int(match[2]):
        return None
    year = int(match[1]) + 1
    return f"{match[1]}/{match[2]}", date(year, end_month, calendar.monthrange(year, end_month)[1])


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


# --- areas ---------------------------------------------------------------------------------------------


class AreaRegister:
    """The area register as loaded, in memory, for resolving the geography of a file's rows."""

    def __init__(self) -> None:
        self.by_code = {area.code: area for area in StatisticalArea.objects.all()}

    def __len__(self) -> int:
        return len(self.by_code)

    def by_old_code(self, old_code: str, period: str) -> StatisticalArea | None:
        """The council with this DfE code in ``period`` (two councils share 815 and 933 across a code change)."""
        matches = [a for a in self.by_code.values() if a.level == "la" and a.old_code == old_code]
        if len(matches) > 1:
            # the council whose code the DfE used that year; where both are in use, the narrower span (the
            # DfE printed Buckinghamshire as E06000060 for 2020/21-2022/23 only, E10000002 before and after)
            dated = [a for a in matches if a.first_period[:4] <= period[:4] <= a.last_period[:4]]
            matches = [min(dated, key=_span)] if dated else [max(matches, key=lambda a: a.last_period)]
        return matches[0] if matches else None


def _span(area: StatisticalArea) -> int:
    return int(area.last_period[:4]) - int(area.first_period[:4])


def ees_area(
    row: dict[str, str], record: str, register: AreaRegister, report: Report, reading: Reading
) -> tuple[str, str] | None:
    """The (code, level) of a row in the DfE's explore-education-statistics layout, checked against the area
    register; None when the row is skipped (a London sub-region, noted) or wrong (a problem)."""
    level = LEVELS.get(row.get("geographic_level", ""))
    if level is None:
        report.add(
            record,
            "geographic_level",
            "unknown_level",
            f"Geographic level “{row.get('geographic_level', '')}” is not National, Regional or Local authority",
        )
        return None
    if level == "england":
        code = row.get("country_code", "")
        if code != ENGLAND:
            report.add(record, "country_code", "unknown_area", f"Country code “{code}” is not England ({ENGLAND})")
            return None
        return code, level
    if level == "region":
        code = row.get("region_code", "")
        if code in INNER_OUTER_LONDON:
            reading.note(
                "Inner and Outer London",
                "region_code",
                "not_stored",
                "Inner and Outer London lines are sub-regions of London: validated, not stored",
            )
            return None
    else:
        code = row.get("new_la_code", "")
    area = register.by_code.get(code)
    if area is None or area.level != level:
        report.add(
            record,
            "region_code" if level == "region" else "new_la_code",
            "unknown_area",
            f"Area code “{code}” ({row.get('la_name') or row.get('region_name', '')}) is not a "
            f"{'region' if level == 'region' else 'council'} in the area register",
        )
        return None
    if level == "la" and row.get("old_la_code", area.old_code) != area.old_code:
        report.add(
            record,
            "old_la_code",
            "area_code_mismatch",
            f"Council {code} has DfE code {area.old_code} in the area register, not “{row.get('old_la_code')}”",
        )
        return None
    return code, level


# --- layout --------------------------------------------------------------------------------------------


def columns_check(expected: list[str] | tuple[str, ...], header: list[str], report: Report) -> bool:
    """Whether a file's header holds exactly the published columns (in any order): each missing or unexpected
    column is a problem, because a renamed or new column means the publisher changed the layout."""
    missing = [name for name in expected if name not in header]
    unexpected = [name for name in header if name not in expected]
    for name in missing:
        report.add("header", name, "missing_column", f"The published column “{name}” is missing")
    for name in unexpected:
        report.add("header", name, "unexpected_column", f"Column “{name}” is not in this file's published layout")
    return not missing and not unexpected


# --- values --------------------------------------------------------------------------------------------


def value_add(
    reading: Reading,
    report: Report,
    record: str,
    column: str,
    *,
    measure: str,
    area: tuple[str, str],
    period: tuple[str, date],
    breakdown: str,
    value: Decimal | None,
    status: str,
) -> None:
    """Check one stored value against its measure (whole counts; percentages 0-100; nothing negative) and
    add it, unless the registry names another dataset for this period (then it is validated only)."""
    if measure_source(measure, reading.dataset, period[0]) is None:
        reading.note(
            measure,
            column,
            "other_source",
            "Validated, not stored, for the periods the measure registry "
            "takes from another file (the count is of values)",
        )
        return
    if value is not None:
        unit = MEASURES[measure].unit
        if value < 0 and not MEASURES[measure].signed:
            report.add(record, column, "negative", f"{column} is {value}: a {unit} cannot be negative")
            return
        if unit == PERCENT and abs(value) > 100:
            report.add(record, column, "impossible", f"{column} is {value}: a percentage cannot exceed 100")
            return
        if unit == COUNT and (value != value.to_integral_value() or value > MAX_VALUE):
            report.add(record, column, "not_whole", f"{column} is {value}: a count must be a whole number")
            return
        if value > MAX_VALUE:
            report.add(record, column, "impossible", f"{column} is {value}: too large to be a published figure")
            return
        if value.as_tuple().exponent < -4:
            value = value.quantize(FOUR_PLACES)
            reading.note(
                measure, column, "rounded", "Printed to more than 4 decimal places; stored to 4 (the field's precision)"
            )
    key = (measure, area[0], period[0], breakdown)
    if key in reading.values:
        report.add(
            record, column, "duplicate", f"A second value for {measure} {area[0]} {period[0]} {breakdown or 'total'}"
        )
        return
    reading.values[key] = Value(measure, area[0], area[1], period[0], period[1], breakdown, value, status)


class PublishedImporter:
    """Subclasses give ``kind``, ``label``, ``dataset``, ``suffix``, ``default_file`` and ``read``. A subclass that
    learns to read more of its file raises its ``version``: an installation that loaded the file before then loads
    it again (the framework's checksum rule counts the version), replacing the dataset's values."""

    kind = ""
    version = 1
    label = ""
    dataset = ""
    suffix = ".csv"
    default_file = ""
    needs_register = True

    def read(self, path: Path, report: Report) -> Reading:  # pragma: no cover - every importer overrides it
        raise NotImplementedError

    def reading(self) -> Reading:
        return Reading(self.dataset)

    def check(self, path: Path, report: Report) -> None:
        self._read_checked(path, report)

    def load(self, path: Path, imported_file: ImportedFile, report: Report) -> None:
        reading = self._read_checked(path, report)
        if not report.ok:
            return
        self.write(reading, imported_file, report)
        notes_write(reading, imported_file)

    def _read_checked(self, path: Path, report: Report) -> Reading:
        if self.needs_register and not StatisticalArea.objects.exists():
            report.add(
                "file", "", "no_area_register", "Load the area register (caseload.csv as areas) before this file"
            )
            return self.reading()
        return self.read(path, report)

    def write(self, reading: Reading, imported_file: ImportedFile, report: Report) -> None:
        """Replace the dataset's values: the newest file of a dataset is the one the comparators use."""
        PublishedValue.objects.filter(dataset=self.dataset).delete()
        PublishedValue.objects.bulk_create(
            (
                PublishedValue(
                    imported_file=imported_file,
                    dataset=self.dataset,
                    measure=v.measure,
                    area_code=v.area_code,
                    area_level=v.area_level,
                    period=v.period,
                    period_end=v.period_end,
                    breakdown=v.breakdown,
                    value=v.value,
                    status=v.status,
                )
                for v in reading.values.values()
            ),
            batch_size=2000,
        )
        report.count("values stored", len(reading.values))
        report.count("could not be read or not stored (kinds)", len(reading.notes))


def notes_write(reading: Reading, imported_file: ImportedFile) -> None:
    DatasetNote.objects.bulk_create(
        DatasetNote(
            imported_file=imported_file,
            record=record[:200],
            field=field_name[:200],
            rule=rule,
            message=message[:500],
            count=count,
        )
        for (record, field_name, rule), (message, count) in reading.notes.items()
    )
