"""Given an advice request sent to the wrong organisation (the educational psychology service gets what is
CAMHS's to answer), when a professional forwards it with a reason, then it moves to the other organisation's queue
with its due date unchanged, the caseworker sees who forwarded it and why, the change is in the child's history,
the documents the caseworker sent go with it, and the first organisation no longer reaches it (ADR 0176)."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine

from sendboard.advice.models import Forwarding
from sendboard.audit.models import AuditEvent, Change
from sendboard.casework.models import AdviceRequest, StatutoryStep
from sendboard.documents.services import document_share, document_store
from tests.advice.helpers import PDF, asked, professional, shared_with_request, signed_in_caseworker, under_assessment
from tests.factories import OrganisationFactory
from tests.html import page, table_rows, text_of
from tests.sessions import force_login_verified

pytestmark = pytest.mark.django_db
TODAY = date(2026, 1, 12)
FROZEN = time_machine.travel("2026-01-12 09:00 +0000", tick=False)


@pytest.fixture
def services():
    """The educational psychology service, sent the request, and CAMHS, whose it is; each with a professional."""
    ep = OrganisationFactory(name="Educational Psychology Service")
    camhs = OrganisationFactory(name="CAMHS")
    return ep, camhs, professional(ep), professional(camhs)


def forward(client, advice, organisation, reason="The child's needs are for CAMHS to advise on."):
    return client.post(
        f"/advice/requests/{advice.public_id}/forward/", {"organisation": organisation.pk, "reason": reason}
    )


@FROZEN
def test_forwarding_moves_the_request_to_the_other_queue_with_its_due_date(client, sign_in, services):
    ep, camhs, ep_professional, camhs_professional = services
    advice = asked(under_assessment(forename="Maya", surname="Reid"), ep, on=date(2025, 12, 1), source="EP")
    force_login_verified(client, ep_professional)
    assert forward(client, advice, camhs).status_code == 302
    advice.refresh_from_db()
    assert (advice.organisation, advice.partner, advice.due_date, advice.status) == (
        camhs,
        "CAMHS",
        date(2026, 1, 12),
        AdviceRequest.Status.ASKED,
    )
    assert StatutoryStep.objects.get(step="advice").due_date == date(2026, 1, 12)
    assert client.get(f"/advice/requests/{advice.public_id}/").status_code == 404
    assert "No request is waiting for your organisation's advice." in client.get("/advice/").content.decode()
    force_login_verified(client, camhs_professional)
    rows = table_rows(client.get("/advice/").content, "Waiting for your advice")
    assert [(row[0], row[3]) for row in rows] == [("Maya Reid", "12 January 2026")]
    html = client.get(f"/advice/requests/{advice.public_id}/").content.decode()
    inset = text_of(page(html).find_class("govuk-inset-text")[0])
    assert inset == (
        "Forwarded to CAMHS by " + ep_professional.display_name + " of Educational Psychology Service on "
        "12 January 2026 at 09:00: The child's needs are for CAMHS to advise on."
    )


@FROZEN
def test_the_caseworker_sees_who_forwarded_the_request_and_why(client, sign_in, services):
    ep, camhs, ep_professional, _ = services
    user = signed_in_caseworker(sign_in)
    child = under_assessment(caseworker=user)
    advice = asked(child, ep, source="EP")
    force_login_verified(client, ep_professional)
    forward(client, advice, camhs)
    force_login_verified(client, user)
    rows = table_rows(client.get(f"/casework/children/{child.public_id}/").content, "Advice asked for")
    assert rows == [
        [
            "CAMHS",
            "Educational psychologist",
            "1 December 2025",
            f"Due by 12 January 2026 Forwarded from Educational Psychology Service by "
            f"{ep_professional.display_name} on 12 January 2026 at 09:00: "
            "The child's needs are for CAMHS to advise on.",
        ]
    ]


@FROZEN
def test_forwarding_is_kept_in_the_childs_history_and_the_audit_log(client, services):
    ep, camhs, ep_professional, _ = services
    advice = asked(under_assessment(), ep)
    force_login_verified(client, ep_professional)
    forward(client, advice, camhs, reason="Mental health needs")
    change = Change.objects.get(what="Advice request forwarded")
    assert (change.changed_by, change.reason, change.before, change.after) == (
        ep_professional,
        "Mental health needs",
        {"partner": "Educational Psychology Service"},
        {"partner": "CAMHS"},
    )
    forwarding = Forwarding.objects.get()
    assert (forwarding.from_organisation, forwarding.to_organisation, forwarding.forwarded_by) == (
        ep,
        camhs,
        ep_professional,
    )
    assert AuditEvent.objects.filter(
        user=ep_professional,
        detail=f"Advice request {advice.public_id} forwarded from organisation {ep.pk} to organisation {camhs.pk}",
    ).exists()


@FROZEN
def test_documents_sent_with_the_request_go_with_it_and_the_first_organisation_loses_them(client, services):
    ep, camhs, ep_professional, _ = services
    advice = asked(under_assessment(), ep)
    sent = shared_with_request(advice, title="School report")
    # Shared with the first organisation for another reason: its own report, which it keeps and CAMHS does not get.
    own = document_store(
        user=ep_professional,
        child=advice.assessment.request.child,
        kind="other",
        title="Our earlier report",
        document_date=TODAY,
        filename="e.pdf",
        content=PDF,
    )
    force_login_verified(client, ep_professional)
    forward(client, advice, camhs)
    assert set(sent.shared_with.all()) == {camhs}
    assert set(own.shared_with.all()) == {ep}
    assert [link.document for link in advice.request_documents.all()] == [sent]


@FROZEN
def test_a_document_sent_with_another_request_of_the_first_organisation_stays_shared_with_it(client, services):
    ep, camhs, ep_professional, _ = services
    child = under_assessment()
    advice = asked(child, ep)
    sent = shared_with_request(advice)
    other = asked(child, ep, source="EP")
    from sendboard.advice.models import RequestDocument

    RequestDocument.objects.create(advice_request=other, document=sent, purpose=RequestDocument.Purpose.SHARED)
    force_login_verified(client, ep_professional)
    forward(client, advice, camhs)
    assert set(sent.shared_with.all()) == {ep, camhs}


@FROZEN
def test_a_document_shared_with_the_first_organisation_but_not_for_advice_is_not_passed_on(client, services):
    ep, camhs, ep_professional, _ = services
    child = under_assessment()
    advice = asked(child, ep)
    unrelated = document_store(
        user=None, child=child, kind="other", title="Unrelated", document_date=TODAY, filename="u.pdf", content=PDF
    )
    document_share(user=None, document=unrelated, organisations=[ep])
    force_login_verified(client, ep_professional)
    forward(client, advice, camhs)
    assert camhs not in unrelated.shared_with.all()


@FROZEN
def test_forwarding_needs_an_organisation_and_a_reason(client, services):
    ep, camhs, ep_professional, _ = services
    advice = asked(under_assessment(), ep)
    force_login_verified(client, ep_professional)
    response = client.post(f"/advice/requests/{advice.public_id}/forward/", {"organisation": "", "reason": " "})
    messages = [text_of(item) for item in page(response.content).find_class("govuk-error-message")]
    assert messages == [
        "Error: Select the organisation to forward the request to",
        "Error: Enter why the request belongs to the other organisation",
    ]
    advice.refresh_from_db()
    assert advice.organisation == ep and not Forwarding.objects.exists()


@FROZEN
def test_forwarding_offers_only_other_organisations_with_someone_to_answer(client, services):
    ep, camhs, ep_professional, _ = services
    OrganisationFactory(name="Nobody answers here")
    advice = asked(under_assessment(), ep)
    force_login_verified(client, ep_professional)
    html = client.get(f"/advice/requests/{advice.public_id}/forward/").content.decode()
    options = [text_of(o) for o in page(html).get_element_by_id("id_organisation").iter("option")]
    assert options == ["Choose an organisation", "CAMHS"]
    assert forward(client, advice, ep).status_code == 200  # its own organisation is no choice
    assert not Forwarding.objects.exists()


@FROZEN
def test_an_answered_request_cannot_be_forwarded(client, services):
    ep, camhs, ep_professional, _ = services
    advice = asked(under_assessment(), ep)
    AdviceRequest.objects.filter(pk=advice.pk).update(status=AdviceRequest.Status.DECLINED)
    force_login_verified(client, ep_professional)
    assert forward(client, advice, camhs).status_code == 404
    advice.refresh_from_db()
    assert advice.organisation == ep


@FROZEN
def test_a_professional_of_another_organisation_cannot_forward(client, services):
    ep, camhs, _, camhs_professional = services
    advice = asked(under_assessment(), ep)
    force_login_verified(client, camhs_professional)
    assert forward(client, advice, camhs).status_code == 404
    assert not Forwarding.objects.exists()


@FROZEN
def test_the_request_page_offers_forwarding_while_it_is_open(client, services):
    ep, _, ep_professional, _ = services
    advice = asked(under_assessment(), ep)
    force_login_verified(client, ep_professional)
    links = [text_of(a) for a in page(client.get(f"/advice/requests/{advice.public_id}/").content).iter("a")]
    assert "Forward to another organisation" in links


@FROZEN
def test_the_childs_subject_access_export_holds_each_forwarding_and_the_documents_sent(client, services):
    from sendboard.casework.subject_access import subject_access_sections

    ep, camhs, ep_professional, _ = services
    advice = asked(under_assessment(), ep)
    sent = shared_with_request(advice, title="School report")
    other_child = asked(under_assessment(), ep)  # another child's forwarding is not in this child's export
    force_login_verified(client, ep_professional)
    forward(client, advice, camhs, reason="For CAMHS: her anxiety.")
    forward(client, other_child, camhs, reason="Someone else's.")
    sections = dict(subject_access_sections(advice.assessment.request.child))
    assert sections["Advice requests forwarded to another organisation"] == [
        {
            "advice request id": str(advice.public_id),
            "forwarded at": "2026-01-12T09:00:00+00:00",
            "from": "Educational Psychology Service",
            "to": "CAMHS",
            "forwarded by": ep_professional.display_name,
            "reason": "For CAMHS: her anxiety.",
        }
    ]
    assert sections["Documents sent with advice requests or returned as advice"] == [
        {
            "advice request id": str(advice.public_id),
            "document id": str(sent.public_id),
            "title": "School report",
            "how": "Sent with the request",
        }
    ]
