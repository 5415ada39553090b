"""``manage.py demo_serve [addrport]``: the demo's web server and its job worker together (``make demo``, ADR 0105).

Starts ``manage.py db_worker`` as a child process, then runs ``runserver``; when the server stops (Ctrl-C), the
worker is stopped too. For local development only: a real installation runs the web server and the worker as
two services (README, "How jobs run").
"""

from __future__ import annotations

import os
import subprocess
import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand

STOP_WAIT_SECONDS = 10


def worker_start() -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "manage.py", "db_worker"], env=os.environ.copy())


def worker_stop(worker: subprocess.Popen) -> None:
    """Ask the worker to finish its job and stop (SIGTERM), and kill it if it has not stopped in time."""
    if worker.poll() is not None:
        return
    worker.terminate()
    try:
        worker.wait(timeout=STOP_WAIT_SECONDS)
    except subprocess.TimeoutExpired:
        worker.kill()
        worker.wait()


class Command(BaseCommand):
    help = "Run the development web server and the job worker beside it (the demo); Ctrl-C stops both"

    def add_arguments(self, parser) -> None:
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args, addrport: str, **options) -> None:
        # runserver's reloader runs this command again in a child process (RUN_MAIN): only the first starts a worker.
        worker = None if os.environ.get("RUN_MAIN") == "true" else worker_start()
        try:
            call_command("runserver", addrport)
        finally:
            if worker is not None:
                worker_stop(worker)
