"""A generated local area: seeded, deterministic SEN2 records at rates calibrated to the DfE's published figures
(ADR 0024, ADR 0090). ``returns.sen2.generated`` writes them as SEN2 files, which load through the SEN2 importer
like a council's own, never written to the database.

Sizes: ``small`` (2% of Worcestershire, for tests), ``county`` (Worcestershire's real order of magnitude,
about 7,000 plans) and ``england`` (every council at its own published size, about 640,000 plans). The same
seed, size and date always give the same bytes. Names, UPNs, URNs and UKPRNs are invented.

What the register holds at the reference date (ADR 0090):
- the plans in force (the published caseload, by age and by type of setting);
- every request, assessment, new plan and ceased plan since ``register_complete_from`` (the published yearly
  flows for as many days as that window has), with the published shares of outcomes, timeliness, exceptions,
  review meetings and decisions, mediations and tribunal appeals;
- nothing the law did not yet allow: no EHC plan before 1 September 2014 (a child who had a statement carries
  the date of its transfer to an EHC plan, by 31 March 2018), every step after the one it follows, no advice
  after the draft plan, and no date after the reference date;
- every open case allocated to a caseworker of a team sized for about ``CASELOAD`` cases each.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from sendboard.casework.timescales import advice_subject, request_subject, review_subject
from sendboard.core.upn import upn_check_letter

CALIBRATION = json.loads((Path(__file__).resolve().parent / "reference" / "calibration_2025.json").read_text())[
    "figures"
]
SCALES = {"small": 0.02, "county": 1.0, "england": 1.0}
DEMO_LA = "885"
EHC_PLANS_FROM = date(2014, 9, 1)  # Children and Families Act 2014, Part 3 in force
TRANSFERS_BY = date(2018, 3, 31)  # the last day for transferring a statement to an EHC plan
POSTCODE_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"  # the letters a postcode's inward code may end with
# Open cases a caseworker holds. Councils report 150 to 200 plans per officer: Shropshire planned for 187 per case
# officer in 2025 (reported to its scrutiny committee). 180 is inside that range, with new requests counted as cases.
CASELOAD = 180
# Share of state-school placements in another council's area. Not published (the caseload counts settings, not
# where they are); illustrative, chosen so that independent and out-of-area together are about one plan in eight.
OUT_OF_AREA = 0.04

FORENAMES = [
    "Amelia",
    "Noah",
    "Isla",
    "Leo",
    "Ava",
    "Oscar",
    "Mia",
    "Arlo",
    "Freya",
    "Theo",
    "Ivy",
    "Jack",
    "Ella",
    "Alfie",
    "Zara",
    "Ravi",
    "Maya",
    "Ibrahim",
    "Nia",
    "Kai",
    "Ruby",
    "Owen",
    "Aisha",
    "Finn",
    "Lily",
    "Yusuf",
    "Grace",
    "Tomasz",
]
SURNAMES = [
    "Ashdown",
    "Brook",
    "Carver",
    "Dale",
    "Elmsley",
    "Fenwick",
    "Garside",
    "Hollins",
    "Ingram",
    "Jessop",
    "Kettle",
    "Lowther",
    "Marsh",
    "Northcott",
    "Oakes",
    "Pryce",
    "Quarry",
    "Rowley",
    "Stainer",
    "Thorne",
    "Upton",
    "Vale",
    "Wardle",
    "Yeo",
]
ETHNICITIES = (
    (["WBRI"] * 80)
    + ["WOTH"] * 5
    + [
        "MWBC",
        "MWAS",
        "MOTH",
        "AIND",
        "APKN",
        "ABAN",
        "BAFR",
        "BCRB",
        "CHNE",
        "OOTH",
        "WROM",
        "NOBT",
        "REFU",
        "AOTH",
        "WIRI",
    ]
)
NEED_COLUMNS = {
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
CEASE_COLUMNS = {
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
# Ages (on the day the plan ceased) at which each reason can apply.
CEASE_AGES = {
    "1": (25, 25),
    "2": (5, 18),
    "3": (18, 23),
    "4": (17, 24),
    "5": (3, 18),
    "6": (16, 24),
    "7": (3, 20),
    "8": (3, 24),
    "9": (4, 22),
}
AGE_BANDS = {"under_5": (0, 4), "5-10": (5, 10), "11-15": (11, 15), "16-19": (16, 19), "20-25": (20, 25)}
FINAL_PLAN_REASONS = {
    "ADVICE_LATE": 0.3,
    "EP_CAPACITY": 0.25,
    "PANEL": 0.15,
    "QUALITY_REWORK": 0.1,
    "CASEWORK_CAPACITY": 0.1,
    "SETTING_CONSULTATION": 0.1,
}
AMENDMENT_REASONS = {"CASEWORK_CAPACITY": 0.4, "SETTING_CONSULTATION": 0.3, "QUALITY_REWORK": 0.2, "OTHER": 0.1}
ADVICE = [
    ("EP", "Educational psychology service"),
    ("HEALTH", "Community paediatrics"),
    ("SOCIAL_CARE", "Children's social care"),
    ("EDUCATION", "Current school or setting"),
]


def _numbers(base: int, count: int, width: int) -> list[str]:
    return [f"{base + 37 * k:0{width}d}" for k in range(count)]


# The invented settings, by the published type of setting (caseload.csv's columns, grouped). Schools in the area
# (mainstream, special, alternative provision) are in its school census; independent schools and schools in other
# areas are not; colleges and specialist post-16 institutions have a UKPRN; the rest a SEN2 SENsetting code.
SCHOOLS = {
    "mainstream": _numbers(110000, 70, 6),
    "special": _numbers(120000, 12, 6),
    "alternative_provision": _numbers(121000, 3, 6),
    "independent_mainstream": _numbers(130000, 6, 6),
    "independent_special": _numbers(131000, 10, 6),
    "out_of_area_mainstream": _numbers(140000, 12, 6),
    "out_of_area_special": _numbers(141000, 8, 6),
}
PROVIDERS = {"college": _numbers(10001000, 4, 8), "specialist_post16": _numbers(10002000, 5, 8)}
SETTING_CODES = {
    "home_education": ["EHE"],
    "other_arrangements": ["OLA", "OLA", "OPA"],
    "other": ["OTH"],
    "early_years": ["EYP"],
    "not_in_education": ["NEET", "NIEO", "NIEC"],
}
IN_AREA = ("mainstream", "special", "alternative_provision")
KIND_OF_SETTING = {
    number: kind for kinds in (SCHOOLS, PROVIDERS) for kind, numbers in kinds.items() for number in numbers
}


def setting_kind(setting: dict) -> str:
    """The type of a generated setting record: a key of SCHOOLS, PROVIDERS or SETTING_CODES."""
    number = setting.get("urn") or setting.get("ukprn")
    if number:
        return KIND_OF_SETTING.get(number, "unknown")
    code = setting.get("sen_setting")
    return next((kind for kind, codes in SETTING_CODES.items() if code in codes), "unknown")


def published_setting_group(kind: str) -> str:
    """The published group a setting kind is counted in (caseload.csv): out-of-area schools by their own type."""
    return {"out_of_area_mainstream": "mainstream", "out_of_area_special": "special"}.get(kind, kind)


def age_band(age: int) -> str:
    return next(band for band, (low, high) in AGE_BANDS.items() if low <= age <= high) if age <= 25 else "20-25"


def age_on(born: date, day: date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


@dataclass(frozen=True)
class Rates:
    """One council's yearly flows (scaled) and shares, from its published figures or, for a council the
    calibration does not hold in detail, England's shares at the council's own size."""

    plans: int
    requests_per_year: float
    new_plans_per_year: float
    not_issued_per_year: float
    refused_per_year: float
    withdrawn_per_year: float
    undecided: float
    ceased_per_year: float
    decision_within_6_weeks: float
    within_20_weeks_ex: float
    over_a_year_ex: float
    exception: float
    exception_late: float
    review_meeting: float
    first_review_missed: float
    review_meeting_recent: float
    review_decision_within_4_weeks: float
    amend: float
    maintain: float
    request_mediation: float
    request_tribunal: float
    assess_mediation: float
    assess_tribunal: float
    other_mediation: float
    other_tribunal: float
    needs: dict[str, float]
    cease_reasons: dict[str, float]
    ages: dict[int, float]
    new_plan_ages: dict[int, float]
    settings: dict[str, dict[str, float]]

    @staticmethod
    def in_window(per_year: float, days: int) -> int:
        """How many of a yearly flow fall in a window of ``days``."""
        return round(per_year * days / 365)


def rates_for(la_code: str, *, scale: float) -> Rates:
    """The demo area's own figures; any other council's size with England's rates."""
    c = CALIBRATION
    source = la_code if la_code in c["requests"] else "england"
    req, ass, tl = c["requests"][source], c["assessments"][source], c["timeliness"][source]
    rev, meet, ceased, needs = (
        c["reviews"][source],
        c["review_meetings"][source],
        c["ceased"][source],
        c["needs"][source],
    )
    tri, appeals = c["tribunals"][source], c["appeals"][source]
    plans = (
        c["local_authorities"][la_code][4]
        if la_code in c["local_authorities"]
        else c["caseload"]["england"]["ehcplans"]
    )
    own = plans / c["caseload"][source]["ehcplans"] * scale  # a yearly flow of the source, at this council's size
    decided = req["request_outcome_six_weeks"] + req["request_outcome_over_6_weeks"]
    reviews = rev["outcome_amend"] + rev["outcome_maintan"] + rev["outcome_cease"]
    new_plans = c["newplans_age"][source]["total"]
    exceptions = tl["plans_issued_den"] - tl["plans_issued_den_ex"]
    # Appeals the tribunal registered beyond those the return links to a request or an assessment are appeals
    # against a plan's contents: the register carries them as "other" tribunals on the year's new plans.
    other_appeals = max(
        tri["number_other_tribunal"],
        appeals["appeals_2024"] - tri["tribunal_related_request"] - tri["number_assess_tribunal"],
    )
    recent = meet["review_meeting_25"] + meet["review_meeting_24"]
    return Rates(
        plans=max(1, round(plans * scale)),
        requests_per_year=req["requests_received_in_year"] * own,
        new_plans_per_year=new_plans * own,
        not_issued_per_year=ass["assess_not_issued"] * own,
        refused_per_year=req["requests_decided_not_to_assess"] * own,
        withdrawn_per_year=req["requests_withdrawn"] * own,
        undecided=req["requests_decision_not_made"] * own,
        ceased_per_year=ceased["total_ceased"] * own,
        decision_within_6_weeks=req["request_outcome_six_weeks"] / decided,
        within_20_weeks_ex=tl["plans_issued_20_weeks_ex"] / tl["plans_issued_den_ex"],
        over_a_year_ex=tl["plans_issued_gt_1_year"] / tl["plans_issued_den_ex"],
        exception=exceptions / tl["plans_issued_den"],
        exception_late=(exceptions - (tl["plans_issued_within_20_weeks"] - tl["plans_issued_20_weeks_ex"])) / exceptions
        if exceptions
        else 1.0,
        review_meeting=meet["total_review_meeting"] / meet["review_expected"],
        # A plan with no review meeting recorded is a plan whose first review is overdue (a plan in force for
        # years has had reviews), so the published share without one falls on plans in their second year.
        first_review_missed=min(
            0.9, (1 - meet["total_review_meeting"] / meet["review_expected"]) * meet["review_expected"] / new_plans
        ),
        review_meeting_recent=recent / meet["total_review_meeting"],
        review_decision_within_4_weeks=rev["number_decsion_4weeks"]
        / (rev["number_decsion_4weeks"] + rev["number_decision_gt_4weeks"]),
        amend=rev["outcome_amend"] / reviews,
        maintain=rev["outcome_maintan"] / reviews,
        request_mediation=tri["mediation_related_request"] / req["requests_decided_not_to_assess"],
        request_tribunal=tri["tribunal_related_request"] / req["requests_decided_not_to_assess"],
        assess_mediation=min(1.0, tri["number_assess_mediation"] / max(1, ass["assess_not_issued"])),
        assess_tribunal=min(1.0, tri["number_assess_tribunal"] / max(1, ass["assess_not_issued"])),
        other_mediation=tri["number_other_mediation"] / new_plans,
        other_tribunal=other_appeals / new_plans,
        needs={code: needs[col] / needs["ehc_plans"] for code, col in NEED_COLUMNS.items()},
        cease_reasons={
            code: ceased[col] / ceased["total_ceased"] for code, col in CEASE_COLUMNS.items() if ceased[col]
        },
        ages={int(age): n for age, n in c["caseload_age"][source].items()},
        new_plan_ages={int(age): n for age, n in c["newplans_age"][source].items() if age != "total"},
        settings=c["caseload_settings"][source],
    )


