"""The generated local area: deterministic, loaded only through the SEN2 importer, at published rates."""

from __future__ import annotations

import csv
import json
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pytest

from sendboard.casework.generated_area import (
    CASELOAD,
    EHC_PLANS_FROM,
    rates_for,
    register_complete_from,
)
from sendboard.casework.models import NamedPlan, StatutoryStep
from sendboard.returns.framework import file_import
from sendboard.returns.sen2.generated import area_files_generate
from sendboard.returns.sen2.importer import Sen2Importer
from sendboard.statistics.published import open_published

AS_OF = date(2025, 1, 16)
CALIBRATION = Path(__file__).resolve().parents[2] / "sendboard" / "casework" / "reference" / "calibration_2025.json"


def test_the_same_seed_and_date_give_the_same_bytes(tmp_path):
    first = area_files_generate(size="small", out_dir=tmp_path / "a", as_of=AS_OF)
    second = area_files_generate(size="small", out_dir=tmp_path / "b", as_of=AS_OF)
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
    other = area_files_generate(size="small", out_dir=tmp_path / "c", as_of=AS_OF, seed=1)
    assert other[0].read_bytes() != first[0].read_bytes()


@pytest.mark.django_db
def test_the_small_area_loads_through_the_importer_with_no_problem(tmp_path):
    from tests.casework.helpers import worcestershire

    worcestershire()
    [path] = area_files_generate(size="small", out_dir=tmp_path, as_of=AS_OF, caseworker=None)
    outcome = file_import(importer=Sen2Importer(), path=path, filename=path.name)
    assert outcome.loaded, outcome.report.problems[:5]
    rates = rates_for("885", scale=0.02)
    assert rates.plans == round(6970 * 0.02)
    in_force = NamedPlan.objects.filter(cease_date__isnull=True).count()
    assert abs(in_force - rates.plans) <= 0.1 * rates.plans, in_force
    # Ceasings cover the window from 1 January 2024 to 16 January 2025: 381 days of the yearly flow.
    assert register_complete_from(AS_OF) == date(2024, 1, 1)
    assert NamedPlan.objects.filter(cease_date__isnull=False).count() == round(rates.ceased_per_year * 381 / 365)
    # Nothing in the register is dated after the reference date.
    assert not NamedPlan.objects.filter(start_date__gt=AS_OF).exists()
    assert not NamedPlan.objects.filter(cease_date__gt=AS_OF).exists()
    assert StatutoryStep.objects.filter(step="annual_review").exists()


def test_the_calibration_file_reproduces_the_published_figures():
    """calibration_2025.json holds figures copied from the published files: re-derive a sample of each kind."""
    figures = json.loads(CALIBRATION.read_text())["figures"]
    with open_published("ehcp_2025/data/timeliness_20_week.csv") as handle:
        row = next(
            r
            for r in csv.DictReader(handle)
            if r["time_period"] == "2024"
            and r["old_la_code"] == "885"
            and r["breakdown_topic"] == "All EHC plans issued"
        )
    assert (
        figures["timeliness"]["885"]["plans_issued_within_20_weeks"] == int(row["plans_issued_within_20_weeks"]) == 517
    )
    with open_published("ehcp_2025/data/caseload.csv") as handle:
        rows = [r for r in csv.DictReader(handle) if r["time_period"] == "202425"]
    totals = [r for r in rows if r["breakdown_topic"] == "All EHC plans"]
    national = next(r for r in totals if r["geographic_level"] == "National")
    assert figures["caseload"]["england"]["ehcplans"] == int(national["ehcplans"]) == 638745
    councils = {r["old_la_code"]: int(r["ehcplans"]) for r in totals if r["geographic_level"] == "Local authority"}
    assert {code: v[4] for code, v in figures["local_authorities"].items()} == councils
    assert sum(councils.values()) == 638745
    ages = {
        r["breakdown"]: int(r["ehcplans"])
        for r in rows
        if r["old_la_code"] == "885" and r["breakdown_topic"] == "Child or young persons age"
    }
    assert (
        figures["caseload_age"]["885"]["17"] == ages["age 17"] and sum(figures["caseload_age"]["885"].values()) == 6970
    )
    settings_885 = figures["caseload_settings"]["885"]
    assert sum(sum(groups.values()) for groups in settings_885.values()) == 6970
    worcestershire = next(r for r in totals if r["old_la_code"] == "885")
    assert sum(groups["college"] + groups["specialist_post16"] for groups in settings_885.values()) == int(
        worcestershire["fe_total"]
    )
    assert figures["review_meetings"]["885"]["total_review_meeting"] == 4909
    assert figures["appeals"]["885"] == {"appeals_2024": 139, "appealable_decisions_2024": 7386}


