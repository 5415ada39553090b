"""The outcomes app's object rules, role by role (ADR 0110): who reads and answers which exception report."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from sendboard.accounts.models import User
from sendboard.accounts.roles import Role
from sendboard.outcomes import permissions
from sendboard.outcomes.models import ExceptionReport

ME, SOMEONE_ELSE = 1, 2

# role: (answers for every report, comments on their own open report, comments on someone else's, may own an indicator)
TABLE = {
    Role.ADMINISTRATOR: (True, True, True, True),
    Role.AREA_LEADER: (True, True, True, True),
    Role.WORKSTREAM_LEAD: (False, True, False, True),
    Role.ACTION_OWNER: (False, True, False, True),
    Role.CASEWORKER: (False, False, False, False),
    Role.TEAM_MANAGER: (False, True, False, True),
    Role.SETTING_USER: (False, False, False, False),
    Role.HEALTH_SOCIAL_CARE: (False, True, False, True),
    Role.DESIGNATED_CLINICAL_OFFICER: (False, True, False, True),
    Role.ADVISER: (False, False, False, False),
    Role.ANALYST: (False, True, False, True),
    Role.LOCAL_OFFER_OFFICER: (False, False, False, False),
    Role.PROVIDER_EDITOR: (False, False, False, False),
}


def test_the_table_covers_every_role():
    assert set(TABLE) == set(Role)


@pytest.mark.parametrize("role", list(TABLE))
def test_exception_report_rules_for_each_role(role):
    leads, own, others, may_own = TABLE[role]
    user = User(pk=ME, role=role, is_active=True)
    mine = ExceptionReport(owner_id=ME, status=ExceptionReport.Status.AWAITING_COMMENTARY)
    theirs = ExceptionReport(owner_id=SOMEONE_ELSE, status=ExceptionReport.Status.AWAITING_COMMENTARY)
    assert permissions.user_leads_exceptions(user) is leads
    assert permissions.user_can_comment(user=user, report=mine) is own
    assert permissions.user_can_comment(user=user, report=theirs) is others
    assert permissions.user_sees_exception_report(user=user, owner_id=SOMEONE_ELSE) is leads
    assert permissions.may_own_indicators(user) is may_own
    assert (role in permissions.indicator_owner_roles()) is may_own
    if not own:
        with pytest.raises(PermissionDenied):
            permissions.require_comment(user=user, report=mine)


@pytest.mark.parametrize("role", [Role.AREA_LEADER, Role.ANALYST])
def test_nobody_comments_on_a_closed_report(role):
    user = User(pk=ME, role=role, is_active=True)
    closed = ExceptionReport(owner_id=ME, status=ExceptionReport.Status.CLOSED)
    assert not permissions.user_can_comment(user=user, report=closed)
