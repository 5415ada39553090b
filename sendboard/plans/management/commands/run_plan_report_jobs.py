from django.core.management.base import BaseCommand

from sendboard.plans.reports import report_jobs_run_queued


class Command(BaseCommand):
    help = "Build every queued board pack PDF (run from cron when jobs are not built in a thread)."

    def handle(self, *args, **options) -> None:
        self.stdout.write(f"Built {report_jobs_run_queued()} board pack(s)")
