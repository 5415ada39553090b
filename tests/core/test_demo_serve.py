"""``make demo`` serves the demo with its job worker beside it, and stops the worker with the server (ADR 0105)."""

from __future__ import annotations

import subprocess
import sys
from unittest import mock

from django.core.management import call_command

from sendboard.core.management.commands import demo_serve


def test_the_worker_starts_beside_the_server_and_stops_with_it(monkeypatch):
    monkeypatch.delenv("RUN_MAIN", raising=False)
    started = []

    def worker_start():
        # A real child process standing in for the worker, so that stopping it is real too.
        started.append(subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"]))
        return started[-1]

    with (
        mock.patch.object(demo_serve, "worker_start", worker_start),
        mock.patch.object(demo_serve, "call_command", side_effect=KeyboardInterrupt) as runserver,
    ):
        try:
            call_command("demo_serve", "127.0.0.1:8102")
        except KeyboardInterrupt:
            pass  # Ctrl-C in the server
    runserver.assert_called_once_with("runserver", "127.0.0.1:8102")
    assert len(started) == 1 and started[0].poll() is not None  # stopped when the server stopped


def test_the_reloaders_server_process_starts_no_second_worker(monkeypatch):
    monkeypatch.setenv("RUN_MAIN", "true")
    with mock.patch.object(demo_serve, "worker_start") as worker_start, mock.patch.object(demo_serve, "call_command"):
        call_command("demo_serve")
    worker_start.assert_not_called()


def test_the_worker_it_starts_is_the_job_worker():
    with mock.patch.object(demo_serve.subprocess, "Popen") as popen:
        demo_serve.worker_start()
    assert popen.call_args.args[0][1:] == ["manage.py", "db_worker"]
