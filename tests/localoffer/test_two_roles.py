"""A person who holds the Local Offer team's role as another role (ADR 0136) hears what the team hears."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import time_machine
from django.core import mail

from sendboard.accounts.roles import Role
from sendboard.localoffer.selectors import REVIEW_REMINDER_DAYS
from sendboard.localoffer.services import review_reminders_send
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
REVIEW_BY = date(2027, 3, 31)


def test_a_caseworker_also_in_the_local_offer_team_is_told_of_overdue_services(directory):
    UserFactory(role=Role.CASEWORKER, additional_roles=[Role.LOCAL_OFFER_OFFICER], email="two.hats@example.invalid")
    UserFactory(role=Role.CASEWORKER, email="caseworker.only@example.invalid")
    directory.service(review_by=REVIEW_BY)
    with time_machine.travel(REVIEW_BY + timedelta(days=2)):
        review_reminders_send()
    (message,) = mail.outbox
    assert "two.hats@example.invalid" in message.to and "caseworker.only@example.invalid" not in message.to


def test_a_provider_editor_as_another_role_is_reminded_of_their_services(directory):
    UserFactory(
        role=Role.ANALYST,
        additional_roles=[Role.PROVIDER_EDITOR],
        organisation=directory.owner,
        email="provider@example.invalid",
    )
    UserFactory(role=Role.ANALYST, organisation=directory.owner, email="analyst@example.invalid")
    directory.service(review_by=REVIEW_BY)
    with time_machine.travel(REVIEW_BY - timedelta(days=REVIEW_REMINDER_DAYS - 1)):
        assert review_reminders_send().reminded == 1
    assert [m.to for m in mail.outbox] == [["provider@example.invalid"]]
