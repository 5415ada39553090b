"""The generated local area: deterministic, loaded only through the SEN2 importer, at published rates."""

from __future__ import annotations

import csv
import json
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from sendboard.casework.generated_area import AreaGenerator, area_files_generate, rates_for, register_complete_from
from sendboard.casework.models import NamedPlan, StatutoryStep
from sendboard.returns.framework import file_import
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


def test_rates_follow_the_published_figures_for_worcestershire():
    rates = rates_for("885", scale=1.0)
    generator = AreaGenerator(la_code="885", rates=rates, seed=885, as_of=AS_OF, caseworker=None)
    needs, waits = Counter(), []
    for child in generator.children():
        for request in child["Request"]:
            for active in request["ActivePlan"]:
                needs[active["SENneed"][0]["sen_type"]] += 1
            for assessment in request["Assessment"]:
                for plan in assessment["NamedPlan"]:
                    if plan["start_date"].year == 2024:
                        waits.append((plan["start_date"] - request["received_date"]).days)
    assert rates.plans == 6970
    in_force = sum(1 for child in AreaGenerator(la_code="885", rates=rates, seed=885, as_of=AS_OF, caseworker=None).children()
                   for r in child["Request"] for a in r["Assessment"] for p in a["NamedPlan"] if p["cease_date"] is None)
    assert abs(in_force - 6970) < 0.05 * 6970, in_force
    total = sum(needs.values())
    assert abs(needs["SLCN"] / total - 1790 / 6970) < 0.02 and abs(needs["SEMH"] / total - 1595 / 6970) < 0.02
    within = sum(w <= 140 for w in waits) / len(waits)
    assert abs(within - 517 / 1389) < 0.08, within


def test_the_calibration_file_reproduces_the_published_figures():
    figures = json.loads(CALIBRATION.read_text())["figures"]
    with open_published("ehcp_2025/data/timeliness_20_week.csv") as handle:
        row = next(r for r in csv.DictReader(handle) if r["time_period"] == "2024" and r["old_la_code"] == "885"
                   and r["breakdown_topic"] == "All EHC plans issued")
    assert figures["timeliness"]["885"]["plans_issued_within_20_weeks"] == int(row["plans_issued_within_20_weeks"]) == 517
    with open_published("ehcp_2025/data/caseload.csv") as handle:
        rows = [r for r in csv.DictReader(handle) if r["time_period"] == "202425" and r["breakdown_topic"] == "All EHC plans"]
    national = next(r for r in rows if r["geographic_level"] == "National")
    assert figures["caseload"]["england"]["ehcplans"] == int(national["ehcplans"]) == 638745
    councils = {r["old_la_code"]: int(r["ehcplans"]) for r in rows if r["geographic_level"] == "Local authority"}
    assert {code: v[4] for code, v in figures["local_authorities"].items()} == councils
    assert sum(councils.values()) == 638745


@pytest.mark.django_db
def test_a_generated_file_imported_and_exported_again_is_the_same_file(tmp_path):
    import io

    from sendboard.casework.generated_area import sen2_generated_header
    from sendboard.returns.sen2.exporter import register_export
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

    lists = {**reference.read("sen2_2025.json")["lists"], **reference.read("local_2025.json")["lists"]}
    context = Context(code_sets={name: frozenset(code for code, _ in spec["codes"]) for name, spec in lists.items()},
                      area_ids={code: n for n, code in enumerate(local_authorities(), start=1)})
    report = Report()
    paths = area_files_generate(size="england", out_dir=tmp_path / "all", as_of=AS_OF, scale=0.01, caseworker=None)
    # One whole council too: at full size, rarer combinations (a young child's plan that has ceased) occur.
    paths += area_files_generate(size="england", out_dir=tmp_path / "one", as_of=AS_OF, la_codes=["879"], caseworker=None)
    for path in paths:
        list(read_persons(path, report, context))
    assert report.ok, report.problems[:5]
    assert report.counts["person"] > 7000
