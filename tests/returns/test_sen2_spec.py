"""Given SEN2 files shaped as the DfE's technical specification describes (ADR 0026), when they are imported,
then they load; and each rule of the specification that sendboard applies refuses a file that breaks it, with
the DfE's rule number in the problem where the DfE numbers the rule."""

from __future__ import annotations

from datetime import date

import pytest

from sendboard.casework.models import Child, NamedPlan, Placement, PlanDetail, Request
from sendboard.returns.framework import file_import
from sendboard.returns.sen2.importer import Sen2Importer
from sendboard.returns.sen2.reader import upn_check_letter, upn_problems
from tests.returns.samples import person, upn, write

pytestmark = pytest.mark.django_db

# Written by hand from the specification (section 3.2): no sendboard namespace, the DfE's element names,
# indicators as 1/0 (one as "true", which xs:boolean also allows), SENsetting spelled as in the guide's items.
SPEC_FILE = """<?xml version="1.0" encoding="UTF-8"?>
<Message>
  <Header>
    <CollectionDetails><Collection>SEN2</Collection><Year>2025</Year><ReferenceDate>2025-01-16</ReferenceDate></CollectionDetails>
    <Source><SourceLevel>L</SourceLevel><LEA>885</LEA><SoftwareCode>Local Authority</SoftwareCode><Release>ver 3.1</Release>
      <SerialNo>001</SerialNo><DateTime>2025-01-20T11:14:05</DateTime><DMO>Y</DMO><DCO>R</DCO></Source>
  </Header>
  <Persons>
    <Person>
      <Surname>Example</Surname><Forename>Bea</Forename><PersonBirthDate>2012-05-01</PersonBirthDate><Sex>F</Sex>
      <Ethnicity>WBRI</Ethnicity><PostCode>WR1 2AB</PostCode><UPN>{upn}</UPN>
      <Requests>
        <ReceivedDate>2023-03-01</ReceivedDate><RYA>0</RYA><RequestOutcomeDate>2023-04-05</RequestOutcomeDate>
        <RequestOutcome>Y</RequestOutcome><RequestMediation>0</RequestMediation><RequestTribunal>0</RequestTribunal><Exported>0</Exported>
        <Assessment>
          <AssessmentOutcome>Y</AssessmentOutcome><AssessmentOutcomeDate>2023-06-20</AssessmentOutcomeDate>
          <AssessmentMediation>0</AssessmentMediation><AssessmentTribunal>0</AssessmentTribunal>
          <OtherMediation>0</OtherMediation><OtherTribunal>0</OtherTribunal><Week20>true</Week20>
          <NamedPlan>
            <StartDate>2023-07-18</StartDate><PlanRes>B</PlanRes><PB>1</PB><OA>0</OA>
            <PlanDetail><SENsetting>OLA</SENsetting><PlacementRank>1</PlacementRank><SENunitIndicator>0</SENunitIndicator>
              <ResourcedProvisionIndicator>0</ResourcedProvisionIndicator></PlanDetail>
          </NamedPlan>
        </Assessment>
        <ActivePlans>
          <TransferLA>886</TransferLA>
          <PlacementDetail><URN>116000</URN><PlacementRank>1</PlacementRank><EntryDate>2023-09-04</EntryDate><RES>A</RES>
            <SENunitIndicator>1</SENunitIndicator><ResourcedProvisionIndicator>0</ResourcedProvisionIndicator></PlacementDetail>
          <SENneed><SENtype>SEMH</SENtype><SENtypeRank>1</SENtypeRank></SENneed>
          <ReviewMeeting>2024-07-01</ReviewMeeting><ReviewOutcome>M</ReviewOutcome><LastReview>2024-07-10</LastReview>
        </ActivePlans>
      </Requests>
    </Person>
  </Persons>
</Message>
"""


def run(path):
    return file_import(importer=Sen2Importer(), path=path, filename=path.name)


def refused(outcome):
    assert not outcome.loaded and Child.objects.count() == 0
    return [(p.field, p.rule, p.message) for p in outcome.report.problems]


def test_a_file_written_from_the_specification_loads(area, tmp_path):
    path = tmp_path / "spec.xml"
    path.write_text(SPEC_FILE.format(upn=upn(7)))
    outcome = run(path)
    assert outcome.loaded, outcome.report.problems
    child = Child.objects.get()
    assert (child.upn, child.forename, child.birth_date) == (upn(7), "Bea", date(2012, 5, 1))
    request = Request.objects.get()
    assert (request.received_date, request.outcome, request.rya) == (date(2023, 3, 1), "Y", False)
    assert request.assessment.week20_exception is True
    plan = NamedPlan.objects.get()
    assert (plan.plan_res, plan.personal_budget, plan.organised_arrangements) == ("B", True, False)
    assert PlanDetail.objects.get().sen_setting == "OLA"  # read from <SENsetting>, the guide's spelling
    placement = Placement.objects.get()
    assert (placement.urn, placement.residential, placement.sen_unit) == ("116000", "A", True)
    active = request.active_plan
    assert (active.transfer_la, active.review_outcome, active.last_review) == ("886", "M", date(2024, 7, 10))


