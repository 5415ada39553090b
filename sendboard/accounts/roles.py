"""Roles and what each may do: the one table every permission check in sendboard reads (ADR 0003)."""

from __future__ import annotations

from enum import StrEnum

from django.core.exceptions import ValidationError
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
    DESIGNATED_CLINICAL_OFFICER = "designated_clinical_officer", "Designated clinical officer"
    ADVISER = "adviser", "DfE or NHS England adviser (read only)"
    ANALYST = "analyst", "Data analyst"
    LOCAL_OFFER_OFFICER = "local_offer_officer", "Local Offer team member"
    PROVIDER_EDITOR = "provider_editor", "Local Offer provider"


class Permission(StrEnum):
    VIEW_HOME = "core.view_home"
    MANAGE_NON_WORKING_DAYS = "core.manage_non_working_days"
    # The running installation: version, published-data release, health checks, retention schedule
    VIEW_OPERATIONS = "core.view_operations"
    # Reminder e-mails: how sending goes, and sending a failed one again (administrators)
    MANAGE_REMINDERS = "reminders.manage_sending"
    VIEW_ORGANISATIONS = "accounts.view_organisations"
    # People and organisations: inviting, changing roles, deactivating, resetting two-factor (administrators)
    MANAGE_PEOPLE = "accounts.manage_people"
    MANAGE_ORGANISATIONS = "accounts.manage_organisations"
    VIEW_AUDIT_LOG = "audit.view_log"
    # Improvement plans
    VIEW_PLANS = "plans.view"
    MANAGE_INSPECTIONS = "plans.manage_inspections"
    MANAGE_PLANS = "plans.manage_plans"
    UPDATE_ACTIONS = "plans.update_actions"
    RECORD_MONITORING = "plans.record_monitoring"
    APPROVE_PUBLICATION = "plans.approve_publication"
    MANAGE_MILESTONE_RULES = "plans.manage_milestone_rules"
    # Children and EHC casework (personal data) and the returns that load it
    VIEW_CHILDREN = "casework.view_children"
    MANAGE_CASEWORK = "casework.manage"
    VIEW_TEAM_CASELOAD = "casework.view_team_caseload"
    VIEW_CASEWORK_AGGREGATES = "casework.view_aggregates"
    IMPORT_RETURNS = "returns.import"
    # The whole register with names, dates of birth, postcodes and UPNs, as a SEN2 file (ADR 0064)
    EXPORT_REGISTER = "returns.export_register"
    # Everything held about one child, for a subject access request (ADR 0144)
    EXPORT_SUBJECT_ACCESS = "casework.export_subject_access"
    # The council's own wording of its letters (decision to assess or not, plan covering letters, review decision)
    MANAGE_LETTER_TEMPLATES = "documents.manage_letter_templates"
    # Local Offer
    EDIT_OWN_SERVICES = "localoffer.edit_own_services"
    MANAGE_LOCAL_OFFER = "localoffer.manage"
    # Outcomes dashboard: aggregates only, never a child's record
    VIEW_OUTCOMES = "outcomes.view"
    COMMENT_ON_EXCEPTIONS = "outcomes.comment_on_exceptions"
    MANAGE_INDICATORS = "outcomes.manage_indicators"
    # Vulnerable learners (tracking): a setting reports its own pupils; the SEND and inclusion teams follow them up
    REPORT_PUPILS = "tracking.report_pupils"
    VIEW_VULNERABLE_LEARNERS = "tracking.view"
    MANAGE_VULNERABLE_LEARNERS = "tracking.manage"
    # Advice from partners (issue 15): a professional answers the requests sent to their organisation; the
    # designated clinical officer follows how promptly health answers, in figures and late requests, no child named
    ANSWER_ADVICE = "advice.answer"
    VIEW_HEALTH_ADVICE_TIMELINESS = "advice.view_health_timeliness"


# Permissions that only read. Every other permission changes something.
READ_ONLY_PERMISSIONS: frozenset[Permission] = frozenset(
    {
        Permission.VIEW_HOME,
        Permission.VIEW_OPERATIONS,
        Permission.VIEW_ORGANISATIONS,
        Permission.VIEW_AUDIT_LOG,
        Permission.VIEW_PLANS,
        Permission.VIEW_CHILDREN,
        Permission.VIEW_TEAM_CASELOAD,
        Permission.VIEW_CASEWORK_AGGREGATES,
        Permission.EXPORT_REGISTER,
        Permission.EXPORT_SUBJECT_ACCESS,
        Permission.VIEW_OUTCOMES,
        Permission.VIEW_VULNERABLE_LEARNERS,
        Permission.VIEW_HEALTH_ADVICE_TIMELINESS,
    }
)

P = Permission
_STAFF = frozenset({P.VIEW_HOME, P.VIEW_PLANS, P.VIEW_OUTCOMES})

