"""A small register, extracts and published values, every number chosen so that each indicator can be worked by
hand (the working is in tests/outcomes/test_indicator_values.py). Written through the models, as the importers
would leave them."""

from __future__ import annotations

import hashlib
from datetime import date
from decimal import Decimal

from sendboard.casework.models import ActivePlan, Assessment, Child, NamedPlan, Placement, Request, SenNeed
from sendboard.core.models import LocalArea
from sendboard.extracts import models as extracts
from sendboard.returns.models import ImportedFile
from sendboard.statistics.models import PublishedValue

HOME = "E10000034"
ENGLAND = "E92000001"
REGION = "E12000005"
NEIGHBOUR = "E10000031"
BORN = date(2014, 3, 1)


def imported_file(kind: str) -> ImportedFile:
    return ImportedFile.objects.create(
        kind=kind, sha256=hashlib.sha256(kind.encode()).hexdigest(), filename=f"{kind}.csv", size=1
    )


class Register:
    def __init__(self, area: LocalArea) -> None:
        self.area = area
        self.serial = 0

    def case(
        self,
        *,
        sex="M",
        received,
        request_outcome="Y",
        decided=None,
        request_tribunal=False,
        assessment_outcome="",
        assessed=None,
        assessment_tribunal=False,
        exception=False,
        start=None,
        cease=None,
        cease_reason="",
        active=True,
        review=None,
        urn="",
        need="",
    ) -> Child:
        self.serial += 1
        child = Child.objects.create(
            local_area=self.area,
            surname="Test",
            forename=f"Child {self.serial}",
            birth_date=BORN,
            sex=sex,
            ethnicity="WBRI",
            upn=f"A885{self.serial:09d}",
        )
        request = Request.objects.create(
            child=child,
            received_date=received,
            outcome=request_outcome,
            outcome_date=decided,
            tribunal=request_tribunal,
        )
        if assessment_outcome:
            assessment = Assessment.objects.create(
                request=request,
                outcome=assessment_outcome,
                outcome_date=assessed,
                tribunal=assessment_tribunal,
                week20_exception=exception,
            )
            if start:
                NamedPlan.objects.create(
                    assessment=assessment, start_date=start, cease_date=cease, cease_reason=cease_reason
                )
                if active:
                    plan = ActivePlan.objects.create(request=request, review_meeting=review)
                    Placement.objects.create(active_plan=plan, urn=urn)
                    SenNeed.objects.create(active_plan=plan, sen_type=need, rank=1)
        return child


def register_build(area: LocalArea) -> dict[str, list[Child]]:
    r = Register(area)
    plan = {"request_outcome": "Y", "assessment_outcome": "Y"}
    groups: dict[str, list[Child]] = {}
    # A: 8 plans issued within 20 weeks in 2024 (7 at 133 days, 1 at exactly 140), boys, primary school, ASD.
    groups["A"] = [
        r.case(
            received=date(2024, 2, 5),
            decided=date(2024, 3, 4),
            assessed=date(2024, 5, 20),
            start=date(2024, 6, 24) if i == 7 else date(2024, 6, 17),
            urn="100001",
            need="ASD",
            **plan,
        )
        for i in range(8)
    ]
    # B: 9 plans issued late in 2024 (8 at 175 days, 1 at 141), 4 girls and 5 boys, 2 with a 20-week exception,
    # special school, SLD.
    groups["B"] = [
        r.case(
            sex="F" if i < 4 else "M",
            received=date(2024, 2, 5),
            decided=date(2024, 3, 4),
            assessed=date(2024, 5, 20),
            start=date(2024, 6, 25) if i == 8 else date(2024, 7, 29),
            exception=i in (5, 6),
            urn="100002",
            need="SLD",
            **plan,
        )
        for i in range(9)
    ]
    # C: 14 plans issued in 2022 at 150 days, in force; 8 reviewed within the last year, 6 not; 10 at a secondary school
    # in the census, 4 at a school that is not (independent or in another area). SEMH.
    groups["C"] = [
        r.case(
            received=date(2022, 4, 4),
            decided=date(2022, 5, 3),
            assessed=date(2022, 8, 1),
            start=date(2022, 9, 1),
            review=date(2024, 10, 1) if i < 8 else date(2023, 11, 1),
            urn="100003" if i < 10 else "999999",
            need="SEMH",
            **plan,
        )
        for i in range(14)
    ]
    # D: 6 plans started 1 March 2021 (received 5 October 2020: 147 days), ceased 30 September 2024: 4 at maximum
    # age (code 1), 2 transferred (code 5). No active plan.
    groups["D"] = [
        r.case(
            received=date(2020, 10, 5),
            decided=date(2020, 11, 2),
            assessed=date(2021, 2, 1),
            start=date(2021, 3, 1),
            cease=date(2024, 9, 30),
            cease_reason="1" if i < 4 else "5",
            active=False,
            **plan,
        )
        for i in range(6)
    ]
    # E: 7 requests refused (received 4 March 2024, decided 1 April 2024), 1 appealed.
    groups["E"] = [
        r.case(received=date(2024, 3, 4), request_outcome="N", decided=date(2024, 4, 1), request_tribunal=i == 0)
        for i in range(7)
    ]
    # F: 6 assessed and not given a plan (decided 1 August 2024), 1 appealed.
    groups["F"] = [
        r.case(
            received=date(2024, 3, 4),
            request_outcome="Y",
            decided=date(2024, 4, 1),
            assessment_outcome="N",
            assessed=date(2024, 8, 1),
            assessment_tribunal=i == 0,
        )
        for i in range(6)
    ]
    # G: 2 requests withdrawn in 2024.
    groups["G"] = [r.case(received=date(2024, 5, 6), request_outcome="W", decided=date(2024, 6, 3)) for _ in range(2)]
    # H: a request received 20 January 2025, undecided: the register's latest date, so 2024 is the last complete
    # year and 16 January 2025 (the third Thursday) the latest census date.
    groups["H"] = [r.case(received=date(2025, 1, 20), request_outcome="")]
    return groups


