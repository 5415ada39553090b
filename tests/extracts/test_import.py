"""Given a CSV file in one of the documented layouts, when it is loaded through the returns framework, then a
valid file loads with the right counts, and a file breaking any one rule loads nothing and says which row,
column and rule, without repeating the file's values."""

from __future__ import annotations

from datetime import date

import pytest

from sendboard.extracts.layouts import LAYOUTS
from sendboard.extracts.models import Attendance, CensusPupil, NeetRecord, PlanAudit, Suspension
from sendboard.extracts.services import extract_import
from sendboard.returns.models import ImportedFile
from tests.extracts.samples import SAMPLES, U1, U2, U3, sample_file, with_cell

pytestmark = pytest.mark.django_db

# The counts each sample holds, counted by hand from samples.py.
EXPECTED_COUNTS = {
    "extract_census": {
        "rows": 3,
        "Rows for 16 January 2025": 3,
        "No special educational need (N)": 1,
        "SEN support (K)": 1,
        "Education, health and care plan (E)": 1,
    },
    "extract_suspensions": {"rows": 3, "Rows for 2024/25": 3, "Suspension (SUS)": 2, "Permanent exclusion (PERM)": 1},
    "extract_attendance": {"rows": 2, "Rows for 2024/25": 2},
    "extract_attainment": {
        "rows": 3,
        "Rows for 2024/25": 3,
        "KS2: reading, writing and maths at the expected standard (1 yes, 0 no) (RWM_EXP)": 1,
        "KS4: Attainment 8 score (0 to 90) (ATT8)": 1,
        "KS4: English and maths at grade 4 or above (1 yes, 0 no) (EM_GRADE4)": 1,
    },
    "extract_neet": {
        "rows": 3,
        "Rows for December 2024": 2,
        "Rows for January 2025": 1,
        "In education, employment or training (EET)": 1,
        "Not in education, employment or training (NEET)": 1,
        "Current activity not known (NOT_KNOWN)": 1,
    },
    "extract_youth_justice": {
        "rows": 2,
        "Rows for 1 September 2024": 2,
        "Education, health and care plan (E)": 1,
        "No special educational need (N)": 1,
    },
    "extract_health_waits": {"rows": 2, "Rows for December 2024": 2},
    "extract_plan_audits": {
        "rows": 2,
        "Rows for 10 March 2025": 1,
        "Rows for 11 March 2025": 1,
        "Good (3)": 1,
        "Requires improvement (2)": 1,
    },
}


def load(path, kind):
    return extract_import(kind=kind, path=path, filename=path.name)


@pytest.mark.parametrize("kind", list(LAYOUTS))
def test_a_valid_file_loads_with_its_counts(area, tmp_path, kind):
    outcome = load(sample_file(tmp_path, kind), kind)
    assert outcome.loaded, outcome.report.problems
    assert outcome.report.counts == EXPECTED_COUNTS[kind]
    assert (
        LAYOUTS[kind].model.objects.filter(local_area=area, imported_file=outcome.imported_file).count()
        == EXPECTED_COUNTS[kind]["rows"]
    )
    assert outcome.imported_file.summary == EXPECTED_COUNTS[kind]


def test_values_are_stored_as_their_types(area, tmp_path):
    load(sample_file(tmp_path, "extract_census"), "extract_census")
    pupil = CensusPupil.objects.get(upn=U3)
    assert (pupil.ncy, pupil.phase, pupil.sen_provision, pupil.primary_need) == ("9", "SP", "E", "ASD")
    assert pupil.fsm_eligible is True and pupil.looked_after is True and pupil.child_in_need is False
    assert CensusPupil.objects.get(upn=U1).primary_need == ""
    load(sample_file(tmp_path, "extract_neet"), "extract_neet")
    assert sorted(NeetRecord.objects.values_list("month", flat=True).distinct()) == [
        date(2024, 12, 1),
        date(2025, 1, 1),
    ]
    load(sample_file(tmp_path, "extract_plan_audits"), "extract_plan_audits")
    blank = PlanAudit.objects.get(child_upn="")
    assert blank.plan_issue_date is None and blank.overall_grade == 2
    load(sample_file(tmp_path, "extract_suspensions"), "extract_suspensions")
    assert str(Suspension.objects.get(upn=U2).sessions) == "1.5"


def test_the_same_file_again_changes_nothing(area, tmp_path):
    path = sample_file(tmp_path, "extract_attendance")
    first = load(path, "extract_attendance")
    again = load(path, "extract_attendance")
    assert first.loaded and again.already_loaded and not again.loaded
    assert again.imported_file == first.imported_file
    assert Attendance.objects.count() == 2 and ImportedFile.objects.filter(kind="extract_attendance").count() == 1


