"""Given a committed upload, when its import job runs, then progress is visible while it runs, the result is
kept on the job, a failed job can be tried again, and uploads never committed are cleaned away after a day.
The upload pages are generic: any registered importer's files can be chosen, stored and loaded."""

from __future__ import annotations

import io
import os
import time
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from sendboard.accounts.roles import Role
from sendboard.casework.models import Child
from sendboard.core import jobs as core_jobs
from sendboard.returns import jobs, uploads
from sendboard.returns.framework import IMPORT_KINDS, IMPORTERS, importer_register
from sendboard.returns.models import ImportedFile, ImportJob
from sendboard.returns.sen2.importer import Sen2Importer
from tests.jobs import run_queued_jobs
from tests.returns.samples import person, write

pytestmark = pytest.mark.django_db


def commit(client, path, kind="sen2", name=None):
    """Upload, preview and commit a file; return the job page's URL."""
    upload = SimpleUploadedFile(name or path.name, path.read_bytes())
    preview = client.post("/returns/", {"kind": kind, "file": upload})["Location"]
    return client.post(preview)["Location"]


def test_progress_is_shown_while_the_job_runs(client, sign_in, area, tmp_path, monkeypatch):
    sign_in(Role.ANALYST)
    location = commit(client, write(tmp_path / "big.xml", [person(n) for n in range(1, 2101)]))
    job = ImportJob.objects.get()
    seen = []
    real = core_jobs.Progress.__call__

    def watching(self, percent, message="", **fields):
        real(self, percent, message, **fields)
        if message.endswith("records read"):
            # What the job page shows at this moment, while the load's transaction is still open.
            seen.append((percent, message, client.get(location).content.decode()))

    monkeypatch.setattr(core_jobs.Progress, "__call__", watching)
    jobs.job_run_now(job_id=job.pk)
    # 2,100 children: the reader reports after 1,000 and 2,000, each time with how far through the file it is.
    assert [m for _, m, _ in seen] == ["1,000 records read", "2,000 records read"]
    first, second = seen[0][0], seen[1][0]
    assert 30 <= first < second <= 99  # the second report is about twice as far through as the first
    assert f"{first}%" in seen[0][2] and "1,000 records read" in seen[0][2] and "Loading" in seen[0][2]
    job.refresh_from_db()
    assert (job.state, job.progress, job.loaded, job.counts["person"]) == ("succeeded", 100, True, 2100)
    assert job.message == "Loaded" and job.finished_at is not None and Child.objects.count() == 2100
    assert not (uploads.upload_folder() / job.stored_name).exists()  # a finished job's file is removed


def test_a_failed_job_keeps_its_file_and_can_be_tried_again(client, sign_in, area, tmp_path, monkeypatch):
    sign_in(Role.ANALYST)
    location = commit(client, write(tmp_path / "a.xml", [person(1), person(2)]))
    job = ImportJob.objects.get()

    def crash(self, path, imported_file, report):
        raise OSError("disk went away")

    monkeypatch.setattr(Sen2Importer, "load", crash)
    jobs.job_run_now(job_id=job.pk)
    job.refresh_from_db()
    assert (job.state, job.attempts) == ("failed", 1) and "OSError" in job.error and "disk" not in job.error
    assert Child.objects.count() == 0 and ImportedFile.objects.count() == 0
    page = client.get(location).content.decode()
    assert "The load stopped" in page and "Try the load again" in page
    assert (uploads.upload_folder() / job.stored_name).exists()

    monkeypatch.undo()
    retried = client.post(location)
    assert retried["Location"] == location
    job.refresh_from_db()
    assert job.state == "queued"
    run_queued_jobs()
    job.refresh_from_db()
    assert (job.state, job.attempts, job.loaded) == ("succeeded", 1, True) and Child.objects.count() == 2
    assert "Try the load again" not in client.get(location).content.decode()


def test_a_load_whose_worker_stopped_is_loaded_again_when_a_worker_starts(client, sign_in, area, tmp_path):
    """A worker killed mid-load leaves the job running for ever unless something notices: the next worker does."""
    from tests.jobs import stopped_process_token

    sign_in(Role.ANALYST)
    location = commit(client, write(tmp_path / "a.xml", [person(1), person(2)]))
    job = ImportJob.objects.get()
    ImportJob.objects.filter(pk=job.pk).update(
        state=ImportJob.State.RUNNING, runner=stopped_process_token(), attempts=1
    )
    assert "Loading" in client.get(location).content.decode()  # the page only reads
    assert ImportJob.objects.get().state == "running"
    assert core_jobs.jobs_recover() == {"retried": 1, "failed": 0, "enqueued": 0}
    job.refresh_from_db()
    assert job.state == "queued" and "worker running it stopped" in job.message
    run_queued_jobs()
    job.refresh_from_db()
    assert (job.state, job.loaded, job.attempts) == ("succeeded", True, 2) and Child.objects.count() == 2


