"""Given the small generated register, when its local extracts are generated and loaded through the
importers, then they agree with the register, follow the calibration, and the same seed gives the same bytes."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from sendboard.casework.generated_area import setting_kind
from sendboard.casework.models import ActivePlan, Placement, SenNeed
from sendboard.extracts.generated import census_date_for, extract_files_generate
from sendboard.extracts.layouts import LAYOUTS, academic_age
from sendboard.extracts.models import CensusPupil, NeetRecord, PlanAudit, Suspension
from sendboard.extracts.services import generated_extracts_load
from sendboard.extracts.upn import upn_problem
from tests.extracts.conftest import AS_OF

pytestmark = pytest.mark.django_db
CALIBRATION = json.loads(
    (Path(__file__).resolve().parents[2] / "sendboard" / "extracts" / "reference" / "calibration.json").read_text()
)


def test_census_date_is_the_latest_spring_census():
    # January 2025 begins on a Wednesday: its first Thursday is the 2nd, its third Thursday the 16th.
    assert census_date_for(date(2025, 11, 20)) == date(2025, 1, 16)
    assert census_date_for(date(2025, 1, 16)) == date(2025, 1, 16)
    # 15 January 2025 is before that year's census: the latest is January 2024's (1 January 2024 is a Monday,
    # so its first Thursday is the 4th and its third the 18th).
    assert census_date_for(date(2025, 1, 15)) == date(2024, 1, 18)


def test_every_extract_loads_through_its_importer(small_register, tmp_path):
    outcomes = generated_extracts_load(area=small_register, size="small", out_dir=tmp_path / "x", as_of=AS_OF)
    assert [o.imported_file.kind for _, o in outcomes] == list(LAYOUTS)
    for path, outcome in outcomes:
        assert outcome.loaded, (path.name, outcome.report.problems[:3])
        assert outcome.report.counts["rows"] > 0, path.name


def test_census_agrees_with_the_register(small_register, tmp_path):
    generated_extracts_load(area=small_register, size="small", out_dir=tmp_path / "x", as_of=AS_OF)
    census_date = date(2025, 1, 16)
    census = {p.upn: p for p in CensusPupil.objects.all()}
    placed = dict(Placement.objects.filter(placement_rank=1).exclude(urn="").values_list("active_plan_id", "urn"))
    needs = dict(SenNeed.objects.filter(rank=1).values_list("active_plan_id", "sen_type"))
    checked = expected_e = 0
    at_college: set[str] = set()
    for plan in ActivePlan.objects.select_related("request__child", "request__assessment__named_plan"):
        child = plan.request.child
        age = academic_age(child.birth_date, census_date)
        kind = setting_kind({"urn": placed[plan.id]}) if plan.id in placed else None
        if kind not in ("mainstream", "special", "alternative_provision") or not 2 <= age <= 18:
            assert child.upn not in census
            if age in (16, 17) and kind is None:
                at_college.add(child.upn)
            # not at one of the area's schools (independent, another area's, college, none), or not of school age
            continue
        pupil = census[child.upn]
        assert pupil.phase == {"special": "SP", "alternative_provision": "AP"}.get(kind, pupil.phase)
        assert kind != "mainstream" or pupil.phase not in ("SP", "AP")
        started = plan.request.assessment.named_plan.start_date
        assert pupil.sen_provision == ("E" if started <= census_date else "K")
        expected_e += started <= census_date
        assert pupil.primary_need == needs[plan.id]
        assert (pupil.birth_date, pupil.sex) == (child.birth_date, child.sex)
        checked += 1
    assert checked > 50
    # Every E in the census is one of the register's children with a plan in force by the census date.
    assert CensusPupil.objects.filter(sen_provision="E").count() == expected_e
    assert all(upn_problem(upn) is None for upn in census)
    # Young people with plans at college or no setting are in the NCCIS extract, with their plans.
    assert at_college and at_college <= set(NeetRecord.objects.filter(sen_provision="E").values_list("upn", flat=True))
    audited = set(PlanAudit.objects.values_list("child_upn", flat=True))
    assert audited and audited <= {u for u, p in census.items() if p.sen_provision == "E"}


def test_counts_by_sen_status_follow_the_calibration(small_register, tmp_path):
    generated_extracts_load(area=small_register, size="small", out_dir=tmp_path / "x", as_of=AS_OF)
    total = CensusPupil.objects.count()
    assert abs(total - 80000 * 0.02) <= 0.01 * 1600  # 1,600 pupils, less any lost to rounding cohorts
    register_k = CensusPupil.objects.filter(
        sen_provision="K", upn__in=list(ActivePlan.objects.values_list("request__child__upn", flat=True))
    ).count()
    support = CensusPupil.objects.filter(sen_provision="K").count() - register_k
    assert support == round(
        1600 * CALIBRATION["pupils_with_sen_support_pct"]["value"] / 100
    )  # 12.4% of 1,600 = 198.4 -> 198
    looked_after = CensusPupil.objects.filter(looked_after=True)
    assert looked_after.count() == round(535 * 0.02)  # Worcestershire's 535 looked-after pupils, at 2%: 10.7 -> 11
    assert looked_after.filter(sen_provision="E").count() == round(11 * 0.265)  # 26.5% of 11 = 2.9 -> 3


def test_suspensions_are_disproportionate_for_pupils_with_sen(small_register, tmp_path):
    generated_extracts_load(area=small_register, size="small", out_dir=tmp_path / "x", as_of=AS_OF)
    rate = {}
    for sen in ("N", "K"):
        pupils = set(CensusPupil.objects.filter(sen_provision=sen).values_list("upn", flat=True))
        suspended = Suspension.objects.filter(category="SUS", upn__in=pupils).count()
        rate[sen] = suspended / len(pupils)
    assert rate["K"] > 2 * rate["N"]


def test_the_same_seed_gives_the_same_bytes(small_register, tmp_path):
    first = extract_files_generate(area=small_register, size="small", out_dir=tmp_path / "a", as_of=AS_OF)
    second = extract_files_generate(area=small_register, size="small", out_dir=tmp_path / "b", as_of=AS_OF)
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
    other = extract_files_generate(area=small_register, size="small", out_dir=tmp_path / "c", as_of=AS_OF, seed=1)
    assert other[0].read_bytes() != first[0].read_bytes()


def test_the_demo_loader_is_idempotent(small_register, settings):
    import io

    from sendboard.extracts.demo import load_demo
    from sendboard.returns.models import ImportedFile

    settings.SENDBOARD_DEMO_SCALE = "small"
    load_demo(stdout=io.StringIO())
    files, pupils = ImportedFile.objects.filter(kind__startswith="extract_").count(), CensusPupil.objects.count()
    assert files == len(LAYOUTS) and pupils > 1000
    again = io.StringIO()
    load_demo(stdout=again)
    assert "already loaded" in again.getvalue()
    assert (ImportedFile.objects.filter(kind__startswith="extract_").count(), CensusPupil.objects.count()) == (
        files,
        pupils,
    )


def test_other_councils_scale_with_their_published_caseload():
    from sendboard.extracts.generated import size_against_demo

    # Camden's 1,607 plans in force against Worcestershire's 6,970 (casework/reference/calibration_2025.json).
    assert size_against_demo("202") == pytest.approx(1607 / 6970)
    assert size_against_demo("885") == 1.0 and size_against_demo("999") == 1.0


def _sen_la(group: str) -> dict[str, str]:
    """Worcestershire's latest row for a social-care group in the DfE's SEN by social-care group file."""
    import csv

    from sendboard.statistics.published import open_published

    with open_published("sen_la.csv") as handle:
        rows = [r for r in csv.DictReader(handle) if r["old_la_code"] == "885" and r["social_care_group"] == group]
    return max(rows, key=lambda r: r["time_period"])


@pytest.mark.parametrize(
    ("group", "flag", "sen", "column"),
    [
        ("CLA 12 months at 31 March", "looked_after", "E", "pt_statement_or_EHC_plan"),
        ("CLA 12 months at 31 March", "looked_after", "K", "pt_SEN_support"),
        ("CINO at 31 March", "child_in_need", "E", "pt_statement_or_EHC_plan"),
        ("CINO at 31 March", "child_in_need", "K", "pt_SEN_support"),
    ],
    ids=["looked-after-ehc-plan", "looked-after-sen-support", "in-need-ehc-plan", "in-need-sen-support"],
)
def test_sen_shares_of_looked_after_children_and_children_in_need_follow_the_published_file(
    small_register, tmp_path, group, flag, sen, column
):
    """Worcestershire published 142 of 535 looked-after pupils with an EHC plan and 142 with SEN support (both
    26.5%, 2021/22): equal shares are the published figure, not a fault. At 2% the census holds round(535 x 2%)
    looked-after pupils; each share is the published share of them, to the nearest pupil."""
    row = _sen_la(group)
    generated_extracts_load(area=small_register, size="small", out_dir=tmp_path / "x", as_of=AS_OF)
    pupils = CensusPupil.objects.filter(**{flag: True})
    assert pupils.count() == round(int(row["t_pupils"]) * 0.02)
    assert pupils.filter(sen_provision=sen).count() == round(pupils.count() * float(row[column]) / 100)
