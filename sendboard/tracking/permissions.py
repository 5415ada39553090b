"""Who may see and change what in tracking: the app's one place for it (ADR 0003, ADR 0122).

- A school, college or setting user sees and changes only the reports of their own setting, matched by the
  setting's URN (its organisation's code). A setting without a URN reports nothing.
- Caseworkers and team managers see the children of the areas their team works (as casework does); the team
  manager (and so the inclusion lead, who holds that role) also manages children missing education, the weekly
  list, children placed by other councils and the reconciliation.
- Nobody else sees a child here.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from sendboard.accounts.access import user_has_permission
from sendboard.accounts.models import Organisation
from sendboard.accounts.roles import Permission, Role
from sendboard.casework.permissions import CASE_HOLDING_ROLES, areas_for_user
from sendboard.core.models import LocalArea


def user_setting(user) -> Organisation | None:
    """The setting a user reports for: their organisation, if it is a setting with a URN and their role reports."""
    organisation = getattr(user, "organisation", None)
    if (
        not user_has_permission(user, Permission.REPORT_PUPILS)
        or organisation is None
        or organisation.kind != Organisation.Kind.SETTING
        or not organisation.code
    ):
        return None
    return organisation


def staff_areas(user) -> QuerySet[LocalArea]:
    if not user_has_permission(user, Permission.VIEW_VULNERABLE_LEARNERS):
        return LocalArea.objects.none()
    return areas_for_user(user)


def reports_for_user(user, model) -> QuerySet:
    """A setting's own reports of ``model`` (a part-time timetable, removal or non-attendance), or an area's."""
    setting = user_setting(user)
    if setting is not None:
        return model.objects.filter(school_urn=setting.code)
    return model.objects.filter(local_area__in=staff_areas(user))


def report_get_for_user(user, model, public_id):
    record = reports_for_user(user, model).filter(public_id=public_id).first()
    if record is None:
        raise Http404("No such report for you")
    return record


def can_change_report(user, record) -> bool:
    """Only the setting that made a report changes it."""
    setting = user_setting(user)
    return setting is not None and record.school_urn == setting.code


def can_manage(user) -> bool:
    return user_has_permission(user, Permission.MANAGE_VULNERABLE_LEARNERS)


def area_records_for_user(user, model) -> QuerySet:
    """Records held by area (children missing education, children placed by other councils)."""
    return model.objects.filter(local_area__in=staff_areas(user))


def area_record_get_for_user(user, model, public_id):
    record = area_records_for_user(user, model).filter(public_id=public_id).first()
    if record is None:
        raise Http404("No such record in your area")
    return record


def tasks_for_user(user) -> QuerySet:
    from sendboard.tracking.models import CaseworkerTask

    return CaseworkerTask.objects.filter(timetable__local_area__in=staff_areas(user))


def can_complete_task(user, task) -> bool:
    return task.assigned_to_id == user.id or can_manage(user)


# Who a lapsed part-time timetable review is escalated to, beside the area's named inclusion lead.
ESCALATED_TO_ROLES = (Role.TEAM_MANAGER,)
# Who may be named inclusion lead or single point of contact: the people who hold cases.
NAMEABLE_ROLES = CASE_HOLDING_ROLES
