"""Given part-time timetables past their agreed review date, when the daily escalation runs, then each is
escalated to the SEND team manager and the inclusion lead on the working day the rule says (across weekends
and bank holidays), once, and the caseworker's task shows on their home page and list."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from sendboard.accounts.roles import Role
from sendboard.tracking.models import AreaContacts, CaseworkerTask, Escalation, TrackingRule
from sendboard.tracking.services import escalations_run
from tests.casework.helpers import team, worcestershire
from tests.factories import OrganisationFactory, UserFactory
from tests.html import table_rows, work_counts
from tests.tracking.helpers import school, timetable

pytestmark = pytest.mark.django_db


@pytest.fixture
def managers():
    council = OrganisationFactory(name="Worcestershire Children First")
    team(council, worcestershire())
    manager = UserFactory(role=Role.TEAM_MANAGER, organisation=council)
    lead = UserFactory(role=Role.TEAM_MANAGER, organisation=OrganisationFactory(name="Inclusion team"))
    AreaContacts.objects.create(local_area=worcestershire(), inclusion_lead=lead)
    UserFactory(role=Role.CASEWORKER, organisation=council)  # a caseworker is not escalated to
    return manager, lead


def test_the_rule_is_data_with_its_source():
    rule = TrackingRule.objects.get(code="ptt-review-escalation")
    assert (rule.unit, rule.count) == ("working_days", 2)
    assert "Working together to improve school attendance" in rule.source


def test_a_review_lapsing_before_a_weekend_escalates_on_the_monday(managers):
    record = timetable(setting=school(), review=date(2026, 1, 8))  # a Thursday: Friday is day 1, Monday day 2
    assert escalations_run(today=date(2026, 1, 9)) == 0
    assert escalations_run(today=date(2026, 1, 11)) == 0  # Sunday
    assert escalations_run(today=date(2026, 1, 12)) == 2
    assert set(Escalation.objects.values_list("escalated_to", flat=True)) == {m.id for m in managers}
    record.refresh_from_db()
    assert record.escalated_on == date(2026, 1, 12)


def test_a_review_lapsing_before_a_bank_holiday_escalates_a_day_later(managers):
    timetable(setting=school(), review=date(2026, 5, 22))  # Friday before the spring bank holiday, 25 May
    assert escalations_run(today=date(2026, 5, 26)) == 0  # Tuesday is only day 1
    assert escalations_run(today=date(2026, 5, 27)) == 2


def test_the_daily_command_is_idempotent(managers):
    timetable(setting=school(), review=date(2026, 1, 8))
    call_command("tracking_escalate", "--date", "2026-01-12")
    call_command("tracking_escalate", "--date", "2026-01-12")
    call_command("tracking_escalate", "--date", "2026-01-13")
    assert Escalation.objects.count() == 2
    assert set(Escalation.objects.values_list("escalated_on", flat=True)) == {date(2026, 1, 12)}


def test_an_ended_timetable_or_a_new_review_date_is_not_escalated(managers):
    timetable(setting=school(), review=date(2026, 1, 8), end=date(2026, 1, 9))
    timetable(setting=school(), review=date(2026, 1, 19))
    assert escalations_run(today=date(2026, 1, 14)) == 0


@time_machine.travel("2026-01-12 09:00 +0000", tick=False)
def test_escalations_and_tasks_show_on_home_pages(client, sign_in, managers):
    manager, _ = managers
    record = timetable(setting=school(), review=date(2026, 1, 8), sen="E")
    escalations_run(today=date(2026, 1, 12))
    caseworker = sign_in(Role.CASEWORKER, organisation=manager.organisation)
    CaseworkerTask.objects.create(timetable=record, assigned_to=caseworker, due_date=date(2026, 1, 19))
    counts = work_counts(client.get(reverse("core:home")))
    assert counts["Part-time timetables to check on your cases"] == (1, reverse("tracking:my-tasks"))
    rows = table_rows(client.get(reverse("tracking:my-tasks")).content, "On your cases")
    assert rows == [["Jo Bloggs – check the part-time timetable", "300001", "EHC plan", "12.0", "19 January 2026"]]
    from tests.sessions import force_login_verified

    force_login_verified(client, manager)
    counts = work_counts(client.get(reverse("core:home")))
    assert counts["Part-time timetables past review, escalated to you"] == (1, reverse("tracking:weekly-list"))


@time_machine.travel("2026-01-12 09:00 +0000", tick=False)
def test_a_caseworker_records_the_check(client, sign_in, managers):
    manager, _ = managers
    caseworker = sign_in(Role.CASEWORKER, organisation=manager.organisation)
    task = CaseworkerTask.objects.create(
        timetable=timetable(setting=school(), sen="E"), assigned_to=caseworker, due_date=date(2026, 1, 19)
    )
    response = client.post(
        reverse("tracking:task", args=[task.public_id]), {"note": "Provision checked with the SENCo"}
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert (task.done_on, task.done_by, task.note) == (
        date(2026, 1, 12),
        caseworker,
        "Provision checked with the SENCo",
    )


@time_machine.travel("2026-01-12 09:00 +0000", tick=False)
def test_a_caseworker_cannot_complete_another_caseworkers_task(client, sign_in, managers):
    manager, _ = managers
    other = UserFactory(role=Role.CASEWORKER, organisation=manager.organisation)
    sign_in(Role.CASEWORKER, organisation=manager.organisation)
    task = CaseworkerTask.objects.create(
        timetable=timetable(setting=school(), sen="E"), assigned_to=other, due_date=date(2026, 1, 19)
    )
    assert client.post(reverse("tracking:task", args=[task.public_id]), {"note": "x"}).status_code == 404
    task.refresh_from_db()
    assert task.done_on is None


def test_a_caseworker_of_another_area_sees_no_timetable(client, sign_in):
    from tests.casework.helpers import other_area

    user = sign_in(Role.CASEWORKER)
    team(user.organisation, other_area())
    record = timetable(setting=school())
    text = client.get(reverse("tracking:overview")).content.decode()
    assert "No part-time timetable has been reported." in text
    assert str(record.public_id) not in text
