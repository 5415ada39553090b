"""Who may load and take away returns: the returns app's object rules, in one place (ADR 0110).

Loading a file needs its importer's permission (IMPORT_RETURNS unless it says another; the page declares it). The
whole register leaves as a SEN2 file only for the areas casework's own rule lets the user reach, and only with
EXPORT_REGISTER (ADR 0064).
"""

from __future__ import annotations

from django.db.models import QuerySet

from sendboard.accounts.roles import Permission
from sendboard.casework.permissions import areas_for_user
from sendboard.core.models import LocalArea


def areas_for_export(user) -> QuerySet[LocalArea]:
    return areas_for_user(user, permission=Permission.EXPORT_REGISTER)


def importer_permission(importer) -> Permission:
    """Who may load an importer's files from a page: its own ``permission``, else IMPORT_RETURNS (ADR 0163)."""
    return getattr(importer, "permission", Permission.IMPORT_RETURNS)


def importer_kinds_for(permission: Permission, importers: dict) -> list[str]:
    """The kinds of importer that the pages declaring ``permission`` load: each page pattern serves only these."""
    return [kind for kind, importer in importers.items() if importer_permission(importer) == permission]