def test_a_newer_census_for_the_same_date_replaces_the_older(area, tmp_path):
    older = load(sample_file(tmp_path, "extract_census"), "extract_census")
    newer_rows = SAMPLES["extract_census"][:2]  # the third pupil left before the corrected extract
    other_date = with_cell("extract_census", 0, "census_date", "2024-10-03")[:1]
    load(sample_file(tmp_path, "extract_census", other_date, name="autumn.csv"), "extract_census")
    newer = load(sample_file(tmp_path, "extract_census", newer_rows, name="corrected.csv"), "extract_census")
    assert newer.loaded
    assert newer.report.counts["rows replaced"] == 3
    assert CensusPupil.objects.filter(imported_file=older.imported_file).count() == 0
    assert sorted(CensusPupil.objects.filter(census_date="2025-01-16").values_list("upn", flat=True)) == sorted(
        [U1, U2]
    )
    assert CensusPupil.objects.filter(census_date="2024-10-03").count() == 1  # another census date is untouched
    assert ImportedFile.objects.filter(pk=older.imported_file.pk).exists()  # the older file's record stays


def problems_of(outcome):
    return [(p.record, p.field, p.rule) for p in outcome.report.problems]


def refused(tmp_path, kind, rows=None, header=None):
    outcome = load(sample_file(tmp_path, kind, rows, header), kind)
    assert not outcome.loaded and outcome.imported_file is None
    assert LAYOUTS[kind].model.objects.count() == 0
    assert not ImportedFile.objects.filter(kind=kind).exists()
    for problem in outcome.report.problems:
        if problem.record.startswith("row") and problem.field:
            assert problem.message.startswith(f"{problem.record}, column {problem.field}: "), problem
    return outcome


