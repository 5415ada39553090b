"""The measure registry: every published measure the product stores, with its title, unit, and which
dataset supplies which years (ADR 0041). Where two files publish the same measure for the same years, the
registry names one source per year and the other file's values for those years are validated but not stored,
so ``(measure, area_code, period, breakdown)`` has one value. The 2025 EHC plan release wins for the years it
covers (its figures are revised: new plans in 2022 are 66,706 there against 68,665 in the 2014–2022 file);
``sen2_mi.csv`` supplies the earlier years."""

from __future__ import annotations

from dataclasses import dataclass, field

COUNT = "count"
PERCENT = "percent"
SCORE = "score"  # an average point score (Attainment 8)
POUNDS = "pounds"  # money per head


@dataclass(frozen=True)
class Source:
    dataset: str
    file: str
    first: str  # first period this dataset supplies, as stored ("2014", "2018/19", "2023-01")
    last: str
    columns: str = ""

    def covers(self, period: str) -> bool:
        return self.first <= period <= self.last


@dataclass(frozen=True)
class Measure:
    code: str
    title: str
    unit: str
    sources: tuple[Source, ...] = ()
    breakdowns: str = ""
    caveat: str = ""
    available: bool = True
    signed: bool = False  # may be negative (a balance)
    extra: dict = field(default_factory=dict)

    @property
    def periods(self) -> str:
        if not self.sources:
            return "none"
        return f"{min(s.first for s in self.sources)} to {max(s.last for s in self.sources)}"


MI = "sen2_mi.csv"
E25 = "ehcp_2025/data/"
DASH = "inclusion_dashboard/"
SEN_BREAKDOWN = "sen=<ehc_plan|sen_support|any_sen|no_sen>"

