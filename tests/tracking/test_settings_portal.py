"""Given schools reporting pupils, when they report and update part-time timetables, removals from roll and
children not attending, then each sees only its own pupils, a timetable for a child with a plan reaches the
caseworker at once, a removal with no known destination opens a children-missing-education case, and every
view of a child is logged."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.db import transaction

from sendboard.accounts.roles import Role
from sendboard.audit.models import AuditEvent
from sendboard.tracking.models import (
    CaseworkerTask,
    MissingEducationCase,
    NonAttendance,
    PartTimeTimetable,
    RollRemoval,
)
from tests.casework.helpers import make_case, team, worcestershire
from tests.factories import UserFactory
from tests.html import table_rows
from tests.tracking.helpers import date_fields, pupil_post, school, timetable, timetable_post

pytestmark = pytest.mark.django_db
FROZEN = time_machine.travel("2026-01-12 09:00 +0000", tick=False)


@pytest.fixture
def setting_user(sign_in):
    worcestershire()
    return sign_in(Role.SETTING_USER, organisation=school())


@FROZEN
def test_a_school_reports_a_part_time_timetable_and_sees_it(client, setting_user):
    response = client.post("/tracking/setting/part-time-timetables/new/", timetable_post())
    assert response.status_code == 302
    saved = PartTimeTimetable.objects.get()
    assert (saved.school_urn, saved.hours_per_week, saved.review_date, saved.parent_agreed) == (
        "300001",
        12.5,
        date(2026, 2, 2),
        True,
    )
    rows = table_rows(client.get("/tracking/setting/").content, "Part-time timetables in place")
    assert rows == [["Jo Bloggs – update the timetable", "5 January 2026", "12.5", "2 February 2026"]]


@FROZEN
def test_a_timetable_for_a_child_with_a_plan_gives_the_caseworker_a_task_at_once(client, setting_user):
    caseworker = UserFactory(role=Role.CASEWORKER)
    team(caseworker.organisation)
    child = make_case(caseworker=caseworker, active=True)
    client.post("/tracking/setting/part-time-timetables/new/", timetable_post(upn=child.upn, sen="E"))
    task = CaseworkerTask.objects.get()
    assert task.assigned_to == caseworker
    assert task.due_date == date(2026, 1, 19)  # 5 working days after Monday 12 January
    assert task.timetable.child == child


@FROZEN
def test_a_timetable_for_a_child_without_needs_makes_no_task(client, setting_user):
    client.post("/tracking/setting/part-time-timetables/new/", timetable_post(sen="N"))
    assert PartTimeTimetable.objects.count() == 1
    assert not CaseworkerTask.objects.exists()


@FROZEN
def test_the_timetable_and_its_task_land_together_or_not_at_all(setting_user, monkeypatch):
    from sendboard.tracking import services

    def broken(**kwargs):
        raise RuntimeError("the task could not be written")

    monkeypatch.setattr(services.CaseworkerTask.objects, "create", broken)
    from sendboard.tracking.forms import TimetableForm

    form = TimetableForm(timetable_post(sen="K"))
    assert form.is_valid(), form.errors
    with pytest.raises(RuntimeError), transaction.atomic():
        services.timetable_report(user=setting_user, setting=setting_user.organisation, data=form.cleaned_data)
    assert not PartTimeTimetable.objects.exists()


@FROZEN
def test_bad_input_says_what_is_wrong_and_keeps_what_was_typed(client, setting_user):
    data = timetable_post(review=date(2025, 12, 1), hours="40")
    data["forename"] = "Keep me"
    response = client.post("/tracking/setting/part-time-timetables/new/", data)
    text = response.content.decode()
    assert response.status_code == 200
    assert "The agreed review date must be on or after the start date" in text
    assert "Hours a week in education must be 32.5 or less" in text
    assert 'value="Keep me"' in text
    assert not PartTimeTimetable.objects.exists()


@FROZEN
def test_a_school_cannot_see_or_change_another_schools_pupils(client, setting_user):
    other = timetable(setting=school("Hilltop Academy", "300002"), forename="Other")
    mine = timetable(setting=setting_user.organisation, forename="Mine")
    rows = table_rows(client.get("/tracking/setting/").content, "Part-time timetables in place")
    assert [row[0] for row in rows] == ["Mine Bloggs – update the timetable"]
    url = f"/tracking/setting/part-time-timetables/{other.public_id}/"
    assert client.get(url).status_code == 404
    assert client.post(url, {"hours_per_week": "1"}).status_code == 404
    other.refresh_from_db()
    assert other.hours_per_week == 12
    assert client.get(f"/tracking/setting/part-time-timetables/{mine.public_id}/").status_code == 200


@FROZEN
def test_a_school_cannot_reach_the_area_pages(client, setting_user):
    for url in (
        "/tracking/",
        "/tracking/weekly-list/",
        "/tracking/missing-education/",
        "/tracking/placed/",
        "/tracking/unreported/",
    ):
        assert client.get(url).status_code == 403, url


@FROZEN
def test_updating_the_review_date_clears_an_escalation(client, setting_user):
    record = timetable(setting=setting_user.organisation, review=date(2026, 1, 5))
    PartTimeTimetable.objects.filter(id=record.id).update(escalated_on=date(2026, 1, 7))
    data = {
        "hours_per_week": "15",
        "reason": "Reviewed",
        "parent_agreed": "yes",
        **date_fields("review_date", date(2026, 2, 9)),
        **date_fields("end_date", None),
    }
    assert client.post(f"/tracking/setting/part-time-timetables/{record.public_id}/", data).status_code == 302
    record.refresh_from_db()
    assert (record.review_date, record.escalated_on, record.hours_per_week) == (date(2026, 2, 9), None, 15)


@FROZEN
def test_a_removal_with_no_known_destination_opens_a_missing_education_case(client, setting_user):
    data = {
        **pupil_post(upn="A123456789012"),
        "ground": "absent_20_days",
        **date_fields("removal_date", date(2026, 1, 9)),
        "destination_known": "no",
        "destination": "",
    }
    assert client.post("/tracking/setting/removals/new/", data).status_code == 302
    removal = RollRemoval.objects.get()
    assert removal.return_due == date(2026, 1, 16)
    case = MissingEducationCase.objects.get()
    assert (case.removal, case.source, case.opened_on, case.upn) == (
        removal,
        "removal",
        date(2026, 1, 9),
        "A123456789012",
    )


@FROZEN
def test_a_removal_to_a_known_school_opens_no_case_and_needs_the_destination(client, setting_user):
    data = {
        **pupil_post(),
        "ground": "other_school",
        **date_fields("removal_date", date(2026, 1, 9)),
        "destination_known": "yes",
        "destination": "",
    }
    response = client.post("/tracking/setting/removals/new/", data)
    assert "Enter where the pupil has gone, or answer no" in response.content.decode()
    data["destination"] = "Hilltop Academy, Malvern"
    assert client.post("/tracking/setting/removals/new/", data).status_code == 302
    assert RollRemoval.objects.get().destination == "Hilltop Academy, Malvern"
    assert not MissingEducationCase.objects.exists()


@FROZEN
def test_a_school_reports_a_child_not_attending(client, setting_user):
    data = {**pupil_post(), **date_fields("since", date(2026, 1, 6)), "note": "No contact from home"}
    assert client.post("/tracking/setting/not-attending/new/", data).status_code == 302
    rows = table_rows(client.get("/tracking/setting/").content, "Children not attending")
    assert [row[:3] for row in rows] == [["Jo Bloggs", "6 January 2026", "No special educational needs"]]
    record = NonAttendance.objects.get()
    other = NonAttendance.objects.create(
        local_area=record.local_area,
        setting=None,
        school_urn="300002",
        forename="O",
        surname="P",
        birth_date=date(2016, 1, 1),
        sen_provision="N",
        since=date(2026, 1, 5),
    )
    assert client.post(f"/tracking/setting/not-attending/{other.public_id}/back/").status_code == 404
    assert client.get(f"/tracking/setting/not-attending/{record.public_id}/back/").status_code == 405
    assert client.post(f"/tracking/setting/not-attending/{record.public_id}/back/").status_code == 302
    record.refresh_from_db()
    other.refresh_from_db()
    assert (record.resolved_on, other.resolved_on) == (date(2026, 1, 12), None)
    rows = table_rows(client.get("/tracking/setting/").content, "Children not attending")
    assert rows == [["You have reported no child not attending."]]


@FROZEN
def test_every_view_of_a_child_is_logged_by_opaque_id(client, setting_user):
    record = timetable(setting=setting_user.organisation)
    client.get("/tracking/setting/")
    client.get(f"/tracking/setting/part-time-timetables/{record.public_id}/")
    details = sorted(AuditEvent.objects.filter(kind=AuditEvent.Kind.RECORD_VIEWED).values_list("detail", flat=True))
    assert details == [f"Part-time timetable {record.public_id}", f"Part-time timetable {record.public_id} in a list"]
    assert not AuditEvent.objects.filter(detail__contains="Bloggs").exists()


def test_a_setting_with_no_urn_reports_nothing(client, sign_in):
    sign_in(Role.SETTING_USER, organisation=school(urn=""))
    response = client.get("/tracking/setting/")
    assert "not linked to a school, college or setting with a unique reference number" in response.content.decode()
    assert client.get("/tracking/setting/part-time-timetables/new/").status_code == 404


def test_no_api_hands_a_school_anything(client, setting_user):
    """No API serves tracking's records, and the APIs that exist refuse a school's account."""
    from django.urls import URLPattern, URLResolver, get_resolver

    def walk(resolver, prefix=""):
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                yield from walk(entry, prefix + str(entry.pattern))
            elif isinstance(entry, URLPattern):
                yield prefix + str(entry.pattern), entry.callback

    api = [(route, view) for route, view in walk(get_resolver()) if route.startswith("api/")]
    assert api and not any(view.__module__.startswith("sendboard.tracking") for _, view in api)
    for path in ("/api/v1/plans", "/api/v1/inspections"):
        assert client.get(path).status_code == 403


@FROZEN
def test_whole_hours_are_shown_as_people_write_them(client, setting_user):
    timetable(setting=setting_user.organisation)  # 12 hours a week, stored with one decimal place
    rows = table_rows(client.get("/tracking/setting/").content, "Part-time timetables in place")
    assert [row[2] for row in rows] == ["12"]
