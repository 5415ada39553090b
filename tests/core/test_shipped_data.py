"""Shipped reference data survives `flush`, which every transactional test runs (core/shipped_data.py)."""

import pytest
from django.core.management import call_command

from sendboard.casework.models import CodeList, TimescaleRule
from sendboard.localoffer.models import TaxonomyTerm
from sendboard.plans.models import MilestoneRule


@pytest.mark.django_db(transaction=True)
def test_flush_leaves_every_apps_shipped_reference_data_in_place():
    before = (
        MilestoneRule.objects.count(),
        CodeList.objects.count(),
        TimescaleRule.objects.count(),
        TaxonomyTerm.objects.count(),
    )
    assert all(before)
    call_command("flush", interactive=False, verbosity=0)
    after = (
        MilestoneRule.objects.count(),
        CodeList.objects.count(),
        TimescaleRule.objects.count(),
        TaxonomyTerm.objects.count(),
    )
    assert after == before
