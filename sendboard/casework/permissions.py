"""Whose children a user may reach: the casework app's object rules, in one place (ADR 0022, ADR 0110).

A caseworker or team manager reaches the children of the local areas their organisation's SEND team works;
everyone else reaches none. Every read of a child, and every file that carries children (the SEN2 export),
starts from ``areas_for_user``.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from sendboard.accounts.access import user_has_permission
from sendboard.accounts.roles import Permission, Role
from sendboard.accounts.selectors import role_holders
from sendboard.core.models import LocalArea

# The roles that hold cases: a child's caseworker is one of them (the team page's filter, SEN2 imports,
# allocation), as a person's main role or another they hold (ADR 0136).
CASE_HOLDING_ROLES = (Role.CASEWORKER, Role.TEAM_MANAGER)


def case_holders() -> Q:
    """People who hold a case-holding role, as their main role or another (a filter on users)."""
    return role_holders(*CASE_HOLDING_ROLES)


def allocation_candidates(user) -> Q:
    """Who the user may allocate cases to (ADR 0150): active people of the user's own team (organisation) who
    hold a case-holding role. Nobody, for a user who may not allocate or belongs to no team."""
    if not user_has_permission(user, Permission.ALLOCATE_CASES) or user.organisation_id is None:
        return Q(pk__in=[])
    return case_holders() & Q(organisation_id=user.organisation_id, is_active=True)


def may_receive_cases(user, person) -> bool:
    """Whether ``user`` may allocate a case to ``person``: the same rule as ``allocation_candidates``."""
    return (
        user_has_permission(user, Permission.ALLOCATE_CASES)
        and user.organisation_id is not None
        and person.is_active
        and person.organisation_id == user.organisation_id
        and any(role in CASE_HOLDING_ROLES for role in person.roles)
    )


def may_change_recorded(user, child) -> bool:
    """Who may put right a step recorded on a child's case (ADR 0175): those who allocate the team's cases
    (team managers), and the caseworker who holds the case. Reaching the child at all is ``areas_for_user``."""
    if not user_has_permission(user, Permission.MANAGE_CASEWORK):
        return False
    return user_has_permission(user, Permission.ALLOCATE_CASES) or (
        child.caseworker_id is not None and child.caseworker_id == user.pk
    )


def require(user, permission: Permission) -> None:
    if not user_has_permission(user, permission):
        raise PermissionDenied(permission.value)


def areas_for_user(user, *, permission: Permission = Permission.VIEW_CHILDREN) -> QuerySet[LocalArea]:
    """The local areas whose children the user reaches with ``permission`` (VIEW_CHILDREN to read a child;
    EXPORT_REGISTER to take the whole register away as a file): those their organisation's team works."""
    if not user_has_permission(user, permission) or user.organisation_id is None:
        return LocalArea.objects.none()
    if permission != Permission.VIEW_CHILDREN and not user_has_permission(user, Permission.VIEW_CHILDREN):
        return LocalArea.objects.none()
    return LocalArea.objects.filter(casework_teams__organisation_id=user.organisation_id)
