"""Optimistic concurrency for edit forms (ADR 0070).

When a form opens, it carries a version: a short digest of each value it edits, as the record held them.
The service that saves the form recomputes the digests from the record as it is now (inside its transaction,
after locking the row) and refuses the save if any differ, naming what changed and what it now holds. The
second editor sees that, keeps what they typed and saves again with the new version if they still mean it.

A version names its own fields, so one check serves every form; callers without a form (imports, the API,
the demo loader) pass no version and are not checked.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError

CONFLICT_MESSAGE = "Someone else changed this since you opened the page. Your changes have not been saved yet"


def _digest(value: Any) -> str:
    canonical = json.dumps(value, default=str, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()[:12]


def version_token(values: Mapping[str, Any]) -> str:
    """The version of these values: ``name:digest`` pairs, so that a changed field can be named."""
    return " ".join(f"{name}:{_digest(value)}" for name, value in sorted(values.items()))


def _parse(token: str) -> dict[str, str]:
    pairs = {}
    for part in token.split():
        name, _, digest = part.partition(":")
        if name and digest:
            pairs[name] = digest
    return pairs


class EditConflict(ValidationError):
    """The record changed after the form was opened. ``changed`` holds the current value of each field that
    changed; ``version`` is the record's version now, for the form to carry if the editor saves again."""

    def __init__(self, *, changed: dict[str, Any], version: str) -> None:
        super().__init__(CONFLICT_MESSAGE, code="edit_conflict")
        self.changed = changed
        self.version = version


def version_check(*, version: str | None, values: Mapping[str, Any]) -> None:
    """Refuse the save when any value the form was opened with has changed since. ``values`` are the record's
    current values, by the same names the version was made with."""
    if version is None:
        return
    opened = _parse(version)
    changed = {name: values.get(name) for name in values if opened.get(name) != _digest(values[name])}
    if not opened or changed:
        raise EditConflict(changed=changed, version=version_token(values))


def row_lock_refresh(obj) -> None:
    """Lock the record's row until the transaction ends (PostgreSQL; SQLite already writes one at a time) and
    read it afresh, so that the version is checked against what is really there now."""
    type(obj)._default_manager.select_for_update().filter(pk=obj.pk).values_list("pk", flat=True).first()
    obj.refresh_from_db()
