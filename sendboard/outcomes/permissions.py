"""Who may see and answer which exception report: the outcomes app's object rules, in one place (ADR 0110).

Every staff role reads the dashboard (``VIEW_OUTCOMES``); an exception report is read and answered by the
indicator's owner, and by the leaders who answer for every indicator (and for those without an owner).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from sendboard.accounts.access import user_has_permission
from sendboard.accounts.roles import ROLE_PERMISSIONS, Permission, Role, holds_any

# Roles that see, and may comment on, every exception report (an indicator without an owner goes to them).
EXCEPTION_LEADER_ROLES = frozenset({Role.AREA_LEADER, Role.ADMINISTRATOR})


def require(user, permission: Permission) -> None:
    if not user_has_permission(user, permission):
        raise PermissionDenied(permission.value)


def user_leads_exceptions(user) -> bool:
    return user_has_permission(user, Permission.COMMENT_ON_EXCEPTIONS) and holds_any(user, EXCEPTION_LEADER_ROLES)


def user_sees_exception_report(*, user, owner_id: int | None) -> bool:
    return owner_id == user.pk or user_leads_exceptions(user)


def user_can_comment(*, user, report) -> bool:
    """The owner of the report, or an area leader (who also answers for indicators without an owner), while
    the report is open."""
    if not user_has_permission(user, Permission.COMMENT_ON_EXCEPTIONS) or report.status == report.Status.CLOSED:
        return False
    return user_sees_exception_report(user=user, owner_id=report.owner_id)


def require_comment(*, user, report) -> None:
    if not user_can_comment(user=user, report=report):
        raise PermissionDenied("Only the indicator's owner or an area leader may comment on this exception report")


def may_own_indicators(user) -> bool:
    """An indicator's owner answers its exception reports, so must be able to comment on them."""
    return user_has_permission(user, Permission.COMMENT_ON_EXCEPTIONS)


def indicator_owner_roles() -> list[str]:
    """The roles whose holders may own an indicator."""
    return [role for role, granted in ROLE_PERMISSIONS.items() if Permission.COMMENT_ON_EXCEPTIONS in granted]
