"""Rules about who may manage whom (ADR 0137): the accounts app's object rules, in one place.

Administrators (MANAGE_PEOPLE) manage people; among them, the last active administrator stays one, and nobody
changes their own roles, closes their own account or resets their own two-factor sign-in.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from sendboard.accounts.access import user_has_permission
from sendboard.accounts.roles import Permission, Role


def require(user, permission: Permission) -> None:
    if not user_has_permission(user, permission):
        raise PermissionDenied(permission.value)


def is_administrator(person) -> bool:
    return person.role == Role.ADMINISTRATOR


def administrator_role() -> str:
    """The role the first administrator is made with (manage.py create_administrator)."""
    return Role.ADMINISTRATOR


def other_active_administrators(person) -> int:
    """Active administrators besides ``person``, their rows locked until the transaction ends (PostgreSQL), so
    that two administrators demoting each other at once cannot leave none."""
    from sendboard.accounts.models import User

    return len(
        list(
            User.objects.select_for_update()
            .filter(role=Role.ADMINISTRATOR, is_active=True)
            .exclude(pk=person.pk)
            .values_list("pk", flat=True)
        )
    )


def leaves_no_administrator(person, *, new_role: str | None = None) -> bool:
    """Whether demoting (to ``new_role``) or deactivating (no new role) ``person`` would leave no active
    administrator."""
    if not is_administrator(person) or not person.is_active or new_role == Role.ADMINISTRATOR:
        return False
    return other_active_administrators(person) == 0


def changes_roles(person, *, role: str, additional_roles) -> bool:
    return role != person.role or sorted(additional_roles) != sorted(person.additional_roles or [])
