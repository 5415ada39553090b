"""Compute every indicator and write a new set of facts (ADR 0045): ``manage.py refresh_outcomes`` runs a refresh now;
``--queued`` runs the refreshes users asked for that are still waiting (when threads are turned off)."""

from django.core.management.base import BaseCommand, CommandError

from sendboard.outcomes.models import RefreshRun
from sendboard.outcomes.refresh import refresh_queued_run, refresh_run


class Command(BaseCommand):
    help = "Refresh the outcomes facts from the register, the local extracts and the published values"

    def add_arguments(self, parser):
        parser.add_argument("--queued", action="store_true", help="Run the queued refreshes instead of a new one")

    def handle(self, *args, **options):
        if options["queued"]:
            self.stdout.write(f"Ran {refresh_queued_run()} queued refresh(es)")
            return
        run = refresh_run()
        if run.status != RefreshRun.Status.SUCCEEDED:
            raise CommandError(f"Refresh {run.pk} failed: {run.error}")
        total = sum(run.counts.values())
        seconds = (run.finished_at - run.started_at).total_seconds()
        self.stdout.write(f"Refresh {run.pk}: {total:,} facts for {len(run.counts)} indicators in {seconds:.1f} s ({run.engine})")
