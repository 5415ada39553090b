"""Who may change what in improvement plans: the plans app's object rules, in one place (ADR 0003, ADR 0110).

The role table (``accounts.roles``) says what a role may do anywhere; these rules narrow it to one plan, one
workstream or one action. Services and selectors call them; views and templates read their answers.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied

from sendboard.accounts.access import user_has_permission
from sendboard.accounts.roles import Permission, Role, holds_any

# Roles that answer for the whole plan: they create plans, open and close them, add workstreams and change any
# action. Everyone else changes only their own actions and those of workstreams they lead.
PLAN_WIDE_ROLES = frozenset({Role.ADMINISTRATOR, Role.AREA_LEADER})
# Who may be given an action to own, and who may lead a workstream.
ACTION_OWNER_ROLES = (Role.ACTION_OWNER, Role.WORKSTREAM_LEAD, Role.AREA_LEADER)
WORKSTREAM_LEAD_ROLES = (Role.AREA_LEADER, Role.WORKSTREAM_LEAD, Role.HEALTH_SOCIAL_CARE)


def require(user, permission: Permission) -> None:
    if not user_has_permission(user, permission):
        raise PermissionDenied(permission.value)


def works_plan_wide(user) -> bool:
    return holds_any(user, PLAN_WIDE_ROLES)


def require_plan_wide(user, message: str) -> None:
    """Creating plans, opening or closing them, adding workstreams: MANAGE_PLANS and a plan-wide role."""
    require(user, Permission.MANAGE_PLANS)
    if not works_plan_wide(user):
        raise PermissionDenied(message)


def action_changeable(*, user, owner_id: int | None, lead_ids: set[int]) -> bool:
    """The rule on values already loaded (a plan page decides it for every action without a query each):
    UPDATE_ACTIONS, and either a plan-wide role, the action's owner or a lead of its workstream."""
    if not user_has_permission(user, Permission.UPDATE_ACTIONS):
        return False
    return works_plan_wide(user) or owner_id == user.pk or user.pk in lead_ids


def user_can_change_action(*, user, action) -> bool:
    """Area leaders and administrators: any action. Others with UPDATE_ACTIONS: their own actions and the
    actions of workstreams they lead. Advisers have no UPDATE_ACTIONS, so they change no action."""
    if not user_has_permission(user, Permission.UPDATE_ACTIONS):
        return False
    if works_plan_wide(user) or action.owner_id == user.pk:
        return True
    return action.workstream.leads.filter(pk=user.pk).exists()


def require_action(user, action) -> None:
    if not user_can_change_action(user=user, action=action):
        raise PermissionDenied("You can change only your own actions or those of a workstream you lead")


def user_can_manage_workstream(*, user, workstream) -> bool:
    if not user_has_permission(user, Permission.MANAGE_PLANS):
        return False
    return works_plan_wide(user) or workstream.leads.filter(pk=user.pk).exists()


def require_workstream(user, workstream) -> None:
    if not user_can_manage_workstream(user=user, workstream=workstream):
        raise PermissionDenied("You can add actions only to a workstream you lead")


@dataclass(frozen=True)
class PlanAbilities:
    """What the plan pages offer a user: links shown only to those whose rule lets them follow them."""

    work_plan_wide: bool
    manage_plans: bool
    record_monitoring: bool


def plan_abilities(user) -> PlanAbilities:
    return PlanAbilities(
        work_plan_wide=works_plan_wide(user),
        manage_plans=user_has_permission(user, Permission.MANAGE_PLANS),
        record_monitoring=user_has_permission(user, Permission.RECORD_MONITORING),
    )
