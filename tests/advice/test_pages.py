"""Given advice requests sent to organisations, when professionals, caseworkers and the designated clinical
officer open the advice pages, then each sees only what the request or their role allows: a professional only
their own organisation's requests and only what each needs of the child, every view logged, a fixed number of
queries per page."""

from __future__ import annotations

import uuid
from datetime import date

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from sendboard.accounts.roles import Role
from sendboard.advice.models import RequestDocument
from sendboard.audit.models import AuditEvent
from sendboard.casework.models import AdviceRequest, StatutoryStep
from tests.advice.helpers import (
    PDF,
    asked,
    child_document,
    professional,
    sent_with,
    signed_in_caseworker,
    trust,
    under_assessment,
)
from tests.factories import OrganisationFactory
from tests.html import page, table_rows, text_of

pytestmark = pytest.mark.django_db
TODAY = date(2026, 1, 12)
FROZEN = time_machine.travel("2026-01-12 09:00 +0000", tick=False)


def summary_value(html: str, key: str) -> str:
    for row in page(html).find_class("govuk-summary-list__row"):
        if text_of(row.find_class("govuk-summary-list__key")[0]) == key:
            return text_of(row.find_class("govuk-summary-list__value")[0])
    raise AssertionError(f"No summary row {key!r}")


def error_messages(html: str) -> list[str]:
    return [text_of(item) for item in page(html).find_class("govuk-error-message")]


def answering(sign_in):
    """A professional of the trust signed in, and a request sent to the trust about a child being assessed."""
    organisation = trust()
    user = sign_in(Role.HEALTH_SOCIAL_CARE, organisation=organisation)
    child = under_assessment()
    return user, organisation, child, asked(child, organisation)


# --- the professional's queue ------------------------------------------------------------------------------


@FROZEN
def test_the_queue_lists_the_organisations_open_requests_overdue_first(client, sign_in):
    organisation = trust()
    sign_in(Role.HEALTH_SOCIAL_CARE, organisation=organisation)
    asked(under_assessment(forename="Nia", surname="Later"), organisation, on=date(2026, 1, 5))
    asked(under_assessment(forename="Omar", surname="Overdue"), organisation, on=date(2025, 11, 1))
    response = client.get("/advice/")
    rows = table_rows(response.content, "Waiting for your advice")
    assert [(row[0], row[3], row[4]) for row in rows] == [
        ("Omar Overdue", "13 December 2025", "Overdue"),
        ("Nia Later", "16 February 2026", "Waiting"),
    ]


@FROZEN
def test_the_queue_leaves_out_another_organisations_requests_and_answered_ones(client, sign_in):
    organisation = trust()
    sign_in(Role.HEALTH_SOCIAL_CARE, organisation=organisation)
    asked(under_assessment(forename="Other", surname="Trust"), OrganisationFactory(name="Another trust"))
    done = asked(under_assessment(forename="Already", surname="Answered"), organisation)
    AdviceRequest.objects.filter(pk=done.pk).update(status=AdviceRequest.Status.RETURNED)
    response = client.get("/advice/")
    assert "No request is waiting for your organisation's advice." in response.content.decode()


@FROZEN
def test_the_queue_logs_each_child_it_names(client, sign_in):
    organisation = trust()
    user = sign_in(Role.HEALTH_SOCIAL_CARE, organisation=organisation)
    child = under_assessment()
    asked(child, organisation)
    client.get("/advice/")
    assert list(
        AuditEvent.objects.filter(kind=AuditEvent.Kind.RECORD_VIEWED, user=user).values_list("detail", flat=True)
    ) == [f"Child {child.public_id} in a list"]


@FROZEN
@pytest.mark.parametrize("path", ["/advice/", "request"])
def test_professional_pages_read_in_a_fixed_number_of_queries(client, sign_in, django_assert_max_num_queries, path):
    organisation = trust()
    sign_in(Role.HEALTH_SOCIAL_CARE, organisation=organisation)
    first = asked(under_assessment(), organisation)
    asked(under_assessment(surname="Second"), organisation)  # a list of two logs in two inserts, as any longer one
    if path == "request":
        path = f"/advice/requests/{first.public_id}/"
    with django_assert_max_num_queries(16) as few:
        client.get(path)
    for n in range(6):
        asked(under_assessment(surname=f"More {n}"), organisation)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(path).status_code == 200


