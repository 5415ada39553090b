"""A child's documents (advice, decision letters, plans, review reports) and the letters the council writes
from its own templates (ADR 0157, ADR 0158).

A document's bytes are kept in the database beside its description, so that a backup, a subject access export
and the retention schedule each see a document exactly as they see the rest of the child's record.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone


class DocumentKind(models.TextChoices):
    """What a document is, in the words of the SEND Code of Practice (2015) and the SEND Regulations 2014."""

    ADVICE = "advice", "Advice and information"
    DECISION_LETTER = "decision_letter", "Decision letter"
    DRAFT_PLAN = "draft_plan", "Draft EHC plan"
    FINAL_PLAN = "final_plan", "Final EHC plan"
    REVIEW_REPORT = "review_report", "Annual review report"
    AMENDED_PLAN = "amended_plan", "Amended EHC plan"
    OTHER = "other", "Other document"


class DocumentManager(models.Manager):
    """Lists never load a document's bytes: only a download reads ``content`` (one more query)."""

    def get_queryset(self):
        return super().get_queryset().defer("content")


class Document(models.Model):
    """One document about a child or young person. Casework staff of the child's area always see it; a partner
    organisation sees it only when it is shared with them (``shared_with``), for example the advice it returned
    or the reports sent with an advice request (ADR 0157)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False, help_text="The only id used in URLs")
    child = models.ForeignKey("casework.Child", on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField("type of document", max_length=20, choices=DocumentKind.choices)
    title = models.CharField(max_length=200)
    document_date = models.DateField("date of the document")
    filename = models.CharField("file name", max_length=200)
    content_type = models.CharField(max_length=100, help_text="As found from the file's content, not as sent")
    size = models.PositiveIntegerField("size in bytes")
    sha256 = models.CharField(max_length=64)
    content = models.BinaryField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+", verbose_name="added by"
    )
    uploaded_at = models.DateTimeField("added at", default=timezone.now)
    shared_with = models.ManyToManyField(
        "accounts.Organisation",
        blank=True,
        related_name="shared_documents",
        verbose_name="partner organisations it is shared with",
    )

    objects = DocumentManager()

    class Meta:
        ordering = ["-document_date", "-uploaded_at", "-id"]
        indexes = [models.Index(fields=["child", "document_date"], name="documents_child_date")]

    def __str__(self) -> str:
        return f"Document {self.public_id}"


class LetterKind(models.TextChoices):
    """The letters a council sends at each statutory step, each produced as a document of ``document_kind``."""

    DECISION_TO_ASSESS = "decision_to_assess", "Decision to carry out an EHC needs assessment"
    DECISION_NOT_TO_ASSESS = "decision_not_to_assess", "Decision not to carry out an EHC needs assessment"
    DRAFT_PLAN_COVER = "draft_plan_cover", "Covering letter with the draft EHC plan"
    FINAL_PLAN_COVER = "final_plan_cover", "Covering letter with the final EHC plan"
    REVIEW_DECISION = "review_decision", "Decision after an annual review"


LETTER_DOCUMENT_KINDS: dict[str, str] = {
    LetterKind.DECISION_TO_ASSESS: DocumentKind.DECISION_LETTER,
    LetterKind.DECISION_NOT_TO_ASSESS: DocumentKind.DECISION_LETTER,
    LetterKind.DRAFT_PLAN_COVER: DocumentKind.DRAFT_PLAN,
    LetterKind.FINAL_PLAN_COVER: DocumentKind.FINAL_PLAN,
    LetterKind.REVIEW_DECISION: DocumentKind.DECISION_LETTER,
}


class LetterTemplate(models.Model):
    """A council's own wording of one letter, replacing the wording sendboard ships (ADR 0158). Until a council
    saves its own, the shipped wording in ``documents/letters/`` is used."""

    local_area = models.ForeignKey("core.LocalArea", on_delete=models.CASCADE, related_name="letter_templates")
    letter = models.CharField(max_length=30, choices=LetterKind.choices)
    subject = models.CharField("heading", max_length=200)
    body = models.TextField("wording")
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["local_area", "letter"]
        constraints = [
            models.UniqueConstraint(fields=["local_area", "letter"], name="documents_lettertemplate_one_per_area")
        ]

    def __str__(self) -> str:
        return f"{self.get_letter_display()} ({self.local_area})"
