"""The advice part of the demo area: open advice requests, asked by the demo caseworker through sendboard, of
the health trust, the educational psychology service and children's social care, for children of the generated
register whose assessment is under way; some overdue, some not yet due. So the demo professionals' queues and
the caseworker's advice are not empty. The school's advice the documents loader made for some of those children
goes with their requests, as a caseworker sends it. Runs after the returns and documents loaders
(``sendboard.demo.loaders``)."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from sendboard.accounts.models import Organisation, User
from sendboard.advice.models import RequestDocument
from sendboard.advice.selectors import advice_due_date
from sendboard.casework.generated_area import DEMO_LA
from sendboard.casework.models import AdviceRequest, Assessment
from sendboard.casework.services import steps_refresh
from sendboard.documents.models import Document, DocumentKind
from sendboard.documents.services import document_share

# (organisation, AdviceSource code, how many requests)
ASKED = [
    ("Herefordshire and Worcestershire Health and Care NHS Trust", "HEALTH", 8),
    ("Worcestershire Educational Psychology Service", "EP", 6),
    ("Worcestershire Children's Social Care", "SOCIAL_CARE", 4),
]
QUESTIONS = {
    "HEALTH": "Please give health advice for the EHC needs assessment: any diagnosis, the child's health needs "
    "relating to their special educational needs, and the health provision they need.",
    "EP": "Please give psychological advice for the EHC needs assessment: how the child learns, what helps, and "
    "the provision and outcomes you would recommend.",
    "SOCIAL_CARE": "Please give social care advice for the EHC needs assessment: whether the child is known to "
    "children's social care, and any care needs relating to their special educational needs.",
}
# Days ago each request was asked, in turn: past six weeks is overdue.
ASKED_DAYS_AGO = [60, 50, 45, 30, 21, 14, 7, 3]


@transaction.atomic
def load_demo(*, stdout) -> None:
    organisations = {o.name: o for o in Organisation.objects.filter(name__in=[name for name, _, _ in ASKED])}
    if AdviceRequest.objects.filter(organisation__in=organisations.values()).exists():
        stdout.write("Demo advice requests already made")
        return
    caseworker = User.objects.filter(username="demo.caseworker").first()
    wanted = sum(n for _, _, n in ASKED)
    assessments = (
        Assessment.objects.filter(
            request__child__local_area__la_code=DEMO_LA, request__outcome="Y", outcome="", named_plan__isnull=True
        )
        .select_related("request__child")
        .order_by("-request__received_date", "id")
    )
    # The demo caseworker's own cases first, so that they see the advice they asked for; then the team's.
    under_way = list(assessments.filter(request__child__caseworker=caseworker)[:wanted])
    under_way += list(assessments.exclude(request__child__caseworker=caseworker)[: wanted - len(under_way)])
    today = timezone.localdate()
    made = []
    for name, source, count in ASKED:
        organisation = organisations.get(name)
        if organisation is None:
            continue
        for n in range(count):
            if not under_way:
                break
            assessment = under_way.pop(0)
            asked = today - timedelta(days=ASKED_DAYS_AGO[n % len(ASKED_DAYS_AGO)])
            made.append(
                AdviceRequest(
                    assessment=assessment,
                    source=source,
                    partner=organisation.name,
                    organisation=organisation,
                    asked_by=caseworker,
                    question=QUESTIONS[source],
                    requested_date=asked,
                    due_date=advice_due_date(asked=asked),
                )
            )
    AdviceRequest.objects.bulk_create(made)
    _documents_send(made, caseworker=caseworker)
    steps_refresh(child_ids={a.assessment.request.child_id for a in made}, as_of=today)
    stdout.write(f"Demo advice requests made: {len(made)}")


def _documents_send(made: list[AdviceRequest], *, caseworker) -> None:
    """Send with each request the advice the caseworker holds for its child (the school's), as asking does."""
    children = {advice.assessment.request.child_id for advice in made}
    held = {}
    for document in Document.objects.filter(child_id__in=children, kind=DocumentKind.ADVICE, uploaded_by=caseworker):
        held.setdefault(document.child_id, []).append(document)
    for advice in made:
        for document in held.get(advice.assessment.request.child_id, []):
            RequestDocument.objects.create(
                advice_request=advice, document=document, purpose=RequestDocument.Purpose.SHARED
            )
            document_share(user=caseworker, document=document, organisations=[advice.organisation])
