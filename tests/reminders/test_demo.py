"""The demo area comes with today's reminders for its named people, and none for the register's generated ones."""

import io

import pytest
from django.core.management import call_command

from sendboard.reminders.models import ReminderEmail

pytestmark = pytest.mark.django_db


def test_the_demo_area_has_reminders_for_the_demo_caseworker_and_nobody_generated(settings):
    settings.SENDBOARD_DEMO_SCALE = "small"
    call_command("load_demo_area", stdout=io.StringIO())
    recipients = set(ReminderEmail.objects.values_list("recipient__username", flat=True))
    assert ("demo.caseworker" in recipients, [name for name in recipients if name[-1].isdigit()]) == (True, [])