def extracts_build(area: LocalArea, groups: dict[str, list[Child]]) -> None:
    files = {
        name: imported_file(f"extract_{name}")
        for name in ("census", "sus", "att", "res", "neet", "yj", "wait", "audit")
    }
    census_day = date(2025, 1, 16)
    pupils = []  # (upn, urn, phase, sen, need, fsm, looked_after, child_in_need)
    for i, child in enumerate(groups["A"]):
        pupils.append((child.upn, "100001", "PR", "E", "ASD", i < 3, False, False))
    for child in groups["B"]:
        pupils.append((child.upn, "100002", "SP", "E", "SLD", False, False, False))
    for i, child in enumerate(groups["C"][:10]):
        pupils.append((child.upn, "100003", "SE", "E", "SEMH", False, i < 3, 3 <= i < 9))  # 3 looked after, 6 in need
    for i in range(20):
        pupils.append(
            (f"K885{i:09d}", "100003", "SE", "K", "SEMH", False, i < 2, 2 <= i < 9)
        )  # 2 looked after, 7 in need
    for i in range(60):
        pupils.append((f"N885{i:09d}", "100001", "PR", "N", "", False, i < 3, 3 <= i < 10))  # 3 looked after, 7 in need
    extracts.CensusPupil.objects.bulk_create(
        [
            extracts.CensusPupil(
                imported_file=files["census"],
                local_area=area,
                census_date=census_day,
                upn=upn,
                school_urn=urn,
                ncy="5",
                phase=phase,
                birth_date=BORN,
                sex="M",
                ethnicity="WBRI",
                fsm_eligible=fsm,
                sen_provision=sen,
                primary_need=need,
                looked_after=cla,
                child_in_need=cin,
            )
            for upn, urn, phase, sen, need, fsm, cla, cin in pupils
        ]
    )
    e_upns = [p[0] for p in pupils if p[3] == "E"]
    k_upns = [p[0] for p in pupils if p[3] == "K"]
    n_upns = [p[0] for p in pupils if p[3] == "N"]
    suspensions = (
        [e_upns[0]] * 3
        + e_upns[1:4]  # 6 suspensions of pupils with plans (one pupil 3 times)
        + k_upns[:8]
        + n_upns[:6]  # 8 of pupils on SEN support, 6 of pupils with no SEN
        + ["Z885000000001"]
    )  # a pupil not in the census: not counted
    extracts.Suspension.objects.bulk_create(
        [
            extracts.Suspension(
                imported_file=files["sus"],
                local_area=area,
                upn=upn,
                school_urn="100001",
                academic_year="2024/25",
                start_date=date(2024, 11, 4),
                category="SUS",
                sessions=Decimal("2"),
                reason="PP",
            )
            for upn in suspensions
        ]
        + [
            extracts.Suspension(
                imported_file=files["sus"],
                local_area=area,
                upn=upn,
                school_urn="100003",
                academic_year="2024/25",
                start_date=date(2024, 12, 2),
                category="PERM",
                sessions=Decimal("0"),
                reason="PP",
            )
            for upn in (k_upns[0], n_upns[0])
        ]
    )  # 2 permanent exclusions: one on SEN support, one with no SEN

    def absence(upn, missed):
        return extracts.Attendance(
            imported_file=files["att"],
            local_area=area,
            upn=upn,
            school_urn="100001",
            academic_year="2024/25",
            possible_sessions=300,
            absence_sessions=missed,
        )

    # Of 300 possible sessions: 45 missed (15%) is persistent, 6 (2%) is not, 30 (exactly 10%) is.
    extracts.Attendance.objects.bulk_create(
        [absence(u, 45 if i < 9 else 6) for i, u in enumerate(e_upns)]
        + [absence(u, 45 if i < 6 else 6) for i, u in enumerate(k_upns)]
        + [absence(u, 45 if i < 5 else 30 if i == 59 else 6) for i, u in enumerate(n_upns)]
    )

    def result(upn, measure, value, stage):
        return extracts.AttainmentResult(
            imported_file=files["res"],
            local_area=area,
            upn=upn,
            academic_year="2023/24",
            key_stage=stage,
            measure=measure,
            value=Decimal(value),
        )

    a_upns = [c.upn for c in groups["A"]]
    c_upns = [c.upn for c in groups["C"][:10]]
    extracts.AttainmentResult.objects.bulk_create(
        [result(u, "RWM_EXP", 1 if i < 2 else 0, "KS2") for i, u in enumerate(a_upns)]
        + [result(u, "RWM_EXP", 1 if i < 7 else 0, "KS2") for i, u in enumerate(k_upns[:14])]
        + [result(u, "ATT8", 10 + 2 * i, "KS4") for i, u in enumerate(c_upns)]
        + [result(u, "ATT8", 30 + 2 * i, "KS4") for i, u in enumerate(k_upns[14:])]
    )

    neet = []
    for i in range(10):
        sen = "K" if i < 6 else "E"
        for month in (date(2024, 12, 1), date(2025, 1, 1)):
            activity = "NEET" if (i < 4 and month.month == 12) or (i in (4, 6) and month.month == 1) else "EET"
            if i == 9 and month.month == 1:
                activity = "NOT_KNOWN"
            neet.append(
                extracts.NeetRecord(
                    imported_file=files["neet"],
                    local_area=area,
                    person_ref=f"P{i}",
                    birth_date=date(2008, 1, 1),
                    month=month,
                    activity=activity,
                    sen_provision=sen,
                )
            )
    neet.append(
        extracts.NeetRecord(
            imported_file=files["neet"],
            local_area=area,
            person_ref="P0",
            birth_date=date(2008, 1, 1),
            month=date(2024, 11, 1),
            activity="NEET",
            sen_provision="K",
        )
    )  # November: not counted
    extracts.NeetRecord.objects.bulk_create(neet)

    yj = [
        extracts.YouthJusticeRecord(
            imported_file=files["yj"],
            local_area=area,
            person_ref=f"Y{i}",
            birth_date=date(2008, 1, 1),
            period_start=date(2024, 4, 1),
            period_end=date(2024, 12, 31),
            sen_provision="K" if i < 5 else "N",
        )
        for i in range(11)
    ]
    yj += [
        extracts.YouthJusticeRecord(
            imported_file=files["yj"],
            local_area=area,
            person_ref="Y11",
            birth_date=date(2008, 1, 1),
            period_start=start,
            period_end=end,
            sen_provision=sen,
        )
        for start, end, sen in [(date(2024, 4, 1), date(2024, 6, 30), "N"), (date(2024, 7, 1), date(2024, 12, 31), "E")]
    ]
    extracts.YouthJusticeRecord.objects.bulk_create(yj)

    def wait(service, provider, waiting, over):
        return extracts.HealthWait(
            imported_file=files["wait"],
            local_area=area,
            service=service,
            month=date(2025, 1, 1),
            provider=provider,
            waiting=waiting,
            waiting_over_18_weeks=over,
            waiting_over_52_weeks=0,
        )

    extracts.HealthWait.objects.bulk_create(
        [
            wait("speech_and_language", "Trust X", 40, 10),
            wait("speech_and_language", "Trust Y", 20, 3),
            wait("autism_assessment", "Trust X", 30, 28),
        ]
    )
    extracts.PlanAudit.objects.bulk_create(
        [
            extracts.PlanAudit(
                imported_file=files["audit"], local_area=area, audit_date=date(2024, 10, 1), overall_grade=grade
            )
            for grade in [3, 4, 3, 4, 3, 4, 2, 2, 2, 1, 1, 2]
        ]
    )


