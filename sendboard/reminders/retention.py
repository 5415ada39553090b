"""The reminders' part of the retention schedule (ADR 0143, ADR 0160)."""

from __future__ import annotations

from datetime import datetime

from sendboard.reminders.models import ReminderEmail


def reminder_emails_past_retention_remove(*, before: datetime) -> int:
    """Delete every reminder and digest e-mail for a date before ``before`` (sent, failed or never sent): the date
    is long past, so removing the record can never make the daily run send it again. How many were removed."""
    return ReminderEmail.objects.filter(on_date__lt=before.date()).delete()[0]
