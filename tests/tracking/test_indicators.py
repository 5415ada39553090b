"""Given tracking's records, when the outcomes refresh runs, then vulnerable learners' indicators have the values
worked by hand, with the dashboard's suppression of small numbers, beside every other indicator."""

from __future__ import annotations

import pytest

from sendboard.outcomes.catalogue import catalogue_indicators
from sendboard.outcomes.engine.queries import unit_sql
from sendboard.outcomes.models import Fact, Indicator, RefreshRun
from sendboard.outcomes.refresh import refresh_run
from sendboard.tracking.indicators import INDICATORS
from tests.tracking.helpers import indicator_records

pytestmark = pytest.mark.django_db
YEAR = "2025/26"


def test_the_entries_are_complete_and_computable():
    codes = {item["code"] for item in catalogue_indicators()}
    for item in INDICATORS:
        assert item["code"] in codes
        assert item["unit"] in Indicator.Unit.values and item["polarity"] in Indicator.Polarity.values
        assert "SELECT" in unit_sql(item["compute"])
    assert Indicator.objects.filter(code__in=[i["code"] for i in INDICATORS]).count() == len(INDICATORS)


def test_the_refresh_computes_the_indicators_with_suppression():
    indicator_records()
    run = refresh_run()
    assert run.state == RefreshRun.State.SUCCEEDED, run.error
    facts = {
        (f.indicator.code, f.period, f.dimension, f.category): f
        for f in Fact.objects.filter(run=run, indicator__code__in=[i["code"] for i in INDICATORS]).select_related(
            "indicator"
        )
    }

    def value(code, period=YEAR, dimension="", category=""):
        fact = facts[(code, period, dimension, category)]
        assert not fact.suppressed
        return float(fact.value)

    assert value("part_time_timetables") == 9
    assert facts[("part_time_timetables", "2024/25", "", "")].suppressed  # 2 is a small number: not shown
    assert facts[("part_time_timetables", YEAR, "sen", "ehc_plan")].suppressed  # 3 with a plan: not shown
    # 6 of 9 with SEN: the 3 without could be worked out, so the share is not shown
    assert facts[("part_time_timetables_sen_pct", YEAR, "", "")].suppressed
    assert value("part_time_timetable_weeks") == pytest.approx(6)
    assert value("removals_unknown_destination_pct") == 50
    assert value("children_missing_education") == 7
    assert value("children_missing_education_days") == 10
    assert value("placed_notified_on_time_pct") == 70
