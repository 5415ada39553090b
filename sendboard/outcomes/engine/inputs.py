"""Reading the inputs out of the Django database into DuckDB.

No DuckDB extension may be downloaded, so DuckDB cannot scan SQLite or PostgreSQL itself. Each input is written
to a temporary CSV file (PostgreSQL: ``COPY ... TO STDOUT``; SQLite: the cursor, in batches) and read with
DuckDB's own CSV reader with the column types given here; measured against ``executemany`` into DuckDB, this
was about 300 times faster (docs/outcomes.md). Booleans are read as 0/1 and blank text as NULL.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from django.db import connection

BATCH = 20_000


@dataclass(frozen=True)
class Input:
    name: str
    sql: str
    columns: dict[str, str]  # column -> DuckDB type, in the order the SQL selects them
    table: str  # the Django table it reads, for the record of what was read


def _area(alias: str) -> str:
    return f"JOIN core_localarea la ON la.id = {alias}.local_area_id"


def _flag(column: str) -> str:
    return f"CASE WHEN {column} THEN 1 ELSE 0 END"


REGISTER = [
    Input(
        "child",
        "SELECT c.id, la.gss_code, c.birth_date, c.sex, c.ethnicity, c.upn FROM casework_child c " + _area("c"),
        {
            "id": "BIGINT",
            "area_code": "VARCHAR",
            "birth_date": "DATE",
            "sex": "VARCHAR",
            "ethnicity": "VARCHAR",
            "upn": "VARCHAR",
        },
        "casework_child",
    ),
    Input(
        "request",
        f"SELECT id, child_id, received_date, outcome, outcome_date, {_flag('tribunal')} FROM casework_request",
        {
            "id": "BIGINT",
            "child_id": "BIGINT",
            "received_date": "DATE",
            "outcome": "VARCHAR",
            "outcome_date": "DATE",
            "tribunal": "INTEGER",
        },
        "casework_request",
    ),
    Input(
        "assessment",
        f"SELECT id, request_id, outcome, outcome_date, {_flag('tribunal')}, {_flag('week20_exception')}, "
        f"{_flag('other_tribunal')} FROM casework_assessment",
        {
            "id": "BIGINT",
            "request_id": "BIGINT",
            "outcome": "VARCHAR",
            "outcome_date": "DATE",
            "tribunal": "INTEGER",
            "week20_exception": "INTEGER",
            "other_tribunal": "INTEGER",
        },
        "casework_assessment",
    ),
    Input(
        "named_plan",
        "SELECT id, assessment_id, start_date, cease_date, cease_reason FROM casework_namedplan",
        {
            "id": "BIGINT",
            "assessment_id": "BIGINT",
            "start_date": "DATE",
            "cease_date": "DATE",
            "cease_reason": "VARCHAR",
        },
        "casework_namedplan",
    ),
    Input(
        "active_plan",
        "SELECT id, request_id, review_meeting FROM casework_activeplan",
        {"id": "BIGINT", "request_id": "BIGINT", "review_meeting": "DATE"},
        "casework_activeplan",
    ),
    Input(
        "placement",
        "SELECT active_plan_id, urn, ukprn, sen_setting, placement_rank FROM casework_placement",
        {
            "active_plan_id": "BIGINT",
            "urn": "VARCHAR",
            "ukprn": "VARCHAR",
            "sen_setting": "VARCHAR",
            "placement_rank": "INTEGER",
        },
        "casework_placement",
    ),
    Input(
        "sen_need",
        "SELECT active_plan_id, sen_type FROM casework_senneed WHERE rank = 1",
        {"active_plan_id": "BIGINT", "sen_type": "VARCHAR"},
        "casework_senneed",
    ),
]
# How far back each council's register is complete (ADR 0045): register figures for earlier periods are not facts.
COVERAGE = Input(
    "coverage",
    "SELECT gss_code, register_complete_from FROM core_localarea",
    {"area_code": "VARCHAR", "complete_from": "DATE"},
    "core_localarea",
)
EXTRACTS = [
    Input(
        "census",
        "SELECT la.gss_code, p.census_date, p.upn, p.school_urn, p.phase, p.sex, p.ethnicity, "
        f"{_flag('p.fsm_eligible')}, p.sen_provision, p.primary_need, {_flag('p.looked_after')}, "
        f"{_flag('p.child_in_need')} FROM extracts_censuspupil p " + _area("p"),
        {
            "area_code": "VARCHAR",
            "census_date": "DATE",
            "upn": "VARCHAR",
            "school_urn": "VARCHAR",
            "phase": "VARCHAR",
            "sex": "VARCHAR",
            "ethnicity": "VARCHAR",
            "fsm": "INTEGER",
            "sen_provision": "VARCHAR",
            "primary_need": "VARCHAR",
            "looked_after": "INTEGER",
            "child_in_need": "INTEGER",
        },
        "extracts_censuspupil",
    ),
    Input(
        "suspension",
        "SELECT la.gss_code, s.upn, s.academic_year, s.category FROM extracts_suspension s " + _area("s"),
        {"area_code": "VARCHAR", "upn": "VARCHAR", "academic_year": "VARCHAR", "category": "VARCHAR"},
        "extracts_suspension",
    ),
    Input(
        "attendance",
        (
            "SELECT la.gss_code, t.upn, t.academic_year, t.possible_sessions, t.absence_sessions FROM "
            "extracts_attendance t "
        )
        + _area("t"),
        {
            "area_code": "VARCHAR",
            "upn": "VARCHAR",
            "academic_year": "VARCHAR",
            "possible_sessions": "INTEGER",
            "absence_sessions": "INTEGER",
        },
        "extracts_attendance",
    ),
    Input(
        "attainment",
        "SELECT la.gss_code, r.upn, r.academic_year, r.measure, r.value FROM extracts_attainmentresult r " + _area("r"),
        {"area_code": "VARCHAR", "upn": "VARCHAR", "academic_year": "VARCHAR", "measure": "VARCHAR", "value": "DOUBLE"},
        "extracts_attainmentresult",
    ),
    Input(
        "neet",
        "SELECT la.gss_code, n.person_ref, n.month, n.activity, n.sen_provision FROM extracts_neetrecord n "
        + _area("n"),
        {
            "area_code": "VARCHAR",
            "person_ref": "VARCHAR",
            "month": "DATE",
            "activity": "VARCHAR",
            "sen_provision": "VARCHAR",
        },
        "extracts_neetrecord",
    ),
    Input(
        "youth_justice",
        "SELECT la.gss_code, y.person_ref, y.period_end, y.sen_provision FROM extracts_youthjusticerecord y "
        + _area("y"),
        {"area_code": "VARCHAR", "person_ref": "VARCHAR", "period_end": "DATE", "sen_provision": "VARCHAR"},
        "extracts_youthjusticerecord",
    ),
    Input(
        "health_wait",
        (
            "SELECT la.gss_code, h.service, h.month, h.provider, h.waiting, h.waiting_over_18_weeks FROM "
            "extracts_healthwait h "
        )
        + _area("h"),
        {
            "area_code": "VARCHAR",
            "service": "VARCHAR",
            "month": "DATE",
            "provider": "VARCHAR",
            "waiting": "INTEGER",
            "waiting_over_18_weeks": "INTEGER",
        },
        "extracts_healthwait",
    ),
    Input(
        "plan_audit",
        "SELECT la.gss_code, a.audit_date, a.overall_grade FROM extracts_planaudit a " + _area("a"),
        {"area_code": "VARCHAR", "audit_date": "DATE", "overall_grade": "INTEGER"},
        "extracts_planaudit",
    ),
]


def app_inputs() -> list[Input]:
    """The inputs other apps' indicators read (``catalogue.app_extensions``)."""
    from sendboard.outcomes.catalogue import app_extensions

    return [Input(**item) for extension in app_extensions() for item in extension.INPUTS]


