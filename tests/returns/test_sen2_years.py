"""Given a SEN2 file of a collection year 2023 to 2026, when it is read, then that year's items and codes are
accepted, another year's are refused in words that name the year, and the outcome codes mean what the DfE
documents (ADR 0130)."""

from __future__ import annotations

import copy
from datetime import date

import pytest
from django.apps import apps as django_apps

from sendboard.casework.models import ActivePlan, Assessment, Child, Placement, Request, SenNeed, StatutoryStep
from sendboard.returns.framework import file_import
from sendboard.returns.sen2.importer import Sen2Importer
from sendboard.returns.sen2.years import COLLECTIONS
from tests.casework.helpers import make_case
from tests.returns.samples import person, write

pytestmark = pytest.mark.django_db


def run(path):
    return file_import(importer=Sen2Importer(), path=path, filename=path.name)


def year_header(year: int, **more) -> dict:
    header = {"Year": str(year), "ReferenceDate": COLLECTIONS[year].reference_date().isoformat()}
    if year >= 2025:
        header["DSCO"] = "N"
    return {**header, **more}


def refused(outcome):
    assert not outcome.loaded and Child.objects.count() == 0
    return [(p.field, p.rule, p.message) for p in outcome.report.problems]


def a_2025_person(**overrides):
    record = person(1, ethnicity="BBRI", **overrides)
    request = record["Request"][0]
    request["request_source"] = "2"
    request["ActivePlan"][0].update(
        review_meeting=date(2024, 11, 4),
        review_outcome="M",
        last_review=date(2024, 11, 20),
        review_draft=date(2024, 11, 25),
        phase_transfer_due=date(2025, 2, 15),
        phase_transfer_final=date(2025, 2, 10),
    )
    request["ActivePlan"][0]["PlacementDetail"][0]["residential"] = "B"
    request["ActivePlan"][0]["SENneed"] = [{"sen_type": "DS", "rank": 1}]
    return record


def test_the_census_day_is_the_third_thursday_of_january():
    assert [COLLECTIONS[y].reference_date() for y in (2023, 2024, 2025, 2026)] == [
        date(2023, 1, 19),
        date(2024, 1, 18),
        date(2025, 1, 16),
        date(2026, 1, 15),
    ]


def test_a_2025_file_with_the_items_sendboard_refused_before_loads_them(area, tmp_path):
    path = write(tmp_path / "y.xml", [a_2025_person()], **year_header(2025))
    text = path.read_text()
    for element in (
        "<RequestSource>2</RequestSource>",
        "<ReviewDraft>2024-11-25</ReviewDraft>",
        "<Res>B</Res>",
        "<PhaseTransferDueDate>2025-02-15</PhaseTransferDueDate>",
        "<Ethnicity>BBRI</Ethnicity>",
        "<SENtype>DS</SENtype>",
    ):
        assert element in text, element
    outcome = run(path)
    assert outcome.loaded, outcome.report.problems
    request = Request.objects.get()
    assert (request.request_source, request.child.ethnicity) == ("2", "BBRI")
    active = ActivePlan.objects.get()
    assert (active.review_draft, active.phase_transfer_due, active.phase_transfer_final) == (
        date(2024, 11, 25),
        date(2025, 2, 15),
        date(2025, 2, 10),
    )
    assert Placement.objects.get().residential == "B"
    assert SenNeed.objects.get().sen_type == "DS"


def test_the_placement_item_is_read_in_the_spelling_sendboard_wrote_before(area, tmp_path):
    path = write(tmp_path / "y.xml", [a_2025_person()], **year_header(2025))
    path.write_text(path.read_text().replace("<Res>B</Res>", "<RES>B</RES>"))
    assert run(path).loaded
    assert Placement.objects.get().residential == "B"


def test_an_item_of_a_later_year_is_refused_in_an_earlier_years_file(area, tmp_path):
    record = person(1)
    record["Request"][0]["request_source"] = "1"
    path = write(tmp_path / "y.xml", [record], **year_header(2024))
    assert "RequestSource" not in path.read_text()  # the writer leaves out what a year does not hold
    path.write_text(path.read_text().replace("</ReceivedDate>", "</ReceivedDate><RequestSource>1</RequestSource>"))
    problems = refused(run(path))
    assert (
        "RequestSource",
        "collection year",
        "RequestSource is not an item of the 2024 collection: a request may not contain it in a 2024 file",
    ) in problems


