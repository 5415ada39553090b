"""The generated area's local extracts: seeded, deterministic CSV files consistent with the register (ADR 0052).

The files are written from the casework register as the SEN2 importer loaded it, then loaded through the
extract importers like a council's own files, never written straight to the database. Every child with an
EHC plan in force, of school age and placed at one of the area's own schools (mainstream, special or
alternative provision: not an independent school or another area's), is in the census: as E with their rank-1 need if
the plan was issued by the census date, else as K (on SEN support until then) with the same need.
The other pupils are generated: SEN support (K) at England's published rate with its published mix of
needs, and no SEN (N). Rates beyond the published files are stated below and in docs/extracts.md.
"""

from __future__ import annotations

import csv
import hashlib
import json
import random
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import accumulate
from pathlib import Path

from sendboard.casework.generated_area import DEMO_LA, ETHNICITIES, IN_AREA, local_authorities, setting_kind
from sendboard.casework.models import ActivePlan, Placement, SenNeed
from sendboard.core.models import LocalArea
from sendboard.extracts.layouts import LAYOUTS, academic_age, academic_start, academic_year_of, age_on, ncy_age
from sendboard.extracts.upn import upn_with_check_letter

CALIBRATION = json.loads((Path(__file__).resolve().parent / "reference" / "calibration.json").read_text())
SCALES = {"small": 0.02, "county": 1.0, "england": 1.0}

# Cohort sizes by year group, relative to one full cohort (nursery classes and sixth forms are smaller).
NCY_WEIGHTS = {"N1": 0.3, "N2": 1.0, "R": 1.0, **{str(n): 1.0 for n in range(1, 12)}, "12": 0.45, "13": 0.4, "14": 0.02}
# Illustrative rates that the vendored files do not hold, rounded from the DfE's national publications; each
# is by SEN provision (N no SEN, K SEN support, E EHC plan). They give the demo its shape, not Worcestershire's figures.
FSM = {"N": 0.21, "K": 0.38, "E": 0.40}  # Schools, pupils and their characteristics; SEN in England
SUSPENSIONS_PER_PUPIL = {"N": 0.05, "K": 0.25, "E": 0.21}  # Suspensions and permanent exclusions in England, 2022/23
PERMANENT_PER_PUPIL = {"N": 0.0006, "K": 0.003, "E": 0.0015}
PHASE_FACTOR = {"NU": 0.0, "PR": 0.35, "SE": 1.9, "SP": 0.5, "AP": 4.0, "16": 0.3}
MEAN_ABSENCE = {"N": 0.06, "K": 0.08, "E": 0.09}  # Pupil absence in schools in England, 2023/24 (overall absence rates)
KS2_EXPECTED = {"N": 0.70, "K": 0.21, "E": 0.08}  # Key stage 2 attainment, 2024
ATT8_MEAN = {"N": 50.0, "K": 33.0, "E": 14.0}  # Key stage 4 performance, 2024
EM_GRADE4 = {"N": 0.72, "K": 0.40, "E": 0.16}
NEET_OUT_OF_SCHOOL = {"N": 0.045, "K": 0.09, "E": 0.10}  # NEET and participation, local authority figures, 2024
NOT_KNOWN = 0.02
YJ_WEIGHT = {"N": 1, "K": 6, "E": 5}  # Youth justice statistics: most children cautioned or sentenced have SEN
YJ_CASELOAD = 200  # young people on the county's caseload in a quarter
REASONS = {
    "PD": 0.35,
    "VA": 0.12,
    "VP": 0.08,
    "PP": 0.12,
    "PA": 0.05,
    "DA": 0.03,
    "DM": 0.03,
    "BU": 0.02,
    "RA": 0.01,
    "SM": 0.01,
    "TH": 0.01,
    "MT": 0.02,
    "WP": 0.03,
    "OT": 0.12,
}
# Community health waiting lists for a county (children and young people waiting at a month's end).
SERVICES = {
    "speech_and_language": ("Herefordshire and Worcestershire Health and Care NHS Trust", 900, 0.35, 0.08),
    "occupational_therapy": ("Herefordshire and Worcestershire Health and Care NHS Trust", 500, 0.45, 0.12),
    "community_paediatrics": ("Herefordshire and Worcestershire Health and Care NHS Trust", 1200, 0.55, 0.20),
    "audiology": ("Worcestershire Acute Hospitals NHS Trust", 300, 0.15, 0.02),
    "autism_assessment": ("Herefordshire and Worcestershire Health and Care NHS Trust", 2500, 0.80, 0.45),
}
AUDIT_SHARE = 0.08
GRADES = {1: 0.10, 2: 0.35, 3: 0.45, 4: 0.10}

