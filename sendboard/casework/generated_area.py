"""A generated local area: seeded, deterministic SEN2 files at rates calibrated to the DfE's published figures
(ADR 0024). The files are loaded through the SEN2 importer like a council's own, never written to the database.

Sizes: ``small`` (2% of Worcestershire, for tests), ``county`` (Worcestershire's real order of magnitude,
about 7,000 plans) and ``england`` (every council at its own published size, about 640,000 plans). The same
seed, size and date always give the same bytes. Names, UPNs and URNs are invented.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from sendboard.casework.timescales import advice_subject, request_subject, review_subject
from sendboard.core.upn import upn_check_letter
from sendboard.returns.sen2.writer import write_sen2

CALIBRATION = json.loads((Path(__file__).resolve().parent / "reference" / "calibration_2025.json").read_text())["figures"]
SCALES = {"small": 0.02, "county": 1.0, "england": 1.0}
DEMO_LA = "885"

FORENAMES = ["Amelia", "Noah", "Isla", "Leo", "Ava", "Oscar", "Mia", "Arlo", "Freya", "Theo", "Ivy", "Jack", "Ella", "Alfie",
             "Zara", "Ravi", "Maya", "Ibrahim", "Nia", "Kai", "Ruby", "Owen", "Aisha", "Finn", "Lily", "Yusuf", "Grace", "Tomasz"]
SURNAMES = ["Ashdown", "Brook", "Carver", "Dale", "Elmsley", "Fenwick", "Garside", "Hollins", "Ingram", "Jessop", "Kettle",
            "Lowther", "Marsh", "Northcott", "Oakes", "Pryce", "Quarry", "Rowley", "Stainer", "Thorne", "Upton", "Vale",
            "Wardle", "Yeo"]
ETHNICITIES = (["WBRI"] * 80) + ["WOTH"] * 5 + ["MWBC", "MWAS", "MOTH", "AIND", "APKN", "ABAN", "BAFR", "BCRB", "CHNE", "OOTH",
                                               "WROM", "NOBT", "REFU", "AOTH", "WIRI"]
NEED_COLUMNS = {"ASD": "number_asd", "HI": "number_hi", "MLD": "number_mld", "MSI": "number_msi", "OTH": "number_oth",
                "PD": "number_pd", "PMLD": "number_pmld", "SEMH": "number_semh", "SLCN": "number_slcn", "SLD": "number_sld",
                "SPLD": "number_spld", "VI": "number_vi"}
CEASE_COLUMNS = {"1": "max_age", "2": "needs_met", "3": "he", "4": "employ", "5": "transfer", "6": "no_engage",
                 "7": "moved_outside_eng", "8": "deceased", "9": "other"}
# Ages of children and young people with plans: few under 5, most of school age, fewer after 19.
AGE_WEIGHTS = {age: w for age, w in zip(range(2, 26), [1, 2, 4, 6, 7, 8, 9, 9, 9, 9, 9, 9, 9, 8, 7, 6, 5, 4, 3, 2, 2, 1, 1, 1], strict=True)}
FINAL_PLAN_REASONS = {"ADVICE_LATE": 0.3, "EP_CAPACITY": 0.25, "PANEL": 0.15, "QUALITY_REWORK": 0.1,
                      "CASEWORK_CAPACITY": 0.1, "SETTING_CONSULTATION": 0.1}
AMENDMENT_REASONS = {"CASEWORK_CAPACITY": 0.4, "SETTING_CONSULTATION": 0.3, "QUALITY_REWORK": 0.2, "OTHER": 0.1}
URNS = [str(100000 + 1371 * i) for i in range(80)]
ADVICE = [("EP", "Educational psychology service"), ("HEALTH", "Community paediatrics"), ("SOCIAL_CARE", "Children's social care"),
          ("EDUCATION", "Current school or setting")]


@dataclass(frozen=True)
class Rates:
    """Per-area probabilities derived from the published figures (2024 calendar year, January 2025 caseload)."""

    plans: int
    requests_per_year: int
    assess: float
    not_assess: float
    withdrawn: float
    decision_within_6_weeks: float
    issue: float
    within_20_weeks: float
    over_a_year: float
    exception: float
    review_decision_within_4_weeks: float
    amend: float
    maintain: float
    ceased_per_year: int
    needs: dict[str, float]
    cease_reasons: dict[str, float]

    @staticmethod
    def in_window(per_year: int, days: int) -> int:
        """How many of a yearly flow fall in a window of ``days``."""
        return round(per_year * days / 365)


def rates_for(la_code: str, *, scale: float) -> Rates:
    """The demo area's own figures; any other council's size with England's rates."""
    source = la_code if la_code in CALIBRATION["requests"] else "england"
    req, ass, tl = CALIBRATION["requests"][source], CALIBRATION["assessments"][source], CALIBRATION["timeliness"][source]
    rev, ceased, needs = CALIBRATION["reviews"][source], CALIBRATION["ceased"][source], CALIBRATION["needs"][source]
    plans = CALIBRATION["local_authorities"][la_code][4] if la_code in CALIBRATION["local_authorities"] else CALIBRATION["caseload"]["england"]["ehcplans"]
    own = plans / CALIBRATION["caseload"][source]["ehcplans"]
    received = req["requests_received_in_year"]
    decided = req["request_outcome_six_weeks"] + req["request_outcome_over_6_weeks"]
    reviews = rev["outcome_amend"] + rev["outcome_maintan"] + rev["outcome_cease"]
    return Rates(
        plans=max(1, round(plans * scale)),
        requests_per_year=max(1, round(received * own * scale)),
        assess=req["requests_decided_to_assess"] / received,
        not_assess=req["requests_decided_not_to_assess"] / received,
        withdrawn=req["requests_withdrawn"] / received,
        decision_within_6_weeks=req["request_outcome_six_weeks"] / decided,
        issue=ass["assess_issued"] / ass["assess_in_year"],
        within_20_weeks=tl["plans_issued_within_20_weeks"] / tl["plans_issued_den"],
        over_a_year=tl["plans_issued_gt_1_year"] / tl["plans_issued_den"],
        exception=(tl["plans_issued_den"] - tl["plans_issued_den_ex"]) / tl["plans_issued_den"],
        review_decision_within_4_weeks=rev["number_decsion_4weeks"] / (rev["number_decsion_4weeks"] + rev["number_decision_gt_4weeks"]),
        amend=rev["outcome_amend"] / reviews,
        maintain=rev["outcome_maintan"] / reviews,
        ceased_per_year=max(0, round(ceased["total_ceased"] * own * scale)),
        needs={code: needs[col] / needs["ehc_plans"] for code, col in NEED_COLUMNS.items()},
        cease_reasons={code: ceased[col] / ceased["total_ceased"] for code, col in CEASE_COLUMNS.items()},
    )


