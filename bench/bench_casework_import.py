"""Benchmark: SEN2 import of a generated area, as a ratio to lxml alone parsing the same files in the same run.

    python bench/bench_casework_import.py [--size county] [--scale S] [--databases sqlite,postgres]
                                          [--memory-check]

For each database: a fresh database is migrated, the generated files are imported with the real importer
(validation, the register, statutory steps, one transaction per file), and lxml's streaming parse of the same
files (iterparse, clearing each Person) is timed as the floor. On PostgreSQL a second reference is measured:
the database's own floor, the time PostgreSQL takes to take the very rows the import wrote, already formatted,
by COPY in one transaction with the same indexes and foreign-key checks and no Python work at all. No importer
can be faster than that, so it shows how much of the import's time is the schema's, not the code's (ADR 0054). Each
measurement runs in a fresh process, so that its peak resident memory (ru_maxrss) is its own. ``--memory-check`` also
imports a file twice the size to show that peak memory does not grow with the file (streaming). The issue's goal: no
more than 4x on PostgreSQL for the ``england`` size (about 640,000 plans); pass --size england --scale 0.1 for a
tenth of it.
PostgreSQL runs in BENCH_POSTGRES_URL (default: the sb_a database), whose public schema is dropped and recreated.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
AS_OF = date(2025, 1, 16)
# The PostgreSQL database the benchmark may empty and reuse (its public schema is dropped and recreated).
POSTGRES = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/sb_a")


def _django(database_url: str) -> None:
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


def worker(args) -> None:
    """One measurement in this process; prints JSON with seconds and peak memory."""
    files = [Path(p) for p in args.files]
    if args.worker == "lxml":
        from lxml import etree

        start, cpu = time.perf_counter(), time.process_time()
        persons = 0
        for path in files:
            for _, elem in etree.iterparse(str(path), events=("end",), tag="Person"):
                persons += 1
                elem.clear(keep_tail=False)
                while elem.getprevious() is not None:
                    del elem.getparent()[0]
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    else:
        _django(args.database)
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        from sendboard.casework.generated_area import local_authorities
        from sendboard.core.models import LocalArea
        from sendboard.returns.framework import file_import
        from sendboard.returns.sen2.importer import Sen2Importer

        for code, (name, gss, region_code, region_name, _) in local_authorities().items():
            LocalArea.objects.get_or_create(
                la_code=code,
                defaults={"name": name, "gss_code": gss, "region_code": region_code, "region_name": region_name},
            )
        persons = 0
        start, cpu = time.perf_counter(), time.process_time()
        for path in files:
            outcome = file_import(importer=Sen2Importer(), path=path, filename=path.name)
            if not outcome.loaded:
                raise SystemExit(f"{path.name} did not load: {outcome.report.problems[:3]}")
            persons += outcome.report.counts["person"]
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    result = {
        "seconds": seconds,
        "cpu": cpu,
        "persons": persons,
        "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }
    if args.worker == "import" and args.database.startswith("postgres"):
        result["floor"] = database_floor(args.database)  # after the peak memory is read: it is the import's
    print(json.dumps(result))


REGISTER_TABLES = [
    "casework_child",
    "casework_request",
    "casework_assessment",
    "casework_advicerequest",
    "casework_namedplan",
    "casework_plandetail",
    "casework_activeplan",
    "casework_placement",
    "casework_senneed",
    "casework_annualreview",
    "casework_statutorystep",
]  # parents before children


def database_floor(url: str) -> dict:
    """PostgreSQL's own time to take the register rows the import wrote: each table is copied out to a file, then,
    in one transaction that is rolled back, emptied and copied in again, parents first, with foreign keys checked
    as each COPY ends (as the importer does). Reported in seconds, with the rows and bytes."""
    import psycopg

    with tempfile.TemporaryDirectory() as tmp, psycopg.connect(url) as connection:
        files, rows = [], 0
        for table in REGISTER_TABLES:
            path = Path(tmp) / f"{table}.copy"
            with path.open("wb") as out, connection.cursor().copy(f"COPY {table} TO STDOUT") as copy:
                for chunk in copy:
                    out.write(chunk)
                    rows += bytes(chunk).count(b"\n")
            files.append((table, path))
        connection.commit()
        # CASCADE: tables that refer to children (documents, advice) are emptied too, inside this transaction only.
        connection.execute("TRUNCATE " + ", ".join(REGISTER_TABLES) + " CASCADE")
        connection.execute("SET CONSTRAINTS ALL IMMEDIATE")
        start = time.perf_counter()
        for table, path in files:
            with path.open("rb") as source, connection.cursor().copy(f"COPY {table} FROM STDIN") as copy:
                for block in iter(lambda: source.read(1 << 20), b""):
                    copy.write(block)
        seconds = time.perf_counter() - start
        connection.rollback()
        return {"seconds": seconds, "rows": rows, "mb": sum(p.stat().st_size for _, p in files) / 1e6}


def measure(kind: str, files: list[Path], database: str = "") -> dict:
    command = [sys.executable, __file__, "--worker", kind, "--database", database, "--files", *map(str, files)]
    result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)
    if result.returncode != 0:
        raise SystemExit(f"{kind} failed:\n{result.stdout}\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def fresh_database(name: str, folder: Path) -> str:
    if name == "sqlite":
        return f"sqlite:///{folder / 'bench-casework.sqlite3'}"
    import psycopg

    with psycopg.connect(POSTGRES, autocommit=True) as connection:
        connection.execute("DROP SCHEMA IF EXISTS public CASCADE")
        connection.execute("CREATE SCHEMA public")
    return POSTGRES


def generate(size: str, scale: float | None, folder: Path) -> tuple[list[Path], float]:
    _django(f"sqlite:///{folder / 'unused.sqlite3'}")
    from sendboard.returns.sen2.generated import area_files_generate

    start = time.perf_counter()
    files = area_files_generate(size=size, out_dir=folder / "files", as_of=AS_OF, scale=scale, caseworker=None)
    return files, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", default="county", choices=["small", "county", "england"])
    parser.add_argument("--scale", type=float, default=None)
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--memory-check", action="store_true")
    parser.add_argument("--worker", default="")
    parser.add_argument("--database", default="")
    parser.add_argument("--files", nargs="*", default=[])
    args = parser.parse_args()
    if args.worker:
        worker(args)
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files, generation = generate(args.size, args.scale, folder)
        size_mb = sum(p.stat().st_size for p in files) / 1e6
        print(
            f"generated {len(files)} file(s), {size_mb:.1f} MB, size={args.size} scale={args.scale or 'default'} "
            f"in {generation:.1f} s"
        )
        for database in args.databases.split(","):
            url = fresh_database(database, folder)
            before = measure("lxml", files)
            imported = measure("import", files, url)
            after = measure("lxml", files)
            # The machine is shared: the floor is measured either side of the import and the two averaged.
            reference = {
                "seconds": (before["seconds"] + after["seconds"]) / 2,
                "cpu": (before["cpu"] + after["cpu"]) / 2,
                "maxrss_mb": max(before["maxrss_mb"], after["maxrss_mb"]),
            }
            ratio = imported["seconds"] / reference["seconds"]
            # CPU time of the importing process (on PostgreSQL the server's own work is not in it): steadier than
            # the wall clock when other work shares the machine.
            cpu_ratio = imported["cpu"] / reference["cpu"]
            print(
                f"{database:9} persons={imported['persons']:,}  lxml {reference['seconds']:.2f} s (before "
                f"{before['seconds']:.2f}, after {after['seconds']:.2f}) ({reference['maxrss_mb']:.0f} MB peak)  "
                f"import {imported['seconds']:.2f} s ({imported['maxrss_mb']:.0f} MB peak)  ratio {ratio:.1f}x (CPU "
                f"{imported['cpu']:.2f} s vs {reference['cpu']:.2f} s: {cpu_ratio:.1f}x)  "
                f"{imported['persons'] / imported['seconds']:,.0f} persons/s"
            )
            if "floor" in imported:
                floor = imported["floor"]
                print(
                    f"{'':9} database floor: COPY of the same {floor['rows']:,} rows ({floor['mb']:.0f} MB) "
                    f"{floor['seconds']:.2f} s = {floor['seconds'] / reference['seconds']:.1f}x lxml; the import is "
                    f"{imported['seconds'] / floor['seconds']:.1f}x the floor"
                )
        if args.memory_check:
            double = folder / "double"
            _, _ = generate(args.size, (args.scale or 1.0) * 2, double)
            twice = sorted((double / "files").glob("*.xml"))
            url = fresh_database(args.databases.split(",")[0], double)
            big = measure("import", twice, url)
            print(
                f"memory: import of {sum(p.stat().st_size for p in twice) / 1e6:.1f} MB peaked at "
                f"{big['maxrss_mb']:.0f} MB (the {size_mb:.1f} MB file above: see its peak)"
            )


if __name__ == "__main__":
    main()