def test_a_code_of_a_later_year_is_refused_in_an_earlier_years_file(area, tmp_path):
    record = person(1)
    record["Request"][0]["ActivePlan"][0]["SENneed"] = [{"sen_type": "DS", "rank": 1}]
    problems = refused(run(write(tmp_path / "y.xml", [record], **year_header(2024))))
    assert problems == [("SENtype", "code list", "SENtype “DS” is not a code of the 2024 collection's SENtype list")]


def test_the_2023_collection_reads_gender_and_the_active_plans_residential_setting(area, tmp_path):
    record = person(1, sex="M")
    record["Request"][0]["ActivePlan"][0]["PlacementDetail"][0].update(residential="A", attendance_pattern="PT")
    path = write(tmp_path / "y.xml", [record], **year_header(2023))
    text = path.read_text()
    assert "<GenderCurrent>1</GenderCurrent>" in text and "<Sex>" not in text
    assert "<AttendancePattern>PT</AttendancePattern>" in text
    # In 2023, Res was an item of the active plan, after its placements.
    assert text.index("</PlacementDetail><Res>A</Res>") < text.index("<SENneed>")
    outcome = run(path)
    assert outcome.loaded, outcome.report.problems
    assert Child.objects.get().sex == "M"
    assert (Placement.objects.get().residential, Placement.objects.get().attendance_pattern) == ("A", "PT")


def test_sex_is_not_an_item_of_the_2023_collection(area, tmp_path):
    path = write(tmp_path / "y.xml", [person(1)], **year_header(2023))
    path.write_text(path.read_text().replace("<GenderCurrent>2</GenderCurrent>", "<Sex>F</Sex>"))
    problems = refused(run(path))
    assert (
        "Sex",
        "collection year",
        "Sex is not an item of the 2023 collection: a person may not contain it in a 2023 file",
    ) in problems
    assert ("GenderCurrent", "mandatory", "GenderCurrent is missing: every person must have one") in problems


def test_a_year_sendboard_does_not_read_is_refused_plainly(area, tmp_path):
    problems = refused(run(write(tmp_path / "y.xml", [person(1)], Year="2022", ReferenceDate="2022-01-20")))
    assert (
        "Year",
        "collection year",
        "Year 2022 is not a SEN2 collection sendboard reads: it reads the collections of 2023 to 2026",
    ) in problems


def test_a_year_after_the_newest_is_read_as_the_newest_collection(area, tmp_path):
    outcome = run(
        write(tmp_path / "y.xml", [a_2025_person()], **year_header(2026, Year="2027", ReferenceDate="2027-01-21"))
    )
    assert outcome.loaded, outcome.report.problems
    assert SenNeed.objects.get().sen_type == "DS"


def test_a_year_writes_only_the_officers_it_asks_about(area, tmp_path):
    text = write(tmp_path / "y.xml", [person(1)], **year_header(2024, DSCO="Y")).read_text()
    assert "<DMO>Y</DMO><DCO>Y</DCO></Source>" in text


def test_the_designated_officers_are_required_as_each_year_asks(area, tmp_path):
    header = {k: v for k, v in year_header(2026).items() if k != "DSCO"}
    problems = refused(run(write(tmp_path / "a.xml", [person(1)], **header)))
    assert problems == [
        (
            "DSCO",
            "header",
            "DSCO is missing: the 2026 collection asks whether the area has a Designated "
            "Social Care Officer (Y, N or R for recruitment in progress)",
        )
    ]
    problems = refused(run(write(tmp_path / "b.xml", [person(1)], **year_header(2024, DMO="maybe"))))
    assert problems == [
        ("DMO", "header", "DMO must be Y, N or R (whether the area has a Designated Medical Officer), found “maybe”")
    ]
    assert run(
        write(tmp_path / "c.xml", [person(1)], **year_header(2025, DSCO=None))
    ).loaded  # asked for, not required, in 2025


def test_an_undecided_request_loads_and_an_assessment_saying_only_undecided_is_left_out(area, tmp_path):
    record = person(1)
    request = record["Request"][0]
    request.update(outcome="A", outcome_date=None, ActivePlan=[])
    request["Assessment"] = [{"outcome": "A"}]
    outcome = run(write(tmp_path / "u.xml", [record], **year_header(2025)))
    assert outcome.loaded, outcome.report.problems
    assert outcome.report.counts["assessment with no decision left out"] == 1
    assert (Request.objects.get().outcome, Assessment.objects.count()) == ("A", 0)
    step = StatutoryStep.objects.get(step="decision_to_assess")
    assert step.done_date is None  # A is a decision yet to be made


def test_an_assessment_needs_a_request_that_proceeded_to_one(area, tmp_path):
    record = person(1)
    record["Request"][0]["outcome"] = "N"
    problems = refused(run(write(tmp_path / "n.xml", [record], **year_header(2025))))
    assert (
        "RequestOutcome",
        "consistency",
        "An Assessment is recorded but RequestOutcome is not Y (proceeded to an assessment) or H (historical)",
    ) in problems


