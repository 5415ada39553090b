"""The one history of changes, for every app (ADR 0115): who changed what, when, from what to what, and why.

A service says which record changes and which of its values matter; this module takes the values before and
after and keeps those that differ, so no service writes a diff by hand::

    with change_tracked(user=user, subject=action, within=plan, what="Action changed",
                        values=lambda: values_of(action, ["title", "due_date"])):
        action.due_date = new_due
        action.save(update_fields=["due_date"])

A record added to another (an update on an action) is ``change_created`` with the added record's values.
Values are kept as the database keeps them (choice codes, ISO dates, decimals as text, related records by
primary key); the app that shows a history puts them into its users' words.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from decimal import Decimal
from uuid import UUID

from django.contrib.contenttypes.models import ContentType
from django.db import models

from sendboard.audit.models import Change


def stored(value):
    """A value as the history keeps it (JSON)."""
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, models.Model):
        return stored(value.pk)
    if isinstance(value, (list, tuple)):
        return [stored(item) for item in value]
    return value


def values_of(record: models.Model, names: Iterable[str]) -> dict:
    """The named values of a record, as the history keeps them."""
    return {name: stored(getattr(record, name)) for name in names}


def key_of(record: models.Model) -> tuple[ContentType, str]:
    """How the history names a record: its kind and its primary key."""
    return ContentType.objects.get_for_model(record, for_concrete_model=False), str(record.pk)


def change_record(
    *,
    user,
    subject: models.Model,
    what: str,
    before: dict | None = None,
    after: dict | None = None,
    reason: str = "",
    within: models.Model | None = None,
) -> Change:
    """Keep one change to ``subject`` (read also under ``within``). ``user`` is the acting user (none for the
    system)."""
    if user is not None and not getattr(user, "is_authenticated", False):
        user = None
    subject_type, subject_id = key_of(subject)
    within_type, within_id = key_of(within) if within is not None else (None, "")
    return Change.objects.create(
        changed_by=user,
        what=what[:200],
        before=before or {},
        after=after or {},
        reason=reason,
        subject_type=subject_type,
        subject_id=subject_id,
        within_type=within_type,
        within_id=within_id,
    )


def change_created(
    *,
    user,
    subject: models.Model,
    what: str,
    added: models.Model | None = None,
    fields: Iterable[str] = (),
    extra: dict | None = None,
    reason: str = "",
    within: models.Model | None = None,
) -> Change:
    """Keep that something was added to ``subject`` (or ``subject`` itself was): the named ``fields`` of the
    ``added`` record as they are now, and any ``extra`` values that say what it was added to."""
    after = {
        **(values_of(added, fields) if added is not None else {}),
        **{k: stored(v) for k, v in (extra or {}).items()},
    }
    return change_record(user=user, subject=subject, what=what, after=after, reason=reason, within=within)


@contextmanager
def change_tracked(
    *,
    user,
    subject: models.Model,
    what: str,
    values: Callable[[], dict],
    reason: str = "",
    within: models.Model | None = None,
    always: bool = False,
) -> Iterator[None]:
    """Keep the change made inside the block: ``values()`` is read before and after, and the values that
    differ are kept as before and after. Nothing is kept when nothing changed, unless ``always`` (a decision
    with a reason is history even when it leaves the values as they were)."""
    before = {k: stored(v) for k, v in values().items()}
    yield
    after = {k: stored(v) for k, v in values().items()}
    changed = [k for k in after if k not in before or before[k] != after[k]]
    if changed or always:
        change_record(
            user=user,
            subject=subject,
            what=what,
            reason=reason,
            within=within,
            before={k: before[k] for k in changed if k in before},
            after={k: after[k] for k in changed},
        )
