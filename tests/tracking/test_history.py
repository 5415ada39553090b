"""Given a vulnerable learner's record, when a school, a caseworker or the weekly meeting changes it, then its
history keeps what the values were before and after, in words, on the record's page (ADR 0115)."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from sendboard.accounts.roles import Role
from sendboard.audit.selectors import changes_to
from sendboard.tracking.models import (
    CaseworkerTask,
    MissingEducationCase,
    PartTimeTimetable,
    PlacedChild,
    RollRemoval,
)
from tests.casework.helpers import team, worcestershire
from tests.tracking.helpers import date_fields, pupil_post, school, timetable, timetable_post

pytestmark = pytest.mark.django_db
FROZEN = time_machine.travel("2026-01-12 09:00 +0000", tick=False)
HISTORY = "//h2[text()='History']/following-sibling::ul[1]/li"


def _update(review: date, hours: str = "12.5") -> dict:
    return {
        "hours_per_week": hours,
        "reason": "A medical condition: building back to full days",
        "parent_agreed": "yes",
        **date_fields("review_date", review),
        **date_fields("end_date", None),
    }


@pytest.fixture
def setting_user(sign_in):
    worcestershire()
    return sign_in(Role.SETTING_USER, organisation=school(), first_name="Riya", last_name="Head")


@pytest.fixture
def manager(sign_in):
    user = sign_in(Role.TEAM_MANAGER, first_name="Tom", last_name="Manager")
    team(user.organisation, worcestershire())
    return user


def _case() -> MissingEducationCase:
    return MissingEducationCase.objects.create(
        local_area=worcestershire(),
        source="referral",
        forename="Sam",
        surname="Lost",
        birth_date=date(2013, 2, 1),
        sen_provision="K",
        opened_on=date(2025, 12, 1),
    )


@FROZEN
def test_a_timetable_update_keeps_the_values_before_and_after_on_the_timetable_page(client_request, setting_user):
    record = timetable(setting=setting_user.organisation, review=date(2026, 2, 2))
    url = reverse("tracking:timetable-edit", args=[record.public_id])
    client_request.post(url, _update(date(2026, 3, 2), hours="15"))
    page = client_request.get(url)
    assert page.texts(HISTORY + "/strong") == ["12 January 2026 at 09:00, Riya Head: Part-time timetable updated"]
    assert page.texts(HISTORY + "/ul/li") == [
        "Hours a week: 12 → 15",
        "Why: Medical → A medical condition: building back to full days",
        "Agreed review date: 2 February 2026 → 2 March 2026",
    ]


@FROZEN
def test_saving_a_timetable_unchanged_adds_nothing_to_its_history(client_request, setting_user):
    record = timetable(setting=setting_user.organisation, review=date(2026, 2, 2))
    url = reverse("tracking:timetable-edit", args=[record.public_id])
    client_request.post(url, {**_update(date(2026, 2, 2), hours="12"), "reason": "Medical"})
    assert client_request.get(url).text("//h2[text()='History']/following-sibling::p[1]") == "No changes recorded yet."


@FROZEN
def test_a_reported_timetable_keeps_what_the_school_reported(client, setting_user):
    client.post(reverse("tracking:timetable-new"), timetable_post())
    change = changes_to(PartTimeTimetable.objects.get()).get()
    assert (change.what, change.before, change.after["review_date"], change.after["hours_per_week"]) == (
        "Part-time timetable reported",
        {},
        "2026-02-02",
        "12.5",
    )


@FROZEN
def test_a_removal_from_roll_keeps_its_ground_and_date(client, setting_user):
    data = {
        **pupil_post(),
        "ground": "other_school",
        **date_fields("removal_date", date(2026, 1, 9)),
        "destination_known": "yes",
        "destination": "Hilltop Academy, Malvern",
    }
    client.post(reverse("tracking:removal-new"), data)
    change = changes_to(RollRemoval.objects.get()).get()
    assert (change.what, change.changed_by, change.after) == (
        "Removal from roll reported",
        setting_user,
        {
            "ground": "other_school",
            "removal_date": "2026-01-09",
            "destination_known": True,
            "destination": "Hilltop Academy, Malvern",
        },
    )


@FROZEN
def test_a_caseworkers_check_shows_in_the_timetables_history(client_request, sign_in):
    caseworker = sign_in(Role.CASEWORKER, first_name="Cai", last_name="Worker")
    team(caseworker.organisation, worcestershire())
    task = CaseworkerTask.objects.create(
        timetable=timetable(setting=school(), sen="E"), assigned_to=caseworker, due_date=date(2026, 1, 19)
    )
    url = reverse("tracking:task", args=[task.public_id])
    client_request.post(url, {"note": "Provision in the plan is being delivered"})
    page = client_request.get(url)
    assert page.texts(HISTORY + "/strong") == ["12 January 2026 at 09:00, Cai Worker: Provision checked"]
    assert page.texts(HISTORY + "/ul/li") == [
        "Checked on: none → 12 January 2026",
        "Note: none → Provision in the plan is being delivered",
    ]


@FROZEN
def test_a_meeting_decision_shows_in_the_cases_history(client_request, manager):
    case = _case()
    decision = {
        **date_fields("meeting_date", date(2026, 1, 12)),
        "agreed_action": "Home visit with police",
        "owner": "Kim, CME officer",
        **date_fields("action_by", date(2026, 1, 14)),
    }
    client_request.post(reverse("tracking:decision", args=["case", case.public_id]), decision)
    page = client_request.get(reverse("tracking:case", args=[case.public_id]))
    assert page.texts(HISTORY + "/strong") == [
        "12 January 2026 at 09:00, Tom Manager: Weekly meeting decision recorded"
    ]
    assert page.texts(HISTORY + "/ul/li") == [
        "Meeting: 12 January 2026",
        "Agreed action: Home visit with police",
        "Who will do it: Kim, CME officer",
        "Action by: 14 January 2026",
    ]


@FROZEN
def test_closing_a_case_keeps_where_the_child_was_found(client_request, manager):
    case = _case()
    url = reverse("tracking:case", args=[case.public_id])
    client_request.post(url, {"action": "close", **date_fields("closed_on", date(2026, 1, 9)), "found_where": "Leeds"})
    page = client_request.get(url)
    assert page.texts(HISTORY + "/strong") == ["12 January 2026 at 09:00, Tom Manager: Missing education case closed"]
    assert page.texts(HISTORY + "/ul/li") == ["Closed on: none → 9 January 2026", "Where found: none → Leeds"]


@FROZEN
def test_a_placed_childs_page_shows_what_changed(client_request, manager):
    placed = PlacedChild.objects.create(
        local_area=worcestershire(),
        forename="Ali",
        surname="Placed",
        birth_date=date(2012, 4, 4),
        placing_council="Lambeth",
        placing_contact="Pat",
        looked_after=True,
        has_plan=True,
        placed_on=date(2025, 11, 3),
    )
    url = reverse("tracking:placed-edit", args=[placed.public_id])
    data = {
        "forename": "Ali",
        "surname": "Placed",
        **date_fields("birth_date", date(2012, 4, 4)),
        "placing_council": "Lambeth",
        "placing_contact": "Pat",
        "placing_contact_email": "",
        "looked_after": "yes",
        "has_plan": "yes",
        **date_fields("placed_on", date(2025, 11, 3)),
        **date_fields("notified_on", None),
        "school": "Hilltop Academy",
        **date_fields("last_review", None),
        **date_fields("next_review", None),
        **date_fields("left_on", None),
    }
    client_request.post(url, data)
    page = client_request.get(url)
    assert page.texts(HISTORY + "/ul/li") == ["School: none → Hilltop Academy"]


@FROZEN
def test_a_cases_page_reads_its_history_in_one_query_however_long(client, manager, django_assert_max_num_queries):
    case = _case()
    url = reverse("tracking:case", args=[case.public_id])
    for day in (5, 6, 7, 8, 9):
        client.post(
            url,
            {"action": "enquiry", **date_fields("made_on", date(2026, 1, day)), "made_with": "School", "outcome": "No"},
        )
    with django_assert_max_num_queries(14):
        assert client.get(url).status_code == 200