# --- one request: only what it needs, only for the organisation asked ---------------------------------------


@FROZEN
def test_a_request_shows_the_child_the_question_and_the_documents_sent_with_it(client, sign_in):
    organisation = trust()
    sign_in(Role.HEALTH_SOCIAL_CARE, organisation=organisation)
    child = under_assessment(forename="Ava", surname="Stone")
    advice = asked(child, organisation, question="Does Ava need speech and language therapy?")
    sent = child_document(child, "School report")
    sent_with(advice, sent)
    child_document(child, "Not sent")
    html = client.get(f"/advice/requests/{advice.public_id}/").content.decode()
    assert summary_value(html, "Child or young person") == "Ava Stone"
    assert summary_value(html, "Date of birth") == "2 March 2014"
    assert summary_value(html, "Due") == "12 January 2026"
    main = page(html).get_element_by_id("main-content")
    assert [text_of(p) for p in main.iter("p")][0] == "Does Ava need speech and language therapy?"
    assert [text_of(a) for a in main.iter("a") if "/documents/" in a.get("href", "")] == ["School report"]


@FROZEN
def test_opening_a_request_logs_the_child_and_the_documents_shown(client, sign_in):
    user, organisation, child, advice = answering(sign_in)
    sent = child_document(child, "Report")
    sent_with(advice, sent)
    client.get(f"/advice/requests/{advice.public_id}/")
    assert list(
        AuditEvent.objects.filter(kind=AuditEvent.Kind.RECORD_VIEWED, user=user)
        .values_list("detail", flat=True)
        .order_by("id")
    ) == [
        f"Child {child.public_id}",
        f"Document {sent.public_id} of Child {child.public_id} listed",
    ]


@FROZEN
@pytest.mark.parametrize("suffix", ["", "return/", "decline/"])
def test_a_professional_of_another_organisation_gets_not_found(client, sign_in, suffix):
    sign_in(Role.HEALTH_SOCIAL_CARE, organisation=OrganisationFactory(name="Another trust"))
    advice = asked(under_assessment(), trust())
    assert client.get(f"/advice/requests/{advice.public_id}/{suffix}").status_code == 404
    assert not AuditEvent.objects.filter(kind=AuditEvent.Kind.RECORD_VIEWED).exists()


@FROZEN
def test_a_professional_of_another_organisation_cannot_download_the_requests_documents(client, sign_in):
    sign_in(Role.HEALTH_SOCIAL_CARE, organisation=OrganisationFactory(name="Another trust"))
    child = under_assessment()
    advice = asked(child, trust())
    sent = child_document(child, "Report")
    sent_with(advice, sent)
    assert client.get(f"/advice/requests/{advice.public_id}/documents/{sent.public_id}/").status_code == 404


@FROZEN
def test_a_professional_gets_not_found_for_a_document_of_a_child_they_were_not_asked_about(client, sign_in):
    organisation = trust()
    sign_in(Role.HEALTH_SOCIAL_CARE, organisation=organisation)
    mine = asked(under_assessment(forename="Asked", surname="About"), organisation)
    other_child = under_assessment(forename="Not", surname="Asked")
    theirs = child_document(other_child, "Theirs")
    assert client.get(f"/advice/requests/{mine.public_id}/documents/{theirs.public_id}/").status_code == 404


@FROZEN
def test_a_professional_reaches_no_childs_case_page(client, sign_in):
    organisation = trust()
    sign_in(Role.HEALTH_SOCIAL_CARE, organisation=organisation)
    child = under_assessment()
    asked(child, organisation)
    assert client.get(f"/casework/children/{child.public_id}/").status_code == 403


@FROZEN
def test_a_professional_gets_not_found_for_a_request_that_does_not_exist(client, sign_in):
    sign_in(Role.HEALTH_SOCIAL_CARE, organisation=trust())
    assert client.get(f"/advice/requests/{uuid.uuid4()}/").status_code == 404