CENSUS = "extract_census"
CASES = [
    # (test id, kind, rows, expected (row, column, rule))
    ("required", CENSUS, with_cell(CENSUS, 1, "sex", ""), ("row 3", "sex", "required")),
    ("type date", CENSUS, with_cell(CENSUS, 0, "birth_date", "10/03/2015"), ("row 2", "birth_date", "type")),
    ("type boolean code", CENSUS, with_cell(CENSUS, 0, "fsm_eligible", "yes"), ("row 2", "fsm_eligible", "code")),
    ("code", CENSUS, with_cell(CENSUS, 2, "ethnicity", "WXYZ"), ("row 4", "ethnicity", "code")),
    ("date in the future", CENSUS, with_cell(CENSUS, 0, "birth_date", "2099-01-01"), ("row 2", "birth_date", "range")),
    ("date too early", CENSUS, with_cell(CENSUS, 0, "birth_date", "1980-01-01"), ("row 2", "birth_date", "range")),
    ("urn", CENSUS, with_cell(CENSUS, 0, "school_urn", "12345"), ("row 2", "school_urn", "type")),
    ("upn format", CENSUS, with_cell(CENSUS, 0, "upn", "E88512342500"), ("row 2", "upn", "UPN format")),
    (
        "duplicate pupil",
        CENSUS,
        [*SAMPLES[CENSUS], SAMPLES[CENSUS][0].replace(",M,", ",F,")],
        ("row 5", "upn", "duplicate"),
    ),
    ("one local area", CENSUS, with_cell(CENSUS, 1, "la", "884"), ("row 3", "la", "one local area")),
    (
        "unknown local area",
        CENSUS,
        [line.replace("885,", "999,", 1) for line in SAMPLES[CENSUS]],
        ("row 2", "la", "one local area"),
    ),
    (
        "one census date",
        CENSUS,
        with_cell(CENSUS, 2, "census_date", "2024-10-03"),
        ("row 4", "census_date", "one period"),
    ),
    (
        "need for SEN support",
        CENSUS,
        with_cell(CENSUS, 1, "primary_need", ""),
        ("row 3", "primary_need", "need for SEN"),
    ),
    (
        "no need without SEN",
        CENSUS,
        with_cell(CENSUS, 0, "primary_need", "ASD"),
        ("row 2", "primary_need", "need for SEN"),
    ),
    (
        "NSA only for SEN support",
        CENSUS,
        with_cell(CENSUS, 2, "primary_need", "NSA"),
        ("row 4", "primary_need", "NSA for SEN support only"),
    ),
    ("year group for age", CENSUS, with_cell(CENSUS, 0, "ncy", "8"), ("row 2", "ncy", "year group for age")),
    (
        "born before census",
        CENSUS,
        with_cell(CENSUS, 0, "census_date", "2015-01-16")[:1],
        ("row 2", "birth_date", "born before census"),
    ),
    ("column count", CENSUS, [SAMPLES[CENSUS][0] + ",extra"], ("row 2", "", "column count")),
    (
        "date in academic year",
        "extract_suspensions",
        with_cell("extract_suspensions", 0, "start_date", "2024-08-30"),
        ("row 2", "start_date", "date in academic year"),
    ),
    (
        "suspension length",
        "extract_suspensions",
        with_cell("extract_suspensions", 0, "sessions", "95.0"),
        ("row 2", "sessions", "suspension length"),
    ),
    (
        "whole sessions",
        "extract_suspensions",
        with_cell("extract_suspensions", 0, "sessions", "1.3"),
        ("row 2", "sessions", "whole sessions"),
    ),
    (
        "decimal places",
        "extract_suspensions",
        with_cell("extract_suspensions", 0, "sessions", "1.25"),
        ("row 2", "sessions", "type"),
    ),
    (
        "reason code",
        "extract_suspensions",
        with_cell("extract_suspensions", 2, "reason", "XX"),
        ("row 4", "reason", "code"),
    ),
    (
        "academic year form",
        "extract_attendance",
        with_cell("extract_attendance", 0, "academic_year", "2024/26"),
        ("row 2", "academic_year", "type"),
    ),
    (
        "absence within possible",
        "extract_attendance",
        with_cell("extract_attendance", 1, "absence_sessions", "381"),
        ("row 3", "absence_sessions", "absence within possible"),
    ),
    (
        "whole number",
        "extract_attendance",
        with_cell("extract_attendance", 1, "possible_sessions", "380.5"),
        ("row 3", "possible_sessions", "type"),
    ),
    (
        "duplicate attendance",
        "extract_attendance",
        [*SAMPLES["extract_attendance"], SAMPLES["extract_attendance"][0]],
        ("row 4", "upn", "duplicate"),
    ),
    (
        "ATT8 above 90",
        "extract_attainment",
        with_cell("extract_attainment", 1, "value", "90.25"),
        ("row 3", "value", "range"),
    ),
    (
        "yes or no result",
        "extract_attainment",
        with_cell("extract_attainment", 0, "value", "2"),
        ("row 2", "value", "score range"),
    ),
    (
        "measure for key stage",
        "extract_attainment",
        with_cell("extract_attainment", 1, "key_stage", "KS2"),
        ("row 3", "measure", "measure for key stage"),
    ),
    ("month form", "extract_neet", with_cell("extract_neet", 0, "month", "2024-13"), ("row 2", "month", "type")),
    (
        "academic age",
        "extract_neet",
        with_cell("extract_neet", 0, "birth_date", "2005-01-15"),
        ("row 2", "birth_date", "academic age 16 or 17"),
    ),
    (
        "CCIS code agrees",
        "extract_neet",
        with_cell("extract_neet", 1, "ccis_activity_code", "110"),
        ("row 3", "ccis_activity_code", "activity agrees with CCIS code"),
    ),
    (
        "dates in order",
        "extract_youth_justice",
        with_cell("extract_youth_justice", 1, "period_end", "2024-08-31"),
        ("row 3", "period_end", "dates in order"),
    ),
    (
        "youth justice age",
        "extract_youth_justice",
        with_cell("extract_youth_justice", 1, "birth_date", "2016-02-01"),
        ("row 3", "birth_date", "youth justice age"),
    ),
    (
        "waits nested",
        "extract_health_waits",
        with_cell("extract_health_waits", 0, "waiting_over_52_weeks", "301"),
        ("row 2", "waiting_over_18_weeks", "waits nested"),
    ),
    (
        "service code",
        "extract_health_waits",
        with_cell("extract_health_waits", 0, "service", "physiotherapy"),
        ("row 2", "service", "code"),
    ),
    (
        "audit after issue",
        "extract_plan_audits",
        with_cell("extract_plan_audits", 0, "plan_issue_date", "2025-04-01"),
        ("row 2", "audit_date", "audit after issue"),
    ),
    (
        "grade code",
        "extract_plan_audits",
        with_cell("extract_plan_audits", 0, "overall_grade", "5"),
        ("row 2", "overall_grade", "code"),
    ),
]


