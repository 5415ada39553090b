"""Given the public SEN2 schemas and sample files (``sen2_public``, ADR 0130), then sendboard's SEN2 return for
each collection year is valid against that year's schema with its known defects patched, and is written again
byte for byte after a round trip through sendboard; and each public sample is accepted, or refused only for
what is wrong in it, with the record, field and rule named."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pytest
from lxml import etree

from sendboard.casework.models import Child, StatutoryStep
from sendboard.core.models import LocalArea
from sendboard.returns.framework import file_import, file_preview
from sendboard.returns.sen2.exporter import register_export, sen2_header
from sendboard.returns.sen2.importer import Sen2Importer
from sendboard.returns.sen2.reader import upn_check_letter
from sendboard.returns.sen2.years import COLLECTIONS, YEARS
from tests.returns.samples import person, write

pytestmark = pytest.mark.django_db
PUBLIC = Path(__file__).resolve().parent / "sen2_public"


@dataclass(frozen=True)
class Patch:
    """One known defect of the public schemas, and its correction."""

    why: str
    old: str
    new: str
    element: str  # an element whose valid value the defect refuses
    value: str


PATCHES = (
    Patch(
        "In XML Schema a pattern always matches the whole value: ^ and $ are ordinary characters there, so no URN "
        "matches. A URN is six digits.",
        'value="^\\d{1,6}$"',
        'value="\\d{6}"',
        "URN",
        "116000",
    ),
    Patch("The same for UKPRN, which is eight digits.", 'value="^\\d{8}$"', 'value="\\d{8}"', "UKPRN", "10000001"),
    Patch(
        "The same for the unique learner number, which is also ten digits, not eight.",
        'value="^[1-9][0-9]{7}$"',
        'value="[1-9][0-9]{9}"',
        "UniqueLearnerNumber",
        "1234567890",
    ),
    Patch(
        "LEA, TransferLA and Exported list only London's councils (and XXX); any council's three-digit code is valid.",
        '<xs:simpleType name="exportedandleatype">\n    <xs:restriction base="nonEmptyString">',
        '<xs:simpleType name="exportedandleatype">\n    <xs:restriction base="nonEmptyString">'
        '<xs:pattern value="\\d{3}"/>',
        "LEA",
        "885",
    ),
)


def upstream(year: int) -> str:
    return (PUBLIC / "schemas" / f"sen2_schema_{year}.xsd").read_text(encoding="utf-8")


def patched_text(year: int) -> str:
    text = upstream(year)
    for patch in PATCHES:
        assert patch.old in text, (year, patch.why)
        text = text.replace(patch.old, patch.new)
    if "exportedandleatype" in text:
        # Drop the London list once the pattern stands in for it: enumerations and a pattern would both apply.
        start = text.index('<xs:simpleType name="exportedandleatype">')
        end = text.index("</xs:simpleType>", start)
        block = text[start:end]
        kept = "\n".join(line for line in block.splitlines() if "<xs:enumeration" not in line)
        text = text[:start] + kept + text[end:]
    return text


def schema(year: int, *, patched: bool = True) -> etree.XMLSchema:
    text = patched_text(year) if patched else upstream(year)
    return etree.XMLSchema(etree.fromstring(text.encode("utf-8")))


def errors(xml_schema: etree.XMLSchema, body: bytes) -> list[str]:
    xml_schema.validate(etree.fromstring(body))
    return [f"line {e.line}: {e.message}" for e in xml_schema.error_log]


@pytest.fixture
def london(db):
    return LocalArea.objects.get_or_create(
        la_code="201",
        defaults={
            "name": "City of London",
            "gss_code": "E09000001",
            "region_name": "London",
            "region_code": "E12000007",
        },
    )[0]


def register_people() -> list[dict]:
    """Children through every stage the return holds: a plan with placements and needs, a ceased plan, a request
    refused, one withdrawn, one still undecided, a person known by ULN and one who moved away."""
    planned = person(1, ethnicity="BBRI")
    planned["Request"][0]["request_source"] = "2"
    planned["Request"][0]["ActivePlan"][0].update(
        transfer_la="886",
        review_meeting=date(2024, 11, 4),
        review_outcome="A",
        last_review=date(2024, 11, 20),
        review_draft=date(2024, 11, 25),
        phase_transfer_due=date(2025, 2, 15),
        phase_transfer_final=date(2025, 2, 10),
    )
    planned["Request"][0]["ActivePlan"][0]["PlacementDetail"][0].update(residential="B", work_based="S")
    planned["Request"][0]["ActivePlan"][0]["PlacementDetail"].append(
        {
            "urn": None,
            "ukprn": None,
            "sen_setting": "NIEO",
            "sen_setting_other": None,
            "placement_rank": 2,
            "entry_date": date(2024, 9, 2),
            "leaving_date": None,
            "residential": None,
            "work_based": None,
            "sen_unit": False,
            "resourced_provision": False,
        }
    )
    ceased = person(2, sex="M", uln="1234567890")
    ceased["Request"][0]["Assessment"][0]["NamedPlan"][0].update(cease_date=date(2024, 12, 2), cease_reason="3")
    refused = person(3, sex="M")
    refused["Request"][0].update(outcome="N", Assessment=[], ActivePlan=[], tribunal=True, exported_to="886")
    withdrawn = person(4)
    withdrawn["Request"][0].update(outcome="W", Assessment=[], ActivePlan=[])
    undecided = person(5)
    undecided["Request"][0].update(
        outcome="A", outcome_date=None, Assessment=[], ActivePlan=[], received_date=date(2024, 12, 9)
    )
    return [planned, ceased, refused, withdrawn, undecided]


def export(area, year: int, *, extras: bool = False) -> bytes:
    out = io.BytesIO()
    header = sen2_header(
        area=area,
        reference_date=COLLECTIONS[year].reference_date(),
        year=year,
        serial_no=1,
        created=datetime(year, 1, 20, 9, 30),
        officers={"DMO": "Y", "DCO": "N", "DSCO": "R"},
    )
    register_export(area=area, out=out, header=header, extras=extras)
    return out.getvalue()


def run(path):
    return file_import(importer=Sen2Importer(), path=path, filename=path.name)


@pytest.mark.parametrize("patch", PATCHES, ids=[p.element for p in PATCHES])
@pytest.mark.parametrize("year", YEARS)
def test_each_defect_is_still_in_the_upstream_schema_and_the_patch_corrects_it(year, patch):
    assert patch.old in upstream(year)
    wrong = errors(schema(year, patched=False), minimal_message(year, patch))
    assert any(f"Element '{patch.element}'" in e for e in wrong), wrong
    assert errors(schema(year), minimal_message(year, patch)) == []


def minimal_message(year: int, patch: Patch) -> bytes:
    """The smallest message valid in the year's patched schema, holding ``patch.value`` in ``patch.element``."""
    sex = "<GenderCurrent>1</GenderCurrent>" if year == 2023 else "<Sex>M</Sex>"
    uln = f"<UniqueLearnerNumber>{patch.value}</UniqueLearnerNumber>" if patch.element == "UniqueLearnerNumber" else ""
    lea = patch.value if patch.element == "LEA" else "201"
    setting = (
        f"<{patch.element}>{patch.value}</{patch.element}>"
        if patch.element in ("URN", "UKPRN")
        else "<SENSetting>OLA</SENSetting>"
    )
    return f"""<Message><Header><CollectionDetails><Collection>SEN2</Collection><Year>{year}</Year></CollectionDetails>
<Source><SourceLevel>L</SourceLevel><LEA>{lea}</LEA><DMO>Y</DMO><DCO>Y</DCO></Source></Header>
<Persons><Person><Surname>A</Surname><Forename>B</Forename><PersonBirthDate>2014-03-02</PersonBirthDate>{sex}
<Ethnicity>WBRI</Ethnicity>{uln}<Requests><ReceivedDate>2023-09-04</ReceivedDate><ActivePlans><PlacementDetail>{setting}
<PlacementRank>1</PlacementRank></PlacementDetail></ActivePlans></Requests></Person></Persons></Message>""".encode()


