"""Importers for files in the DfE's explore-education-statistics layout (one row per period, area and
breakdown; geography columns first): the 2025 EHC plan release, the 2014-2022 EHC plan management
information, SEN by social-care group and pupil referral unit absence. Each file's published header is written
out here; a file whose header differs is refused (a renamed or new column means the layout changed)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from sendboard.returns.framework import Report
from sendboard.statistics.importers.base import (
    AreaRegister,
    PublishedImporter,
    Reading,
    academic_year,
    calendar_year,
    columns_check,
    ees_area,
    value_add,
)
from sendboard.statistics.reading import Cell, CsvTable, cell_parse, csv_read

GEOGRAPHY = (
    "time_period time_identifier geographic_level country_code country_name region_code region_name "
    "new_la_code old_la_code la_name"
)
DESCRIPTIVE = frozenset(GEOGRAPHY.split()) | {"breakdown_topic", "breakdown", "social_care_group"}

PLACEMENT_COLUMNS = (
    "mainstream_la_maintained mainstream_la_maintained_resourced_provision mainstream_la_maintained_senunit "
    "mainstream_academy mainstream_academy_resourced_provision mainstream_academy_senunit mainstream_free_school "
    "mainstream_free_school_resourced_provision mainstream_free_school_senunit mainstream_independent "
    "mainstream_total mainstream_total_pc special_la_maintained special_academy_free special_independent "
    "special_non_maintained special_total special_total_pc ap_pru_academy ap_pru_free_school ap_pru_la_maintained "
    "ap_pru_total AP_PRU_total_pc general_fe_tertiary_colleges specialist_post_16_institutions ukrlp_provider "
    "fe_total fe_total_pc elective_home_education other_arrangements_la other_arrangements_parents online_provider "
    "w_settings other_schools other_placement_settings neet neet_ntci neet_other neet_other_csa ed_elsewhere "
    "ed_elsewhere_pc nm_early_years nm_early_years_pc placement_unknown placement_unknown_pc await_prov_2022 "
    "perm_ex_2022"
)
PLACEMENTS = {
    "mainstream_total": "mainstream",
    "special_total": "special",
    "special_independent": "independent",
    "ap_pru_total": "alternative",
    "fe_total": "post16",
    "ed_elsewhere": "other",
    "nm_early_years": "early_years",
    "placement_unknown": "none",
}


@dataclass(frozen=True)
class Stored:
    column: str
    measure: str
    breakdown: str = ""


class EesImporter(PublishedImporter):
    """One file in the explore-education-statistics layout. Subclasses give the published header
    (``columns``), the period kind and which columns of which rows are stored (``stored``)."""

    columns = ""
    time_identifier = "Calendar year"
    period_kind = "calendar"  # or "academic" (ends 31 August), "january" (a January snapshot), "two_terms"
    # A column name the publisher repeats, with why it is safe to read the first copy when both agree.
    known_duplicates: dict[str, str] = {}
    # Columns not stored where the publisher prints negative counts; each such cell is reported, not loaded.
    negatives_reported: dict[str, str] = {}
    # Symbols the file's guidance does not define, printed in it anyway: kept as the status as printed and
    # reported (a symbol not listed here, or in reading.STATUS_CODES, refuses the file).
    symbols_reported: dict[str, str] = {}

    def stored(self, row: dict[str, str], period: str) -> list[Stored]:  # pragma: no cover - overridden
        return []

    def period(self, text: str) -> tuple[str, date] | None:
        if self.period_kind == "calendar":
            return calendar_year(text)
        end_month = {"academic": 8, "january": 1, "two_terms": 3}[self.period_kind]
        return academic_year(text, end_month=end_month)

    def cell_allowed(self, column: str, period: str, number: bool) -> bool:
        """Whether a number may appear in ``column`` in ``period`` (files whose layout changes by year say)."""
        return True

    def read(self, path: Path, report: Report) -> Reading:
        reading = self.reading()
        table = csv_read(path, report)
        if table is None or not self._header_ok(table, report, reading):
            return reading
        register = AreaRegister()
        header = table.header
        first = {name: header.index(name) for name in header}
        value_columns = [(name, index) for name, index in first.items() if name not in DESCRIPTIVE]
        for number, fields in table.rows:
            record = f"line {number}"
            row = {name: fields[index] for name, index in first.items() if name in DESCRIPTIVE}
            if row.get("time_identifier") != self.time_identifier:
                report.add(
                    record,
                    "time_identifier",
                    "unexpected_period_type",
                    f"Time identifier “{row.get('time_identifier')}” is not “{self.time_identifier}”",
                )
                continue
            period = self.period(row["time_period"])
            if period is None:
                report.add(
                    record,
                    "time_period",
                    "bad_period",
                    f"Time period “{row['time_period']}” is not a {self.period_kind} period",
                )
                continue
            cells = self._cells(fields, value_columns, record, period[0], report, reading)
            area = ees_area(row, record, register, report, reading)
            if area is None or cells is None:
                continue
            row.update({name: fields[index] for name, index in value_columns})
            for stored in self.stored(row, period[0]):
                cell = cells[stored.column]
                value_add(
                    reading,
                    report,
                    record,
                    stored.column,
                    measure=stored.measure,
                    area=area,
                    period=period,
                    breakdown=stored.breakdown,
                    value=cell.value,
                    status=cell.status,
                )
            self.row_read(row, area, period, cells, reading, report)
        self.finish(reading, report)
        return reading

    def row_read(self, row, area, period, cells, reading, report) -> None:
        """For importers that derive values from several rows (age bands)."""

    def finish(self, reading: Reading, report: Report) -> None:
        """After the last row."""

    def _header_ok(self, table: CsvTable, report: Report, reading: Reading) -> bool:
        expected = (
            self.columns.split() if self.columns.startswith("time_period") else (GEOGRAPHY + " " + self.columns).split()
        )
        ok = True
        for name, positions in table.duplicates.items():
            columns = ", ".join(str(p + 1) for p in positions)
            if name not in self.known_duplicates:
                report.add(
                    "header", name, "repeated_column", f"Column “{name}” appears more than once (columns {columns})"
                )
                ok = False
                continue
            differing = sum(1 for _, fields in table.rows if len({fields[p] for p in positions}) > 1)
            if differing:
                report.add(
                    "header",
                    name,
                    "repeated_column",
                    f"Column “{name}” appears twice (columns {columns}) and "
                    f"the copies differ in {differing} rows: which is right cannot be told",
                )
                ok = False
            else:
                reading.note(
                    "header",
                    name,
                    "repeated_column",
                    f"Column “{name}” is printed twice (columns {columns}) with the same values in every row: "
                    f"the second copy is ignored. {self.known_duplicates[name]}",
                )
        return columns_check(expected, table.header, report) and ok

    def _cells(self, fields, value_columns, record, period, report, reading):
        """Every value cell of a row parsed; None (with problems reported) when any cannot be read."""
        cells = {}
        ok = True
        for name, index in value_columns:
            text = fields[index]
            if text.isdigit():  # the common case, fast
                cells[name] = _Whole(text)
                if not self.cell_allowed(name, period, True):
                    report.add(
                        record, name, "column_not_published", f"{name} holds a number but is not published for {period}"
                    )
                    ok = False
                continue
            cell = cell_parse(text)
            if cell is None and text.strip() in self.symbols_reported:
                cell = Cell(None, text.strip())
                reading.note(f"line {record[5:]}", name, "undefined_symbol", self.symbols_reported[text.strip()])
            if cell is None:
                report.add(
                    record, name, "not_a_number", f"{name} “{text}” is neither a number nor a published status code"
                )
                ok = False
                continue
            if cell.padded:
                reading.note("cells", name, "padded", "Numbers printed with surrounding spaces: read without them")
            if cell.value is not None and not self.cell_allowed(name, period, True):
                report.add(
                    record, name, "column_not_published", f"{name} holds a number but is not published for {period}"
                )
                ok = False
            if cell.value is not None and cell.value < 0:
                if name in self.negatives_reported:
                    reading.note(f"{name} < 0", name, "negative_not_stored", self.negatives_reported[name])
                else:
                    report.add(
                        record,
                        name,
                        "negative",
                        f"{name} is {cell.value}: published counts and rates cannot be negative",
                    )
                    ok = False
            cells[name] = cell
        return cells if ok else None


class _Whole:
    """A cell holding a plain whole number (most cells), parsed only if it is stored."""

    __slots__ = ("text",)
    status = ""

    def __init__(self, text: str) -> None:
        self.text = text

    @property
    def value(self) -> Decimal:
        return Decimal(self.text)


def topic_total(row: dict[str, str]) -> bool:
    return row["breakdown"] == row["breakdown_topic"]


# --- the 2025 EHC plan release -------------------------------------------------------------------------


class TimelinessImporter(EesImporter):
    kind = "stats_ehcp_timeliness"
    label = "EHC plans issued within 20 weeks (DfE, 2025 release)"
    dataset = "ehcp_2025_timeliness"
    default_file = "ehcp_2025/data/timeliness_20_week.csv"
    columns = (
        "breakdown_topic breakdown plans_issued_den plans_issued_den_ex plans_issued_within_20_weeks "
        "plans_issued_20_weeks_ex pc_plans_issued_within_20_weeks PC_plans_issued_20_weeks_ex "
        "plans_issued_gt20weeks_ltYear plans_issued_gt20weeks_ltYear_ex pc_plans_issued_gt20weeks_ltYear "
        "PC_plans_issued_gt20weeks_ltYear_ex plans_issued_gt_1_year plans_issued_gt_1_year_ex "
        "pc_plans_issued_gt_1_year PC_plans_issued_gt_1_year_ex"
    )

    def stored(self, row, period):
        if not topic_total(row):
            return []
        return [
            Stored("pc_plans_issued_within_20_weeks", "new_plans_20wk_incl_exc_pct"),
            Stored("PC_plans_issued_20_weeks_ex", "new_plans_20wk_excl_exc_pct"),
        ]


class NewPlansImporter(EesImporter):
    kind = "stats_ehcp_newplans"
    label = "New EHC plans (DfE, 2025 release)"
    dataset = "ehcp_2025_newplans"
    default_file = "ehcp_2025/data/newplans.csv"
    columns = "breakdown_topic breakdown new_ehc_plans " + PLACEMENT_COLUMNS

    def stored(self, row, period):
        return [Stored("new_ehc_plans", "new_plans")] if topic_total(row) else []


class RequestsImporter(EesImporter):
    kind = "stats_ehcp_requests"
    label = "Requests for EHC needs assessment (DfE, 2025 release)"
    dataset = "ehcp_2025_requests"
    default_file = "ehcp_2025/data/requests.csv"
    columns = (
        "breakdown_topic breakdown requests_received_in_year requests_rya requests_decided_to_assess "
        "requests_decided_not_to_assess requests_decision_not_made requests_withdrawn request_assess_pc "
        "request_not_assess_pc request_outstanding_pc request_withdrawn_pc request_outcome_six_weeks "
        "request_outcome_over_6_weeks request_outcome_six_weeks_pc request_outcome_over_6_weeks_pc "
        "mediation_related_request tribunal_related_request tribunal_after_mediation_request"
    )

    def stored(self, row, period):
        if not topic_total(row):
            return []
        return [
            Stored("requests_received_in_year", "requests"),
            Stored("requests_decided_not_to_assess", "requests_refused"),
        ]


class AssessmentsImporter(EesImporter):
    kind = "stats_ehcp_assessments"
    label = "EHC needs assessments (DfE, 2025 release)"
    dataset = "ehcp_2025_assessments"
    default_file = "ehcp_2025/data/assessments.csv"
    columns = (
        "breakdown_topic breakdown assess_in_year assess_issued assess_issued_pc assess_not_issued "
        "assess_not_issued_pc assess_not_made assess_not_made_pc assess_withdrawn assess_withdrawn_pc "
        "outcome_decision_within_time outcome_decision_over_time outcome_decision_within_time_pc "
        "outcome_decision_over_time_pc number_assess_mediation number_assess_tribunal "
        "number_asssess_mediation_tribunal number_other_mediation number_other_tribunal "
        "number_other_mediation_tribunal"
    )

    def stored(self, row, period):
        if not topic_total(row):
            return []
        return [Stored("assess_in_year", "assessments"), Stored("assess_not_issued", "assessments_no_plan")]


AGE_BANDS = {
    "under_5": ("under 3", "age 3", "age 4"),
    "5-10": tuple(f"age {n}" for n in range(5, 11)),
    "11-15": tuple(f"age {n}" for n in range(11, 16)),
    "16-19": tuple(f"age {n}" for n in range(16, 20)),
    "20-25": tuple(f"age {n}" for n in range(20, 26)),
}
AGE_OF = {age: band for band, ages in AGE_BANDS.items() for age in ages}


class CaseloadImporter(EesImporter):
    kind = "stats_ehcp_caseload"
    label = "EHC plans in January, by placement and age (DfE, 2025 release)"
    dataset = "ehcp_2025_caseload"
    default_file = "ehcp_2025/data/caseload.csv"
    time_identifier = "Academic year"
    period_kind = "january"
    columns = "breakdown_topic breakdown ehcplans " + PLACEMENT_COLUMNS

    def reading(self) -> Reading:
        reading = super().reading()
        reading.ages = {}  # (area, period) -> {age: cell}
        return reading

    def stored(self, row, period):
        if row["breakdown_topic"] != "All EHC plans" or row["breakdown"] != "All EHC plans":
            return []
        return [Stored("ehcplans", "plans")] + [
            Stored(column, "plans", f"placement={name}") for column, name in PLACEMENTS.items()
        ]

    def row_read(self, row, area, period, cells, reading, report):
        if row["breakdown_topic"] == "Child or young persons age":
            if row["breakdown"] not in AGE_OF:
                report.add(
                    f"{area[0]} {period[0]}",
                    "breakdown",
                    "unknown_age",
                    f"Age “{row['breakdown']}” is not a published age",
                )
                return
            reading.ages.setdefault((area, period), {})[row["breakdown"]] = cells["ehcplans"]

    def finish(self, reading, report):
        """Age bands from the single ages: a sum when every age in the band is printed; a band where any age
        is suppressed or absent is stored as x, because the sum would understate it."""
        for (area, period), ages in reading.ages.items():
            for band, members in AGE_BANDS.items():
                present = [ages[a] for a in members if a in ages]
                if len(present) == len(members) and all(c.value is not None for c in present):
                    value, status = sum((c.value for c in present), Decimal(0)), ""
                else:
                    value, status = None, "x"
                    reading.note(
                        "age bands",
                        "ehcplans",
                        "band_incomplete",
                        "An age band with a suppressed or unpublished single age is stored as x",
                    )
                value_add(
                    reading,
                    report,
                    f"{area[0]} {period[0]}",
                    "ehcplans",
                    measure="plans",
                    area=area,
                    period=period,
                    breakdown=f"age={band}",
                    value=value,
                    status=status,
                )


NEEDS = ("asd", "hi", "mld", "msi", "oth", "pd", "pmld", "semh", "slcn", "sld", "spld", "vi")


class NeedsImporter(EesImporter):
    kind = "stats_ehcp_needs"
    label = "EHC plans by primary need (DfE, 2025 release)"
    dataset = "ehcp_2025_needs"
    default_file = "ehcp_2025/data/sen_needs_all_plans.csv"
    time_identifier = "Academic year"
    period_kind = "january"
    columns = (
        "breakdown_topic breakdown ehc_plans "
        + " ".join(f"number_{n}" for n in NEEDS)
        + " number_need_unknown "
        + " ".join(f"{n}_pc" for n in NEEDS)
        + " unknown_pc"
    )

    def stored(self, row, period):
        if not topic_total(row):
            return []
        return [Stored(f"number_{n}", "plans", f"need={n.upper()}") for n in NEEDS] + [
            Stored("number_need_unknown", "plans", "need=unknown")
        ]


CEASED_REASONS = (
    "max_age",
    "needs_met",
    "he",
    "employ",
    "transfer",
    "no_engage",
    "moved_outside_eng",
    "deceased",
    "not_rec",
    "other",
)


class CeasedImporter(EesImporter):
    kind = "stats_ehcp_ceased"
    label = "EHC plans ceased (DfE, 2025 release)"
    dataset = "ehcp_2025_ceased"
    default_file = "ehcp_2025/data/ceased_plans.csv"
    columns = "breakdown_topic breakdown " + " ".join(CEASED_REASONS) + " total_ceased"

    def stored(self, row, period):
        if not topic_total(row):
            return []
        return [Stored("total_ceased", "plans_ceased")] + [
            Stored(r, "plans_ceased", f"reason={r}") for r in CEASED_REASONS
        ]


class AnnualReviewsImporter(EesImporter):
    kind = "stats_ehcp_annual_reviews"
    label = "EHC plan annual reviews (DfE, 2025 release)"
    dataset = "ehcp_2025_annual_reviews"
    default_file = "ehcp_2025/data/annual_reviews.csv"
    columns = (
        "breakdown_topic breakdown total_ehc_plans review_expected review_not_expected review_meeting_25 "
        "review_meeting_24 review_meeting_prior_24 review_meeting_prior_24 total_review_meeting "
        "no_review_meeting review_decision25 review_decision24 review_decision_prior24 review_decision_not_due "
        "review_decision_outstanding outcome_amend outcome_cease outcome_maintan no_outcome "
        "number_decsion_4weeks number_decision_gt_4weeks pc_decsion_4weeks pc_decision_gt_4weeks"
    )
    known_duplicates = {"review_meeting_prior_24": "A known defect of the June 2025 release (SOURCE.md)."}
    negatives_reported = {
        "review_decision_outstanding": "The 2025 release prints negative counts of outstanding review decisions "
        "(a derived column: expected minus recorded). Not stored; each cell reported here.",
        "no_outcome": "The 2025 release prints negative counts of reviews with no outcome (a derived column). "
        "Not stored; each cell reported here.",
    }

    def stored(self, row, period):
        return [Stored("pc_decsion_4weeks", "annual_reviews_on_time_pct")] if topic_total(row) else []

    def row_read(self, row, area, period, cells, reading, report):
        """Review meetings held as a share of the plans whose review was due, derived from the two counts the
        release prints (total_review_meeting over review_expected): the figure an annual review held within 12
        months is compared with. A suppressed count gives the derived share its status."""
        if not topic_total(row):
            return
        held, due = cells["total_review_meeting"], cells["review_expected"]
        if held.value is not None and due.value:
            value, status = (Decimal(100) * held.value / due.value).quantize(Decimal("0.0001")), ""
        else:
            value, status = None, held.status or due.status or "z"
        value_add(
            reading,
            report,
            f"line {row['time_period']} {area[0]}",
            "total_review_meeting",
            measure="annual_review_meetings_held_pct",
            area=area,
            period=period,
            breakdown="",
            value=value,
            status=status,
        )


# --- the 2014-2022 management information ---------------------------------------------------------------


def _columns(text: str) -> frozenset[str]:
    return frozenset(text.split())


_MI_2016_2018 = _columns(
    "ass_nodecision_ehc ass_none_ehc ass_none_ehc_pc ass_refused_ehc ass_refused_ehc_pc direct_pay_education "
    "direct_pay_health direct_pay_integrated direct_pay_socialcare discontinued_lea discontinued_lea_ehc "
    "discontinued_left discontinued_left_ehc discontinued_met discontinued_met_ehc discontinued_other "
    "discontinued_other_ehc inc_exc_20week_ehc inc_exc_20week_rate inreq_ehc inreq_rya_ehc mainstream_to_home "
    "mainstream_to_home_ehc mainstream_to_special mainstream_to_special_ehc new_all_ehc new_all_ehc_ass_none_ehc_sum "
    "new_all_ehc_pc no_exc_20week_ehc no_exc_20week_rate org_arrangements personal_budgets special_to_home "
    "special_to_home_ehc special_to_mainstream special_to_mainstream_ehc statements_no_ehc statements_to_ehc "
    "tot_inc_exc_ehc tot_no_exc_ehc total_mediation total_tribunal_followed_mediation total_tribunal_pc"
)
_MI_2019_2021 = _MI_2016_2018 - _columns(
    "discontinued_lea discontinued_left discontinued_met discontinued_other mainstream_to_home mainstream_to_special "
    "special_to_home special_to_mainstream statements_no_ehc statements_to_ehc"
)
# The columns that may hold numbers in each year: the file's layout and meaning change between years (2022
# most of all: new reasons for ceasing, requests by age, mediation and tribunal counts; ass_nodecision_ehc and
# the total_tribunal_* pair are gone). A number anywhere else means the layout has moved: the file is refused.
SEN2_MI_PUBLISHED: dict[str, frozenset[str]] = {
    "2014": _columns(
        "ass_nodecision ass_nodecision_ehc ass_none ass_none_ehc ass_none_ehc_pc ass_refused ass_refused_ehc "
        "direct_pay_education direct_pay_health direct_pay_integrated direct_pay_socialcare discontinued_lea "
        "discontinued_left discontinued_met discontinued_other inc_exc_20week_ehc inc_exc_20week_rate inc_exc_26week "
        "mainstream_to_home mainstream_to_special new_all_ehc new_all_ehc_ass_none_ehc_sum new_all_ehc_pc "
        "no_exc_20week_ehc no_exc_20week_rate no_exc_26week org_arrangements personal_budgets special_to_home "
        "special_to_mainstream statements_no_ehc statements_to_ehc tot_inc_exc tot_inc_exc_ehc tot_no_exc "
        "tot_no_exc_ehc total_mediation total_tribunal_followed_mediation total_tribunal_pc"
    ),
    "2015": _MI_2016_2018 - _columns("ass_refused_ehc_pc inreq_ehc inreq_rya_ehc")
    | _columns("ass_none inc_exc_26week no_exc_26week tot_inc_exc tot_no_exc"),
    **{str(year): _MI_2016_2018 for year in (2016, 2017, 2018)},
    **{str(year): _MI_2019_2021 for year in (2019, 2020, 2021)},
    "2022": _columns(
        "ass_none_ehc ass_none_ehc_pc ass_refused_ehc ass_refused_ehc_pc assessment_mediation assessment_tribunal "
        "assessment_w assessments direct_pay_education direct_pay_health direct_pay_integrated direct_pay_socialcare "
        "discontinued_abroad discontinued_age discontinued_deceased discontinued_employment discontinued_unknown "
        "discontinued_engage discontinued_he discontinued_lea_ehc discontinued_lea_noncomp discontinued_met_ehc "
        "discontinued_met_noncomp discontinued_other_ehc discontinued_other_noncomp discontinued_total "
        "inc_exc_20week_ehc inc_exc_20week_rate inreq_ehc inreq_ehc_a inreq_ehc_w inreq_ehc_y inreq_rya_ehc "
        "new_all_ehc new_all_ehc_ass_none_ehc_sum new_all_ehc_pc no_exc_20week_ehc no_exc_20week_rate "
        "org_arrangements other_mediation other_tribunal total_tribunal personal_budgets request_mediation "
        "request_tribunal tot_inc_exc_ehc tot_no_exc_ehc total_mediation"
    ),
}
# Stored columns by year (the registry then keeps only the years this file supplies).
SEN2_MI_STORED = (
    Stored("inc_exc_20week_rate", "new_plans_20wk_incl_exc_pct"),
    Stored("no_exc_20week_rate", "new_plans_20wk_excl_exc_pct"),
    Stored("new_all_ehc", "new_plans"),
    Stored("inreq_ehc", "requests"),
    Stored("ass_refused_ehc", "requests_refused"),
    Stored("new_all_ehc_ass_none_ehc_sum", "assessments"),
    Stored("ass_none_ehc", "assessments_no_plan"),
    Stored("discontinued_met_ehc", "plans_ceased", "reason=needs_met"),
    Stored("discontinued_lea_ehc", "plans_ceased", "reason=transfer"),
    Stored("discontinued_left_ehc", "plans_ceased", "reason=left"),
    Stored("discontinued_other_ehc", "plans_ceased", "reason=other"),
)


class Sen2ManagementInformationImporter(EesImporter):
    kind = "stats_ehcp_mi_2014_2022"
    label = "EHC plan management information 2014-2022 (DfE)"
    dataset = "ehcp_mi_2014_2022"
    default_file = "sen2_mi.csv"
    columns = " ".join(sorted(set().union(*SEN2_MI_PUBLISHED.values())))

    def cell_allowed(self, column, period, number):
        published = SEN2_MI_PUBLISHED.get(period)
        return published is None or column in published

    def period(self, text):
        found = calendar_year(text)
        return found if found is not None and found[0] in SEN2_MI_PUBLISHED else None

    def stored(self, row, period):
        published = SEN2_MI_PUBLISHED[period]
        return [s for s in SEN2_MI_STORED if s.column in published]


# --- SEN by social-care group; PRU absence --------------------------------------------------------------

SEN_LA_COLUMNS = (
    "time_period time_identifier geographic_level country_code country_name region_code region_name "
    "old_la_code la_name new_la_code social_care_group t_pupils t_no_identified_SEN t_all_SEN "
    "t_SEN_support t_statement_or_EHC_plan t_ASD t_HI t_MLD t_MSI t_NSA t_OTH t_PD t_PMLD t_SEMH "
    "t_SLCN t_SLD t_SPLD t_VI pt_no_identified_SEN pt_all_SEN pt_SEN_support pt_statement_or_EHC_plan "
    "pt_ASD pt_HI pt_MLD pt_MSI pt_NSA pt_OTH pt_PD pt_PMLD pt_SEMH pt_SLCN pt_SLD pt_SPLD pt_VI"
)
GROUP_MEASURES = {"CLA 12 months at 31 March": "cla", "CINO at 31 March": "cin", "All pupils comparison": "all_pupils"}


class SenSocialCareImporter(EesImporter):
    kind = "stats_sen_social_care_la"
    label = "Pupils with SEN by social-care group, councils (DfE)"
    dataset = "sen_social_care_la"
    default_file = "sen_la.csv"
    time_identifier = "Academic year"
    period_kind = "january"
    columns = SEN_LA_COLUMNS

    def stored(self, row, period):
        prefix = GROUP_MEASURES.get(row["social_care_group"])
        if prefix is None:
            return []
        return [
            Stored("pt_statement_or_EHC_plan", f"{prefix}_ehcp_pct"),
            Stored("pt_SEN_support", f"{prefix}_sen_support_pct"),
        ]


_NEED_CODES = "ASD HI MLD MSI NSA OTH PD PMLD SEMH SLCN SLD SPLD VI".split()


class SenSocialCareNationalImporter(SenSocialCareImporter):
    kind = "stats_sen_social_care_england"
    label = "Pupils with SEN by social-care group, England (DfE)"
    dataset = "sen_social_care_national"
    default_file = "sen_national.csv"
    columns = (
        "time_period time_identifier geographic_level country_code country_name social_care_group t_pupils "
        "t_no_identified_SEN pt_no_identified_SEN t_all_SEN pt_all_SEN t_SEN_support pt_SEN_support "
        "t_statement_or_EHC_plan pt_statement_or_EHC_plan "
        + " ".join(f"t_{n}_{s} pt_{n}_{s}" for s in ("ss", "se") for n in _NEED_CODES)
    )
    symbols_reported = {
        "k": "“k” is printed once (CPPO at any point, 2021/22, pt_PMLD_ss) and is not among the "
        "DfE's symbols; kept as the status “k”, not read as a number"
    }


class PruAbsenceImporter(EesImporter):
    kind = "stats_pru_absence"
    label = "Pupil referral units: absence, autumn and spring terms (DfE)"
    dataset = "pru_absence"
    default_file = "4_absence_2term_pru.csv"
    time_identifier = "Autumn and spring term"
    period_kind = "two_terms"
    columns = (
        "time_period time_identifier geographic_level country_code country_name region_code region_name "
        "old_la_code new_la_code la_name num_schools enrolments sess_possible sess_overall sess_authorised "
        "sess_unauthorised sess_overall_percent sess_authorised_percent sess_unauthorised_percent "
        "enrolments_pa_10_exact enrolments_pa_10_exact_percent enrolments_pa_50_exact "
        "enrolments_pa_50_exact_percent sess_auth_illness sess_auth_appointments sess_auth_religious "
        "sess_auth_study sess_auth_traveller sess_auth_holiday sess_auth_ext_holiday sess_auth_excluded "
        "sess_auth_other sess_auth_totalreasons sess_unauth_holiday sess_unauth_late sess_unauth_other "
        "sess_unauth_noyet sess_unauth_totalreasons sess_overall_totalreasons sess_x_covid sess_y_exceptional"
    )

    def stored(self, row, period):
        return [Stored("enrolments_pa_10_exact_percent", "pru_persistent_absence_pct")]


EES_IMPORTERS = (
    Sen2ManagementInformationImporter,
    TimelinessImporter,
    NewPlansImporter,
    RequestsImporter,
    AssessmentsImporter,
    CaseloadImporter,
    NeedsImporter,
    CeasedImporter,
    AnnualReviewsImporter,
    SenSocialCareImporter,
    SenSocialCareNationalImporter,
    PruAbsenceImporter,
)
