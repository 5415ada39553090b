"""The Local Offer's object rules, role by role (ADR 0110): whose services a user may propose changes to."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from sendboard.accounts.roles import Role
from sendboard.localoffer import permissions
from sendboard.localoffer.models import DirectoryOrganisation, Service
from tests.factories import UserFactory

# role: (every service, their own organisation's services only, approves changes)
ALL, OWN, NONE = "all", "own", "none"
TABLE = {
    Role.ADMINISTRATOR: (ALL, True),
    Role.AREA_LEADER: (NONE, False),
    Role.WORKSTREAM_LEAD: (NONE, False),
    Role.ACTION_OWNER: (NONE, False),
    Role.CASEWORKER: (NONE, False),
    Role.TEAM_MANAGER: (NONE, False),
    Role.SETTING_USER: (NONE, False),
    Role.HEALTH_SOCIAL_CARE: (NONE, False),
    Role.DESIGNATED_CLINICAL_OFFICER: (NONE, False),
    Role.ADVISER: (NONE, False),
    Role.ANALYST: (NONE, False),
    Role.LOCAL_OFFER_OFFICER: (ALL, True),
    Role.PROVIDER_EDITOR: (OWN, False),
}


def test_the_table_covers_every_role():
    assert set(TABLE) == set(Role)


def _service(owner) -> Service:
    organisation = DirectoryOrganisation.objects.create(name=f"Provider of {owner}", description="x", owner=owner)
    return Service.objects.create(organisation=organisation, review_by=date(2027, 1, 1))


@pytest.mark.parametrize("role", list(TABLE))
def test_services_each_role_may_change(role):
    reach, approves = TABLE[role]
    user = UserFactory(role=role)
    own, other = _service(user.organisation), _service(UserFactory().organisation)
    editable = set(permissions.services_editable_by(user, Service.objects.all()))
    assert editable == {ALL: {own, other}, OWN: {own}, NONE: set()}[reach]
    if approves:
        permissions.require_team(user)
    else:
        with pytest.raises(PermissionDenied):
            permissions.require_team(user)


def test_a_provider_editor_without_an_organisation_changes_nothing():
    user = UserFactory(role=Role.PROVIDER_EDITOR, organisation=None)
    _service(UserFactory().organisation)
    assert not permissions.services_editable_by(user, Service.objects.all()).exists()
