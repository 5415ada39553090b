"""Every local extract's CSV layout, defined once as data (ADR 0050).

One definition per extract drives three things: the importer's validation (``importer.py``), the tables in
docs/extracts.md (``layouts_markdown``; a test holds the document to it) and the blank template an analyst
downloads (``template_csv``). A layout is its columns in order (name, type, required or not, allowed codes and
where the codes come from), the key that must not repeat within a file, the period a newer file replaces, and
the rules across columns.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path

from sendboard.extracts import models

_SEN2 = json.loads((Path(__file__).resolve().parents[1] / "casework" / "reference" / "sen2_2025.json").read_text())[
    "lists"
]


@dataclass(frozen=True)
class CodeSet:
    name: str
    source: str
    codes: tuple[tuple[str, str], ...]

    @cached_property
    def values(self) -> frozenset[str]:
        return frozenset(code for code, _ in self.codes)


ETHNICITY = CodeSet(
    "Ethnicity",
    (
        "DfE main ethnicity codes, as in the school census and SEN2 (item 1.5); the register's own versioned list "
        "(casework/reference/sen2_2025.json)"
    ),
    tuple(tuple(c) for c in _SEN2["Ethnicity"]["codes"]),
)
SEX = CodeSet("Sex", "School census: sex", (("M", "Male"), ("F", "Female")))
NCY = CodeSet(
    "NCY",
    "School census: national curriculum year group actual (NCYActual); nursery N1, N2, reception R, years 1 to 14. "
    "E1, E2 (early years) and X (not following the national curriculum) are not accepted: give the year group for "
    "the pupil's age",
    (
        ("N1", "Nursery first year"),
        ("N2", "Nursery second year"),
        ("R", "Reception"),
        *((str(n), f"Year {n}") for n in range(1, 15)),
    ),
)
PHASE = CodeSet(
    "Phase",
    "The phase of the pupil's school (after the census's establishment phase)",
    (
        ("NU", "Nursery"),
        ("PR", "Primary"),
        ("SE", "Secondary"),
        ("SP", "Special"),
        ("AP", "Alternative provision or pupil referral unit"),
        ("16", "16 plus (sixth form or 16 to 19 school)"),
    ),
)
SEN_PROVISION = CodeSet(
    "SENprovision",
    "School census: SEN provision",
    (("N", "No special educational need"), ("K", "SEN support"), ("E", "Education, health and care plan")),
)
NEED = CodeSet(
    "SENtype",
    (
        "SEN2 SENtype (item 5.8a), the register's list; plus NSA, which the school census allows for pupils on SEN "
        "support only"
    ),
    (
        *(tuple(c) for c in _SEN2["SENtype"]["codes"]),
        ("NSA", "SEN support but no specialist assessment of type of need"),
    ),
)
BOOLEAN = CodeSet("YesNo", "sendboard", (("Y", "Yes"), ("N", "No")))
CATEGORY = CodeSet(
    "ExclusionCategory",
    (
        "School census exclusion category: a suspension (the census's FIXD, and LUNC for lunchtime) is SUS; a "
        "permanent exclusion is PERM"
    ),
    (("SUS", "Suspension"), ("PERM", "Permanent exclusion")),
)
REASON = CodeSet(
    "ExclusionReason",
    (
        "School census exclusion reason codes (guide for 2024 to 2025); held here as data so that a change to the "
        "guide is one line"
    ),
    (
        ("PP", "Physical assault against a pupil"),
        ("PA", "Physical assault against an adult"),
        ("VP", "Verbal abuse or threatening behaviour against a pupil"),
        ("VA", "Verbal abuse or threatening behaviour against an adult"),
        ("BU", "Bullying"),
        ("RA", "Racist abuse"),
        ("AB", "Abuse against sexual orientation or gender identity"),
        ("AR", "Abuse relating to disability"),
        ("SM", "Sexual misconduct"),
        ("DA", "Drug and alcohol related"),
        ("DM", "Damage"),
        ("TH", "Theft"),
        ("PD", "Persistent disruptive behaviour"),
        ("MT", "Inappropriate use of social media or online technology"),
        ("WP", "Use or threat of use of an offensive weapon or prohibited item"),
        ("OT", "Other"),
    ),
)
KEY_STAGE = CodeSet(
    "KeyStage", "DfE performance tables", (("KS2", "Key stage 2 (end of primary)"), ("KS4", "Key stage 4 (GCSE)"))
)
MEASURE = CodeSet(
    "AttainmentMeasure",
    (
        "DfE headline measures: KS2 reading, writing and maths at the expected standard; KS4 Attainment 8 and English "
        "and maths at grade 4 or above"
    ),
    (
        ("RWM_EXP", "KS2: reading, writing and maths at the expected standard (1 yes, 0 no)"),
        ("ATT8", "KS4: Attainment 8 score (0 to 90)"),
        ("EM_GRADE4", "KS4: English and maths at grade 4 or above (1 yes, 0 no)"),
    ),
)
ACTIVITY = CodeSet(
    "Activity",
    "NCCIS current activity, grouped as the DfE's NEET and not known measures group it",
    (
        ("EET", "In education, employment or training"),
        ("NEET", "Not in education, employment or training"),
        ("NOT_KNOWN", "Current activity not known"),
    ),
)
SERVICE = CodeSet(
    "Service",
    (
        "NHS England community health services waiting list services (the first four), and the local autism "
        "assessment pathway"
    ),
    (
        ("speech_and_language", "Children's speech and language therapy"),
        ("occupational_therapy", "Children's occupational therapy"),
        ("community_paediatrics", "Community paediatrics"),
        ("audiology", "Children's audiology"),
        ("autism_assessment", "Autism assessment (children and young people)"),
    ),
)
GRADE = CodeSet(
    "AuditGrade",
    "The local EHC plan quality audit framework's overall grade",
    (("1", "Inadequate"), ("2", "Requires improvement"), ("3", "Good"), ("4", "Outstanding")),
)

CODE_SETS = (
    ETHNICITY,
    SEX,
    NCY,
    PHASE,
    SEN_PROVISION,
    NEED,
    BOOLEAN,
    CATEGORY,
    REASON,
    KEY_STAGE,
    MEASURE,
    ACTIVITY,
    SERVICE,
    GRADE,
)

# What each type accepts, as the documentation says it.
TYPES = {
    "la": "the DfE three-digit LA number of the local area, the same on every row",
    "text": "text",
    "code": "one of the codes listed",
    "boolean": "Y or N",
    "date": "a date, YYYY-MM-DD",
    "month": "a month, YYYY-MM",
    "academic_year": "an academic year, YYYY/YY, for example 2024/25",
    "integer": "a whole number",
    "decimal": "a number",
    "upn": "a unique pupil number: 13 characters with the right check letter",
    "urn": "a six-digit unique reference number of the school",
}


def _number(value: float) -> str:
    """A bound as people write it: 1,000,000 and 0.5, never Python's 1e+06."""
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,}"


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    required: bool
    description: str
    codes: CodeSet | None = None
    max_length: int | None = None
    minimum: float | None = None
    maximum: float | None = None
    places: int = 0
    earliest: date = date(1990, 1, 1)
    field: str | None = ""  # the model field; "" means the column's own name; None means no field

    @property
    def model_field(self) -> str | None:
        return self.name if self.field == "" else self.field

    def allowed(self) -> str:
        if self.codes is not None:
            return ", ".join(code for code, _ in self.codes.codes)
        if self.type in ("integer", "decimal"):
            low = "" if self.minimum is None else _number(self.minimum)
            high = "" if self.maximum is None else _number(self.maximum)
            places = f", up to {self.places} decimal places" if self.places else ""
            return f"{low} to {high}{places}" if high else f"{low} or more{places}"
        if self.type == "date":
            return f"{self.earliest.isoformat()} to today"
        if self.type == "text" and self.max_length:
            return f"up to {self.max_length} characters"
        return ""


