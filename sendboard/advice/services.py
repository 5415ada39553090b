"""Writes for advice from partners: a caseworker asks an organisation for advice; a professional of that
organisation returns it, with the document and a structured summary, or declines with a reason. Each takes
the acting user, recomputes the child's statutory steps and is kept in the child's history (ADR 0115)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sendboard.advice import permissions
from sendboard.advice.models import Forwarding, RequestDocument
from sendboard.advice.selectors import advice_due_date, advice_sources
from sendboard.audit.history import change_created, change_tracked, values_of
from sendboard.audit.models import AuditEvent
from sendboard.audit.services import audit_record
from sendboard.casework.models import AdviceRequest, Child
from sendboard.casework.selectors import assessment_under_way
from sendboard.casework.services import children_shown_record, steps_refresh
from sendboard.documents.models import Document, DocumentKind
from sendboard.documents.services import document_share, document_store, document_unshare

_ANSWER_FIELDS = ["status", "received_date", "needs_identified", "provision_recommended", "outcomes_sought"]


@transaction.atomic
def advice_request_ask(
    *,
    user,
    child: Child,
    organisation_id: int,
    source: str,
    question: str,
    documents: Iterable[Document] = (),
    today: date,
) -> AdviceRequest:
    """Ask ``organisation_id`` for advice on ``child`` (reached through casework's scoped selector, with its
    relations prefetched) in the assessment under way, due by the advice timescale rule; share ``documents``
    of the child with the organisation for it to read."""
    if not permissions.may_ask_for_advice(user):
        raise ValidationError("You cannot ask for advice")
    assessment = assessment_under_way(child)
    if assessment is None:
        raise ValidationError("This child has no EHC needs assessment under way to ask for advice for")
    organisation = permissions.partner_organisations().filter(pk=organisation_id).first()
    if organisation is None:
        raise ValidationError({"organisation": "Select the organisation to ask from the list"})
    if source not in advice_sources():
        raise ValidationError({"source": "Select the type of advice from the list"})
    question = (question or "").strip()
    if not question:
        raise ValidationError({"question": "Enter what the organisation is asked to advise on"})
    documents = list(documents)
    if any(document.child_id != child.id for document in documents):
        raise ValidationError({"documents": "Select documents about this child only"})
    advice = AdviceRequest.objects.create(
        assessment=assessment,
        source=source,
        partner=organisation.name[:200],
        organisation=organisation,
        asked_by=user,
        question=question,
        requested_date=today,
        due_date=advice_due_date(asked=today),
    )
    for document in documents:
        RequestDocument.objects.create(advice_request=advice, document=document, purpose=RequestDocument.Purpose.SHARED)
    for document in documents:
        document_share(user=user, document=document, organisations=[organisation])
    steps_refresh(child_ids=[child.id], as_of=today)
    change_created(
        user=user,
        subject=advice,
        within=child,
        what="Advice asked for",
        added=advice,
        fields=["source", "partner", "requested_date", "due_date"],
    )
    audit_record(
        kind=AuditEvent.Kind.RECORD_CHANGED,
        user=user,
        detail=f"Advice request {advice.public_id} for Child {child.public_id} sent to organisation {organisation.pk}",
    )
    return advice


def _lock_open(advice: AdviceRequest) -> None:
    """Lock the request's row and refuse it unless it is still open (two people answering at once)."""
    AdviceRequest.objects.select_for_update().filter(pk=advice.pk).first()
    advice.refresh_from_db(fields=["status", "organisation"])
    if advice.status != AdviceRequest.Status.ASKED:
        raise ValidationError(f"This request was already {advice.get_status_display().lower()}")


@transaction.atomic
def advice_return(
    *,
    user,
    advice: AdviceRequest,
    needs_identified: str,
    provision_recommended: str,
    outcomes_sought: str,
    filename: str,
    content: bytes,
    today: date,
) -> AdviceRequest:
    """Return the advice asked for in ``advice`` (reached through ``selectors.advice_request_get``): the
    document, kept as the child's advice and seen by the caseworker's team and the returning organisation,
    with the summary; the request is returned today and the child's advice step done."""
    _lock_open(advice)
    summary = {
        "needs_identified": (needs_identified or "").strip(),
        "provision_recommended": (provision_recommended or "").strip(),
        "outcomes_sought": (outcomes_sought or "").strip(),
    }
    missing = {
        "needs_identified": "Enter the needs identified",
        "provision_recommended": "Enter the provision recommended",
        "outcomes_sought": "Enter the outcomes sought",
    }
    errors = {name: message for name, message in missing.items() if not summary[name]}
    if errors:
        raise ValidationError(errors)
    child = advice.assessment.request.child
    source = advice_sources().get(advice.source, "Advice")
    document = document_store(
        user=user,
        child=child,
        kind=DocumentKind.ADVICE,
        title=f"{source} from {advice.partner}"[:200],
        document_date=today,
        filename=filename,
        content=content,
        shared_with=[advice.organisation_id] if advice.organisation_id else [],
    )
    RequestDocument.objects.create(advice_request=advice, document=document, purpose=RequestDocument.Purpose.ADVICE)
    with change_tracked(
        user=user,
        subject=advice,
        within=child,
        what="Advice returned",
        values=lambda: values_of(advice, _ANSWER_FIELDS),
    ):
        for name, value in summary.items():
            setattr(advice, name, value)
        advice.status = AdviceRequest.Status.RETURNED
        advice.received_date = today
        advice.answered_by = user
        advice.answered_at = timezone.now()
        advice.save(update_fields=[*_ANSWER_FIELDS, "answered_by", "answered_at"])
    steps_refresh(child_ids=[child.id], as_of=today)
    audit_record(kind=AuditEvent.Kind.RECORD_CHANGED, user=user, detail=f"Advice request {advice.public_id} returned")
    return advice


