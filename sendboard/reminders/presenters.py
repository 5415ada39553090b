"""Reminder e-mails as people read them (ADR 0160)."""

from __future__ import annotations

from django.conf import settings

from sendboard.core.jobs import JobState
from sendboard.reminders.models import ReminderEmail

STATUS_TAGS = {
    "sent": ("Sent", "govuk-tag--green"),
    "waiting": ("Waiting to be sent", "govuk-tag--grey"),
    "sending": ("Sending", "govuk-tag--blue"),
    "not_needed": ("Not needed", "govuk-tag--grey"),
    "failed": ("Not sent", "govuk-tag--red"),
}


def status(reminder: ReminderEmail) -> tuple[str, str]:
    """(words, tag class) of how an e-mail went."""
    if reminder.state == JobState.SUCCEEDED:
        return STATUS_TAGS["sent" if reminder.sent_at else "not_needed"]
    if reminder.state == JobState.FAILED:
        return STATUS_TAGS["failed"]
    if reminder.state == JobState.RUNNING:
        return STATUS_TAGS["sending"]
    return STATUS_TAGS["waiting"]


def sent_through_words() -> str:
    if settings.SENDBOARD_NOTIFY_API_KEY:
        return "GOV.UK Notify"
    return "This installation's e-mail server"
