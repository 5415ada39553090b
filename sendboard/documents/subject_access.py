"""A child's documents in their subject access export (ADR 0144, ADR 0157): a row describing each, and each
document's own file, so that the bundle holds every document about the child."""

from __future__ import annotations

from sendboard.casework.subject_access import SubjectAccessPart
from sendboard.documents.models import Document


def _file_name(number: int, document: Document) -> str:
    return f"documents/{number:03d}-{document.filename}"


def documents_part(child) -> SubjectAccessPart:
    documents = list(
        Document.objects.filter(child=child)
        .defer(None)
        .select_related("uploaded_by")
        .prefetch_related("shared_with")
        .order_by("document_date", "uploaded_at", "id")
    )
    rows = [
        {
            "document id": str(d.public_id),
            "type of document": d.get_kind_display(),
            "title": d.title,
            "date of the document": d.document_date.isoformat(),
            "file name": d.filename,
            "file in this bundle": _file_name(number, d),
            "size in bytes": d.size,
            "SHA-256": d.sha256,
            "added by": d.uploaded_by.display_name if d.uploaded_by else "",
            "added at": d.uploaded_at.isoformat(timespec="seconds"),
            "shared with": "; ".join(o.name for o in d.shared_with.all()),
        }
        for number, d in enumerate(documents, start=1)
    ]
    files = [(_file_name(number, d), bytes(d.content)) for number, d in enumerate(documents, start=1)]
    return SubjectAccessPart(sections=[("Documents and letters", rows)], files=files)
