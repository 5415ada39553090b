from datetime import date

from django.core.management.base import BaseCommand
from django.utils import timezone

from sendboard.tracking.services import escalations_run


class Command(BaseCommand):
    help = (
        "Escalate part-time timetables past their agreed review date to the SEND team manager and the inclusion "
        "lead, by rule. Run daily; running it again the same day changes nothing."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--date", type=date.fromisoformat, help="The day to run for (default today)")

    def handle(self, *args, **options) -> None:
        made = escalations_run(today=options["date"] or timezone.localdate())
        self.stdout.write(f"{made} escalations made")