def caseworker_team(lead: str | None, rates: Rates) -> list[str]:
    """The usernames of the caseworkers holding the area's open cases: the lead (the demo caseworker) and as many
    more as hold about CASELOAD open cases each (plans in force, and requests and assessments under way)."""
    if not lead:
        return []
    open_cases = rates.plans + rates.requests_per_year * 0.4
    size = max(1, round(open_cases / CASELOAD))
    return [lead] + [f"{lead}.{n:02d}" for n in range(2, size + 1)]


class AreaGenerator:
    def __init__(self, *, la_code: str, rates: Rates, seed: int, as_of: date, caseworker: str | None) -> None:
        self.la_code = la_code
        self.rates = rates
        self.random = random.Random(f"{seed}:{la_code}")
        self.as_of = as_of
        self.since = register_complete_from(as_of)
        self.team = caseworker_team(caseworker, rates)
        self.serial = 0
        self.breaches: list[dict] = []

    # -- small helpers -------------------------------------------------------------------------------------
    def days(self, low: int, high: int) -> timedelta:
        return timedelta(days=self.random.randint(low, max(low, high)))

    def day_between(self, start: date, end: date) -> date:
        return start + timedelta(days=self.random.randint(0, max(0, (end - start).days)))

    def pick(self, weights: dict):
        return self.random.choices(list(weights), weights=list(weights.values()))[0]

    def chance(self, p: float) -> bool:
        return self.random.random() < p

    def explain(self, chance: float, step: str, subject: str, reasons: dict[str, float]) -> None:
        """Some missed timescales already have their reason recorded by the team; the rest wait for one."""
        if self.chance(chance):
            self.breaches.append(
                {"step": step, "subject": subject, "breach_reason": self.pick(reasons), "breach_note": None}
            )

    def person(self, *, born: date) -> dict:
        self.serial += 1
        return {
            "surname": self.random.choice(SURNAMES),
            "forename": self.random.choice(FORENAMES),
            "birth_date": born,
            "sex": "M" if self.chance(0.68) else "F",
            "ethnicity": self.random.choice(ETHNICITIES),
            "postcode": (
                f"WR{self.random.randint(1, 15)} {self.random.randint(1, 9)}"
                f"{self.random.choice(POSTCODE_LETTERS)}{self.random.choice(POSTCODE_LETTERS)}"
            ),
            "upn": self.upn(),
            "uln": None,
            "upn_unknown": None,
            "caseworker": None,
            "Request": [],
        }

    def born_aged(self, age: int, on: date) -> date:
        """A birth date giving ``age`` on ``on``."""
        latest = date(on.year - age, on.month, min(on.day, 28))
        return latest - timedelta(days=self.random.randint(0, 364))

    def upn(self) -> str:
        """A UPN in the CBDS shape: check letter, the LA code, then nine digits, valid under DfE rule 1510."""
        tail = f"{self.la_code}{self.serial:09d}"
        return upn_check_letter(tail) + tail

    def setting(self, age: int, rank: int = 1) -> dict:
        kind = self.pick(self.rates.settings[age_band(age)])
        if kind in ("mainstream", "special") and self.chance(OUT_OF_AREA):
            kind = f"out_of_area_{kind}"
        urn = ukprn = code = None
        if kind in SCHOOLS:
            urn = self.random.choice(SCHOOLS[kind])
        elif kind in PROVIDERS:
            ukprn = self.random.choice(PROVIDERS[kind])
        elif kind == "not_in_education":
            code = "NIEO" if age < 16 else self.random.choice(SETTING_CODES[kind])
        else:
            code = self.random.choice(SETTING_CODES[kind])
        mainstream = kind == "mainstream"
        return {
            "urn": urn,
            "ukprn": ukprn,
            "sen_setting": code,
            "sen_setting_other": None,
            "placement_rank": rank,
            "sen_unit": mainstream and self.chance(0.02),
            "resourced_provision": mainstream and self.chance(0.03),
        }

    def needs(self) -> list[dict]:
        primary = self.pick(self.rates.needs)
        needs = [{"sen_type": primary, "rank": 1}]
        if self.chance(0.4):
            second = self.pick({k: v for k, v in self.rates.needs.items() if k != primary})
            needs.append({"sen_type": second, "rank": 2})
        return needs

    # -- one case, from the request ------------------------------------------------------------------------
    def new_request(self, received: date) -> dict:
        return {
            "received_date": received,
            "rya": False,
            "outcome_date": None,
            "outcome": None,
            "mediation": False,
            "tribunal": False,
            "exported": False,
            "Assessment": [],
            "ActivePlan": [],
        }

    def decision_lag(self, room: int = 75) -> timedelta:
        within = self.chance(self.rates.decision_within_6_weeks)
        lag = self.days(14, 42) if within else self.days(43, 75)
        return min(lag, timedelta(days=max(14, room)))

    def assessment(self, request: dict, *, decided: date, ends: date | None, advice: bool = True) -> dict:
        """An assessment from the decision to assess, its advice asked for within a week and returned before
        ``ends`` (the draft plan or the decision not to issue), or by the reference date while it is under way."""
        assessment = {
            "outcome": None,
            "outcome_date": None,
            "mediation": False,
            "tribunal": False,
            "other_mediation": False,
            "other_tribunal": False,
            "week20_exception": False,
            "week20_exception_reason": None,
            "draft_plan_issued": None,
            "Advice": [],
            "NamedPlan": [],
        }
        request["Assessment"].append(assessment)
        asked = decided + self.days(1, 7)
        last = min(ends - timedelta(days=1), self.as_of) if ends else self.as_of
        if asked > last or not advice:
            return assessment
        for source, partner in ADVICE:
            late = self.chance(0.35 if source == "HEALTH" else 0.2)
            returned = asked + (self.days(43, 90) if late else self.days(20, 42))
            if ends is not None:
                returned = min(returned, last)  # advice informs the draft: it is in before the draft goes out
            if returned <= self.as_of and (returned - asked).days > 42:
                self.explain(
                    0.7,
                    "advice",
                    advice_subject(source, asked),
                    {"ADVICE_LATE": 0.8, "EP_CAPACITY": 0.2} if source == "EP" else {"ADVICE_LATE": 1},
                )
            assessment["Advice"].append(
                {
                    "source": source,
                    "partner": partner,
                    "requested_date": asked,
                    "received_date": returned if returned <= self.as_of else None,
                }
            )
        return assessment

    def plan_duration(self) -> tuple[int, bool]:
        """Days from request to final plan, and whether a 20-week exception applied, at the published shares."""
        r = self.rates
        exception = self.chance(r.exception)
        if exception:
            late = self.chance(r.exception_late)
            within, over = (0.0, 0.0) if late else (1.0, 0.0)
        else:
            within, over = r.within_20_weeks_ex, r.over_a_year_ex
        roll = self.random.random()
        if roll < within:
            days = self.random.randint(105, 140)
        elif roll < within + over:
            days = self.random.randint(366, 480)
        else:  # more than 20 weeks, within a year: most soon after the 20 weeks
            days = 141 + int(min(224, self.random.expovariate(1 / 55)))
        return days, exception

    def planned_case(self, *, start: date, days: int, exception: bool, age: int, advice: bool = True) -> dict:
        """A request that became a plan issued on ``start`` after ``days``; ``advice`` False for a plan issued
        before the register's window, whose advice requests a council's system no longer holds."""
        received = start - timedelta(days=days)
        request = self.new_request(received)
        decided = received + self.decision_lag(room=days - 63)
        request.update(outcome="Y", outcome_date=decided)
        draft = max(start - self.days(15, 35), decided + timedelta(days=21))
        assessment = self.assessment(request, decided=decided, ends=draft, advice=advice)
        assessment.update(outcome="Y", outcome_date=draft, draft_plan_issued=draft)
        if exception:
            assessment.update(
                week20_exception=True,
                week20_exception_reason=self.random.choice(["SUMMER", "PERSONAL", "ABSENT", "APPOINTMENT"]),
            )
        elif days > 140:
            # Reasons for a plan issued before the window were recorded long ago; recent ones partly await one.
            self.explain(0.65 if advice else 1.0, "final_plan", request_subject(received), FINAL_PLAN_REASONS)
        assessment["NamedPlan"].append(self.named_plan(start, age))
        return request

    def named_plan(self, start: date, age: int) -> dict:
        return {
            "start_date": start,
            "plan_res": None,
            "plan_wbp": None,
            "personal_budget": self.chance(0.05),
            "organised_arrangements": False,
            "direct_payments": None,
            "cease_date": None,
            "cease_reason": None,
            "family_views_updated": start - self.days(20, 60),
            "PlanDetail": [self.setting(age)],
        }

    def transferred_case(self, *, start: date, age: int) -> dict:
        """A child who had a statement: the transfer review (from its start, counted as the request) ended in an
        EHC plan on ``start``, between 1 September 2014 and 31 March 2018, within 20 weeks."""
        received = max(start - self.days(98, 126), EHC_PLANS_FROM)
        request = self.new_request(received)
        request.update(outcome="Y", outcome_date=received + self.days(0, 14))
        draft = start - self.days(15, 28)
        # The statement's advice carried over: none was asked for.
        assessment = self.assessment(request, decided=request["outcome_date"], ends=None, advice=False)
        assessment.update(outcome="Y", outcome_date=draft, draft_plan_issued=draft)
        assessment["NamedPlan"].append(self.named_plan(start, age))
        return request

    def plan_start_before(self, *, born: date, before: date) -> tuple[date, bool]:
        """When an older plan began: a few years back, more recently than not; a date before EHC plans existed is
        a statement, transferred to an EHC plan by 31 March 2018."""
        earliest = born + timedelta(days=730)
        start = before - timedelta(days=1 + int(self.random.expovariate(1 / (3.2 * 365))))
        start = max(start, earliest)
        if start >= before:
            start = self.day_between(
                max(born + timedelta(days=200), before - timedelta(days=200)), before - timedelta(days=1)
            )
        if start < EHC_PLANS_FROM + timedelta(days=126):
            first = max(EHC_PLANS_FROM + timedelta(days=126), born + timedelta(days=730))
            transfer = self.day_between(first, min(TRANSFERS_BY, before - timedelta(days=1)))
            return transfer, True
        return start, False

    def earlier_case(self, *, born: date, before: date) -> dict:
        """A plan that began before ``before``: transferred from a statement, or requested and assessed (never
        requested before 1 September 2014)."""
        start, transferred = self.plan_start_before(born=born, before=before)
        plan_age = age_on(born, start)
        if transferred:
            return self.transferred_case(start=start, age=plan_age)
        days, exception = self.plan_duration()
        days = max(105, min(days, (start - born).days - 1, (start - EHC_PLANS_FROM).days))
        return self.planned_case(start=start, days=days, exception=exception, age=plan_age, advice=False)

    def active_plan(self, request: dict, child: dict) -> None:
        """The plan in force: where the child is, their needs, and their latest annual review."""
        plan = request["Assessment"][0]["NamedPlan"][0]
        started = plan["start_date"]
        age = age_on(child["birth_date"], self.as_of)
        active = {
            "transfer_la": None,
            "review_meeting": None,
            "review_outcome": None,
            "last_review": None,
            "amended_plan_issued": None,
            "PlacementDetail": [],
            "SENneed": self.needs(),
        }
        setting = (
            plan["PlanDetail"][0]
            if age_band(age) == age_band(age_on(child["birth_date"], started))
            else self.setting(age)
        )
        entered = max(started - self.days(0, 400), child["birth_date"] + timedelta(days=365 * 2))
        active["PlacementDetail"].append(
            {
                **setting,
                "entry_date": min(entered, self.as_of),
                "leaving_date": None,
                "residential": None,
                "work_based": None,
            }
        )
        request["ActivePlan"].append(active)
        if (self.as_of - started).days < 300:
            return  # no review is due yet
        if 365 <= (self.as_of - started).days < 730 and self.chance(self.rates.first_review_missed):
            return  # the first review is due and has not been held: an overdue step in the caseworker's queue
        first_due = started + timedelta(days=300)
        if self.chance(self.rates.review_meeting_recent):
            meeting = self.day_between(max(first_due, self.as_of - timedelta(days=364)), self.as_of)
        else:  # the latest meeting was more than a year ago: the next review is overdue
            meeting = self.day_between(
                max(first_due, self.as_of - timedelta(days=730)), self.as_of - timedelta(days=365)
            )
            meeting = min(meeting, self.as_of)
        active["review_meeting"] = meeting
        gap = self.days(5, 28) if self.chance(self.rates.review_decision_within_4_weeks) else self.days(29, 80)
        if meeting + gap > self.as_of:
            return
        decided = meeting + gap
        active["last_review"] = decided
        roll = self.random.random()
        active["review_outcome"] = (
            "A" if roll < self.rates.amend else "M" if roll < self.rates.amend + self.rates.maintain else "C"
        )
        if active["review_outcome"] == "A":
            # The revisit found amended plans badly delayed: most take longer than four weeks.
            amended = decided + (self.days(10, 28) if self.chance(0.35) else self.days(29, 150))
            if amended <= self.as_of:
                if amended > decided + timedelta(weeks=4):
                    self.explain(0.6, "amended_plan", review_subject(meeting), AMENDMENT_REASONS)
                active["amended_plan_issued"] = amended
        if self.chance(0.85):
            plan["family_views_updated"] = meeting  # section A is revisited at the review meeting

    # -- the register ----------------------------------------------------------------------------------------
    def cases(self) -> list[tuple[dict, bool]]:
        """Every child, and whether their case is open (a plan in force, or a request or assessment under way)."""
        window = (self.as_of - self.since).days + 1
        cases: list[tuple[dict, bool]] = []
        in_force_new = self._new_plans(cases, window)
        self._not_issued(cases, window)
        self._requests_in_window(cases, window)
        self._older_plans(cases, window, in_force_new)
        self._ceased(cases, window)
        return cases

    def _case_add(self, cases: list[tuple[dict, bool]], child: dict, request: dict, *, open_case: bool) -> None:
        child["Request"].append(request)
        child["Breach"] = sorted(self.breaches, key=lambda b: (b["step"], b["subject"]))
        self.breaches = []
        cases.append((child, open_case))

    def _new_plans(self, cases: list[tuple[dict, bool]], window: int) -> int:
        """New plans issued in the window, at the published timeliness, exceptions and ages at the start."""
        r = self.rates
        in_force_new = 0
        for _ in range(r.in_window(r.new_plans_per_year, window)):
            start = self.day_between(self.since, self.as_of)
            age = self.pick(r.new_plan_ages)
            child = self.person(born=self.born_aged(age, start))
            days, exception = self.plan_duration()
            days = min(days, (start - child["birth_date"]).days - 1)
            request = self.planned_case(start=start, days=max(days, 105), exception=exception, age=age)
            assessment = request["Assessment"][0]
            if self.chance(r.other_tribunal):
                assessment["other_tribunal"] = True
            elif self.chance(r.other_mediation):
                assessment["other_mediation"] = True
            self.active_plan(request, child)
            in_force_new += 1
            self._case_add(cases, child, request, open_case=True)
        return in_force_new

    def _not_issued(self, cases: list[tuple[dict, bool]], window: int) -> None:
        """Assessments that ended in the window with a decision not to issue a plan."""
        r = self.rates
        for _ in range(r.in_window(r.not_issued_per_year, window)):
            ended = self.day_between(self.since, self.as_of)
            child = self.person(born=self.born_aged(self.pick(r.new_plan_ages), ended))
            received = max(ended - self.days(100, 150), child["birth_date"] + timedelta(days=30))
            request = self.new_request(received)
            decided = received + self.decision_lag(room=(ended - received).days - 30)
            request.update(outcome="Y", outcome_date=decided)
            assessment = self.assessment(request, decided=decided, ends=ended)
            assessment.update(
                outcome="N",
                outcome_date=ended,
                mediation=self.chance(r.assess_mediation),
                tribunal=self.chance(r.assess_tribunal),
            )
            self._case_add(cases, child, request, open_case=False)

    def _requests_in_window(self, cases: list[tuple[dict, bool]], window: int) -> None:
        """Requests received in the window that were refused, withdrawn, are still undecided, or whose assessment
        is still under way at the reference date."""
        r = self.rates
        requests = r.in_window(r.requests_per_year, window)
        assessed = sum(1 for child, _ in cases for q in child["Request"] if q["received_date"] >= self.since)
        refused = r.in_window(r.refused_per_year, window)
        withdrawn = r.in_window(r.withdrawn_per_year, window)
        undecided = round(r.undecided)  # at any time, the requests of the last few weeks (a stock, not a flow)
        under_way = max(0, requests - assessed - refused - withdrawn - undecided)
        for n in range(refused + withdrawn + undecided + under_way):
            if n < refused:
                self._refused(cases)
            elif n < refused + withdrawn:
                self._withdrawn(cases)
            elif n < refused + withdrawn + undecided:
                self._undecided(cases)
            else:
                self._under_way(cases)

    def _received_request(self, earliest: date, latest: date) -> tuple[dict, dict, date, date]:
        age = self.pick(self.rates.new_plan_ages)
        received = self.day_between(earliest, latest)
        child = self.person(born=self.born_aged(age, received))
        request = self.new_request(received)
        return child, request, received, received + self.decision_lag()

    def _refused(self, cases: list[tuple[dict, bool]]) -> None:
        child, request, _, decided = self._received_request(self.since, self.as_of - timedelta(days=42))
        request.update(
            outcome="N",
            outcome_date=min(decided, self.as_of),
            mediation=self.chance(self.rates.request_mediation),
            tribunal=self.chance(self.rates.request_tribunal),
        )
        self._case_add(cases, child, request, open_case=False)

    def _withdrawn(self, cases: list[tuple[dict, bool]]) -> None:
        earliest = max(self.since, self.as_of - timedelta(days=300))
        child, request, received, _ = self._received_request(earliest, self.as_of)
        request.update(outcome="W", outcome_date=min(received + self.days(5, 30), self.as_of))
        self._case_add(cases, child, request, open_case=False)

    def _undecided(self, cases: list[tuple[dict, bool]]) -> None:
        earliest = max(self.since, self.as_of - timedelta(days=56))
        child, request, _, _ = self._received_request(earliest, self.as_of)
        self._case_add(cases, child, request, open_case=True)

    def _under_way(self, cases: list[tuple[dict, bool]]) -> None:
        """A request agreed, its assessment under way: late if its plan would have been due by now."""
        earliest = max(self.since, self.as_of - timedelta(days=300))
        child, request, received, decided = self._received_request(earliest, self.as_of)
        if decided <= self.as_of:
            request.update(outcome="Y", outcome_date=decided)
            days, exception = self.plan_duration()
            planned = received + timedelta(days=days)
            if planned <= self.as_of:  # not issued yet: the assessment is late
                planned = self.as_of + self.days(1, 40)
            draft = planned - self.days(15, 35)
            assessment = self.assessment(request, decided=decided, ends=draft if draft <= self.as_of else None)
            if draft <= self.as_of and draft > decided:
                assessment["draft_plan_issued"] = draft
            if exception:
                assessment.update(
                    week20_exception=True,
                    week20_exception_reason=self.random.choice(["SUMMER", "PERSONAL", "ABSENT", "APPOINTMENT"]),
                )
        self._case_add(cases, child, request, open_case=True)

    def _older_plans(self, cases: list[tuple[dict, bool]], window: int, in_force_new: int) -> None:
        """Older plans in force: the rest of the published caseload, by age, at the published settings."""
        r = self.rates
        older = max(0, r.plans - in_force_new)
        new_by_age = {
            age: n * r.new_plans_per_year / sum(r.new_plan_ages.values()) for age, n in r.new_plan_ages.items()
        }
        total = sum(r.ages.values())
        # A new plan's child is, on average, half a year older now than when it began.
        ages = {
            age: max(
                0.0, n * r.plans / total - (new_by_age.get(age, 0) + new_by_age.get(age - 1, 0)) / 2 * window / 365
            )
            for age, n in r.ages.items()
        }
        for _ in range(older):
            age = self.pick(ages)
            child = self.person(born=self.born_aged(age, self.as_of))
            request = self.earlier_case(born=child["birth_date"], before=self.since)
            self.active_plan(request, child)
            self._case_add(cases, child, request, open_case=True)

    def _ceased(self, cases: list[tuple[dict, bool]], window: int) -> None:
        """Plans that ceased in the window, at the published reasons, each at an age the reason allows."""
        r = self.rates
        for _ in range(r.in_window(r.ceased_per_year, window)):
            ceased = self.day_between(self.since, self.as_of)
            reason = self.pick(r.cease_reasons)
            low, high = CEASE_AGES[reason]
            child = self.person(born=self.born_aged(self.random.randint(low, high), ceased))
            # Begun before the window: a plan seldom ceases within months of being issued.
            request = self.earlier_case(born=child["birth_date"], before=min(ceased, self.since))
            request["Assessment"][0]["NamedPlan"][0].update(cease_date=ceased, cease_reason=reason)
            self.breaches = []  # a closed case: nobody records a reason any more
            self._case_add(cases, child, request, open_case=False)

    def children(self) -> Iterator[dict]:
        cases = self.cases()
        # Deal the open cases to the team: requests and assessments under way by the date received, so that
        # each caseworker has cases at every stage, then the plans in force in a shuffled order. Every open case
        # has a caseworker, and caseloads differ by at most one.
        under_way = sorted(
            (child for child, open_case in cases if open_case and not child["Request"][0]["ActivePlan"]),
            key=lambda child: (child["Request"][0]["received_date"], child["upn"]),
        )
        plans = [child for child, open_case in cases if open_case and child["Request"][0]["ActivePlan"]]
        self.random.shuffle(plans)
        for position, child in enumerate(under_way + plans):
            if self.team:
                child["caseworker"] = self.team[position % len(self.team)]
        children = [child for child, _ in cases]
        self.random.shuffle(children)  # not grouped by kind of case, as a council's own file would not be
        yield from children


def register_complete_from(as_of: date) -> date:
    """The generated register holds every request and ceasing from the first day of the calendar year before the
    reference date: a whole calendar year of flows (the one a SEN2 return made in January covers) and the current
    year to date. The demo records it on the local area, so that earlier years come from the published returns."""
    return date(as_of.year - 1, 1, 1)


def demo_caseworkers(*, size: str, caseworker: str = "demo.caseworker") -> list[str]:
    """The caseworker usernames the demo area's generated register allocates cases to, at ``size``."""
    return caseworker_team(caseworker, rates_for(DEMO_LA, scale=SCALES[size]))


def local_authorities() -> dict[str, list]:
    """{LA code: [name, GSS code, region code, region name, plans]} for every council in the published caseload."""
    return CALIBRATION["local_authorities"]
