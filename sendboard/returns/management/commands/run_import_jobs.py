from django.core.management.base import BaseCommand

from sendboard.returns.jobs import jobs_run_queued


class Command(BaseCommand):
    help = "Run every queued import job (from cron when jobs are not run in a thread, or after a restart)."

    def handle(self, *args, **options) -> None:
        self.stdout.write(f"Ran {jobs_run_queued()} import job(s)")
