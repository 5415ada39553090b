"""Benchmark: how well the tracking reconciliation ("the ones nobody reported") finds the part-time timetables and
removals from roll that the generated area's schools did not report, as precision and recall against the generated
truth, beside a reference rule measured in the same run (every pupil persistently absent, missing 10% or more of
sessions, the DfE's persistent absence measure) and the time of the reconciliation as a ratio to a plain scan of
the same rows.

    python bench/bench_tracking_reconciliation.py [--size small|county] [--database sqlite|postgres]

Set-up (not timed): a fresh database (SQLite in a temporary folder, or PostgreSQL on ``POSTGRES_URL``'s server) is
migrated; the generated register is loaded through the SEN2 importer, the generated extracts through the extract
importers, then ``generated_tracking_load`` loads the autumn census (with the pupils taken off roll before the
spring census) and the reports of the schools, which report each case at ``SETTINGS_REPORT_RATE``.

Precision: of the pupils flagged, the share that are unreported cases. Recall: of the unreported cases, the share
flagged. Both are deterministic for a size and seed (the under-reporting is seeded).
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
AS_OF = date(2025, 11, 20)
POSTGRES = os.environ.get("POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")


def _django(database_url: str) -> None:
    os.environ.update(
        {
            "DATABASE_URL": database_url,
            "SENDBOARD_DEBUG": "true",
            "SENDBOARD_OTP_REQUIRED": "false",
            "SENDBOARD_SECRET_KEY": "bench-only",
            "DJANGO_SETTINGS_MODULE": "sendboard.config.settings",
        }
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def _score(flagged: set[str], truth: set[str]) -> tuple[float, float]:
    found = len(flagged & truth)
    return (found / len(flagged) if flagged else 1.0), (found / len(truth) if truth else 1.0)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", choices=["small", "county"], default="small")
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        if args.database == "postgres":
            import psycopg

            name = f"bench_tracking_{os.getpid()}"
            with psycopg.connect(POSTGRES, autocommit=True) as conn:
                conn.execute(f'CREATE DATABASE "{name}"')
            url = POSTGRES.rsplit("/", 1)[0] + f"/{name}"
        else:
            url = f"sqlite:///{folder}/bench.sqlite3"
        try:
            return run(args, url, Path(folder))
        finally:
            if args.database == "postgres":
                from django.db import connections

                connections.close_all()
                with psycopg.connect(POSTGRES, autocommit=True) as conn:
                    conn.execute(f'DROP DATABASE IF EXISTS "{name}"')


def run(args, url: str, folder: Path) -> int:
    _django(url)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from sendboard.core.models import LocalArea
    from sendboard.extracts.generated import SETTINGS_REPORT_RATE
    from sendboard.extracts.models import Attendance, CensusPupil
    from sendboard.extracts.services import generated_extracts_load
    from sendboard.returns.framework import file_import
    from sendboard.returns.sen2.generated import area_files_generate
    from sendboard.returns.sen2.importer import Sen2Importer
    from sendboard.tracking.generated import generated_tracking_load
    from sendboard.tracking.selectors import reconciliation_flags

    area, _ = LocalArea.objects.get_or_create(
        la_code="885",
        defaults={
            "name": "Worcestershire",
            "gss_code": "E10000034",
            "region_name": "West Midlands",
            "region_code": "E12000005",
        },
    )
    start = time.perf_counter()
    [path] = area_files_generate(size=args.size, out_dir=folder / "sen2", as_of=AS_OF, caseworker=None)
    if not file_import(importer=Sen2Importer(), path=path, filename=path.name).loaded:
        raise SystemExit("the generated register did not load")
    for path, outcome in generated_extracts_load(area=area, size=args.size, out_dir=folder / "extracts", as_of=AS_OF):
        if not (outcome.loaded or outcome.already_loaded):
            raise SystemExit(f"{path.name} did not load")
    truth = generated_tracking_load(area=area, size=args.size, out_dir=folder / "tracking", as_of=AS_OF)
    print(
        f"set-up: {time.perf_counter() - start:.1f} s; {CensusPupil.objects.count():,} census rows; "
        f"{len(truth.part_time)} pupils on part-time timetables ({len(truth.part_time_reported)} reported), "
        f"{len(truth.removed)} taken off roll ({len(truth.removed_reported)} reported); "
        f"schools report at {SETTINGS_REPORT_RATE:.0%}"
    )

    start = time.perf_counter()
    flags = reconciliation_flags(area)
    seconds = time.perf_counter() - start
    start = time.perf_counter()
    scanned = sum(
        1
        for _ in Attendance.objects.filter(local_area=area)
        .values_list("upn", "possible_sessions", "absence_sessions")
        .iterator()
    )
    scanned += sum(1 for _ in CensusPupil.objects.filter(local_area=area).values_list("upn", "census_date").iterator())
    floor = time.perf_counter() - start

    unreported = truth.unreported
    print(f"{'check':<32} {'flagged':>8} {'unreported':>10} {'found':>6} {'precision':>9} {'recall':>7}")
    rows = []
    for kind, label in (("part_time", "part-time attendance pattern"), ("disappeared", "left the census")):
        flagged = {f.upn for f in flags if f.kind == kind}
        precision, recall = _score(flagged, unreported[kind])
        rows.append((flagged, unreported[kind]))
        print(
            f"{label:<32} {len(flagged):>8} {len(unreported[kind]):>10} {len(flagged & unreported[kind]):>6} "
            f"{precision:>9.1%} {recall:>7.1%}"
        )
    all_flagged = set().union(*(f for f, _ in rows))
    all_truth = set().union(*(t for _, t in rows))
    precision, recall = _score(all_flagged, all_truth)
    print(
        f"{'both':<32} {len(all_flagged):>8} {len(all_truth):>10} {len(all_flagged & all_truth):>6} "
        f"{precision:>9.1%} {recall:>7.1%}"
    )
    # Reference: flag every persistently absent pupil (10% or more of sessions missed) with no reported timetable.
    reported = truth.part_time_reported
    persistent = {
        u
        for u, p, a in Attendance.objects.filter(local_area=area).values_list(
            "upn", "possible_sessions", "absence_sessions"
        )
        if p and a >= 0.1 * p and u not in reported
    }
    ref_precision, ref_recall = _score(persistent, unreported["part_time"])
    print(
        f"{'reference: persistent absence':<32} {len(persistent):>8} {len(unreported['part_time']):>10} "
        f"{len(persistent & unreported['part_time']):>6} {ref_precision:>9.1%} {ref_recall:>7.1%}"
    )
    part_time_precision = _score({f.upn for f in flags if f.kind == "part_time"}, unreported["part_time"])[0]
    print(f"part-time precision against the reference: {part_time_precision / max(ref_precision, 1e-9):.1f}x")
    print(
        f"reconciliation: {seconds:.2f} s, {seconds / max(floor, 1e-9):.1f}x a plain scan of the same rows "
        f"({floor:.2f} s, {scanned:,} rows)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
