"""The facts refresh (ADR 0045): a job, run by the worker (ADR 0105), that reads the register, the extracts and the
published values, computes every indicator with DuckDB and writes a new set of facts for a new ``RefreshRun``.

All or nothing: the facts are written in one transaction, and only after they are in are the facts of older runs
deleted (the previous successful run's are kept, so a page that began reading them can finish). A failure at
any point leaves the facts in force as they were and records on the run what failed.
"""

from __future__ import annotations

import csv
import io
import logging
import tempfile
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import duckdb
from django.db import connection, transaction
from django.utils import timezone
from django_tasks import task

from sendboard.core.jobs import JobFailed, Progress, job_enqueue, job_retry, job_run
from sendboard.outcomes.catalogue import catalogue_indicators, catalogue_load
from sendboard.outcomes.engine import ENGINE_VERSION
from sendboard.outcomes.engine.compute import FactRow, facts_compute
from sendboard.outcomes.engine.inputs import COVERAGE, EXTRACTS, REGISTER, app_inputs, inputs_load, published_input
from sendboard.outcomes.models import Fact, Indicator, RefreshRun

logger = logging.getLogger(__name__)
ENGINE = f"duckdb {duckdb.__version__}, sendboard outcomes engine {ENGINE_VERSION}"
BATCH = 10_000
CATEGORY_LENGTH = Fact._meta.get_field("category").max_length  # a provider's name may be longer: cut, never refused
FOUR_PLACES = Decimal("0.0001")


@lru_cache(maxsize=1 << 16)
def _decimal_of(number: float) -> Decimal:
    return Decimal(repr(number)).quantize(FOUR_PLACES)


def _decimal(number: float | None) -> Decimal | None:
    """Four places, rounded from the shortest decimal form of the float. Cached: counts and many rates repeat, and
    the conversion was a tenth of the writing time at scale 0.1."""
    return None if number is None else _decimal_of(float(number))


def _progress(run_id: int, percent: int, **fields) -> None:
    RefreshRun.objects.filter(pk=run_id).update(progress=percent, **fields)


def inputs_describe(counts: dict[str, int]) -> dict:
    from sendboard.returns.models import ImportedFile

    files = [
        {"kind": kind, "id": pk, "sha256": sha, "name": name}
        for pk, kind, sha, name in ImportedFile.objects.order_by("kind", "id").values_list(
            "pk", "kind", "sha256", "filename"
        )
    ]
    return {"files": files, "rows": counts}


def facts_build(
    folder: Path, indicators: list[dict], run_id: int | None = None
) -> tuple[list[FactRow], dict[str, int]]:
    """Read the inputs into DuckDB and compute every fact (no database writes)."""
    measures = sorted({item["comparator"]["measure"] for item in indicators if item.get("comparator")})
    con = duckdb.connect(config={"autoinstall_known_extensions": False, "autoload_known_extensions": False})
    try:
        counts = inputs_load(con, folder, [*REGISTER, COVERAGE, *EXTRACTS, *app_inputs(), published_input(measures)])
        if run_id is not None:
            _progress(run_id, 40)
        return facts_compute(con, indicators), counts
    finally:
        con.close()


NULLABLE_COLUMNS = ("numerator", "denominator", "value")
FACT_COLUMNS = (
    "run_id",
    "indicator_id",
    "area_code",
    "area_level",
    "period",
    "period_end",
    "dimension",
    "category",
    "numerator",
    "denominator",
    "value",
    "suppressed",
    "source",
)


