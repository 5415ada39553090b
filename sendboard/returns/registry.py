"""Every importer, by kind, and each kind's label for lists of loaded files (ADR 0023).

Importers add themselves with ``importer_register`` from their app's ``AppConfig.ready``; the upload pages offer
every registered kind. The registry names nothing else of the returns app, so that the models (which label a
file by its kind) and the framework (which runs importers and records files) both read it without importing
each other.
"""

from __future__ import annotations

from typing import Any

IMPORT_KINDS: dict[str, str] = {}
IMPORTERS: dict[str, Any] = {}  # each a ``sendboard.returns.framework.Importer``


def importer_register(importer: Any, *, label: str) -> None:
    """Make an importer known by its kind. Registering a second, different importer under a kind is a mistake."""
    existing = IMPORTERS.get(importer.kind)
    if existing is not None and type(existing) is not type(importer):
        raise ValueError(f"import kind {importer.kind!r} is already registered to {type(existing).__name__}")
    IMPORTERS[importer.kind] = importer
    IMPORT_KINDS[importer.kind] = label
