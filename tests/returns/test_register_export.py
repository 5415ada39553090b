"""Given a team manager, when they ask for the register as a SEN2 file, then the worker makes it (not the web
request) with progress they can watch, the file is held for them alone to download, each download is audited,
and the retention schedule removes the file a day later (ADR 0168)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from sendboard.accounts.roles import Role
from sendboard.audit.models import AuditEvent
from sendboard.returns import exports
from sendboard.returns.models import RegisterExport
from tests.casework.helpers import make_case, team
from tests.html import page, text_of
from tests.jobs import run_queued_jobs

pytestmark = pytest.mark.django_db
FORM = {
    "year": "2026",
    "reference_date-day": "15",
    "reference_date-month": "1",
    "reference_date-year": "2026",
    "dmo": "Y",
    "dco": "R",
    "dsco": "N",
    "serial_no": "1",
    "kind": "return",
}


@pytest.fixture
def manager(client, sign_in, area):
    user = sign_in(Role.TEAM_MANAGER)
    team(user.organisation, area)
    make_case(area=area)
    make_case(area=area)
    return user


def _title(response) -> str:
    return text_of(page(response.content).xpath("//h1")[0])


def _asked(client) -> RegisterExport:
    assert client.post("/returns/export/", FORM).status_code == 302
    return RegisterExport.objects.get()


def test_asking_for_the_export_queues_it_and_writes_no_file_in_the_request(client, manager):
    job = _asked(client)
    assert (job.state, job.stored_name, job.filename) == ("queued", "", "sen2-885-2026-001.xml")
    assert list(exports.export_folder().iterdir()) == []
    waiting = client.get(f"/returns/export/{job.public_id}/")
    assert _title(waiting) == "Making the SEN2 file"
    assert waiting["Refresh"]
    assert client.get(f"/returns/export/{job.public_id}/download/").status_code == 404
    assert AuditEvent.objects.filter(
        kind=AuditEvent.Kind.RECORD_CHANGED, detail__endswith="of LA 885 for the 2026 collection asked for"
    ).exists()


def test_the_worker_makes_the_file_and_the_page_offers_its_download(client, manager):
    job = _asked(client)
    run_queued_jobs()
    ready = client.get(f"/returns/export/{job.public_id}/")
    assert _title(ready) == "Your SEN2 file is ready"
    assert "Refresh" not in ready
    button = page(ready.content).xpath("//a[contains(@class, 'govuk-button')]")[0]
    assert (text_of(button), button.get("href")) == (
        "Download sen2-885-2026-001.xml",
        f"/returns/export/{job.public_id}/download/",
    )
    job.refresh_from_db()
    assert (job.progress, job.message, job.children) == (100, "2 children written", 2)
    assert (exports.export_folder() / job.stored_name).stat().st_mode & 0o777 == 0o600


def test_each_download_is_recorded_as_a_view_of_every_child_in_the_file(client, manager):
    job = _asked(client)
    run_queued_jobs()
    response = client.get(f"/returns/export/{job.public_id}/download/")
    assert response["Content-Disposition"] == 'attachment; filename="sen2-885-2026-001.xml"'
    assert b"".join(response.streaming_content).count(b"<Person>") == 2
    assert AuditEvent.objects.filter(
        kind=AuditEvent.Kind.RECORD_VIEWED,
        user=manager,
        detail=f"Register export {job.public_id} downloaded: 2 children",
    ).exists()


def test_the_file_is_held_for_the_person_who_asked_alone(client, manager, sign_in, area):
    job = _asked(client)
    run_queued_jobs()
    client.logout()
    other = sign_in(Role.TEAM_MANAGER)
    team(other.organisation, area)
    assert client.get(f"/returns/export/{job.public_id}/").status_code == 404
    assert client.get(f"/returns/export/{job.public_id}/download/").status_code == 404
    assert job.public_id.hex not in client.get("/returns/export/").content.decode().replace("-", "")


def test_an_analyst_cannot_reach_an_export_page(client, manager, sign_in):
    job = _asked(client)
    client.logout()
    sign_in(Role.ANALYST)
    assert client.get(f"/returns/export/{job.public_id}/").status_code == 403
    assert client.get(f"/returns/export/{job.public_id}/download/").status_code == 403


def test_the_retention_schedule_removes_the_file_a_day_after_it_was_made(client, manager):
    job = _asked(client)
    run_queued_jobs()
    job.refresh_from_db()
    held = exports.export_folder() / job.stored_name
    assert exports.exports_past_retention_remove(before=timezone.now() - timedelta(days=1)) == 0
    assert held.exists()
    assert exports.exports_past_retention_remove(before=timezone.now() + timedelta(seconds=1)) == 1
    assert not held.exists()
    assert _title(client.get(f"/returns/export/{job.public_id}/")) == "This file is no longer held"
    assert client.get(f"/returns/export/{job.public_id}/download/").status_code == 404


def test_the_export_page_lists_the_persons_exports(client, manager):
    job = _asked(client)
    run_queued_jobs()
    listed = page(client.get("/returns/export/").content)
    link = listed.xpath("//table//a")[0]
    assert (text_of(link), link.get("href")) == ("sen2-885-2026-001.xml", f"/returns/export/{job.public_id}/")


def test_progress_counts_the_children_written_even_when_a_tag_is_split_between_writes(tmp_path):
    reported = []
    with (tmp_path / "out.xml").open("wb") as out:
        counting = exports._CountingFile(out, total=4, progress=lambda p, m: reported.append((p, m)))
        counting.write(b"<Person>a</Per")
        counting.write(b"son>\n<Person>b</Person>\n<Person>c</Person>")
    assert reported == [(0, "0 of 4 children written"), (75, "3 of 4 children written")]


def test_a_failed_export_says_so_and_leaves_no_file(client, manager, monkeypatch):
    job = _asked(client)

    def broken(**kwargs):
        kwargs["out"].write(b"<Person>")
        raise OSError("disk full")

    monkeypatch.setattr("sendboard.returns.services.register_export", broken)
    run_queued_jobs()
    failed = client.get(f"/returns/export/{job.public_id}/")
    assert _title(failed) == "The SEN2 file was not made"
    assert "The file was not made (OSError). Ask for it again" in failed.content.decode()
    assert list(exports.export_folder().iterdir()) == []


def test_the_export_pages_make_a_fixed_number_of_queries(client, manager, django_assert_max_num_queries):
    job = _asked(client)
    run_queued_jobs()
    with django_assert_max_num_queries(12):
        client.get("/returns/export/")
    with django_assert_max_num_queries(10):
        client.get(f"/returns/export/{job.public_id}/")
