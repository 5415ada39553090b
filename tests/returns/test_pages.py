"""Given an analyst, when they upload a SEN2 file, then they see a preview (counts or problems) and only a
confirmed, valid file is loaded; the register can be exported as SEN2."""

from __future__ import annotations

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sendboard.accounts.roles import Role
from sendboard.audit.models import AuditEvent
from sendboard.casework.models import Child
from sendboard.returns.models import ImportedFile
from tests.casework.helpers import team
from tests.returns.samples import person, write

pytestmark = pytest.mark.django_db


def upload(client, path):
    return client.post("/returns/", {"file": SimpleUploadedFile(path.name, path.read_bytes(), content_type="text/xml")})


def test_upload_preview_then_load(client, sign_in, area, tmp_path):
    sign_in(Role.ANALYST)
    response = upload(client, write(tmp_path / "sen2.xml", [person(1), person(2)]))
    assert response.status_code == 302 and "/returns/preview/" in response["Location"]
    assert "sen2" not in response["Location"]
    preview = client.get(response["Location"])
    assert "Check the file before loading it" in preview.content.decode() and Child.objects.count() == 0
    loaded = client.post(response["Location"])
    assert loaded.status_code == 302 and Child.objects.count() == 2
    page = client.get("/returns/").content.decode()
    assert "The file loaded: 2 children" in page and "sen2.xml" in page


def test_a_file_with_problems_shows_them_and_cannot_be_loaded(client, sign_in, area, tmp_path):
    sign_in(Role.ANALYST)
    response = upload(client, write(tmp_path / "bad.xml", [person(1, sex="Q"), person(1)]))
    page = client.get(response["Location"]).content.decode()
    assert "The file cannot be loaded" in page
    assert "Sex “Q” is not a code in the Sex list" in page and "duplicate child" in page
    assert "Load this file" not in page
    client.post(response["Location"])
    assert Child.objects.count() == 0 and ImportedFile.objects.count() == 0


def test_the_same_file_again_is_recognised(client, sign_in, area, tmp_path):
    sign_in(Role.ANALYST)
    path = write(tmp_path / "sen2.xml", [person(1)])
    client.post(upload(client, path)["Location"])
    again = upload(client, path)
    assert "This file was loaded before" in client.get(again["Location"]).content.decode()


def test_upload_form_errors_keep_the_page_accessible(client, sign_in):
    sign_in(Role.ANALYST)
    response = client.post("/returns/", {})
    assert response.status_code == 200 and "Select a SEN2 file" in response.content.decode()
    response = client.post("/returns/", {"file": SimpleUploadedFile("notes.txt", b"hello")})
    assert "The selected file must be an XML file" in response.content.decode()


def test_another_users_upload_token_is_not_found(client, sign_in, area, tmp_path):
    sign_in(Role.ANALYST)
    location = upload(client, write(tmp_path / "sen2.xml", [person(1)]))["Location"]
    client.logout()
    sign_in(Role.ANALYST)
    assert client.get(location).status_code == 404


@pytest.mark.parametrize("role", [Role.CASEWORKER, Role.ADVISER, Role.SETTING_USER])
def test_only_analysts_and_administrators_load_returns(client, sign_in, role):
    sign_in(role)
    assert client.get("/returns/").status_code == 403
    assert client.get("/returns/export/").status_code == 403


def test_export_downloads_the_register_and_is_logged(client, sign_in, area, tmp_path):
    user = sign_in(Role.ANALYST)
    team(user.organisation, area)
    client.post(upload(client, write(tmp_path / "sen2.xml", [person(1), person(2)]))["Location"])
    assert "Download the SEN2 file" in client.get("/returns/export/").content.decode()
    response = client.post("/returns/export/")
    body = b"".join(response.streaming_content)
    assert response["Content-Disposition"].startswith('attachment; filename="sen2-885-')
    assert body.count(b"<Person ") == 2 and b"<LEA>885</LEA>" in body
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.RECORD_VIEWED, detail__startswith="SEN2 export of LA 885").exists()
    assert io.BytesIO(body).read(5) == b"<?xml"


def test_the_preview_says_how_many_children_a_later_file_updates(client, sign_in, area, tmp_path):
    sign_in(Role.ANALYST)
    client.post(upload(client, write(tmp_path / "one.xml", [person(1)]))["Location"])
    later = upload(client, write(tmp_path / "two.xml", [person(1), person(2)]))
    page = client.get(later["Location"]).content.decode()
    assert "Already in the register (their records will be replaced by this file&#39;s)" in page
    values = [re.sub(r"\s+", " ", v).strip() for v in re.findall(r'<dd class="govuk-summary-list__value">(.*?)</dd>', page, re.S)]
    assert values == ["2", "1", "None"]
