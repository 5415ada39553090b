"""The one history (ADR 0115): a service names the record and the values that matter; the history keeps who,
when, what, the values that changed before and after, and the reason."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.utils import timezone

from sendboard.accounts.roles import Role
from sendboard.audit.history import change_created, change_tracked, values_of
from sendboard.audit.selectors import changes_of, changes_to
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _rename(user, record, first_name, *, always=False, reason=""):
    with change_tracked(
        user=user,
        subject=record,
        what="Name",
        values=lambda: values_of(record, ["first_name", "last_name"]),
        always=always,
        reason=reason,
    ):
        record.first_name = first_name
        record.save(update_fields=["first_name"])


@time_machine.travel("2026-06-01 10:00Z", tick=False)
def test_only_the_values_that_changed_are_kept_with_who_and_when():
    actor, record = UserFactory(role=Role.ADMINISTRATOR), UserFactory(first_name="Ann", last_name="Lee")
    _rename(actor, record, "Anne", reason="Spelling")
    change = changes_to(record).get()
    assert (change.what, change.before, change.after, change.reason, change.changed_by, change.changed_at) == (
        "Name",
        {"first_name": "Ann"},
        {"first_name": "Anne"},
        "Spelling",
        actor,
        timezone.now(),
    )


def test_nothing_is_kept_when_nothing_changed_unless_the_decision_is_history_itself():
    actor, record = UserFactory(role=Role.ADMINISTRATOR), UserFactory(first_name="Ann")
    _rename(actor, record, "Ann")
    assert not changes_to(record).exists()
    _rename(actor, record, "Ann", always=True, reason="Checked")
    assert list(changes_to(record).values_list("before", "after", "reason")) == [({}, {}, "Checked")]


def test_nothing_is_kept_when_the_change_fails():
    actor, record = UserFactory(role=Role.ADMINISTRATOR), UserFactory(first_name="Ann")
    with (
        pytest.raises(ValueError),
        change_tracked(user=actor, subject=record, what="Name", values=lambda: values_of(record, ["first_name"])),
    ):
        record.first_name = "Anne"
        raise ValueError("refused")
    assert not changes_to(record).exists()


def test_values_are_kept_as_the_database_keeps_them_and_a_change_is_read_under_its_wider_record():
    actor, record, wider = UserFactory(role=Role.ADMINISTRATOR), UserFactory(), UserFactory()
    record.date_joined = timezone.make_aware(timezone.datetime(2026, 1, 2, 3, 4))
    change_created(
        user=actor,
        subject=record,
        within=wider,
        what="Added",
        added=record,
        fields=("organisation",),
        extra={"on": date(2026, 1, 2), "value": Decimal("1.50")},
    )
    change = changes_to(record).get()
    assert change.after == {"organisation": record.organisation_id, "on": "2026-01-02", "value": "1.50"}
    assert changes_of(wider) == [change]
    assert changes_of(record) == [change]


def test_a_signed_out_caller_is_kept_as_the_system():
    from django.contrib.auth.models import AnonymousUser

    record = UserFactory(first_name="Ann")
    _rename(AnonymousUser(), record, "Anne")
    assert changes_to(record).get().changed_by is None
