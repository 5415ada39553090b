"""Benchmark: the plan page and the board pack as a plan grows, as ratios to a floor measured in the same run.

    python bench/bench_plans_pages.py [--sizes 20,200,1000]

A fresh SQLite database is migrated and, for each size, a plan of that many actions (each with an update, a
success measure with an actual, and a risk) is built through the services. Then, signed in as an area leader
through Django's test client, we time (best of 5): the plan page, the board pack page, the plan's .xlsx
export, and the floor: one query reading every action row with its owner (``values()``, no rendering). The
ratios say how far the pages are from just reading the rows; the per-action cost shows they grow linearly in
rendering, not in queries (the query counts are pinned in tests/plans/test_pages.py).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def best_of(fn, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="20,200,1000")
    args = parser.parse_args()
    database_url = f"sqlite:///{tempfile.mkdtemp()}/bench_plans.sqlite3"
    os.environ.update(
        {
            "DATABASE_URL": database_url,
            "SENDBOARD_DEBUG": "true",
            "SENDBOARD_OTP_REQUIRED": "false",
            "DJANGO_SETTINGS_MODULE": "sendboard.config.settings",
        }
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    settings.ALLOWED_HOSTS = ["testserver"]
    setup_test_environment()
    call_command("migrate", verbosity=0)
    from sendboard.accounts.models import Organisation, User
    from sendboard.plans import services
    from sendboard.plans.models import Action

    council, _ = Organisation.objects.get_or_create(name="Bench council", defaults={"kind": "council"})
    leader, _ = User.objects.get_or_create(
        username="bench.leader", defaults={"role": "area_leader", "organisation": council}
    )
    inspection = services.inspection_create(
        user=leader, framework="2016", kind="full", title="Bench", outcome="wsoa_required"
    )
    finding = services.finding_create(
        user=leader, inspection=inspection, kind="significant_weakness", reference="a", text="Bench"
    )
    client = Client()
    client.force_login(leader)
    print(
        f"{'actions':>8} {'floor ms':>9} {'plan ms':>8} {'x floor':>8} {'pack ms':>8} {'x floor':>8} "
        f"{'xlsx ms':>8} {'x floor':>8} {'plan µs/action':>15}"
    )
    for size in [int(s) for s in args.sizes.split(",")]:
        plan = services.plan_create(
            user=leader, inspection=inspection, kind="wsoa", title=f"Plan of {size}", status="active"
        )
        for w in range(5):
            workstream = services.workstream_create(
                user=leader, plan=plan, number=w + 1, title=f"Workstream {w + 1}", leads=[leader]
            )
            for n in range(size // 5):
                action = services.action_create(
                    user=leader,
                    workstream=workstream,
                    reference=f"{w + 1}.{n}",
                    title=f"Action {n}",
                    owner=leader,
                    organisation=council,
                    start_date=date(2026, 1, 5),
                    due_date=date(2027, 1, 5),
                    findings=[finding],
                )
                services.progress_update_record(user=leader, action=action, day=date(2026, 2, 2), summary="Progress")
                measure = services.measure_create(
                    user=leader,
                    action=action,
                    description="Measure",
                    unit="%",
                    baseline=1,
                    baseline_date=date(2026, 1, 5),
                    target=5,
                    target_date=date(2027, 1, 5),
                )
                services.measure_actual_record(user=leader, measure=measure, day=date(2026, 2, 2), value=2)
                services.risk_record(
                    user=leader,
                    action=action,
                    kind="risk",
                    description="Risk",
                    rating=2,
                    mitigation="",
                    raised_on=date(2026, 2, 2),
                )
        floor = best_of(
            lambda plan=plan: list(
                Action.objects.filter(workstream__plan=plan).values("id", "title", "owner__username", "due_date")
            )
        )
        plan_page = best_of(lambda plan=plan: client.get(f"/plans/{plan.pk}/"))
        pack = best_of(lambda plan=plan: client.get(f"/plans/{plan.pk}/board-pack/?period_end=2026-02-28"))
        export = best_of(lambda plan=plan: client.get(f"/plans/{plan.pk}/export.xlsx"))
        print(
            f"{size:>8} {floor * 1000:>9.1f} {plan_page * 1000:>8.1f} {plan_page / floor:>8.1f} {pack * 1000:>8.1f} "
            f"{pack / floor:>8.1f} {export * 1000:>8.1f} {export / floor:>8.1f} {plan_page / size * 1e6:>15.0f}"
        )


if __name__ == "__main__":
    main()
