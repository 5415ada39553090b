"""Reads of a child's documents and the council's letters, each scoped by the user (ADR 0157)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404

from sendboard.accounts.models import Organisation
from sendboard.core.models import LocalArea
from sendboard.documents import permissions
from sendboard.documents.letters import Wording, shipped_wording
from sendboard.documents.models import Document, LetterKind, LetterTemplate


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
    return list(
        documents_for_user(user)
        .filter(child=child)
        .select_related("uploaded_by", "child")
        .prefetch_related("shared_with")
    )


@dataclass(frozen=True)
class LetterRow:
    letter: str
    name: str
    wording: Wording
    template: LetterTemplate | None  # None: the wording sendboard ships


def letter_wording(local_area, letter: str) -> LetterRow:
    """The wording the area uses for ``letter``: its own if a team manager saved one, otherwise sendboard's."""
    if letter not in LetterKind.values:
        raise Http404("No such letter")
    template = LetterTemplate.objects.select_related("updated_by").filter(local_area=local_area, letter=letter).first()
    return _row(letter, template)


def _row(letter: str, template: LetterTemplate | None) -> LetterRow:
    wording = Wording(template.subject, template.body) if template else shipped_wording(letter)
    return LetterRow(letter, str(LetterKind(letter).label), wording, template)


def letter_rows(local_area) -> list[LetterRow]:
    """Every letter and the wording the area uses for it, in the order of a case (one query)."""
    saved = {t.letter: t for t in LetterTemplate.objects.select_related("updated_by").filter(local_area=local_area)}
    return [_row(letter, saved.get(letter)) for letter in LetterKind.values]


def letter_template_areas(user) -> list[LocalArea]:
    return list(permissions.letter_template_areas(user).order_by("name"))


def letter_template_area_get(user, la_code: str) -> LocalArea:
    area = permissions.letter_template_areas(user).filter(la_code=la_code).first()
    if area is None:
        raise Http404("No such area")
    return area


def council_name(local_area) -> str:
    """The council's name as its letters give it: the council organisation with the area's local authority
    code, else the area's name followed by "Council"."""
    name = (
        Organisation.objects.filter(kind=Organisation.Kind.COUNCIL, code=local_area.la_code)
        .values_list("name", flat=True)
        .first()
    )
    return name or f"{local_area.name} Council"


def partner_organisations(user) -> list[tuple[int, str]]:
    """The organisations a caseworker may share a child's document with: those that work with children one by
    one (health, social care, settings, providers), never their own team, the parent carer forum (whose work is
    strategic, not any one child's) or the DfE and NHS England."""
    return list(
        Organisation.objects.exclude(pk=user.organisation_id)
        .exclude(casework_team__isnull=False)
        .exclude(kind__in=[Organisation.Kind.ADVISER, Organisation.Kind.PARENT_CARER_FORUM])
        .order_by("name")
        .values_list("pk", "name")
    )
