"""The area register and statistical neighbours (ADR 0040).

Areas come from the geography columns of the DfE's EHC plan caseload file, the published file that names
every council code used in any of the files (159 codes from 2018/19 to 2024/25, including councils since
merged or split); ``la_region_lookup_raw.xlsx`` then checks each council's name and region. Neighbours come
from ``statistical_neighbours.csv``, which names councils (not codes): names are matched to the register with
the few differences written out here, and a name that still does not match is reported, not guessed."""

from __future__ import annotations

import re
from pathlib import Path

from sendboard.returns.framework import Report
from sendboard.returns.models import ImportedFile
from sendboard.statistics.importers.base import (
    ENGLAND,
    INNER_OUTER_LONDON,
    LEVELS,
    LONDON,
    PublishedImporter,
    Reading,
    academic_year,
    calendar_year,
)
from sendboard.statistics.models import StatisticalArea, StatisticalNeighbour
from sendboard.statistics.reading import Unreadable, csv_read, name_key, rows_numbered, xlsx_rows

CODE_PATTERNS = {"england": r"E92000001", "region": r"E12\d{6}", "la": r"E0[6-9]\d{6}|E10\d{6}"}

# Names other publishers use for a council, folded with name_key, to the register's folded name.
NAME_ALIASES = {
    "durham": "county durham",
    "bedford borough": "bedford",
    "herefordshire": "herefordshire county of",
    "bristol": "bristol city of",
    "kingston upon hull": "kingston upon hull city of",
    "hull": "kingston upon hull city of",
    "westmorland furness": "westmorland and furness",
}


def council_by_name(name: str, councils: dict[str, list[StatisticalArea]]) -> StatisticalArea | None:
    """The council a published name means: the register's council of that (folded, aliased) name, the most
    recent where a council's code changed (Dorset)."""
    key = name_key(name)
    found = councils.get(NAME_ALIASES.get(key, key))
    return max(found, key=lambda a: a.last_period) if found else None


def councils_by_name() -> dict[str, list[StatisticalArea]]:
    councils: dict[str, list[StatisticalArea]] = {}
    for area in StatisticalArea.objects.filter(level="la"):
        councils.setdefault(name_key(area.name), []).append(area)
    return councils


class AreaRegisterImporter(PublishedImporter):
    kind = "stats_areas"
    label = "Area register: England, regions and councils (from the DfE EHC plan caseload file)"
    dataset = "area_register"
    default_file = "ehcp_2025/data/caseload.csv"
    needs_register = False

    def read(self, path: Path, report: Report) -> Reading:
        reading = self.reading()
        reading.areas = {}
        table = csv_read(path, report)
        if table is None:
            return reading
        needed = {
            "time_period",
            "geographic_level",
            "country_code",
            "country_name",
            "region_code",
            "region_name",
            "new_la_code",
            "old_la_code",
            "la_name",
        }
        missing = sorted(needed - set(table.header))
        for name in missing:
            report.add("header", name, "missing_column", f"The geography column “{name}” is missing")
        if missing:
            return reading
        for number, row in rows_numbered(table):
            self._row(f"line {number}", row, reading, report)
        report.count("areas", len(reading.areas))
        shared: dict[str, list[str]] = {}
        for code, seen in reading.areas.items():
            if seen["old_code"]:
                shared.setdefault(seen["old_code"], []).append(f"{code} ({seen['first']} to {seen['last']})")
        for old_code, codes in shared.items():
            if len(codes) > 1:
                reading.note(
                    f"DfE code {old_code}",
                    "new_la_code",
                    "code_changed",
                    f"One council printed with {len(codes)} codes: {', '.join(sorted(codes))}; each is kept, and "
                    "files that give only the DfE code are matched by year",
                )
        return reading

    def _row(self, record: str, row: dict[str, str], reading: Reading, report: Report) -> None:
        period = calendar_year(row["time_period"]) or academic_year(row["time_period"])
        if period is None:
            report.add(record, "time_period", "bad_period", f"Time period “{row['time_period']}” is not a year")
            return
        level = LEVELS.get(row["geographic_level"])
        if level is None:
            report.add(
                record,
                "geographic_level",
                "unknown_level",
                f"Geographic level “{row['geographic_level']}” is not known",
            )
            return
        region = row["region_code"]
        if region in INNER_OUTER_LONDON:
            if level == "region":
                return
            region = LONDON
        if level == "england":
            self._add(
                record, (row["country_code"], "", row["country_name"].strip(), "england", ""), period, reading, report
            )
            return
        if region == row["region_code"]:  # a council's row names its region too (Inner/Outer London rows do not)
            self._add(record, (region, "", row["region_name"].strip(), "region", ""), period, reading, report)
        if level == "la":
            old_code = row["old_la_code"].strip()
            if not re.fullmatch(r"\d{3}", old_code):
                report.add(record, "old_la_code", "bad_code", f"Council {row['new_la_code']} has DfE code “{old_code}”")
                return
            self._add(
                record, (row["new_la_code"], old_code, row["la_name"].strip(), "la", region), period, reading, report
            )

    @staticmethod
    def _add(record: str, area: tuple[str, str, str, str, str], period, reading: Reading, report: Report) -> None:
        code, old_code, name, level, region_code = area
        if not re.fullmatch(CODE_PATTERNS[level], code):
            report.add(record, "code", "unknown_area", f"“{code}” is not an English {level} code")
            return
        seen = reading.areas.get(code)
        if seen is None:
            reading.areas[code] = {
                "old_code": old_code,
                "name": name,
                "level": level,
                "region_code": region_code,
                "first": period[0],
                "last": period[0],
            }
            return
        if (seen["old_code"], seen["name"], seen["level"], seen["region_code"]) != (old_code, name, level, region_code):
            report.add(
                record,
                "code",
                "area_conflict",
                f"{code} is “{name}” ({old_code or level}, {region_code or '-'}) here but "
                f"“{seen['name']}” ({seen['old_code'] or seen['level']}, {seen['region_code'] or '-'}) earlier",
            )
            return
        seen["first"], seen["last"] = min(seen["first"], period[0]), max(seen["last"], period[0])

    def write(self, reading: Reading, imported_file: ImportedFile, report: Report) -> None:
        if ENGLAND not in reading.areas:
            return
        existing = {a.code: a for a in StatisticalArea.objects.all()}
        for code, seen in reading.areas.items():
            fields = {
                "old_code": seen["old_code"],
                "name": seen["name"],
                "level": seen["level"],
                "region_code": seen["region_code"],
                "first_period": seen["first"],
                "last_period": seen["last"],
            }
            area = existing.get(code)
            if area is None:
                StatisticalArea.objects.create(code=code, **fields)
            elif any(getattr(area, k) != v for k, v in fields.items()):
                StatisticalArea.objects.filter(pk=area.pk).update(**fields)


