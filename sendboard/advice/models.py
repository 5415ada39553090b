"""Which of a child's documents go with an advice request: those the caseworker shared for the partner to read,
and the advice the partner returned (ADR 0153). The request itself is casework's ``AdviceRequest``; the link
lives here, above both casework and documents, so that neither names the other."""

from __future__ import annotations

from django.db import models


class RequestDocument(models.Model):
    class Purpose(models.TextChoices):
        SHARED = "shared", "Sent with the request"
        ADVICE = "advice", "The advice returned"

    advice_request = models.ForeignKey(
        "casework.AdviceRequest", on_delete=models.CASCADE, related_name="request_documents"
    )
    document = models.ForeignKey("documents.Document", on_delete=models.CASCADE, related_name="advice_requests")
    purpose = models.CharField(max_length=10, choices=Purpose.choices)

    class Meta:
        ordering = ["advice_request", "purpose", "id"]
        constraints = [
            models.UniqueConstraint(fields=["advice_request", "document"], name="advice_requestdocument_once")
        ]

    def __str__(self) -> str:
        return f"Document {self.document_id} of advice request {self.advice_request_id}"
