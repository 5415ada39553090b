"""``manage.py db_worker``: the worker that runs sendboard's background jobs (ADR 0105).

It is django-tasks-db's own worker (same options: ``--help``), with one addition: when it starts, and before each
job it takes, it finds the jobs a stopped worker left running and queues them again (``core.jobs.jobs_recover``).
"""

from __future__ import annotations

import time

from django_tasks_db.management.commands import db_worker

from sendboard.core.jobs import jobs_recover

RECOVER_EVERY_SECONDS = 60


class Worker(db_worker.Worker):
    recovered_at = 0.0

    def recover(self) -> None:
        try:
            jobs_recover()
        except Exception:  # noqa: BLE001 - finding abandoned jobs must never stop the worker running the others
            db_worker.logger.exception("Finding jobs a stopped worker left failed")
        self.recovered_at = time.monotonic()

    def run(self) -> None:
        self.recover()
        super().run()

    def run_task(self, db_task_result) -> None:
        if time.monotonic() - self.recovered_at > RECOVER_EVERY_SECONDS:
            self.recover()
        super().run_task(db_task_result)


class Command(db_worker.Command):
    help = (
        "Run sendboard's background jobs (board packs, file loads, the outcomes refresh), retrying those a stopped "
        "worker left"
    )

    def handle(self, *args, **options) -> None:
        original = db_worker.Worker
        db_worker.Worker = Worker  # the library's handle() builds its worker from this name
        try:
            super().handle(*args, **options)
        finally:
            db_worker.Worker = original