def test_a_decision_needs_its_date_and_an_undecided_one_does_not(area, tmp_path):
    record = person(1)
    record["Request"][0]["outcome_date"] = None
    problems = refused(run(write(tmp_path / "d.xml", [record], **year_header(2025))))
    assert (
        "RequestOutcomeDate",
        "mandatory",
        "RequestOutcomeDate is missing: a request with the outcome Y needs the date of the decision",
    ) in problems


def test_a_repeated_module_is_named_with_the_right_article(area, tmp_path):
    record = person(1)
    record["Request"][0]["ActivePlan"].append(copy.deepcopy(record["Request"][0]["ActivePlan"][0]))
    problems = refused(run(write(tmp_path / "r.xml", [record], **year_header(2025))))
    assert ("ActivePlan", "repeated", "A request may hold only one ActivePlans") in problems
    record = person(2)
    record["Request"][0]["ActivePlan"][0]["transfer_la"] = "886"
    path = write(tmp_path / "s.xml", [record], **year_header(2025))
    path.write_text(path.read_text().replace("<TransferLA>886</TransferLA>", "<Assessment/>"))
    problems = refused(run(path))
    assert ("Assessment", "structure", "Assessment is not an element an active plan may contain") in problems


def test_historical_requests_have_no_decision_steps():
    child = make_case(received=date(2019, 9, 2), decided=None, outcome="H")
    from sendboard.casework.services import steps_refresh

    steps_refresh(child_ids=[child.id], as_of=date(2026, 1, 10))
    assert not StatutoryStep.objects.filter(child=child, step="decision_to_assess").exists()


def test_the_migration_gives_stored_request_outcomes_their_documented_meaning(capsys):
    import importlib

    migration = importlib.import_module("sendboard.casework.migrations.0006_sen2_documented_outcome_codes")
    old = [make_case(outcome="A", decided=date(2025, 10, 6)) for _ in range(3)]
    refused_child = make_case(outcome="N", decided=date(2025, 10, 6))
    Request.objects.filter(child__in=old).update(outcome="A")  # as stored before: A meant "decided to assess"
    migration.forwards(django_apps, None)
    assert sorted(Request.objects.values_list("outcome", flat=True)) == ["N", "Y", "Y", "Y"]
    assert Request.objects.get(child=refused_child).outcome == "N"
    assert "3 requests changed from A" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda p: p.update(ethnicity=None),
            ("Ethnicity", "mandatory", "Ethnicity is missing: every person must have one"),
        ),
        (
            lambda p: p.update(upn_unknown="UN4"),
            ("UPNunknown", "code list", "UPNunknown “UN4” is not a code in the UPNunknown list"),
        ),
        (
            lambda p: p["Request"][0]["ActivePlan"][0]["SENneed"][1].update(rank=3),
            ("SENtypeRank", "range", "SENtypeRank must be 1 (primary) or 2 (secondary), found 3"),
        ),
        (
            lambda p: p["Request"][0]["ActivePlan"][0]["SENneed"].append({"sen_type": "HI", "rank": 3}),
            ("SENneed", "how many", "An active plan records at most two SEN needs (primary and secondary), found 3"),
        ),
        (
            lambda p: p["Request"][0]["ActivePlan"][0]["PlacementDetail"][0].update(work_based="X"),
            ("WBP", "code list", "WBP “X” is not a code in the WorkBasedLearning list"),
        ),
    ],
)
def test_what_every_year_requires_of_a_person(area, tmp_path, change, expected):
    record = person(1)
    change(record)
    path = write(tmp_path / "p.xml", [record], **year_header(2025))
    path.write_text(path.read_text().replace("<Ethnicity>NOBT</Ethnicity>", ""))  # the writer never leaves it out
    assert expected in refused(run(path))


def test_a_register_without_ethnicity_writes_not_yet_obtained(area, tmp_path):
    import io

    from sendboard.returns.sen2.exporter import register_export
    from tests.casework.helpers import make_case

    child = make_case(area=area, outcome="Y", decided=date(2025, 10, 6))
    assert child.ethnicity == ""
    out = io.BytesIO()
    register_export(
        area=area,
        out=out,
        header={**year_header(2026), "Collection": "SEN2", "SourceLevel": "L", "LEA": "885", "DMO": "Y", "DCO": "Y"},
        extras=False,
    )
    assert b"<Ethnicity>NOBT</Ethnicity>" in out.getvalue()
