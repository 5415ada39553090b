"""Given small crafted excerpts in each published layout, when a file holds one of the ways published files
go wrong, then the importer either refuses it, naming the record, field and rule and loading nothing, or (for
a documented publisher defect) loads the rest and reports what it could not read."""

from __future__ import annotations

from decimal import Decimal

import pytest

from sendboard.returns.models import ImportedFile
from sendboard.statistics.importers.dashboard import Destinations1618Importer, DsgDeficitImporter, Ks2Importer
from sendboard.statistics.importers.ees import (
    AnnualReviewsImporter,
    Sen2ManagementInformationImporter,
    TimelinessImporter,
)
from sendboard.statistics.importers.register import AreaRegisterImporter, NeighboursImporter
from sendboard.statistics.importers.tribunals import TribunalAppealRateImporter
from sendboard.statistics.models import DatasetNote, PublishedValue, StatisticalArea, StatisticalNeighbour
from sendboard.statistics.published import open_published
from tests.statistics.conftest import ees_file, ees_row, load, problems

pytestmark = pytest.mark.django_db

TIMELINESS = TimelinessImporter.columns
TOPIC = ["All EHC plans issued", "All EHC plans issued"]


def timeliness(pc: str, pc_ex: str, **row) -> str:
    """A timeliness line: four counts, then the two stored percentages, then eight x."""
    return ees_row(
        row.pop("period", "2024"),
        row.pop("level", "Local authority"),
        ["100", "90", "40", "38", pc, pc_ex] + ["x"] * 8,
        breakdown=TOPIC,
        **row,
    )


def stored() -> dict[tuple[str, str, str], tuple]:
    return {(v.measure, v.area_code, v.period): (v.value, v.status) for v in PublishedValue.objects.all()}


def test_suppression_codes_are_kept_as_printed_never_as_zero(register, tmp_path):
    rows = [
        timeliness("x", "c"),
        timeliness("low", ":", period="2023"),
        timeliness("u", "z", period="2022"),
        timeliness("40.0", "42.2", level="National", period="2024"),
    ]
    outcome = load(TimelinessImporter, ees_file(tmp_path / "t.csv", TIMELINESS, rows))
    assert outcome.loaded, problems(outcome)
    values = stored()
    assert values[("new_plans_20wk_incl_exc_pct", "E10000034", "2024")] == (None, "x")
    assert values[("new_plans_20wk_excl_exc_pct", "E10000034", "2024")] == (None, "c")
    assert values[("new_plans_20wk_incl_exc_pct", "E10000034", "2023")] == (None, "low")
    assert values[("new_plans_20wk_excl_exc_pct", "E10000034", "2023")] == (None, ":")
    assert values[("new_plans_20wk_incl_exc_pct", "E10000034", "2022")] == (None, "u")
    assert values[("new_plans_20wk_incl_exc_pct", "E92000001", "2024")] == (Decimal("40.0"), "")
    assert not PublishedValue.objects.filter(status="", value__isnull=True).exists()


def test_an_unknown_symbol_refuses_the_file(register, tmp_path):
    outcome = load(TimelinessImporter, ees_file(tmp_path / "t.csv", TIMELINESS, [timeliness("n/k", "40")]))
    assert problems(outcome) == [("line 2", "pc_plans_issued_within_20_weeks", "not_a_number")]
    assert PublishedValue.objects.count() == 0 and ImportedFile.objects.count() == 0


def test_quoted_names_with_commas_are_read_whole(register, tmp_path):
    bristol = {"la": ("E06000023", "801", "Bristol, City of"), "region": ("E12000009", "South West")}
    path = ees_file(tmp_path / "t.csv", TIMELINESS, [timeliness("55.5", "60.0", **bristol)])
    assert '"Bristol, City of"' in path.read_text()
    outcome = load(TimelinessImporter, path)
    assert outcome.loaded, problems(outcome)
    assert stored()[("new_plans_20wk_incl_exc_pct", "E06000023", "2024")] == (Decimal("55.5"), "")


