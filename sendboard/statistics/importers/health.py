"""NHS England community health services waiting lists for children and young people, 2023, as derived by
the DfE's dashboard (R exports: a row-number column headed "", NA for missing, dates printed twice). The
lists are by NHS provider, ICB and NHS region, which do not map to councils, so England is stored and the
organisation-level file is validated only (ADR 0041)."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

from sendboard.returns.framework import Report
from sendboard.statistics.importers.base import ENGLAND, PublishedImporter, Reading, month_end, value_add
from sendboard.statistics.reading import cell_parse, csv_read, rows_numbered

SERVICES = {
    "Audiology": "audiology",
    "Community Paediatric Service": "community_paediatrics",
    "Occupational Therapy": "occupational_therapy",
    "Speech And Language": "speech_and_language",
}
MONTHS = ("January February March April May June July August September October November December").split()


class _WaitsImporter(PublishedImporter):
    columns: tuple[str, ...] = ()

    def read(self, path: Path, report: Report) -> Reading:
        reading = self.reading()
        table = csv_read(path, report)
        if table is None:
            return reading
        if table.header != list(self.columns):
            report.add("header", "", "unexpected_layout", f"The columns are {table.header}, not {list(self.columns)}")
            return reading
        for number, row in rows_numbered(table):
            self.row(f"line {number}", row, reading, report)
        return reading

    def waits(self, record: str, row: dict[str, str], reading: Reading, report: Report):
        """(service, month end, total, percentage over 18 weeks) for a row, checked; None with problems."""
        service = SERVICES.get(row["Therapy"])
        if service is None:
            report.add(
                record, "Therapy", "unknown_service", f"Service “{row['Therapy']}” is not one of {', '.join(SERVICES)}"
            )
            return None
        month = re.fullmatch(r"(\d{4})-(\d{2})-01", row["formattedDate"])
        printed = row["Date"].strip()
        if month is None or printed != f"{MONTHS[int(month[2]) - 1]} {month[1]}":
            report.add(
                record,
                "Date",
                "bad_date",
                f"Dates “{row['Date']}” and “{row['formattedDate']}” do not name the same month",
            )
            return None
        if printed != row["Date"]:
            reading.note("Date", "Date", "padded", "Months printed with a leading space: read without it")
        numbers = {}
        for column in (
            "Total waiting list",
            "Waiting >18-52 weeks",
            "Waiting >52 weeks",
            "Percentage waiting more than 18 weeks",
        ):
            cell = cell_parse(row[column])
            if cell is None or (cell.value is not None and cell.value < 0):
                report.add(record, column, "not_a_number", f"{column} “{row[column]}” is not a count or a status code")
                return None
            numbers[column] = cell
        total, mid, long_, pct = numbers.values()
        if None not in (total.value, mid.value, long_.value, pct.value) and total.value:
            worked = (mid.value + long_.value) * 100 / total.value
            if abs(worked - pct.value) > Decimal("0.000001") or mid.value + long_.value > total.value:
                report.add(
                    record,
                    "Percentage waiting more than 18 weeks",
                    "inconsistent",
                    f"{pct.value}% printed, but ({mid.value} + {long_.value}) / {total.value} is {worked:.6f}%",
                )
                return None
        end = month_end(int(month[1]), int(month[2]))
        return service, (f"{month[1]}-{month[2]}", end), total, pct

    def row(self, record: str, row: dict[str, str], reading: Reading, report: Report) -> None:  # pragma: no cover
        raise NotImplementedError


class HealthWaitsEnglandImporter(_WaitsImporter):
    kind = "stats_chs_waits_england"
    label = "Community health waiting lists, England (NHS England, 2023)"
    dataset = "chs_waits_england"
    default_file = "eng_ch_time_series_derived.csv"
    columns = (
        "",
        "Therapy",
        "Total waiting list",
        "Waiting >18-52 weeks",
        "Waiting >52 weeks",
        "Date",
        "Percentage waiting more than 18 weeks",
        "formattedDate",
    )

    def row(self, record, row, reading, report):
        found = self.waits(record, row, reading, report)
        if found is None:
            return
        service, period, total, pct = found
        area = (ENGLAND, "england")
        value_add(
            reading,
            report,
            record,
            "Total waiting list",
            measure="chs_waiting_list",
            area=area,
            period=period,
            breakdown=f"service={service}",
            value=total.value,
            status=total.status,
        )
        value_add(
            reading,
            report,
            record,
            "Percentage waiting more than 18 weeks",
            measure="chs_waiting_over_18wk_pct",
            area=area,
            period=period,
            breakdown=f"service={service}",
            value=pct.value,
            status=pct.status,
        )


class HealthWaitsOrganisationsImporter(_WaitsImporter):
    kind = "stats_chs_waits_nhs"
    label = "Community health waiting lists by NHS organisation (NHS England, 2023; validated, not stored)"
    dataset = "chs_waits_nhs"
    default_file = "la_ch_time_series_derived.csv"
    columns = (
        "",
        "Organisation Type",
        "Organisation Name",
        "Date",
        "formattedDate",
        "Therapy",
        "Total waiting list",
        "Waiting >18-52 weeks",
        "Waiting >52 weeks",
        "Percentage waiting more than 18 weeks",
    )
    TYPES = ("National", "Region", "ICB", "Organisation", "Provider", "NA")

    def row(self, record, row, reading, report):
        kind = row["Organisation Type"]
        if kind not in self.TYPES:
            report.add(
                record,
                "Organisation Type",
                "unknown_level",
                f"Organisation type “{kind}” is not one of {', '.join(self.TYPES)}",
            )
            return
        if self.waits(record, row, reading, report) is not None:
            reading.note(
                f"{kind} lines",
                "Organisation Type",
                "not_stored",
                "NHS organisations do not map to councils: validated, not stored (England comes from the England file)",
            )
