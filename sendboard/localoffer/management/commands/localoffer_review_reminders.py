from django.core.management.base import BaseCommand

from sendboard.localoffer.services import review_reminders_send


class Command(BaseCommand):
    help = (
        "Remind providers whose Local Offer services are due for review, and tell the Local Offer team which "
        "are overdue. Run daily (cron or a scheduler); safe to run more than once a day."
    )

    def handle(self, *args, **options) -> None:
        result = review_reminders_send()
        self.stdout.write(
            f"Providers reminded about {result.reminded} services; {result.overdue} services overdue for review."
        )