@FROZEN
def test_a_shared_document_downloads_and_the_download_is_logged(client, sign_in):
    user, organisation, child, advice = answering(sign_in)
    sent = child_document(child, "Report")
    sent_with(advice, sent)
    response = client.get(f"/advice/requests/{advice.public_id}/documents/{sent.public_id}/")
    assert response.content == PDF
    assert AuditEvent.objects.filter(
        user=user, detail=f"Document {sent.public_id} of Child {child.public_id} downloaded"
    ).exists()


# --- returning and declining --------------------------------------------------------------------------------


def _return(client, advice, **overrides):
    data = {
        "needs_identified": "Speech sound disorder",
        "provision_recommended": "Weekly speech and language therapy",
        "outcomes_sought": "Understood by unfamiliar adults",
        "file": SimpleUploadedFile("advice.pdf", PDF, content_type="application/pdf"),
        **overrides,
    }
    return client.post(f"/advice/requests/{advice.public_id}/return/", {k: v for k, v in data.items() if v is not None})


@FROZEN
def test_returning_advice_keeps_the_document_and_summary_and_completes_the_advice_step(client, sign_in):
    user, organisation, child, advice = answering(sign_in)
    response = _return(client, advice)
    assert response.status_code == 302
    advice.refresh_from_db()
    assert (advice.status, advice.received_date, advice.answered_by, advice.provision_recommended) == (
        AdviceRequest.Status.RETURNED,
        TODAY,
        user,
        "Weekly speech and language therapy",
    )
    link = RequestDocument.objects.get(advice_request=advice, purpose=RequestDocument.Purpose.ADVICE)
    assert (link.document.child, link.document.kind, link.document.filename) == (child, "advice", "advice.pdf")
    assert StatutoryStep.objects.get(child=child, step="advice").done_date == TODAY


@FROZEN
def test_returning_advice_without_a_file_says_so_and_changes_nothing(client, sign_in):
    _, organisation, _, advice = answering(sign_in)
    response = _return(client, advice, file=None)
    html = response.content.decode()
    assert error_messages(html) == ["Error: Select the document with your advice"]
    assert page(html).get_element_by_id("id_needs_identified").text_content() == "Speech sound disorder"
    advice.refresh_from_db()
    assert (advice.status, advice.received_date) == (AdviceRequest.Status.ASKED, None)


@FROZEN
def test_returning_advice_refuses_a_file_that_is_not_a_document(client, sign_in):
    _, organisation, _, advice = answering(sign_in)
    response = _return(
        client, advice, file=SimpleUploadedFile("advice.pdf", b"just text", content_type="application/pdf")
    )
    assert error_messages(response.content.decode()) == [
        "Error: The selected file must be a PDF, a Word document, or a JPEG or PNG image"
    ]
    assert not RequestDocument.objects.exists()


@FROZEN
def test_returning_advice_needs_each_part_of_the_summary(client, sign_in):
    _, organisation, _, advice = answering(sign_in)
    response = _return(client, advice, outcomes_sought="")
    assert error_messages(response.content.decode()) == ["Error: Enter the outcomes sought"]


@FROZEN
def test_an_answered_request_cannot_be_returned_again(client, sign_in):
    _, organisation, _, advice = answering(sign_in)
    assert _return(client, advice).status_code == 302
    assert client.get(f"/advice/requests/{advice.public_id}/return/").status_code == 404


@FROZEN
def test_declining_keeps_the_reason_and_leaves_the_advice_owed(client, sign_in):
    _, organisation, child, advice = answering(sign_in)
    response = client.post(f"/advice/requests/{advice.public_id}/decline/", {"reason": "Not known to our service"})
    assert response.status_code == 302
    advice.refresh_from_db()
    assert (advice.status, advice.decline_reason) == (AdviceRequest.Status.DECLINED, "Not known to our service")
    assert StatutoryStep.objects.get(child=child, step="advice").done_date is None


@FROZEN
def test_declining_without_a_reason_says_so(client, sign_in):
    _, organisation, _, advice = answering(sign_in)
    response = client.post(f"/advice/requests/{advice.public_id}/decline/", {"reason": " "})
    assert error_messages(response.content.decode()) == ["Error: Enter why you are declining the request"]
    advice.refresh_from_db()
    assert advice.status == AdviceRequest.Status.ASKED


