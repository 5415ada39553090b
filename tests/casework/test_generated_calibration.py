"""The generated area against Worcestershire's own published figures (ADR 0090): each target is read from the
published file itself (as sendboard ships it, or a council's newer download), each generated figure from the register
the generator writes for the return's reference date (16 January 2025: the caseload at January 2025 and the flows of the
2024 calendar year), and each must lie within its stated tolerance. The same register obeys the statutory order of
dates."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

import pytest

from sendboard.casework.generated_area import (
    AreaGenerator,
    age_band,
    age_on,
    published_setting_group,
    rates_for,
    setting_kind,
)
from tests.published_figures import (
    AS_OF,
    appeals_2024,
    assessments,
    caseload,
    caseload_need,
    ceased,
    ehcp_row,
    ehcp_rows,
    pct,
    req,
    reviews,
    timeliness,
)

YEAR = (date(2024, 1, 1), date(2024, 12, 31))
NEEDS = {
    "ASD": "number_asd",
    "HI": "number_hi",
    "MLD": "number_mld",
    "MSI": "number_msi",
    "OTH": "number_oth",
    "PD": "number_pd",
    "PMLD": "number_pmld",
    "SEMH": "number_semh",
    "SLCN": "number_slcn",
    "SLD": "number_sld",
    "SPLD": "number_spld",
    "VI": "number_vi",
}
CEASE = {
    "1": "max_age",
    "2": "needs_met",
    "3": "he",
    "4": "employ",
    "5": "transfer",
    "6": "no_engage",
    "7": "moved_outside_eng",
    "8": "deceased",
    "9": "other",
}
AGES = {
    "under_5": range(0, 5),
    "5-10": range(5, 11),
    "11-15": range(11, 16),
    "16-19": range(16, 20),
    "20-25": range(20, 26),
}


# -- the generated register, as figures ----------------------------------------------------------------------------
@dataclass
class Register:
    children: list[dict]

    def requests(self):
        for child in self.children:
            for request in child["Request"]:
                yield child, request

    def in_year(self, day: date | None) -> bool:
        return day is not None and YEAR[0] <= day <= YEAR[1]

    def plans(self):
        for child, request in self.requests():
            for assessment in request["Assessment"]:
                for plan in assessment["NamedPlan"]:
                    yield child, request, assessment, plan

    def in_force(self):
        for child, request, assessment, plan in self.plans():
            if plan["cease_date"] is None:
                yield child, request, assessment, plan

    def received_2024(self) -> list[dict]:
        return [r for _, r in self.requests() if self.in_year(r["received_date"])]

    def issued_2024(self):
        return [(r, a, p) for _, r, a, p in self.plans() if self.in_year(p["start_date"])]

    def completed_2024(self) -> list[dict]:
        return [
            a
            for _, r in self.requests()
            for a in r["Assessment"]
            if a["outcome"] in ("Y", "N") and self.in_year(a["outcome_date"])
        ]

    def within_20_weeks(self, *, exceptions: bool) -> float:
        plans = [(r, a, p) for r, a, p in self.issued_2024() if exceptions or not a["week20_exception"]]
        return pct(sum((p["start_date"] - r["received_date"]).days <= 140 for r, a, p in plans), len(plans))

    def placement_groups(self) -> Counter:
        groups = Counter()
        for _, request, _, _ in self.in_force():
            kind = setting_kind(request["ActivePlan"][0]["PlacementDetail"][0])
            group = published_setting_group(kind)
            groups[
                {
                    "independent_mainstream": "mainstream",
                    "independent_special": "special",
                    "specialist_post16": "post16",
                    "college": "post16",
                }.get(group, group)
            ] += 1
            groups["independent"] += kind.startswith("independent")
            groups["all"] += 1
        return groups

    def reviews_due(self) -> list[dict]:
        return [r["ActivePlan"][0] for _, r, _, p in self.in_force() if (AS_OF - p["start_date"]).days >= 365]

    def decided_reviews(self) -> list[dict]:
        """Reviews whose meeting was at least 12 weeks before the reference date, decided by then: a meeting of the
        last weeks whose decision will be late has none yet, and would make the share decided in time look high."""
        return [
            a
            for a in self.reviews_due()
            if a["review_meeting"] and a["review_meeting"] <= AS_OF - timedelta(weeks=12) and a["last_review"]
        ]

    def appeal_rate(self) -> float:
        refused = [r for _, r in self.requests() if r["outcome"] == "N" and self.in_year(r["outcome_date"])]
        not_issued = [a for a in self.completed_2024() if a["outcome"] == "N"]
        appeals = sum(r["tribunal"] for r in refused) + sum(a["tribunal"] for a in not_issued)
        appeals += sum(a["other_tribunal"] for _, a, _ in self.issued_2024())
        return pct(appeals, self.appealable_decisions())

    def appealable_decisions(self) -> int:
        """As the MoJ and DfE count them for a year: refusals to assess, decisions not to issue a plan and plans
        ceased because needs are met without one, in the year, and the plans in force at the next January."""
        refused = [r for _, r in self.requests() if r["outcome"] == "N" and self.in_year(r["outcome_date"])]
        not_issued = [a for a in self.completed_2024() if a["outcome"] == "N"]
        needs_met = [
            p for *_, p in self.plans() if self.in_year(p["cease_date"]) and CEASE.get(p["cease_reason"]) == "needs_met"
        ]
        return sum(1 for _ in self.in_force()) + len(refused) + len(not_issued) + len(needs_met)


@pytest.fixture(scope="module")
def register() -> Register:
    generator = AreaGenerator(
        la_code="885", rates=rates_for("885", scale=1.0), seed=885, as_of=AS_OF, caseworker="demo.caseworker"
    )
    return Register(list(generator.children()))


# -- each figure: its published value, its generated value, its tolerance -----------------------------------------
@dataclass(frozen=True)
class Figure:
    name: str
    published: Callable[[], float]
    generated: Callable[[Register], float]
    tolerance: float  # percentage points for a percentage; a fraction of the published value for a count
    relative: bool = False


def age_share(band: str) -> float:
    rows = ehcp_rows("caseload.csv", "202425", "Child or young persons age")
    ages = {(2 if "under" in r["breakdown"] else int(r["breakdown"].split()[-1])): int(r["ehcplans"]) for r in rows}
    return pct(sum(n for age, n in ages.items() if age in AGES[band]), sum(ages.values()))


def generated_age_share(register: Register, band: str) -> float:
    ages = Counter(age_band(age_on(child["birth_date"], AS_OF)) for child, *_ in register.in_force())
    return pct(ages[band], sum(ages.values()))


def generated_need_share(register: Register, need: str) -> float:
    needs = Counter(r["ActivePlan"][0]["SENneed"][0]["sen_type"] for _, r, _, _ in register.in_force())
    return pct(needs[need], sum(needs.values()))


def generated_cease_share(register: Register, reason: str) -> float:
    reasons = Counter(p["cease_reason"] for _, _, _, p in register.plans() if register.in_year(p["cease_date"]))
    return pct(reasons[reason], sum(reasons.values()))


FIGURES = [
    Figure(
        "Requests for an EHC needs assessment received in 2024",
        lambda: req("requests_received_in_year"),
        lambda g: len(g.received_2024()),
        0.05,
        relative=True,
    ),
    Figure(
        "Requests received in 2024: decided to assess (%)",
        lambda: pct(req("requests_decided_to_assess"), req("requests_received_in_year")),
        lambda g: pct(sum(r["outcome"] == "Y" for r in g.received_2024()), len(g.received_2024())),
        4,
    ),
    Figure(
        "Requests received in 2024: decided not to assess (%)",
        lambda: pct(req("requests_decided_not_to_assess"), req("requests_received_in_year")),
        lambda g: pct(sum(r["outcome"] == "N" for r in g.received_2024()), len(g.received_2024())),
        3,
    ),
    Figure(
        "Request decisions within 6 weeks (%)",
        lambda: pct(
            req("request_outcome_six_weeks"), req("request_outcome_six_weeks") + req("request_outcome_over_6_weeks")
        ),
        lambda g: pct(
            sum(
                (r["outcome_date"] - r["received_date"]).days <= 42
                for r in g.received_2024()
                if r["outcome"] in ("Y", "N")
            ),
            sum(r["outcome"] in ("Y", "N") for r in g.received_2024()),
        ),
        2,
    ),
    Figure(
        "EHC needs assessments completed in 2024",
        lambda: assessments("assess_in_year"),
        lambda g: len(g.completed_2024()),
        0.05,
        relative=True,
    ),
    Figure(
        "Assessments completed in 2024: plan issued (%)",
        lambda: pct(assessments("assess_issued"), assessments("assess_in_year")),
        lambda g: pct(sum(a["outcome"] == "Y" for a in g.completed_2024()), len(g.completed_2024())),
        2,
    ),
    Figure(
        "New EHC plans issued in 2024",
        lambda: float(ehcp_row("newplans.csv", "2024", "New EHC plans")["new_ehc_plans"]),
        lambda g: len(g.issued_2024()),
        0.05,
        relative=True,
    ),
    Figure(
        "New plans within 20 weeks, including exceptions (%)",
        lambda: pct(timeliness("plans_issued_within_20_weeks"), timeliness("plans_issued_den")),
        lambda g: g.within_20_weeks(exceptions=True),
        3,
    ),
    Figure(
        "New plans within 20 weeks, excluding exceptions (%)",
        lambda: pct(timeliness("plans_issued_20_weeks_ex"), timeliness("plans_issued_den_ex")),
        lambda g: g.within_20_weeks(exceptions=False),
        3,
    ),
    Figure(
        "Excluding exceptions less including them (percentage points)",
        lambda: (
            pct(timeliness("plans_issued_20_weeks_ex"), timeliness("plans_issued_den_ex"))
            - pct(timeliness("plans_issued_within_20_weeks"), timeliness("plans_issued_den"))
        ),
        lambda g: g.within_20_weeks(exceptions=False) - g.within_20_weeks(exceptions=True),
        0.5,
    ),
    Figure(
        "New plans issued after more than a year (%)",
        lambda: pct(timeliness("plans_issued_gt_1_year"), timeliness("plans_issued_den")),
        lambda g: pct(
            sum((p["start_date"] - r["received_date"]).days > 365 for r, a, p in g.issued_2024()), len(g.issued_2024())
        ),
        1,
    ),
    Figure(
        "EHC plans in force in January 2025",
        lambda: caseload("ehcplans"),
        lambda g: sum(1 for _ in g.in_force()),
        0.02,
        relative=True,
    ),
]
for need, column in NEEDS.items():
    FIGURES.append(
        Figure(
            f"Plans in force, primary need {need} (%)",
            lambda column=column: pct(caseload_need(column), caseload_need("ehc_plans")),
            lambda g, need=need: generated_need_share(g, need),
            2,
        )
    )
for band in AGES:
    FIGURES.append(
        Figure(
            f"Plans in force, aged {band.replace('_', ' ')} (%)",
            lambda band=band: age_share(band),
            lambda g, band=band: generated_age_share(g, band),
            2,
        )
    )
for group, columns in {
    "mainstream": ["mainstream_total"],
    "special": ["special_total"],
    "independent": ["mainstream_independent", "special_independent"],
    "post16": ["fe_total"],
}.items():
    FIGURES.append(
        Figure(
            f"Plans in force, setting {group} (%)",
            lambda columns=columns: pct(sum(caseload(c) for c in columns), caseload("ehcplans")),
            lambda g, group=group: pct(g.placement_groups()[group], g.placement_groups()["all"]),
            2,
        )
    )
FIGURES += [
    Figure(
        "Annual reviews due in 2024 with a meeting held (%)",
        lambda: pct(reviews("total_review_meeting"), reviews("review_expected")),
        lambda g: pct(sum(a["review_meeting"] is not None for a in g.reviews_due()), len(g.reviews_due())),
        3,
    ),
    Figure(
        "Annual review decisions within 4 weeks of the meeting (%)",
        lambda: pct(
            reviews("number_decsion_4weeks"), reviews("number_decsion_4weeks") + reviews("number_decision_gt_4weeks")
        ),
        lambda g: pct(
            sum((a["last_review"] - a["review_meeting"]).days <= 28 for a in g.decided_reviews()),
            len(g.decided_reviews()),
        ),
        3,
    ),
    Figure(
        "EHC plans ceased in 2024",
        lambda: ceased("total_ceased"),
        lambda g: sum(1 for *_, p in g.plans() if g.in_year(p["cease_date"])),
        0.08,
        relative=True,
    ),
    Figure("SEND Tribunal appeal rate, 2024 (%)", lambda: pct(*appeals_2024()), lambda g: g.appeal_rate(), 0.5),
    Figure(
        "Appealable decisions in 2024",
        lambda: float(appeals_2024()[1]),
        lambda g: g.appealable_decisions(),
        0.05,
        relative=True,
    ),
]
for code, column in CEASE.items():
    FIGURES.append(
        Figure(
            f"Plans ceased in 2024, reason {column.replace('_', ' ')} (%)",
            lambda column=column: pct(ceased(column), ceased("total_ceased")),
            lambda g, code=code: generated_cease_share(g, code),
            3,
        )
    )


@pytest.mark.parametrize("figure", FIGURES, ids=[f.name for f in FIGURES])
def test_each_published_figure_is_matched_within_its_tolerance(figure, register):
    target, generated = figure.published(), figure.generated(register)
    allowed = figure.tolerance * target if figure.relative else figure.tolerance
    assert abs(generated - target) <= allowed, (
        f"{figure.name}: published {target:.2f}, generated {generated:.2f}, tolerance {allowed:.2f}"
    )
