"""The import contracts `make check` runs (pyproject.toml, ADR 0111): kept by the tree, and broken by an import
against the layers (added to the graph here, never to the code)."""

from __future__ import annotations

from pathlib import Path

import pytest
from importlinter import configuration
from importlinter.application import use_cases
from importlinter.application.app_config import settings

ROOT = Path(__file__).resolve().parents[2]


def _report(*added: tuple[str, str]):
    """Check every contract against the tree's import graph, with ``added`` imports (importer, imported) in it."""
    configuration.configure()
    builder = settings.GRAPH_BUILDER

    class WithAddedImports:
        def build(self, **options):
            graph = builder.build(**options)
            for importer, imported in added:
                graph.add_import(
                    importer=importer, imported=imported, line_number=1, line_contents=f"import {imported}"
                )
            return graph

    settings.configure(GRAPH_BUILDER=WithAddedImports())
    use_cases._register_built_in_contract_types()  # as `lint-imports` does before its report (import-linter 2.17)
    try:
        options = use_cases.read_user_options(config_filename=str(ROOT / "pyproject.toml"))
        return use_cases.create_report(options, cache_dir=None)
    finally:
        settings.configure(GRAPH_BUILDER=builder)


def test_the_tree_keeps_every_contract():
    report = _report()
    assert report.contains_failures is False
    assert report.kept_count == 7


@pytest.mark.parametrize(
    ("importer", "imported", "broken"),
    [
        ("sendboard.casework.models", "sendboard.returns.models", {"layers", "casework-not-returns"}),
        ("sendboard.outcomes.selectors", "sendboard.plans.models", {"layers", "outcomes-not-plans"}),
        ("sendboard.audit.services", "sendboard.accounts.models", {"layers"}),
        ("sendboard.core.views", "sendboard.plans.selectors", {"layers", "ground"}),
        ("sendboard.returns.models", "sendboard.returns.framework", {"returns-registry"}),
        ("sendboard.plans.selectors", "sendboard.localoffer.models", {"layers"}),
        ("sendboard.tracking.services", "sendboard.returns.models", {"tracking"}),
        ("sendboard.tracking.selectors", "sendboard.outcomes.models", {"layers"}),
        ("sendboard.extracts.selectors", "sendboard.tracking.models", {"layers"}),
        ("sendboard.outcomes.selectors", "sendboard.outcomes.presenters", {"outcomes-reads-below-display"}),
    ],
)
def test_an_import_against_the_layers_breaks_the_contracts(importer, imported, broken):
    report = _report((importer, imported))
    assert report.contains_failures is True
    ids = {contract.contract_options["id"] for contract, check in report.get_contracts_and_checks() if not check.kept}
    assert ids == broken