# --- the caseworker asks --------------------------------------------------------------------------------------


def asking(sign_in):
    """A caseworker signed in, the trust with someone to answer, and a child of the caseworker's being assessed."""
    user = signed_in_caseworker(sign_in)
    organisation = trust()
    professional(organisation)
    return user, organisation, under_assessment(caseworker=user)


def ask(client, child, organisation, *, source: str = "HEALTH", question: str = "x", documents=()):
    data = {"organisation": organisation.pk, "source": source, "question": question}
    if documents:
        data["documents"] = [str(d.public_id) for d in documents]
    return client.post(f"/advice/children/{child.public_id}/ask/", data)


@FROZEN
def test_a_caseworker_asks_an_organisation_for_advice_due_in_six_weeks(client, sign_in):
    user, organisation, child = asking(sign_in)
    response = ask(client, child, organisation, source="HEALTH", question="Health needs, please.")
    assert response.status_code == 302
    advice = AdviceRequest.objects.get()
    assert (advice.organisation, advice.asked_by, advice.requested_date, advice.due_date, advice.partner) == (
        organisation,
        user,
        TODAY,
        date(2026, 2, 23),
        "Worcestershire Health Trust",
    )
    step = StatutoryStep.objects.get(child=child, step="advice")
    assert (step.due_date, step.partner) == (date(2026, 2, 23), "Worcestershire Health Trust")


@FROZEN
def test_the_child_page_shows_advice_returned(client, sign_in):
    user = signed_in_caseworker(sign_in)
    organisation = trust()
    child = under_assessment(caseworker=user)
    advice = asked(child, organisation)
    AdviceRequest.objects.filter(pk=advice.pk).update(
        status=AdviceRequest.Status.RETURNED, received_date=date(2026, 1, 9), needs_identified="Speech"
    )
    rows = table_rows(client.get(f"/casework/children/{child.public_id}/").content, "Advice asked for")
    assert rows == [["Worcestershire Health Trust", "Health advice", "1 December 2025", "Returned on 9 January 2026"]]


@FROZEN
def test_asking_offers_only_organisations_with_someone_to_answer(client, sign_in):
    user = signed_in_caseworker(sign_in)
    answering = trust()
    professional(answering)
    OrganisationFactory(name="Nobody answers here")
    child = under_assessment(caseworker=user)
    html = client.get(f"/advice/children/{child.public_id}/ask/").content.decode()
    options = [text_of(o) for o in page(html).get_element_by_id("id_organisation").iter("option")]
    assert options == ["Choose an organisation", "Worcestershire Health Trust"]


@FROZEN
def test_asking_without_an_organisation_or_question_says_so_and_asks_nothing(client, sign_in):
    user = signed_in_caseworker(sign_in)
    child = under_assessment(caseworker=user)
    response = client.post(f"/advice/children/{child.public_id}/ask/", {"source": "HEALTH", "question": ""})
    assert error_messages(response.content.decode()) == [
        "Error: Select the organisation to ask",
        "Error: Enter what you want them to advise on",
    ]
    assert not AdviceRequest.objects.exists()


@FROZEN
def test_asking_refuses_an_unknown_type_of_advice(client, sign_in):
    user, organisation, child = asking(sign_in)
    response = ask(client, child, organisation, source="NOPE")
    assert error_messages(response.content.decode()) == ["Error: Select the type of advice from the list"]
    assert not AdviceRequest.objects.exists()


@FROZEN
def test_asking_is_not_found_for_a_child_of_another_area(client, sign_in):
    from tests.casework.helpers import other_area, team

    user = sign_in(Role.CASEWORKER)
    team(user.organisation, other_area())
    child = under_assessment()
    assert client.get(f"/advice/children/{child.public_id}/ask/").status_code == 404


@FROZEN
def test_asking_is_not_found_without_an_assessment_under_way(client, sign_in):
    from tests.casework.helpers import make_case

    signed_in_caseworker(sign_in)
    child = make_case(received=date(2025, 12, 1))
    assert client.get(f"/advice/children/{child.public_id}/ask/").status_code == 404


