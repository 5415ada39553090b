"""Given rows to load in bulk, when a BulkWriter writes them (on PostgreSQL from a second thread), then they go
in within the caller's transaction, in order, and a failure comes back to the caller, which keeps nothing."""

from __future__ import annotations

import gc
from datetime import UTC, date, datetime

import pytest
from django.db import IntegrityError, connection, transaction

from sendboard.accounts.models import User
from sendboard.core.bulk import BulkWriter, collection_paused
from sendboard.core.models import NonWorkingDay

pytestmark = pytest.mark.django_db
TABLE = NonWorkingDay._meta.db_table
COLUMNS = ("id", "date", "reason", "created_at", "created_by_id")
NOW = datetime(2026, 12, 1, 9, tzinfo=UTC)


def rows(user_id: int, first: int, count: int) -> list[tuple]:
    return [(n, date(2027, 1, 1 + n), f"Closure {n}", NOW, user_id) for n in range(first, first + count)]


class Rollback(Exception):
    pass


def test_batches_go_in_in_order_within_the_callers_transaction_and_leave_with_it():
    user = User.objects.create(username="loader")
    with pytest.raises(Rollback), transaction.atomic():
        with BulkWriter() as writer:
            writer.write([(TABLE, COLUMNS, rows(user.id, 1, 3))])
            writer.write([(TABLE, COLUMNS, rows(user.id, 4, 2))])
        assert list(NonWorkingDay.objects.values_list("id", flat=True)) == [1, 2, 3, 4, 5]
        raise Rollback
    assert NonWorkingDay.objects.count() == 0


def test_a_failure_in_a_batch_is_raised_in_the_caller_and_nothing_is_kept():
    user = User.objects.create(username="loader")
    with pytest.raises(IntegrityError), transaction.atomic(), BulkWriter() as writer:
        writer.write([(TABLE, COLUMNS, rows(user.id, 1, 3))])
        writer.write([(TABLE, COLUMNS, rows(user.id, 3, 2))])  # id 3 again
        writer.write([(TABLE, COLUMNS, rows(user.id, 10, 2))])
    assert NonWorkingDay.objects.count() == 0


def test_a_failure_in_the_caller_stops_the_writer_and_lets_the_callers_error_through():
    user = User.objects.create(username="loader")
    with pytest.raises(Rollback), transaction.atomic(), BulkWriter() as writer:
        writer.write([(TABLE, COLUMNS, rows(user.id, 1, 3))])
        raise Rollback
    assert NonWorkingDay.objects.count() == 0
    assert NonWorkingDay.objects.create(date=date(2027, 3, 1), reason="After", created_by=user).pk


@pytest.mark.skipif(connection.vendor != "postgresql", reason="deferred and immediate constraints: PostgreSQL")
def test_immediate_constraints_check_foreign_keys_as_each_batch_goes_in_not_at_commit():
    missing_user = 987654
    with transaction.atomic():
        with BulkWriter() as writer:
            writer.write([(TABLE, COLUMNS, rows(missing_user, 1, 1))])  # deferred: only a commit would refuse it
        transaction.set_rollback(True)
    with (
        pytest.raises(IntegrityError, match="created_by_id"),
        transaction.atomic(),
        BulkWriter(immediate_constraints=True) as writer,
    ):
        writer.write([(TABLE, COLUMNS, rows(missing_user, 1, 1))])


def test_the_collector_is_paused_for_the_load_and_restored_after_it_even_when_it_fails():
    assert gc.isenabled()
    with pytest.raises(Rollback), collection_paused():
        assert not gc.isenabled()
        raise Rollback
    assert gc.isenabled()
    gc.disable()
    try:
        with collection_paused():
            pass
        assert not gc.isenabled()  # left as the caller had it
    finally:
        gc.enable()
