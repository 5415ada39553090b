"""The documents app's object rules, role by role (ADR 0110, ADR 0157): who sees every document of a child of
their team's area, who adds documents and letters, who changes the council's letters; and a partner sees
only what is shared with their organisation, whatever their role."""

from __future__ import annotations

from datetime import date

import pytest

from sendboard.accounts.roles import Role
from sendboard.documents import permissions
from sendboard.documents.models import DocumentKind
from sendboard.documents.selectors import documents_for_user
from sendboard.documents.services import document_store
from tests.casework.helpers import make_case, team, worcestershire
from tests.documents.helpers import PDF
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

# role: (sees every document of a child of their team's area, adds documents and letters, changes the letters)
TABLE = {
    Role.ADMINISTRATOR: (True, True, True),
    Role.AREA_LEADER: (False, False, False),
    Role.WORKSTREAM_LEAD: (False, False, False),
    Role.ACTION_OWNER: (False, False, False),
    Role.CASEWORKER: (True, True, False),
    Role.TEAM_MANAGER: (True, True, True),
    Role.SETTING_USER: (False, False, False),
    Role.HEALTH_SOCIAL_CARE: (False, False, False),
    Role.DESIGNATED_CLINICAL_OFFICER: (False, False, False),
    Role.ADVISER: (False, False, False),
    Role.ANALYST: (False, False, False),
    Role.LOCAL_OFFER_OFFICER: (False, False, False),
    Role.PROVIDER_EDITOR: (False, False, False),
}


def _document(child, **kw):
    return document_store(
        user=None,
        child=child,
        kind=DocumentKind.OTHER,
        title="A report",
        document_date=date(2025, 1, 6),
        filename="report.pdf",
        content=PDF,
        **kw,
    )


def test_the_table_covers_every_role():
    assert set(TABLE) == set(Role)


@pytest.mark.parametrize("role", list(TABLE))
def test_each_roles_reach(role):
    sees, adds, edits_letters = TABLE[role]
    user = UserFactory(role=role)
    team(user.organisation, worcestershire())
    child = make_case()
    document = _document(child)
    assert list(documents_for_user(user)) == ([document] if sees else [])
    assert permissions.may_add_documents_for(user, child) is adds
    assert list(permissions.letter_template_areas(user)) == ([worcestershire()] if edits_letters else [])


@pytest.mark.parametrize("role", list(TABLE))
def test_any_role_sees_what_is_shared_with_their_organisation_and_nothing_else(role):
    user = UserFactory(role=role)
    child = make_case()
    shared = _document(child, shared_with=[user.organisation])
    _document(child)
    assert list(documents_for_user(user)) == [shared]