def test_unknown_area_code_refuses_the_file(register, tmp_path):
    rows = [timeliness("50", "50"), timeliness("50", "50", la=("E10000099", "999", "Nowhere"))]
    outcome = load(TimelinessImporter, ees_file(tmp_path / "t.csv", TIMELINESS, rows))
    assert problems(outcome) == [("line 3", "new_la_code", "unknown_area")]
    assert "E10000099" in outcome.report.problems[0].message
    assert PublishedValue.objects.count() == 0


def test_a_council_code_disagreeing_with_its_dfe_code_is_refused(register, tmp_path):
    outcome = load(
        TimelinessImporter,
        ees_file(tmp_path / "t.csv", TIMELINESS, [timeliness("50", "50", la=("E10000034", "886", "Worcestershire"))]),
    )
    assert problems(outcome) == [("line 2", "old_la_code", "area_code_mismatch")]


def test_negative_and_impossible_numbers_refuse_the_file(register, tmp_path):
    rows = [timeliness("-3.0", "40"), timeliness("100.1", "40", period="2023")]
    outcome = load(TimelinessImporter, ees_file(tmp_path / "t.csv", TIMELINESS, rows))
    assert problems(outcome) == [
        ("line 2", "pc_plans_issued_within_20_weeks", "negative"),
        ("line 3", "pc_plans_issued_within_20_weeks", "impossible"),
    ]
    assert PublishedValue.objects.count() == 0


def test_truncated_file_is_refused(register, tmp_path):
    path = ees_file(tmp_path / "t.csv", TIMELINESS, [timeliness("50", "50"), timeliness("50", "50", period="2023")])
    path.write_text(path.read_text()[:-40])  # cut short in the last line, as an interrupted download would be
    outcome = load(TimelinessImporter, path)
    assert [(r, rule) for r, _, rule in problems(outcome)] == [("line 3", "truncated")]
    assert PublishedValue.objects.count() == 0


def test_truncated_inside_a_quoted_name_is_refused(register, tmp_path):
    path = tmp_path / "t.csv"
    path.write_text(
        ees_file(path, TIMELINESS, [timeliness("50", "50")]).read_text() + '2024,Calendar year,"Bristol, Ci'
    )
    outcome = load(TimelinessImporter, path)
    assert [rule for _, _, rule in problems(outcome)] == ["csv_syntax"]


def test_changed_header_is_refused(register, tmp_path):
    columns = TIMELINESS.replace("pc_plans_issued_within_20_weeks", "pc_within_20_weeks")
    outcome = load(TimelinessImporter, ees_file(tmp_path / "t.csv", columns, [timeliness("50", "50")]))
    assert sorted(problems(outcome)) == [
        ("header", "pc_plans_issued_within_20_weeks", "missing_column"),
        ("header", "pc_within_20_weeks", "unexpected_column"),
    ]


def test_an_unexpected_repeated_column_is_refused(register, tmp_path):
    columns = TIMELINESS + " plans_issued_den"
    outcome = load(TimelinessImporter, ees_file(tmp_path / "t.csv", columns, [timeliness("50", "50") + ",100"]))
    assert ("header", "plans_issued_den", "repeated_column") in problems(outcome)


# --- annual_reviews.csv: the documented repeated header and negative counts ------------------------------


def review(pc: str, outstanding: str, *, prior=("923", "923")) -> str:
    """An annual-reviews line, as Worcestershire's 2024 line, with the repeated column's two copies given."""
    values = [
        "6970",
        "5409",
        "1561",
        "139",
        "3847",
        *prior,
        "4909",
        "500",
        "320",
        "3821",
        "745",
        "234",
        outstanding,
        "3889",
        "21",
        "898",
        "101",
        "3683",
        "1203",
        pc,
        "24.6",
    ]
    return ees_row("2024", "Local authority", values, breakdown=["All annual reviews", "All annual reviews"])


