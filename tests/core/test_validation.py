"""Dates against what they belong to, phone numbers, and document or image files by type, content and size."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import given
from hypothesis import strategies as st

from sendboard.core.validation import date_check, document_file_check, phone_number_clean

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 40
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 100


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


@time_machine.travel(date(2026, 12, 5))
@pytest.mark.parametrize(
    ("day", "message"),
    [
        (date(1990, 6, 1), "The date of the update must be on or after 5 January 2026, when the action started"),
        (date(2010, 6, 1), "The date of the update must be on or after 5 January 2026, when the action started"),
        (date(2026, 12, 6), "The date of the update must be today or in the past"),
    ],
)
def test_a_date_before_what_it_belongs_to_or_after_today_is_refused(day, message):
    with pytest.raises(ValidationError) as refused:
        date_check(
            day,
            field="day",
            label="The date of the update",
            earliest=date(2026, 1, 5),
            since="when the action started",
            not_after_today=True,
        )
    assert refused.value.message_dict == {"day": [message]}


@time_machine.travel(date(2026, 12, 5))
def test_dates_before_the_send_reforms_or_in_the_far_future_are_refused_and_others_pass():
    with pytest.raises(ValidationError, match="on or after 1 September 2014, when the SEND reforms began"):
        date_check(date(2010, 1, 1), field="due_date", label="The due date")
    with pytest.raises(ValidationError, match="must be before 5 December 2036"):
        date_check(date(2099, 1, 1), field="due_date", label="The due date")
    date_check(date(2030, 1, 1), field="due_date", label="The due date")
    date_check(date(2026, 1, 5), field="day", label="The date", earliest=date(2026, 1, 5), not_after_today=True)


@pytest.mark.parametrize("typed", ["abc", "12", "0190511111111111", "phone me", "+44"])
def test_a_phone_number_that_cannot_be_one_is_refused(typed):
    with pytest.raises(ValidationError, match="Enter a telephone number, like 01632 960 001"):
        phone_number_clean(typed)


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("01905 763763", "01905 763763"),
        ("+1 202 555 0143", "+1 202-555-0143"),
        ("", ""),
        ("07700 900 982", "07700 900 982"),
    ],
)
def test_real_phone_numbers_are_kept_in_a_readable_form(typed, kept):
    assert phone_number_clean(typed) == kept


@given(
    st.text(alphabet=st.characters(blacklist_categories=["Nd"]), min_size=1, max_size=40).filter(lambda t: t.strip())
)
def test_text_without_digits_is_never_a_phone_number(typed):
    with pytest.raises(ValidationError):
        phone_number_clean(typed)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("report.pdf", PDF),
        ("photo.png", PNG),
        ("minutes.docx", _docx()),
        ("figures.csv", b"month,count\n2026-01,4\n"),
        ("notes.txt", "Café notes".encode()),
    ],
)
def test_documents_and_images_are_accepted(name, content):
    document_file_check(SimpleUploadedFile(name, content), max_bytes=1024 * 1024)


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("setup.exe", EXE, r"must be a PDF, Word \(\.docx\)"),
        ("report.pdf", EXE, "is not a real PDF file"),
        ("photo.png", PDF, "is not a real PNG file"),
        ("minutes.docx", PDF, "is not a real DOCX file"),
        ("notes.txt", EXE, "is not a text file"),
        ("page.html", b"<script>alert(1)</script>", "must be a PDF"),
        ("no-extension", PDF, "must be a PDF"),
    ],
)
def test_other_files_or_files_whose_content_is_not_their_name_are_refused(name, content, says):
    with pytest.raises(ValidationError, match=says):
        document_file_check(SimpleUploadedFile(name, content), max_bytes=1024 * 1024)


def test_a_file_over_the_size_limit_is_refused():
    with pytest.raises(ValidationError, match="must be smaller than 20 MB"):
        document_file_check(SimpleUploadedFile("big.pdf", PDF + b"x" * (20 * 1024 * 1024)), max_bytes=20 * 1024 * 1024)
