"""The documents' part of the retention schedule (ADR 0143, ADR 0157)."""

from __future__ import annotations

from datetime import date

from sendboard.documents.models import Document


def documents_past_retention_remove(*, born_before: date) -> int:
    """Delete every document about a child born before ``born_before``: a child's documents are kept exactly as
    long as the rest of their record. How many documents were removed."""
    past = Document.objects.filter(child__birth_date__lt=born_before)
    count = past.count()
    if count:
        past.delete()
    return count
