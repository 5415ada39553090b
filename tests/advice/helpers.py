"""Advice requests, professionals and caseworkers for the advice tests."""

from __future__ import annotations

from datetime import date

from sendboard.accounts.models import Organisation
from sendboard.accounts.roles import Role
from sendboard.casework.models import AdviceRequest, Child
from sendboard.casework.services import steps_refresh
from tests.casework.helpers import make_case, team
from tests.factories import OrganisationFactory, UserFactory

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def trust() -> Organisation:
    return OrganisationFactory(name="Worcestershire Health Trust", kind=Organisation.Kind.PROVIDER)


def professional(organisation: Organisation | None = None, **fields):
    return UserFactory(role=Role.HEALTH_SOCIAL_CARE, organisation=organisation or trust(), **fields)


def under_assessment(*, forename="Child", surname="Test", area=None, caseworker=None, received=date(2025, 11, 1)):
    """A child whose assessment is under way: the council decided to assess, no plan yet."""
    child = make_case(area=area, received=received, decided=date(2025, 11, 20), outcome="Y", caseworker=caseworker)
    Child.objects.filter(pk=child.pk).update(forename=forename, surname=surname)
    child.refresh_from_db()
    return child


def asked(
    child: Child,
    organisation: Organisation,
    *,
    on: date = date(2025, 12, 1),
    due: date | None = None,
    source: str = "HEALTH",
    question: str = "Please advise on the child's health needs.",
    as_of: date = date(2026, 1, 12),
) -> AdviceRequest:
    """An advice request made in sendboard, as ``advice_request_ask`` leaves it, and the child's steps."""
    from datetime import timedelta

    advice = AdviceRequest.objects.create(
        assessment=child.requests.get().assessment,
        source=source,
        partner=organisation.name,
        organisation=organisation,
        question=question,
        requested_date=on,
        due_date=due or on + timedelta(weeks=6),
    )
    steps_refresh(child_ids=[child.id], as_of=as_of)
    return advice


def caseworker(organisation: Organisation | None = None, **fields):
    user = UserFactory(role=Role.CASEWORKER, organisation=organisation or OrganisationFactory(), **fields)
    team(user.organisation)
    return user


def child_document(child: Child, title: str = "Report", *, user=None, on: date = date(2026, 1, 12)):
    """A PDF document about ``child``, shared with nobody."""
    from sendboard.documents.services import document_store

    return document_store(
        user=user, child=child, kind="other", title=title, document_date=on, filename="r.pdf", content=PDF
    )


def sent_with(advice: AdviceRequest, document) -> None:
    """Link ``document`` to ``advice`` as sent with it, as asking does (without sharing it)."""
    from sendboard.advice.models import RequestDocument

    RequestDocument.objects.create(advice_request=advice, document=document, purpose=RequestDocument.Purpose.SHARED)


def shared_with_request(advice: AdviceRequest, *, title: str = "School report", user=None, on=date(2026, 1, 12)):
    """A document of the request's child, sent with the request for its organisation to read."""
    from sendboard.documents.services import document_share

    document = child_document(advice.assessment.request.child, title, user=user, on=on)
    sent_with(advice, document)
    if advice.organisation_id:
        document_share(user=user, document=document, organisations=[advice.organisation])
    return document


def signed_in_caseworker(sign_in):
    """A caseworker signed in, whose team holds the area ``under_assessment`` makes children in."""
    from tests.casework.helpers import team

    user = sign_in(Role.CASEWORKER)
    team(user.organisation)
    return user
