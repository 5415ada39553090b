"""Given an analyst, when they upload a file of any registered kind, then they see a preview (counts or
problems); a confirmed file is loaded by an import job whose page shows progress and the result, and a failed
job can be tried again. The register can be exported as SEN2."""

from __future__ import annotations

import html
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sendboard.accounts.roles import Role
from sendboard.audit.models import AuditEvent
from sendboard.casework.models import Child
from sendboard.returns.models import ImportedFile, ImportJob, RegisterExport
from tests.casework.helpers import make_case, team
from tests.jobs import run_queued_jobs
from tests.returns.samples import person, write

pytestmark = pytest.mark.django_db
EXPORT_FORM = {
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


def upload(client, path, kind="sen2"):
    return client.post(
        "/returns/", {"kind": kind, "file": SimpleUploadedFile(path.name, path.read_bytes(), content_type="text/xml")}
    )


def run_jobs():
    run_queued_jobs()


def export_made(client, form: dict):
    """Ask for an export, let the worker make it, and return its page and the download."""
    asked = client.post("/returns/export/", form)
    job = RegisterExport.objects.get()
    assert asked.status_code == 302 and asked["Location"] == f"/returns/export/{job.public_id}/"
    run_jobs()
    ready = client.get(asked["Location"])
    return ready, client.get(f"/returns/export/{job.public_id}/download/")


def test_upload_preview_then_load_as_a_job(client, sign_in, area, tmp_path):
    sign_in(Role.ANALYST)
    response = upload(client, write(tmp_path / "sen2.xml", [person(1), person(2)]))
    assert response.status_code == 302 and "/returns/preview/" in response["Location"]
    assert "sen2" not in response["Location"]
    preview = client.get(response["Location"]).content.decode()
    assert (
        "Check the file before loading it" in preview
        and "Children and young people" in preview
        and Child.objects.count() == 0
    )
    queued = client.post(response["Location"])
    job = ImportJob.objects.get()
    assert queued["Location"] == f"/returns/jobs/{job.public_id}/" and (job.state, job.kind) == ("queued", "sen2")
    waiting = client.get(queued["Location"])
    assert waiting["Refresh"] == "2" and "Waiting to start" in waiting.content.decode() and Child.objects.count() == 0
    run_jobs()
    done = client.get(queued["Location"])
    page = done.content.decode()
    assert "Refresh" not in done and "The file is loaded" in page and "100%" in page and Child.objects.count() == 2
    assert AuditEvent.objects.filter(detail=f"Import job {job.public_id} (sen2) queued").exists()
    listing = client.get("/returns/").content.decode()
    assert "sen2.xml" in listing and "person: 2" in listing


def test_a_file_with_problems_shows_them_and_cannot_be_loaded(client, sign_in, area, tmp_path):
    sign_in(Role.ANALYST)
    response = upload(client, write(tmp_path / "bad.xml", [person(1, sex="Q"), person(1)]))
    page = client.get(response["Location"]).content.decode()
    assert "The file cannot be loaded" in page
    assert "Sex “Q” is not a code in the Sex list" in page and "DfE rule 1520" in page
    assert "Load this file" not in page
    client.post(response["Location"])
    run_jobs()
    job_page = client.get(f"/returns/jobs/{ImportJob.objects.get().public_id}/").content.decode()
    assert "The file cannot be loaded" in job_page and "DfE rule 1520" in job_page
    assert Child.objects.count() == 0 and ImportedFile.objects.count() == 0


def test_the_same_file_again_is_recognised(client, sign_in, area, tmp_path):
    sign_in(Role.ANALYST)
    path = write(tmp_path / "sen2.xml", [person(1)])
    client.post(upload(client, path)["Location"])
    run_jobs()
    again = upload(client, path)
    assert "This file was loaded before" in client.get(again["Location"]).content.decode()


def test_upload_form_errors_keep_the_page_accessible(client, sign_in):
    sign_in(Role.ANALYST)
    response = client.post("/returns/", {})
    page = response.content.decode()
    assert response.status_code == 200 and "Select what kind of file it is" in page and "Select a file" in page
    response = client.post("/returns/", {"kind": "sen2", "file": SimpleUploadedFile("notes.txt", b"hello")})
    assert "The selected file must be an XML file for SEN2 person-level return (XML)" in response.content.decode()


def test_another_users_upload_token_and_job_are_not_found(client, sign_in, area, tmp_path):
    sign_in(Role.ANALYST)
    location = upload(client, write(tmp_path / "sen2.xml", [person(1)]))["Location"]
    job_location = client.post(location)["Location"]
    second = upload(client, write(tmp_path / "two.xml", [person(2)]))["Location"]
    client.logout()
    sign_in(Role.ANALYST)
    assert client.get(second).status_code == 404
    assert client.get(job_location).status_code == 404


@pytest.mark.parametrize("role", [Role.CASEWORKER, Role.ADVISER, Role.SETTING_USER])
def test_only_analysts_and_administrators_load_returns(client, sign_in, role):
    sign_in(role)
    assert client.get("/returns/").status_code == 403
    assert client.get("/returns/export/").status_code == 403


def test_export_downloads_the_register_and_is_logged(client, sign_in, area, tmp_path):
    analyst = sign_in(Role.ANALYST)
    client.post(upload(client, write(tmp_path / "sen2.xml", [person(1), person(2)]))["Location"])
    run_jobs()
    client.logout()
    manager = sign_in(Role.TEAM_MANAGER)
    team(manager.organisation, area)
    assert analyst.organisation != manager.organisation
    assert "Make the SEN2 file" in client.get("/returns/export/").content.decode()
    _, response = export_made(client, {**EXPORT_FORM, "kind": "sendboard"})
    body = b"".join(response.streaming_content)
    assert response["Content-Disposition"].startswith('attachment; filename="sendboard-register-885-')
    assert body.count(b"<Person ") == 2 and b"<LEA>885</LEA>" in body and body.count(b"<Requests>") == 2
    assert AuditEvent.objects.filter(
        kind=AuditEvent.Kind.RECORD_VIEWED, detail__startswith="sendboard register copy of LA 885"
    ).exists()
    assert io.BytesIO(body).read(5) == b"<?xml"
    assert b"<sb:DraftPlanIssued>" in body  # the casework SEN2 does not carry travels in sendboard's copy


def test_the_sen2_return_holds_only_the_collections_items_and_header(client, sign_in, area, tmp_path):
    sign_in(Role.ANALYST)
    client.post(upload(client, write(tmp_path / "sen2.xml", [person(1), person(2)]))["Location"])
    run_jobs()
    client.logout()
    manager = sign_in(Role.TEAM_MANAGER)
    team(manager.organisation, area)
    _, response = export_made(client, {**EXPORT_FORM, "serial_no": "2"})
    body = b"".join(response.streaming_content)
    assert response["Content-Disposition"] == 'attachment; filename="sen2-885-2026-002.xml"'
    assert b"sendboard:casework" not in body and b"sb:" not in body and body.count(b"<Person>") == 2
    for item in (
        b"<Year>2026</Year>",
        b"<ReferenceDate>2026-01-15</ReferenceDate>",
        b"<SerialNo>002</SerialNo>",
        b"<DMO>Y</DMO>",
        b"<DCO>R</DCO>",
        b"<DSCO>N</DSCO>",
    ):
        assert item in body, item
    assert AuditEvent.objects.filter(
        kind=AuditEvent.Kind.RECORD_VIEWED, detail="SEN2 export of LA 885 for the 2026 collection: 2 children"
    ).exists()


def test_the_export_page_warns_of_children_the_collection_would_refuse(client, sign_in, area, tmp_path):
    manager = sign_in(Role.TEAM_MANAGER)
    team(manager.organisation, area)
    assert "sex not known" not in client.get("/returns/export/").content.decode()
    make_case(area=area)
    Child.objects.update(sex="U")
    page = client.get("/returns/export/").content.decode()
    assert "1 child is recorded with sex not known" in page


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"reference_date-year": "2025"},
            "reference_date",
            "The reference date must be in 2026, the year of the collection (its census day was 15 January 2026)",
        ),
        (
            {"dsco": ""},
            "dsco",
            "Select whether the area has a Designated Social Care Officer: the 2026 collection asks",
        ),
        ({"serial_no": "1000"}, "serial_no", "Submission number must be 999 or less"),
        ({"dmo": ""}, "dmo", "Select whether the area has a Designated Medical Officer"),
    ],
)
def test_the_export_form_says_what_is_wrong_and_keeps_what_was_chosen(client, sign_in, area, changes, field, message):
    manager = sign_in(Role.TEAM_MANAGER)
    team(manager.organisation, area)
    response = client.post("/returns/export/", {**EXPORT_FORM, **changes})
    assert response.status_code == 200
    page = response.content.decode()
    assert html.escape(message) in page
    assert re.search(r'value="2026"\s+checked', page)  # what was chosen is kept
    assert not AuditEvent.objects.filter(kind=AuditEvent.Kind.RECORD_VIEWED).exists()


