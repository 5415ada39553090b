"""Writes of a child's documents and the council's letters (ADR 0157, ADR 0158). Each takes the acting user.

A caller hands ``document_store`` a child it has already reached through its own scoped selector (casework's
``child_get_for_user`` for casework staff; the advice app's request for a partner), and this module checks
the file itself: its size, and its type found from its content, never from its name.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from collections.abc import Iterable
from datetime import date

import puremagic
from django.core.exceptions import ValidationError
from django.db import transaction

from sendboard.audit.models import AuditEvent
from sendboard.audit.services import audit_record
from sendboard.documents.models import Document, DocumentKind

DOCUMENT_MAX_BYTES = 10 * 1024 * 1024

# What a council keeps about a child: PDFs, Word documents and photographs or scans. The value is the
# content type a download is served with.
ALLOWED_TYPES = {
    "application/pdf": "PDF",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word document",
    "application/msword": "Word document",
    "image/png": "PNG image",
    "image/jpeg": "JPEG image",
}
_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def content_type_of(content: bytes) -> str | None:
    """The type of a file found from its bytes, when it is one sendboard keeps; None otherwise. A Word (.docx)
    file is a zip that holds ``word/document.xml``; any other zip is refused."""
    try:
        found = {match.mime_type for match in puremagic.magic_string(content)}
    except (puremagic.PureError, ValueError):
        return None
    if "application/pdf" in found and content.startswith(b"%PDF"):
        return "application/pdf"
    for image in ("image/png", "image/jpeg"):
        if image in found:
            return image
    if content.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, ValueError):
            return None
        if "word/document.xml" in names:
            return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        return None
    if content.startswith(_OLE_SIGNATURE) and "application/msword" in found:
        return "application/msword"
    return None


def document_check(*, filename: str, content: bytes) -> str:
    """The file's content type, or a ValidationError on ``file`` saying what is wrong with it."""
    if not content:
        raise ValidationError({"file": "The selected file is empty"})
    if len(content) > DOCUMENT_MAX_BYTES:
        raise ValidationError({"file": "The selected file must be smaller than 10 MB"})
    content_type = content_type_of(content)
    if content_type is None:
        raise ValidationError({"file": "The selected file must be a PDF, a Word document, or a JPEG or PNG image"})
    return content_type


def _clean_filename(filename: str) -> str:
    # Only the last part of a path a browser sends, without control characters, as people read it.
    name = filename.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(c for c in name if c.isprintable() and c not in '"')
    return name.strip()[:200] or "document"


def document_store(
    *,
    user,
    child,
    kind: str,
    title: str,
    document_date: date,
    filename: str,
    content: bytes,
    shared_with: Iterable = (),
    audit: bool = True,
) -> Document:
    """Keep a document about ``child``. ``shared_with``: partner organisations that may see it besides the
    casework staff of the child's area; the organisation of a partner who adds a document (not casework staff
    of the area) always sees what it added. Raises ValidationError for a wrong file, kind, title or date."""
    from sendboard.documents.permissions import sees_every_document_of

    if kind not in DocumentKind.values:
        raise ValidationError({"kind": "Select the type of document"})
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": "Enter a title for the document"})
    if document_date is None:
        raise ValidationError({"document_date": "Enter the date of the document"})
    content_type = document_check(filename=filename, content=content)
    organisations = {getattr(o, "pk", o) for o in shared_with}
    if getattr(user, "organisation_id", None) and not sees_every_document_of(user, child):
        organisations.add(user.organisation_id)
    with transaction.atomic():
        document = Document.objects.create(
            child=child,
            kind=kind,
            title=title[:200],
            document_date=document_date,
            filename=_clean_filename(filename),
            content_type=content_type,
            size=len(content),
            sha256=hashlib.sha256(content).hexdigest(),
            content=content,
            uploaded_by=user if getattr(user, "is_authenticated", False) else None,
        )
        if organisations:
            document.shared_with.add(*organisations)
        if audit:
            audit_record(
                kind=AuditEvent.Kind.RECORD_CHANGED,
                user=user,
                detail=f"Document {document.public_id} added for Child {child.public_id}",
            )
    return document


def document_share(*, user, document: Document, organisations: Iterable) -> None:
    """Let partner organisations see ``document`` (for example the reports sent with an advice request)."""
    organisations = [getattr(o, "pk", o) for o in organisations]
    if not organisations:
        return
    document.shared_with.add(*organisations)
    audit_record(
        kind=AuditEvent.Kind.RECORD_CHANGED,
        user=user,
        detail=f"Document {document.public_id} of Child {document.child.public_id} shared with "
        f"{len(organisations)} organisation{'s' if len(organisations) != 1 else ''}",
    )


def documents_shown_record(*, user, documents: Iterable[Document], how: str = "listed") -> None:
    """Every view of a document, as a list entry or a download, in the audit log with the document's and the
    child's opaque ids only (ADR 0157)."""
    from sendboard.audit.services import audit_record_many

    audit_record_many(
        kind=AuditEvent.Kind.RECORD_VIEWED,
        user=user,
        details=[f"Document {d.public_id} of Child {d.child.public_id} {how}" for d in documents],
    )
