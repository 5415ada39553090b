"""Compute every indicator and write a new set of facts (ADR 0045): ``manage.py refresh_outcomes`` runs a refresh now,
in this process (a refresh a user asks for on the page runs in the worker, ADR 0105)."""

from django.core.management.base import BaseCommand, CommandError

from sendboard.outcomes.refresh import refresh_run


class Command(BaseCommand):
    help = "Refresh the outcomes facts from the register, the local extracts and the published values"

    def handle(self, *args, **options):
        run = refresh_run()
        if not run.succeeded:
            raise CommandError(f"Refresh {run.pk} failed: {run.error}")
        total = sum(run.counts.values())
        seconds = (run.finished_at - run.started_at).total_seconds()
        self.stdout.write(
            f"Refresh {run.pk}: {total:,} facts for {len(run.counts)} indicators in {seconds:.1f} s ({run.engine})"
        )
