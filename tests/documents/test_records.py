"""A child's documents belong to their record: removed with it by the retention schedule, and each in their
subject access export, file and all (ADR 0143, ADR 0144, ADR 0157)."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date, datetime

import pytest
import time_machine
from django.core.management import call_command

from sendboard.casework.services import subject_access_export
from sendboard.core.retention import retention_schedule
from sendboard.documents.models import Document, DocumentKind
from sendboard.documents.services import document_store
from tests.casework.helpers import make_case
from tests.documents.helpers import PDF, PNG, casework_user

pytestmark = pytest.mark.django_db
NOW = datetime.fromisoformat("2026-12-05T02:00:00+00:00")


def _store(child, *, title="Advice", content=PDF, filename="advice.pdf"):
    return document_store(
        user=None,
        child=child,
        kind=DocumentKind.ADVICE,
        title=title,
        document_date=date(2025, 10, 1),
        filename=filename,
        content=content,
    )


def test_documents_are_in_the_retention_schedule_for_as_long_as_the_record():
    rule = next(rule for rule in retention_schedule() if rule.key == "documents")
    assert rule.period_years == 31 and "date of birth" in rule.starts and rule.legal_basis and rule.source


def test_the_nightly_run_removes_the_documents_of_a_record_past_its_period_and_counts_them(capsys):
    past = make_case(born=date(1995, 12, 4))
    kept = make_case(born=date(1995, 12, 5))
    _store(past)
    _store(past)
    young = _store(kept)
    with time_machine.travel(NOW, tick=False):
        call_command("apply_retention")
    report = dict(line.split(": ", 1) for line in capsys.readouterr().out.strip().splitlines())
    assert report["documents"].startswith("2 removed")
    assert list(Document.objects.all()) == [young]


def test_the_subject_access_export_holds_every_document_and_its_file():
    child = make_case()
    first = _store(child, title="Paediatric advice")
    _store(child, title="Photograph of work", content=PNG, filename="work.png")
    _store(make_case(), title="Someone else's")
    bundle = zipfile.ZipFile(io.BytesIO(subject_access_export(user=casework_user(), child=child, reason="A request")))
    records = json.loads(bundle.read("records.json"))["Documents and letters"]
    assert [(row["title"], row["file in this bundle"]) for row in records] == [
        ("Paediatric advice", "documents/001-advice.pdf"),
        ("Photograph of work", "documents/002-work.png"),
    ]
    assert records[0]["document id"] == str(first.public_id)
    assert (bundle.read("documents/001-advice.pdf"), bundle.read("documents/002-work.png")) == (PDF, PNG)