@FROZEN
def test_the_ask_page_reads_in_a_fixed_number_of_queries(client, sign_in, django_assert_max_num_queries):
    user = signed_in_caseworker(sign_in)
    professional(trust())
    child = under_assessment(caseworker=user)
    child_document(child, "R")
    with django_assert_max_num_queries(20) as few:
        client.get(f"/advice/children/{child.public_id}/ask/")
    for n in range(5):
        professional(OrganisationFactory(name=f"Service {n}"))
        child_document(child, f"R{n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(f"/advice/children/{child.public_id}/ask/").status_code == 200


@pytest.mark.parametrize("role", [Role.CASEWORKER, Role.DESIGNATED_CLINICAL_OFFICER, Role.ANALYST])
def test_roles_that_do_not_answer_advice_have_no_queue(client, sign_in, role):
    sign_in(role)
    assert client.get("/advice/").status_code == 403


@FROZEN
def test_documents_chosen_when_asking_go_with_the_request_and_are_shared_with_the_organisation(client, sign_in):
    user, organisation, child = asking(sign_in)
    report = child_document(child, "Report")
    child_document(child, "Kept")
    ask(client, child, organisation, documents=[report])
    links = RequestDocument.objects.filter(advice_request__organisation=organisation)
    assert [(link.document, link.purpose) for link in links] == [(report, RequestDocument.Purpose.SHARED)]
    assert list(report.shared_with.all()) == [organisation]


@FROZEN
def test_asking_refuses_a_document_of_another_child(client, sign_in):
    user, organisation, child = asking(sign_in)
    child_document(child, "Mine")
    other = child_document(under_assessment(surname="Other"), "Theirs")
    response = ask(client, child, organisation, documents=[other])
    assert error_messages(response.content.decode()) == ["Error: Select documents about this child from the list"]
    assert not AdviceRequest.objects.exists()


@FROZEN
def test_the_answered_list_shows_the_organisations_returned_and_declined_requests(client, sign_in):
    organisation = trust()
    user = sign_in(Role.HEALTH_SOCIAL_CARE, organisation=organisation, first_name="Hari", last_name="Clinician")
    returned = asked(under_assessment(forename="Ret", surname="Urned"), organisation)
    declined = asked(under_assessment(forename="Dec", surname="Lined"), organisation)
    asked(under_assessment(forename="Still", surname="Open"), organisation)
    asked(under_assessment(forename="Other", surname="Trust"), OrganisationFactory(name="Another trust"))
    AdviceRequest.objects.filter(pk=returned.pk).update(
        status=AdviceRequest.Status.RETURNED,
        received_date=date(2026, 1, 9),
        answered_by=user,
        answered_at="2026-01-09T10:00Z",
    )
    AdviceRequest.objects.filter(pk=declined.pk).update(
        status=AdviceRequest.Status.DECLINED, answered_by=user, answered_at="2026-01-10T10:00Z"
    )
    rows = table_rows(client.get("/advice/answered/").content, "Answered, the latest first")
    assert [(row[0], row[3]) for row in rows] == [
        ("Dec Lined", "Declined by Hari Clinician"),
        ("Ret Urned", "Returned on 9 January 2026 by Hari Clinician"),
    ]


@FROZEN
def test_the_answered_list_reads_in_a_fixed_number_of_queries(client, sign_in, django_assert_max_num_queries):
    organisation = trust()
    user = sign_in(Role.HEALTH_SOCIAL_CARE, organisation=organisation)

    def answer(n):
        for i in range(n):
            advice = asked(under_assessment(surname=f"A{n}{i}"), organisation)
            AdviceRequest.objects.filter(pk=advice.pk).update(
                status=AdviceRequest.Status.RETURNED,
                received_date=TODAY,
                answered_by=user,
                answered_at="2026-01-09T10:00Z",
            )

    answer(2)
    with django_assert_max_num_queries(16) as few:
        client.get("/advice/answered/")
    answer(5)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get("/advice/answered/").status_code == 200
