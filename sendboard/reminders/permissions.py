"""Who owns a step's reminders, and who may see how sending goes: the reminders app's object rules (ADR 0110)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from sendboard.accounts.access import user_has_permission
from sendboard.accounts.roles import Permission, Role
from sendboard.advice.permissions import ANSWERING_ROLES

# Who is reminded of the steps of a case nobody holds: the managers of the area's casework team (ADR 0160).
UNALLOCATED_CASE_OWNERS = (Role.TEAM_MANAGER,)
# Who is reminded of advice asked of an organisation through sendboard: its people who answer advice.
ADVICE_ANSWERING_ROLES = ANSWERING_ROLES


def may_open_advice_requests(user) -> bool:
    return user_has_permission(user, Permission.ANSWER_ADVICE)


def may_open_child_records(user) -> bool:
    """Whether a reminder's link may lead to the child's record (otherwise it leads to the person's reminders)."""
    return user_has_permission(user, Permission.VIEW_CHILDREN)


def require_manage_sending(user) -> None:
    if not user_has_permission(user, Permission.MANAGE_REMINDERS):
        raise PermissionDenied(Permission.MANAGE_REMINDERS.value)
