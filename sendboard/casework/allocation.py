"""Allocating children's cases to caseworkers (ADR 0150): one case from the child's page or the list of open
cases nobody holds, or every case of someone leaving, shared between the team's caseworkers after a preview.

Each move is one entry in the child's history (the caseworker before and after) and one in the audit log. Who
may receive a case is casework's rule (``permissions.may_receive_cases``): an active caseworker or team manager of
the allocating manager's own team, by main role or another role they hold.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sendboard.audit.history import change_tracked
from sendboard.audit.models import AuditEvent
from sendboard.audit.services import audit_record, audit_record_many
from sendboard.casework import permissions
from sendboard.casework.models import Child
from sendboard.casework.selectors import children_for_user
from sendboard.core.concurrency import row_lock_refresh, version_check, version_token


def allocation_version(child: Child) -> str:
    """The version the allocation form opens with (ADR 0070): who holds the case now."""
    return version_token({"caseworker": child.caseworker_id})


def _move(*, user, child: Child, caseworker, reason: str = "") -> None:
    what = "Case allocated" if child.caseworker_id is None else "Case reallocated"
    with change_tracked(
        user=user, subject=child, what=what, reason=reason, values=lambda: {"caseworker_id": child.caseworker_id}
    ):
        child.caseworker = caseworker
        child.allocated_at = timezone.now()
        child.save(update_fields=["caseworker", "allocated_at"])


@transaction.atomic
def case_allocate(*, user, child: Child, caseworker, version: str | None = None) -> Child:
    """Give one child's case to ``caseworker``. With ``version``, a case someone else allocated since the form
    opened is never silently taken from its new caseworker."""
    if not permissions.may_receive_cases(user, caseworker):
        raise ValidationError({"caseworker": "Choose a caseworker or team manager of your team"})
    row_lock_refresh(child)
    version_check(version=version, values={"caseworker": child.caseworker_id})
    if child.caseworker_id == caseworker.pk:
        raise ValidationError({"caseworker": f"{caseworker.display_name} already holds this case: choose someone else"})
    before = child.caseworker.get_username() if child.caseworker_id else "nobody"
    _move(user=user, child=child, caseworker=caseworker)
    audit_record(
        kind=AuditEvent.Kind.RECORD_CHANGED,
        user=user,
        detail=f"Child {child.public_id} allocated to {caseworker.get_username()} (was {before})",
    )
    return child


@dataclass(frozen=True)
class Move:
    child: Child
    to: object  # the User who receives the case


def reassignment_plan(*, user, leaver, receivers) -> list[Move]:
    """Where each of ``leaver``'s cases (those the user reaches) would go: dealt in turn, by the child's surname,
    to the receivers in the order given, so that each receives the same number, give or take one."""
    receivers = list(receivers)
    if not receivers:
        return []
    children = children_for_user(user).filter(caseworker=leaver).order_by("surname", "forename", "id")
    return [Move(child=child, to=receivers[index % len(receivers)]) for index, child in enumerate(children)]


def plan_version(plan: list[Move]) -> str:
    """The preview's version: which child goes to whom. Confirming checks the plan is still the same."""
    return version_token({"moves": [[move.child.pk, move.to.pk] for move in plan]})


PLAN_CHANGED = "The cases changed since you previewed the move: check the new preview, then confirm it"


@transaction.atomic
def cases_reassign(*, user, leaver, receivers, version: str | None = None) -> list[Move]:
    """Move every case ``leaver`` holds to ``receivers`` (shared evenly, or all to one), as previewed: with
    ``version``, a plan that no longer matches the preview (a case allocated or added meanwhile) is refused.
    One history entry and one audit entry per child, naming the previous caseworker."""
    receivers = list(receivers)
    if not receivers:
        raise ValidationError({"receivers": "Choose who should receive the cases"})
    if any(person.pk == leaver.pk for person in receivers):
        raise ValidationError({"receivers": f"Choose people other than {leaver.display_name} to receive the cases"})
    if not all(permissions.may_receive_cases(user, person) for person in receivers):
        raise ValidationError({"receivers": "Choose caseworkers or team managers of your team"})
    # Lock the leaver's cases (PostgreSQL) so that the plan confirmed is the plan carried out.
    list(children_for_user(user).filter(caseworker=leaver).select_for_update().values_list("pk", flat=True))
    plan = reassignment_plan(user=user, leaver=leaver, receivers=receivers)
    if not plan:
        raise ValidationError({"leaver": f"{leaver.display_name} holds no cases to reassign"})
    if version is not None and plan_version(plan) != version:
        raise ValidationError(PLAN_CHANGED)
    reason = f"{leaver.display_name}'s cases reassigned"
    for move in plan:
        _move(user=user, child=move.child, caseworker=move.to, reason=reason)
    audit_record_many(
        kind=AuditEvent.Kind.RECORD_CHANGED,
        user=user,
        details=[
            f"Child {move.child.public_id} reallocated to {move.to.get_username()} (was {leaver.get_username()})"
            for move in plan
        ],
    )
    return plan
