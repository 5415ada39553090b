"""Roles and what each may do: the one table every permission check in sendboard reads (ADR 0003)."""

from __future__ import annotations

from enum import StrEnum

from django.db import models


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", "Administrator"
    AREA_LEADER = "area_leader", "Area leader"
    WORKSTREAM_LEAD = "workstream_lead", "Workstream lead"
    ACTION_OWNER = "action_owner", "Action owner"
    CASEWORKER = "caseworker", "SEND caseworker"
    TEAM_MANAGER = "team_manager", "SEND team manager"
    SETTING_USER = "setting_user", "School, college or setting user"
    HEALTH_SOCIAL_CARE = "health_social_care", "Health or social care professional"
    ADVISER = "adviser", "DfE or NHS England adviser (read only)"
    ANALYST = "analyst", "Data analyst"


class Permission(StrEnum):
    VIEW_HOME = "core.view_home"
    MANAGE_NON_WORKING_DAYS = "core.manage_non_working_days"
    VIEW_ORGANISATIONS = "accounts.view_organisations"
    VIEW_AUDIT_LOG = "audit.view_log"


_EVERY_STAFF_ROLE = frozenset({Permission.VIEW_HOME})

ROLE_PERMISSIONS: dict[str, frozenset[Permission]] = {
    Role.ADMINISTRATOR: frozenset(Permission),
    Role.AREA_LEADER: _EVERY_STAFF_ROLE | {Permission.VIEW_ORGANISATIONS},
    Role.WORKSTREAM_LEAD: _EVERY_STAFF_ROLE,
    Role.ACTION_OWNER: _EVERY_STAFF_ROLE,
    Role.CASEWORKER: _EVERY_STAFF_ROLE,
    Role.TEAM_MANAGER: _EVERY_STAFF_ROLE | {Permission.VIEW_ORGANISATIONS},
    Role.SETTING_USER: _EVERY_STAFF_ROLE,
    Role.HEALTH_SOCIAL_CARE: _EVERY_STAFF_ROLE,
    Role.ADVISER: _EVERY_STAFF_ROLE,
    Role.ANALYST: _EVERY_STAFF_ROLE,
}

# Roles whose work reaches children's personal data: they must sign in with a one-time password as well.
ROLES_SEEING_PERSONAL_DATA: frozenset[str] = frozenset(
    {
        Role.ADMINISTRATOR,
        Role.CASEWORKER,
        Role.TEAM_MANAGER,
        Role.SETTING_USER,
        Role.HEALTH_SOCIAL_CARE,
        Role.ANALYST,
    }
)


def role_has_permission(*, role: str, permission: Permission) -> bool:
    return permission in ROLE_PERMISSIONS.get(role, frozenset())
