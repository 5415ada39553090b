"""What the production-settings tests share: the repository's root, and the environment a production process has."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def production_env(**extra: str) -> dict[str, str]:
    """The environment a production process would have: none of the test suite's own settings."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("SENDBOARD_") and k not in {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    return env | extra
