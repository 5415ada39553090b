"""Given the DfE inclusion dashboard's prepared tables, when they are loaded through their importers, then the
figures stored are the ones printed (each read off the file by eye; the line is quoted beside it), councils
named without a code are found by name, and each quirk of the tables is handled and reported, not read
silently."""

from __future__ import annotations

from decimal import Decimal

import pytest

from sendboard.statistics.models import DatasetNote, PublishedValue
from tests.statistics.conftest import problems

pytestmark = pytest.mark.django_db

ENGLAND, WEST_MIDLANDS, WORCESTERSHIRE = "E92000001", "E12000005", "E10000034"


def value(measure: str, area: str, period: str, breakdown: str = "") -> Decimal | None:
    return PublishedValue.objects.get(measure=measure, area_code=area, period=period, breakdown=breakdown).value


def notes(kind_dataset: str) -> set[str]:
    return set(DatasetNote.objects.filter(imported_file__kind=kind_dataset).values_list("rule", flat=True))


def test_every_dashboard_table_loads_with_the_figures_printed(published):
    for kind in (
        "stats_dash_absence",
        "stats_dash_ks2",
        "stats_dash_ks4",
        "stats_dash_ks4_destinations",
        "stats_dash_1618_destinations",
        "stats_dash_phonics",
        "stats_dash_eyfsp",
        "stats_dash_dsg",
        "stats_dash_high_needs_spend",
    ):
        assert published[kind].outcome.loaded, (kind, problems(published[kind].outcome)[:3])
    # absence: "202223,Local authority,EHCP or Statement,West Midlands,E10000034,Worcestershire,Overall,13.29,2022/23"
    assert value("absence_overall_pct", WORCESTERSHIRE, "2022/23", "sen=ehc_plan") == Decimal("13.29")
    # ks2_attainment: "201819,Local authority,West Midlands,Worcestershire,EHC plan,9,16,173,9.25,2018/19" (no code)
    assert value("ks2_rwm_expected_pct", WORCESTERSHIRE, "2018/19", "sen=ehc_plan") == Decimal("9.25")
    # ks4_attainment: "202223.0,National,,,Any SEN,100066.0,4035.0,28,-0.62,..." and Worcestershire's 26.7
    assert value("ks4_attainment8", ENGLAND, "2022/23", "sen=any_sen") == 28
    assert value("ks4_attainment8", WORCESTERSHIRE, "2022/23", "sen=any_sen") == Decimal("26.7")
    # ks4_destinations: Worcestershire, EHC plan or Statement, Provisional, 2021/22: overall 95.4, all_notsust 3.8
    assert value("ks4_destination_sustained_pct", WORCESTERSHIRE, "2021/22", "sen=ehc_plan") == Decimal("95.4")
    assert value("ks4_destination_not_sustained_pct", WORCESTERSHIRE, "2021/22", "sen=ehc_plan") == Decimal("3.8")
    # destinations_1618: "202122,Regional,West Midlands,,Identified SEN (mainstream),1352,2021/22,overall,83.6"
    assert value("destination_1618_sustained_pct", WEST_MIDLANDS, "2021/22", "sen=any_sen") == Decimal("83.6")
    assert value("destination_1618_sustained_pct", WORCESTERSHIRE, "2021/22", "sen=any_sen") == Decimal("86.9")
    # ks1_phonics: "201516,National,,,SEN support,46,33119.0,71581.0,46.27,2015/16"
    assert value("phonics_y1_expected_pct", ENGLAND, "2015/16", "sen=sen_support") == Decimal("46.27")
    # eyfsp: "202122,National,,England,,,EHC plan,13630,497,3.6,2021/22"
    assert value("eyfsp_gld_pct", ENGLAND, "2021/22", "sen=ehc_plan") == Decimal("3.6")
    # dsg_deficit: "202122,National,England,,2.26,-2.26,2021-22" and "201920,Local authority,West
    # Midlands,Worcestershire,1.5,..."
    assert value("dsg_deficit_pct", ENGLAND, "2021-22") == Decimal("2.26")
    assert value("dsg_deficit_pct", WORCESTERSHIRE, "2019-20") == Decimal("1.5")
    # specialist_spend: "Worcestershire,State,2018-19,100.23408141264935,..." (stored to 4 places)
    assert value("high_needs_spend_per_head", WORCESTERSHIRE, "2018-19", "placement=state") == Decimal("100.2341")


