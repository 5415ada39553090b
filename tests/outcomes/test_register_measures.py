"""The annual review and appeal-rate indicators as the DfE and the MoJ define the published figures they are set
beside (ADR 0100): worked by hand on a small register, and computed by the engine itself from the generated
Worcestershire register, which must land within the calibration test's tolerance of Worcestershire's published
figures (4,909 review meetings for 5,409 plans whose review was due; 139 appeals of 7,386 appealable decisions)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import duckdb
import pytest

from sendboard.casework.generated_area import AreaGenerator, rates_for
from sendboard.outcomes.catalogue import catalogue_indicators
from sendboard.outcomes.engine.compute import local_cells
from sendboard.outcomes.engine.inputs import EXTRACTS, REGISTER
from sendboard.outcomes.models import Fact, RefreshRun
from sendboard.outcomes.refresh import refresh_run
from tests.published_figures import AS_OF, appeals_2024, pct, reviews

CODES = ("annual_reviews_on_time", "tribunal_appeal_rate")
AREA = "E10000034"


# -- a small register, worked by hand --------------------------------------------------------------------------------
def _hand_register():
    from sendboard.casework.models import Assessment, Child, NamedPlan, Request
    from sendboard.core.models import LocalArea
    from tests.outcomes.outcomes_fixture import Register

    area, _ = LocalArea.objects.get_or_create(
        la_code="885",
        defaults={
            "name": "Worcestershire",
            "gss_code": AREA,
            "region_name": "West Midlands",
            "region_code": "E12000005",
        },
    )
    r = Register(area)
    plan = {"request_outcome": "A", "assessment_outcome": "Y"}
    old = {
        "received": date(2022, 4, 4),
        "decided": date(2022, 5, 3),
        "assessed": date(2022, 8, 1),
        "start": date(2022, 9, 1),
    }
    # P: 20 plans in force since 2022 with a review meeting: 14 in the last year, 6 more than a year ago (still held).
    for i in range(20):
        r.case(review=date(2024, 10, 1) if i < 14 else date(2023, 11, 1), **old, **plan)
    # Q: 7 plans in force since 2022 with no review meeting recorded: due, not held.
    for _ in range(7):
        r.case(**old, **plan)
    # N: 8 plans started in July 2024: no review due yet; 2 of them appealed about the plan's contents.
    new = [
        r.case(
            received=date(2024, 2, 5),
            decided=date(2024, 3, 4),
            assessed=date(2024, 6, 1),
            start=date(2024, 7, 1),
            **plan,
        )
        for _ in range(8)
    ]
    Assessment.objects.filter(request__child__in=new[:2]).update(other_tribunal=True)
    # Refusals to assess in 2024: 10, 3 appealed.
    for i in range(10):
        r.case(received=date(2024, 3, 4), request_outcome="N", decided=date(2024, 4, 1), request_tribunal=i < 3)
    # Decisions not to issue a plan in 2024: 6, 2 appealed.
    for i in range(6):
        r.case(
            received=date(2024, 3, 4),
            decided=date(2024, 4, 1),
            assessment_outcome="N",
            assessed=date(2024, 8, 1),
            assessment_tribunal=i < 2,
        )
    # Plans ceased in 2024 because needs are met without one: 6 (appealable decisions); 6 more at maximum age (not).
    for i in range(12):
        r.case(**old, cease=date(2024, 9, 30), cease_reason="2" if i < 6 else "1", active=False, **plan)
    # The register's latest date: 20 January 2025.
    r.case(received=date(2025, 1, 20), request_outcome="")
    assert Child.objects.count() == Request.objects.count() == 20 + 7 + 8 + 10 + 6 + 12 + 1
    assert NamedPlan.objects.filter(cease_date__isnull=True).count() == 35


@pytest.mark.django_db
def test_reviews_and_appeals_on_a_hand_built_register():
    _hand_register()
    run = refresh_run()
    assert run.state == RefreshRun.State.SUCCEEDED, run.error
    facts = {
        (f.indicator.code, f.period): f
        for f in Fact.objects.filter(run=run, area_code=AREA, dimension="", indicator__code__in=CODES).select_related(
            "indicator"
        )
    }
    # Reviews on 20 January 2025: due are P's 20 and Q's 7 (in force since before 21 January 2024); held: P's 20,
    # including the 6 whose latest meeting was more than a year ago, as the DfE counts meetings held. 20 of 27.
    review = facts[("annual_reviews_on_time", "2024/25")]
    assert (review.numerator, review.denominator) == (20, 27)
    assert review.value == (Decimal(100) * 20 / 27).quantize(Decimal("0.0001"))
    # Appeals in 2024: 3 on refusals + 2 on decisions not to issue + 2 about plans issued in 2024 = 7. Appealable
    # decisions: 10 refusals + 6 not issued + 6 ceased because needs are met + the 35 plans in force on 16 January
    # 2025 (P 20, Q 7, N 8) = 57.
    appeals = facts[("tribunal_appeal_rate", "2024")]
    assert (appeals.numerator, appeals.denominator) == (7, 57)
    assert appeals.value == (Decimal(100) * 7 / 57).quantize(Decimal("0.0001"))


# -- the generated Worcestershire register, through the engine -------------------------------------------------------
def _rows(children: list[dict]) -> dict[str, list[tuple]]:
    """The generator's register as the engine's input tables (the columns inputs.py reads from the database)."""
    rows: dict[str, list[tuple]] = {item.name: [] for item in REGISTER}
    ids = iter(range(1, 10**7))
    for child in children:
        child_id = next(ids)
        rows["child"].append((child_id, AREA, child["birth_date"], child["sex"], child["ethnicity"], child["upn"]))
        for request in child["Request"]:
            request_id = next(ids)
            rows["request"].append(
                (
                    request_id,
                    child_id,
                    request["received_date"],
                    request["outcome"],
                    request["outcome_date"],
                    int(request["tribunal"]),
                )
            )
            for assessment in request["Assessment"]:
                assessment_id = next(ids)
                rows["assessment"].append(
                    (
                        assessment_id,
                        request_id,
                        assessment["outcome"],
                        assessment["outcome_date"],
                        int(assessment["tribunal"]),
                        int(assessment["week20_exception"]),
                        int(assessment["other_tribunal"]),
                    )
                )
                for plan in assessment["NamedPlan"]:
                    rows["named_plan"].append(
                        (next(ids), assessment_id, plan["start_date"], plan["cease_date"], plan["cease_reason"])
                    )
            for active in request["ActivePlan"]:
                active_id = next(ids)
                rows["active_plan"].append((active_id, request_id, active["review_meeting"]))
                for place in active["PlacementDetail"]:
                    rows["placement"].append(
                        (active_id, place["urn"], place["ukprn"], place["sen_setting"], place["placement_rank"])
                    )
                rows["sen_need"] += [(active_id, need["sen_type"]) for need in active["SENneed"] if need["rank"] == 1]
    return rows


@pytest.fixture(scope="module")
def generated_cells() -> dict[tuple[str, str], tuple[float, float]]:
    generator = AreaGenerator(
        la_code="885", rates=rates_for("885", scale=1.0), seed=885, as_of=AS_OF, caseworker="demo.caseworker"
    )
    rows = _rows(list(generator.children()))
    con = duckdb.connect()
    for item in REGISTER + EXTRACTS:
        con.execute(f"CREATE TABLE {item.name} ({', '.join(f'{name} {kind}' for name, kind in item.columns.items())})")
        if rows.get(item.name):
            con.executemany(f"INSERT INTO {item.name} VALUES ({', '.join('?' * len(item.columns))})", rows[item.name])
    indicators = [item for item in catalogue_indicators() if item["code"] in CODES]
    cells = local_cells(con, indicators)
    return {(code, period): (num, den) for code, area, period, _, dimension, _, num, den in cells if not dimension}


def test_the_generated_register_shows_the_published_annual_review_figure(generated_cells):
    # The register's reference date is the return's, 16 January 2025 (or its last date before it).
    [(period, (held, due))] = [(p, v) for (code, p), v in generated_cells.items() if code == "annual_reviews_on_time"]
    assert period == "2024/25"
    published = pct(reviews("total_review_meeting"), reviews("review_expected"))
    assert abs(pct(held, due) - published) <= 3, f"published {published:.1f}, register {pct(held, due):.1f}"


def test_the_generated_register_shows_the_published_appeal_rate(generated_cells):
    appeals, decisions = generated_cells[("tribunal_appeal_rate", "2024")]
    published = pct(*appeals_2024())
    assert abs(pct(appeals, decisions) - published) <= 0.5, (
        f"published {published:.2f}, register {pct(appeals, decisions):.2f}"
    )
    # The appealable decisions are the published ones' size: within 5% of 7,386.
    assert abs(decisions - appeals_2024()[1]) <= 0.05 * appeals_2024()[1]