@pytest.mark.django_db
def test_a_generated_file_imported_and_exported_again_is_the_same_file(tmp_path):
    import io

    from sendboard.returns.sen2.exporter import register_export
    from sendboard.returns.sen2.generated import sen2_generated_header
    from tests.casework.helpers import worcestershire

    area = worcestershire()
    [path] = area_files_generate(size="small", out_dir=tmp_path, as_of=AS_OF, caseworker=None)
    assert file_import(importer=Sen2Importer(), path=path, filename=path.name).loaded
    assert StatutoryStep.objects.exclude(breach_reason="").exists()
    out = io.BytesIO()
    register_export(area=area, out=out, header=sen2_generated_header("885", AS_OF))
    assert out.getvalue() == path.read_bytes()


def test_every_council_generated_passes_the_sen2_rules(tmp_path):
    """Across every council's file, the generator writes nothing the importer's rules would refuse."""
    from sendboard.casework import reference
    from sendboard.casework.generated_area import local_authorities
    from sendboard.returns.framework import Report
    from sendboard.returns.sen2.reader import Context, read_persons

    lists = {
        **reference.read("sen2_2025.json")["lists"],
        **reference.read("sen2_2026.json")["lists"],
        **reference.read("local_2025.json")["lists"],
    }
    context = Context(
        code_sets={name: frozenset(code for code, _ in spec["codes"]) for name, spec in lists.items()},
        area_ids={code: n for n, code in enumerate(local_authorities(), start=1)},
    )
    report = Report()
    paths = area_files_generate(size="england", out_dir=tmp_path / "all", as_of=AS_OF, scale=0.01, caseworker=None)
    # One whole council too: at full size, rarer combinations (a young child's plan that has ceased) occur.
    paths += area_files_generate(
        size="england", out_dir=tmp_path / "one", as_of=AS_OF, la_codes=["879"], caseworker=None
    )
    for path in paths:
        list(read_persons(path, report, context))
    assert report.ok, report.problems[:5]
    assert report.counts["person"] > 7000


def _date_order_problems(child: dict, as_of: date) -> list[str]:
    """Every way a generated child's dates could break the law's order: one message per break."""
    problems = []

    def order(*dates: tuple[str, date | None]) -> None:
        known = [(name, day) for name, day in dates if day is not None]
        for (first, a), (second, b) in zip(known, known[1:], strict=False):
            if b < a:
                problems.append(f"{second} {b} is before {first} {a}")

    born = child["birth_date"]
    for request in child["Request"]:
        received = request["received_date"]
        if received < EHC_PLANS_FROM:
            problems.append(f"request received {received}, before EHC needs assessments existed")
        order(("birth", born), ("received", received), ("decided", request["outcome_date"]), ("reference date", as_of))
        for assessment in request["Assessment"]:
            plan = assessment["NamedPlan"][0] if assessment["NamedPlan"] else None
            ends = assessment["draft_plan_issued"] or assessment["outcome_date"]
            for advice in assessment["Advice"]:
                order(
                    ("decided", request["outcome_date"]),
                    ("advice asked", advice["requested_date"]),
                    ("advice returned", advice["received_date"]),
                    ("draft or decision", ends),
                    ("final plan", plan["start_date"] if plan else None),
                    ("reference date", as_of),
                )
            order(
                ("decided", request["outcome_date"]),
                ("assessment outcome", assessment["outcome_date"]),
                ("reference date", as_of),
            )
            if plan is None:
                continue
            if plan["start_date"] < EHC_PLANS_FROM:
                problems.append(f"EHC plan issued {plan['start_date']}, before 1 September 2014")
            order(
                ("draft", assessment["draft_plan_issued"]),
                ("final plan", plan["start_date"]),
                ("ceased", plan["cease_date"]),
                ("reference date", as_of),
            )
            order(("family views", plan["family_views_updated"]), ("reference date", as_of))
            for active in request["ActivePlan"]:
                order(
                    ("final plan", plan["start_date"]),
                    ("review meeting", active["review_meeting"]),
                    ("review decision", active["last_review"]),
                    ("amended plan", active["amended_plan_issued"]),
                    ("reference date", as_of),
                )
                for placement in active["PlacementDetail"]:
                    order(("birth", born), ("placement entry", placement["entry_date"]), ("reference date", as_of))
    return problems


