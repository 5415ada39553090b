"""Given the analysts' extracts page, when analysts and others open it, then only those who may import returns
see it; it lists the layouts with templates and the files loaded with counts, never rows; an upload is
previewed with its problems and loaded on confirmation."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sendboard.accounts.roles import Role
from sendboard.extracts.layouts import LAYOUTS
from sendboard.extracts.models import CensusPupil
from sendboard.extracts.services import extract_import
from tests.extracts.samples import SAMPLES, U1, U2, U3, sample_file, with_cell

pytestmark = pytest.mark.django_db


def test_only_roles_importing_returns_see_the_page(client, sign_in):
    sign_in(Role.CASEWORKER)
    assert client.get("/extracts/").status_code == 403
    assert client.get("/extracts/templates/extract_census.csv").status_code == 403


def test_the_page_lists_layouts_and_files_without_rows(client, sign_in, area, tmp_path, django_assert_max_num_queries):
    sign_in(Role.ANALYST)
    extract_import(kind="extract_census", path=sample_file(tmp_path, "extract_census"), filename="census-jan.csv")
    extract_import(
        kind="extract_census",
        path=sample_file(tmp_path, "extract_census", SAMPLES["extract_census"][:2], name="c2.csv"),
        filename="census-jan-corrected.csv",
    )
    extract_import(
        kind="extract_attendance", path=sample_file(tmp_path, "extract_attendance"), filename="attendance.csv"
    )
    with django_assert_max_num_queries(12):
        response = client.get("/extracts/")
    html = response.content.decode()
    for layout in LAYOUTS.values():
        assert layout.title in html and f"/extracts/templates/{layout.kind}.csv" in html
    assert "census-jan.csv" in html and "census-jan-corrected.csv" in html and "replaced by a later file" in html
    for personal in (U1, U2, U3, "2015-03-10"):
        assert personal not in html


def test_a_template_downloads_as_csv(client, sign_in):
    sign_in(Role.ANALYST)
    response = client.get("/extracts/templates/extract_neet.csv")
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.decode() == ",".join(LAYOUTS["extract_neet"].header) + "\r\n"
    assert client.get("/extracts/templates/nothing.csv").status_code == 404


def upload(client, kind, path):
    with path.open("rb") as handle:
        return client.post(
            "/returns/", {"kind": kind, "file": SimpleUploadedFile(path.name, handle.read(), content_type="text/csv")}
        )


def test_the_returns_importer_previews_an_extract(client, sign_in, area, tmp_path):
    sign_in(Role.ANALYST)
    response = upload(client, "extract_census", sample_file(tmp_path, "extract_census"))
    assert response.status_code == 302
    preview = client.get(response["Location"]).content.decode()
    assert "Check the file before loading it" in preview and CensusPupil.objects.count() == 0


def test_a_bad_upload_shows_its_problems_without_values(client, sign_in, area, tmp_path):
    sign_in(Role.ANALYST)
    wrong = ("F" if U1[0] != "F" else "G") + U1[1:]
    response = upload(
        client, "extract_census", sample_file(tmp_path, "extract_census", with_cell("extract_census", 0, "upn", wrong))
    )
    html = client.get(response["Location"]).content.decode()
    assert "row 2, column upn: check letter wrong" in html
    assert wrong not in html and U2 not in html and CensusPupil.objects.count() == 0


def test_an_extract_must_be_a_csv_file(client, sign_in, tmp_path):
    sign_in(Role.ANALYST)
    path = tmp_path / "census.xlsx"
    path.write_bytes(b"not a csv")
    response = upload(client, "extract_census", path)
    assert response.status_code == 200 and "must be a CSV file" in response.content.decode()


def test_a_committed_extract_loads_in_an_import_job(client, sign_in, area, tmp_path):
    from sendboard.returns.models import ImportJob
    from tests.jobs import run_queued_jobs

    sign_in(Role.ANALYST)
    preview = upload(client, "extract_census", sample_file(tmp_path, "extract_census"))["Location"]
    assert client.post(preview).status_code == 302
    assert run_queued_jobs() == 1
    job = ImportJob.objects.get()
    assert job.loaded and job.counts["rows"] == 3 and CensusPupil.objects.count() == 3
