"""Bulk inserts of rows already validated, without building model instances: PostgreSQL's COPY where we run on
PostgreSQL (no SQL text to build or parse), else the driver's own executemany (SQLite, in C). Used by the SEN2
loader (ADR 0028) and the local extract importers (ADR 0053); both measured the ORM's bulk_create spending most
of a load building instances and SQL."""

from __future__ import annotations

from django.db import connection


def rows_insert(cursor, table: str, columns: tuple[str, ...] | list[str], rows: list[tuple]) -> None:
    """Insert ``rows``, tuples in ``columns`` order, into ``table`` in one statement, on Django's ``cursor``."""
    if not rows:
        return
    quote = connection.ops.quote_name
    names = ", ".join(quote(c) for c in columns)
    if connection.vendor == "postgresql":
        with cursor.cursor.copy(f"COPY {quote(table)} ({names}) FROM STDIN") as copy:
            write = copy.write_row
            for row in rows:
                write(row)
        return
    placeholders = ", ".join("?" * len(columns)) if connection.vendor == "sqlite" else ", ".join(["%s"] * len(columns))
    cursor.cursor.executemany(f"INSERT INTO {quote(table)} ({names}) VALUES ({placeholders})", rows)
