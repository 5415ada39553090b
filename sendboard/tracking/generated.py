"""The generated area's vulnerable learners (ADR 0123): the autumn census before the generated spring one (with
the pupils taken off roll in between), and what the area's schools reported of the part-time timetables and
removals the generated extracts hold, at the known rate ``SETTINGS_REPORT_RATE``. The truth is returned too, so
the reconciliation's precision and recall can be measured against it (``bench/bench_tracking_reconciliation.py``).

The autumn census loads through the census importer like a council's own file; the reports are written straight
to tracking's tables, as a settings portal would have received them over the year. Names are made up.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from django.db import transaction

from sendboard.accounts.models import Organisation
from sendboard.casework.models import Child
from sendboard.core.models import LocalArea
from sendboard.extracts.generated import (
    autumn_census_date_for,
    autumn_census_generate,
    census_date_for,
    hashed_unit,
    on_part_time_timetable,
    part_time_absence_share,
    school_reports,
)
from sendboard.extracts.models import Attendance, CensusPupil
from sendboard.extracts.services import extract_import
from sendboard.tracking.models import CaseworkerTask, MissingEducationCase, PartTimeTimetable, RollRemoval
from sendboard.tracking.services import rule_due

FORENAMES = [
    "Alfie",
    "Amelia",
    "Archie",
    "Ava",
    "Charlie",
    "Ella",
    "Freddie",
    "Grace",
    "Harry",
    "Isla",
    "Jack",
    "Lily",
    "Leo",
    "Mia",
    "Noah",
    "Olivia",
    "Oscar",
    "Poppy",
    "Riley",
    "Sophia",
    "Theo",
    "Zara",
]
SURNAMES = [
    "Ahmed",
    "Baker",
    "Clarke",
    "Davies",
    "Evans",
    "Green",
    "Hughes",
    "Jones",
    "Khan",
    "Lewis",
    "Morris",
    "Patel",
    "Roberts",
    "Smith",
    "Taylor",
    "Walker",
    "Williams",
    "Wood",
    "Wright",
    "Young",
]
REASONS = [
    "A medical condition: building back to full days",
    "Anxiety: a phased return agreed with the family",
    "Returning after a long illness",
    "Part of a plan to return to full-time education after a managed move",
]
FULL_TIME_HOURS = 32.5  # a school week of about six and a half hours a day
GROUNDS_WITH_DESTINATION = ["other_school", "moved_away", "home_education"]
GROUNDS_WITHOUT = ["absent_20_days", "leave_not_returned"]


@dataclass
class Truth:
    part_time: set[str] = field(default_factory=set)
    part_time_reported: set[str] = field(default_factory=set)
    removed: set[str] = field(default_factory=set)
    removed_reported: set[str] = field(default_factory=set)

    @property
    def unreported(self) -> dict[str, set[str]]:
        return {
            "part_time": self.part_time - self.part_time_reported,
            "disappeared": self.removed - self.removed_reported,
        }


def _pick(seed: int, upn: str, what: str, options: list):
    return options[int(hashed_unit(seed, upn, what) * len(options))]


def _day(seed: int, upn: str, what: str, start: date, end: date) -> date:
    return start + timedelta(days=int(hashed_unit(seed, upn, what) * max(1, (end - start).days)))


def _pupil_fields(seed: int, upn: str, child: Child | None) -> dict:
    if child is not None:
        return {"forename": child.forename, "surname": child.surname, "child": child}
    return {
        "forename": _pick(seed, upn, "forename", FORENAMES),
        "surname": _pick(seed, upn, "surname", SURNAMES),
        "child": None,
    }


@transaction.atomic
def generated_tracking_load(*, area: LocalArea, size: str, out_dir: Path, as_of: date, seed: int = 885) -> Truth:
    """Load the autumn census and the schools' reports into an area whose generated extracts are loaded."""
    path, leavers = autumn_census_generate(area=area, size=size, out_dir=out_dir, as_of=as_of, seed=seed)
    outcome = extract_import(kind="extract_census", path=path, filename=path.name)
    if not (outcome.loaded or outcome.already_loaded):
        raise ValueError(f"The generated autumn census did not load: {outcome.report.problems[:3]}")
    spring = census_date_for(as_of)
    autumn = autumn_census_date_for(spring)
    census = {
        upn: (sen, born, urn)
        for upn, sen, born, urn in CensusPupil.objects.filter(local_area=area, census_date=spring).values_list(
            "upn", "sen_provision", "birth_date", "school_urn"
        )
    }
    settings = {org.code: org for org in Organisation.objects.filter(kind=Organisation.Kind.SETTING).exclude(code="")}
    children = {c.upn: c for c in Child.objects.filter(local_area=area).exclude(upn="").select_related("caseworker")}
    truth = Truth()
    years = list(
        Attendance.objects.filter(local_area=area)
        .values_list("academic_year", flat=True)
        .distinct()
        .order_by("-academic_year")[:1]
    )
    year_start = date(int(years[0][:4]), 9, 1) if years else spring
    timetables, tasks = [], []
    for upn, urn in (
        Attendance.objects.filter(local_area=area, academic_year__in=years)
        .values_list("upn", "school_urn")
        .order_by("upn")
    ):
        sen, born, _ = census.get(upn, ("N", None, urn))
        if born is None or not on_part_time_timetable(upn, sen, seed=seed):
            continue
        truth.part_time.add(upn)
        if not school_reports(upn, "part-time", seed=seed):
            continue
        truth.part_time_reported.add(upn)
        start = _day(seed, upn, "start", year_start, as_of - timedelta(days=14))
        review = start + timedelta(weeks=6)
        if review < as_of and hashed_unit(seed, upn, "reviewed") < 0.75:
            review = as_of + timedelta(
                days=1 + int(hashed_unit(seed, upn, "next-review") * 27)
            )  # the school held its review
        timetables.append(
            PartTimeTimetable(
                local_area=area,
                setting=settings.get(urn),
                school_urn=urn,
                upn=upn,
                birth_date=born,
                sen_provision=sen,
                **_pupil_fields(seed, upn, children.get(upn)),
                start_date=start,
                hours_per_week=Decimal(round(FULL_TIME_HOURS * (1 - part_time_absence_share(upn, seed=seed)) * 2) / 2),
                reason=_pick(seed, upn, "reason", REASONS),
                review_date=review,
                parent_agreed=hashed_unit(seed, upn, "agreed") < 0.9,
            )
        )
    PartTimeTimetable.objects.bulk_create(timetables)
    for timetable in timetables:
        if timetable.sen_provision in ("E", "K"):
            done = timetable.start_date < as_of - timedelta(days=30)
            tasks.append(
                CaseworkerTask(
                    timetable=timetable,
                    assigned_to=timetable.child.caseworker if timetable.child else None,
                    due_date=rule_due("ptt-caseworker-check", timetable.start_date),
                    done_on=timetable.start_date + timedelta(days=3) if done else None,
                    note="Provision checked with the school" if done else "",
                )
            )
    CaseworkerTask.objects.bulk_create(tasks)
    for pupil in leavers:
        truth.removed.add(pupil.upn)
        if not school_reports(pupil.upn, "removal", seed=seed):
            continue
        truth.removed_reported.add(pupil.upn)
        known = hashed_unit(seed, pupil.upn, "destination") < 0.8
        removed_on = _day(seed, pupil.upn, "removed", autumn + timedelta(days=7), spring - timedelta(days=1))
        removal = RollRemoval.objects.create(
            local_area=area,
            setting=settings.get(pupil.urn),
            school_urn=pupil.urn,
            upn=pupil.upn,
            birth_date=pupil.born,
            sen_provision=pupil.sen,
            **_pupil_fields(seed, pupil.upn, None),
            ground=_pick(seed, pupil.upn, "ground", GROUNDS_WITH_DESTINATION if known else GROUNDS_WITHOUT),
            removal_date=removed_on,
            destination_known=known,
            destination="A school in another council's area" if known else "",
            return_due=rule_due("deletion-return", removed_on),
        )
        if not known:
            closed = removed_on + timedelta(days=5 + int(hashed_unit(seed, pupil.upn, "days") * 40))
            found = hashed_unit(seed, pupil.upn, "found") < 0.6 and closed <= as_of
            MissingEducationCase.objects.create(
                local_area=area,
                source=MissingEducationCase.Source.REMOVAL,
                removal=removal,
                forename=removal.forename,
                surname=removal.surname,
                birth_date=removal.birth_date,
                upn=removal.upn,
                sen_provision=removal.sen_provision,
                referred_by="The school",
                opened_on=removed_on,
                closed_on=closed if found else None,
                found_where="On roll at a school in another council's area" if found else "",
            )
    return truth
