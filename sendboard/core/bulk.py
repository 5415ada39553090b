"""Bulk inserts of rows already validated, without building model instances: PostgreSQL's COPY where we run on
PostgreSQL (no SQL text to build or parse), else the driver's own executemany (SQLite, in C). Used by the SEN2
loader (ADR 0028) and the local extract importers (ADR 0053); both measured the ORM's bulk_create spending most
of a load building instances and SQL.

Two helpers for loads of hundreds of thousands of rows (ADR 0054):

- ``BulkWriter`` writes each batch on a second thread while the caller reads and builds the next one, so that
  PostgreSQL's work (COPY, indexes, foreign-key checks) runs on the other core instead of after the caller's.
- ``collection_paused`` pauses Python's cyclic garbage collector for a load that creates no reference cycles:
  every batch's objects are freed by reference counting alone, and the collector's repeated scans of a heap of
  tens of thousands of live records were a fifth of a SEN2 import's time.
"""

from __future__ import annotations

import gc
import queue
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from django.db import connection

Batch = Sequence[tuple[str, Sequence[str], list[tuple]]]  # (table, columns, rows) in the order they must go in


def rows_insert(cursor, table: str, columns: Sequence[str], rows: list[tuple]) -> None:
    """Insert ``rows``, tuples in ``columns`` order, into ``table`` in one statement, on Django's ``cursor``."""
    if not rows:
        return
    with connection.wrap_database_errors:  # the driver's errors as Django's (IntegrityError …), as the ORM raises them
        if connection.vendor == "postgresql":
            _copy(cursor.cursor, table, columns, rows)
            return
        quote = connection.ops.quote_name
        names = ", ".join(quote(c) for c in columns)
        placeholders = (
            ", ".join("?" * len(columns)) if connection.vendor == "sqlite" else ", ".join(["%s"] * len(columns))
        )
        cursor.cursor.executemany(f"INSERT INTO {quote(table)} ({names}) VALUES ({placeholders})", rows)


def _copy(raw_cursor, table: str, columns: Sequence[str], rows: list[tuple]) -> None:
    """COPY ``rows`` into ``table`` on a psycopg cursor."""
    if not rows:
        return
    quote = connection.ops.quote_name
    names = ", ".join(quote(c) for c in columns)
    with raw_cursor.copy(f"COPY {quote(table)} ({names}) FROM STDIN") as copy:
        write = copy.write_row
        for row in rows:
            write(row)


class BulkWriter:
    """Writes batches of rows inside the caller's transaction, on PostgreSQL from a second thread.

    ``write(batch)`` hands a batch over and returns at once (it waits only while the batch before is still being
    written: at most two batches are in memory). ``close()`` waits for the last batch. A failure in the writer
    is raised in the caller, at its next ``write`` or at ``close``, so the caller's transaction rolls back.

    On PostgreSQL the thread uses the caller's own psycopg connection, which serialises its users: a query the
    caller makes meanwhile waits for the COPY in progress, and every row is in the caller's transaction. With
    ``immediate_constraints`` the transaction checks foreign keys as each statement ends (``SET CONSTRAINTS ALL
    IMMEDIATE``), on the writer's time, instead of all together at commit, when nothing else can run: the
    caller must then write parents before children, within a batch and across batches. Elsewhere (SQLite,
    whose connection is not for two threads at once) ``write`` inserts at once, in the caller's thread.
    """

    def __init__(self, *, immediate_constraints: bool = False) -> None:
        self.background = connection.vendor == "postgresql"
        self.error: BaseException | None = None
        self.closed = False
        if not self.background:
            return
        connection.ensure_connection()
        self.raw = connection.connection
        self.wrap_errors = connection.wrap_database_errors  # the caller's connection's, not the thread's own
        if immediate_constraints:
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        self.queue: queue.Queue[Batch | None] = queue.Queue(maxsize=1)
        self.thread = threading.Thread(target=self._run, name="bulk-writer", daemon=True)
        self.thread.start()

    def write(self, batch: Batch) -> None:
        if self.error is not None:
            self.close()
        if not self.background:
            with connection.cursor() as cursor:
                for table, columns, rows in batch:
                    rows_insert(cursor, table, columns, rows)
            return
        self.queue.put(batch)

    def close(self) -> None:
        """Wait for every batch to be written; raise the writer's failure, if any."""
        self._stop()
        if self.error is not None:
            error, self.error = self.error, None
            raise error

    def _run(self) -> None:
        while (batch := self.queue.get()) is not None:
            if self.error is not None:
                continue  # drain: the caller is told at its next write and rolls back
            try:
                with self.wrap_errors, self.raw.cursor() as cursor:
                    for table, columns, rows in batch:
                        _copy(cursor, table, columns, rows)
            except BaseException as error:  # noqa: BLE001 - handed to the caller's thread, which raises it
                self.error = error

    def __enter__(self) -> BulkWriter:
        return self

    def __exit__(self, kind, value, traceback) -> None:
        if kind is None:
            self.close()
            return
        # The caller failed: stop the thread, and let the caller's exception through (its transaction rolls back).
        self._stop()
        self.error = None

    def _stop(self) -> None:
        """Let the thread finish the batches it holds, then end it."""
        if self.background and not self.closed:
            self.closed = True
            self.queue.put(None)
            self.thread.join()


@contextmanager
def collection_paused() -> Iterator[None]:
    """Pause automatic cyclic garbage collection for a load that makes no reference cycles (reference counting
    frees its objects); collection resumes, as it was, when the load ends or fails."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
