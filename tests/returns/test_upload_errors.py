"""The upload page showed its error summary twice (usability review, December 2026)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sendboard.accounts.roles import Role

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("data", [{}, {"kind": "sen2", "file": SimpleUploadedFile("notes.txt", b"hello")}])
def test_the_upload_page_shows_one_error_summary_in_govuk_words(client, sign_in, data):
    sign_in(Role.ANALYST)
    page = client.post("/returns/", data).content.decode()
    assert page.count('class="govuk-error-summary"') == 1
    assert "There is a problem" in page and "This field is required" not in page and "a XML" not in page