@pytest.mark.parametrize("as_of", [AS_OF, date(2026, 12, 5)], ids=["return-date", "a-demo-day"])
def test_no_generated_date_breaks_the_statutory_order_or_precedes_ehc_plans(as_of):
    from sendboard.casework.generated_area import AreaGenerator

    generator = AreaGenerator(la_code="885", rates=rates_for("885", scale=1.0), seed=885, as_of=as_of, caseworker=None)
    problems = [
        f"person {n}: {p}" for n, child in enumerate(generator.children()) for p in _date_order_problems(child, as_of)
    ]
    assert problems == []


def test_the_date_order_check_finds_a_plan_before_2014_and_advice_after_the_final_plan():
    """The check above is not vacuous: a plan from 2009 with advice returned after it is caught twice."""
    child = {
        "birth_date": date(2005, 3, 1),
        "Request": [
            {
                "received_date": date(2009, 1, 5),
                "outcome_date": date(2009, 2, 1),
                "ActivePlan": [],
                "Assessment": [
                    {
                        "outcome_date": date(2009, 5, 1),
                        "draft_plan_issued": date(2009, 5, 1),
                        "Advice": [{"requested_date": date(2009, 2, 3), "received_date": date(2009, 7, 1)}],
                        "NamedPlan": [
                            {"start_date": date(2009, 6, 1), "cease_date": None, "family_views_updated": None}
                        ],
                    }
                ],
            }
        ],
    }
    problems = _date_order_problems(child, AS_OF)
    assert "EHC plan issued 2009-06-01, before 1 September 2014" in problems
    assert "request received 2009-01-05, before EHC needs assessments existed" in problems
    assert "draft or decision 2009-05-01 is before advice returned 2009-07-01" in problems


@pytest.mark.django_db
def test_no_imported_step_falls_due_before_the_case_it_belongs_to(tmp_path):
    from sendboard.casework.models import Child
    from tests.casework.helpers import worcestershire

    worcestershire()
    [path] = area_files_generate(size="small", out_dir=tmp_path, as_of=AS_OF, caseworker=None)
    assert file_import(importer=Sen2Importer(), path=path, filename=path.name).loaded
    first_request = {
        child.id: min(r.received_date for r in child.requests.all())
        for child in Child.objects.prefetch_related("requests")
    }
    plan_start = dict(NamedPlan.objects.values_list("assessment__request__child_id", "start_date"))
    steps = list(StatutoryStep.objects.all())
    assert len(steps) > 500
    for step in steps:
        assert step.due_date >= first_request[step.child_id], (step.step, step.due_date)
        assert step.due_date >= EHC_PLANS_FROM, (step.step, step.due_date)
        if step.step.startswith("phase_transfer"):
            # The anchor of a move is the September of the move; its deadline is real and before it.
            assert step.due_date >= plan_start[step.child_id], (step.step, step.due_date)
        else:
            assert step.anchor_date <= AS_OF, (step.step, step.anchor_date)
        if step.done_date is None:
            # An open step is at most two years overdue: a team does not leave a review undone for a decade.
            assert step.due_date >= AS_OF - timedelta(days=730), (step.step, step.due_date)


def test_every_open_case_is_allocated_at_a_realistic_caseload():
    from sendboard.casework.generated_area import AreaGenerator, caseworker_team

    rates = rates_for("885", scale=1.0)
    generator = AreaGenerator(la_code="885", rates=rates, seed=885, as_of=AS_OF, caseworker="demo.caseworker")
    cases = generator.cases()
    generator = AreaGenerator(la_code="885", rates=rates, seed=885, as_of=AS_OF, caseworker="demo.caseworker")
    children = list(generator.children())
    open_cases = sum(1 for _, open_case in cases if open_case)
    held = Counter(child["caseworker"] for child in children if child["caseworker"])
    assert sum(held.values()) == open_cases  # every open case, and only open cases
    team = caseworker_team("demo.caseworker", rates)
    assert set(held) == set(team) and "demo.caseworker" in team
    # About 180 open cases each (Shropshire planned for 187 per case officer in 2025): 43 caseworkers for
    # Worcestershire.
    assert len(team) == 43
    assert all(CASELOAD - 15 <= n <= CASELOAD + 15 for n in held.values()), held.most_common(3)
    assert max(held.values()) - min(held.values()) <= 1
    # Each holds requests and assessments under way as well as plans in force, not one kind of case alone.
    under_way = Counter(
        child["caseworker"] for child in children if child["caseworker"] and not child["Request"][0]["ActivePlan"]
    )
    assert set(under_way) == set(team) and min(under_way.values()) >= 10, under_way.most_common()[-3:]
