"""Versioned reference data shipped as files: SEN2 code lists, local lists and the statutory timescales.

A new version is a new file and a new data migration that loads it; old versions stay, with their source.
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent


def read(name: str) -> dict:
    return json.loads((HERE / name).read_text(encoding="utf-8"))


def load_code_lists(file_name: str, CodeList, Code) -> None:
    data = read(file_name)
    for list_name, spec in data["lists"].items():
        code_list, _ = CodeList.objects.update_or_create(
            name=list_name, version=data["version"], defaults={"item": spec["item"], "source": data["source"]}
        )
        for order, (code, label) in enumerate(spec["codes"], start=1):
            Code.objects.update_or_create(code_list=code_list, code=code, defaults={"label": label, "order": order})


def load_timescales(file_name: str, TimescaleRule) -> None:
    data = read(file_name)
    for rule in data["rules"]:
        fields = {k: v for k, v in rule.items() if k != "step"}
        TimescaleRule.objects.update_or_create(step=rule["step"], defaults={**fields, "version": data["version"]})


FILES = {
    "code_lists": ["sen2_2025.json", "local_2025.json", "sen2_2025_v2.json", "sen2_2026.json"],
    "timescales": ["timescales_2025.json", "timescales_2026.json"],
}


def reference_data_ensure(CodeList=None, Code=None, TimescaleRule=None) -> None:
    """Load the shipped reference data if its tables are empty. Migrations load it; after a flush (as
    transactional tests do) the app's post_migrate receiver calls this to restore it."""
    if CodeList is None:
        from sendboard.casework.models import Code, CodeList, TimescaleRule

    if not CodeList.objects.exists():
        for name in FILES["code_lists"]:
            load_code_lists(name, CodeList, Code)
    if not TimescaleRule.objects.exists():
        for name in FILES["timescales"]:
            load_timescales(name, TimescaleRule)
