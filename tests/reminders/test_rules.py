"""Who is reminded of what, and when (ADR 0160): each rule on its own."""

from datetime import timedelta

import pytest

from sendboard.accounts.roles import Role
from sendboard.casework.models import AdviceRequest
from sendboard.casework.timescales import advice_subject
from sendboard.reminders.models import ReminderEmail
from sendboard.reminders.services import reminders_make
from tests.casework.helpers import make_case, other_area
from tests.factories import OrganisationFactory, UserFactory
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


def advice_asked_of(organisation, *, caseworker, asked):
    """A case with advice asked of ``organisation`` through sendboard (or imported, with none) and its step."""
    case = make_case(caseworker=caseworker, outcome="Y", decided=asked, advice=[("EP", "The service", asked, None)])
    AdviceRequest.objects.filter(assessment__request__child=case).update(organisation=organisation)
    return case, step(
        of=case, name="advice", warning=TODAY, due=TODAY + timedelta(days=7), subject=advice_subject("EP", asked)
    )


def test_advice_asked_of_an_organisation_reminds_its_professionals_and_not_the_caseworker():
    team = Team()
    service = OrganisationFactory()
    professional = UserFactory(role=Role.HEALTH_SOCIAL_CARE, organisation=service)
    UserFactory(role=Role.AREA_LEADER, organisation=service)  # not someone who answers advice
    advice_asked_of(service, caseworker=team.caseworker, asked=TODAY - timedelta(days=35))
    reminders_make(today=TODAY)
    assert made() == [("warning", professional.username, TODAY)]


def test_a_professionals_reminder_leads_to_the_advice_request_not_the_childs_record(settings):
    settings.SENDBOARD_SITE_URL = "https://sendboard.example.org"
    team = Team()
    service = OrganisationFactory()
    UserFactory(role=Role.HEALTH_SOCIAL_CARE, organisation=service)
    case, _ = advice_asked_of(service, caseworker=team.caseworker, asked=TODAY - timedelta(days=35))
    reminders_make(today=TODAY)
    asked = AdviceRequest.objects.get(assessment__request__child=case)
    body = ReminderEmail.objects.get(kind="warning").body
    assert f"https://sendboard.example.org/advice/requests/{asked.public_id}/" in body.splitlines()
    assert str(case.public_id) not in body


def test_advice_imported_without_an_organisation_stays_the_caseworkers():
    team = Team()
    advice_asked_of(None, caseworker=team.caseworker, asked=TODAY - timedelta(days=35))
    reminders_make(today=TODAY)
    assert made() == [("warning", team.caseworker.username, TODAY)]


def test_advice_asked_of_an_organisation_nobody_answers_for_goes_to_the_caseworker():
    team = Team()
    advice_asked_of(OrganisationFactory(), caseworker=team.caseworker, asked=TODAY - timedelta(days=35))
    reminders_make(today=TODAY)
    assert made() == [("warning", team.caseworker.username, TODAY)]


def test_reminders_can_be_made_for_some_people_only():
    team = Team()
    step(of=child(caseworker=team.caseworker), warning=TODAY, due=TODAY + timedelta(days=21))
    step(of=child(caseworker=None), warning=TODAY, due=TODAY + timedelta(days=21))
    reminders_make(today=TODAY, recipients={team.manager.id})
    assert made() == [("warning", team.manager.username, TODAY)]