# Vulnerable learners (ADR 0123). Some pupils are on part-time timetables and some are taken off roll between the
# autumn and spring censuses; their schools report only some of them, at a known rate, so that the tracking
# reconciliation can be measured. Who is which is a hash of the seed and the UPN, never a draw of the generator's
# random stream, so every other pupil's rows are unchanged and the tracking side can tell the same story.
# Illustrative shares, not published figures: DfE does not publish part-time timetable counts.
PART_TIME_SHARE = {"N": 0.002, "K": 0.012, "E": 0.015}
PART_TIME_ABSENCE = (
    0.15,
    0.65,
)  # the share of sessions a pupil on a part-time timetable misses (a few hours to most days)
OFF_ROLL_SHARE = 0.004  # pupils of compulsory school age on roll in the autumn census and gone by the spring one
SETTINGS_REPORT_RATE = 0.7  # the share of part-time timetables and removals from roll that schools report


def hashed_unit(seed: int, upn: str, what: str) -> float:
    """A number in [0, 1) fixed by the seed, the UPN and what it decides."""
    return int(hashlib.sha256(f"{seed}:{upn}:{what}".encode()).hexdigest()[:13], 16) / 16**13


def on_part_time_timetable(upn: str, sen: str, *, seed: int = 885) -> bool:
    return hashed_unit(seed, upn, "part-time") < PART_TIME_SHARE.get(sen, 0.0)


def part_time_absence_share(upn: str, *, seed: int = 885) -> float:
    low, high = PART_TIME_ABSENCE
    return low + (high - low) * hashed_unit(seed, upn, "part-time-absence")


def school_reports(upn: str, what: str, *, seed: int = 885) -> bool:
    """Whether the pupil's school reported it (a part-time timetable, a removal from roll)."""
    return hashed_unit(seed, upn, f"reported:{what}") < SETTINGS_REPORT_RATE


def autumn_census_date_for(census_date: date) -> date:
    """The autumn census before a spring census: the first Thursday of October."""
    first = date(census_date.year - 1, 10, 1)
    return first + timedelta(days=(3 - first.weekday()) % 7)


def size_against_demo(la_code: str) -> float:
    """Another council's pupils, looked-after children and caseloads scale with its published EHC plans against
    the demo area's (for the ``england`` size); the demo area is 1."""
    councils = local_authorities()
    if la_code == DEMO_LA or la_code not in councils:
        return 1.0
    return councils[la_code][4] / councils[DEMO_LA][4]


def census_date_for(as_of: date) -> date:
    """The latest spring census (third Thursday of January) on or before ``as_of``."""
    for year in (as_of.year, as_of.year - 1):
        first = date(year, 1, 1)
        day = first + timedelta(days=(3 - first.weekday()) % 7 + 14)
        if day <= as_of:
            return day
    raise AssertionError("unreachable")


def phase_for(ncy: str) -> str:
    if ncy in ("N1", "N2"):
        return "NU"
    if ncy == "R" or int(ncy) <= 6:
        return "PR"
    return "SE" if int(ncy) <= 11 else "16"


@dataclass
class Pupil:
    upn: str
    urn: str
    ncy: str
    phase: str
    born: date
    sex: str
    ethnicity: str
    fsm: bool
    sen: str
    need: str
    looked_after: bool = False
    child_in_need: bool = False
    plan_started: date | None = None


