"""The indicator catalogue as data (ADR 0044): ``catalogue/indicators_2025.json`` is the shipped definition of
every indicator; loading it creates or updates the ``Indicator`` rows and never touches what the area adds
locally (owners, targets, links to plan success measures). The ``compute`` block of each entry tells the engine
how to compute it; ``comparator`` names the published measure (sendboard/statistics/measures.py) it is set beside.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

CATALOGUE_PATH = Path(__file__).resolve().parent / "catalogue" / "indicators_2025.json"
DEFINITION_FIELDS = (
    "title",
    "theme",
    "definition",
    "formula",
    "unit",
    "polarity",
    "source",
    "comparator_source",
    "period_type",
    "breakdowns",
    "order",
)


@cache
def catalogue_read(path: Path = CATALOGUE_PATH) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def app_extensions() -> list:
    """Other apps' indicators (ADR 0124): an app's config names a module (``outcomes_extension``) holding
    ``INDICATORS`` (catalogue entries), ``INPUTS`` (tables the engine reads: name, sql, columns, table) and
    ``unit_sql(compute)`` (its unit queries, or None for a unit not its own)."""
    from importlib import import_module

    from django.apps import apps

    return [
        import_module(config.outcomes_extension)
        for config in apps.get_app_configs()
        if getattr(config, "outcomes_extension", None)
    ]


def catalogue_indicators() -> list[dict]:
    return catalogue_read()["indicators"] + [item for extension in app_extensions() for item in extension.INDICATORS]


def catalogue_load(indicator_model=None) -> int:
    """Create or update every catalogue indicator's definition; returns how many were created."""
    if indicator_model is None:
        from sendboard.outcomes.models import Indicator as indicator_model
    existing = {i.code: i for i in indicator_model.objects.all()}
    created = 0
    for item in catalogue_indicators():
        fields = {name: item[name] for name in DEFINITION_FIELDS}
        current = existing.get(item["code"])
        if current is None:
            indicator_model.objects.create(code=item["code"], **fields)
            created += 1
        elif any(getattr(current, name) != value for name, value in fields.items()):
            indicator_model.objects.filter(pk=current.pk).update(**fields)
    return created