def test_the_tables_quirks_are_reported(published):
    assert "decimal_period" in notes("stats_dash_ks4")  # 202223.0
    assert "matched_by_name" in notes("stats_dash_ks2")  # councils named, not coded
    assert "provisional" in notes("stats_dash_ks4_destinations")
    assert "repeated_council" in notes("stats_dash_1618_destinations")  # Dorset 2019/20, cohorts of 1 and 1,716
    assert {"no_region", "ceased_council_zero", "rounded"} <= notes("stats_dash_high_needs_spend")
    # Dorset's 2019/20 line with the larger cohort (1,716: 86.8%) is the one stored, not the cohort of 1 (100%)
    assert value("destination_1618_sustained_pct", "E06000059", "2019/20", "sen=no_sen") == Decimal("86.8")


def test_autism_waits_are_england_s_for_children_and_the_nhs_lines_are_noted_not_stored(published):
    assert published["stats_dash_autism"].outcome.loaded, problems(published["stats_dash_autism"].outcome)[:3]
    # "2019-04-01,2019-04-30,...,Age Group,Under 10,...,ASD19e,...,51.0,...,National"
    assert value("autism_first_appointment_over_13wk_pct", ENGLAND, "2019-04", "age=under_10") == 51
    assert value("autism_first_appointment_over_13wk_pct", ENGLAND, "2019-04", "age=10_to_17") == 44
    assert (
        not PublishedValue.objects.filter(measure="autism_first_appointment_over_13wk_pct")
        .exclude(area_code=ENGLAND)
        .exists()
    )
    assert "not_stored" in notes("stats_dash_autism")


def test_lines_the_tables_do_not_print_are_worked_out_from_those_they_do(published):
    # Destinations after KS4 print the nine regions but no England line: England is the regions' percentages weighted
    # by their cohorts. EHC plan, 2021/22, overall: East Midlands 1,881 at 90.2, London 3,533 at 92.0, South East
    # 4,058 at 91.1, North East 1,252 at 86.1, South West 2,219 at 90.8, North West 3,508 at 88.2, East of England
    # 2,519 at 90.4, Yorkshire and The Humber 2,125 at 89.8, West Midlands 2,620 at 89.9: 2,137,154.6 / 23,715 = 90.1.
    assert value("ks4_destination_sustained_pct", ENGLAND, "2021/22", "sen=ehc_plan") == Decimal("90.1")
    # After 16 to 18 study, identified SEN (mainstream), 2021/22: 1,111,521.3 / 13,246 = 83.9.
    assert value("destination_1618_sustained_pct", ENGLAND, "2021/22", "sen=any_sen") == Decimal("83.9")
    assert "england_from_regions" in notes("stats_dash_ks4_destinations")
    assert "england_from_regions" in notes("stats_dash_1618_destinations")
    # High-needs spend per head prints councils only: England and the regions are the councils' total spend over
    # their population aged 2 to 18. West Midlands, all placements, 2021-22: the 14 councils' £378,992,818 over
    # 1,254,713.562 = £302.0552 a head.
    assert value("high_needs_spend_per_head", WEST_MIDLANDS, "2021-22", "placement=total") == Decimal("302.0552")
    # England: the 149 councils printed for 2021-22, £3,484,252,387 over 11,493,653.572 = £303.1458.
    assert value("high_needs_spend_per_head", ENGLAND, "2021-22", "placement=total") == Decimal("303.1458")
    assert "totals_from_councils" in notes("stats_dash_high_needs_spend")