def test_a_load_whose_worker_stopped_on_its_last_attempt_fails_and_can_be_tried_again(
    client, sign_in, area, tmp_path, settings
):
    from tests.jobs import stopped_process_token

    settings.SENDBOARD_JOBS_MAX_ATTEMPTS = 2
    sign_in(Role.ANALYST)
    location = commit(client, write(tmp_path / "a.xml", [person(1), person(2)]))
    ImportJob.objects.update(state=ImportJob.State.RUNNING, runner=stopped_process_token(), attempts=2)
    assert core_jobs.jobs_recover() == {"retried": 0, "failed": 1, "enqueued": 0}
    page = client.get(location).content.decode()
    assert "The load stopped when the worker running it stopped" in page and "Try the load again" in page
    client.post(location)
    run_queued_jobs()
    job = ImportJob.objects.get()
    assert (job.state, job.loaded) == ("succeeded", True) and Child.objects.count() == 2


def test_a_load_still_running_in_a_live_process_is_left_alone(client, sign_in, area, tmp_path):
    from sendboard.core.jobs import runner_token

    sign_in(Role.ANALYST)
    location = commit(client, write(tmp_path / "a.xml", [person(1)]))
    ImportJob.objects.update(state=ImportJob.State.RUNNING, runner=runner_token())
    assert "Loading" in client.get(location).content.decode()
    assert core_jobs.jobs_recover() == {"retried": 0, "failed": 0, "enqueued": 0}
    assert ImportJob.objects.get().state == "running"


def test_a_failed_job_whose_file_is_gone_cannot_be_retried(client, sign_in, area, tmp_path):
    sign_in(Role.ANALYST)
    location = commit(client, write(tmp_path / "a.xml", [person(1)]))
    job = ImportJob.objects.get()
    ImportJob.objects.filter(pk=job.pk).update(state=ImportJob.State.FAILED)
    (uploads.upload_folder() / job.stored_name).unlink()
    page = client.post(location, follow=True).content.decode()
    assert "This load cannot be tried again: upload the file again" in page
    job.refresh_from_db()
    assert job.state == "failed"


def _age(path: Path, hours: float) -> None:
    then = time.time() - hours * 3600
    os.utime(path, (then, then))


def test_uploads_never_committed_expire_after_a_day(client, sign_in, area, tmp_path):
    sign_in(Role.ANALYST)
    folder = uploads.upload_folder()
    client.post(
        "/returns/",
        {"kind": "sen2", "file": SimpleUploadedFile("old.xml", write(tmp_path / "o.xml", [person(1)]).read_bytes())},
    )
    client.post(
        "/returns/",
        {"kind": "sen2", "file": SimpleUploadedFile("new.xml", write(tmp_path / "n.xml", [person(2)]).read_bytes())},
    )
    old, new = sorted(folder.iterdir(), key=lambda p: p.stat().st_mtime)
    assert old.suffix == ".xml" and new.suffix == ".xml" and "old" not in old.name  # stored by token, not by name
    commit(client, write(tmp_path / "j.xml", [person(3)]))
    queued = folder / ImportJob.objects.get().stored_name
    failed_path = folder / "failed-token.xml"
    failed_path.write_bytes(b"<Message/>")
    ImportJob.objects.create(
        kind="sen2",
        filename="f.xml",
        stored_name=failed_path.name,
        requested_by=ImportJob.objects.get().requested_by,
        state=ImportJob.State.FAILED,
    )
    for path in (old, queued, failed_path):
        _age(path, 25)
    _age(new, 23)
    out = io.StringIO()
    call_command("clean_returns_uploads", stdout=out)
    assert out.getvalue().strip() == "Removed 1 expired upload(s)"
    # The day-old preview is gone; the newer one, the queued job's file and the failed job's file stay.
    assert not old.exists() and new.exists() and queued.exists() and failed_path.exists()
    _age(failed_path, 24 * 8)
    assert uploads.uploads_clean() == 1 and not failed_path.exists()


def test_each_new_upload_cleans_expired_ones(client, sign_in, area, tmp_path):
    sign_in(Role.ANALYST)
    stale = uploads.upload_folder() / "stale-token.xml"
    stale.write_bytes(b"x")
    _age(stale, 30)
    client.post(
        "/returns/",
        {"kind": "sen2", "file": SimpleUploadedFile("a.xml", write(tmp_path / "a.xml", [person(1)]).read_bytes())},
    )
    assert not stale.exists()


