from __future__ import annotations

import pytest

from sendboard.localoffer.models import Taxonomy, TaxonomyTerm
from sendboard.localoffer.reference import reference_taxonomies_load
from tests.localoffer.factories import DirectoryBuilder


@pytest.fixture(autouse=True)
def reference_taxonomies(db):
    """Migration 0003 loads them, but transactional tests elsewhere flush every table: load them again."""
    reference_taxonomies_load(Taxonomy, TaxonomyTerm)


@pytest.fixture
def directory(db) -> DirectoryBuilder:
    return DirectoryBuilder()