@pytest.mark.parametrize(("kind", "rows", "expected"), [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_each_rule_refuses_the_whole_file(area, tmp_path, kind, rows, expected):
    outcome = refused(tmp_path, kind, rows)
    assert expected in problems_of(outcome)


def test_check_letter_message_names_row_and_column_and_not_the_upn(area, tmp_path):
    wrong = "F" + U1[1:] if U1[0] != "F" else "G" + U1[1:]
    outcome = refused(tmp_path, CENSUS, with_cell(CENSUS, 0, "upn", wrong))
    assert [p.message for p in outcome.report.problems] == ["row 2, column upn: check letter wrong"]
    assert problems_of(outcome) == [("row 2", "upn", "check letter")]


def test_no_message_repeats_a_value_from_the_file(area, tmp_path):
    rows = [
        with_cell(CENSUS, 0, "upn", "F" + U1[1:] if U1[0] != "F" else "G" + U1[1:])[0],
        with_cell(CENSUS, 1, "birth_date", "31/12/2014")[1],
        SAMPLES[CENSUS][2],
        SAMPLES[CENSUS][2],
    ]
    outcome = refused(tmp_path, CENSUS, rows)
    assert outcome.report.problem_count == 3  # check letter, birth date type, duplicate
    text = " ".join(p.message for p in outcome.report.problems)
    for value in (U1, U1[1:], U3, "31/12/2014", "2011-05-20"):
        assert value not in text


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ([c for c in LAYOUTS[CENSUS].header if c != "sex"], [("row 1", "sex", "header")]),
        ([*LAYOUTS[CENSUS].header, "postcode"], [("row 1", "postcode", "header")]),
        (
            [
                *LAYOUTS[CENSUS].header[:2],
                LAYOUTS[CENSUS].header[3],
                LAYOUTS[CENSUS].header[2],
                *LAYOUTS[CENSUS].header[4:],
            ],
            [("row 1", "school_urn", "header"), ("row 1", "upn", "header")],
        ),
        ([*LAYOUTS[CENSUS].header[:-1], "sex"], [("row 1", "child_in_need", "header"), ("row 1", "sex", "header")]),
    ],
    ids=["missing", "extra", "reordered", "repeated"],
)
def test_the_header_is_exactly_the_documented_columns(area, tmp_path, header, expected):
    outcome = refused(tmp_path, CENSUS, header=header)
    assert problems_of(outcome) == expected
    names = {field for _, field, _ in expected}
    assert all(any(f"column {name}:" in p.message for p in outcome.report.problems) for name in names)


def test_a_file_that_is_not_utf8_or_is_empty_is_refused(area, tmp_path):
    path = tmp_path / "latin.csv"
    path.write_bytes(
        (",".join(LAYOUTS["extract_health_waits"].header) + "\r\n885,audiology,2024-12,Tr\xe9s,1,0,0,\r\n").encode(
            "latin-1"
        )
    )
    outcome = load(path, "extract_health_waits")
    assert not outcome.loaded and problems_of(outcome) == [("file", "", "encoding")]
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    assert problems_of(load(empty, "extract_health_waits")) == [("row 1", "", "header")]
    header_only = sample_file(tmp_path, "extract_health_waits", rows=[])
    assert problems_of(load(header_only, "extract_health_waits")) == [("row 2", "", "required")]


def test_a_file_with_many_periods_replaces_them_all(area, tmp_path):
    """1,200 audit dates: more than SQLite's 999 parameters to one statement."""
    from datetime import timedelta

    days = [date(2021, 1, 1) + timedelta(days=n) for n in range(1200)]
    first = load(
        sample_file(tmp_path, "extract_plan_audits", [f"885,,,{d.isoformat()},3" for d in days], name="a.csv"),
        "extract_plan_audits",
    )
    second = load(
        sample_file(tmp_path, "extract_plan_audits", [f"885,,,{d.isoformat()},2" for d in days], name="b.csv"),
        "extract_plan_audits",
    )
    assert first.loaded and second.loaded and second.report.counts["rows replaced"] == 1200
    assert set(PlanAudit.objects.values_list("overall_grade", flat=True)) == {2} and PlanAudit.objects.count() == 1200


def test_regression_a_nul_byte_is_accepted_into_an_import(area, tmp_path):
    """Finding: a NUL byte was accepted into an import on SQLite (PostgreSQL refuses it, part-way through the
    load). Every importer on the returns framework now refuses a text file with one, saying where, first."""
    rows = [
        row.replace("Health and Care NHS Trust", "Health and Care\x00NHS Trust")
        for row in SAMPLES["extract_health_waits"]
    ]
    path = sample_file(tmp_path, "extract_health_waits", rows=rows)
    outcome = load(path, "extract_health_waits")
    assert [(p.record, p.field, p.rule) for p in outcome.report.problems] == [("file", "", "nul_character")]
    assert f"on line 2 (byte {path.read_bytes().index(0)})" in outcome.report.problems[0].message
    assert (
        not outcome.loaded
        and not LAYOUTS["extract_health_waits"].model.objects.exists()
        and not ImportedFile.objects.exists()
    )
