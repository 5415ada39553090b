"""Apply the retention schedule (ADR 0143): run every night from the scheduler. Reports counts only."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from sendboard.core.retention import retention_apply


class Command(BaseCommand):
    help = "Remove what the retention schedule says is past its period, and report how many of each were removed."

    def handle(self, *args, **options) -> None:
        for outcome in retention_apply():
            if outcome.removed is None:
                self.stdout.write(f"{outcome.rule.key}: kept for review ({outcome.rule.period_in_words})")
            else:
                self.stdout.write(f"{outcome.rule.key}: {outcome.removed} removed ({outcome.rule.period_in_words})")