def test_repeated_header_and_negative_counts_are_reported_and_the_rest_loads(register, tmp_path):
    outcome = load(
        AnnualReviewsImporter, ees_file(tmp_path / "a.csv", AnnualReviewsImporter.columns, [review("75.4", "-211")])
    )
    assert outcome.loaded, problems(outcome)
    assert stored()[("annual_reviews_on_time_pct", "E10000034", "2024")] == (Decimal("75.4"), "")
    assert stored()[("annual_review_meetings_held_pct", "E10000034", "2024")] == (
        Decimal("90.7561"),
        "",
    )  # 4,909 of 5,409
    notes = {n.rule: (n.field, n.count) for n in DatasetNote.objects.all()}
    assert notes["repeated_column"] == ("review_meeting_prior_24", 1)
    assert notes["negative_not_stored"] == ("review_decision_outstanding", 1)


def test_repeated_header_whose_copies_differ_is_refused(register, tmp_path):
    outcome = load(
        AnnualReviewsImporter,
        ees_file(tmp_path / "a.csv", AnnualReviewsImporter.columns, [review("75.4", "0", prior=("923", "924"))]),
    )
    assert problems(outcome) == [("header", "review_meeting_prior_24", "repeated_column")]
    assert ImportedFile.objects.count() == 0


def test_negative_in_a_stored_column_of_annual_reviews_is_refused(register, tmp_path):
    outcome = load(
        AnnualReviewsImporter, ees_file(tmp_path / "a.csv", AnnualReviewsImporter.columns, [review("-1", "0")])
    )
    assert problems(outcome) == [("line 2", "pc_decsion_4weeks", "negative")]


# --- sen2_mi.csv: columns whose meaning changes by year -------------------------------------------------


def mi_row(period: str, **numbers: str) -> str:
    """A sen2_mi.csv line: z in every column except those given."""
    columns = sorted(Sen2ManagementInformationImporter.columns.split())
    return ees_row(period, "Local authority", [numbers.get(c, "z") for c in columns])


def mi_file(tmp_path, rows):
    return ees_file(tmp_path / "mi.csv", " ".join(sorted(Sen2ManagementInformationImporter.columns.split())), rows)


def test_year_varying_columns_are_read_by_each_years_map(register, tmp_path):
    rows = [
        mi_row("2018", inc_exc_20week_rate="12.000000000000", new_all_ehc="200", discontinued_met="3"),
        mi_row("2022", inc_exc_20week_rate=" 31.100", new_all_ehc="250", assessments="260", discontinued_total="9"),
    ]
    outcome = load(Sen2ManagementInformationImporter, mi_file(tmp_path, rows))
    assert outcome.loaded, problems(outcome)
    values = stored()
    assert values[("new_plans_20wk_incl_exc_pct", "E10000034", "2018")] == (Decimal("12"), "")
    assert values[("new_plans", "E10000034", "2018")] == (200, "")
    # 2022 is read (" 31.100" with its leading space) but the registry takes 2022 from the 2025 release
    assert ("new_plans", "E10000034", "2022") not in values
    notes = {n.rule for n in DatasetNote.objects.all()}
    assert {"padded", "other_source"} <= notes


def test_a_number_in_a_column_not_published_that_year_is_refused(register, tmp_path):
    # discontinued_met (statements) stops after 2018; 2019 on publishes only discontinued_met_ehc
    outcome = load(Sen2ManagementInformationImporter, mi_file(tmp_path, [mi_row("2019", discontinued_met="3")]))
    assert problems(outcome) == [("line 2", "discontinued_met", "column_not_published")]
    # and assessments is a 2022 column
    outcome = load(Sen2ManagementInformationImporter, mi_file(tmp_path, [mi_row("2021", assessments="10")]))
    assert problems(outcome) == [("line 2", "assessments", "column_not_published")]


