"""The retention schedule, held as data, and the rules that apply it (ADR 0143).

The schedule (``retention_schedule.json``, or a council's own file named by ``SENDBOARD_RETENTION_SCHEDULE``)
says for each kind of record how long it is kept, from when, the legal basis and where the period comes from.
Each ``key`` is applied by one function below, which removes (or, for feedback, clears) what is past its period
and returns how many it removed. ``retention_apply`` runs them all: it is idempotent (a second run the same day
removes nothing), reports counts only, and records its counts in the audit log.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

SHIPPED_SCHEDULE = Path(__file__).resolve().parent / "retention_schedule.json"


@dataclass(frozen=True)
class RetentionRule:
    key: str
    records: str
    period: timedelta | None  # by days
    period_years: int | None  # or by calendar years
    starts: str
    action: str
    legal_basis: str
    source: str

    @property
    def period_in_words(self) -> str:
        if self.period_years is not None:
            return f"{self.period_years} years"
        days = self.period.days if self.period else 0
        if days == 0:
            return "Removed at once"
        return "1 day" if days == 1 else f"{days} days"

    def cutoff(self, now: datetime) -> datetime:
        """Records whose starting moment is before this are past their period."""
        if self.period_years is not None:
            return _years_before(now, self.period_years)
        return now - (self.period or timedelta(0))


def _years_before(moment, years: int):
    try:
        return moment.replace(year=moment.year - years)
    except ValueError:  # 29 February
        return moment.replace(year=moment.year - years, day=28)


def retention_schedule() -> list[RetentionRule]:
    path = Path(getattr(settings, "SENDBOARD_RETENTION_SCHEDULE", "") or SHIPPED_SCHEDULE)
    rules, known = [], appliers()
    for entry in json.loads(path.read_text())["rules"]:
        if entry["action"] != "review" and entry["key"] not in known:
            raise ImproperlyConfigured(f"The retention schedule names {entry['key']!r}, which sendboard cannot apply")
        rules.append(
            RetentionRule(
                key=entry["key"],
                records=entry["records"],
                period=timedelta(days=entry["period_days"]) if "period_days" in entry else None,
                period_years=entry.get("period_years"),
                starts=entry["from"],
                action=entry["action"],
                legal_basis=entry["legal_basis"],
                source=entry["source"],
            )
        )
    return rules


def _audit_log(rule: RetentionRule, now: datetime) -> int:
    from sendboard.audit.models import AuditEvent

    return AuditEvent.objects.filter(occurred_at__lt=rule.cutoff(now)).delete()[0]


def _sign_in_attempts(rule: RetentionRule, now: datetime) -> int:
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    return sum(
        model.objects.filter(attempt_time__lt=rule.cutoff(now)).delete()[0]
        for model in (AccessAttempt, AccessFailureLog, AccessLog)
    )


def _sessions(rule: RetentionRule, now: datetime) -> int:
    from django.contrib.sessions.models import Session

    return Session.objects.filter(expire_date__lt=rule.cutoff(now)).delete()[0]


# The ground's own rules. A feature app adds its own in its AppConfig's ``retention_appliers`` ({key: dotted path
# of a function}), so that core names no feature app (ADR 0111); each is called with the keyword its key needs.
CORE_APPLIERS: dict[str, Callable[[RetentionRule, datetime], int]] = {
    "audit_log": _audit_log,
    "sign_in_attempts": _sign_in_attempts,
    "sessions": _sessions,
}
_APP_ARGUMENTS: dict[str, Callable[[RetentionRule, datetime], dict]] = {
    "children": lambda rule, now: {"born_before": _years_before(timezone.localdate(now), rule.period_years or 0)},
    "documents": lambda rule, now: {"born_before": _years_before(timezone.localdate(now), rule.period_years or 0)},
    "uploads": lambda rule, now: {"now": now},
    "feedback": lambda rule, now: {"received_before": rule.cutoff(now)},
}


def appliers() -> dict[str, Callable[[RetentionRule, datetime], int]]:
    found = dict(CORE_APPLIERS)
    for config in apps.get_app_configs():
        for key, dotted in getattr(config, "retention_appliers", {}).items():
            function = import_string(dotted)
            arguments = _APP_ARGUMENTS.get(key, lambda rule, now: {"before": rule.cutoff(now)})
            found[key] = lambda rule, now, function=function, arguments=arguments: function(**arguments(rule, now))
    return found


@dataclass(frozen=True)
class RetentionOutcome:
    rule: RetentionRule
    removed: int | None  # None: listed for review, never removed automatically


def retention_apply(*, now: datetime | None = None) -> list[RetentionOutcome]:
    """Apply every rule of the schedule; what each removed, as counts, also written to the audit log."""
    from sendboard.audit.models import AuditEvent
    from sendboard.audit.services import audit_record

    now = now or timezone.now()
    outcomes, apply = [], appliers()
    with transaction.atomic():
        for rule in retention_schedule():
            if rule.action == "review":
                outcomes.append(RetentionOutcome(rule, None))
                continue
            outcomes.append(RetentionOutcome(rule, apply[rule.key](rule, now)))
        audit_record(
            kind=AuditEvent.Kind.RECORD_CHANGED,
            username="retention schedule",
            detail="Retention schedule applied: "
            + ", ".join(f"{o.rule.key} {o.removed}" for o in outcomes if o.removed is not None),
        )
    return outcomes
