"""SEND Tribunal appeal rates 2014-2024 (MoJ and DfE), a table made for reading rather than machines: a title,
two header rows (years, then three columns a year), region names as section rows, council names with footnote
numbers run on ("Cumberland8"), councils that no longer exist without a code, ".." not available, "~"
suppressed, "-" nil, numbers with thousands commas, and rates with a % sign."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from sendboard.returns.framework import Report
from sendboard.statistics.importers.base import (
    ENGLAND,
    AreaRegister,
    PublishedImporter,
    Reading,
    calendar_year,
    value_add,
)
from sendboard.statistics.importers.register import council_by_name, councils_by_name
from sendboard.statistics.published import open_path
from sendboard.statistics.reading import cell_parse, csv_read

YEARS = tuple(str(y) for y in range(2014, 2025))
SUBHEADS = ("Appeals registered", "Total Appealable Decisions", "SEND Tribunal Appeal Rate")
IN_DEVELOPMENT = ("In development: Total Appealable Decisions", "In development: SEND Tribunal Appeal Rate")


def _footnoteless(text: str) -> str:
    """A heading or name with its run-on footnote numbers removed: "Cumberland8" -> "Cumberland"."""
    return re.sub(r"[\d,\s]+$", "", text.strip())


class TribunalAppealRateImporter(PublishedImporter):
    kind = "stats_tribunal_appeal_rate"
    label = "SEND Tribunal appeal rates 2014-2024 (MoJ and DfE)"
    dataset = "send_appeal_rate_2014_2024"
    default_file = "ehcp_2025/supporting-files/send_tribunals_and_appeal_rate_2014-2024.csv"

    def read(self, path: Path, report: Report) -> Reading:
        reading = self.reading()
        table = csv_read(path, report, header_line=5)
        if table is None:
            return reading
        if not self._layout_ok(path, table.header, report):
            return reading
        register = AreaRegister()
        councils = councils_by_name()
        self.regions: dict[tuple[str, str], list] = {}  # (region, year) -> [appeals, decisions, every council counted]
        for number, fields in table.rows:
            name, code = _footnoteless(fields[0]), fields[1].strip()
            record = f"line {number} ({name})"
            if name.lower().startswith("england total excluding"):
                reading.note(record, "", "not_stored", "“England total excluding suppressed” (2024 only) is not stored")
                break  # the last row of the table; sources and notes follow
            if not code and not any(f.strip() for f in fields[2:]):
                reading.note(
                    "region headings",
                    "",
                    "section_row",
                    "Region names head sections of councils; they carry no figures",
                )
                continue
            area = self._area(name, code, register, councils)
            if area is None:
                report.add(
                    record,
                    "LA code",
                    "unknown_area",
                    f"“{fields[0]}” (code “{code}”) is not a council in the area register",
                )
                continue
            self._values(fields, record, area, register, reading, report)
        self._regions(register, reading, report)
        return reading

    def _regions(self, register: AreaRegister, reading: Reading, report: Report) -> None:
        """The table heads each region's councils but prints no figures for the region: its rate is worked out as
        its councils' appeals over their appealable decisions, where every council's are printed (a nil "-" is 0)."""
        for (region, year), (appeals, decisions, whole) in sorted(self.regions.items()):
            area = register.by_code.get(region)
            if not whole or not decisions or area is None:
                continue
            rate = (appeals * 100 / decisions).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
            value_add(
                reading,
                report,
                f"{area.name} (worked out)",
                f"{year} appeal rate",
                measure="tribunal_appeal_rate_pct",
                area=(area.code, area.level),
                period=calendar_year(year),
                breakdown="",
                value=rate,
                status="",
            )
            reading.note(
                "regions",
                "SEND Tribunal Appeal Rate",
                "region_from_councils",
                "Regions head sections but carry no figures: each region's rate is worked out from its councils' "
                "appeals and appealable decisions, for the years every council's are printed (the count is of values)",
            )

    def _region_add(self, target, year: str, appeals, decisions) -> None:
        if target.level != "la" or not target.region_code:
            return
        total = self.regions.setdefault((target.region_code, year), [Decimal(0), Decimal(0), True])
        if all(cell is None or (cell.value is None and cell.status == "..") for cell in (appeals, decisions)):
            # Nothing printed: a council that did not exist that year (Cumberland before 2023, Northamptonshire
            # after 2020).
            return
        counted = (
            appeals is not None
            and decisions is not None
            and decisions.value is not None
            and (appeals.value is not None or appeals.status == "-")
        )
        if not counted:
            total[2] = False  # a suppressed or missing figure: the region's total cannot be known
            return
        total[0] += appeals.value or 0
        total[1] += decisions.value

    def _layout_ok(self, path: Path, subheads: list[str], report: Report) -> bool:
        import csv

        with open_path(path) as handle:
            years = next(row for i, row in enumerate(csv.reader(handle)) if i == 3)
        found_years = [cell.strip() for cell in years[2:35] if cell.strip()]
        if [years[2 + 3 * i].strip() for i in range(len(YEARS))] != list(YEARS) or found_years != list(YEARS):
            report.add(
                "line 4",
                "years",
                "unexpected_layout",
                f"Expected the years {YEARS[0]}-{YEARS[-1]} every third column from C; found {', '.join(found_years)}",
            )
            return False
        heads = [re.sub(r"\s+", " ", _footnoteless(h)) for h in subheads[2:37]]
        expected = list(SUBHEADS) * len(YEARS) + list(IN_DEVELOPMENT)
        for position, (found, wanted) in enumerate(zip(heads, expected, strict=False), start=3):
            if found != wanted:
                report.add(
                    "line 5",
                    f"column {position}",
                    "unexpected_layout",
                    f"Column {position} is headed “{found}”, not “{wanted}”",
                )
                return False
        return True

    @staticmethod
    def _area(name: str, code: str, register: AreaRegister, councils):
        if name.lower().startswith("england total"):
            return register.by_code.get(ENGLAND)
        if re.fullmatch(r"\d{3}", code):
            return code  # resolved per year: councils sharing a DfE code across a code change (Dorset)
        if not code:
            return council_by_name(name, councils)
        return None

    def _values(self, fields, record, area, register, reading, report) -> None:
        for index, year in enumerate(YEARS):
            cells = fields[2 + 3 * index : 5 + 3 * index]
            period = calendar_year(year)
            target = register.by_old_code(area, year) if isinstance(area, str) else area
            if target is None:
                report.add(record, "LA code", "unknown_area", f"DfE code {area} is not a council in the area register")
                return
            if not any(cell.strip() for cell in cells):
                reading.note(
                    "blank years",
                    "",
                    "blank",
                    "Years left blank (Cumbria and Northamptonshire after they were "
                    "replaced; the 2024 columns of some rows): nothing stored for them",
                )
                continue
            parsed = []
            for cell, column in zip(cells, SUBHEADS, strict=True):
                found = cell_parse(cell, percent_sign=True)
                if found is None and not cell.strip():
                    reading.note(
                        f"{record} {year}",
                        column,
                        "blank_cell",
                        f"{year} {column} is blank beside printed figures: that figure is not stored",
                    )
                elif found is None:
                    report.add(
                        record,
                        f"{year} {column}",
                        "not_a_number",
                        f"{year} {column} “{cell.strip()}” is neither a number nor a symbol",
                    )
                    return
                parsed.append(found)
            appeals, decisions, rate = parsed
            self._region_add(target, year, appeals, decisions)
            area_key = (target.code, target.level)
            if appeals is not None:
                value_add(
                    reading,
                    report,
                    record,
                    f"{year} Appeals registered",
                    measure="tribunal_appeals",
                    area=area_key,
                    period=period,
                    breakdown="",
                    value=appeals.value,
                    status=appeals.status,
                )
            if rate is not None:
                value_add(
                    reading,
                    report,
                    record,
                    f"{year} appeal rate",
                    measure="tribunal_appeal_rate_pct",
                    area=area_key,
                    period=period,
                    breakdown="",
                    value=rate.value,
                    status=rate.status,
                )
            if None not in (appeals, decisions, rate) and None not in (appeals.value, rate.value) and decisions.value:
                worked = appeals.value * 100 / decisions.value
                if abs(worked - rate.value) > Decimal("0.051"):
                    reading.note(
                        record,
                        f"{year} appeal rate",
                        "rate_differs",
                        f"{year}: {appeals.value} appeals of {decisions.value} decisions is {worked:.2f}%, "
                        f"printed {rate.value}%",
                    )