class AreaGenerator:
    def __init__(self, *, la_code: str, rates: Rates, seed: int, as_of: date, caseworker: str | None) -> None:
        self.la_code = la_code
        self.rates = rates
        self.random = random.Random(f"{seed}:{la_code}")
        self.as_of = as_of
        self.caseworker = caseworker
        self.serial = 0
        self.breaches: list[dict] = []

    # -- small helpers -------------------------------------------------------------------------------------
    def days(self, low: int, high: int) -> timedelta:
        return timedelta(days=self.random.randint(low, high))

    def pick(self, weights: dict[str, float]) -> str:
        return self.random.choices(list(weights), weights=list(weights.values()))[0]

    def chance(self, p: float) -> bool:
        return self.random.random() < p

    def explain(self, chance: float, step: str, subject: str, reasons: dict[str, float]) -> None:
        """Some missed timescales already have their reason recorded by the team; the rest wait for one."""
        if self.chance(chance):
            self.breaches.append({"step": step, "subject": subject, "breach_reason": self.pick(reasons), "breach_note": None})

    def person(self, *, age_years: int) -> dict:
        self.serial += 1
        born = self.as_of - timedelta(days=int(age_years * 365.25) + self.random.randint(0, 364))
        return {
            "surname": self.random.choice(SURNAMES), "forename": self.random.choice(FORENAMES), "birth_date": born,
            "sex": "M" if self.chance(0.68) else "F", "ethnicity": self.random.choice(ETHNICITIES),
            "postcode": f"WR{self.random.randint(1, 15)} {self.random.randint(1, 9)}{self.random.choice('ABDEFGHJLNPQRSTUWXYZ')}{self.random.choice('ABDEFGHJLNPQRSTUWXYZ')}",
            "upn": self.upn(), "uln": None, "upn_unknown": None,
            "caseworker": None, "Request": [],
        }

    def upn(self) -> str:
        """A UPN in the CBDS shape: check letter, the LA code, then nine digits, valid under DfE rule 1510."""
        tail = f"{self.la_code}{self.serial:09d}"
        return upn_check_letter(tail) + tail

    def setting(self, rank: int = 1) -> dict:
        if self.chance(0.06):
            return {"urn": None, "ukprn": None, "sen_setting": self.random.choice(["OLA", "EHE", "EYP", "NIEO"]),
                    "sen_setting_other": None, "placement_rank": rank, "sen_unit": False, "resourced_provision": False}
        return {"urn": self.random.choice(URNS), "ukprn": None, "sen_setting": None, "sen_setting_other": None,
                "placement_rank": rank, "sen_unit": self.chance(0.03), "resourced_provision": self.chance(0.05)}

    def needs(self) -> list[dict]:
        primary = self.pick(self.rates.needs)
        needs = [{"sen_type": primary, "rank": 1}]
        if self.chance(0.4):
            second = self.pick({k: v for k, v in self.rates.needs.items() if k != primary})
            needs.append({"sen_type": second, "rank": 2})
        return needs

    # -- one case from request to plan ---------------------------------------------------------------------
    def request(self, received: date, *, outcome: str, plan: bool) -> dict:
        """A request and, where it has gone that far by the reference date, its assessment and named plan."""
        stop = self.as_of
        within = self.chance(self.rates.decision_within_6_weeks)
        decided = received + (self.days(20, 42) if within else self.days(43, 75))
        request = {"received_date": received, "rya": False, "outcome_date": None, "outcome": None, "mediation": False,
                   "tribunal": False, "exported": False, "Assessment": [], "ActivePlan": []}
        if decided > stop:
            return request
        request.update(outcome_date=decided, outcome=outcome, mediation=outcome == "N" and self.chance(0.2))
        if outcome != "A":
            return request
        assessment = {"outcome": None, "outcome_date": None, "mediation": False, "tribunal": False, "other_mediation": False,
                      "other_tribunal": False, "week20_exception": False, "week20_exception_reason": None,
                      "draft_plan_issued": None, "Advice": [], "NamedPlan": []}
        request["Assessment"].append(assessment)
        asked = decided + self.days(1, 7)
        for source, partner in ADVICE:
            if asked > stop:
                break
            late = self.chance(0.35 if source == "HEALTH" else 0.2)
            returned = asked + (self.days(43, 90) if late else self.days(20, 42))
            if late and returned <= stop:
                self.explain(0.7, "advice", advice_subject(source, asked), {"ADVICE_LATE": 0.8, "EP_CAPACITY": 0.2} if source == "EP" else {"ADVICE_LATE": 1})
            assessment["Advice"].append({"source": source, "partner": partner, "requested_date": asked,
                                         "received_date": returned if returned <= stop else None})
        if self.chance(self.rates.over_a_year):
            weeks = self.random.randint(53, 70)
        elif self.chance(self.rates.within_20_weeks / (1 - self.rates.over_a_year)):
            weeks = self.random.randint(14, 20)
        else:
            weeks = self.random.randint(21, 45)
        issued = received + timedelta(weeks=weeks) - self.days(0, 4)
        exception = self.chance(self.rates.exception)
        if weeks > 20 and not exception and issued <= stop:
            self.explain(0.65, "final_plan", request_subject(received), FINAL_PLAN_REASONS)
        if exception:
            assessment.update(week20_exception=True, week20_exception_reason=self.random.choice(["SUMMER", "PERSONAL", "ABSENT", "APPOINTMENT"]))
        to_issue = plan and self.chance(self.rates.issue)
        draft = issued - self.days(16, 35)
        if draft <= stop and to_issue:
            assessment["draft_plan_issued"] = draft
        if issued > stop:
            return request
        assessment.update(outcome="Y" if to_issue else "N", outcome_date=draft if to_issue else issued)
        if to_issue:
            assessment["NamedPlan"].append({
                "start_date": issued, "plan_res": None, "plan_wbp": None, "personal_budget": self.chance(0.05),
                "organised_arrangements": False, "direct_payments": None, "cease_date": None, "cease_reason": None,
                "family_views_updated": issued - self.days(20, 60), "PlanDetail": [self.setting()],
            })
        return request

    def active_plan(self, request: dict, child: dict) -> None:
        plan = request["Assessment"][0]["NamedPlan"][0]
        active = {"transfer_la": None, "review_meeting": None, "review_outcome": None, "last_review": None,
                  "amended_plan_issued": None, "PlacementDetail": [], "SENneed": self.needs()}
        placement = {**self.setting(), "entry_date": plan["start_date"] - self.days(0, 400), "leaving_date": None,
                     "residential": None, "work_based": None}
        active["PlacementDetail"].append(placement)
        started = plan["start_date"]
        if (self.as_of - started).days > 300 and self.chance(0.9):
            # The most recent annual review: usually within the last year, sometimes late.
            meeting = self.as_of - self.days(5, 330 if self.chance(0.85) else 420)
            meeting = max(meeting, started + timedelta(days=300))
            if meeting < self.as_of:
                active["review_meeting"] = meeting
                gap = self.days(5, 28) if self.chance(self.rates.review_decision_within_4_weeks) else self.days(29, 80)
                if meeting + gap <= self.as_of:
                    active["last_review"] = meeting + gap
                    active["review_outcome"] = "A" if self.chance(self.rates.amend) else "M"
                    if active["review_outcome"] == "A":
                        # The revisit found amended plans badly delayed: most take longer than four weeks.
                        amended = active["last_review"] + (self.days(10, 28) if self.chance(0.35) else self.days(29, 150))
                        if amended > active["last_review"] + timedelta(weeks=4) and amended <= self.as_of:
                            self.explain(0.6, "amended_plan", review_subject(meeting), AMENDMENT_REASONS)
                        if amended <= self.as_of:
                            active["amended_plan_issued"] = amended
                            plan["family_views_updated"] = amended - self.days(10, 40)
                    elif self.chance(0.5):
                        plan["family_views_updated"] = meeting
        request["ActivePlan"].append(active)

    def children(self) -> Iterator[dict]:
        rates = self.rates
        ages = list(AGE_WEIGHTS)
        weights = list(AGE_WEIGHTS.values())
        window = (self.as_of - register_complete_from(self.as_of)).days  # every request and ceasing of this window
        requests = rates.in_window(rates.requests_per_year, window)
        # Plans in force, issued over the years (more recently than not: the caseload has grown every year).
        # Requests of the window received more than about 20 weeks before the reference date have mostly become
        # plans; those come from the requests below, so the older plans make up the rest of the published caseload.
        from_recent_requests = round(requests * rates.assess * rates.issue * max(0, window - 140) / window)
        for _ in range(max(0, rates.plans - from_recent_requests)):
            age = self.random.choices(ages, weights=weights)[0]
            child = self.person(age_years=age)
            held = min(age - 1, int(self.random.expovariate(1 / 3.2)))
            issued = self.as_of - timedelta(days=held * 365 + self.random.randint(30, 364))
            received = max(issued - timedelta(weeks=self.random.randint(15, 40)), child["birth_date"] + timedelta(days=200))
            recorded = len(self.breaches)
            request = self.request(received, outcome="A", plan=True)
            if not request["Assessment"] or not request["Assessment"][0]["NamedPlan"]:
                del self.breaches[recorded:]
                request = self._forced_plan(received)
            self.active_plan(request, child)
            child["Request"].append(request)
            yield self.allocate(child)
        # Requests of the window that have not (yet) become plans in force.
        for _ in range(requests):
            child = self.person(age_years=self.random.choices(ages[:18], weights=weights[:18])[0])
            received = max(self.as_of - self.days(1, window), child["birth_date"] + timedelta(days=200))
            outcome = self.pick({"A": rates.assess, "N": rates.not_assess, "W": rates.withdrawn})
            request = self.request(received, outcome=outcome, plan=True)
            assessment = request["Assessment"][0] if request["Assessment"] else None
            if assessment and assessment["NamedPlan"]:
                self.active_plan(request, child)
            child["Request"].append(request)
            yield self.allocate(child)
        # Plans that ceased during the window.
        for _ in range(rates.in_window(rates.ceased_per_year, window)):
            child = self.person(age_years=self.random.choices(ages, weights=weights)[0])
            issued = self.as_of - self.days(500, 3000)
            received = max(issued - timedelta(weeks=self.random.randint(15, 40)), child["birth_date"] + timedelta(days=200))
            request = self._forced_plan(received)
            plan = request["Assessment"][0]["NamedPlan"][0]
            # Ceased within the window, and never before the plan began (a young child's plan may be recent).
            plan["cease_date"] = min(max(self.as_of - self.days(1, window), plan["start_date"] + timedelta(days=1)), self.as_of)
            plan["cease_reason"] = self.pick(rates.cease_reasons)
            child["Request"].append(request)
            self.breaches = []
            yield child

    def _forced_plan(self, received: date) -> dict:
        decided = min(received + self.days(25, 42), self.as_of)
        # Never after the reference date: a young child's request may be recent.
        issued = max(min(received + timedelta(weeks=self.random.randint(16, 30)), self.as_of), decided)
        drafted = max(issued - timedelta(days=20), decided)
        return {"received_date": received, "rya": False, "outcome_date": decided, "outcome": "A", "mediation": False,
                "tribunal": False, "exported": False, "ActivePlan": [],
                "Assessment": [{"outcome": "Y", "outcome_date": drafted, "mediation": False,
                                "tribunal": False, "other_mediation": False, "other_tribunal": False,
                                "week20_exception": False, "week20_exception_reason": None,
                                "draft_plan_issued": drafted, "Advice": [],
                                "NamedPlan": [{"start_date": issued, "plan_res": None, "plan_wbp": None,
                                               "personal_budget": False, "organised_arrangements": False,
                                               "direct_payments": None, "cease_date": None, "cease_reason": None,
                                               "family_views_updated": issued - timedelta(days=30),
                                               "PlanDetail": [self.setting()]}]}]}

    def allocate(self, child: dict) -> dict:
        """About one open case in twelve goes to the demo caseworker (a realistic caseload); the rest are the team's."""
        if self.caseworker and self.chance(1 / 12):
            child["caseworker"] = self.caseworker
        child["Breach"] = sorted(self.breaches, key=lambda b: (b["step"], b["subject"]))
        self.breaches = []
        return child