@transaction.atomic
def advice_decline(*, user, advice: AdviceRequest, reason: str) -> AdviceRequest:
    """Decline a request, saying why (the wrong service, say), so that the caseworker can ask elsewhere. The
    child's advice step stays open: the advice is still owed to the assessment."""
    _lock_open(advice)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Enter why you are declining the request"})
    child = advice.assessment.request.child
    with change_tracked(
        user=user,
        subject=advice,
        within=child,
        what="Advice request declined",
        values=lambda: values_of(advice, ["status"]),
    ):
        advice.status = AdviceRequest.Status.DECLINED
        advice.decline_reason = reason
        advice.answered_by = user
        advice.answered_at = timezone.now()
        advice.save(update_fields=["status", "decline_reason", "answered_by", "answered_at"])
    audit_record(kind=AuditEvent.Kind.RECORD_CHANGED, user=user, detail=f"Advice request {advice.public_id} declined")
    return advice


@transaction.atomic
def advice_request_forward(
    *, user, advice: AdviceRequest, organisation_id: int, reason: str, today: date
) -> Forwarding:
    """Pass a request sent to the user's organisation (reached through ``selectors.advice_request_get``) on to
    the organisation it belongs to, saying why. It keeps its due date (reg. 8's six weeks run from the council's
    asking); the documents the caseworker sent with it go with it, and the first organisation no longer sees
    them or the request (ADR 0176)."""
    _lock_open(advice)
    if advice.organisation_id != user.organisation_id:
        raise ValidationError("This request is no longer with your organisation")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Enter why the request belongs to the other organisation"})
    to = forward_organisations(advice).filter(pk=organisation_id).first()
    if to is None:
        raise ValidationError({"organisation": "Select the organisation to forward the request to from the list"})
    first = advice.organisation
    child = advice.assessment.request.child
    with change_tracked(
        user=user,
        subject=advice,
        within=child,
        what="Advice request forwarded",
        reason=reason,
        values=lambda: values_of(advice, ["partner"]),
    ):
        advice.organisation, advice.partner = to, to.name[:200]
        advice.save(update_fields=["organisation", "partner"])
    forwarding = Forwarding.objects.create(
        advice_request=advice,
        from_organisation=first,
        to_organisation=to,
        forwarded_by=user,
        forwarded_at=timezone.now(),
        reason=reason,
    )
    _shared_documents_move(user=user, advice=advice, first=first, to=to)
    steps_refresh(child_ids=[child.id], as_of=today)
    audit_record(
        kind=AuditEvent.Kind.RECORD_CHANGED,
        user=user,
        detail=f"Advice request {advice.public_id} forwarded from organisation {first.pk} to organisation {to.pk}",
    )
    return forwarding


def forward_organisations(advice: AdviceRequest):
    """Where a request can be forwarded: any organisation advice can be asked of, other than the one holding it."""
    return permissions.partner_organisations().exclude(pk=advice.organisation_id)


def _shared_documents_move(*, user, advice: AdviceRequest, first, to) -> None:
    """The documents the caseworker sent with the request go to the new organisation. The first organisation
    keeps a document only while it still needs it: sent with another of its requests, or added by itself."""
    documents = list(
        Document.objects.filter(
            advice_requests__advice_request=advice, advice_requests__purpose=RequestDocument.Purpose.SHARED
        ).select_related("child", "uploaded_by")
    )
    still_needed = set(
        RequestDocument.objects.filter(document__in=documents, advice_request__organisation=first)
        .exclude(advice_request=advice)
        .values_list("document_id", flat=True)
    )
    for document in documents:
        document_share(user=user, document=document, organisations=[to])
        added_by_first = document.uploaded_by is not None and document.uploaded_by.organisation_id == first.pk
        if document.id not in still_needed and not added_by_first:
            document_unshare(user=user, document=document, organisations=[first])


def advice_request_shown_record(*, user, advice: AdviceRequest) -> None:
    """A professional opened a request: the child it names is logged like every view of a child (ADR 0065)."""
    children_shown_record(user=user, children=[advice.assessment.request.child])


def advice_queue_shown_record(*, user, requests: Iterable[AdviceRequest]) -> None:
    children_shown_record(user=user, children=[r.assessment.request.child for r in requests], listed=True)
