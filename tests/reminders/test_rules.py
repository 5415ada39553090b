"""Who is reminded of what, and when (ADR 0160): each rule on its own."""

from datetime import timedelta

import pytest

from sendboard.accounts.roles import Role
from sendboard.reminders.models import ReminderEmail
from sendboard.reminders.services import reminders_make
from tests.casework.helpers import other_area
from tests.factories import UserFactory
from tests.reminders.helpers import TODAY, Team, child, step

pytestmark = pytest.mark.django_db


def made():
    return sorted((r.kind, r.recipient.username, r.on_date) for r in ReminderEmail.objects.exclude(kind="digest"))


def test_the_caseworker_gets_a_coming_up_reminder_on_the_warning_date():
    team = Team()
    step(of=child(caseworker=team.caseworker), warning=TODAY, due=TODAY + timedelta(days=21))
    reminders_make(today=TODAY)
    assert made() == [("warning", team.caseworker.username, TODAY)]


def test_nothing_before_the_warning_date():
    team = Team()
    step(of=child(caseworker=team.caseworker), warning=TODAY + timedelta(days=1), due=TODAY + timedelta(days=22))
    reminders_make(today=TODAY)
    assert made() == []


def test_a_due_soon_reminder_goes_two_days_before_the_due_date():
    team = Team()
    due = TODAY + timedelta(days=2)
    step(of=child(caseworker=team.caseworker), warning=TODAY - timedelta(days=19), due=due)
    reminders_make(today=TODAY)
    assert made() == [("due", team.caseworker.username, due)]


def test_an_overdue_step_gets_no_reminder():
    team = Team()
    step(of=child(caseworker=team.caseworker), due=TODAY - timedelta(days=1))
    reminders_make(today=TODAY)
    assert made() == []


def test_a_done_step_gets_no_reminder():
    team = Team()
    step(of=child(caseworker=team.caseworker), warning=TODAY, due=TODAY + timedelta(days=21), done=TODAY)
    reminders_make(today=TODAY)
    assert made() == []


def test_each_reminder_is_made_once_however_often_the_command_runs():
    team = Team()
    step(of=child(caseworker=team.caseworker), warning=TODAY - timedelta(days=3), due=TODAY + timedelta(days=18))
    reminders_make(today=TODAY - timedelta(days=3))
    reminders_make(today=TODAY - timedelta(days=2))
    reminders_make(today=TODAY)
    assert made() == [("warning", team.caseworker.username, TODAY - timedelta(days=3))]


def test_the_warning_and_the_due_soon_reminders_are_two_reminders():
    team = Team()
    due = TODAY + timedelta(days=2)
    step(of=child(caseworker=team.caseworker), warning=TODAY - timedelta(days=5), due=due)
    reminders_make(today=TODAY - timedelta(days=5))
    reminders_make(today=TODAY)
    assert made() == [
        ("due", team.caseworker.username, due),
        ("warning", team.caseworker.username, TODAY - timedelta(days=5)),
    ]


def test_a_due_date_that_moves_is_reminded_again():
    team = Team()
    row = step(of=child(caseworker=team.caseworker), warning=TODAY - timedelta(days=5), due=TODAY + timedelta(days=1))
    reminders_make(today=TODAY)
    row.due_date = TODAY + timedelta(days=2)
    row.save()
    reminders_make(today=TODAY)
    assert made() == [
        ("due", team.caseworker.username, TODAY + timedelta(days=1)),
        ("due", team.caseworker.username, TODAY + timedelta(days=2)),
    ]


def test_an_unallocated_case_reminds_the_areas_team_managers():
    team = Team()
    second = UserFactory(role=Role.CASEWORKER, additional_roles=[Role.TEAM_MANAGER], organisation=team.organisation)
    Team(area=other_area())  # another area's manager is not reminded
    step(of=child(caseworker=None), warning=TODAY, due=TODAY + timedelta(days=21))
    reminders_make(today=TODAY)
    assert made() == sorted([("warning", team.manager.username, TODAY), ("warning", second.username, TODAY)])


def test_a_caseworker_who_has_left_is_replaced_by_the_team_managers():
    team = Team()
    team.caseworker.is_active = False
    team.caseworker.save()
    step(of=child(caseworker=team.caseworker), warning=TODAY, due=TODAY + timedelta(days=21))
    reminders_make(today=TODAY)
    assert made() == [("warning", team.manager.username, TODAY)]


def test_nobody_without_an_email_address_is_sent_anything():
    team = Team()
    team.manager.email = ""
    team.manager.save()
    step(of=child(caseworker=None), warning=TODAY, due=TODAY + timedelta(days=21))
    outcome = reminders_make(today=TODAY)
    assert (made(), outcome.without_owner) == ([], 1)


def test_advice_steps_go_to_the_caseworker_until_advice_requests_name_an_organisation():
    team = Team()
    step(of=child(caseworker=team.caseworker), name="advice", warning=TODAY, due=TODAY + timedelta(days=7))
    reminders_make(today=TODAY)
    assert made() == [("warning", team.caseworker.username, TODAY)]
