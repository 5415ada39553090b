"""Keeping a document: the file is checked by its content, the record and the audit entry written, and only
the people it is meant for reach it (ADR 0157)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from sendboard.audit.models import AuditEvent
from sendboard.documents.models import Document, DocumentKind
from sendboard.documents.selectors import document_get_for_user, documents_for_child
from sendboard.documents.services import DOCUMENT_MAX_BYTES, document_store
from tests.casework.helpers import make_case, other_area
from tests.documents.helpers import PDF, PNG, casework_user, docx, partner_user, xlsx

pytestmark = pytest.mark.django_db


def _store(user, child, content=PDF, filename="advice.pdf", **kw):
    return document_store(
        user=user,
        child=child,
        kind=kw.pop("kind", DocumentKind.ADVICE),
        title=kw.pop("title", "Educational psychology advice"),
        document_date=kw.pop("document_date", date(2025, 10, 1)),
        filename=filename,
        content=content,
        **kw,
    )


def test_a_pdf_is_kept_with_its_type_size_and_checksum():
    user = casework_user()
    document = _store(user, make_case())
    stored = Document.objects.get(pk=document.pk)
    assert (stored.content_type, stored.size, bytes(stored.content)) == ("application/pdf", len(PDF), PDF)


def test_a_word_document_is_recognised_from_its_content():
    document = _store(casework_user(), make_case(), content=docx(), filename="plan.pdf")
    assert document.content_type == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def test_an_image_is_kept():
    assert _store(casework_user(), make_case(), content=PNG, filename="scan.png").content_type == "image/png"


def test_a_spreadsheet_named_as_a_word_document_is_refused():
    with pytest.raises(ValidationError) as refused:
        _store(casework_user(), make_case(), content=xlsx(), filename="letter.docx")
    assert refused.value.message_dict == {
        "file": ["The selected file must be a PDF, a Word document, or a JPEG or PNG image"]
    }


def test_text_named_as_a_pdf_is_refused():
    with pytest.raises(ValidationError):
        _store(casework_user(), make_case(), content=b"just some words", filename="advice.pdf")
    assert not Document.objects.exists()


def test_a_file_over_the_limit_is_refused():
    with pytest.raises(ValidationError) as refused:
        _store(casework_user(), make_case(), content=PDF + b"0" * DOCUMENT_MAX_BYTES)
    assert refused.value.message_dict == {"file": ["The selected file must be smaller than 10 MB"]}


def test_an_empty_file_is_refused():
    with pytest.raises(ValidationError) as refused:
        _store(casework_user(), make_case(), content=b"")
    assert refused.value.message_dict == {"file": ["The selected file is empty"]}


def test_a_path_in_the_file_name_is_dropped():
    document = _store(casework_user(), make_case(), filename="C:\\Users\\me\\advice.pdf")
    assert document.filename == "advice.pdf"


def test_adding_a_document_is_audited_with_opaque_ids_only():
    user = casework_user()
    child = make_case()
    document = _store(user, child)
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.RECORD_CHANGED)
    assert event.detail == f"Document {document.public_id} added for Child {child.public_id}"


def test_casework_staff_of_the_area_reach_the_document():
    user = casework_user()
    document = _store(user, make_case())
    assert document_get_for_user(casework_user(), document.public_id) == document


def test_a_caseworker_of_another_area_does_not_reach_it():
    document = _store(casework_user(), make_case())
    with pytest.raises(Http404):
        document_get_for_user(casework_user(area=other_area()), document.public_id)


def test_a_partner_not_shared_with_does_not_reach_it():
    document = _store(casework_user(), make_case(), shared_with=[partner_user().organisation])
    with pytest.raises(Http404):
        document_get_for_user(partner_user(), document.public_id)


def test_a_partner_shared_with_reaches_it():
    partner = partner_user()
    document = _store(casework_user(), make_case(), shared_with=[partner.organisation])
    assert document_get_for_user(partner, document.public_id) == document


def test_a_partner_who_adds_advice_sees_what_they_added():
    partner = partner_user()
    document = _store(partner, make_case())
    assert document_get_for_user(partner, document.public_id) == document


def test_a_partner_sees_only_the_documents_shared_with_them():
    partner = partner_user()
    child = make_case()
    user = casework_user()
    shared = _store(user, child, shared_with=[partner.organisation], title="Shared")
    _store(user, child, title="Not shared")
    assert documents_for_child(partner, child) == [shared]


def test_a_date_in_the_future_is_refused():
    with pytest.raises(ValidationError) as refused:
        _store(casework_user(), make_case(), document_date=date(2999, 1, 1))
    assert refused.value.message_dict == {"document_date": ["The date of the document must be today or in the past"]}
