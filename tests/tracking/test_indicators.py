"""Given tracking's records, when the outcomes refresh runs, then vulnerable learners' indicators have the values
worked by hand, with the dashboard's suppression of small numbers, beside every other indicator."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from sendboard.outcomes.catalogue import catalogue_indicators
from sendboard.outcomes.engine.queries import unit_sql
from sendboard.outcomes.models import Fact, Indicator, RefreshRun
from sendboard.outcomes.refresh import refresh_run
from sendboard.tracking.indicators import INDICATORS
from sendboard.tracking.models import MissingEducationCase, PartTimeTimetable, PlacedChild, RollRemoval
from tests.casework.helpers import worcestershire
from tests.tracking.helpers import school, timetable

pytestmark = pytest.mark.django_db
YEAR = "2025/26"


def _records():
    area, setting = worcestershire(), school()
    # 9 timetables began in 2025/26: 3 with a plan, 3 on SEN support, 3 with none; 2 began the year before
    for n, sen in enumerate("EEEKKKNNN"):
        record = timetable(setting=setting, sen=sen, upn=f"A{n:012d}")
        PartTimeTimetable.objects.filter(id=record.id).update(start_date=date(2025, 10, 1) + timedelta(days=n))
    # 6 ended in 2025/26, after 3, 3, 6, 6, 9 and 9 weeks: 6 weeks on average
    for n, weeks in enumerate([3, 3, 6, 6, 9, 9]):
        PartTimeTimetable.objects.filter(upn=f"A{n:012d}").update(end_date=date(2025, 10, 1) + timedelta(days=n, weeks=weeks))
    for n in range(2):
        timetable(setting=setting, upn=f"B{n:012d}")  # began 5 January 2026 by default: same year
    PartTimeTimetable.objects.filter(upn__startswith="B").update(start_date=date(2025, 5, 1))
    # 12 removals from roll in 2025/26, 6 to an unknown destination: 50%
    for n in range(12):
        RollRemoval.objects.create(local_area=area, school_urn="300001", forename="A", surname="B", birth_date=date(2015, 1, 1),
                                   sen_provision="N", ground="other_school", removal_date=date(2025, 11, 1), destination_known=n >= 6,
                                   destination="", return_due=date(2025, 11, 8))
    # 7 children missing education from 2025/26; 6 found in it after 10 days each; one still missing
    for n in range(7):
        MissingEducationCase.objects.create(local_area=area, source="referral", forename="C", surname="D",
                                            birth_date=date(2014, 1, 1), sen_provision="K", opened_on=date(2025, 11, 3),
                                            closed_on=date(2025, 11, 13) if n < 6 else None)
    # 20 placements began in 2025/26: 14 notified on time, 4 late, 2 not at all
    for n in range(20):
        notified = date(2025, 9, 2) if n < 14 else (date(2025, 9, 30) if n < 18 else None)
        PlacedChild.objects.create(local_area=area, forename="E", surname="F", birth_date=date(2012, 1, 1),
                                   placing_council="London Borough of Lambeth", placing_contact="G", looked_after=True,
                                   has_plan=True, placed_on=date(2025, 9, 1), notified_on=notified, notification_due=date(2025, 9, 8))


def test_the_entries_are_complete_and_computable():
    codes = {item["code"] for item in catalogue_indicators()}
    for item in INDICATORS:
        assert item["code"] in codes
        assert item["unit"] in Indicator.Unit.values and item["polarity"] in Indicator.Polarity.values
        assert "SELECT" in unit_sql(item["compute"])
    assert Indicator.objects.filter(code__in=[i["code"] for i in INDICATORS]).count() == len(INDICATORS)


def test_the_refresh_computes_the_indicators_with_suppression():
    _records()
    run = refresh_run()
    assert run.status == RefreshRun.Status.SUCCEEDED, run.error
    facts = {(f.indicator.code, f.period, f.dimension, f.category): f
             for f in Fact.objects.filter(run=run, indicator__code__in=[i["code"] for i in INDICATORS]).select_related("indicator")}

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
