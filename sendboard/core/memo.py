"""What is the same for every user, computed once per process and kept under a key read from the database (ADR 0167).

The key must name everything the value is computed from (a refresh run's id and finish time, a fingerprint of the
rows read), so that a change made by any process gives a new key and every process computes afresh: nothing is
invalidated by a signal that only the writing process would hear. Values are kept as they are (no pickling, unlike
Django's local-memory cache, whose unpickling of large values cost more than the queries it saved), so callers
must never change what they get. A few entries are kept per name, the oldest dropped first.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable
from typing import TypeVar

T = TypeVar("T")
KEPT_PER_NAME = 4

_lock = threading.Lock()
_kept: dict[str, OrderedDict[Hashable, object]] = {}


def memo(name: str, key: Hashable, build: Callable[[], T]) -> T:
    """``build()``, or what it returned before in this process under the same ``name`` and ``key``."""
    with _lock:
        entries = _kept.setdefault(name, OrderedDict())
        if key in entries:
            entries.move_to_end(key)
            return entries[key]  # type: ignore[return-value]
    value = build()
    with _lock:
        entries[key] = value
        while len(entries) > KEPT_PER_NAME:
            entries.popitem(last=False)
    return value


def memo_clear() -> None:
    """Forget everything (tests)."""
    with _lock:
        _kept.clear()


def rows_fingerprint(rows: Iterable) -> str:
    """A short digest of model instances' stored values (every concrete field), in order: equal only if every
    value is equal."""
    digest = hashlib.blake2b(digest_size=16)
    for row in rows:
        values = [getattr(row, f.attname) for f in row._meta.concrete_fields] if hasattr(row, "_meta") else row
        digest.update(repr(values).encode())
        digest.update(b"\x1e")
    return digest.hexdigest()
