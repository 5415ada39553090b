"""Area SEND inspection outcomes (Ofsted): the 2016 framework's inspections and revisits to 31 August 2022
(an OpenDocument spreadsheet with a cover, notes and one data sheet) and the first inspections under the 2023
framework (an R export naming partnerships, not codes). Outcomes are text, stored in InspectionOutcome."""

from __future__ import annotations

import re
from pathlib import Path

from sendboard.returns.framework import Report
from sendboard.returns.models import ImportedFile
from sendboard.statistics.importers.base import AreaRegister, PublishedImporter, Reading
from sendboard.statistics.importers.register import council_by_name, councils_by_name
from sendboard.statistics.models import InspectionOutcome
from sendboard.statistics.reading import Unreadable, csv_read, ods_rows, rows_numbered, uk_date

HEADER_2016 = (
    "Web link to Ofsted local authority webpage",
    "Local authority code",
    "Area name",
    "Ofsted region",
    "Inspection start date",
    "Inspection publication date",
    "Inspection outcome: written statement of action required?",
    "Number significant weaknesses identified in written statement of action",
    "Revisit start date",
    "Revisit publication date",
    "Revisit outcome: sufficient progress in addressing all significant weaknesses?",
    "Number significant weaknesses where sufficient progress has been made",
    "Number significant weaknesses where sufficient progress has not been made",
)
HEADER_2023 = (
    "",
    "Link.to.report.webpage.for.the.local.authority.and.local.area.partnership",
    "Local.area.partnership",
    "Ofsted.region",
    "Inspection.start.date",
    "Inspection.publication.date",
    "Inspection.outcome",
    "Priority.action.plan.required.",
    "Number.of.areas.for.priority.action",
)
OUTCOMES_2023 = (
    "Typically positive experiences and outcomes",
    "Inconsistent experiences and outcomes",
    "Widespread and/or systemic failings",
)
YES_NO = {"Yes": True, "No": False}
REVISIT_OUTCOMES = ("Yes", "Some", "No", "")  # sufficient progress in all, some or no significant weaknesses


def _count(text: str, record: str, column: str, report: Report) -> int | None:
    text = text.strip()
    if text in ("", "NA"):
        return None
    if not re.fullmatch(r"\d{1,2}", text):
        report.add(record, column, "not_a_number", f"{column} “{text}” is not a whole number")
    return int(text) if text.isdigit() else None


def _date(text: str, record: str, column: str, report: Report, *, required: bool):
    found = uk_date(text)
    if found is None and (required or text.strip()):
        report.add(record, column, "bad_date", f"{column} “{text}” is not a date (dd/mm/yyyy)")
    return found


class _InspectionImporter(PublishedImporter):
    framework = ""

    def write(self, reading: Reading, imported_file: ImportedFile, report: Report) -> None:
        InspectionOutcome.objects.filter(framework=self.framework).delete()
        for outcome in reading.inspections:
            outcome.imported_file = imported_file
        InspectionOutcome.objects.bulk_create(reading.inspections)
        report.count("inspections", len(reading.inspections))