# --- the area register, neighbours and the tribunal table ------------------------------------------------


def test_area_register_refuses_a_code_printed_with_two_names(db, tmp_path):
    columns = "breakdown_topic breakdown ehcplans"
    rows = [
        ees_row("202425", "National", ["t", "t", "1"], identifier="Academic year"),
        ees_row("202425", "Local authority", ["t", "t", "1"], identifier="Academic year"),
        ees_row(
            "202324", "Local authority", ["t", "t", "1"], identifier="Academic year", la=("E10000034", "885", "Worcs")
        ),
    ]
    outcome = load(AreaRegisterImporter, ees_file(tmp_path / "c.csv", columns, rows))
    assert problems(outcome) == [("line 4", "code", "area_conflict")]
    assert StatisticalArea.objects.count() == 0


def test_neighbour_names_that_do_not_match_are_reported(register, tmp_path):
    path = tmp_path / "n.csv"
    path.write_text(
        'Worcestershire,"Bristol, City of",Atlantis\nShropshire,Worcestershire,Worcestershire\n'
        "Narnia,Shropshire,Shropshire\n,,\n"
    )
    outcome = load(NeighboursImporter, path)
    assert outcome.loaded, problems(outcome)
    pairs = sorted(StatisticalNeighbour.objects.values_list("area__name", "neighbour__name", "rank"))
    assert pairs == [
        ("Bristol, City of", "Shropshire", 2),
        ("Bristol, City of", "Worcestershire", 1),
        ("Worcestershire", "Shropshire", 1),
    ]
    unmatched = sorted(n.message for n in DatasetNote.objects.filter(rule="unmatched_name"))
    assert unmatched == [
        "Neighbour “Narnia” matches no council: not loaded",
        "“Atlantis” matches no council: its neighbours are not loaded",
    ]


def test_a_council_listed_as_its_own_neighbour_is_refused(register, tmp_path):
    path = tmp_path / "n.csv"
    path.write_text("Worcestershire,Shropshire\nWorcestershire,Worcestershire\n")
    outcome = load(NeighboursImporter, path)
    assert problems(outcome) == [("line 2", "Worcestershire", "repeated_neighbour")]
    assert StatisticalNeighbour.objects.count() == 0


def tribunal_file(tmp_path, rows: list[str]):
    """The published title and two header lines, then crafted council lines."""
    with open_published("ehcp_2025/supporting-files/send_tribunals_and_appeal_rate_2014-2024.csv") as handle:
        head = handle.read().split("\nNORTH EAST")[0]
    path = tmp_path / "tribunals.csv"
    path.write_text(
        head + "\n" + "\n".join(rows) + "\nEngland total excluding suppressed" + "," * 36 + "\n", encoding="utf-8"
    )
    return path


def year_cells(*triples: str) -> str:
    return ",".join(triples)


def test_tribunal_table_footnotes_commas_and_symbols(register, tmp_path):
    ten = ['27,"2,479",1.10%'] * 10
    rows = [
        "WEST MIDLANDS" + "," * 36,
        "Worcestershire,885," + year_cells(*ten, '139,"7,386",1.90%') + ',"4,263",3.30%',
        '"Bristol, City of7",801,' + year_cells(*([" - ,450,0.00%"] * 10), " .. , ~ , .. ") + ",,",
    ]
    outcome = load(TribunalAppealRateImporter, tribunal_file(tmp_path, rows))
    assert outcome.loaded, problems(outcome)
    values = stored()
    assert values[("tribunal_appeals", "E10000034", "2024")] == (139, "")
    assert values[("tribunal_appeal_rate_pct", "E10000034", "2024")] == (Decimal("1.9"), "")
    assert values[("tribunal_appeals", "E06000023", "2014")] == (None, "-")
    assert values[("tribunal_appeal_rate_pct", "E06000023", "2024")] == (None, "..")