def facts_insert(cursor, rows: list[tuple]) -> None:
    """Insert one batch of fact rows: COPY on PostgreSQL, a prepared INSERT run for every row elsewhere (both several
    times faster than building model instances for bulk_create). The COPY data is written as CSV by the csv
    module (text quoted, numbers not; a quoted empty number is NULL), about twice as fast as psycopg's
    ``write_row`` for each row."""
    table = Fact._meta.db_table
    if connection.vendor == "postgresql":
        buffer = io.StringIO()
        csv.writer(buffer, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\n").writerows(rows)
        with cursor.copy(
            f"COPY {table} ({', '.join(FACT_COLUMNS)}) FROM STDIN "
            f"WITH (FORMAT csv, FORCE_NULL ({', '.join(NULLABLE_COLUMNS)}))"
        ) as copy:
            copy.write(buffer.getvalue())
        return
    marks = ", ".join(["%s"] * len(FACT_COLUMNS))
    cursor.executemany(f"INSERT INTO {table} ({', '.join(FACT_COLUMNS)}) VALUES ({marks})", rows)


def facts_write(run: RefreshRun, facts: list[FactRow]) -> dict[str, int]:
    ids = dict(Indicator.objects.values_list("code", "pk"))
    counts: dict[str, int] = {}
    with connection.cursor() as cursor:
        for start in range(0, len(facts), BATCH):
            rows = [
                (
                    run.pk,
                    ids[f.indicator],
                    f.area_code,
                    f.area_level,
                    f.period,
                    f.period_end,
                    f.dimension,
                    f.category[:CATEGORY_LENGTH],
                    _decimal(f.numerator),
                    _decimal(f.denominator),
                    _decimal(f.value),
                    f.suppressed,
                    f.source,
                )
                for f in facts[start : start + BATCH]
            ]
            facts_insert(cursor, rows)
    for fact in facts:
        counts[fact.indicator] = counts.get(fact.indicator, 0) + 1
    return counts


def facts_retire(run: RefreshRun) -> int:
    """Delete the facts of successful runs older than the one before ``run``."""
    kept = list(
        RefreshRun.objects.filter(state=RefreshRun.State.SUCCEEDED)
        .exclude(pk=run.pk)
        .order_by("-finished_at", "-pk")
        .values_list("pk", flat=True)[:1]
    )
    deleted, _ = Fact.objects.exclude(run_id__in=[run.pk, *kept]).delete()
    return deleted


def _exceptions_raise(run: RefreshRun) -> None:
    try:
        from sendboard.outcomes.exceptions import exceptions_raise
    except ImportError:
        return
    exceptions_raise(run=run)


def _refresh(run: RefreshRun, progress: Progress) -> None:
    stage = "reading the inputs"
    try:
        progress(5, engine=ENGINE)
        catalogue_load()
        indicators = catalogue_indicators()
        with tempfile.TemporaryDirectory(prefix="sendboard-outcomes-") as folder:
            stage = "computing the indicators"
            facts, rows = facts_build(Path(folder), indicators, run.pk)
        progress(70, inputs=inputs_describe(rows))
        stage = "writing the facts"
        with transaction.atomic():
            counts = facts_write(run, facts)
            RefreshRun.objects.filter(pk=run.pk).update(
                state=RefreshRun.State.SUCCEEDED, finished_at=timezone.now(), progress=100, counts=counts, error=""
            )
            run.refresh_from_db()
            facts_retire(run)
    except Exception as error:  # noqa: BLE001 - the run records what failed; the previous facts stay in force
        logger.exception("Outcomes refresh %s failed while %s", run.pk, stage)
        raise JobFailed(f"Failed while {stage}: {type(error).__name__}: {error}") from error
    try:
        _exceptions_raise(run)
    except Exception as error:  # noqa: BLE001 - the facts stand; say that the exception reports were not raised
        logger.exception("Exception reports for refresh %s failed", run.pk)
        RefreshRun.objects.filter(pk=run.pk).update(
            error=f"Facts written, but exception reports were not raised: {error}"[:2000]
        )


def refresh_execute(*, run_id: int) -> None:
    """Run one queued refresh to the end (the worker's task, the command, a test). A failure is recorded on the run,
    never lost, and changes no facts."""
    job_run(RefreshRun, run_id, _refresh)


@task()
def refresh_task(run_id: int) -> None:
    refresh_execute(run_id=run_id)


def refresh_run(*, user=None) -> RefreshRun:
    """Refresh now, in this process (the management command, the demo, tests)."""
    run = RefreshRun.objects.create(requested_by=user)
    refresh_execute(run_id=run.pk)
    run.refresh_from_db()
    return run


def refresh_request(*, user) -> RefreshRun:
    """Queue a refresh for the worker, which starts it once this transaction commits (ADR 0105)."""
    run = RefreshRun.objects.create(requested_by=user, message="Waiting to start")
    job_enqueue(run)
    return run


def refresh_retry(*, run: RefreshRun) -> bool:
    return job_retry(run)