class CountingCsvImporter:
    """A second importer, as another app would register one: it counts the lines of a CSV file."""

    kind = "test_lines"
    suffix = ".csv"
    count_labels = {"line": "Lines"}

    def check(self, path, report):
        for _ in path.read_text().splitlines():
            report.count("line")
        if "bad" in path.read_text():
            report.add("Line 1", "value", "T1", "bad value")

    def load(self, path, imported_file, report):
        self.check(path, report)


@pytest.fixture
def second_importer():
    importer_register(CountingCsvImporter(), label="Test lines (CSV)")
    yield
    IMPORTERS.pop("test_lines")
    IMPORT_KINDS.pop("test_lines")


def test_the_upload_page_offers_every_registered_importer(client, sign_in, area, tmp_path, second_importer):
    sign_in(Role.ANALYST)
    page = client.get("/returns/").content.decode()
    assert 'value="sen2"' in page and 'value="test_lines"' in page and "Test lines (CSV)" in page
    csv = tmp_path / "lines.csv"
    csv.write_text("a\nb\nc\n")
    wrong = client.post("/returns/", {"kind": "sen2", "file": SimpleUploadedFile("lines.csv", csv.read_bytes())})
    assert "The selected file must be an XML file" in wrong.content.decode()
    preview = client.post(
        "/returns/", {"kind": "test_lines", "file": SimpleUploadedFile("lines.csv", csv.read_bytes())}
    )["Location"]
    assert [p.suffix for p in uploads.upload_folder().iterdir()] == [".csv"]
    page = client.get(preview).content.decode()
    assert (
        "Test lines (CSV): lines.csv" in page and "Lines" in page and ">3<" in page.replace(" ", "").replace("\n", "")
    )
    location = client.post(preview)["Location"]
    run_queued_jobs()
    job = ImportJob.objects.get()
    assert (job.kind, job.state, job.loaded, job.counts) == ("test_lines", "succeeded", True, {"line": 3})
    assert ImportedFile.objects.get().kind == "test_lines"
    assert "The file is loaded" in client.get(location).content.decode()
    assert "line: 3" in client.get("/returns/").content.decode()


def test_a_second_importers_problems_show_on_its_job(client, sign_in, area, tmp_path, second_importer):
    sign_in(Role.ANALYST)
    csv = tmp_path / "bad.csv"
    csv.write_text("bad\n")
    location = commit(client, csv, kind="test_lines")
    run_queued_jobs()
    page = client.get(location).content.decode()
    assert "The file cannot be loaded" in page and "bad value" in page and ImportedFile.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_on_postgresql_progress_is_committed_while_the_load_is_still_open(area, tmp_path, monkeypatch):
    from django.db import connection

    from sendboard.accounts.models import User

    if connection.vendor != "postgresql":
        pytest.skip("SQLite has one writer at a time: there progress inside the load is seen when it ends")
    folder = uploads.upload_folder()
    path = write(folder / "upload-token.xml", [person(n) for n in range(1, 1201)])
    # The job as the upload records it, run here rather than by the (test settings' immediate) task backend
    job = ImportJob.objects.create(
        kind="sen2",
        filename="big.xml",
        stored_name=path.name,
        size=path.stat().st_size,
        requested_by=User.objects.create(username="ana", role=Role.ANALYST),
    )
    seen = []
    real = core_jobs.Progress.__call__

    def watching(self, percent, message="", **fields):
        real(self, percent, message, **fields)
        if message.endswith("records read"):
            # Read from the import's own connection, inside its open transaction: only a committed write shows here.
            seen.append(tuple(ImportJob.objects.filter(pk=job.pk).values_list("progress", "message").get()))

    monkeypatch.setattr(core_jobs.Progress, "__call__", watching)
    jobs.job_run_now(job_id=job.pk)
    assert len(seen) == 1 and seen[0][1] == "1,000 records read" and seen[0][0] > 0
    job.refresh_from_db()
    assert (job.state, job.progress) == ("succeeded", 100)


def test_a_committed_upload_is_loaded_by_its_task_once_the_request_commits(
    client, sign_in, area, tmp_path, django_capture_on_commit_callbacks
):
    sign_in(Role.ANALYST)
    upload = SimpleUploadedFile("a.xml", write(tmp_path / "a.xml", [person(1), person(2)]).read_bytes())
    preview = client.post("/returns/", {"kind": "sen2", "file": upload})["Location"]
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        location = client.post(preview)["Location"]
    job = ImportJob.objects.get()
    assert job.state == "queued" and len(callbacks) == 1  # nothing runs until the request's transaction commits
    with django_capture_on_commit_callbacks(execute=True):
        callbacks[0]()  # the commit: the task is enqueued (the test settings' backend runs it at once)
    job.refresh_from_db()
    assert (job.state, job.progress, job.loaded, job.attempts) == ("succeeded", 100, True, 1), job.error
    assert job.task_id and Child.objects.count() == 2 and "The file is loaded" in client.get(location).content.decode()