@pytest.mark.parametrize("year", YEARS)
def test_the_sen2_return_is_valid_against_the_years_patched_schema(area, tmp_path, year):
    assert run(write(tmp_path / "register.xml", register_people())).loaded
    body = export(area, year)
    assert errors(schema(year), body) == []
    assert b"sendboard" not in body.replace(b"<SoftwareCode>sendboard</SoftwareCode>", b"")
    # Unpatched, the same file fails, and only for the schema's defects.
    defective = {"URN", "UKPRN", "UniqueLearnerNumber", "LEA", "TransferLA", "Exported"}
    unpatched = errors(schema(year, patched=False), body)
    assert unpatched and all(any(f"Element '{name}'" in e for name in defective) for e in unpatched), unpatched


@pytest.mark.parametrize("year", YEARS)
def test_export_import_export_is_byte_identical_for_each_year(area, tmp_path, year):
    assert run(write(tmp_path / "register.xml", register_people())).loaded
    first = export(area, year)
    StatutoryStep.objects.all().delete()
    Child.objects.all().delete()
    path = tmp_path / "return.xml"
    path.write_bytes(first)
    outcome = run(path)
    assert outcome.loaded, outcome.report.problems
    assert export(area, year) == first


def test_the_items_of_each_year_are_written_in_the_years_order(area, tmp_path):
    assert run(write(tmp_path / "register.xml", register_people())).loaded
    body_2025, body_2026 = export(area, 2025).decode(), export(area, 2026).decode()
    # 2025: LastReview before ReviewOutcome; 2026: LastReview last. A module's fields follow its child modules
    # where the year's structure puts them there.
    assert body_2025.index("<LastReview>") < body_2025.index("<ReviewOutcome>")
    assert body_2026.index("<PhaseTransferFinalDate>") < body_2026.index("<LastReview>")
    assert body_2026.index("</PlanDetail>") < body_2026.index("<PlanRes>") if "<PlanRes>" in body_2026 else True
    assert body_2026.index("</SENneed>") < body_2026.index("<ReviewMeeting>")
    assert "<RequestSource>2</RequestSource>" in body_2026 and "<RequestSource>" not in export(area, 2024).decode()