ROLE_PERMISSIONS: dict[str, frozenset[Permission]] = {
    Role.ADMINISTRATOR: frozenset(Permission),
    Role.AREA_LEADER: _STAFF
    | {
        P.VIEW_ORGANISATIONS,
        P.MANAGE_INSPECTIONS,
        P.MANAGE_PLANS,
        P.UPDATE_ACTIONS,
        P.RECORD_MONITORING,
        P.APPROVE_PUBLICATION,
        P.VIEW_CASEWORK_AGGREGATES,
        P.COMMENT_ON_EXCEPTIONS,
    },
    Role.WORKSTREAM_LEAD: _STAFF | {P.MANAGE_PLANS, P.UPDATE_ACTIONS, P.COMMENT_ON_EXCEPTIONS},
    Role.ACTION_OWNER: _STAFF | {P.UPDATE_ACTIONS, P.COMMENT_ON_EXCEPTIONS},
    Role.CASEWORKER: _STAFF | {P.VIEW_CHILDREN, P.MANAGE_CASEWORK, P.VIEW_VULNERABLE_LEARNERS},
    Role.TEAM_MANAGER: _STAFF
    | {
        P.VIEW_ORGANISATIONS,
        P.VIEW_CHILDREN,
        P.MANAGE_CASEWORK,
        P.VIEW_TEAM_CASELOAD,
        P.VIEW_CASEWORK_AGGREGATES,
        P.EXPORT_REGISTER,
        P.EXPORT_SUBJECT_ACCESS,
        P.MANAGE_LETTER_TEMPLATES,
        P.COMMENT_ON_EXCEPTIONS,
        P.VIEW_VULNERABLE_LEARNERS,
        P.MANAGE_VULNERABLE_LEARNERS,
    },
    Role.SETTING_USER: frozenset({P.VIEW_HOME, P.REPORT_PUPILS, P.ANSWER_ADVICE}),
    Role.HEALTH_SOCIAL_CARE: _STAFF | {P.COMMENT_ON_EXCEPTIONS, P.ANSWER_ADVICE},
    Role.DESIGNATED_CLINICAL_OFFICER: _STAFF | {P.COMMENT_ON_EXCEPTIONS, P.VIEW_HEALTH_ADVICE_TIMELINESS},
    Role.ADVISER: _STAFF | {P.RECORD_MONITORING, P.VIEW_CASEWORK_AGGREGATES},
    Role.ANALYST: _STAFF | {P.IMPORT_RETURNS, P.VIEW_CASEWORK_AGGREGATES, P.COMMENT_ON_EXCEPTIONS, P.MANAGE_INDICATORS},
    Role.LOCAL_OFFER_OFFICER: frozenset({P.VIEW_HOME, P.MANAGE_LOCAL_OFFER}),
    Role.PROVIDER_EDITOR: frozenset({P.VIEW_HOME, P.EDIT_OWN_SERVICES}),
}

# Roles whose work reaches children's personal data. (Every account signs in with a one-time password as well,
# whatever its role: ADR 0061.)
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


def roles_have_permission(*, roles, permission: Permission) -> bool:
    """A person who holds more than one role may do what any of them may: the union (ADR 0136)."""
    return any(role_has_permission(role=role, permission=permission) for role in roles)


# Roles a person may hold besides their main one. Never the administrator's, which grants everything: who is
# an administrator stays one field, so that the last administrator can always be found and kept.
ADDITIONAL_ROLE_CHOICES: list[tuple[str, str]] = [
    (value, label) for value, label in Role.choices if value != Role.ADMINISTRATOR
]


def roles_held(role: str, additional_roles) -> tuple[str, ...]:
    """The main role first, then any others that are roles, each once (ADR 0136)."""
    extra = [r for r in (additional_roles or []) if r != role and r in Role.values]
    return (role, *dict.fromkeys(extra))


def holds_any(user, roles) -> bool:
    """Whether the user holds any of ``roles``, as their main role or another (ADR 0136): how an app's object
    rules ask about roles. Nobody signed in holds none."""
    return any(held in roles for held in getattr(user, "roles", ()))


def role_names(roles) -> str:
    """ "SEND caseworker and Local Offer team member", as people read it."""
    labels = [str(Role(r).label) for r in roles if r in Role.values]
    if len(labels) <= 1:
        return labels[0] if labels else "no role"
    return ", ".join(labels[:-1]) + " and " + labels[-1]


def additional_roles_check(*, role: str, additional_roles) -> list[str]:
    """Other roles as they may be stored: each a role, never the administrator's, never the main role."""
    chosen = list(dict.fromkeys(additional_roles or []))
    if any(r not in Role.values for r in chosen):
        raise ValidationError({"additional_roles": "Select other roles from the list"})
    if Role.ADMINISTRATOR in chosen:
        raise ValidationError({"additional_roles": "Administrator can only be a main role"})
    if role == Role.ADMINISTRATOR and chosen:
        raise ValidationError(
            {"additional_roles": "An administrator can already do everything: untick the other roles"}
        )
    if role in chosen:
        raise ValidationError(
            {"additional_roles": f"{Role(role).label} is already the main role: untick it under other roles"}
        )
    return chosen
