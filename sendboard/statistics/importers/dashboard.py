"""Importers for the DfE SEND and alternative provision inclusion dashboard's prepared tables
(``inclusion_dashboard/*.csv.gz``): attainment, absence, destinations, early years and high-needs finance, for
England, every region and every council (ADR 0086).

The tables are the dashboard's own, so each file has its own layout, and their quirks are handled here and
reported in the dataset's notes rather than read silently: periods printed as decimal numbers (``202223.0``);
councils and regions named but not coded in most files (matched to the area register by name, through the same
aliases as the statistical neighbours; a name that matches nothing refuses the file); the dashboard's own
derived and relabelled columns (validated, not stored); provisional figures beside revised ones; ``:`` for
not available. Each file's published header is written out: a file whose header differs is refused."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from sendboard.returns.framework import Report
from sendboard.statistics.importers.base import (
    ENGLAND,
    PublishedImporter,
    Reading,
    academic_year,
    columns_check,
    month_end,
    value_add,
)
from sendboard.statistics.importers.register import NAME_ALIASES
from sendboard.statistics.models import StatisticalArea
from sendboard.statistics.reading import cell_parse, csv_read, name_key

LEVELS = {"National": "england", "Regional": "region", "Local authority": "la"}
# The dashboard's words for SEN provision, as breakdowns of the measures (``sen=...``).
SEN = {
    "EHCP or Statement": "ehc_plan",
    "EHC plan": "ehc_plan",
    "EHC plan or Statement": "ehc_plan",
    "SEN support": "sen_support",
    "All SEN": "any_sen",
    "Any SEN": "any_sen",
    "Identified SEN": "any_sen",
    "Identified SEN (mainstream)": "any_sen",
    "No SEN": "no_sen",
    "No identified SEN": "no_sen",
}


@dataclass(frozen=True)
class Take:
    """One value to store from a row: the column it is printed in, the measure and the breakdown."""

    column: str
    measure: str
    breakdown: str = ""


class Places:
    """England, the regions and the councils of the area register, found by code or by name (``name_key``,
    with the neighbours' aliases); a council whose code changed is found by the period."""

    def __init__(self) -> None:
        self.by_code: dict[str, StatisticalArea] = {}
        self.regions: dict[str, StatisticalArea] = {}
        self.councils: dict[str, list[StatisticalArea]] = {}
        for area in StatisticalArea.objects.all():
            self.by_code[area.code] = area
            if area.level == "region":
                self.regions[name_key(area.name)] = area
            elif area.level == "la":
                self.councils.setdefault(name_key(area.name), []).append(area)

    def region(self, name: str) -> StatisticalArea | None:
        return self.regions.get(name_key(name))

    def council(self, name: str, period: str) -> StatisticalArea | None:
        key = name_key(name)
        found = self.councils.get(NAME_ALIASES.get(key, key))
        if not found:
            return None
        year = period[:4]
        dated = [a for a in found if a.first_period[:4] <= year <= a.last_period[:4]]
        if dated:
            return dated[0]
        return (
            min(found, key=lambda a: a.first_period)
            if year < min(a.first_period[:4] for a in found)
            else max(found, key=lambda a: a.last_period)
        )


def academic(text: str) -> tuple[str, date] | None:
    """ "202223" or "202223.0" -> ("2022/23", 31 August 2023)."""
    match = re.fullmatch(r"(\d{6})(?:\.0)?", text.strip())
    return academic_year(match[1]) if match else None


def financial(text: str) -> tuple[str, date] | None:
    """ "201920" or "2019-20" -> ("2019-20", 31 March 2020)."""
    match = re.fullmatch(r"((?:19|20)\d\d)-?(\d\d)(?:\.0)?", text.strip())
    if match is None or (int(match[1]) + 1) % 100 != int(match[2]):
        return None
    return f"{match[1]}-{match[2]}", date(int(match[1]) + 1, 3, 31)


class DashboardImporter(PublishedImporter):
    """One of the inclusion dashboard's tables. Subclasses give the published ``columns``, the ``period``
    reader, and ``take`` (which values of a row are stored)."""

    columns: tuple[str, ...] = ()
    period_column = "time_period"
    level_column = "geographic_level"
    region_column = "region_name"
    council_column = "la_name"
    code_column = ""  # the council's code, where the table prints one

    def period(self, text: str) -> tuple[str, date] | None:
        return academic(text)

    def take(self, row: dict[str, str]) -> list[Take]:  # pragma: no cover - every importer overrides it
        raise NotImplementedError

    def level(self, row: dict[str, str]) -> str | None:
        return LEVELS.get(row[self.level_column])

    def prepare(self, rows: list[dict[str, str]]) -> None:
        """Before the rows are read, for a table whose rows must be seen together."""

    def row_checked(self, row: dict[str, str], record: str, reading: Reading, report: Report) -> bool:
        """False to skip a row (noted); a subclass may report a problem."""
        return True

    def read(self, path: Path, report: Report) -> Reading:
        reading = self.reading()
        table = csv_read(path, report)
        if table is None:
            return reading
        if not columns_check(self.columns, table.header, report):
            return reading
        places = Places()
        self.gathered: dict = {}  # what ``kept`` gathers for ``derive``, for this file only
        self.prepare([dict(zip(table.header, fields, strict=True)) for _, fields in table.rows])
        for number, fields in table.rows:
            record = f"line {number}"
            row = dict(zip(table.header, fields, strict=True))
            printed = row[self.period_column]
            period = self.period(printed)
            if period is None:
                report.add(
                    record, self.period_column, "bad_period", f"Period “{printed}” is not a period this table prints"
                )
                continue
            if printed.endswith(".0"):
                reading.note(
                    "periods",
                    self.period_column,
                    "decimal_period",
                    "Periods printed as decimal numbers (such as 202223.0): read as the academic or financial year",
                )
            if not self.row_checked(row, record, reading, report):
                continue
            area = self.area(row, record, period[0], places, reading, report)
            if area is None:
                continue
            for take in self.take(row):
                text = row[take.column]
                if not text.strip():
                    reading.note(take.column, take.column, "blank", "Blank cells (no figure and no symbol): not stored")
                    continue
                cell = cell_parse(text)
                if cell is None:
                    report.add(
                        record,
                        take.column,
                        "not_a_number",
                        f"{take.column} “{text}” is neither a number nor a published status code",
                    )
                    continue
                value_add(
                    reading,
                    report,
                    record,
                    take.column,
                    measure=take.measure,
                    area=area,
                    period=period,
                    breakdown=take.breakdown,
                    value=cell.value,
                    status=cell.status,
                )
                if cell.value is not None:
                    self.kept(row, area, period, take, cell.value, places)
        self.derive(reading, report)
        return reading

    def kept(
        self,
        row: dict[str, str],
        area: tuple[str, str],
        period: tuple[str, date],
        take: Take,
        value: Decimal,
        places: Places,
    ) -> None:
        """After a value is read, for a table that works out a line it does not print (England)."""

    def derive(self, reading: Reading, report: Report) -> None:
        """After every row is read: store the lines worked out from those read."""

    def area(self, row, record, period, places: Places, reading: Reading, report: Report) -> tuple[str, str] | None:
        level = self.level(row)
        if level is None:
            report.add(
                record,
                self.level_column,
                "unknown_level",
                f"Geographic level “{row[self.level_column]}” is not National, Regional or Local authority",
            )
            return None
        if level == "england":
            return ENGLAND, level
        if level == "region":
            name = row[self.region_column]
            if name_key(name) in ("inner london", "outer london"):
                reading.note(
                    "Inner and Outer London",
                    self.region_column,
                    "not_stored",
                    "Inner and Outer London lines are sub-regions of London: validated, not stored",
                )
                return None
            found = places.region(name)
            if found is None:
                report.add(
                    record, self.region_column, "unknown_area", f"Region “{name}” is not a region in the area register"
                )
                return None
            return found.code, level
        code = row.get(self.code_column, "").strip() if self.code_column else ""
        if code:
            found = places.by_code.get(code)
            if found is None or found.level != "la":
                report.add(
                    record,
                    self.code_column,
                    "unknown_area",
                    f"Area code “{code}” ({row[self.council_column]}) is not a council in the area register",
                )
                return None
            return found.code, level
        found = places.council(row[self.council_column], period)
        if found is None:
            report.add(
                record,
                self.council_column,
                "unknown_area",
                f"“{row[self.council_column]}” matches no council in the area register",
            )
            return None
        reading.note(
            "councils",
            self.council_column,
            "matched_by_name",
            "Councils named without a code: matched to the area register by name (the count is of lines)",
        )
        return found.code, level


def header(simple: str, *spaced: str) -> tuple[str, ...]:
    """A table's published column names: those without spaces, then those with."""
    return (*simple.split(), *spaced)


def _sen(row: dict[str, str], column: str) -> str | None:
    return SEN.get(row[column])


class AbsenceImporter(DashboardImporter):
    kind = "stats_dash_absence"
    label = "Pupil absence by SEN provision (DfE, inclusion dashboard)"
    dataset = "dash_absence"
    default_file = "inclusion_dashboard/absence.csv"
    columns = header(
        "time_period geographic_level characteristic region_name new_la_code la_name Percentage academic_year",
        "Absence measure",
    )
    code_column = "new_la_code"

    def take(self, row):
        sen = _sen(row, "characteristic")
        if row["Absence measure"] != "Overall" or sen is None:
            return []
        return [Take("Percentage", "absence_overall_pct", f"sen={sen}")]


class Ks2Importer(DashboardImporter):
    kind = "stats_dash_ks2"
    label = "Key stage 2 reading, writing and maths by SEN provision (DfE, inclusion dashboard)"
    dataset = "dash_ks2"
    default_file = "inclusion_dashboard/ks2_attainment.csv"
    columns = header(
        "time_period geographic_level region_name la_name characteristic pt_rwm_met_expected_standard "
        "t_rwm_met_expected_standard t_rwm_eligible_pupils academic_year",
        "Percent meeting expected standard",
    )

    def take(self, row):
        sen = _sen(row, "characteristic")
        return [Take("Percent meeting expected standard", "ks2_rwm_expected_pct", f"sen={sen}")] if sen else []


class Ks4Importer(DashboardImporter):
    kind = "stats_dash_ks4"
    label = "Key stage 4 Attainment 8 by SEN provision (DfE, inclusion dashboard)"
    dataset = "dash_ks4"
    default_file = "inclusion_dashboard/ks4_attainment.csv"
    columns = header(
        "time_period geographic_level region_name la_name characteristic_sen_description t_pupils t_schools "
        "avg_att8 avg_p8score p8score_ci_low p8score_ci_upp academic_year",
        "SEN provision",
        "Average progress 8 score",
        "Progress 8 score (lower confidence interval)",
        "Progress 8 score (upper confidence interval)",
    )

    def take(self, row):
        sen = _sen(row, "characteristic_sen_description")
        return [Take("avg_att8", "ks4_attainment8", f"sen={sen}")] if sen else []


class EnglandFromRegions:
    """For a table that prints every region but no national line: England is worked out as the mean of the nine
    regions' percentages weighted by their cohorts (Inner and Outer London are parts of London, not counted
    again), to one decimal place as the regions are printed; only where all nine regions have a figure."""

    REGIONS = 9

    def kept(self, row, area, period, take, value, places):
        if area[1] != "region":
            return
        cohort = cell_parse(row["cohort"])
        if cohort is None or cohort.value is None:
            return
        self.gathered.setdefault((take.measure, take.breakdown, period), []).append((Decimal(cohort.value), value))

    def derive(self, reading, report):
        for (measure, breakdown, period), values in self.gathered.items():
            if len(values) != self.REGIONS:
                continue
            total = sum(weight for weight, _ in values)
            mean = (sum(weight * value for weight, value in values) / total).quantize(
                Decimal("0.1"), rounding=ROUND_HALF_UP
            )
            value_add(
                reading,
                report,
                "England (worked out)",
                "% of pupils",
                measure=measure,
                area=(ENGLAND, "england"),
                period=period,
                breakdown=breakdown,
                value=mean,
                status="",
            )
            reading.note(
                "England",
                "% of pupils",
                "england_from_regions",
                "No national line is printed: England is worked out from the nine regions, each weighted by its "
                "cohort, to one decimal place (the count is of values)",
            )


class Ks4DestinationsImporter(EnglandFromRegions, DashboardImporter):
    kind = "stats_dash_ks4_destinations"
    label = "Destinations after key stage 4 by SEN provision (DfE, inclusion dashboard)"
    dataset = "dash_ks4_destinations"
    default_file = "inclusion_dashboard/ks4_destinations.csv"
    columns = header(
        "time_period time_identifier geographic_level country_code country_name region_code region_name "
        "old_la_code new_la_code la_name pcon_code pcon_name lad_code lad_name level_methodology institution_group "
        "institution_type characteristic_group characteristic version data_type cohort education appl3 appl2 "
        "academic_year destination_raw pupils Destination",
        "% of pupils",
    )
    code_column = "new_la_code"
    WANTED = {"overall": "ks4_destination_sustained_pct", "all_notsust": "ks4_destination_not_sustained_pct"}

    def row_checked(self, row, record, reading, report):
        if row["version"] == "Provisional":
            reading.note(
                "version",
                "version",
                "provisional",
                "Figures marked provisional (the latest year): stored, to be replaced by the revised release",
            )
        return True

    def take(self, row):
        sen, measure = _sen(row, "characteristic"), self.WANTED.get(row["destination_raw"])
        return [Take("% of pupils", measure, f"sen={sen}")] if sen and measure else []


class Destinations1618Importer(EnglandFromRegions, DashboardImporter):
    kind = "stats_dash_1618_destinations"
    label = "Destinations after 16 to 18 study by SEN (DfE, inclusion dashboard)"
    dataset = "dash_1618_destinations"
    default_file = "inclusion_dashboard/destinations_1618.csv"
    columns = header(
        "time_period geographic_level region_name la_name characteristic cohort academic_year destination_raw "
        "Destination",
        "% of pupils",
    )

    @staticmethod
    def _key(row):
        return (
            row["time_period"],
            row["geographic_level"],
            row["region_name"],
            row["la_name"],
            row["characteristic"],
            row["destination_raw"],
        )

    def prepare(self, rows):
        """A council printed twice for one year (Dorset in 2019/20: a cohort of 1 beside one of 1,716, the first
        the remains of a former council's code): the line with the larger cohort is the council's."""
        self.largest: dict[tuple, float] = {}
        for row in rows:
            cohort = cell_parse(row["cohort"])
            size = float(cohort.value) if cohort is not None and cohort.value is not None else 0.0
            self.largest[self._key(row)] = max(size, self.largest.get(self._key(row), 0.0))

    def row_checked(self, row, record, reading, report):
        cohort = cell_parse(row["cohort"])
        if cohort is not None and cohort.value is not None and float(cohort.value) < self.largest[self._key(row)]:
            reading.note(
                f"{row['la_name']} {row['time_period']}",
                "cohort",
                "repeated_council",
                "A council printed twice for the same year: the line with the larger cohort is kept, the other "
                "(a cohort of a handful, left over from a former council's code) not stored (the count is of lines)",
            )
            return False
        return True

    def take(self, row):
        if row["destination_raw"] != "overall" or row["characteristic"] not in (
            "Identified SEN (mainstream)",
            "No identified SEN",
        ):
            return []  # the learning difficulty or disability (LLDD) lines: validated, not stored
        return [Take("% of pupils", "destination_1618_sustained_pct", f"sen={_sen(row, 'characteristic')}")]


class PhonicsImporter(DashboardImporter):
    kind = "stats_dash_phonics"
    label = "Year 1 phonics by SEN provision (DfE, inclusion dashboard)"
    dataset = "dash_phonics"
    default_file = "inclusion_dashboard/ks1_phonics.csv"
    columns = header(
        "time_period geographic_level region_name la_name characteristic pt_phonics_y1_met_expected_standard "
        "t_phonics_y1_met_expected_standard t_phonics_y1_eligible_pupils academic_year",
        "Percent meeting expected standards in Y1",
    )

    def take(self, row):
        sen = _sen(row, "characteristic")
        return (
            [Take("Percent meeting expected standards in Y1", "phonics_y1_expected_pct", f"sen={sen}")] if sen else []
        )


class EarlyYearsImporter(DashboardImporter):
    kind = "stats_dash_eyfsp"
    label = "Early years foundation stage profile by SEN provision (DfE, inclusion dashboard)"
    dataset = "dash_eyfsp"
    default_file = "inclusion_dashboard/eyfsp.csv"
    columns = header(
        "time_period geographic_level region_code region_name new_la_code la_name characteristic_type children_number "
        "gld_number gld_percentage academic_year"
    )
    code_column = "new_la_code"

    def take(self, row):
        sen = _sen(row, "characteristic_type")
        return [Take("gld_percentage", "eyfsp_gld_pct", f"sen={sen}")] if sen else []


class DsgDeficitImporter(DashboardImporter):
    kind = "stats_dash_dsg"
    label = "Dedicated Schools Grant deficit as a share of income (DfE, inclusion dashboard)"
    dataset = "dash_dsg"
    default_file = "inclusion_dashboard/dsg_deficit.csv"
    columns = header(
        "time_period geographic_level region_name la_name deficit financial_year",
        "DSG cumulative balance as a % of the total income",
    )

    def period(self, text):
        return financial(text)

    def take(self, row):
        return [Take("deficit", "dsg_deficit_pct")]


class HighNeedsSpendImporter(DashboardImporter):
    kind = "stats_dash_high_needs_spend"
    label = "High-needs spend per head on specialist placements (DfE, inclusion dashboard)"
    dataset = "dash_high_needs_spend"
    default_file = "inclusion_dashboard/specialist_spend.csv"
    columns = header("la_name category year pop_est total_spend region", "Spend per head")
    period_column = "year"
    region_column = "region"
    CATEGORIES = {"State": "state", "Independent or non-maintained": "independent", "Total": "total"}

    def period(self, text):
        return financial(text)

    def level(self, row):
        """The table has councils only, and no level column."""
        return "la"

    def row_checked(self, row, record, reading, report):
        if not row["region"].strip():
            if not row["Spend per head"].strip() or cell_parse(row["Spend per head"]).value == 0:
                reading.note(
                    "ceased councils",
                    "Spend per head",
                    "ceased_council_zero",
                    "Councils that had ceased (Bournemouth, Poole, Northamptonshire …) are printed without a region "
                    "and with 0 or nothing for the years after: not stored (the count is of lines)",
                )
                return False
            reading.note(
                "ceased councils",
                "region",
                "no_region",
                "Councils that later ceased are printed without a region: matched by name for the years they existed",
            )
        return True

    def take(self, row):
        return [Take("Spend per head", "high_needs_spend_per_head", f"placement={self.CATEGORIES[row['category']]}")]

    def kept(self, row, area, period, take, value, places):
        """England and each region: the councils' spend over their population aged 2 to 18, both printed."""
        spend, population = cell_parse(row["total_spend"]), cell_parse(row["pop_est"])
        if spend is None or population is None or spend.value is None or not population.value:
            return
        council = places.by_code.get(area[0])
        for whole in (
            (ENGLAND, "england"),
            (council.region_code, "region") if council and council.region_code else None,
        ):
            if whole is not None:
                total = self.gathered.setdefault((whole, take.breakdown, period), [Decimal(0), Decimal(0)])
                total[0] += Decimal(spend.value)
                total[1] += Decimal(population.value)

    def derive(self, reading, report):
        for (area, breakdown, period), (spend, population) in self.gathered.items():
            value_add(
                reading,
                report,
                f"{area[1]} (worked out)",
                "Spend per head",
                measure="high_needs_spend_per_head",
                area=area,
                period=period,
                breakdown=breakdown,
                value=(spend / population).quantize(Decimal("0.0001")),
                status="",
            )
            reading.note(
                "England and regions",
                "Spend per head",
                "totals_from_councils",
                "Councils only are printed: England and each region are worked out as the councils' total spend "
                "over their population aged 2 to 18 (the count is of values)",
            )


class AutismWaitsImporter(DashboardImporter):
    """NHS England's autism statistics as the dashboard holds them: England's lines are stored; the lines for NHS
    providers, regions and sub-ICB areas are validated and not stored (they do not map to councils)."""

    kind = "stats_dash_autism"
    label = "Autism assessment waits: first appointment after more than 13 weeks (NHS England, inclusion dashboard)"
    dataset = "dash_autism"
    default_file = "inclusion_dashboard/autism.csv"
    columns = header(
        "REPORTING_PERIOD_START REPORTING_PERIOD_END STATUS BREAKDOWN PRIMARY_LEVEL PRIMARY_LEVEL_DESCRIPTION "
        "SECONDARY_LEVEL SECONDARY_LEVEL_DESCRIPTION METRIC METRIC_NAME METRIC_VALUE source age_group nhs_name "
        "nhs_type nhs_region date data_level",
        "% with first appointment after more than 13 weeks",
        "Age group",
    )
    period_column = "REPORTING_PERIOD_START"
    level_column = "data_level"
    AGES = {"Under 10": "under_10", "10 to 17": "10_to_17"}

    def period(self, text):
        match = re.fullmatch(r"((?:19|20)\d\d)-(\d\d)-01", text.strip())
        if match is None or not 1 <= int(match[2]) <= 12:
            return None
        return f"{match[1]}-{match[2]}", month_end(int(match[1]), int(match[2]))

    def level(self, row):
        return "england" if row["data_level"] == "National" else None

    def row_checked(self, row, record, reading, report):
        if row["data_level"] != "National":
            reading.note(
                row["data_level"],
                "data_level",
                "not_stored",
                "Lines for NHS providers, NHS regions and sub-ICB areas: validated, not stored (no council mapping)",
            )
            return False
        if row["METRIC_VALUE"] != row["% with first appointment after more than 13 weeks"]:
            report.add(
                record,
                "METRIC_VALUE",
                "copies_differ",
                "The value is printed twice (METRIC_VALUE and the dashboard's own column) and the copies differ",
            )
            return False
        if row["PRIMARY_LEVEL"] not in self.AGES:
            reading.note(
                row["PRIMARY_LEVEL"],
                "PRIMARY_LEVEL",
                "not_stored",
                "Adults' lines (18 and over): validated, not stored",
            )
            return False
        return True

    def take(self, row):
        return [
            Take("METRIC_VALUE", "autism_first_appointment_over_13wk_pct", f"age={self.AGES[row['PRIMARY_LEVEL']]}")
        ]


DASHBOARD_IMPORTERS = (
    AbsenceImporter,
    Ks2Importer,
    Ks4Importer,
    Ks4DestinationsImporter,
    Destinations1618Importer,
    PhonicsImporter,
    EarlyYearsImporter,
    DsgDeficitImporter,
    HighNeedsSpendImporter,
    AutismWaitsImporter,
)
