"""Given more children on tracking's lists, when the lists are opened, then each reads in the same number of
queries (no query per row)."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sendboard.accounts.roles import Role
from sendboard.tracking.models import CaseworkerTask, MeetingDecision, MissingEducationCase, PlacedChild
from tests.casework.helpers import team, worcestershire
from tests.tracking.helpers import school, timetable

pytestmark = pytest.mark.django_db


def _grow(n: int, user) -> None:
    area, setting = worcestershire(), school()
    for i in range(n):
        record = timetable(setting=setting, review=date(2025, 1, 6), sen="E", forename=f"P{i}")
        CaseworkerTask.objects.create(timetable=record, assigned_to=user, due_date=date(2025, 1, 13))
        case = MissingEducationCase.objects.create(
            local_area=area,
            source="referral",
            forename=f"C{i}",
            surname="Lost",
            birth_date=date(2013, 2, 1),
            sen_provision="K",
            opened_on=date(2025, 12, 1),
        )
        MeetingDecision.objects.create(
            meeting_date=date(2025, 12, 8), case=case, agreed_action="Visit", owner="Kim", action_by=date(2025, 12, 15)
        )
        PlacedChild.objects.create(
            local_area=area,
            forename=f"A{i}",
            surname="Placed",
            birth_date=date(2012, 4, 4),
            placing_council="Lambeth",
            placing_contact="Pat",
            looked_after=True,
            has_plan=True,
            placed_on=date(2025, 11, 3),
            local_contact=user,
        )


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


@pytest.mark.parametrize(
    "name",
    [
        "tracking:overview",
        "tracking:my-tasks",
        "tracking:weekly-list",
        "tracking:cases",
        "tracking:placed",
        "tracking:setting",
    ],
)
def test_lists_read_in_a_fixed_number_of_queries(client, sign_in, name):
    role = Role.SETTING_USER if name == "tracking:setting" else Role.TEAM_MANAGER
    user = sign_in(role, organisation=school()) if role == Role.SETTING_USER else sign_in(role)
    if role == Role.TEAM_MANAGER:
        team(user.organisation, worcestershire())
    _grow(2, user)  # two, so that the audit log takes its two inserts (one, then the rest) both times
    few = _queries(client, reverse(name))
    _grow(6, user)
    assert _queries(client, reverse(name)) == few
