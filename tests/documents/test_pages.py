"""Given a child's documents, when casework staff and partners open the documents pages, then each sees only
what they may, every view and download is logged with opaque ids only, bad files are refused with GOV.UK
messages, and the pages read in a fixed number of queries."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sendboard.accounts.roles import Role
from sendboard.audit.models import AuditEvent
from sendboard.documents.models import Document, DocumentKind
from sendboard.documents.services import document_store
from tests.casework.helpers import make_case, other_area, team
from tests.documents.helpers import PDF, partner_user, xlsx
from tests.factories import OrganisationFactory
from tests.html import link_hrefs, page, table_rows, text_of
from tests.sessions import force_login_verified

pytestmark = pytest.mark.django_db


def _store(user, child, title="Educational psychology advice", **kw):
    return document_store(
        user=user,
        child=child,
        kind=kw.pop("kind", DocumentKind.ADVICE),
        title=title,
        document_date=kw.pop("document_date", date(2025, 10, 1)),
        filename=kw.pop("filename", "advice.pdf"),
        content=kw.pop("content", PDF),
        **kw,
    )


@pytest.fixture
def caseworker(sign_in):
    user = sign_in(Role.CASEWORKER)
    team(user.organisation)
    return user


def _error_summary(html: str) -> list[str]:
    return [text_of(li) for li in page(html).xpath('//ul[contains(@class, "govuk-error-summary__list")]/li')]


def test_the_childs_page_links_to_their_documents(client, caseworker):
    child = make_case()
    html = client.get(reverse("casework:child", args=[child.public_id])).content.decode()
    assert link_hrefs(html, "Documents and letters for Child Test") == [
        reverse("documents:child-documents", args=[child.public_id])
    ]


def test_the_documents_page_lists_each_document_with_its_type_date_and_sharing(client, caseworker):
    child = make_case()
    partner = OrganisationFactory(name="Community paediatrics trust")
    _store(caseworker, child, shared_with=[partner], title="Paediatric advice")
    _store(
        caseworker, child, title="Decision letter", kind=DocumentKind.DECISION_LETTER, document_date=date(2025, 10, 8)
    )
    rows = table_rows(client.get(reverse("documents:child-documents", args=[child.public_id])).content, "Documents")
    assert [row[:3] + row[4:] for row in rows] == [
        ["Decision letter (download) PDF, 1 KB", "Decision letter", "8 October 2025", "Casework staff only"],
        [
            "Paediatric advice (download) PDF, 1 KB",
            "Advice and information",
            "1 October 2025",
            "Community paediatrics trust",
        ],
    ]


def test_every_document_listed_is_logged_with_opaque_ids(client, caseworker):
    child = make_case()
    document = _store(caseworker, child)
    client.get(reverse("documents:child-documents", args=[child.public_id]))
    details = list(AuditEvent.objects.filter(kind=AuditEvent.Kind.RECORD_VIEWED).values_list("detail", flat=True))
    assert sorted(details) == sorted(
        [f"Child {child.public_id}", f"Document {document.public_id} of Child {child.public_id} listed"]
    )


def test_the_documents_page_reads_in_a_fixed_number_of_queries(client, caseworker, django_assert_max_num_queries):
    child = make_case()
    for n in range(12):
        _store(caseworker, child, title=f"Report {n}", shared_with=[OrganisationFactory()])
    # Casework's prefetched child (appeals among them), then the documents and their sharing in one query each
    with django_assert_max_num_queries(13):
        assert client.get(reverse("documents:child-documents", args=[child.public_id])).status_code == 200


def test_a_download_gives_the_file_and_is_logged(client, caseworker):
    child = make_case()
    document = _store(caseworker, child, filename="ep-advice.pdf")
    response = client.get(reverse("documents:download", args=[document.public_id]))
    assert (response.status_code, response["Content-Type"], response.content) == (200, "application/pdf", PDF)
    assert response["Content-Disposition"] == 'attachment; filename="ep-advice.pdf"'
    assert AuditEvent.objects.filter(
        kind=AuditEvent.Kind.RECORD_VIEWED,
        detail=f"Document {document.public_id} of Child {child.public_id} downloaded",
    ).exists()


def test_a_download_reads_in_a_fixed_number_of_queries(client, caseworker, django_assert_max_num_queries):
    document = _store(caseworker, make_case())
    with django_assert_max_num_queries(6):
        assert client.get(reverse("documents:download", args=[document.public_id])).status_code == 200


def test_a_caseworker_of_another_area_gets_404_for_the_page_and_the_download(client, sign_in):
    elsewhere = sign_in(Role.CASEWORKER)
    team(elsewhere.organisation, other_area())
    child = make_case()
    document = _store(None, child)
    assert client.get(reverse("documents:child-documents", args=[child.public_id])).status_code == 404
    assert client.get(reverse("documents:download", args=[document.public_id])).status_code == 404
    assert not AuditEvent.objects.filter(kind=AuditEvent.Kind.RECORD_VIEWED).exists()


def test_a_partner_not_shared_with_gets_404(client):
    child = make_case()
    document = _store(None, child, shared_with=[partner_user().organisation])
    outsider = partner_user()
    force_login_verified(client, outsider)
    assert client.get(reverse("documents:download", args=[document.public_id])).status_code == 404


def test_a_partner_shared_with_downloads_it(client):
    partner = partner_user()
    document = _store(None, make_case(), shared_with=[partner.organisation])
    force_login_verified(client, partner)
    assert client.get(reverse("documents:download", args=[document.public_id])).content == PDF


def test_a_partner_cannot_open_the_childs_documents_page(client):
    partner = partner_user()
    child = make_case()
    _store(None, child, shared_with=[partner.organisation])
    force_login_verified(client, partner)
    assert client.get(reverse("documents:child-documents", args=[child.public_id])).status_code == 403


def _upload(client, child, *, content=PDF, name="advice.pdf", **fields):
    data = {
        "kind": DocumentKind.ADVICE,
        "title": "Speech and language advice",
        "document_date-day": "3",
        "document_date-month": "11",
        "document_date-year": "2025",
        "file": SimpleUploadedFile(name, content),
        **fields,
    }
    return client.post(reverse("documents:upload", args=[child.public_id]), data)


def test_a_caseworker_adds_a_document(client, caseworker):
    child = make_case()
    response = _upload(client, child)
    assert response.status_code == 302, _error_summary(response.content.decode())
    assert response["Location"] == reverse("documents:child-documents", args=[child.public_id])
    document = Document.objects.get()
    assert (document.title, document.document_date, document.uploaded_by) == (
        "Speech and language advice",
        date(2025, 11, 3),
        caseworker,
    )


def test_a_document_is_shared_with_the_partners_chosen(client, caseworker):
    partner = OrganisationFactory(name="Educational psychology service")
    _upload(client, make_case(), shared_with=[str(partner.pk)])
    assert list(Document.objects.get().shared_with.all()) == [partner]


def test_a_spreadsheet_is_refused_with_a_message_and_what_was_typed_kept(client, caseworker):
    child = make_case()
    response = _upload(client, child, content=xlsx(), name="advice.docx")
    html = response.content.decode()
    assert response.status_code == 200
    assert _error_summary(html) == ["The selected file must be a PDF, a Word document, or a JPEG or PNG image"]
    assert page(html).get_element_by_id("id_title").value == "Speech and language advice"
    assert not Document.objects.exists()


def test_a_date_in_the_future_is_refused(client, caseworker):
    response = _upload(client, make_case(), **{"document_date-year": "2999"})
    assert _error_summary(response.content.decode()) == ["The date of the document must be today or in the past"]
    assert not Document.objects.exists()


def test_a_missing_file_is_refused(client, caseworker):
    child = make_case()
    response = client.post(
        reverse("documents:upload", args=[child.public_id]),
        {
            "kind": DocumentKind.ADVICE,
            "title": "A",
            "document_date-day": "1",
            "document_date-month": "1",
            "document_date-year": "2025",
        },
    )
    assert _error_summary(response.content.decode()) == ["Select a file"]


def test_the_upload_page_reads_in_a_fixed_number_of_queries(client, caseworker, django_assert_max_num_queries):
    child = make_case()
    for _ in range(5):
        OrganisationFactory()
    # Casework's prefetched child (appeals among them), then the organisations that may be shared with
    with django_assert_max_num_queries(9):
        assert client.get(reverse("documents:upload", args=[child.public_id])).status_code == 200


@pytest.mark.parametrize("role", [Role.AREA_LEADER, Role.ANALYST, Role.HEALTH_SOCIAL_CARE, Role.SETTING_USER])
def test_roles_that_hold_no_cases_cannot_add_documents(client, sign_in, role):
    user = sign_in(role)
    team(user.organisation)
    child = make_case()
    assert client.get(reverse("documents:upload", args=[child.public_id])).status_code == 403


def test_documents_are_shared_only_with_organisations_that_work_with_children_one_by_one(client, caseworker):
    from sendboard.accounts.models import Organisation

    OrganisationFactory(name="A health trust", kind=Organisation.Kind.PROVIDER)
    OrganisationFactory(name="A parent carer forum", kind=Organisation.Kind.PARENT_CARER_FORUM)
    OrganisationFactory(name="The DfE", kind=Organisation.Kind.ADVISER)
    html = client.get(reverse("documents:upload", args=[make_case().public_id])).content
    labels = [text_of(label) for label in page(html).xpath('//div[contains(@class, "govuk-checkboxes")]//label')]
    assert labels == ["A health trust"]


def test_a_file_name_beyond_ascii_downloads_under_its_own_name(client, caseworker):
    document = _store(caseworker, make_case(), filename="Siân's advice.pdf")
    response = client.get(reverse("documents:download", args=[document.public_id]))
    assert response["Content-Disposition"] == "attachment; filename*=utf-8''Si%C3%A2n%27s%20advice.pdf"
