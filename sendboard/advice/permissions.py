"""Who answers which advice request, who may ask for advice, and whose health figures the designated clinical
officer reads: the advice app's object rules, in one place (ADR 0110, ADR 0153).

A professional reaches an advice request only when it was sent to their own organisation, and through it only
the child it is about; nothing else of any child. The designated clinical officer reads health's timeliness for
the local areas of their integrated care board, in figures and late requests that name no child.
"""

from __future__ import annotations

from django.db.models import QuerySet

from sendboard.accounts.access import user_has_permission
from sendboard.accounts.models import Organisation, User
from sendboard.accounts.roles import Permission, Role
from sendboard.accounts.selectors import role_holders
from sendboard.casework.models import AdviceRequest
from sendboard.core.models import LocalArea

# The roles that answer advice for their organisation: health and social care professionals (educational
# psychologists among them, ADR 0153) and a school's or setting's staff for educational advice.
ANSWERING_ROLES = (Role.HEALTH_SOCIAL_CARE, Role.SETTING_USER)


def requests_for_user(user) -> QuerySet[AdviceRequest]:
    """The advice requests a professional may open: those sent to their own organisation. None for anyone else."""
    if not user_has_permission(user, Permission.ANSWER_ADVICE) or user.organisation_id is None:
        return AdviceRequest.objects.none()
    return AdviceRequest.objects.filter(organisation_id=user.organisation_id)


def may_ask_for_advice(user) -> bool:
    """Caseworkers and team managers ask, for children their own team's areas hold (casework's rule finds them)."""
    return user_has_permission(user, Permission.MANAGE_CASEWORK)


def partner_organisations() -> QuerySet[Organisation]:
    """Organisations advice can be asked of: those with someone active who answers advice in sendboard, so that
    no request waits in a queue nobody reads."""
    answering = User.objects.filter(role_holders(*ANSWERING_ROLES), is_active=True).values("organisation_id")
    return Organisation.objects.filter(id__in=answering).order_by("name")


def health_areas_for_user(user) -> QuerySet[LocalArea]:
    """The local areas whose health advice the user's figures cover: those of their integrated care board (the
    area's ICB code is the board's ODS code). None without the permission or outside an ICB."""
    organisation = user.organisation if user.is_authenticated else None
    if (
        not user_has_permission(user, Permission.VIEW_HEALTH_ADVICE_TIMELINESS)
        or organisation is None
        or organisation.kind != Organisation.Kind.ICB
        or not organisation.code
    ):
        return LocalArea.objects.none()
    return LocalArea.objects.filter(icb_code=organisation.code)
