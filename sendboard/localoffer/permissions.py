"""Who may change which Local Offer service: the Local Offer app's object rules, in one place (ADR 0110).

The Local Offer team (MANAGE_LOCAL_OFFER) approves every change and may propose changes to any service; a
provider editor (EDIT_OWN_SERVICES) proposes changes to their own organisation's services only.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from sendboard.accounts.access import user_has_permission
from sendboard.accounts.roles import Permission, Role

# Who is reminded by email: a service's provider editors that it is due for review, the team of overdue ones.
PROVIDER_EDITOR_ROLES = (Role.PROVIDER_EDITOR,)
LOCAL_OFFER_TEAM_ROLES = (Role.LOCAL_OFFER_OFFICER,)


def services_editable_by(user, services: QuerySet) -> QuerySet:
    """Of ``services``, those the user may propose changes to."""
    if user_has_permission(user, Permission.MANAGE_LOCAL_OFFER):
        return services
    if not user_has_permission(user, Permission.EDIT_OWN_SERVICES) or user.organisation_id is None:
        return services.none()
    return services.filter(organisation__owner_id=user.organisation_id)


def require_team(user) -> None:
    if not user_has_permission(user, Permission.MANAGE_LOCAL_OFFER):
        raise PermissionDenied("Only the Local Offer team approves changes")