MEASURES: dict[str, Measure] = {
    m.code: m
    for m in (
        Measure(
            "new_plans_20wk_incl_exc_pct",
            "New EHC plans issued within 20 weeks, including exceptions",
            PERCENT,
            (
                Source("ehcp_mi_2014_2022", MI, "2014", "2018", "inc_exc_20week_rate"),
                Source(
                    "ehcp_2025_timeliness",
                    E25 + "timeliness_20_week.csv",
                    "2019",
                    "2024",
                    "pc_plans_issued_within_20_weeks",
                ),
            ),
            caveat="Figures are kept as published. The earlier management information file (2014 to 2022) gives 2022 "
            "to three decimal places (47.665), the 2025 release to one (47.7); the 2025 release's figures are "
            "used from 2019 onwards.",
        ),
        Measure(
            "new_plans_20wk_excl_exc_pct",
            "New EHC plans issued within 20 weeks, excluding exception cases",
            PERCENT,
            (
                Source("ehcp_mi_2014_2022", MI, "2014", "2018", "no_exc_20week_rate"),
                Source(
                    "ehcp_2025_timeliness",
                    E25 + "timeliness_20_week.csv",
                    "2019",
                    "2024",
                    "PC_plans_issued_20_weeks_ex",
                ),
            ),
        ),
        Measure(
            "new_plans",
            "New EHC plans issued in the calendar year",
            COUNT,
            (
                Source("ehcp_mi_2014_2022", MI, "2014", "2018", "new_all_ehc"),
                Source("ehcp_2025_newplans", E25 + "newplans.csv", "2019", "2024", "new_ehc_plans"),
            ),
            caveat="2014 counts only EHC plans made after September 2014 (statements continued until 2018).",
        ),
        Measure(
            "requests",
            "Initial requests for an EHC needs assessment",
            COUNT,
            (
                Source("ehcp_mi_2014_2022", MI, "2016", "2018", "inreq_ehc"),
                Source("ehcp_2025_requests", E25 + "requests.csv", "2019", "2024", "requests_received_in_year"),
            ),
            caveat="Not published for 2014 and 2015 (the earlier management information file marks them as not "
            "applicable).",
        ),
        Measure(
            "requests_refused",
            "Requests where the decision was not to assess",
            COUNT,
            (
                Source("ehcp_mi_2014_2022", MI, "2014", "2018", "ass_refused_ehc"),
                Source("ehcp_2025_requests", E25 + "requests.csv", "2019", "2024", "requests_decided_not_to_assess"),
            ),
        ),
        Measure(
            "assessments",
            "EHC needs assessments completed",
            COUNT,
            (
                Source("ehcp_mi_2014_2022", MI, "2014", "2021", "new_all_ehc_ass_none_ehc_sum"),
                Source("ehcp_2025_assessments", E25 + "assessments.csv", "2022", "2024", "assess_in_year"),
            ),
            caveat="The 2025 release withholds 2019 to 2021, so the earlier management information file supplies 2014 "
            "to 2021, where completed assessments are counted as plans issued plus decisions not to issue a plan. "
            "From 2022 the 2025 release's own count of assessments completed in the year is used (England 2022: "
            "73,040, against 72,695 from adding the two).",
        ),
        Measure(
            "assessments_no_plan",
            "Assessments completed with a decision not to issue a plan",
            COUNT,
            (
                Source("ehcp_mi_2014_2022", MI, "2014", "2018", "ass_none_ehc"),
                Source("ehcp_2025_assessments", E25 + "assessments.csv", "2019", "2024", "assess_not_issued"),
            ),
        ),
        Measure(
            "plans",
            "EHC plans in force in January",
            COUNT,
            (
                Source(
                    "ehcp_2025_caseload",
                    E25 + "caseload.csv",
                    "2018/19",
                    "2024/25",
                    "ehcplans; placement totals; single ages",
                ),
                Source(
                    "ehcp_2025_needs", E25 + "sen_needs_all_plans.csv", "2024/25", "2024/25", "number_<need> (need=...)"
                ),
            ),
            breakdowns="need=<SEN2 code>, age=<under_5|5-10|11-15|16-19|20-25>, "
            "placement=<mainstream|special|independent|alternative|post16|other|early_years|none>",
            caveat="Period 2024/25 is the January 2025 snapshot (figures at 31 January 2025). Age bands are sums of "
            "the single ages published (under 3, 3 and 4 make under 5); a band with any age withheld is shown as "
            "withheld. Independent special schools are counted within special schools, not in addition. Primary need "
            "is published for 2024/25 only.",
        ),
        Measure(
            "plans_ceased",
            "EHC plans ceased in the calendar year",
            COUNT,
            (
                Source("ehcp_mi_2014_2022", MI, "2015", "2021", "discontinued_<reason>_ehc (reasons only)"),
                Source("ehcp_2025_ceased", E25 + "ceased_plans.csv", "2022", "2024", "total_ceased and reasons"),
            ),
            breakdowns="reason=<needs_met|transfer|left|other> (2015-2021); "
            "reason=<max_age|needs_met|he|employ|transfer|"
            "no_engage|moved_outside_eng|deceased|not_rec|other> (2022 onwards)",
            caveat="The earlier management information file publishes no total before 2022, only the numbers for four "
            "reasons; the reasons are different from 2022.",
        ),
        Measure(
            "annual_reviews_on_time_pct",
            "Annual review outcomes communicated within 4 weeks of the meeting",
            PERCENT,
            (Source("ehcp_2025_annual_reviews", E25 + "annual_reviews.csv", "2024", "2024", "pc_decsion_4weeks"),),
            caveat="The DfE publishes whether the review decision was sent within the statutory 4 weeks of the "
            "meeting, not whether reviews were completed within 12 months; 2024 only. The published file repeats a "
            "column and shows some negative counts, which are not stored.",
        ),
        Measure(
            "annual_review_meetings_held_pct",
            "Annual review meetings held, as a share of the plans whose review was due",
            PERCENT,
            (
                Source(
                    "ehcp_2025_annual_reviews",
                    E25 + "annual_reviews.csv",
                    "2024",
                    "2024",
                    "total_review_meeting / review_expected",
                ),
            ),
            caveat="Derived from the two counts the release publishes (for Worcestershire in 2024, 4,909 meetings for "
            "5,409 plans whose review was due); 2024 only.",
        ),
        Measure(
            "tribunal_appeal_rate_pct",
            "SEND Tribunal appeals as a percentage of appealable decisions",
            PERCENT,
            (
                Source(
                    "send_appeal_rate_2014_2024",
                    "ehcp_2025/supporting-files/send_tribunals_and_appeal_rate_2014-2024.csv",
                    "2014",
                    "2024",
                    "SEND Tribunal Appeal Rate",
                ),
            ),
            caveat="Rates are published to one decimal place with a % sign. The 2024 rate marked 'in development' is "
            "not stored. The table prints no figures for regions: a region's rate is worked out from its councils' "
            "appeals and appealable decisions, for the years every council's are printed.",
        ),
        Measure(
            "tribunal_appeals",
            "SEND Tribunal appeals registered",
            COUNT,
            (
                Source(
                    "send_appeal_rate_2014_2024",
                    "ehcp_2025/supporting-files/send_tribunals_and_appeal_rate_2014-2024.csv",
                    "2014",
                    "2024",
                    "Appeals registered",
                ),
            ),
            caveat="Where the publication shows a dash (nil), the figure is kept as nil, never as 0.",
        ),
        Measure(
            "cla_ehcp_pct",
            "Children looked after (12 months) with an EHC plan",
            PERCENT,
            (
                Source(
                    "sen_social_care_la",
                    "sen_la.csv",
                    "2016/17",
                    "2021/22",
                    "pt_statement_or_EHC_plan, CLA 12 months at 31 March",
                ),
            ),
        ),
        Measure(
            "cla_sen_support_pct",
            "Children looked after (12 months) with SEN support",
            PERCENT,
            (
                Source(
                    "sen_social_care_la",
                    "sen_la.csv",
                    "2016/17",
                    "2021/22",
                    "pt_SEN_support, CLA 12 months at 31 March",
                ),
            ),
        ),
        Measure(
            "cin_ehcp_pct",
            "Children in need (other than looked after or on a protection plan) with an EHC plan",
            PERCENT,
            (
                Source(
                    "sen_social_care_la",
                    "sen_la.csv",
                    "2016/17",
                    "2021/22",
                    "pt_statement_or_EHC_plan, CINO at 31 March",
                ),
            ),
            caveat="Councils' figures are published only for children in need other than those looked after or on a "
            "protection plan, so England and the regions use the same group, for comparison.",
        ),
        Measure(
            "cin_sen_support_pct",
            "Children in need (other than looked after or on a protection plan) with SEN support",
            PERCENT,
            (Source("sen_social_care_la", "sen_la.csv", "2016/17", "2021/22", "pt_SEN_support, CINO at 31 March"),),
        ),
        Measure(
            "all_pupils_ehcp_pct",
            "All pupils with an EHC plan",
            PERCENT,
            (
                Source(
                    "sen_social_care_national",
                    "sen_national.csv",
                    "2016/17",
                    "2021/22",
                    "pt_statement_or_EHC_plan, All pupils comparison",
                ),
            ),
            caveat="England only: the councils' file has no figures for all pupils.",
        ),
        Measure(
            "all_pupils_sen_support_pct",
            "All pupils with SEN support",
            PERCENT,
            (
                Source(
                    "sen_social_care_national",
                    "sen_national.csv",
                    "2016/17",
                    "2021/22",
                    "pt_SEN_support, All pupils comparison",
                ),
            ),
            caveat="England only.",
        ),
        Measure(
            "chs_waiting_list",
            "Children and young people on community health services waiting lists",
            COUNT,
            (
                Source(
                    "chs_waits_england", "eng_ch_time_series_derived.csv", "2023-01", "2023-10", "Total waiting list"
                ),
            ),
            breakdowns="service=<audiology|community_paediatrics|occupational_therapy|speech_and_language>",
            caveat="England only: the published lists are by NHS provider, integrated care board and NHS region, which "
            "do not map to "
            "councils; the file by provider is checked, and its England totals compared with these, but not stored.",
        ),
        Measure(
            "chs_waiting_over_18wk_pct",
            "Percentage waiting more than 18 weeks (community health services)",
            PERCENT,
            (
                Source(
                    "chs_waits_england",
                    "eng_ch_time_series_derived.csv",
                    "2023-01",
                    "2023-10",
                    "Percentage waiting more than 18 weeks",
                ),
            ),
            breakdowns="service=...",
            caveat="England only; published to 13 significant figures, stored to 4 decimal places.",
        ),
        Measure(
            "pru_persistent_absence_pct",
            "Pupil referral units: enrolments persistently absent (10% or more), autumn and spring terms",
            PERCENT,
            (Source("pru_absence", "4_absence_2term_pru.csv", "2013/14", "2022/23", "enrolments_pa_10_exact_percent"),),
            caveat="Autumn and spring terms only (to 31 March); 2019/20 was not published.",
        ),
        # The DfE inclusion dashboard's prepared tables (ADR 0086): names, not codes, for most councils.
        Measure(
            "absence_overall_pct",
            "Overall absence: sessions missed as a share of possible sessions, by SEN provision",
            PERCENT,
            (
                Source(
                    "dash_absence", DASH + "absence.csv", "2016/17", "2022/23", "Percentage, Absence measure Overall"
                ),
            ),
            breakdowns=SEN_BREAKDOWN,
            caveat="Autumn, spring and summer terms; 2019/20 was not published (the pandemic).",
        ),
        Measure(
            "ks2_rwm_expected_pct",
            "Key stage 2: reading, writing and maths at the expected standard, by SEN provision",
            PERCENT,
            (
                Source(
                    "dash_ks2", DASH + "ks2_attainment.csv", "2018/19", "2022/23", "Percent meeting expected standard"
                ),
            ),
            breakdowns=SEN_BREAKDOWN,
            caveat="Not published for 2019/20 and 2020/21 (no tests in the pandemic).",
        ),
        Measure(
            "ks4_attainment8",
            "Key stage 4: average Attainment 8 score, by SEN provision",
            SCORE,
            (Source("dash_ks4", DASH + "ks4_attainment.csv", "2018/19", "2022/23", "avg_att8"),),
            breakdowns="sen=<any_sen|no_sen>",
            caveat="Published for all pupils with SEN together, not for EHC plans and SEN support apart.",
        ),
        Measure(
            "ks4_destination_sustained_pct",
            "Pupils in a sustained education, apprenticeship or employment destination "
            "after key stage 4, by SEN provision",
            PERCENT,
            (
                Source(
                    "dash_ks4_destinations", DASH + "ks4_destinations.csv", "2018/19", "2021/22", "% of pupils, overall"
                ),
            ),
            breakdowns=SEN_BREAKDOWN,
            caveat="The year is the one pupils finished key stage 4; the latest year is provisional. "
            "The table has no line for England: England's figure is worked out from the nine "
            "regions', each weighted by its cohort.",
        ),
        Measure(
            "ks4_destination_not_sustained_pct",
            "Pupils whose destination after key stage 4 was not sustained, by SEN provision",
            PERCENT,
            (
                Source(
                    "dash_ks4_destinations",
                    DASH + "ks4_destinations.csv",
                    "2018/19",
                    "2021/22",
                    "% of pupils, all_notsust",
                ),
            ),
            breakdowns=SEN_BREAKDOWN,
        ),
        Measure(
            "destination_1618_sustained_pct",
            "Students in a sustained destination after 16 to 18 study, by SEN (mainstream)",
            PERCENT,
            (
                Source(
                    "dash_1618_destinations",
                    DASH + "destinations_1618.csv",
                    "2017/18",
                    "2021/22",
                    "% of pupils, overall",
                ),
            ),
            breakdowns="sen=<any_sen|no_sen>",
            caveat="Students with identified SEN in mainstream 16 to 18 provision. The table "
            "has no line for England: England's figure is worked out from the nine "
            "regions', each weighted by its cohort.",
        ),
        Measure(
            "phonics_y1_expected_pct",
            "Year 1 phonics: pupils meeting the expected standard, by SEN provision",
            PERCENT,
            (
                Source(
                    "dash_phonics",
                    DASH + "ks1_phonics.csv",
                    "2015/16",
                    "2022/23",
                    "Percent meeting expected standards in Y1",
                ),
            ),
            breakdowns=SEN_BREAKDOWN,
            caveat="Not published for 2019/20 and 2020/21.",
        ),
        Measure(
            "eyfsp_gld_pct",
            "Early years foundation stage: a good level of development, by SEN provision",
            PERCENT,
            (Source("dash_eyfsp", DASH + "eyfsp.csv", "2021/22", "2021/22", "gld_percentage"),),
            breakdowns=SEN_BREAKDOWN,
            caveat="2021/22 only in the dashboard's tables (the profile was reformed that year).",
        ),
        Measure(
            "dsg_deficit_pct",
            "Dedicated Schools Grant cumulative deficit as a share of income",
            PERCENT,
            (Source("dash_dsg", DASH + "dsg_deficit.csv", "2019-20", "2021-22", "deficit"),),
            signed=True,
            caveat="A negative figure is a surplus.",
        ),
        Measure(
            "high_needs_spend_per_head",
            "High-needs spend per head of population aged 2 to 18 on specialist placements",
            POUNDS,
            (Source("dash_high_needs_spend", DASH + "specialist_spend.csv", "2018-19", "2021-22", "Spend per head"),),
            breakdowns="placement=<state|independent|total>",
            caveat="Published to many decimal places; stored to 4. Councils "
            "only are printed: England's and each region's figure is the "
            "councils' total spend over their population aged 2 to 18.",
        ),
        Measure(
            "autism_first_appointment_over_13wk_pct",
            "Children with a suspected autism referral open at least 13 weeks who "
            "had their first appointment after more than 13 weeks",
            PERCENT,
            (Source("dash_autism", DASH + "autism.csv", "2019-04", "2023-06", "METRIC_VALUE (ASD19e)"),),
            breakdowns="age=<under_10|10_to_17>",
            caveat="England only: NHS England publishes the waits by NHS provider and "
            "sub-ICB area, which do not map to councils; 13 weeks, not 18.",
        ),
    )
}


def measure_source(code: str, dataset: str, period: str) -> Source | None:
    """The source of ``code`` for ``period`` if ``dataset`` is the one that supplies it, else None."""
    for source in MEASURES[code].sources:
        if source.dataset == dataset and source.covers(period):
            return source
    return None