class RegionLookupImporter(PublishedImporter):
    """Checks the register against the DfE's council-to-region lookup (names only, no codes). A council the
    lookup names but the register does not, or places in another region, is reported."""

    kind = "stats_region_lookup"
    label = "Council to region lookup (DfE, xlsx)"
    dataset = "region_lookup"
    suffix = ".xlsx"
    default_file = "la_region_lookup_raw.xlsx"

    def read(self, path: Path, report: Report) -> Reading:
        reading = self.reading()
        try:
            rows = xlsx_rows(path)
        except Unreadable as error:
            report.add("file", "", "unreadable", str(error))
            return reading
        start = next(
            (i for i, row in enumerate(rows) if len(row) >= 3 and re.fullmatch(r"\d{4}/\d\d", row[2].strip())), None
        )
        if start is None:
            report.add("file", "", "missing_header", "No header row with a year (such as 2021/22) in the third column")
            return reading
        councils = councils_by_name()
        regions = {name_key(a.name): a.code for a in StatisticalArea.objects.filter(level="region")}
        region_code, matched = "", 0
        for number, row in enumerate(rows[start + 1 :], start=start + 2):
            cells = (row + ["", "", ""])[:3]
            if not any(c.strip() for c in cells):
                break  # the table ends at the first empty row; notes follow
            if cells[0].strip():
                region_code = regions.get(name_key(cells[0]), "")
                if not region_code:
                    report.add(
                        f"row {number}", "region", "unknown_area", f"Region “{cells[0]}” is not in the area register"
                    )
                    continue
            area = council_by_name(cells[1], councils)
            if area is None:
                reading.note(
                    f"row {number}", "council", "unmatched_name", f"“{cells[1]}” matches no council in the register"
                )
            elif area.region_code != region_code:
                reading.note(
                    f"row {number}",
                    "council",
                    "region_differs",
                    f"The lookup places {cells[1]} in {region_code}, the register in {area.region_code}",
                )
            else:
                matched += 1
        report.count("councils matched to the register", matched)
        return reading

    def write(self, reading: Reading, imported_file: ImportedFile, report: Report) -> None:
        """Nothing to store beyond the notes: the lookup only confirms the register."""


class NeighboursImporter(PublishedImporter):
    kind = "stats_neighbours"
    label = "Statistical neighbours (ten per council, by name)"
    dataset = "statistical_neighbours"
    default_file = "statistical_neighbours.csv"

    def read(self, path: Path, report: Report) -> Reading:
        reading = self.reading()
        reading.pairs = []
        table = csv_read(path, report)
        if table is None:
            return reading
        for name, positions in table.duplicates.items():
            report.add("header", name, "repeated_column", f"“{name}” heads more than one column ({len(positions)})")
        councils = councils_by_name()
        for column, name in enumerate(table.header):
            area = council_by_name(name, councils)
            if area is None:
                reading.note(
                    f"column {column + 1}",
                    name,
                    "unmatched_name",
                    f"“{name}” matches no council: its neighbours are not loaded",
                )
                continue
            listed: set[str] = set()
            for rank, (number, fields) in enumerate(table.rows, start=1):
                neighbour_name = fields[column].strip()
                if not neighbour_name:
                    report.add(f"line {number}", name, "empty", f"Neighbour {rank} of {name} is empty")
                    continue
                neighbour = council_by_name(neighbour_name, councils)
                if neighbour is None:
                    reading.note(
                        f"line {number}",
                        name,
                        "unmatched_name",
                        f"Neighbour “{neighbour_name}” matches no council: not loaded",
                    )
                elif neighbour.code == area.code or neighbour.code in listed:
                    report.add(
                        f"line {number}",
                        name,
                        "repeated_neighbour",
                        f"{neighbour_name} is {name}'s neighbour twice or itself",
                    )
                else:
                    listed.add(neighbour.code)
                    reading.pairs.append((area, neighbour, rank))
        report.count("councils with neighbours", len({a.code for a, _, _ in reading.pairs}))
        report.count("neighbour pairs", len(reading.pairs))
        return reading

    def write(self, reading: Reading, imported_file: ImportedFile, report: Report) -> None:
        StatisticalNeighbour.objects.all().delete()
        StatisticalNeighbour.objects.bulk_create(
            StatisticalNeighbour(area=a, neighbour=n, rank=rank, imported_file=imported_file)
            for a, n, rank in reading.pairs
        )


REGISTER_IMPORTERS = (AreaRegisterImporter, RegionLookupImporter, NeighboursImporter)
