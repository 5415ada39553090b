"""A team manager (or administrator) exports everything about one child for a subject access request: asked
for with a reason, downloaded by POST, itself audited; nobody else can, and nothing personal is in an address."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date

import pytest
from django.urls import reverse

from sendboard.accounts.roles import Role
from sendboard.audit.models import AuditEvent
from sendboard.audit.services import audit_record
from sendboard.casework.models import StatutoryStep
from sendboard.casework.services import steps_refresh
from sendboard.extracts.models import CensusPupil
from sendboard.returns.models import ImportedFile
from tests.casework.helpers import make_case, team
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def case():
    child = make_case(
        born=date(2012, 5, 1),
        received=date(2025, 1, 6),
        decided=date(2025, 2, 3),
        outcome="Y",
        assessment_outcome="Y",
        assessed=date(2025, 4, 1),
        draft=date(2025, 4, 20),
        plan_start=date(2025, 5, 19),
        active=True,
        advice=[
            ("H", "Herefordshire and Worcestershire Health and Care NHS Trust", date(2025, 2, 10), date(2025, 3, 1))
        ],
    )
    child.forename, child.surname = "Amira", "Khanley"
    child.save()
    other = make_case(born=date(2013, 1, 1))
    steps_refresh(child_ids=[child.id, other.id], as_of=date(2026, 12, 3))
    source = ImportedFile.objects.create(kind="census", sha256="0" * 64, filename="census.csv", size=1)
    for upn in (child.upn, other.upn):
        CensusPupil.objects.create(
            imported_file=source,
            local_area=child.local_area,
            census_date=date(2026, 1, 15),
            upn=upn,
            school_urn="123456",
            ncy="8",
            phase="SE",
            birth_date=child.birth_date,
            sex="F",
            ethnicity="WBRI",
            fsm_eligible=True,
            sen_provision="E",
        )
    audit_record(kind=AuditEvent.Kind.RECORD_VIEWED, username="earlier.viewer", detail=f"Child {child.public_id}")
    audit_record(kind=AuditEvent.Kind.RECORD_VIEWED, username="other.viewer", detail=f"Child {other.public_id}")
    return child, other


def _manager(sign_in, child):
    organisation = OrganisationFactory()
    team(organisation, child.local_area)
    return sign_in(Role.TEAM_MANAGER, organisation=organisation)


def test_a_team_manager_exports_every_record_about_the_child_with_a_reason(client, sign_in, case):
    child, other = case
    manager = _manager(sign_in, child)
    page = client.get(reverse("casework:child", args=[child.public_id])).content.decode()
    address = reverse("casework:subject-access", args=[child.public_id])
    assert address in page
    assert client.get(address).status_code == 200

    response = client.post(address, {"reason": "Subject access request from the young person, 1 December"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert (
        "Khanley" not in response["Content-Disposition"] and str(child.public_id) not in response["Content-Disposition"]
    )
    bundle = zipfile.ZipFile(io.BytesIO(response.content))
    names = bundle.namelist()
    assert "summary.txt" in names and "records.json" in names and sum(name.endswith(".csv") for name in names) >= 10
    records = json.loads(bundle.read("records.json"))
    assert records["Child or young person"][0]["surname"] == "Khanley"
    assert records["Child or young person"][0]["unique pupil number"] == child.upn
    assert len(records["Requests for an EHC needs assessment"]) == 1
    assert len(records["EHC needs assessments"]) == 1
    assert len(records["Advice asked for during assessment"]) == 1
    assert len(records["EHC plans issued"]) == 1
    assert len(records["Statutory timescales"]) == StatutoryStep.objects.filter(child=child).count() > 0
    census = records["Local extracts: census pupils"]
    assert [row["unique pupil number"] for row in census] == [child.upn]  # not the other child's row
    audit = records["Audit log: who viewed or changed this record"]
    who = [entry["who"] for entry in audit]
    assert "earlier.viewer" in who and "other.viewer" not in who
    summary = bundle.read("summary.txt").decode()
    assert "Subject access request from the young person" in summary and "Khanley" in summary
    assert "data protection officer" in summary
    assert other.upn not in bundle.read("records.json").decode()

    # The export itself is audited, with who and why.
    event = AuditEvent.objects.filter(user=manager, detail__startswith="Subject access export").get()
    assert str(child.public_id) in event.detail and "1 December" in event.detail


def test_the_export_needs_a_reason_and_keeps_what_was_typed(client, sign_in, case):
    child, _ = case
    _manager(sign_in, child)
    address = reverse("casework:subject-access", args=[child.public_id])
    response = client.post(address, {"reason": "   "})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    assert "Enter why you are exporting this record" in response.content.decode()
    response = client.post(address, {"reason": "asked"})
    assert "at least 10 characters" in response.content.decode() and "asked" in response.content.decode()
    assert not AuditEvent.objects.filter(detail__startswith="Subject access export").exists()


@pytest.mark.parametrize("role", [Role.CASEWORKER, Role.ANALYST, Role.AREA_LEADER])
def test_other_roles_cannot_export(client, sign_in, case, role):
    child, _ = case
    organisation = OrganisationFactory()
    team(organisation, child.local_area)
    sign_in(role, organisation=organisation)
    address = reverse("casework:subject-access", args=[child.public_id])
    assert client.post(address, {"reason": "Subject access request received"}).status_code == 403
    if role == Role.CASEWORKER:
        assert address not in client.get(reverse("casework:child", args=[child.public_id])).content.decode()


def test_a_manager_of_another_area_cannot_export(client, sign_in, case):
    from tests.casework.helpers import worcestershire  # noqa: F401

    child, _ = case
    sign_in(Role.TEAM_MANAGER, organisation=OrganisationFactory())  # no casework team: no area
    address = reverse("casework:subject-access", args=[child.public_id])
    assert client.post(address, {"reason": "Subject access request received"}).status_code == 404


def test_a_list_that_named_the_child_is_in_their_export_without_the_other_children_it_named(client, sign_in, case):
    """A list is logged as one entry naming every child it showed (ADR 0173): the child's export finds it, and
    shows it as naming this child only."""
    from sendboard.casework.services import children_shown_record
    from sendboard.casework.subject_access import subject_access_sections

    child, other = case
    manager = _manager(sign_in, child)
    children_shown_record(user=manager, children=[other, child], listed=True)
    entry = AuditEvent.objects.get(user=manager, kind=AuditEvent.Kind.RECORD_VIEWED)
    assert entry.detail == f"Children {other.public_id}, {child.public_id} in a list"
    audit = dict(subject_access_sections(child))["Audit log: who viewed or changed this record"]
    assert [row["detail"] for row in audit if row["who"] == manager.username] == [f"Child {child.public_id} in a list"]
    assert str(other.public_id) not in json.dumps(audit)
    others = dict(subject_access_sections(other))["Audit log: who viewed or changed this record"]
    assert [row["detail"] for row in others if row["who"] == manager.username] == [f"Child {other.public_id} in a list"]
