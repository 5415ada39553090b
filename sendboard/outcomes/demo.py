"""The outcomes part of the demo area: owners for some indicators, aspirational targets for the demo's periods
(illustrative: invented for the demo, not Worcestershire's), the plan success measure that uses an indicator, and
a first refresh so that the dashboard has facts. Idempotent: owners, targets and links are set, never duplicated,
and the refresh runs only when no refresh has succeeded yet."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from sendboard.accounts.models import User
from sendboard.outcomes.catalogue import catalogue_load
from sendboard.outcomes.models import Indicator, RefreshRun, Target
from sendboard.outcomes.refresh import refresh_run

OWNERS = {
    "new_plans_20wk_incl_exc": "demo.team.manager",
    "new_plans_20wk_excl_exc": "demo.team.manager",
    "annual_reviews_on_time": "demo.team.manager",
    "plan_audit_good_or_better": "demo.workstream.lead",
    "tribunal_appeal_rate": "demo.area.leader",
    "suspension_ratio_ehc_plan": "demo.area.leader",
    "persistent_absence_ehc_plan": "demo.analyst",
    "wait_over_18wk_speech_and_language": "demo.health",
    "wait_over_18wk_autism_assessment": "demo.health",
}
ILLUSTRATIVE = "Illustrative target for the demo (invented, aspirational; not a council's own)"
# indicator -> (period kind, value)
TARGETS = {
    "new_plans_20wk_incl_exc": ("calendar_year", "60"),
    "new_plans_20wk_excl_exc": ("calendar_year", "65"),
    "annual_reviews_on_time": (
        "academic_year",
        "90",
    ),  # counted on the register's date, labelled with its academic year
    "tribunal_appeal_rate": ("calendar_year", "1.5"),
    "plan_audit_good_or_better": ("financial_year", "80"),
    "persistent_absence_ehc_plan": ("academic_year", "30"),
    "suspension_ratio_ehc_plan": ("academic_year", "2"),
    "wait_over_18wk_speech_and_language": ("month", "20"),
    "wait_over_18wk_autism_assessment": ("month", "40"),
}


def demo_periods(today: date) -> dict[str, list[str]]:
    """The latest two periods of each kind that the demo's data (generated up to today) holds."""
    year = today.year
    academic = year if today.month >= 9 else year - 1
    financial = year if today.month >= 4 else year - 1
    this_month = today.replace(day=1)
    previous_month = (this_month - timedelta(days=1)).replace(day=1)
    return {
        "calendar_year": [str(year - 2), str(year - 1)],
        "snapshot": [f"{year - 2}/{(year - 1) % 100:02d}", f"{year - 1}/{year % 100:02d}"],
        "academic_year": [f"{academic - 1}/{academic % 100:02d}", f"{academic}/{(academic + 1) % 100:02d}"],
        "financial_year": [f"{financial - 1}-{financial % 100:02d}", f"{financial}-{(financial + 1) % 100:02d}"],
        "month": [previous_month.strftime("%Y-%m"), this_month.strftime("%Y-%m")],
    }


def load_demo(*, stdout) -> None:
    catalogue_load()
    indicators = {i.code: i for i in Indicator.objects.all()}
    users = {u.username: u for u in User.objects.filter(username__in=set(OWNERS.values()) | {"demo.analyst"})}
    for code, username in OWNERS.items():
        if username in users and indicators[code].owner_id is None:
            Indicator.objects.filter(pk=indicators[code].pk).update(owner=users[username])
    periods = demo_periods(timezone.localdate())
    for code, (kind, value) in TARGETS.items():
        for period in periods[kind]:
            Target.objects.get_or_create(
                indicator=indicators[code],
                period=period,
                defaults={"value": Decimal(value), "reason": ILLUSTRATIVE, "set_by": users.get("demo.analyst")},
            )
    if RefreshRun.objects.filter(state=RefreshRun.State.SUCCEEDED).exists():
        stdout.write("Outcomes facts already refreshed")
        return
    run = refresh_run(user=users.get("demo.analyst"))
    if not run.succeeded:
        stdout.write(f"Outcomes refresh failed: {run.error}")
        return
    seconds = (run.finished_at - run.started_at).total_seconds()
    stdout.write(
        f"Outcomes refresh: {sum(run.counts.values()):,} facts for {len(run.counts)} indicators in {seconds:.1f} s"
    )