def sen2_generated_header(la_code: str, as_of: date) -> dict[str, str]:
    return {"Collection": "SEN2", "Year": str(as_of.year), "ReferenceDate": as_of.isoformat(), "SourceLevel": "L",
            "LEA": la_code, "SoftwareCode": "sendboard-generated", "Release": "1", "SerialNo": "1",
            "DateTime": datetime(as_of.year, as_of.month, as_of.day, 6, 0).isoformat()}


def register_complete_from(as_of: date) -> date:
    """The generated register holds every request and ceasing from the first day of the calendar year before the
    reference date: a whole calendar year of flows (the one a SEN2 return made in January covers) and the current
    year to date. The demo records it on the local area, so that earlier years come from the published returns."""
    return date(as_of.year - 1, 1, 1)


def area_files_generate(*, size: str, out_dir: Path, as_of: date, seed: int = 885, scale: float | None = None,
                        caseworker: str | None = "demo.caseworker", la_codes: list[str] | None = None) -> list[Path]:
    """Write one SEN2 file per council: the demo area for small and county, every council for england."""
    scale = SCALES[size] if scale is None else scale
    codes = la_codes or (sorted(CALIBRATION["local_authorities"]) if size == "england" else [DEMO_LA])
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for code in codes:
        generator = AreaGenerator(la_code=code, rates=rates_for(code, scale=scale), seed=seed, as_of=as_of,
                                  caseworker=caseworker if code == DEMO_LA else None)
        path = out_dir / f"sen2-generated-{code}-{size}-{as_of.isoformat()}.xml"
        with path.open("wb") as out:
            write_sen2(out, header=sen2_generated_header(code, as_of), persons=generator.children())
        paths.append(path)
    return paths


def local_authorities() -> dict[str, list]:
    """{LA code: [name, GSS code, region code, region name, plans]} for every council in the published caseload."""
    return CALIBRATION["local_authorities"]