@dataclass(frozen=True)
class Rule:
    """A rule across columns: ``check(row)`` is True when the row keeps it. Checked only when the columns it
    reads were each valid."""

    name: str
    description: str
    column: str  # the column a broken rule is reported against
    reads: tuple[str, ...]
    check: Callable[[dict], bool]
    message: str


@dataclass(frozen=True)
class Layout:
    kind: str
    title: str
    filename: str
    one_row: str
    model: type
    columns: tuple[Column, ...]
    key: tuple[str, ...]  # a repeat is reported against the last of these columns
    key_message: str
    period: str  # the column whose values a newer file replaces
    rules: tuple[Rule, ...] = ()
    single_period: bool = False
    counts: tuple[str, ...] = field(default=())  # a code column to count rows by, for the file's summary

    @property
    def header(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


def academic_year_of(day: date) -> str:
    start = day.year if day.month >= 9 else day.year - 1
    return f"{start}/{(start + 1) % 100:02d}"


def academic_start(year: str) -> date:
    return date(int(year[:4]), 9, 1)


def age_on(born: date, day: date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def ncy_age(ncy: str) -> int:
    """The age on 31 August before the school year that a year group is for: N1 2, N2 3, R 4, year n n + 4."""
    return {"N1": 2, "N2": 3, "R": 4}.get(ncy) or int(ncy) + 4


def academic_age(born: date, day: date) -> int:
    """Age on 31 August before the academic year in which ``day`` falls (the DfE's 'academic age')."""
    return age_on(born, date(academic_start(academic_year_of(day)).year, 8, 31))


LA = Column("la", "la", True, "The local area the whole file is for", field=None)
UPN = Column("upn", "upn", True, "The pupil's unique pupil number")
URN = Column("school_urn", "urn", True, "The school's URN")
BORN = Column("birth_date", "date", True, "Date of birth")
YEAR = Column("academic_year", "academic_year", True, "The academic year (1 September to 31 August)")


def _need_rule(row: dict) -> bool:
    return bool(row["primary_need"]) == (row["sen_provision"] in ("K", "E"))


LAYOUTS: dict[str, Layout] = {
    layout.kind: layout
    for layout in (
        Layout(
            kind="extract_census",
            title="School census extract",
            filename="census",
            model=models.CensusPupil,
            one_row="one pupil on roll at one census date; one census date per file",
            columns=(
                LA,
                Column(
                    "census_date",
                    "date",
                    True,
                    "The census date (for example the spring census, third Thursday in January)",
                    earliest=date(2000, 1, 1),
                ),
                UPN,
                URN,
                Column("ncy", "code", True, "National curriculum year group", NCY),
                Column("phase", "code", True, "Phase of the school", PHASE),
                BORN,
                Column("sex", "code", True, "Sex", SEX),
                Column("ethnicity", "code", True, "Main ethnicity code", ETHNICITY),
                Column("fsm_eligible", "boolean", True, "Eligible for free school meals at the census date", BOOLEAN),
                Column("sen_provision", "code", True, "SEN provision", SEN_PROVISION),
                Column(
                    "primary_need",
                    "code",
                    False,
                    "Primary type of need: required for SEN support (K) and EHC plan (E), blank for N",
                    NEED,
                ),
                Column(
                    "looked_after",
                    "boolean",
                    True,
                    "Looked after by the local authority at the census date (matched to the SSDA903 list)",
                    BOOLEAN,
                ),
                Column(
                    "child_in_need",
                    "boolean",
                    True,
                    "A child in need at the census date (matched to the CIN census)",
                    BOOLEAN,
                ),
            ),
            key=("census_date", "upn"),
            key_message="the same pupil appears twice in this census",
            period="census_date",
            single_period=True,
            counts=("sen_provision",),
            rules=(
                Rule(
                    "need for SEN",
                    "primary_need is given when sen_provision is K or E, and blank when it is N",
                    "primary_need",
                    ("primary_need", "sen_provision"),
                    _need_rule,
                    "a primary need is given for K and E and only for them",
                ),
                Rule(
                    "NSA for SEN support only",
                    "primary_need NSA only with sen_provision K",
                    "primary_need",
                    ("primary_need", "sen_provision"),
                    lambda r: r["primary_need"] != "NSA" or r["sen_provision"] == "K",
                    "NSA is for SEN support (K) only",
                ),
                Rule(
                    "born before census",
                    "birth_date is before census_date",
                    "birth_date",
                    ("birth_date", "census_date"),
                    lambda r: r["birth_date"] < r["census_date"],
                    "the date of birth is not before the census date",
                ),
                Rule(
                    "year group for age",
                    "ncy is within one year of the year group for the pupil's age on 31 August before the census",
                    "ncy",
                    ("ncy", "birth_date", "census_date"),
                    lambda r: abs(academic_age(r["birth_date"], r["census_date"]) - ncy_age(r["ncy"])) <= 1,
                    "the year group is more than one year away from the pupil's age",
                ),
            ),
        ),
        Layout(
            kind="extract_suspensions",
            title="Suspensions and permanent exclusions",
            filename="suspensions",
            model=models.Suspension,
            one_row="one suspension or permanent exclusion",
            columns=(
                LA,
                UPN,
                URN,
                YEAR,
                Column(
                    "start_date",
                    "date",
                    True,
                    "The first day of the suspension or exclusion",
                    earliest=date(2000, 1, 1),
                ),
                Column("category", "code", True, "Suspension or permanent exclusion", CATEGORY),
                Column(
                    "sessions",
                    "decimal",
                    True,
                    "Sessions (half days) missed; for a permanent exclusion, those before it took effect",
                    minimum=0,
                    maximum=400,
                    places=1,
                ),
                Column("reason", "code", True, "The main reason", REASON),
            ),
            key=("start_date", "category", "upn"),
            key_message="the same pupil has two exclusions of this category starting on this date",
            period="academic_year",
            counts=("category",),
            rules=(
                Rule(
                    "date in academic year",
                    "start_date falls within academic_year",
                    "start_date",
                    ("start_date", "academic_year"),
                    lambda r: academic_year_of(r["start_date"]) == r["academic_year"],
                    "the start date is not in the academic year given",
                ),
                Rule(
                    "suspension length",
                    "a suspension (SUS) is 0.5 to 90 sessions: no more than 45 school days",
                    "sessions",
                    ("sessions", "category"),
                    lambda r: r["category"] != "SUS" or 0.5 <= r["sessions"] <= 90,
                    "a suspension must be 0.5 to 90 sessions",
                ),
                Rule(
                    "whole sessions",
                    "sessions is a whole or half number",
                    "sessions",
                    ("sessions",),
                    lambda r: (r["sessions"] * 2) % 1 == 0,
                    "sessions must be a whole or half number",
                ),
            ),
        ),
        Layout(
            kind="extract_attendance",
            title="Attendance",
            filename="attendance",
            model=models.Attendance,
            one_row=(
                "one pupil in one academic year (sessions at all their schools in the year added together, reported "
                "against the last)"
            ),
            columns=(
                LA,
                UPN,
                URN,
                YEAR,
                Column(
                    "possible_sessions",
                    "integer",
                    True,
                    "Sessions the pupil could have attended",
                    minimum=1,
                    maximum=400,
                ),
                Column(
                    "absence_sessions", "integer", True, "Sessions missed, authorised or not", minimum=0, maximum=400
                ),
            ),
            key=("academic_year", "upn"),
            key_message="the same pupil appears twice for this academic year",
            period="academic_year",
            rules=(
                Rule(
                    "absence within possible",
                    "absence_sessions is no more than possible_sessions",
                    "absence_sessions",
                    ("absence_sessions", "possible_sessions"),
                    lambda r: r["absence_sessions"] <= r["possible_sessions"],
                    "more sessions missed than possible",
                ),
            ),
        ),
        Layout(
            kind="extract_attainment",
            title="Key stage attainment",
            filename="attainment",
            model=models.AttainmentResult,
            one_row="one result of one pupil",
            columns=(
                LA,
                UPN,
                YEAR,
                Column("key_stage", "code", True, "Key stage", KEY_STAGE),
                Column("measure", "code", True, "The measure", MEASURE),
                Column(
                    "value",
                    "decimal",
                    True,
                    "The result: a score, or 1 and 0 for yes and no",
                    minimum=0,
                    maximum=90,
                    places=2,
                ),
            ),
            key=("academic_year", "measure", "upn"),
            key_message="the same pupil has this measure twice in this academic year",
            period="academic_year",
            counts=("measure",),
            rules=(
                Rule(
                    "measure for key stage",
                    "RWM_EXP is a KS2 measure; ATT8 and EM_GRADE4 are KS4 measures",
                    "measure",
                    ("measure", "key_stage"),
                    lambda r: (r["measure"] == "RWM_EXP") == (r["key_stage"] == "KS2"),
                    "this measure is not a measure of this key stage",
                ),
                Rule(
                    "score range",
                    "ATT8 is 0 to 90; RWM_EXP and EM_GRADE4 are 0 or 1",
                    "value",
                    ("measure", "value"),
                    lambda r: 0 <= r["value"] <= 90 if r["measure"] == "ATT8" else r["value"] in (0, 1),
                    "the value is out of range for this measure",
                ),
            ),
        ),
        Layout(
            kind="extract_neet",
            title="Activity of 16 and 17 year olds (NCCIS)",
            filename="neet",
            model=models.NeetRecord,
            one_row="one young person of academic age 16 or 17 in one month",
            columns=(
                LA,
                Column("person_ref", "text", True, "The young person's CCIS reference", max_length=20),
                Column("upn", "upn", False, "Unique pupil number, where known"),
                BORN,
                Column("month", "month", True, "The month the activity is recorded at the end of"),
                Column("activity", "code", True, "Current activity, grouped", ACTIVITY),
                Column(
                    "ccis_activity_code",
                    "text",
                    False,
                    "The NCCIS current activity code, where your system gives it",
                    max_length=3,
                ),
                Column("sen_provision", "code", True, "SEN provision", SEN_PROVISION),
            ),
            key=("month", "person_ref"),
            key_message="the same young person appears twice for this month",
            period="month",
            counts=("activity",),
            rules=(
                Rule(
                    "academic age 16 or 17",
                    (
                        "the young person's academic age (age on 31 August before the academic year of the month) is "
                        "16 or 17"
                    ),
                    "birth_date",
                    ("birth_date", "month"),
                    lambda r: academic_age(r["birth_date"], r["month"]) in (16, 17),
                    "the young person is not of academic age 16 or 17 in this month",
                ),
                Rule(
                    "activity agrees with CCIS code",
                    "where ccis_activity_code is given it is three digits, and its group agrees with activity: "
                    "1xx to 3xx EET, 5xx and 6xx NEET, 8xx NOT_KNOWN",
                    "ccis_activity_code",
                    ("ccis_activity_code", "activity"),
                    lambda r: _ccis_agrees(r["ccis_activity_code"], r["activity"]),
                    "the CCIS activity code does not agree with the activity",
                ),
            ),
        ),
        Layout(
            kind="extract_youth_justice",
            title="Youth justice caseload",
            filename="youth-justice",
            model=models.YouthJusticeRecord,
            one_row="one young person on the youth justice service's caseload in one period",
            columns=(
                LA,
                Column("person_ref", "text", True, "The youth justice service's reference", max_length=20),
                Column("upn", "upn", False, "Unique pupil number, where known"),
                BORN,
                Column("period_start", "date", True, "First day of the period", earliest=date(2000, 1, 1)),
                Column("period_end", "date", True, "Last day of the period", earliest=date(2000, 1, 1)),
                Column("sen_provision", "code", True, "SEN provision", SEN_PROVISION),
            ),
            key=("period_start", "person_ref"),
            key_message="the same young person appears twice for this period",
            period="period_start",
            counts=("sen_provision",),
            rules=(
                Rule(
                    "dates in order",
                    "period_start is on or before period_end",
                    "period_end",
                    ("period_start", "period_end"),
                    lambda r: r["period_start"] <= r["period_end"],
                    "the period ends before it starts",
                ),
                Rule(
                    "youth justice age",
                    "the young person is 10 to 18 at period_start",
                    "birth_date",
                    ("birth_date", "period_start"),
                    lambda r: 10 <= age_on(r["birth_date"], r["period_start"]) <= 18,
                    "the young person is not 10 to 18 at the start of the period",
                ),
            ),
        ),
        Layout(
            kind="extract_health_waits",
            title="Community health waiting lists",
            filename="health-waits",
            model=models.HealthWait,
            one_row="one service of one provider at the end of one month (counts only, no personal data)",
            columns=(
                LA,
                Column("service", "code", True, "The service", SERVICE),
                Column("month", "month", True, "The month; counts are at its end"),
                Column("provider", "text", True, "The NHS trust or provider", max_length=200),
                Column("waiting", "integer", True, "Children and young people waiting", minimum=0, maximum=1_000_000),
                Column(
                    "waiting_over_18_weeks",
                    "integer",
                    True,
                    "Of those, waiting more than 18 weeks",
                    minimum=0,
                    maximum=1_000_000,
                ),
                Column(
                    "waiting_over_52_weeks",
                    "integer",
                    True,
                    "Of those, waiting more than 52 weeks",
                    minimum=0,
                    maximum=1_000_000,
                ),
                Column(
                    "median_weeks_waited",
                    "decimal",
                    False,
                    "Median weeks waited, where known",
                    minimum=0,
                    maximum=520,
                    places=1,
                ),
            ),
            key=("month", "provider", "service"),
            key_message="this service and provider appear twice for this month",
            period="month",
            rules=(
                Rule(
                    "waits nested",
                    "waiting_over_52_weeks is no more than waiting_over_18_weeks, which is no more than waiting",
                    "waiting_over_18_weeks",
                    ("waiting", "waiting_over_18_weeks", "waiting_over_52_weeks"),
                    lambda r: r["waiting_over_52_weeks"] <= r["waiting_over_18_weeks"] <= r["waiting"],
                    "the counts of long waits are more than the counts they are part of",
                ),
            ),
        ),
        Layout(
            kind="extract_plan_audits",
            title="EHC plan quality audits",
            filename="plan-audits",
            model=models.PlanAudit,
            one_row="one audit of one EHC plan",
            columns=(
                LA,
                Column("child_upn", "upn", False, "The child's unique pupil number, where they have one"),
                Column(
                    "plan_issue_date",
                    "date",
                    False,
                    "When the audited plan (or the statement it replaced) was issued",
                    earliest=date(2000, 1, 1),
                ),
                Column("audit_date", "date", True, "When the plan was audited", earliest=date(2014, 9, 1)),
                Column("overall_grade", "code", True, "The audit's overall grade", GRADE),
            ),
            key=("audit_date", "child_upn"),
            key_message="the same child's plan is audited twice on this date",
            period="audit_date",
            counts=("overall_grade",),
            rules=(
                Rule(
                    "audit after issue",
                    "plan_issue_date, where given, is on or before audit_date",
                    "audit_date",
                    ("plan_issue_date", "audit_date"),
                    lambda r: r["plan_issue_date"] is None or r["plan_issue_date"] <= r["audit_date"],
                    "the audit is before the plan was issued",
                ),
            ),
        ),
    )
}


def _ccis_agrees(code: str, activity: str) -> bool:
    if not code:
        return True
    if len(code) != 3 or not code.isdigit():
        return False
    group = {"1": "EET", "2": "EET", "3": "EET", "5": "NEET", "6": "NEET", "8": "NOT_KNOWN"}.get(code[0])
    return group is None or group == activity


# Checks that every column a rule reads exists, when the module loads: a typo is a start-up error, not a silent pass.
for _layout in LAYOUTS.values():
    for _rule in _layout.rules:
        assert set(_rule.reads) | {_rule.column} <= set(_layout.header), (_layout.kind, _rule.name)
    assert set(_layout.key) <= set(_layout.header) and _layout.period in _layout.header, _layout.kind

# Rules every layout shares, for the documentation.
COMMON_RULES = (
    ("encoding", "The file is UTF-8 text (Excel: save as CSV UTF-8); a byte-order mark is allowed."),
    (
        "header",
        (
            "The first row is the header: exactly the columns listed, in the order listed. A missing, extra or "
            "misplaced column is reported by name, and no row is read."
        ),
    ),
    ("column count", "Every row has as many values as the header."),
    ("required", "A required column is not blank."),
    (
        "type",
        "A value is of the column's type (dates YYYY-MM-DD, months YYYY-MM, numbers with no thousands separators).",
    ),
    ("code", "A coded value is one of the codes listed (codes are case-sensitive)."),
    ("range", "A number is within the range listed; a date is no earlier than listed and not in the future."),
    (
        "UPN format",
        "A UPN is 13 characters: a check letter, 11 digits, then a digit or (for a temporary UPN) a letter.",
    ),
    ("check letter", "A UPN's first character is the check letter the DfE's algorithm gives for characters 2 to 13."),
    ("duplicate", "The row's key columns do not repeat an earlier row's."),
    ("one local area", "Every row gives the same la, and that local area is set up in sendboard."),
    ("one period", "Where a layout says one value per file (the census date), every row gives the same one."),
)


def template_csv(layout: Layout) -> str:
    """The blank template: the header row alone."""
    return ",".join(layout.header) + "\r\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def layouts_markdown() -> str:
    """The documentation of every layout, as docs/extracts.md holds it between its markers."""
    lines: list[str] = []
    for layout in LAYOUTS.values():
        lines += [
            f"### {layout.title} (`{layout.kind}`)",
            "",
            f"One row is {layout.one_row}. Key (must not repeat): {', '.join(f'`{k}`' for k in layout.key)}. "
            f"A newer file replaces the rows of the same `{layout.period}`"
            + (" (one value per file)." if layout.single_period else "."),
            "",
            "| column | type | required | allowed | description |",
            "|---|---|---|---|---|",
        ]
        for c in layout.columns:
            allowed = f"[{c.codes.name}](#{c.codes.name.lower()}) codes" if c.codes is not None else c.allowed()
            lines.append(
                f"| `{c.name}` | {TYPES[c.type]} | {'yes' if c.required else 'no'} | {_cell(allowed)} | "
                f"{_cell(c.description)} |"
            )
        if layout.rules:
            lines += ["", "Rules across columns:", ""]
            lines += [f"- **{r.name}**: {_cell(r.description)}." for r in layout.rules]
        lines.append("")
    lines += ["### Code lists", ""]
    for code_set in CODE_SETS:
        lines += [f"#### {code_set.name}", "", f"Source: {code_set.source}.", "", "| code | meaning |", "|---|---|"]
        lines += [f"| `{code}` | {_cell(label)} |" for code, label in code_set.codes]
        lines.append("")
    lines += ["### Rules every layout shares", ""]
    lines += [f"- **{name}**: {text}" for name, text in COMMON_RULES]
    return "\n".join(lines) + "\n"
