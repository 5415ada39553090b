"""Review-by dates: providers are reminded before, the team is told after, and after a grace period the public
page says the information may be out of date."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from sendboard.accounts.roles import Role
from sendboard.localoffer.selectors import REVIEW_GRACE_DAYS, REVIEW_REMINDER_DAYS, review_state
from sendboard.localoffer.services import review_reminders_send
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
REVIEW_BY = date(2027, 3, 31)


@pytest.mark.parametrize(
    ("today", "state"),
    [
        (REVIEW_BY - timedelta(days=REVIEW_REMINDER_DAYS + 1), "current"),
        (REVIEW_BY - timedelta(days=REVIEW_REMINDER_DAYS), "due"),
        (REVIEW_BY, "due"),
        (REVIEW_BY + timedelta(days=1), "overdue"),
        (REVIEW_BY + timedelta(days=REVIEW_GRACE_DAYS), "overdue"),
        (REVIEW_BY + timedelta(days=REVIEW_GRACE_DAYS + 1), "out_of_date"),
    ],
)
def test_review_state_by_date(today, state):
    assert review_state(review_by=REVIEW_BY, today=today) == state


def test_providers_are_reminded_once_before_the_review_by_date(directory):
    UserFactory(role=Role.PROVIDER_EDITOR, organisation=directory.owner, email="provider@example.invalid")
    UserFactory(role=Role.PROVIDER_EDITOR, email="someone.else@example.invalid")
    directory.service(review_by=REVIEW_BY)
    with time_machine.travel(REVIEW_BY - timedelta(days=REVIEW_REMINDER_DAYS + 1)):
        assert review_reminders_send().reminded == 0
    with time_machine.travel(REVIEW_BY - timedelta(days=10)):
        assert review_reminders_send().reminded == 1
        assert review_reminders_send().reminded == 0
    assert [m.to for m in mail.outbox] == [["provider@example.invalid"]]
    assert "31 March 2027" in mail.outbox[0].body


def test_overdue_services_are_reported_to_the_team_by_the_command(directory, capsys):
    UserFactory(role=Role.LOCAL_OFFER_OFFICER, email="team@example.invalid")
    directory.service(review_by=REVIEW_BY)
    with time_machine.travel(REVIEW_BY + timedelta(days=2)):
        call_command("localoffer_review_reminders")
    assert "1 services overdue" in capsys.readouterr().out
    assert "team@example.invalid" in mail.outbox[-1].to and "past their review-by date" in mail.outbox[-1].body


def test_the_team_sees_overdue_services_and_the_public_sees_a_warning_after_the_grace_period(
    client, sign_in, directory
):
    service = directory.service("Overdue club", review_by=REVIEW_BY)
    page = reverse("localoffer:service", args=[service.id])
    with time_machine.travel(REVIEW_BY + timedelta(days=REVIEW_GRACE_DAYS)):
        assert "may be out of date" not in client.get(page).content.decode()
        sign_in(Role.LOCAL_OFFER_OFFICER)
        team = client.get(reverse("localoffer:team")).content.decode()
        assert "Services overdue for review (1)" in team and "Overdue club" in team
        client.logout()
    with time_machine.travel(REVIEW_BY + timedelta(days=REVIEW_GRACE_DAYS + 1)):
        assert "may be out of date" in client.get(page).content.decode()


def test_approving_a_change_moves_the_review_by_date_a_year_on(directory):
    from sendboard.localoffer.services import service_change_submit, version_approve, version_content

    service = directory.service(review_by=REVIEW_BY)
    provider = UserFactory(role=Role.PROVIDER_EDITOR, organisation=directory.owner)
    with time_machine.travel(date(2027, 4, 10)):
        pending = service_change_submit(user=provider, service=service, content=version_content(service.versions.get()))
        version_approve(user=directory.team_user, version=pending)
    service.refresh_from_db()
    assert service.review_by == date(2028, 4, 9)
