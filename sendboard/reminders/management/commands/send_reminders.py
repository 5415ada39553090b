"""Make today's reminder e-mails and digests and ask the worker to send them (ADR 0160). Run it once a day
(a cron job or systemd timer, see the README's deployment section); running it again the same day sends
nothing twice."""

from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from sendboard.reminders.services import reminders_make


class Command(BaseCommand):
    help = "Make today's reminder e-mails and daily digests, and ask the background worker to send them."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--date", help="The day to remind for, as YYYY-MM-DD (default: today)")

    def handle(self, *args, **options) -> None:
        today = timezone.localdate()
        if options["date"]:
            try:
                today = date.fromisoformat(options["date"])
            except ValueError as error:
                raise CommandError(f"--date must be a day written YYYY-MM-DD, not {options['date']!r}") from error
        made = reminders_make(today=today)
        self.stdout.write(
            f"{made.reminders} reminders and {made.digests} digests to send, {made.retried} failed e-mails "
            f"to try again; {made.without_owner} steps have nobody to remind (no caseworker and no team manager)."
        )
