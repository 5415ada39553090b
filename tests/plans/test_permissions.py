"""The plans app's object rules, role by role (ADR 0110): each row is what one role may do."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from sendboard.accounts.models import User
from sendboard.accounts.roles import Role
from sendboard.plans import permissions

ME, SOMEONE_ELSE = 1, 2

# role: (answers for the whole plan, manages plans, records monitoring,
#        changes an action they own, changes an action of a workstream they lead, changes anyone else's action)
TABLE = {
    Role.ADMINISTRATOR: (True, True, True, True, True, True),
    Role.AREA_LEADER: (True, True, True, True, True, True),
    Role.WORKSTREAM_LEAD: (False, True, False, True, True, False),
    Role.ACTION_OWNER: (False, False, False, True, True, False),
    Role.CASEWORKER: (False, False, False, False, False, False),
    Role.TEAM_MANAGER: (False, False, False, False, False, False),
    Role.SETTING_USER: (False, False, False, False, False, False),
    Role.HEALTH_SOCIAL_CARE: (False, False, False, False, False, False),
    Role.DESIGNATED_CLINICAL_OFFICER: (False, False, False, False, False, False),
    Role.ADVISER: (False, False, True, False, False, False),
    Role.ANALYST: (False, False, False, False, False, False),
    Role.LOCAL_OFFER_OFFICER: (False, False, False, False, False, False),
    Role.PROVIDER_EDITOR: (False, False, False, False, False, False),
}


def test_the_table_covers_every_role():
    assert set(TABLE) == set(Role)


@pytest.mark.parametrize("role", list(TABLE))
def test_plan_rules_for_each_role(role):
    plan_wide, manage, monitoring, own, led, others = TABLE[role]
    user = User(pk=ME, role=role, is_active=True)
    abilities = permissions.plan_abilities(user)
    assert (abilities.work_plan_wide, abilities.manage_plans, abilities.record_monitoring) == (
        plan_wide,
        manage,
        monitoring,
    )
    assert permissions.action_changeable(user=user, owner_id=ME, lead_ids=set()) is own
    assert permissions.action_changeable(user=user, owner_id=SOMEONE_ELSE, lead_ids={ME}) is led
    assert permissions.action_changeable(user=user, owner_id=SOMEONE_ELSE, lead_ids={SOMEONE_ELSE}) is others


@pytest.mark.parametrize("role", list(TABLE))
def test_only_plan_wide_roles_create_plans_and_workstreams(role):
    user = User(pk=ME, role=role, is_active=True)
    if TABLE[role][0]:
        permissions.require_plan_wide(user, "refused")
    else:
        with pytest.raises(PermissionDenied):
            permissions.require_plan_wide(user, "refused")


def test_an_inactive_user_changes_nothing():
    user = User(pk=ME, role=Role.AREA_LEADER, is_active=False)
    assert not permissions.action_changeable(user=user, owner_id=ME, lead_ids={ME})
    assert not permissions.plan_abilities(user).manage_plans


# role: (manages a workstream they lead, manages one they do not lead); the rule reads the workstream's leads.
WORKSTREAM_TABLE = {
    Role.ADMINISTRATOR: (True, True),
    Role.AREA_LEADER: (True, True),
    Role.WORKSTREAM_LEAD: (True, False),
    Role.ACTION_OWNER: (False, False),
    Role.CASEWORKER: (False, False),
    Role.TEAM_MANAGER: (False, False),
    Role.SETTING_USER: (False, False),
    Role.HEALTH_SOCIAL_CARE: (False, False),
    Role.DESIGNATED_CLINICAL_OFFICER: (False, False),
    Role.ADVISER: (False, False),
    Role.ANALYST: (False, False),
    Role.LOCAL_OFFER_OFFICER: (False, False),
    Role.PROVIDER_EDITOR: (False, False),
}


def test_the_workstream_table_covers_every_role():
    assert set(WORKSTREAM_TABLE) == set(Role)


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(WORKSTREAM_TABLE))
def test_workstreams_each_role_may_manage(role, small_plan):
    from tests.factories import UserFactory

    led, not_led = WORKSTREAM_TABLE[role]
    user = UserFactory(role=role)
    workstream = small_plan["workstream"]
    assert permissions.user_can_manage_workstream(user=user, workstream=workstream) is not_led
    workstream.leads.add(user)
    assert permissions.user_can_manage_workstream(user=user, workstream=workstream) is led
    if not led:
        with pytest.raises(PermissionDenied):
            permissions.require_workstream(user, workstream)
