"""Which of a child's documents go with an advice request: those the caseworker shared for the partner to read,
and the advice the partner returned (ADR 0153). The request itself is casework's ``AdviceRequest``; the link
lives here, above both casework and documents, so that neither names the other."""

from __future__ import annotations

from django.conf import settings
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


class Forwarding(models.Model):
    """A request passed on by a professional of the organisation it was sent to, to the organisation it belongs
    to (the educational psychology service passing on what is CAMHS's to answer, say). The request keeps its due
    date: the six weeks of reg. 8 run from when the council asked (ADR 0176)."""

    advice_request = models.ForeignKey("casework.AdviceRequest", on_delete=models.CASCADE, related_name="forwardings")
    from_organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    to_organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    forwarded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    forwarded_at = models.DateTimeField()
    reason = models.TextField()

    class Meta:
        ordering = ["advice_request", "forwarded_at", "id"]

    def __str__(self) -> str:
        return f"Advice request {self.advice_request_id} forwarded to organisation {self.to_organisation_id}"
