"""A real worker process for the worker tests (ADR 0105): ``python -m tests.worker_process worker`` runs
``manage.py db_worker`` with the database backend; ``ask`` asks for an outcomes refresh; ``show PK`` prints the
refresh's state. While ``SENDBOARD_TEST_HOLD`` names a folder, a refresh's work announces itself there
(``started``) and waits until ``release`` appears, so a test can kill the worker in the middle of a job."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sendboard.config.test_settings")
    import django
    from django.conf import settings

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    django.setup()


def _held_work(job, progress) -> None:
    hold = Path(os.environ["SENDBOARD_TEST_HOLD"])
    progress(50, "Held by the test")
    (hold / f"started-{job.attempts}").write_text(str(os.getpid()))  # after the progress: the test may kill it now
    while not (hold / "release").exists():
        time.sleep(0.05)
    progress(100, "Released by the test")


def main(command: str, *args: str) -> None:
    _setup()
    from django.core.management import call_command

    from sendboard.outcomes import refresh
    from sendboard.outcomes.models import RefreshRun

    if command == "worker":
        if os.environ.get("SENDBOARD_TEST_HOLD"):
            refresh._refresh = _held_work
        call_command("db_worker", "--no-startup-delay", "--no-reload", "--interval", "0.2", *args)
    elif command == "ask":
        print(refresh.refresh_request(user=None).pk)
    elif command == "show":
        from django_tasks_db.models import DBTaskResult

        run = RefreshRun.objects.get(pk=int(args[0]))
        tasks = dict(DBTaskResult.objects.values_list("id", "status"))
        print(
            json.dumps(
                {
                    "state": run.state,
                    "attempts": run.attempts,
                    "message": run.message,
                    "error": run.error,
                    "task": str(run.task_id),
                    "tasks": {str(k): v for k, v in tasks.items()},
                }
            )
        )


if __name__ == "__main__":
    main(*sys.argv[1:])