def test_the_writer_uses_the_specifications_element_names(area, tmp_path):
    text = write(tmp_path / "a.xml", [person(1)]).read_text()
    for element in (
        "<Requests>",
        "</Requests>",
        "<ActivePlans>",
        "<SENSetting>" if "SENSetting" in text else "<URN>",
        "<RYA>0</RYA>",
        "<SENunitIndicator>0</SENunitIndicator>",
        "<CollectionDetails>",
        "<SourceLevel>L</SourceLevel>",
    ):
        assert element in text, element
    assert "<Request>" not in text and "<ActivePlan>" not in text and ">true<" not in text and ">false<" not in text


def test_the_assumed_element_names_of_before_are_refused(area, tmp_path):
    path = tmp_path / "old.xml"
    path.write_text(write(tmp_path / "a.xml", [person(1)]).read_text().replace("Requests>", "Request>"))
    problems = refused(run(path))
    assert ("Request", "structure", "Request is not an element a person may contain") in problems


def test_upn_check_letter_worked_by_hand():
    # 885000000001: positions 2..13 times the digits: 2*8 + 3*8 + 4*5 + 13*1 = 16 + 24 + 20 + 13 = 73;
    # 73 = 3*23 + 4, and the letter at index 4 of ABCDEFGHJKLMNPQRTUVWXYZ is E.
    assert upn_check_letter("885000000001") == "E"
    assert upn(1) == "E885000000001" and upn_problems("E885000000001") == []


@pytest.mark.parametrize(
    ("bad_upn", "rule", "words"),
    [
        ("A885000000001", "1510", "DfE rule 1510: UPN invalid (wrong check letter at character 1)"),
        ("E8850000X0001", "1540", "DfE rule 1540: UPN invalid (characters 5-12 not all numeric)"),
        ("E88500000000I", "1550", "DfE rule 1550: UPN invalid (character 13 not a recognised value)"),
    ],
)
def test_each_upn_rule_refuses_a_file(area, tmp_path, bad_upn, rule, words):
    problems = refused(run(write(tmp_path / "u.xml", [person(1, upn=bad_upn)])))
    assert problems == [("UPN", rule, words)]


def test_a_temporary_upn_with_a_letter_at_the_end_is_accepted(area, tmp_path):
    tail = "88500000000A"
    assert run(write(tmp_path / "t.xml", [person(1, upn=upn_check_letter(tail) + tail)])).loaded


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (
            {"Year": "2024"},
            ("ReferenceDate", "header", "ReferenceDate must fall in the collection's Year (the January census day)"),
        ),
        ({"Year": "25"}, ("Year", "header", "Year must be the collection's year written YYYY, found “25”")),
        (
            {"SourceLevel": "S"},
            ("SourceLevel", "header", "SourceLevel must be L (a local authority's return), found “S”"),
        ),
        ({"Collection": "CIN"}, ("Collection", "header", "Collection must be SEN2, found “CIN”")),
    ],
)
def test_header_rules(area, tmp_path, header, expected):
    assert refused(run(write(tmp_path / "h.xml", [person(1)], **header))) == [expected]


def test_identifiers_must_be_digits_of_their_length(area, tmp_path):
    bad = person(1)
    bad["Request"][0]["ActivePlan"][0]["PlacementDetail"][0]["urn"] = "11600A"
    bad["Request"][0]["ActivePlan"][0]["transfer_la"] = "88"
    assert refused(run(write(tmp_path / "d.xml", [bad]))) == [
        ("TransferLA", "format", "TransferLA must be 3 digits, found “88”"),
        ("URN", "format", "URN must be 6 digits, found “11600A”"),
    ]


def test_indicators_must_be_one_or_zero(area, tmp_path):
    path = tmp_path / "b.xml"
    path.write_text(write(tmp_path / "a.xml", [person(1)]).read_text().replace("<RYA>0</RYA>", "<RYA>yes</RYA>"))
    assert refused(run(path)) == [("RYA", "boolean", "RYA must be 1 (yes) or 0 (no), found “yes”")]


def test_residential_codes_come_from_their_list(area, tmp_path):
    bad = person(1)
    bad["Request"][0]["Assessment"][0]["NamedPlan"][0]["plan_res"] = "C"
    assert refused(run(write(tmp_path / "r.xml", [bad]))) == [
        ("PlanRes", "code list", "PlanRes “C” is not a code in the PlanRes list")
    ]
