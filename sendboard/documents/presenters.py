"""Documents as people read them."""

from __future__ import annotations

from sendboard.documents.services import ALLOWED_TYPES


def size_words(size: int) -> str:
    """1.2 MB, 340 KB: as a file's size is usually written."""
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    return f"{max(1, round(size / 1024))} KB"


def file_words(document) -> str:
    """PDF, 120 KB."""
    return f"{ALLOWED_TYPES.get(document.content_type, 'File')}, {size_words(document.size)}"


def document_rows(documents) -> list[dict]:
    """A row per document for the child's documents page (``shared_with`` prefetched)."""
    return [
        {
            "document": document,
            "file": file_words(document),
            "shared_with": [organisation.name for organisation in document.shared_with.all()],
        }
        for document in documents
    ]
