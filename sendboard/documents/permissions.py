"""Who may see and add a child's documents, and edit the council's letters: the documents app's object rules
in one place (ADR 0110, ADR 0157).

Casework staff (caseworkers and team managers of the organisation whose SEND team works the child's area)
see every document about the child. A partner organisation (a health trust, the educational psychology
service, social care) sees a document only when it has been shared with it. Nobody else sees any.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from sendboard.accounts.access import user_has_permission
from sendboard.accounts.roles import Permission
from sendboard.casework.permissions import areas_for_user
from sendboard.core.models import LocalArea


def require(user, permission: Permission) -> None:
    if not user_has_permission(user, permission):
        raise PermissionDenied(permission.value)


def visible_documents_q(user) -> Q:
    """The documents ``user`` may see, as a filter on Document: those of children in the areas their casework
    team works, and those shared with their organisation."""
    if not getattr(user, "is_authenticated", False):
        return Q(pk__in=[])
    visible = Q(child__local_area__in=areas_for_user(user))
    if user.organisation_id is not None:
        visible |= Q(shared_with=user.organisation_id)
    return visible


def sees_every_document_of(user, child) -> bool:
    """Whether ``user`` is casework staff of the child's area (so sees all the child's documents)."""
    return areas_for_user(user).filter(pk=child.local_area_id).exists()


def may_add_documents_for(user, child) -> bool:
    """Casework staff who manage cases add documents to a child of their area."""
    return user_has_permission(user, Permission.MANAGE_CASEWORK) and sees_every_document_of(user, child)


def letter_template_areas(user) -> QuerySet[LocalArea]:
    """The areas whose letters ``user`` may edit: team managers and administrators, within the areas their
    organisation's casework team works."""
    if not user_has_permission(user, Permission.MANAGE_LETTER_TEMPLATES):
        return LocalArea.objects.none()
    return areas_for_user(user)
