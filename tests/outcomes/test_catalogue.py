"""The indicator catalogue as data (ADR 0044): shipped in a file, loaded into Indicator, restored after a flush, and
never overwriting what the area sets locally (owner, targets, linked success measures)."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone

from sendboard.outcomes.catalogue import CATALOGUE_PATH, catalogue_indicators, catalogue_load
from sendboard.outcomes.engine.queries import unit_sql
from sendboard.outcomes.models import Fact, Indicator, Target
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

# What the issue asks for, each with the catalogue codes that answer it.
ISSUE_LIST = {
    "new EHC plans issued within 20 weeks (including and excluding exceptions)": [
        "new_plans_20wk_incl_exc",
        "new_plans_20wk_excl_exc",
    ],
    "requests, assessments and refusals": ["requests", "assessments", "requests_refused", "assessments_no_plan"],
    "plans by need and age": ["plans"],
    "placements in mainstream, special, independent and out-of-area settings": [
        "placement_mainstream_pct",
        "placement_special_pct",
        "placement_independent_or_out_of_area_pct",
    ],
    "annual reviews on time": ["annual_reviews_on_time"],
    "plans ceased and why": ["plans_ceased"],
    "tribunal appeal rate": ["tribunal_appeal_rate"],
    "suspensions and permanent exclusions, SEN support and plans against no SEN (ratio)": [
        "suspension_ratio_sen_support",
        "suspension_ratio_ehc_plan",
        "permanent_exclusion_ratio_sen_support",
        "permanent_exclusion_ratio_ehc_plan",
    ],
    "persistent absence": ["persistent_absence_ehc_plan", "persistent_absence_sen_support"],
    "key stage outcomes": ["ks2_rwm_expected_ehc_plan", "ks4_attainment8_ehc_plan"],
    "16-17 year olds NEET": ["neet_16_17_send"],
    "youth justice with SEN": ["youth_justice_sen_pct"],
    "children looked after with SEN": ["cla_ehcp_pct", "cla_sen_support_pct"],
    "community health waiting times": [
        f"wait_over_18wk_{s}"
        for s in (
            "speech_and_language",
            "occupational_therapy",
            "community_paediatrics",
            "audiology",
            "autism_assessment",
        )
    ],
    "EHC plan quality audit scores": ["plan_audit_good_or_better"],
}


def test_the_catalogue_covers_the_issue_list():
    codes = {item["code"] for item in catalogue_indicators()}
    missing = {need: [c for c in wanted if c not in codes] for need, wanted in ISSUE_LIST.items()}
    assert not {k: v for k, v in missing.items() if v}
    plans = next(i for i in catalogue_indicators() if i["code"] == "plans")
    assert {"need", "age", "placement"} <= set(plans["breakdowns"])
    ceased = next(i for i in catalogue_indicators() if i["code"] == "plans_ceased")
    assert "reason" in ceased["breakdowns"]


def test_every_entry_is_complete_and_computable():
    data = json.loads(CATALOGUE_PATH.read_text())
    codes = [item["code"] for item in data["indicators"]]
    assert len(codes) == len(set(codes))
    units, polarities = set(Indicator.Unit.values), set(Indicator.Polarity.values)
    for item in data["indicators"]:
        for field in ("title", "theme", "definition", "formula", "source", "period_type"):
            assert item[field].strip(), (item["code"], field)
        assert item["unit"] in units and item["polarity"] in polarities
        assert item["period_type"] in {"calendar_year", "academic_year", "financial_year", "month", "snapshot"}
        assert bool(item["comparator"]) == bool(item["comparator_source"]), item["code"]
        compute = item["compute"]
        if "ratio_of" in compute:
            assert compute["ratio_of"] in codes
        elif compute.get("from") == "published":
            assert item["comparator"], item["code"]  # the home area's own figure is its published one
        else:
            assert "SELECT" in unit_sql(compute)  # the engine knows how to compute it
    orders = [item["order"] for item in data["indicators"]]
    assert orders == sorted(orders)


def test_comparators_name_published_measures():
    from sendboard.statistics.measures import MEASURES

    for item in catalogue_indicators():
        if item["comparator"]:
            assert item["comparator"]["measure"] in MEASURES, item["code"]


def test_every_indicator_without_a_published_comparator_says_why():
    for item in catalogue_indicators():
        assert bool(item["comparator"]) != bool(item.get("comparator_none", "").strip()), item["code"]


def test_attendance_attainment_and_destinations_have_published_comparators():
    with_comparator = {item["code"] for item in catalogue_indicators() if item["comparator"]}
    assert {
        "overall_absence_ehc_plan",
        "overall_absence_sen_support",
        "ks2_rwm_expected_ehc_plan",
        "ks2_rwm_expected_sen_support",
        "ks4_attainment8_any_sen",
        "ks4_destination_sustained_ehc_plan",
        "destination_1618_sustained_any_sen",
        "phonics_y1_expected_ehc_plan",
        "eyfsp_gld_any_sen",
    } <= with_comparator


def test_catalogue_is_loaded_and_restored_after_a_flush():
    # The test database was flushed before this test: the shipped indicators are there again.
    assert Indicator.objects.count() == len(catalogue_indicators())
    assert catalogue_load() == 0  # loading again creates nothing


def test_loading_keeps_local_owner_targets_and_links_and_mends_definitions():
    owner = UserFactory()
    indicator = Indicator.objects.get(code="new_plans_20wk_incl_exc")
    indicator.owner = owner
    indicator.title = "Edited by hand"
    indicator.save()
    Target.objects.create(indicator=indicator, period="2025", value=Decimal("60"), reason="Illustrative")
    catalogue_load()
    indicator.refresh_from_db()
    shipped = next(i for i in catalogue_indicators() if i["code"] == "new_plans_20wk_incl_exc")
    assert indicator.title == shipped["title"]  # the definition is the catalogue's
    assert indicator.owner == owner  # the owner is the area's
    assert indicator.targets.get().value == Decimal("60")


def test_demo_sets_owners_targets_links_and_is_idempotent(django_user_model):
    from io import StringIO

    from sendboard.outcomes.demo import ILLUSTRATIVE, OWNERS, demo_periods, load_demo

    for username in set(OWNERS.values()) | {"demo.analyst"}:
        UserFactory(username=username)
    load_demo(stdout=StringIO())
    load_demo(stdout=StringIO())
    owned = dict(Indicator.objects.filter(owner__isnull=False).values_list("code", "owner__username"))
    assert owned == OWNERS
    targets = Target.objects.filter(indicator__code="new_plans_20wk_incl_exc")
    assert sorted(targets.values_list("period", flat=True)) == demo_periods(timezone.localdate())["calendar_year"]
    assert all(t.reason == ILLUSTRATIVE for t in Target.objects.all())
    assert Fact.objects.count() == 0  # nothing to compute from: an empty register gives no facts
    assert demo_periods(date(2026, 11, 23)) == {
        "calendar_year": ["2024", "2025"],
        "snapshot": ["2024/25", "2025/26"],
        "academic_year": ["2025/26", "2026/27"],
        "financial_year": ["2025-26", "2026-27"],
        "month": ["2026-10", "2026-11"],
    }
