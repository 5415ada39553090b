"""Checks on what people type or upload that more than one app needs: dates against what they belong to,
phone numbers, and document or image files (ADR 0071)."""

from __future__ import annotations

from datetime import date

import phonenumbers
import puremagic
from django.core.exceptions import ValidationError
from django.utils import timezone

from sendboard.core.govuk import format_date

# The SEND reforms of the Children and Families Act 2014 began on 1 September 2014: nothing sendboard
# records about an area's SEND improvement (inspections, plans, actions, visits) is dated before them.
SEND_REFORMS_BEGAN = date(2014, 9, 1)
FAR_FUTURE_YEARS = 10


def far_future(today: date | None = None) -> date:
    today = today or timezone.localdate()
    try:
        return today.replace(year=today.year + FAR_FUTURE_YEARS)
    except ValueError:  # 29 February
        return today.replace(year=today.year + FAR_FUTURE_YEARS, day=28)


def date_check(
    day: date, *, field: str, label: str, earliest: date | None = None, since: str = "", not_after_today: bool = False
) -> None:
    """Refuse a date before what it belongs to began (``since`` says what that was), or in the far future (or,
    for things that have happened, after today). ``label`` is how the message names the date."""
    today = timezone.localdate()
    floor = max(earliest or SEND_REFORMS_BEGAN, SEND_REFORMS_BEGAN)
    if day < floor:
        why = since if earliest and earliest >= SEND_REFORMS_BEGAN else "when the SEND reforms began"
        raise ValidationError({field: f"{label} must be on or after {format_date(floor)}, {why}"})
    if not_after_today and day > today:
        raise ValidationError({field: f"{label} must be today or in the past"})
    if day > far_future(today):
        raise ValidationError({field: f"{label} must be before {format_date(far_future(today))}"})


def phone_number_clean(value: str) -> str:
    """A UK or international phone number, written the way people read it ("01905 763763"); empty stays empty."""
    value = value.strip()
    if not value:
        return ""
    message = "Enter a telephone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192"
    try:
        number = phonenumbers.parse(value, "GB")
    except phonenumbers.NumberParseException:
        raise ValidationError(message, code="invalid_phone") from None
    if not phonenumbers.is_possible_number(number):
        raise ValidationError(message, code="invalid_phone")
    if not phonenumbers.is_valid_number(number):  # a possible number in a range not yet issued, or kept for drama
        return value
    form = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if number.country_code == 44
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return phonenumbers.format_number(number, form)


# Documents and images people attach as evidence: the extension, and what the content must be recognised as.
DOCUMENT_TYPES: dict[str, frozenset[str]] = {
    ".pdf": frozenset({".pdf"}),
    ".docx": frozenset({".docx"}),
    ".xlsx": frozenset({".xlsx", ".docx"}),  # Office files share one zip signature
    ".pptx": frozenset({".pptx", ".docx"}),
    ".odt": frozenset({".odt"}),
    ".ods": frozenset({".ods"}),
    ".odp": frozenset({".odp"}),
    ".png": frozenset({".png"}),
    ".jpg": frozenset({".jpg", ".jpeg", ".jfif", ".jpe"}),
    ".jpeg": frozenset({".jpg", ".jpeg", ".jfif", ".jpe"}),
    ".csv": frozenset(),  # plain text: checked as text below
    ".txt": frozenset(),
}
DOCUMENT_TYPES_TEXT = "PDF, Word (.docx), Excel (.xlsx), PowerPoint (.pptx), OpenDocument, CSV, text, PNG or JPEG"
_SNIFF_BYTES = 64 * 1024


def _size(count: int) -> str:
    megabytes = count / (1024 * 1024)
    return f"{megabytes:g} MB" if megabytes >= 1 else f"{count:,} bytes"


def document_file_check(upload, *, max_bytes: int, what: str = "The evidence file") -> None:
    """Refuse a file whose extension is not a document or image type we accept, whose content is not what
    its extension says, or that is too large."""
    name = (upload.name or "").lower()
    extension = name[name.rfind(".") :] if "." in name else ""
    if extension not in DOCUMENT_TYPES:
        raise ValidationError(f"{what} must be a {DOCUMENT_TYPES_TEXT} file", code="file_type")
    if upload.size > max_bytes:
        raise ValidationError(f"{what} must be smaller than {_size(max_bytes)}", code="file_size")
    upload.seek(0)
    head = upload.read(_SNIFF_BYTES)
    upload.seek(0)
    expected = DOCUMENT_TYPES[extension]
    if not expected:
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as error:
            if error.start < len(head) - 4:  # not just a character cut at the end of what was read
                raise ValidationError(
                    f"{what} is not a text file: save it as UTF-8 text or CSV", code="file_content"
                ) from None
        if b"\x00" in head:
            raise ValidationError(f"{what} is not a text file: save it as UTF-8 text or CSV", code="file_content")
        return
    try:
        found = {match.extension.lower() for match in puremagic.magic_string(head)}
    except puremagic.PureError:
        found = set()
    if not found & expected:
        raise ValidationError(
            f"{what} is not a real {extension.lstrip('.').upper()} file: its content does not match its name",
            code="file_content",
        )