def test_tribunal_council_not_in_the_register_is_refused(register, tmp_path):
    rows = ["Atlantis,999," + year_cells(*(["1,100,1.00%"] * 11)) + ",,"]
    outcome = load(TribunalAppealRateImporter, tribunal_file(tmp_path, rows))
    assert problems(outcome) == [("line 6 (Atlantis)", "LA code", "unknown_area")]


def test_loading_the_same_file_again_is_a_no_op(register, tmp_path):
    path = ees_file(tmp_path / "t.csv", TIMELINESS, [timeliness("50", "50")])
    first = load(TimelinessImporter, path)
    again = load(TimelinessImporter, path)
    assert first.loaded and again.already_loaded and not again.loaded
    assert PublishedValue.objects.count() == 2 and ImportedFile.objects.count() == 1


def test_a_newer_file_of_a_dataset_replaces_its_values(register, tmp_path):
    load(TimelinessImporter, ees_file(tmp_path / "t.csv", TIMELINESS, [timeliness("50", "50")]))
    load(TimelinessImporter, ees_file(tmp_path / "t2.csv", TIMELINESS, [timeliness("51", "52")]))
    assert stored()[("new_plans_20wk_incl_exc_pct", "E10000034", "2024")] == (Decimal("51"), "")
    assert PublishedValue.objects.count() == 2


def test_nothing_loads_without_an_area_register(db, tmp_path):
    outcome = load(TimelinessImporter, ees_file(tmp_path / "t.csv", TIMELINESS, [timeliness("50", "50")]))
    assert problems(outcome) == [("file", "", "no_area_register")]


# --- the inclusion dashboard's tables -------------------------------------------------------------------


def test_a_council_name_that_matches_nothing_refuses_the_file(register, tmp_path):
    path = tmp_path / "ks2_attainment.csv"
    path.write_text(
        "time_period,geographic_level,region_name,la_name,characteristic,pt_rwm_met_expected_standard,"
        "t_rwm_met_expected_standard,t_rwm_eligible_pupils,Percent meeting expected standard,academic_year\n"
        "201819,Local authority,West Midlands,Worcestershire,EHC plan,9,16,173,9.25,2018/19\n"
        "201819,Local authority,West Midlands,Narnia,EHC plan,9,16,173,9.25,2018/19\n",
        encoding="utf-8",
    )
    outcome = load(Ks2Importer, path)
    assert problems(outcome) == [("line 3", "la_name", "unknown_area")]
    assert PublishedValue.objects.count() == 0


def test_a_changed_header_refuses_the_file(register, tmp_path):
    path = tmp_path / "destinations_1618.csv"
    columns = [c if c != "% of pupils" else "Percentage of pupils" for c in Destinations1618Importer.columns]
    path.write_text(",".join(columns) + "\n", encoding="utf-8")
    assert set(problems(load(Destinations1618Importer, path))) == {
        ("header", "% of pupils", "missing_column"),
        ("header", "Percentage of pupils", "unexpected_column"),
    }


def test_a_dsg_surplus_is_stored_negative_and_a_percentage_beyond_100_is_refused(register, tmp_path):
    path = tmp_path / "dsg_deficit.csv"
    head = (
        "time_period,geographic_level,region_name,la_name,deficit,DSG cumulative balance as a % of the total "
        "income,financial_year\n"
    )
    path.write_text(head + "201920,Local authority,West Midlands,Worcestershire,-0.4,0.4,2019-20\n", encoding="utf-8")
    assert load(DsgDeficitImporter, path).loaded
    assert PublishedValue.objects.get(measure="dsg_deficit_pct", area_code="E10000034").value == Decimal("-0.4")
    path.write_text(head + "202021,Local authority,West Midlands,Shropshire,140,-140,2020-21\n", encoding="utf-8")
    assert problems(load(DsgDeficitImporter, path)) == [("line 2", "deficit", "impossible")]
