"""Build tracking records and posts for tests."""

from __future__ import annotations

from datetime import date, timedelta

from sendboard.accounts.models import Organisation
from sendboard.tracking.models import MissingEducationCase, PartTimeTimetable, PlacedChild, RollRemoval
from tests.casework.helpers import worcestershire
from tests.factories import OrganisationFactory


def school(name: str = "Riverside Primary School", urn: str = "300001") -> Organisation:
    return OrganisationFactory(name=name, kind=Organisation.Kind.SETTING, code=urn)


def date_fields(name: str, day: date | None) -> dict:
    if day is None:
        return {f"{name}-day": "", f"{name}-month": "", f"{name}-year": ""}
    return {f"{name}-day": str(day.day), f"{name}-month": str(day.month), f"{name}-year": str(day.year)}


def pupil_post(
    *, upn: str = "", sen: str = "N", forename: str = "Jo", surname: str = "Bloggs", born=date(2016, 5, 4)
) -> dict:
    return {
        "forename": forename,
        "surname": surname,
        "upn": upn,
        "sen_provision": sen,
        **date_fields("birth_date", born),
    }


def timetable_post(
    *, start=date(2026, 1, 5), review=date(2026, 2, 2), end=None, hours="12.5", agreed="yes", **pupil
) -> dict:
    return {
        **pupil_post(**pupil),
        **date_fields("start_date", start),
        "hours_per_week": hours,
        "reason": "A medical condition: building back to full days",
        **date_fields("review_date", review),
        "parent_agreed": agreed,
        **date_fields("end_date", end),
    }


def timetable(
    *, setting: Organisation, review=date(2026, 2, 2), upn: str = "", sen: str = "N", end=None, forename: str = "Jo"
) -> PartTimeTimetable:
    return PartTimeTimetable.objects.create(
        local_area=worcestershire(),
        setting=setting,
        school_urn=setting.code,
        upn=upn,
        forename=forename,
        surname="Bloggs",
        birth_date=date(2016, 5, 4),
        sen_provision=sen,
        start_date=date(2026, 1, 5),
        hours_per_week=12,
        reason="Medical",
        review_date=review,
        parent_agreed=True,
        end_date=end,
    )


def indicator_records() -> None:
    """Records for every vulnerable learners' indicator, in 2025/26, worked by hand in test_indicators."""
    area, setting = worcestershire(), school()
    # 9 timetables began in 2025/26: 3 with a plan, 3 on SEN support, 3 with none; 2 began the year before
    for n, sen in enumerate("EEEKKKNNN"):
        record = timetable(setting=setting, sen=sen, upn=f"A{n:012d}")
        PartTimeTimetable.objects.filter(id=record.id).update(start_date=date(2025, 10, 1) + timedelta(days=n))
    # 6 ended in 2025/26, after 3, 3, 6, 6, 9 and 9 weeks: 6 weeks on average
    for n, weeks in enumerate([3, 3, 6, 6, 9, 9]):
        PartTimeTimetable.objects.filter(upn=f"A{n:012d}").update(
            end_date=date(2025, 10, 1) + timedelta(days=n, weeks=weeks)
        )
    for n in range(2):
        timetable(setting=setting, upn=f"B{n:012d}")  # began 5 January 2026 by default: same year
    PartTimeTimetable.objects.filter(upn__startswith="B").update(start_date=date(2025, 5, 1))
    # 12 removals from roll in 2025/26, 6 to an unknown destination: 50%
    for n in range(12):
        RollRemoval.objects.create(
            local_area=area,
            school_urn="300001",
            forename="A",
            surname="B",
            birth_date=date(2015, 1, 1),
            sen_provision="N",
            ground="other_school",
            removal_date=date(2025, 11, 1),
            destination_known=n >= 6,
            destination="",
            return_due=date(2025, 11, 8),
        )
    # 7 children missing education from 2025/26; 6 found in it after 10 days each; one still missing
    for n in range(7):
        MissingEducationCase.objects.create(
            local_area=area,
            source="referral",
            forename="C",
            surname="D",
            birth_date=date(2014, 1, 1),
            sen_provision="K",
            opened_on=date(2025, 11, 3),
            closed_on=date(2025, 11, 13) if n < 6 else None,
        )
    # 20 placements began in 2025/26: 14 notified on time, 4 late, 2 not at all
    for n in range(20):
        notified = date(2025, 9, 2) if n < 14 else (date(2025, 9, 30) if n < 18 else None)
        PlacedChild.objects.create(
            local_area=area,
            forename="E",
            surname="F",
            birth_date=date(2012, 1, 1),
            placing_council="London Borough of Lambeth",
            placing_contact="G",
            looked_after=True,
            has_plan=True,
            placed_on=date(2025, 9, 1),
            notified_on=notified,
            notification_due=date(2025, 9, 8),
        )
