"""Reads of a child's documents and the council's letters, each scoped by the user (ADR 0157)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from sendboard.documents import permissions
from sendboard.documents.models import Document


def documents_for_user(user) -> QuerySet[Document]:
    """Every document ``user`` may see (without the bytes)."""
    return Document.objects.filter(permissions.visible_documents_q(user)).distinct()


def document_get_for_user(user, public_id) -> Document:
    """One document ``user`` may see, with its child; 404 for any other, so that a document's existence is
    never revealed to someone who may not see it."""
    document = documents_for_user(user).select_related("child", "uploaded_by").filter(public_id=public_id).first()
    if document is None:
        raise Http404("No such document")
    return document


def documents_for_child(user, child) -> list[Document]:
    """The documents about ``child`` that ``user`` may see, newest first."""
    return list(documents_for_user(user).filter(child=child).select_related("uploaded_by", "child"))