def published_build() -> None:
    source = imported_file("ehcp_2025")
    rows = [
        ("new_plans_20wk_incl_exc_pct", ENGLAND, "england", "2024", date(2024, 12, 31), "", "46.4", ""),
        ("new_plans_20wk_incl_exc_pct", REGION, "region", "2024", date(2024, 12, 31), "", "40.1", ""),
        (
            "new_plans_20wk_incl_exc_pct",
            HOME,
            "la",
            "2024",
            date(2024, 12, 31),
            "",
            "44.0",
            "",
        ),  # the register's own wins
        ("new_plans_20wk_incl_exc_pct", NEIGHBOUR, "la", "2024", date(2024, 12, 31), "", "50.2", ""),
        (
            "new_plans_20wk_incl_exc_pct",
            "E06000019",
            "la",
            "2024",
            date(2024, 12, 31),
            "",
            None,
            "c",
        ),  # withheld: a suppressed fact
        (
            "new_plans_20wk_incl_exc_pct",
            "E06000051",
            "la",
            "2024",
            date(2024, 12, 31),
            "",
            None,
            "x",
        ),  # not available: no fact
        ("plans", ENGLAND, "england", "2024/25", date(2025, 1, 31), "", "400000", ""),
        ("plans", ENGLAND, "england", "2024/25", date(2025, 1, 31), "placement=mainstream", "160000", ""),
        ("plans", ENGLAND, "england", "2024/25", date(2025, 1, 31), "need=ASD", "130000", ""),
        (
            "plans",
            ENGLAND,
            "england",
            "2024/25",
            date(2025, 1, 31),
            "reason=other",
            "5",
            "",
        ),  # not a breakdown of plans
        *[
            (
                "chs_waiting_over_18wk_pct",
                ENGLAND,
                "england",
                "2023-10",
                date(2023, 10, 31),
                f"service={service}",
                value,
                "",
            )
            for service, value in [
                ("speech_and_language", "48.5"),
                ("occupational_therapy", "30.2"),
                ("community_paediatrics", "41.0"),
                ("audiology", "12.5"),
            ]
        ],
        # The inclusion dashboard's measures: a comparator for a local indicator, and the home area's own published
        # figure for the indicators that only the published files can give.
        ("ks2_rwm_expected_pct", ENGLAND, "england", "2023/24", date(2024, 8, 31), "sen=sen_support", "21.0", ""),
        ("absence_overall_pct", ENGLAND, "england", "2024/25", date(2025, 8, 31), "sen=ehc_plan", "12.5", ""),
        ("ks4_attainment8", ENGLAND, "england", "2023/24", date(2024, 8, 31), "sen=any_sen", "28.0", ""),
        ("eyfsp_gld_pct", HOME, "la", "2021/22", date(2022, 8, 31), "sen=any_sen", "19.5", ""),
        *[
            ("phonics_y1_expected_pct", HOME, "la", "2022/23", date(2023, 8, 31), f"sen={sen}", "40.0", "")
            for sen in ("ehc_plan", "sen_support")
        ],
        *[
            ("ks4_destination_sustained_pct", HOME, "la", "2021/22", date(2022, 8, 31), f"sen={sen}", "90.0", "")
            for sen in ("ehc_plan", "sen_support")
        ],
        ("destination_1618_sustained_pct", HOME, "la", "2021/22", date(2022, 8, 31), "sen=any_sen", "86.9", ""),
        ("dsg_deficit_pct", HOME, "la", "2021-22", date(2022, 3, 31), "", "-0.4", ""),  # a surplus
        # High-needs spend per head, all placements (the headline) and state placements (not the headline).
        ("high_needs_spend_per_head", HOME, "la", "2021-22", date(2022, 3, 31), "placement=total", "229.9438", ""),
        ("high_needs_spend_per_head", HOME, "la", "2021-22", date(2022, 3, 31), "placement=state", "134.0219", ""),
        (
            "high_needs_spend_per_head",
            ENGLAND,
            "england",
            "2021-22",
            date(2022, 3, 31),
            "placement=total",
            "303.1458",
            "",
        ),
    ]
    PublishedValue.objects.bulk_create(
        [
            PublishedValue(
                imported_file=source,
                dataset="test",
                measure=m,
                area_code=a,
                area_level=lvl,
                period=p,
                period_end=pe,
                breakdown=b,
                value=None if v is None else Decimal(v),
                status=s,
            )
            for m, a, lvl, p, pe, b, v, s in rows
        ]
    )


def outcomes_fixture_build() -> dict[str, list[Child]]:
    area, _ = LocalArea.objects.get_or_create(
        la_code="885",
        defaults={"name": "Worcestershire", "gss_code": HOME, "region_name": "West Midlands", "region_code": REGION},
    )
    groups = register_build(area)
    extracts_build(area, groups)
    published_build()
    from tests.tracking.helpers import indicator_records

    indicator_records()  # vulnerable learners' indicators (an app's extension of the catalogue)
    return groups