def test_the_preview_says_how_many_children_a_later_file_updates(client, sign_in, area, tmp_path):
    sign_in(Role.ANALYST)
    client.post(upload(client, write(tmp_path / "one.xml", [person(1)]))["Location"])
    run_jobs()
    later = upload(client, write(tmp_path / "two.xml", [person(1), person(2)]))
    page = client.get(later["Location"]).content.decode()
    assert "Already in the register (their records will be replaced by this file&#39;s)" in page
    values = [
        re.sub(r"\s+", " ", v).strip()
        for v in re.findall(r'<dd class="govuk-summary-list__value">(.*?)</dd>', page, re.S)
    ]
    # children 2, already in the register 1, problems none
    assert values == ["2", "1", "None"]


def test_sen2_export_the_analyst_who_loads_returns_never_downloads_the_register(client, sign_in, area):
    user = sign_in(Role.ANALYST)
    team(user.organisation, area)
    assert client.get("/returns/").status_code == 200
    assert client.get("/returns/export/").status_code == 403
    assert client.post("/returns/export/").status_code == 403
    assert (
        AuditEvent.objects.filter(kind=AuditEvent.Kind.PERMISSION_REFUSED, detail="returns.export_register").count()
        == 2
    )


def test_sen2_export_needs_two_factor_even_where_local_development_turned_it_off(client, sign_in, area, settings):
    settings.SENDBOARD_OTP_REQUIRED = False
    user = sign_in(Role.ADMINISTRATOR, verified=False)
    team(user.organisation, area)
    assert client.get("/home/").status_code == 200
    response = client.post("/returns/export/", EXPORT_FORM)
    assert response.status_code == 302 and response["Location"].startswith("/account/two-factor/set-up/")
    assert not AuditEvent.objects.filter(kind=AuditEvent.Kind.RECORD_VIEWED).exists()
