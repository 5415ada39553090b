"""A worker killed in the middle of a job loses nothing: the next worker finds the job and runs it again
(ADR 0105). A real ``manage.py db_worker`` process, on a database both processes share: PostgreSQL's test
database, or an SQLite file (an in-memory database cannot be shared between processes)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db(transaction=True)

REPOSITORY = Path(__file__).resolve().parents[2]


def _database_url(tmp_path: Path) -> str:
    if connection.vendor == "postgresql":
        s = connection.settings_dict
        return f"postgres://{s['USER']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"
    url = f"sqlite:///{tmp_path / 'worker.sqlite3'}"
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "-v0"],
        cwd=REPOSITORY,
        check=True,
        env={**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "sendboard.config.test_settings"},
    )
    return url


def _env(url: str, hold: Path) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": url,
        "SENDBOARD_TEST_HOLD": str(hold),
        "DJANGO_SETTINGS_MODULE": "sendboard.config.test_settings",
    }


def _run(env: dict, *args: str) -> str:
    return (
        subprocess.run(
            [sys.executable, "-m", "tests.worker_process", *args],
            cwd=REPOSITORY,
            env=env,
            check=True,
            capture_output=True,
            text=True,
            timeout=120,
        )
        .stdout.strip()
        .rpartition("\n")[2]
    )


def _wait_for(path: Path, worker: subprocess.Popen, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while not path.exists():
        assert worker.poll() is None, f"the worker stopped: {worker.stdout.read() if worker.stdout else ''}"
        assert time.monotonic() < deadline, f"{path.name} never appeared"
        time.sleep(0.1)


def test_a_job_whose_worker_is_killed_mid_run_is_run_again_by_the_next_worker(tmp_path):
    url = _database_url(tmp_path)
    hold = tmp_path / "hold"
    hold.mkdir()
    env = _env(url, hold)
    pk = _run(env, "ask")

    # Given a worker running the job, held in the middle of its work
    worker = subprocess.Popen(
        [sys.executable, "-m", "tests.worker_process", "worker"],
        cwd=REPOSITORY,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        _wait_for(hold / "started-1", worker)
        # When the worker is killed (no chance to record anything)
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(timeout=30)
    finally:
        if worker.poll() is None:
            worker.kill()
    killed = json.loads(_run(env, "show", pk))
    assert (killed["state"], killed["attempts"], killed["message"]) == ("running", 1, "Held by the test")
    assert killed["tasks"][killed["task"]] == "RUNNING"  # the library's own record is stuck too

    # Then the next worker to start finds it and runs it again, to the end
    (hold / "release").touch()
    _run(env, "worker", "--batch")
    done = json.loads(_run(env, "show", pk))
    assert (done["state"], done["attempts"], done["error"]) == ("succeeded", 2, "")
    assert killed["task"] != done["task"] and done["tasks"][done["task"]] == "SUCCESSFUL"
    assert done["tasks"][killed["task"]] == "FAILED"  # the killed task is marked failed, not left running
    assert (hold / "started-2").read_text() != (hold / "started-1").read_text()  # run again by another process
