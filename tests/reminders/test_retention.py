"""Reminder and digest e-mails are in the retention schedule: removed two years after the date they were for,
by the nightly command, which reports the count; a removed reminder is never sent again."""

from __future__ import annotations

import io
from datetime import date, datetime

import pytest
import time_machine
from django.core.management import call_command

from sendboard.core.retention import retention_schedule
from sendboard.reminders.models import ReminderEmail
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
NOW = datetime.fromisoformat("2026-12-05T02:00:00+00:00")


def _digest(on: date) -> ReminderEmail:
    return ReminderEmail.objects.create(kind="digest", recipient=UserFactory(), on_date=on, subject="Digest", body=".")


def _apply() -> dict[str, str]:
    out = io.StringIO()
    with time_machine.travel(NOW, tick=False):
        call_command("apply_retention", stdout=out)
    return dict(line.split(": ", 1) for line in out.getvalue().strip().splitlines())


def test_the_schedule_keeps_reminder_emails_two_years_with_a_legal_basis():
    rule = next(rule for rule in retention_schedule() if rule.key == "reminder_emails")
    assert (rule.period_in_words, rule.legal_basis.startswith("UK GDPR")) == ("730 days", True)


def test_a_reminder_for_a_date_over_two_years_ago_is_removed_and_a_newer_one_kept():
    _digest(date(2024, 12, 4))
    kept = _digest(date(2024, 12, 5))
    assert _apply()["reminder_emails"].startswith("1 removed")
    assert list(ReminderEmail.objects.values_list("id", flat=True)) == [kept.id]


def test_running_the_schedule_again_removes_nothing_more():
    _digest(date(2023, 1, 1))
    _apply()
    assert _apply()["reminder_emails"].startswith("0 removed")
    assert ReminderEmail.objects.count() == 0
