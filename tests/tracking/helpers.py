"""Build tracking records and posts for tests."""

from __future__ import annotations

from datetime import date

from sendboard.accounts.models import Organisation
from sendboard.tracking.models import PartTimeTimetable
from tests.casework.helpers import worcestershire
from tests.factories import OrganisationFactory


def school(name: str = "Riverside Primary School", urn: str = "300001") -> Organisation:
    return OrganisationFactory(name=name, kind=Organisation.Kind.SETTING, code=urn)


def date_fields(name: str, day: date | None) -> dict:
    if day is None:
        return {f"{name}-day": "", f"{name}-month": "", f"{name}-year": ""}
    return {f"{name}-day": str(day.day), f"{name}-month": str(day.month), f"{name}-year": str(day.year)}


def pupil_post(*, upn: str = "", sen: str = "N", forename: str = "Jo", surname: str = "Bloggs", born=date(2016, 5, 4)) -> dict:
    return {"forename": forename, "surname": surname, "upn": upn, "sen_provision": sen, **date_fields("birth_date", born)}


def timetable_post(*, start=date(2026, 1, 5), review=date(2026, 2, 2), end=None, hours="12.5", agreed="yes", **pupil) -> dict:
    return {**pupil_post(**pupil), **date_fields("start_date", start), "hours_per_week": hours,
            "reason": "A medical condition: building back to full days", **date_fields("review_date", review),
            "parent_agreed": agreed, **date_fields("end_date", end)}


def timetable(*, setting: Organisation, review=date(2026, 2, 2), upn: str = "", sen: str = "N", end=None,
              forename: str = "Jo") -> PartTimeTimetable:
    return PartTimeTimetable.objects.create(
        local_area=worcestershire(), setting=setting, school_urn=setting.code, upn=upn, forename=forename, surname="Bloggs",
        birth_date=date(2016, 5, 4), sen_provision=sen, start_date=date(2026, 1, 5), hours_per_week=12,
        reason="Medical", review_date=review, parent_agreed=True, end_date=end)
