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
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

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
    if document_date > timezone.localdate():
        raise ValidationError({"document_date": "The date of the document must be today or in the past"})
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
    _sharing_audit(user=user, document=document, how="shared with", count=len(organisations))


def _sharing_audit(*, user, document: Document, how: str, count: int) -> None:
    audit_record(
        kind=AuditEvent.Kind.RECORD_CHANGED,
        user=user,
        detail=f"Document {document.public_id} of Child {document.child.public_id} {how} "
        f"{count} organisation{'s' if count != 1 else ''}",
    )


def document_unshare(*, user, document: Document, organisations: Iterable) -> None:
    """Stop partner organisations seeing ``document`` (an advice request forwarded away from them, ADR 0176)."""
    organisations = [getattr(o, "pk", o) for o in organisations]
    removed = document.shared_with.filter(pk__in=organisations).count()
    if not removed:
        return
    document.shared_with.remove(*organisations)
    _sharing_audit(user=user, document=document, how="no longer shared with", count=removed)


def documents_shown_record(*, user, documents: Iterable[Document], how: str = "listed") -> None:
    """Every view of a document, as a list entry or a download, in the audit log with the document's and the
    child's opaque ids only (ADR 0157)."""
    from sendboard.audit.services import audit_record_many

    audit_record_many(
        kind=AuditEvent.Kind.RECORD_VIEWED,
        user=user,
        details=[f"Document {d.public_id} of Child {d.child.public_id} {how}" for d in documents],
    )


def letter_wording_version(wording) -> str:
    """The version an edit form carries of the wording it opened with (ADR 0070)."""
    from sendboard.core.concurrency import version_token

    return version_token({"subject": wording.subject, "body": wording.body})


def letter_template_save(*, user, local_area, letter: str, subject: str, body: str, version: str | None = None):
    """Save a council's own wording of ``letter`` (team managers and administrators of the area). Refuses a
    placeholder sendboard cannot fill and a save made on wording someone else has changed since; the change is
    kept in the one history (ADR 0115)."""
    from sendboard.audit.history import change_tracked, values_of
    from sendboard.core.concurrency import row_lock_refresh, version_check
    from sendboard.documents import letters
    from sendboard.documents.models import LetterKind, LetterTemplate
    from sendboard.documents.permissions import letter_template_areas

    if letter not in LetterKind.values or not letter_template_areas(user).filter(pk=local_area.pk).exists():
        raise PermissionDenied("letter templates")
    subject, body = " ".join((subject or "").split()), (body or "").replace("\r\n", "\n").strip()
    errors = {}
    for field, text in (("subject", subject), ("body", body)):
        try:
            letters.wording_check(text, field=field)
        except ValidationError as error:
            errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        template = LetterTemplate.objects.filter(local_area=local_area, letter=letter).first()
        if template is None:
            shipped = letters.shipped_wording(letter)
            template = LetterTemplate(local_area=local_area, letter=letter, subject=shipped.subject, body=shipped.body)
        else:
            row_lock_refresh(template)
        version_check(version=version, values={"subject": template.subject, "body": template.body})
        with change_tracked(
            user=user,
            subject=template,
            what=f"Letter wording changed: {LetterKind(letter).label}",
            values=lambda: values_of(template, ["subject", "body"]),
        ):
            template.subject, template.body = subject, body
            template.updated_by, template.updated_at = user, timezone.now()
            template.save()
        audit_record(kind=AuditEvent.Kind.RECORD_CHANGED, user=user, detail=f"Letter wording changed: {letter}")
    return template


def letter_produce(*, user, child, letter: str, council_name: str, labels: dict, wording) -> Document:
    """Make ``letter`` for ``child`` as a PDF and keep it as a document of the letter's kind. Refuses a letter
    whose record is not complete enough (the decision not yet recorded, for example)."""
    from sendboard.documents import letters
    from sendboard.documents.models import LETTER_DOCUMENT_KINDS, LetterKind
    from sendboard.documents.permissions import may_add_documents_for

    if letter not in LetterKind.values or not may_add_documents_for(user, child):
        raise PermissionDenied("letters")
    today = timezone.localdate()
    values = letters.record_values(child, council_name=council_name, labels=labels, today=today)
    missing = letters.missing_values(letter, values)
    if missing:
        raise ValidationError(f"Record {' and '.join(missing)} before producing this letter")
    filled = letters.letter_fill(wording, values)
    pdf = letters.letter_pdf(letters.letter_html(filled, values=values))
    return document_store(
        user=user,
        child=child,
        kind=LETTER_DOCUMENT_KINDS[letter],
        title=LetterKind(letter).label,
        document_date=today,
        filename=letters.letter_filename(letter, today=today),
        content=pdf,
    )
