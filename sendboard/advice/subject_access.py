"""What the advice app holds about a child in their subject access export (ADRs 0144, 0176): each forwarding of an
advice request (who passed it on, from where, to where, when and why) and which of the child's documents went with
a request or came back as the advice. The requests themselves are casework's and exported there; the documents'
own files come with the documents app's part."""

from __future__ import annotations

from sendboard.advice.models import Forwarding, RequestDocument
from sendboard.casework.subject_access import SubjectAccessPart


def advice_part(child) -> SubjectAccessPart:
    forwardings = (
        Forwarding.objects.filter(advice_request__assessment__request__child=child)
        .select_related("advice_request", "from_organisation", "to_organisation", "forwarded_by")
        .order_by("forwarded_at", "id")
    )
    documents = (
        RequestDocument.objects.filter(advice_request__assessment__request__child=child)
        .select_related("advice_request", "document")
        .order_by("advice_request__requested_date", "advice_request_id", "purpose", "id")
    )
    return SubjectAccessPart(
        sections=[
            (
                "Advice requests forwarded to another organisation",
                [
                    {
                        "advice request id": str(f.advice_request.public_id),
                        "forwarded at": f.forwarded_at.isoformat(timespec="seconds"),
                        "from": f.from_organisation.name,
                        "to": f.to_organisation.name,
                        "forwarded by": f.forwarded_by.display_name,
                        "reason": f.reason,
                    }
                    for f in forwardings
                ],
            ),
            (
                "Documents sent with advice requests or returned as advice",
                [
                    {
                        "advice request id": str(d.advice_request.public_id),
                        "document id": str(d.document.public_id),
                        "title": d.document.title,
                        "how": d.get_purpose_display(),
                    }
                    for d in documents
                ],
            ),
        ]
    )