class Inspections2016Importer(_InspectionImporter):
    kind = "stats_inspections_2016"
    label = "Area SEND inspections and revisits, 2016 framework (Ofsted, ODS)"
    dataset = "inspections_2016"
    suffix = ".ods"
    default_file = "Area_SEND_inspection_data_01_May_2016_to_31_August_2022.ods"
    framework = InspectionOutcome.Framework.F2016
    sheet = "Area_SEND_up_to_31_Aug_2022"

    def read(self, path: Path, report: Report) -> Reading:
        reading = self.reading()
        reading.inspections = []
        try:
            rows = ods_rows(path, self.sheet)
        except Unreadable as error:
            report.add("file", "", "unreadable", str(error))
            return reading
        start = next((i for i, row in enumerate(rows) if tuple(row[:1]) == HEADER_2016[:1]), None)
        if start is None or tuple(rows[start][: len(HEADER_2016)]) != HEADER_2016:
            report.add(
                f"sheet {self.sheet}", "header", "unexpected_layout", "The table's header row is not the published one"
            )
            return reading
        register = AreaRegister()
        for number, row in enumerate(rows[start + 1 :], start=start + 2):
            if not any(cell.strip() for cell in row):
                break
            self._row(f"row {number}", (row + [""] * 13)[:13], register, reading, report)
        return reading

    def _row(self, record, cells, register, reading, report) -> None:
        (
            _,
            code,
            name,
            _region,
            start,
            published,
            wsoa,
            weaknesses,
            revisit,
            revisit_published,
            revisit_outcome,
            made,
            not_made,
        ) = cells
        before = report.problem_count
        area = register.by_code.get(code.strip())
        if area is None or area.level != "la":
            report.add(
                record,
                "Local authority code",
                "unknown_area",
                f"“{code}” ({name}) is not a council in the area register",
            )
        if wsoa.strip() not in YES_NO:
            report.add(record, HEADER_2016[6], "not_yes_no", f"“{wsoa}” is not Yes or No")
        if revisit_outcome.strip() not in REVISIT_OUTCOMES:
            report.add(
                record,
                HEADER_2016[10],
                "unknown_outcome",
                f"Revisit outcome “{revisit_outcome}” is not Yes, Some or No",
            )
        outcome = InspectionOutcome(
            area_code=code.strip(),
            framework=self.framework,
            inspection_start=_date(start, record, HEADER_2016[4], report, required=True),
            publication_date=_date(published, record, HEADER_2016[5], report, required=True),
            outcome="Written statement of action required"
            if wsoa.strip() == "Yes"
            else "No written statement of action",
            wsoa_required=YES_NO.get(wsoa.strip()),
            significant_weaknesses=_count(weaknesses, record, HEADER_2016[7], report),
            revisit_start=None
            if revisit.strip() == "Not revisited yet"
            else _date(revisit, record, HEADER_2016[8], report, required=False),
            revisit_publication_date=_date(revisit_published, record, HEADER_2016[9], report, required=False),
            revisit_outcome=revisit.strip() if revisit.strip() == "Not revisited yet" else revisit_outcome.strip(),
            weaknesses_progress_made=_count(made, record, HEADER_2016[11], report),
            weaknesses_progress_not_made=_count(not_made, record, HEADER_2016[12], report),
        )
        if report.problem_count == before:
            reading.inspections.append(outcome)


class Inspections2023Importer(_InspectionImporter):
    kind = "stats_inspections_2023"
    label = "Area SEND inspections, 2023 framework (Ofsted)"
    dataset = "inspections_2023"
    default_file = "mi_ofsted_winter_2223.csv"
    framework = InspectionOutcome.Framework.F2023

    def read(self, path: Path, report: Report) -> Reading:
        reading = self.reading()
        reading.inspections = []
        table = csv_read(path, report)
        if table is None:
            return reading
        if tuple(table.header) != HEADER_2023:
            report.add("header", "", "unexpected_layout", f"The columns are not the published ones: {table.header}")
            return reading
        councils = councils_by_name()
        for number, row in rows_numbered(table):
            record, before = f"line {number}", report.problem_count
            name = row["Local.area.partnership"]
            area = council_by_name(name, councils)
            if area is None:
                report.add(
                    record,
                    "Local.area.partnership",
                    "unknown_area",
                    f"“{name}” matches no council in the area register",
                )
            if row["Inspection.outcome"] not in OUTCOMES_2023:
                report.add(
                    record,
                    "Inspection.outcome",
                    "unknown_outcome",
                    f"“{row['Inspection.outcome']}” is not a 2023-framework outcome",
                )
            if row["Priority.action.plan.required."] not in YES_NO:
                report.add(
                    record,
                    "Priority.action.plan.required.",
                    "not_yes_no",
                    f"“{row['Priority.action.plan.required.']}” is not Yes or No",
                )
            outcome = InspectionOutcome(
                area_code=area.code if area else "",
                framework=self.framework,
                inspection_start=_date(
                    row["Inspection.start.date"], record, "Inspection.start.date", report, required=True
                ),
                publication_date=_date(
                    row["Inspection.publication.date"], record, "Inspection.publication.date", report, required=True
                ),
                outcome=row["Inspection.outcome"],
                priority_action_plan_required=YES_NO.get(row["Priority.action.plan.required."]),
                priority_action_areas=_count(
                    row["Number.of.areas.for.priority.action"], record, "Number.of.areas.for.priority.action", report
                ),
            )
            if report.problem_count == before:
                reading.inspections.append(outcome)
        return reading
