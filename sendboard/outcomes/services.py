"""Writes for the outcomes pages: commentary on exception reports, targets, indicator owners, and asking the
engine for a refresh. Each checks who may do it (object-level rules here, not in views) and is audited."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sendboard.accounts.roles import Permission
from sendboard.audit.history import change_tracked, stored, values_of
from sendboard.audit.models import AuditEvent
from sendboard.audit.services import audit_record
from sendboard.core.concurrency import row_lock_refresh, version_check, version_token
from sendboard.outcomes import permissions
from sendboard.outcomes.models import ExceptionReport, Indicator, RefreshRun, Target


def _audit(*, user, detail: str) -> None:
    audit_record(kind=AuditEvent.Kind.RECORD_CHANGED, user=user, detail=detail)


def exception_commentary_version(report: ExceptionReport) -> str:
    """The version the commentary form opens with (ADR 0070)."""
    return version_token({"commentary": report.commentary})


def targets_version(indicator: Indicator) -> str:
    """The version the targets form opens with: every target of the indicator, since the form may change any."""
    return version_token(_target_values(indicator))


def _target_values(indicator: Indicator) -> dict:
    return {
        "targets": sorted(f"{t.period}: {t.value.normalize():f}" for t in Target.objects.filter(indicator=indicator))
    }


@transaction.atomic
def exception_commentary_set(
    *, user, report: ExceptionReport, commentary: str, version: str | None = None
) -> ExceptionReport:
    """Only the report's owner or an area leader may comment, and only while the indicator is still red."""
    permissions.require_comment(user=user, report=report)
    if version is not None:
        row_lock_refresh(report)
        version_check(version=version, values={"commentary": report.commentary})
    commentary = commentary.strip()
    if not commentary:
        raise ValidationError({"commentary": "Enter the commentary: why the indicator is red and what is being done"})
    with change_tracked(
        user=user,
        subject=report,
        within=report.indicator,
        what="Commentary",
        always=True,
        values=lambda: values_of(report, ["commentary", "status"]),
    ):
        report.commentary, report.commentary_by, report.commentary_at = commentary, user, timezone.now()
        report.status = ExceptionReport.Status.COMMENTED
        report.save(update_fields=["commentary", "commentary_by", "commentary_at", "status"])
    _audit(
        user=user, detail=f"Exception report {report.pk} ({report.indicator.code}, {report.period}): commentary given"
    )
    return report


def _require_manage(user) -> None:
    permissions.require(user, Permission.MANAGE_INDICATORS)


@transaction.atomic
def target_set(
    *, user, indicator: Indicator, period: str, value: Decimal, reason: str, version: str | None = None
) -> Target:
    """Set (or change) the home area's target for one period; the reason is kept with it."""
    _require_manage(user)
    if version is not None:
        row_lock_refresh(indicator)
        version_check(version=version, values=_target_values(indicator))
    with change_tracked(
        user=user,
        subject=indicator,
        what=f"Target for {period}",
        reason=reason,
        always=True,
        values=lambda: {
            "target": stored(
                Target.objects.filter(indicator=indicator, period=period).values_list("value", flat=True).first()
            )
        },
    ):
        target, created = Target.objects.update_or_create(
            indicator=indicator, period=period, defaults={"value": value, "reason": reason, "set_by": user}
        )
    _audit(
        user=user,
        detail=f"Indicator {indicator.code}: target for {period} {'set' if created else 'changed'} to {value}",
    )
    return target


def indicator_owner_version(indicator: Indicator) -> str:
    return version_token({"owner": indicator.owner_id})


@transaction.atomic
def indicator_owner_set(*, user, indicator: Indicator, owner, version: str | None = None) -> Indicator:
    """Give the indicator an owner (or none). Its open exception reports move to the new owner."""
    _require_manage(user)
    if version is not None:
        row_lock_refresh(indicator)
        version_check(version=version, values={"owner": indicator.owner_id})
    if owner is not None and not permissions.may_own_indicators(owner):
        raise ValidationError({"owner": "Choose someone whose role lets them comment on exception reports"})
    with change_tracked(
        user=user, subject=indicator, what="Owner", values=lambda: values_of(indicator, ["owner"]), always=True
    ):
        indicator.owner = owner
        indicator.save(update_fields=["owner"])
    moved = (
        ExceptionReport.objects.filter(indicator=indicator)
        .exclude(status=ExceptionReport.Status.CLOSED)
        .update(owner=owner)
    )
    _audit(
        user=user,
        detail=f"Indicator {indicator.code}: owner set to {owner.get_username() if owner else 'nobody'}; "
        f"{moved} open exception report(s) moved",
    )
    return indicator


def refresh_start(*, user) -> RefreshRun:
    """Queue a refresh through the engine, which the worker runs (ADR 0105)."""
    from sendboard.outcomes.refresh import refresh_request

    _require_manage(user)
    run = refresh_request(user=user)
    _audit(user=user, detail=f"Outcomes refresh {run.pk} requested")
    return run


def refresh_again(*, user, run: RefreshRun) -> bool:
    """Run a failed refresh again; False if it is not failed (it ran again already, or never failed)."""
    from sendboard.outcomes.refresh import refresh_retry

    _require_manage(user)
    retried = refresh_retry(run=run)
    if retried:
        _audit(user=user, detail=f"Outcomes refresh {run.pk} run again")
    return retried
