from __future__ import annotations

import pytest

from tests.localoffer.factories import DirectoryBuilder


@pytest.fixture(autouse=True)
def database(db):
    """Every Local Offer test reads the directory or its shipped taxonomies (core/shipped_data.py keeps them)."""


@pytest.fixture
def directory(db) -> DirectoryBuilder:
    return DirectoryBuilder()
