"""Every indicator's value from the refresh equals the value worked by hand on a small fixture
(tests/outcomes/outcomes_fixture.py), suppression included: counts of 1 to 5 are not shown, nor percentages whose
numerator, denominator or rest-of-group is 1 to 5, and a breakdown never has exactly one hidden category under a
shown headline (ADR 0046).

Periods: the register's latest date is 20 January 2025 (group H), so the complete calendar years are 2019 to 2024
and the January census dates (third Thursdays) 2020 to 2025; the 16 January 2025 date is period "2024/25".
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from sendboard.outcomes.catalogue import catalogue_indicators
from sendboard.outcomes.models import Fact, RefreshRun
from sendboard.outcomes.refresh import refresh_run
from tests.outcomes.outcomes_fixture import ENGLAND, HOME, NEIGHBOUR, REGION, outcomes_fixture_build

pytestmark = pytest.mark.django_db


@pytest.fixture
def facts():
    outcomes_fixture_build()
    run = refresh_run()
    assert run.state == RefreshRun.State.SUCCEEDED, run.error
    rows = Fact.objects.filter(run=run).select_related("indicator")
    return {(f.indicator.code, f.area_code, f.period, f.dimension, f.category): f for f in rows}


def shown(facts, code, period, dimension="", category="", area=HOME):
    fact = facts[(code, area, period, dimension, category)]
    assert not fact.suppressed, f"{code} {period} {dimension}={category} should be shown"
    return fact.value


def hidden(facts, code, period, dimension="", category="", area=HOME):
    fact = facts[(code, area, period, dimension, category)]
    assert fact.suppressed and fact.value is None and fact.numerator is None and fact.denominator is None
    return True


def pct(numerator, denominator):
    return (Decimal(100) * numerator / denominator).quantize(Decimal("0.0001"))


def test_requests_and_assessments(facts):
    # Requests received in 2024: A 8 + B 9 + E 7 + F 6 + G 2 = 32; in 2022 C's 14; in 2020 D's 6; none in 2019, 2021,
    # 2023.
    assert shown(facts, "requests", "2024") == 32
    assert shown(facts, "requests", "2022") == 14
    assert shown(facts, "requests", "2020") == 6
    assert not any(k[0] == "requests" and k[2] in ("2019", "2021", "2023", "2025") for k in facts)
    # 2024 by sex: girls are B's 4 (hidden, 1 to 5), boys 28 hidden second, else 32 - 28 would give the girls away.
    assert hidden(facts, "requests", "2024", "sex", "female")
    assert facts[("requests", HOME, "2024", "sex", "male")].suppressed
    # Refused: E's 7 in 2024; 0 in 2022 (zero is shown).
    assert shown(facts, "requests_refused", "2024") == 7
    assert shown(facts, "requests_refused", "2022") == 0
    # Of 2024's decided requests (A 8 + B 9 + E 7 + F 6 = 30; G withdrawn), 7 refused: 23.3333%.
    assert shown(facts, "requests_refused_pct", "2024") == pct(7, 30)
    # Assessments completed: 2024 A 8 + B 9 (20 May) + F 6 (1 August) = 23; 2022 C 14; 2021 D 6. Not to issue: F's 6.
    assert shown(facts, "assessments", "2024") == 23
    assert shown(facts, "assessments", "2022") == 14
    assert shown(facts, "assessments", "2021") == 6
    assert shown(facts, "assessments_no_plan", "2024") == 6
    assert shown(facts, "assessments_no_plan", "2022") == 0


def test_new_plans_and_twenty_weeks(facts):
    # New plans by start year: 2024 A 8 + B 9 = 17; 2022 C 14; 2021 D 6.
    assert shown(facts, "new_plans", "2024") == 17
    assert shown(facts, "new_plans", "2022") == 14
    assert shown(facts, "new_plans", "2021") == 6
    # Within 20 weeks (140 days) in 2024: A's 7 at 133 days (5 Feb to 17 Jun, a leap year) and 1 at exactly 140
    # (24 Jun) = 8; B's at 141 and 175 days are late. 8 of 17 = 47.0588%.
    assert shown(facts, "new_plans_20wk_incl_exc", "2024") == pct(8, 17)
    # Excluding exceptions: B's 2 excepted plans (both late) leave 8 of 15 = 53.3333%.
    assert shown(facts, "new_plans_20wk_excl_exc", "2024") == pct(8, 15)
    # 2022: C's 14 at 150 days: 0 of 14, shown as 0. 2021: D's 6 at 147 days: 0 of 6 (rest of group 6: shown).
    assert shown(facts, "new_plans_20wk_incl_exc", "2022") == 0
    assert shown(facts, "new_plans_20wk_incl_exc", "2021") == 0
    # By sex in 2024: girls 4 (hidden) so boys 13 hidden too.
    assert hidden(facts, "new_plans", "2024", "sex", "female")
    assert hidden(facts, "new_plans", "2024", "sex", "male")
    # Age at the plan's start: everyone born 1 March 2014 is 10: one band, 17, shown.
    assert shown(facts, "new_plans", "2024", "age", "5-10") == 17


def test_plans_in_force_placements_and_reviews(facts):
    # In force on 16 January 2025: A 8 + B 9 + C 14 = 31 (D ceased 30 September 2024). 18 January 2024 and 19 January
    # 2023: C 14 + D 6 = 20. 20 January 2022: D 6. 21 January 2021: none (D starts 1 March 2021): no fact.
    assert shown(facts, "plans", "2024/25") == 31
    assert shown(facts, "plans", "2023/24") == 20
    assert shown(facts, "plans", "2022/23") == 20
    assert shown(facts, "plans", "2021/22") == 6
    assert ("plans", HOME, "2020/21", "", "") not in facts
    # By primary need (rank 1): ASD 8, SLD 9, SEMH 14; in 2023/24 D has no active plan: need unknown 6.
    assert [shown(facts, "plans", "2024/25", "need", n) for n in ("ASD", "SLD", "SEMH")] == [8, 9, 14]
    assert shown(facts, "plans", "2023/24", "need", "unknown") == 6
    # Placement: A at a primary school (census phase PR) and C's 10 at a secondary school are mainstream (18); B at a
    # special school (SP) 9; C's 4 at a URN the census does not hold: independent or out of area, 4, hidden; the next
    # smallest, special (9), is hidden second.
    assert shown(facts, "plans", "2024/25", "placement", "mainstream") == 18
    assert hidden(facts, "plans", "2024/25", "placement", "independent_or_out_of_area")
    assert hidden(facts, "plans", "2024/25", "placement", "special")
    # Phase from the pupil's census on the census date: primary 8, special 9, secondary 10, unknown 4 (hidden), so
    # primary (8, the next smallest) is hidden too.
    assert shown(facts, "plans", "2024/25", "phase", "secondary") == 10
    assert shown(facts, "plans", "2024/25", "phase", "special") == 9
    assert hidden(facts, "plans", "2024/25", "phase", "unknown")
    assert hidden(facts, "plans", "2024/25", "phase", "primary")
    # Shares of plans with a known placement: 18/31 mainstream, 9/31 special; 4/31 hidden.
    assert shown(facts, "placement_mainstream_pct", "2024/25") == pct(18, 31)
    assert shown(facts, "placement_special_pct", "2024/25") == pct(9, 31)
    assert hidden(facts, "placement_independent_or_out_of_area_pct", "2024/25")
    # 2023/24: only C's 14 have a known placement (D has none): mainstream 10/14 leaves 4 not (hidden); special 0/14.
    assert hidden(facts, "placement_mainstream_pct", "2023/24")
    assert shown(facts, "placement_special_pct", "2023/24") == 0
    # Reviews, on the register's reference date only (20 January 2025, in the period "2024/25"): plans in force
    # since at least 21 January 2024 are C's 14 (A and B started in 2024: no review due yet); all 14 have a meeting
    # recorded (8 on 1 October 2024, 6 on 1 November 2023), as the DfE counts meetings held: 14/14. Nothing for a
    # census date (the register keeps only each plan's latest meeting).
    assert shown(facts, "annual_reviews_on_time", "2024/25") == 100
    assert facts[("annual_reviews_on_time", HOME, "2024/25", "", "")].denominator == 14
    assert not any(k[0] == "annual_reviews_on_time" and k[2] != "2024/25" for k in facts)


def test_ceased_and_tribunal(facts):
    # D's 6 ceased in 2024: 4 at maximum age and 2 transferred, both hidden (two hidden: nothing to work out).
    assert shown(facts, "plans_ceased", "2024") == 6
    assert hidden(facts, "plans_ceased", "2024", "reason", "max_age")
    assert hidden(facts, "plans_ceased", "2024", "reason", "transfer")
    # Appealable decisions in 2024 (as the MoJ and DfE count them): E's 7 refusals + F's 6 decisions not to issue +
    # the 31 plans in force on 16 January 2025 (A, B, C) = 44; 2 appealed: 1 to 5, hidden.
    assert hidden(facts, "tribunal_appeal_rate", "2024")
    # 2022: no refusals; the 20 plans in force on 19 January 2023 (C 14, D 6), none appealed: 0 of 20.
    assert shown(facts, "tribunal_appeal_rate", "2022") == 0
    assert facts[("tribunal_appeal_rate", HOME, "2022", "", "")].denominator == 20


def test_suspensions_exclusions_and_disproportionality(facts):
    # Census 16 January 2025 (2024/25): with plans A 8 + B 9 + C 10 = 27, SEN support 20, no SEN 60: 107 pupils.
    # Suspensions of pupils on roll: 6 (with plans) + 8 (SEN support) + 6 (no SEN) = 20; one of a UPN not on roll
    # is left out. 20 per 107 pupils = 18.6916 per 100.
    assert shown(facts, "suspension_rate", "2024/25") == pct(20, 107)
    assert shown(facts, "suspension_rate", "2024/25", "sen", "ehc_plan") == pct(6, 27)  # 22.2222
    assert shown(facts, "suspension_rate", "2024/25", "sen", "sen_support") == pct(8, 20)  # 40.0
    assert shown(facts, "suspension_rate", "2024/25", "sen", "no_sen") == pct(6, 60)  # 10.0
    # Ratios against no SEN: 40 / 10 = 4; 22.2222... / 10 = 2.2222.
    assert shown(facts, "suspension_ratio_sen_support", "2024/25") == Decimal("4.0000")
    assert shown(facts, "suspension_ratio_ehc_plan", "2024/25") == Decimal("2.2222")
    # Two permanent exclusions (SEN support, no SEN): 2 per 107, hidden; so are SEN support's 1 of 20 and no SEN's
    # 1 of 60. The headline is hidden, so nothing can be subtracted from it: the plans' 0 of 27 stays shown. Both
    # ratios use the hidden no-SEN rate: hidden.
    assert hidden(facts, "permanent_exclusion_rate", "2024/25")
    assert hidden(facts, "permanent_exclusion_rate", "2024/25", "sen", "sen_support")
    assert hidden(facts, "permanent_exclusion_rate", "2024/25", "sen", "no_sen")
    assert shown(facts, "permanent_exclusion_rate", "2024/25", "sen", "ehc_plan") == 0
    assert hidden(facts, "permanent_exclusion_ratio_sen_support", "2024/25")
    assert hidden(facts, "permanent_exclusion_ratio_ehc_plan", "2024/25")


def test_attendance_and_attainment(facts):
    # Persistent absence (10% or more of 300 sessions): with plans 9 of 27; SEN support 6 of 20; no SEN 5 at 15%
    # plus 1 at exactly 10% = 6 of 60.
    assert shown(facts, "persistent_absence_ehc_plan", "2024/25") == pct(9, 27)
    assert shown(facts, "persistent_absence_sen_support", "2024/25") == pct(6, 20)
    assert shown(facts, "persistent_absence_no_sen", "2024/25") == pct(6, 60)
    # With plans by phase: primary (A) 8 of 8, special (B) 1 of 9 (hidden), secondary (C) 0 of 10. One hidden, so
    # the next smallest (primary, 8 pupils) is hidden too.
    assert hidden(facts, "persistent_absence_ehc_plan", "2024/25", "phase", "special")
    assert hidden(facts, "persistent_absence_ehc_plan", "2024/25", "phase", "primary")
    assert shown(facts, "persistent_absence_ehc_plan", "2024/25", "phase", "secondary") == 0
    # 2023/24 results, SEN status from the nearest census: KS2 with plans 2 of 8 (hidden); SEN support 7 of 14 = 50%.
    assert hidden(facts, "ks2_rwm_expected_ehc_plan", "2023/24")
    assert shown(facts, "ks2_rwm_expected_sen_support", "2023/24") == pct(7, 14)
    # Attainment 8: with plans 10, 12, ..., 28 (sum 190, 10 pupils) = 19; SEN support 30, ..., 40 (210, 6) = 35.
    assert shown(facts, "ks4_attainment8_ehc_plan", "2023/24") == Decimal("19.0000")
    assert shown(facts, "ks4_attainment8_sen_support", "2023/24") == Decimal("35.0000")
    # Any SEN (plans and SEN support together): (190 + 210) / 16 = 25.
    assert shown(facts, "ks4_attainment8_any_sen", "2023/24") == Decimal("25.0000")
    # Overall absence, sessions missed over possible: with plans 9 x 45 + 18 x 6 = 513 of 27 x 300; no SEN
    # 5 x 45 + 30 + 54 x 6 = 579 of 60 x 300.
    assert shown(facts, "overall_absence_ehc_plan", "2024/25") == pct(513, 27 * 300)
    assert shown(facts, "overall_absence_no_sen", "2024/25") == pct(579, 60 * 300)
    # ... beside England's published figures for the same measure.
    assert shown(facts, "overall_absence_ehc_plan", "2024/25", area=ENGLAND) == Decimal("12.5")
    assert shown(facts, "ks2_rwm_expected_sen_support", "2023/24", area=ENGLAND) == Decimal("21.0")
    assert shown(facts, "ks4_attainment8_any_sen", "2023/24", area=ENGLAND) == Decimal("28.0")


def test_indicators_only_the_published_files_give_take_the_home_area_s_published_figure(facts):
    for code, period, value in [
        ("eyfsp_gld_any_sen", "2021/22", "19.5"),
        ("phonics_y1_expected_ehc_plan", "2022/23", "40.0"),
        ("ks4_destination_sustained_sen_support", "2021/22", "90.0"),
        ("destination_1618_sustained_any_sen", "2021/22", "86.9"),
        ("dsg_deficit_pct", "2021-22", "-0.4"),
        ("high_needs_spend_per_head", "2021-22", "229.9438"),
    ]:
        fact = facts[(code, HOME, period, "", "")]
        assert (fact.source, fact.value) == ("published", Decimal(value)), code
    # High-needs spend per head is all placements' (state placements alone are not the headline), in pounds.
    assert facts[("high_needs_spend_per_head", ENGLAND, "2021-22", "", "")].value == Decimal("303.1458")
    assert facts[("high_needs_spend_per_head", HOME, "2021-22", "", "")].indicator.unit == "pounds"


def test_adulthood_social_care_health_and_quality(facts):
    # NEET, December and January: 10 people x 2 months = 20, less 1 not known = 19 known; NEET 4 (December) + 2
    # (January) = 6: 31.5789%. By SEN: support 5 of 12 and plans 1 of 7, both hidden. November is not counted.
    assert shown(facts, "neet_16_17_send", "2024/25") == pct(6, 19)
    assert hidden(facts, "neet_16_17_send", "2024/25", "sen", "sen_support")
    assert hidden(facts, "neet_16_17_send", "2024/25", "sen", "ehc_plan")
    # Youth justice 2024-25: 12 people (Y11 twice: counted once, with SEN as in one of the periods); 5 + 1 = 6 with SEN.
    assert shown(facts, "youth_justice_sen_pct", "2024-25") == pct(6, 12)
    # Looked after: 8 pupils, 3 with plans, 2 on SEN support: both hidden. In need: 20 pupils, 6 with plans (30%),
    # 7 on SEN support (35%).
    assert hidden(facts, "cla_ehcp_pct", "2024/25")
    assert hidden(facts, "cla_sen_support_pct", "2024/25")
    assert shown(facts, "cin_ehcp_pct", "2024/25") == pct(6, 20)
    assert shown(facts, "cin_sen_support_pct", "2024/25") == pct(7, 20)
    # Speech and language, January 2025: (10 + 3) of (40 + 20) = 21.6667%. Trust Y's 3 hidden, so Trust X's too.
    assert shown(facts, "wait_over_18wk_speech_and_language", "2025-01") == pct(13, 60)
    assert hidden(facts, "wait_over_18wk_speech_and_language", "2025-01", "provider", "Trust Y")
    assert hidden(facts, "wait_over_18wk_speech_and_language", "2025-01", "provider", "Trust X")
    # Autism assessment: 28 of 30, so 2 not waiting long: hidden. No other service has a list: no facts.
    assert hidden(facts, "wait_over_18wk_autism_assessment", "2025-01")
    assert not any(k[0] == "wait_over_18wk_audiology" and k[1] == HOME for k in facts)
    # Plan audits in 2024-25: 6 of 12 graded 3 or 4: 50%.
    assert shown(facts, "plan_audit_good_or_better", "2024-25") == pct(6, 12)


def test_published_comparators(facts):
    # England, the region and a neighbour as published; the home area's own value comes from the register.
    assert shown(facts, "new_plans_20wk_incl_exc", "2024", area=ENGLAND) == Decimal("46.4")
    assert shown(facts, "new_plans_20wk_incl_exc", "2024", area=REGION) == Decimal("40.1")
    assert shown(facts, "new_plans_20wk_incl_exc", "2024", area=NEIGHBOUR) == Decimal("50.2")
    home = facts[("new_plans_20wk_incl_exc", HOME, "2024", "", "")]
    assert (home.source, home.value) == ("register", pct(8, 17))
    assert facts[("new_plans_20wk_incl_exc", ENGLAND, "2024", "", "")].area_level == "england"
    # Withheld ("c") is a suppressed fact; not available ("x") is no fact.
    assert hidden(facts, "new_plans_20wk_incl_exc", "2024", area="E06000019")
    assert ("new_plans_20wk_incl_exc", "E06000051", "2024", "", "") not in facts
    # Plans in England, with the published need and placement breakdowns; a breakdown the indicator does not offer
    # (reason) is not taken. Mainstream share 160,000 / 400,000 = 40%.
    assert shown(facts, "plans", "2024/25", area=ENGLAND) == 400000
    assert shown(facts, "plans", "2024/25", "need", "ASD", area=ENGLAND) == 130000
    assert ("plans", ENGLAND, "2024/25", "reason", "other") not in facts
    assert shown(facts, "placement_mainstream_pct", "2024/25", area=ENGLAND) == Decimal("40.0000")
    assert shown(facts, "wait_over_18wk_speech_and_language", "2023-10", area=ENGLAND) == Decimal("48.5")


def test_every_indicator_has_a_fact(facts):
    """The fixture feeds every indicator of the catalogue."""
    assert {item["code"] for item in catalogue_indicators()} == {key[0] for key in facts}


def test_periods_before_the_register_was_complete_come_from_the_published_returns():
    """A council whose register is complete only from 1 January 2024: its 2022 and 2020 requests (groups C and D)
    are not a whole year's cases, so no register fact is made for them; its published 2022 figure stands instead.
    A case dated in the future (a planned review) does not make the current year count as complete."""
    from datetime import date, timedelta

    from sendboard.core.models import LocalArea
    from sendboard.statistics.models import PublishedValue
    from tests.outcomes.outcomes_fixture import Register, imported_file

    outcomes_fixture_build()
    area = LocalArea.objects.get(gss_code=HOME)
    area.register_complete_from = date(2024, 1, 1)
    area.save()
    Register(area).case(received=date.today() + timedelta(days=400), request_outcome="")
    PublishedValue.objects.create(
        imported_file=imported_file("ehcp_2025_requests"),
        dataset="test",
        measure="requests",
        area_code=HOME,
        area_level="la",
        period="2022",
        period_end=date(2022, 12, 31),
        value=Decimal(999),
    )
    run = refresh_run()
    assert run.state == RefreshRun.State.SUCCEEDED, run.error
    facts = {
        (f.indicator.code, f.area_code, f.period, f.dimension, f.category): f
        for f in Fact.objects.filter(run=run).select_related("indicator")
    }
    assert shown(facts, "requests", "2024") == 32 and facts[("requests", HOME, "2024", "", "")].source == "register"
    assert shown(facts, "requests", "2022") == 999 and facts[("requests", HOME, "2022", "", "")].source == "published"
    assert ("requests", HOME, "2020", "", "") not in facts
    # The January 2024 census date (period 2023/24) is on or after the date: plans in force then are counted.
    assert any(k[0] == "plans" and k[1] == HOME and k[2] == "2023/24" for k in facts)
    assert not any(k[1] == HOME and k[2] in ("2022/23", "2021/22") and facts[k].source == "register" for k in facts)
    # Today's year has not ended: no register fact for it, however late the register's own dates run.
    assert not any(k[1] == HOME and k[2] == str(date.today().year) for k in facts)
