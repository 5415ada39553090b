"""Given the demo area loaded, when the demo caseworker opens their children being assessed, then a handful have
the letter telling the family the council will assess (a PDF from the council's own wording) and the school's
advice, which the advice requests for those children send to the professionals asked; loading again makes no
more, and the area, organisations and users are as they were (ADR 0177)."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from sendboard.accounts.models import Organisation, User
from sendboard.advice.models import RequestDocument
from sendboard.casework.models import AdviceRequest
from sendboard.core.models import LocalArea
from sendboard.demo.area import DEMO_PASSWORD, demo_area_load
from sendboard.documents.demo import CHILDREN, SCHOOL_ADVICE_TITLE
from sendboard.documents.models import Document, LetterKind, LetterTemplate

pytestmark = pytest.mark.django_db


def _snapshot():
    return (
        list(LocalArea.objects.values()),
        list(Organisation.objects.values()),
        list(User.objects.values()),
    )


def _text(document: Document) -> str:
    content = bytes(Document.objects.defer(None).get(pk=document.pk).content)
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_the_demo_caseworkers_children_being_assessed_have_letters_and_advice_and_loading_twice_changes_nothing(
    capsys,
):
    demo_area_load()
    LetterTemplate.objects.create(
        local_area=LocalArea.objects.get(la_code="885"),
        letter=LetterKind.DECISION_TO_ASSESS,
        subject="Worcestershire will assess {{ child.name }}",
        body="Dear parent or carer,\n\nWe received your request on {{ request.received_date }}.",
    )
    call_command("load_demo_area")
    first = _snapshot()

    documents = list(Document.objects.select_related("child", "uploaded_by").order_by("child_id", "title"))
    children = {d.child for d in documents}
    assert len(children) == CHILDREN
    assert all(child.caseworker.username == "demo.caseworker" for child in children)
    assert sorted({(d.title, d.kind, d.content_type) for d in documents}) == [
        ("Decision to carry out an EHC needs assessment", "decision_letter", "application/pdf"),
        (SCHOOL_ADVICE_TITLE, "advice", "application/pdf"),
    ]
    letter = next(d for d in documents if d.kind == "decision_letter")
    child = letter.child
    # The council's own wording, filled from the child's record.
    assert f"Worcestershire will assess {child.forename} {child.surname}" in _text(letter)
    advice = next(d for d in documents if d.kind == "advice" and d.child == child)
    assert f"{child.forename} finds it hard to follow spoken instructions" in _text(advice)

    # The school's advice goes with each advice request for those children, shared with the organisation asked.
    # Those asked through sendboard (the register imported from SEN2 has others, with no organisation).
    requests = AdviceRequest.objects.filter(assessment__request__child__in=children, organisation__isnull=False)
    assert requests.exists()
    for request in requests:
        sent = RequestDocument.objects.get(advice_request=request, purpose=RequestDocument.Purpose.SHARED)
        assert sent.document.title == SCHOOL_ADVICE_TITLE
        assert request.organisation in sent.document.shared_with.all()
    # The decision letter is the council's, shared with nobody.
    assert not letter.shared_with.exists()

    call_command("load_demo_area")
    assert _snapshot() == first
    out = capsys.readouterr().out
    assert DEMO_PASSWORD in out and "demo.caseworker" in out
    assert Document.objects.count() == len(documents)
    assert RequestDocument.objects.count() == requests.count()