def test_a_2023_return_writes_the_settings_added_in_2024_as_other(area, tmp_path):
    assert run(write(tmp_path / "register.xml", register_people())).loaded
    body = export(area, 2023).decode()
    assert "<SENSetting>OTH</SENSetting><SENSettingOther>Not in education or training: other</SENSettingOther>" in body
    assert "NIEO" not in body and "<SENSetting>NIEO</SENSetting>" in export(area, 2024).decode()


def test_the_sendboard_copy_keeps_the_casework_the_return_does_not_carry(area, tmp_path):
    assert run(write(tmp_path / "register.xml", register_people())).loaded
    copy_body = export(area, 2026, extras=True)
    assert b"<sb:DraftPlanIssued>2023-12-18</sb:DraftPlanIssued>" in copy_body and b"<sb:Advice>" in copy_body
    assert b"DraftPlanIssued" not in export(area, 2026)
    StatutoryStep.objects.all().delete()
    Child.objects.all().delete()
    path = tmp_path / "copy.xml"
    path.write_bytes(copy_body)
    assert run(path).loaded
    assert export(area, 2026, extras=True) == copy_body


# Each public sample, and what sendboard says of it: (field, rule) of every problem, or None where it loads.
SAMPLES = {
    "sen2_sample_2024.xml": {("UPN", "length")},
    "sen2_sample_2025.xml": {("UPN", "length")},
    "bad_sen2_sample_2024.xml": {("UPN", "length"), ("UPN", "1510")},
    "sen2_2023.xml": {("", "well-formed XML"), ("", "not a SEN2 file")},
    "SEN2-2023-mockup.xml": {("schema", "not a SEN2 file")},
    "sen2_2022_xsd_schema_version_1.xsd": {("schema", "not a SEN2 file")},
}


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_each_public_sample_is_refused_only_for_what_is_wrong_in_it(london, name):
    outcome = file_preview(importer=Sen2Importer(), path=PUBLIC / "samples" / name)
    assert {(p.field, p.rule) for p in outcome.report.problems} == SAMPLES[name], outcome.report.problems


def test_the_2024_and_2025_samples_load_once_their_upns_are_thirteen_characters(london, tmp_path):
    for year in (2024, 2025):
        text = (PUBLIC / "samples" / f"sen2_sample_{year}.xml").read_text()
        for n, wrong in enumerate(("X1234567898765", "X1234567898321"), start=1):
            tail = f"201{n:09d}"
            text = text.replace(wrong, upn_check_letter(tail) + tail)
        path = tmp_path / f"fixed_{year}.xml"
        path.write_text(text)
        outcome = run(path)
        assert outcome.loaded, outcome.report.problems
        assert outcome.report.counts["person"] == 2
    assert Child.objects.filter(local_area=london).count() == 2


def test_the_malformed_2023_sample_is_refused_for_each_of_its_defects_in_words(london):
    outcome = file_preview(importer=Sen2Importer(), path=PUBLIC / "samples" / "sen2_sample_2023.xml")
    problems = {(p.field, p.rule): p.message for p in outcome.report.problems}
    assert (
        problems[("ReferenceDate", "header")]
        == "ReferenceDate must fall in the collection's Year (the January census day)"
    )
    assert "GenderCurrent is not an item of the 2024 collection" in problems[("GenderCurrent", "collection year")]
    assert problems[("Ethnicity", "code list")] == "Ethnicity “XXXX” is not a code in the Ethnicity list"
    assert problems[("UPN", "length")] == "UPN must be 13 characters or fewer, found 18"
    assert ("RequestOutcome", "code list") in problems
    records = {p.record for p in outcome.report.problems if p.field == "Ethnicity"}
    assert records == {"Person 3 (line 135)"}