def published_input(measures: list[str]) -> Input:
    listed = ", ".join(f"'{m}'" for m in sorted(measures) if m.replace("_", "").isalnum())
    return Input(
        "published",
        "SELECT measure, area_code, area_level, period, period_end, breakdown, value, status "
        f"FROM statistics_publishedvalue WHERE measure IN ({listed or 'NULL'})",
        {
            "measure": "VARCHAR",
            "area_code": "VARCHAR",
            "area_level": "VARCHAR",
            "period": "VARCHAR",
            "period_end": "DATE",
            "breakdown": "VARCHAR",
            "value": "DOUBLE",
            "status": "VARCHAR",
        },
        "statistics_publishedvalue",
    )


def input_export(item: Input, path: Path) -> None:
    """Write one input's rows to ``path`` as CSV."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with path.open("wb") as out, cursor.copy(f"COPY ({item.sql}) TO STDOUT WITH (FORMAT csv)") as copy:
                for block in copy:
                    out.write(block)
            return
        with path.open("w", newline="", encoding="utf-8") as out:
            writer = csv.writer(out)
            cursor.execute(item.sql)
            while batch := cursor.fetchmany(BATCH):
                writer.writerows(batch)


def input_register(con, item: Input, path: Path) -> None:
    columns = ", ".join(f"'{name}': '{kind}'" for name, kind in item.columns.items())
    con.execute(
        f"CREATE OR REPLACE TABLE {item.name} AS SELECT * FROM read_csv('{path.as_posix()}', header = false, "
        f"columns = {{{columns}}}, nullstr = '', auto_detect = false, quote = '\"', escape = '\"')"
    )


def inputs_load(con, folder: Path, items: list[Input]) -> dict[str, int]:
    """Read every input into a DuckDB table of the same name; returns the rows read per Django table."""
    counts = {}
    for item in items:
        path = folder / f"{item.name}.csv"
        input_export(item, path)
        input_register(con, item, path)
        counts[item.table] = con.execute(f"SELECT count(*) FROM {item.name}").fetchone()[0]
    return counts