class ExtractGenerator:
    def __init__(self, *, area: LocalArea, size: str, as_of: date, seed: int) -> None:
        self.area = area
        self.scale = SCALES[size] * size_against_demo(area.la_code)
        self.as_of = as_of
        self.random = random.Random(f"{seed}:{area.la_code}:extracts")
        self.seed = seed
        self.census_date = census_date_for(as_of)
        self.year = academic_year_of(self.census_date)
        self.year_start = academic_start(self.year)
        self.year_end = min(date(self.year_start.year + 1, 8, 31), as_of)
        self.serial = 0
        self.out_of_school: list[tuple[str, date]] = []  # register young people of 16 or 17 at college or no setting

    def chance(self, p: float) -> bool:
        return self.random.random() < p

    def pick(self, weights: dict):
        return self.random.choices(list(weights), weights=list(weights.values()))[0]

    def day_between(self, start: date, end: date) -> date:
        return start + timedelta(days=self.random.randint(0, max(0, (end - start).days)))

    # -- the register's children -------------------------------------------------------------------------------
    def register_children(self) -> list[Pupil]:
        plans = {
            pid: (upn, born, sex, eth, started)
            for pid, upn, born, sex, eth, started in ActivePlan.objects.filter(
                request__child__local_area=self.area
            ).values_list(
                "id",
                "request__child__upn",
                "request__child__birth_date",
                "request__child__sex",
                "request__child__ethnicity",
                "request__assessment__named_plan__start_date",
            )
        }
        needs = dict(SenNeed.objects.filter(active_plan_id__in=plans, rank=1).values_list("active_plan_id", "sen_type"))
        urns = dict(
            Placement.objects.filter(active_plan_id__in=plans, placement_rank=1)
            .exclude(urn="")
            .values_list("active_plan_id", "urn")
        )
        pupils = []
        for pid, (upn, born, sex, eth, started) in sorted(plans.items(), key=lambda item: item[1][0]):
            age = academic_age(born, self.census_date)
            kind = setting_kind({"urn": urns[pid]}) if pid in urns else None
            if upn and kind is None and age in (16, 17):
                self.out_of_school.append((upn, born))  # at college, in work or training, or in no setting
            # The area's school census holds its own schools' pupils: not independent schools or other areas'.
            if not upn or kind not in IN_AREA or pid not in needs or not 2 <= age <= 18 or started is None:
                continue
            ncy = {2: "N1", 3: "N2", 4: "R"}.get(age) or str(age - 4)
            sen = "E" if started <= self.census_date else "K"
            phase = {"special": "SP", "alternative_provision": "AP"}.get(kind) or phase_for(ncy)
            pupils.append(
                Pupil(
                    upn,
                    urns[pid],
                    ncy,
                    phase,
                    born,
                    sex,
                    eth or "NOBT",
                    self.chance(FSM[sen]),
                    sen,
                    needs[pid],
                    plan_started=started,
                )
            )
        return pupils

    # -- the generated pupils ----------------------------------------------------------------------------------
    def upn(self) -> str:
        self.serial += 1
        return upn_with_check_letter(f"A{self.area.la_code}{500000000 + self.serial:09d}")

    def born_for(self, ncy: str) -> date:
        start = date(self.year_start.year - ncy_age(ncy) - 1, 9, 1)
        return start + timedelta(days=self.random.randint(0, 364))

    def generated_pupils(self, register_count: int) -> list[Pupil]:
        total = round(CALIBRATION["pupils_county"]["value"] * self.scale)
        support = round(total * CALIBRATION["pupils_with_sen_support_pct"]["value"] / 100)
        needs = CALIBRATION["sen_support_primary_need_pct"]["values"]
        cohort = total / sum(NCY_WEIGHTS.values())
        schools = {
            phase: [f"{base + n:06d}" for n in range(max(1, round(count * self.scale)))]
            for phase, base, count in (("PR", 300000, 170), ("SE", 310000, 30), ("NU", 320000, 10), ("AP", 330000, 4))
        }
        pupils = []
        statuses = ["K"] * support + ["N"] * max(0, total - register_count - support)
        self.random.shuffle(statuses)
        ncys = [ncy for ncy, weight in NCY_WEIGHTS.items() for _ in range(round(cohort * weight))]
        self.random.shuffle(ncys)
        for sen, ncy in zip(statuses, ncys, strict=False):
            phase = phase_for(ncy)
            if phase == "SE" and self.chance(0.02 if sen == "K" else 0.002):
                phase = "AP"
            urn = self.random.choice(schools["SE" if phase == "16" else phase])
            sex = ("M" if self.chance(0.64) else "F") if sen == "K" else ("M" if self.chance(0.5) else "F")
            pupils.append(
                Pupil(
                    self.upn(),
                    urn,
                    ncy,
                    phase,
                    self.born_for(ncy),
                    sex,
                    self.random.choice(ETHNICITIES),
                    self.chance(FSM[sen]),
                    sen,
                    self.pick(needs) if sen == "K" else "",
                )
            )
        return pupils

    def mark_social_care(self, pupils: list[Pupil]) -> None:
        """Looked after and children in need, in the numbers and SEN mix the DfE published for the area."""
        for flag, spec in (
            ("looked_after", CALIBRATION["looked_after"]),
            ("child_in_need", CALIBRATION["child_in_need"]),
        ):
            count = round(spec["pupils"] * self.scale)
            want = {"E": round(count * spec["ehc_plan_pct"] / 100), "K": round(count * spec["sen_support_pct"] / 100)}
            want["N"] = count - want["E"] - want["K"]
            for sen, n in want.items():
                free = [p for p in pupils if p.sen == sen and not p.looked_after and not p.child_in_need]
                for pupil in self.random.sample(free, min(n, len(free))):
                    setattr(pupil, flag, True)

    # -- the extracts ------------------------------------------------------------------------------------------
    def census(self, pupils: list[Pupil]) -> list[list]:
        yn = {True: "Y", False: "N"}
        return [
            [
                self.area.la_code,
                self.census_date.isoformat(),
                p.upn,
                p.urn,
                p.ncy,
                p.phase,
                p.born.isoformat(),
                p.sex,
                p.ethnicity,
                yn[p.fsm],
                p.sen,
                p.need,
                yn[p.looked_after],
                yn[p.child_in_need],
            ]
            for p in pupils
        ]

    def suspensions(self, pupils: list[Pupil]) -> list[list]:
        rows = []
        for p in pupils:
            factor = PHASE_FACTOR[p.phase]
            if factor == 0:
                continue
            expected = SUSPENSIONS_PER_PUPIL[p.sen] * factor
            count = 0
            while (
                self.random.random() < expected / (1 + expected) and count < 6
            ):  # geometric: mean close to ``expected``
                count += 1
            days = sorted({self.day_between(self.year_start, self.year_end) for _ in range(count)})
            for start in days:
                rows.append(
                    [
                        self.area.la_code,
                        p.upn,
                        p.urn,
                        self.year,
                        start.isoformat(),
                        "SUS",
                        f"{self.random.choice([1, 1, 2, 2, 2, 4, 6, 10]):.1f}",
                        self.pick(REASONS),
                    ]
                )
            if self.chance(PERMANENT_PER_PUPIL[p.sen] * factor):
                start = self.day_between(self.year_start, self.year_end)
                if start not in days:
                    rows.append(
                        [
                            self.area.la_code,
                            p.upn,
                            p.urn,
                            self.year,
                            start.isoformat(),
                            "PERM",
                            "0.0",
                            self.pick(REASONS),
                        ]
                    )
        return rows

    def attendance(self, pupils: list[Pupil]) -> list[list]:
        elapsed = min(1.0, (self.year_end - self.year_start).days / 364)
        possible = max(1, round(380 * elapsed))
        rows = []
        for p in pupils:
            if p.ncy in ("N1", "N2", "R", "12", "13", "14"):
                continue  # absence statistics cover compulsory school age, years 1 to 11
            rate = min(1.0, self.random.gammavariate(1.3, MEAN_ABSENCE[p.sen] / 1.3))
            if on_part_time_timetable(p.upn, p.sen, seed=self.seed):
                rate = part_time_absence_share(p.upn, seed=self.seed)
            rows.append([self.area.la_code, p.upn, p.urn, self.year, possible, round(possible * rate)])
        return rows

    def attainment(self, pupils: list[Pupil]) -> list[list]:
        """Results of the census year if it is over, else of the year before for the pupils who took them then."""
        over = self.as_of > date(self.year_start.year + 1, 8, 31)
        year = self.year if over else academic_year_of(self.year_start - timedelta(days=1))
        ks2, ks4 = ("6", "11") if over else ("7", "12")
        rows = []
        for p in pupils:
            if p.ncy == ks2:
                rows.append([self.area.la_code, p.upn, year, "KS2", "RWM_EXP", int(self.chance(KS2_EXPECTED[p.sen]))])
            elif p.ncy == ks4:
                score = min(90.0, max(0.0, self.random.gauss(ATT8_MEAN[p.sen], 14)))
                rows.append([self.area.la_code, p.upn, year, "KS4", "ATT8", f"{round(score * 4) / 4:.2f}"])
                rows.append([self.area.la_code, p.upn, year, "KS4", "EM_GRADE4", int(self.chance(EM_GRADE4[p.sen]))])
        return rows

    def neet(self, pupils: list[Pupil]) -> list[list]:
        """December to February of the census year (the DfE's NEET measure): pupils in school sixth forms are in
        education, as are the register's young people with plans at no school; the rest of the cohort (colleges,
        work, training or none) is generated, without UPNs, on SEN support or with no SEN."""
        months = [
            m
            for m in (
                date(self.year_start.year, 12, 1),
                date(self.year_start.year + 1, 1, 1),
                date(self.year_start.year + 1, 2, 1),
            )
            if m <= self.as_of
        ]
        in_school = [p for p in pupils if academic_age(p.born, self.census_date) in (16, 17)]
        cohort = round(CALIBRATION["pupils_county"]["value"] * self.scale / sum(NCY_WEIGHTS.values()) * 2)
        people = [(p.upn, p.born, p.sen, True) for p in in_school] + [
            (upn, born, "E", False) for upn, born in self.out_of_school
        ]
        for _ in range(len(people), cohort):
            sen = "K" if self.chance(0.15) else "N"
            people.append(("", self.born_for(self.random.choice(["12", "13"])), sen, False))
        rows = []
        for n, (upn, born, sen, school) in enumerate(people, start=1):
            ref = f"CCIS{n:07d}"
            activity = "EET"
            for month in months:
                if not school and (month == months[0] or self.chance(0.15)):
                    activity = (
                        "NOT_KNOWN"
                        if self.chance(NOT_KNOWN)
                        else ("NEET" if self.chance(NEET_OUT_OF_SCHOOL[sen]) else "EET")
                    )
                rows.append([self.area.la_code, ref, upn, born.isoformat(), month.strftime("%Y-%m"), activity, "", sen])
        return rows

    def youth_justice(self, pupils: list[Pupil]) -> list[list]:
        eligible = [p for p in pupils if 10 <= academic_age(p.born, self.census_date) <= 17]
        cumulative = list(accumulate(YJ_WEIGHT[p.sen] for p in eligible))
        size = max(1, round(YJ_CASELOAD * self.scale))
        rows, current, refs = [], [], {}
        start = self.year_start
        while start <= self.year_end and eligible:
            end = min((start.replace(day=1) + timedelta(days=92)).replace(day=1) - timedelta(days=1), self.year_end)
            kept = [p for p in current if self.chance(0.6)]
            chosen = {p.upn: p for p in kept}
            while len(chosen) < min(size, len(eligible)):
                p = self.random.choices(eligible, cum_weights=cumulative)[0]
                chosen.setdefault(p.upn, p)
            current = sorted(chosen.values(), key=lambda p: p.upn)
            for p in current:
                if not 10 <= age_on(p.born, start) <= 18:
                    continue
                ref = refs.setdefault(p.upn, f"YJ{len(refs) + 1:06d}")
                rows.append(
                    [self.area.la_code, ref, p.upn, p.born.isoformat(), start.isoformat(), end.isoformat(), p.sen]
                )
            start = end + timedelta(days=1)
        return rows

    def health_waits(self) -> list[list]:
        rows = []
        month = self.year_start
        step = 0
        while month <= self.year_end:
            for service, (provider, base, over18, over52) in SERVICES.items():
                waiting = max(0, round(base * self.scale * (1 + 0.015 * step) * self.random.uniform(0.95, 1.05)))
                long18 = round(waiting * min(1.0, over18 * self.random.uniform(0.9, 1.1)))
                long52 = round(long18 * min(1.0, over52 / over18 * self.random.uniform(0.9, 1.1)))
                median = 52 * over18 * self.random.uniform(0.8, 1.0)
                rows.append(
                    [
                        self.area.la_code,
                        service,
                        month.strftime("%Y-%m"),
                        provider,
                        waiting,
                        long18,
                        long52,
                        f"{median:.1f}",
                    ]
                )
            month = (month + timedelta(days=32)).replace(day=1)
            step += 1
        return rows

    def plan_audits(self, pupils: list[Pupil]) -> list[list]:
        rows = []
        for p in pupils:
            if p.plan_started is None or p.sen != "E" or not self.chance(AUDIT_SHARE):
                continue
            audited = self.day_between(max(self.year_start, p.plan_started), self.year_end)
            rows.append([self.area.la_code, p.upn, p.plan_started.isoformat(), audited.isoformat(), self.pick(GRADES)])
        return rows

    def pupils(self) -> tuple[list[Pupil], list[Pupil]]:
        """(the register's pupils, every pupil of the spring census), in UPN order."""
        register = self.register_children()
        pupils = register + self.generated_pupils(len(register))
        pupils.sort(key=lambda p: p.upn)
        self.mark_social_care(pupils)
        return register, pupils

    def leavers(self, pupils: list[Pupil]) -> list[Pupil]:
        """Pupils of compulsory school age on roll at the autumn census and taken off roll before the spring one,
        with UPNs after every other pupil's (drawn from a random stream of their own)."""
        draw = random.Random(f"{self.seed}:{self.area.la_code}:off-roll")
        compulsory = [p for p in pupils if p.ncy not in ("N1", "N2", "R", "12", "13", "14")]
        count = round(len(compulsory) * OFF_ROLL_SHARE)
        leavers = []
        for like in draw.sample(compulsory, min(count, len(compulsory))):
            leavers.append(
                Pupil(
                    self.upn(),
                    like.urn,
                    like.ncy,
                    like.phase,
                    like.born,
                    draw.choice("MF"),
                    draw.choice(ETHNICITIES),
                    draw.random() < FSM[like.sen],
                    like.sen,
                    like.need,
                )
            )
        return leavers

    def write_autumn_census(self, out_dir: Path, size: str) -> tuple[Path, list[Pupil]]:
        """The autumn census before the spring one: the same pupils (in the same year groups: the census year's
        own autumn term) and the leavers. Written only when asked (the tracking reconciliation's benchmark and
        the demo), so the spring extracts are the same with or without it."""
        _register, pupils = self.pupils()
        leavers = self.leavers(pupils)
        autumn = autumn_census_date_for(self.census_date)
        spring, self.census_date = self.census_date, autumn
        rows = self.census(sorted(pupils + leavers, key=lambda p: p.upn))
        self.census_date = spring
        layout = LAYOUTS["extract_census"]
        out_dir.mkdir(parents=True, exist_ok=True)
        path = (
            out_dir
            / f"extract-generated-{self.area.la_code}-{layout.filename}-autumn-{size}-{self.as_of.isoformat()}.csv"
        )
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(layout.header)
            writer.writerows(rows)
        return path, leavers

    def write(self, out_dir: Path, size: str) -> list[Path]:
        register, pupils = self.pupils()
        extracts = {
            "extract_census": self.census(pupils),
            "extract_suspensions": self.suspensions(pupils),
            "extract_attendance": self.attendance(pupils),
            "extract_attainment": self.attainment(pupils),
            "extract_neet": self.neet(pupils),
            "extract_youth_justice": self.youth_justice(pupils),
            "extract_health_waits": self.health_waits(),
            "extract_plan_audits": self.plan_audits(register),
        }
        out_dir.mkdir(parents=True, exist_ok=True)
        paths = []
        for kind, rows in extracts.items():
            layout = LAYOUTS[kind]
            path = (
                out_dir / f"extract-generated-{self.area.la_code}-{layout.filename}-{size}-{self.as_of.isoformat()}.csv"
            )
            with path.open("w", newline="", encoding="utf-8") as handle:
                writer = csv.writer(handle)
                writer.writerow(layout.header)
                writer.writerows(rows)
            paths.append(path)
        return paths


def autumn_census_generate(
    *, area: LocalArea, size: str, out_dir: Path, as_of: date, seed: int = 885
) -> tuple[Path, list[Pupil]]:
    """Write the autumn census before the generated spring census, with the pupils taken off roll in between."""
    return ExtractGenerator(area=area, size=size, as_of=as_of, seed=seed).write_autumn_census(out_dir, size)


def extract_files_generate(*, area: LocalArea, size: str, out_dir: Path, as_of: date, seed: int = 885) -> list[Path]:
    """Write every extract for ``area`` from its register, in the order they should load."""
    return ExtractGenerator(area=area, size=size, as_of=as_of, seed=seed).write(out_dir, size)
