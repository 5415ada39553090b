"""Casework's rule for reaching children, role by role (ADR 0022, ADR 0110); the SEN2 export reuses it."""

from __future__ import annotations

import pytest

from sendboard.accounts.roles import Permission, Role
from sendboard.casework import permissions
from sendboard.returns.permissions import areas_for_export
from tests.casework.helpers import other_area, team, worcestershire
from tests.factories import UserFactory

# role: (reaches the children of their team's area, may export that area's whole register)
TABLE = {
    Role.ADMINISTRATOR: (True, True),
    Role.AREA_LEADER: (False, False),
    Role.WORKSTREAM_LEAD: (False, False),
    Role.ACTION_OWNER: (False, False),
    Role.CASEWORKER: (True, False),
    Role.TEAM_MANAGER: (True, True),
    Role.SETTING_USER: (False, False),
    Role.HEALTH_SOCIAL_CARE: (False, False),
    Role.DESIGNATED_CLINICAL_OFFICER: (False, False),
    Role.ADVISER: (False, False),
    Role.ANALYST: (False, False),
    Role.LOCAL_OFFER_OFFICER: (False, False),
    Role.PROVIDER_EDITOR: (False, False),
}


def test_the_table_covers_every_role():
    assert set(TABLE) == set(Role)


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(TABLE))
def test_children_reached_by_each_role(role):
    reaches, exports = TABLE[role]
    user = UserFactory(role=role)
    team(user.organisation, worcestershire())
    other_area()
    expected = [worcestershire()]
    assert list(permissions.areas_for_user(user)) == (expected if reaches else [])
    assert list(areas_for_export(user)) == (expected if exports else [])


@pytest.mark.django_db
def test_nobody_reaches_an_area_their_organisation_does_not_work():
    manager = UserFactory(role=Role.TEAM_MANAGER)
    team(UserFactory(role=Role.TEAM_MANAGER).organisation, worcestershire())
    assert not permissions.areas_for_user(manager).exists()
    assert not permissions.areas_for_user(manager, permission=Permission.EXPORT_REGISTER).exists()


@pytest.mark.django_db
def test_an_inactive_caseworker_reaches_nobody():
    user = UserFactory(role=Role.CASEWORKER, is_active=False)
    team(user.organisation, worcestershire())
    assert not permissions.areas_for_user(user).exists()


def test_case_holding_roles_are_those_that_manage_casework():
    from sendboard.accounts.roles import role_has_permission

    assert set(permissions.CASE_HOLDING_ROLES) == {Role.CASEWORKER, Role.TEAM_MANAGER}
    assert all(
        role_has_permission(role=role, permission=Permission.MANAGE_CASEWORK) for role in permissions.CASE_HOLDING_ROLES
    )
