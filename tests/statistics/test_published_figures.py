"""Given the published files sendboard ships, when the folder is loaded, then every file loads and
the stored figures are the ones printed in the files. Each expected figure was read off the file by eye; the
line it came from is quoted beside it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from sendboard.statistics.loading import published_statistics_load
from sendboard.statistics.models import (
    DatasetNote,
    InspectionOutcome,
    PublishedValue,
    StatisticalArea,
    StatisticalNeighbour,
)

pytestmark = pytest.mark.django_db

ENGLAND, WEST_MIDLANDS, WORCESTERSHIRE = "E92000001", "E12000005", "E10000034"


def value(measure: str, area: str, period: str, breakdown: str = "") -> tuple[Decimal | None, str]:
    found = PublishedValue.objects.get(measure=measure, area_code=area, period=period, breakdown=breakdown)
    return found.value, found.status


def test_every_file_in_the_folder_loads(published):
    refused = {
        kind: [(p.record, p.field, p.message) for p in r.outcome.report.problems[:3]]
        for kind, r in published.items()
        if r.outcome is None or not r.outcome.loaded
    }
    assert refused == {}


def test_area_register_has_england_nine_regions_and_every_council(published):
    assert StatisticalArea.objects.filter(level="england").count() == 1
    assert StatisticalArea.objects.filter(level="region").count() == 9
    # caseload.csv names 159 council codes: 152 councils today plus predecessors and codes the DfE changed
    assert StatisticalArea.objects.filter(level="la").count() == 159
    worcestershire = StatisticalArea.objects.get(code=WORCESTERSHIRE)
    assert (worcestershire.old_code, worcestershire.name, worcestershire.region_code) == (
        "885",
        "Worcestershire",
        WEST_MIDLANDS,
    )


def test_sen2_mi_supplies_2014_to_2018_as_printed(published):
    # sen2_mi.csv, "2018,Calendar year,National,...": inc_exc_20week_rate 58.000000000000, no_exc_20week_rate
    # 60.100000000000, new_all_ehc 48907, inreq_ehc 72423, ass_refused_ehc 17890, ass_none_ehc 2687,
    # new_all_ehc_ass_none_ehc_sum 51594 (= 48907 + 2687)
    assert value("new_plans_20wk_incl_exc_pct", ENGLAND, "2018") == (Decimal("58.0"), "")
    assert value("new_plans_20wk_excl_exc_pct", ENGLAND, "2018") == (Decimal("60.1"), "")
    assert value("new_plans", ENGLAND, "2018") == (48907, "")
    assert value("requests", ENGLAND, "2018") == (72423, "")
    assert value("requests_refused", ENGLAND, "2018") == (17890, "")
    assert value("assessments", ENGLAND, "2018") == (51594, "")
    assert value("assessments_no_plan", ENGLAND, "2018") == (2687, "")
    # "2016,...,E10000034,885,"Worcestershire",...": inc_exc_20week_rate 39.500000000000, new_all_ehc 206
    assert value("new_plans_20wk_incl_exc_pct", WORCESTERSHIRE, "2016") == (Decimal("39.5"), "")
    assert value("new_plans", WORCESTERSHIRE, "2016") == (206, "")
    # "2017,Calendar year,Regional,...,E12000005,West Midlands": 63.300000000000 and discontinued_met_ehc 43
    assert value("new_plans_20wk_incl_exc_pct", WEST_MIDLANDS, "2017") == (Decimal("63.3"), "")
    assert value("plans_ceased", WEST_MIDLANDS, "2017", "reason=needs_met") == (43, "")
    # "2014,...,E08000036,384,"Wakefield",...": inc_exc_20week_ehc 0 and inc_exc_20week_rate z (no plans
    # issued, so no rate): kept as the code, never as 0
    assert value("new_plans_20wk_incl_exc_pct", "E08000036", "2014") == (None, "z")


def test_2025_release_wins_for_the_years_it_covers(published):
    # sen2_mi.csv prints England 2022 as " 47.665" and new_all_ehc 68665; timeliness_20_week.csv
    # "2022,Calendar year,National,...,All EHC plans issued,...,65512,62108,31226,30536,47.7,49.2" and
    # newplans.csv 2022 England new_ehc_plans 66706 (revised): one value per period, from the 2025 release
    assert value("new_plans_20wk_incl_exc_pct", ENGLAND, "2022") == (Decimal("47.7"), "")
    assert value("new_plans_20wk_excl_exc_pct", ENGLAND, "2022") == (Decimal("49.2"), "")
    assert value("new_plans", ENGLAND, "2022") == (66706, "")
    stored = PublishedValue.objects.get(measure="new_plans", area_code=ENGLAND, period="2022")
    assert stored.dataset == "ehcp_2025_newplans"
    # Worcestershire, "2020,...,Worcestershire,All EHC plans issued,...,483,418,461,406,95.4,97.1"
    assert value("new_plans_20wk_incl_exc_pct", WORCESTERSHIRE, "2020") == (Decimal("95.4"), "")
    assert value("new_plans_20wk_excl_exc_pct", WORCESTERSHIRE, "2020") == (Decimal("97.1"), "")
    # assessments: the 2025 release prints x for 2019-2021, so sen2_mi.csv supplies them (2021 England 66083)
    assert value("assessments", ENGLAND, "2021") == (66083, "")
    assert value("assessments", ENGLAND, "2022") == (73040, "")


def test_caseload_placements_and_age_bands(published):
    # caseload.csv "202425,...,Worcestershire,All EHC plans,All EHC plans,6970,...": mainstream_total 3239,
    # special_total 2384, special_independent 490, ap_pru_total 49, fe_total 791, ed_elsewhere 371,
    # nm_early_years 85, placement_unknown 51
    assert value("plans", WORCESTERSHIRE, "2024/25") == (6970, "")
    placements = {
        "mainstream": 3239,
        "special": 2384,
        "independent": 490,
        "alternative": 49,
        "post16": 791,
        "other": 371,
        "early_years": 85,
        "none": 51,
    }
    for name, expected in placements.items():
        assert value("plans", WORCESTERSHIRE, "2024/25", f"placement={name}") == (expected, "")
    # under_5 = "under 3" 6 + "age 3" 59 + "age 4" 312 = 377 (three lines of the same file)
    assert value("plans", WORCESTERSHIRE, "2024/25", "age=under_5") == (377, "")
    stored = PublishedValue.objects.get(measure="plans", area_code=ENGLAND, period="2024/25", breakdown="")
    assert (stored.value, stored.period_end) == (638745, date(2025, 1, 31))


def test_needs_ceased_and_annual_reviews(published):
    # sen_needs_all_plans.csv "202425,...,National,...,All EHC plans,All EHC plans,638745,201183,...": ASD 201183
    assert value("plans", ENGLAND, "2024/25", "need=ASD") == (201183, "")
    # ceased_plans.csv "2024,...,Worcestershire,All ceased EHC plans,...,22,12,14,17,192,321,0,1,0,0,579"
    assert value("plans_ceased", WORCESTERSHIRE, "2024") == (579, "")
    assert value("plans_ceased", WORCESTERSHIRE, "2024", "reason=no_engage") == (321, "")
    # annual_reviews.csv "2024,...,National,...,All annual reviews,...,44.4,55.6" and Worcestershire "...,75.4,24.6"
    assert value("annual_reviews_on_time_pct", ENGLAND, "2024") == (Decimal("44.4"), "")
    assert value("annual_reviews_on_time_pct", WORCESTERSHIRE, "2024") == (Decimal("75.4"), "")
    # Review meetings held for plans whose review was due: "...,All annual reviews,6970,5409,1561,139,3847,923,923,4909"
    # for Worcestershire (4,909 of 5,409) and "...,638745,524654,114091,9208,318369,126184,126184,453761" for England.
    assert value("annual_review_meetings_held_pct", WORCESTERSHIRE, "2024") == (Decimal("90.7561"), "")
    assert value("annual_review_meetings_held_pct", ENGLAND, "2024") == (Decimal("86.4877"), "")


def test_annual_reviews_defects_are_reported_not_silently_loaded(published):
    imported = published["stats_ehcp_annual_reviews"].outcome.imported_file
    notes = {n.rule: n for n in DatasetNote.objects.filter(imported_file=imported)}
    assert "review_meeting_prior_24" in notes["repeated_column"].message
    # Worcestershire's own line prints review_decision_outstanding -211; every negative cell is counted
    assert notes["negative_not_stored"].count > 0
    assert not PublishedValue.objects.filter(dataset="ehcp_2025_annual_reviews", value__lt=0).exists()


def test_tribunal_appeal_rates(published):
    # send_tribunals_and_appeal_rate_2014-2024.csv: "Worcestershire,885,27,"2,479",1.10%,...,139,"7,386",1.90%"
    assert value("tribunal_appeal_rate_pct", WORCESTERSHIRE, "2014") == (Decimal("1.1"), "")
    assert value("tribunal_appeal_rate_pct", WORCESTERSHIRE, "2024") == (Decimal("1.9"), "")
    assert value("tribunal_appeals", WORCESTERSHIRE, "2024") == (139, "")
    # ""England Total4,9",,"4,108","251,096",1.60%,...,"22,276","689,739",3.20%"
    assert value("tribunal_appeals", ENGLAND, "2024") == (22276, "")
    assert value("tribunal_appeal_rate_pct", ENGLAND, "2024") == (Decimal("3.2"), "")
    # "Darlington,841, - ,450,0.00%": "-" (nil) is kept as printed, never as 0
    assert value("tribunal_appeals", "E06000005", "2014") == (None, "-")
    # Regions head sections but print no figures: worked out from their councils. West Midlands 2024: Birmingham 639
    # of 13,263, Coventry 123 of 3,805, Dudley 152 of 4,118, Herefordshire 30 of 1,846, Sandwell 41 of 4,158,
    # Shropshire 51 of 3,264, Solihull 161 of 2,727, Staffordshire 435 of 9,437, Stoke-on-Trent 105 of 3,643,
    # Telford and Wrekin 102 of 2,608, Walsall 166 of 5,513, Warwickshire 224 of 7,190, Wolverhampton 27 of 3,257,
    # Worcestershire 139 of 7,386: 2,395 of 72,215 = 3.3%.
    assert value("tribunal_appeal_rate_pct", "E12000005", "2024") == (Decimal("3.3"), "")
    # A council that no longer existed prints nothing for the year (Northamptonshire in 2024: "..", blank, blank) and
    # does not stop its region's figure: East Midlands 2024 is its other ten councils' 1,815 of 51,569 = 3.5%.
    assert value("tribunal_appeal_rate_pct", "E12000004", "2024") == (Decimal("3.5"), "")


def test_social_care_groups_absence_and_health_waits(published):
    # sen_la.csv "202122,...,885,Worcestershire,E10000034,CLA 12 months at 31 March,535,...,26.5,26.5,...":
    # pt_SEN_support 26.5, pt_statement_or_EHC_plan 26.5
    assert value("cla_ehcp_pct", WORCESTERSHIRE, "2021/22") == (Decimal("26.5"), "")
    assert value("cla_sen_support_pct", WORCESTERSHIRE, "2021/22") == (Decimal("26.5"), "")
    # sen_national.csv "202122,...,All pupils comparison,8418010,...,330450,3.9": pt_statement_or_EHC_plan 3.9
    assert value("all_pupils_ehcp_pct", ENGLAND, "2021/22") == (Decimal("3.9"), "")
    # 4_absence_2term_pru.csv "201314,...,Worcestershire,...,130,60.74766,...": stored to 4 places
    assert value("pru_persistent_absence_pct", WORCESTERSHIRE, "2013/14") == (Decimal("60.7477"), "")
    # eng_ch_time_series_derived.csv ""1","Audiology",17272,3805,508," January 2023",24.9710514126911,2023-01-01"
    assert value("chs_waiting_list", ENGLAND, "2023-01", "service=audiology") == (17272, "")
    assert value("chs_waiting_over_18wk_pct", ENGLAND, "2023-01", "service=audiology") == (Decimal("24.9711"), "")


def test_neighbours_and_inspections(published):
    # statistical_neighbours.csv, the Worcestershire column: Somerset, Gloucestershire, Dorset, ... North Yorkshire
    neighbours = list(
        StatisticalNeighbour.objects.filter(area__code=WORCESTERSHIRE)
        .order_by("rank")
        .values_list("neighbour__name", flat=True)
    )
    assert neighbours[:3] == ["Somerset", "Gloucestershire", "Dorset"] and len(neighbours) == 10
    # Dorset has two codes (E10000009 before 2019, E06000059 after): the current council is meant
    assert StatisticalNeighbour.objects.get(area__code=WORCESTERSHIRE, rank=3).neighbour.code == "E06000059"
    # "Durham", "Bedford Borough" and "Herefordshire" are matched through the written-out aliases
    assert StatisticalNeighbour.objects.filter(area__code="E06000047").count() == 10
    # Area_SEND_inspection_data...ods: "E10000034, Worcestershire, 05/03/2018, 16/05/2018, Yes, 12, 01/11/2021,
    # 13/01/2022, Some, 8, 4"
    visit = InspectionOutcome.objects.get(area_code=WORCESTERSHIRE, framework="2016")
    assert (visit.inspection_start, visit.wsoa_required, visit.significant_weaknesses) == (date(2018, 3, 5), True, 12)
    assert (visit.revisit_outcome, visit.weaknesses_progress_made, visit.weaknesses_progress_not_made) == ("Some", 8, 4)
    # mi_ofsted_winter_2223.csv ""7","Report webpage","Hertfordshire",...,"Widespread and/or systemic failings","Yes",2"
    herts = InspectionOutcome.objects.get(
        framework="2023", area_code=StatisticalArea.objects.get(name="Hertfordshire").code
    )
    assert (herts.outcome, herts.priority_action_plan_required, herts.priority_action_areas) == (
        "Widespread and/or systemic failings",
        True,
        2,
    )


def test_undefined_symbol_in_sen_national_is_reported(published):
    imported = published["stats_sen_social_care_england"].outcome.imported_file
    note = DatasetNote.objects.get(imported_file=imported, rule="undefined_symbol")
    assert (note.field, note.count) == ("pt_PMLD_ss", 1)


def test_loading_the_folder_again_changes_nothing(published):
    before = PublishedValue.objects.count()
    again = published_statistics_load()
    assert all(r.outcome.already_loaded for r in again if r.outcome is not None)
    assert PublishedValue.objects.count() == before
