"""The demo content is Worcestershire's real inspection as the seeds and Ofsted's published data record it."""

import io
import re
import zipfile
from datetime import date
from pathlib import Path

import pytest
from lxml import etree

from sendboard.audit.models import Change
from sendboard.plans import demo
from sendboard.plans.models import (
    Action,
    Finding,
    Inspection,
    InspectionEvent,
    Judgement,
    Milestone,
    MonitoringVisit,
    ProgressUpdate,
    Workstream,
)
from sendboard.statistics.published import open_published

pytestmark = pytest.mark.django_db
SOURCES = Path(__file__).resolve().parent / "sources"
TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"


def _ods_row(area: str) -> list[str]:
    """The area's row of Ofsted's published area SEND inspection outcomes (ODS read with lxml)."""
    with open_published("Area_SEND_inspection_data_01_May_2016_to_31_August_2022.ods", binary=True) as handle:
        root = etree.fromstring(zipfile.ZipFile(handle).read("content.xml"))
    for row in root.iter(f"{{{TABLE}}}table-row"):
        cells = []
        for cell in row.findall(f"{{{TABLE}}}table-cell"):
            repeat = min(int(cell.get(f"{{{TABLE}}}number-columns-repeated", "1")), 20)
            cells += [" ".join("".join(p.itertext()) for p in cell.findall(f"{{{TEXT}}}p"))] * repeat
        if len(cells) > 2 and cells[2] == area:
            return cells
    raise AssertionError(f"{area} not in the published data")


def _rows():
    return [
        list(model.objects.order_by("pk").values())
        for model in (
            Inspection,
            InspectionEvent,
            Finding,
            Judgement,
            Milestone,
            Workstream,
            Action,
            ProgressUpdate,
            MonitoringVisit,
            Change,
        )
    ]


def test_loading_twice_changes_nothing(demo_loaded):
    first = _rows()
    demo.load_demo(stdout=io.StringIO())
    assert _rows() == first


def test_the_findings_are_the_hwbb_reports_list_a_to_m(demo_loaded):
    report = re.sub(r"\s+", " ", (SOURCES / "hwbb-report-2018-11-13.txt").read_text())
    listed = report.split("the following 12 areas of significant weakness:")[1].split(
        "The Written Statement of Action"
    )[0]
    inspection = Inspection.objects.get(title=demo.INSPECTION_TITLE)
    findings = list(inspection.findings.order_by("reference"))
    assert [f.reference for f in findings] == list("abcdefghijklm")
    for finding in findings:
        assert f"{finding.reference}) {finding.text}" in listed, finding.reference


def test_the_dates_are_the_seeds(demo_loaded):
    inspection = Inspection.objects.get(title=demo.INSPECTION_TITLE)
    events = {(e.kind, e.date) for e in inspection.events.all()}
    assert {
        ("on_site_started", date(2018, 3, 5)),
        ("on_site_ended", date(2018, 3, 9)),
        ("report_published", date(2018, 5, 16)),
        ("statement_submitted", date(2018, 8, 20)),
        ("statement_found_fit", date(2018, 9, 14)),
        ("statement_found_fit", date(2018, 10, 16)),
        ("monitoring_visit", date(2018, 9, 5)),
    } <= events
    assert "14 September 2018" in inspection.notes and "16 October 2018" in inspection.notes
    milestones = {
        m.rule.code: (m.due_date, m.actual_date, m.met)
        for m in inspection.milestones.filter(sequence=1).select_related("rule")
    }
    assert milestones["wsoa-submit"] == (date(2018, 8, 23), date(2018, 8, 20), True)
    assert milestones["wsoa-evaluate"] == (date(2018, 9, 4), date(2018, 9, 14), False)
    assert milestones["advice-to-minister"][0] == date(2019, 5, 16)


def test_the_revisit_judgements_match_the_letter_and_the_published_data(demo_loaded):
    row = _ods_row("Worcestershire")
    assert row[4:13] == ["05/03/2018", "16/05/2018", "Yes", "12", "01/11/2021", "13/01/2022", "Some", "8", "4"]
    revisit = Inspection.objects.get(title=demo.REVISIT_TITLE)
    judgements = list(revisit.judgements.prefetch_related("findings"))
    assert len(judgements) == int(row[7])
    assert sum(j.progress == "sufficient" for j in judgements) == int(row[11])
    assert sum(j.progress == "not_sufficient" for j in judgements) == int(row[12])
    not_sufficient = sorted(f.reference for j in judgements if j.progress == "not_sufficient" for f in j.findings.all())
    assert not_sufficient == ["f", "g", "h", "i"]
    letter = re.sub(r"\s+", " ", (SOURCES / "revisit-letter-2021-12-14.txt").read_text())
    assert "has not made sufficient progress" in letter and "eight of the 12" in letter
    assert {e.date for e in revisit.events.all()} == {date(2021, 11, 1), date(2021, 12, 14), date(2022, 1, 13)}


def test_the_five_workstreams_name_workstream_4_and_mark_the_rest_illustrative(demo_loaded):
    workstreams = {w.number: w for w in demo_loaded.workstreams.prefetch_related("leads__organisation")}
    assert sorted(workstreams) == [1, 2, 3, 4, 5]
    assert workstreams[4].title == "Joint Commissioning and Leadership" and not workstreams[4].illustrative
    assert all(workstreams[n].illustrative and "illustrative" in workstreams[n].title for n in (1, 2, 3, 5))
    for workstream in workstreams.values():
        assert len({lead.organisation_id for lead in workstream.leads.all()}) > 1, (
            "joint leads from more than one organisation"
        )
    assert all(a.illustrative and "illustrative" in a.title for a in Action.objects.all())


def test_the_public_page_says_which_demo_content_is_illustrative(client, demo_loaded):
    finding = Finding.objects.get(reference="i")
    page = client.get(f"/plans/progress/findings/{finding.pk}/").text
    assert page.count("This action is illustrative demonstration content.") == 2
