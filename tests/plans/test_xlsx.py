"""Plan import from the .xlsx template (validated whole, all or nothing) and export back to .xlsx."""

import io
from datetime import date, datetime

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from sendboard.accounts.roles import Role
from sendboard.plans import services, xlsx
from sendboard.plans.models import Action, Plan, Workstream
from sendboard.returns.models import ImportJob
from tests import bombs
from tests.html import page, table_rows, text_of
from tests.jobs import run_queued_jobs

pytestmark = pytest.mark.django_db


def _workbook(rows, headers=xlsx.HEADERS, sheet=xlsx.SHEET) -> bytes:
    book = Workbook()
    ws = book.active
    ws.title = sheet
    ws.append(headers)
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_valid_workbook_imports_every_action(small_plan, leader):
    data = _workbook(
        [
            [
                1,
                "",
                "1.2",
                "Co-design the search",
                small_plan["owner"].username,
                datetime(2026, 3, 1),
                datetime(2026, 9, 30),
                "a",
                "",
            ],
            [
                2,
                "Communications",
                "2.1",
                "Newsletter",
                leader.username,
                "01/04/2026",
                "2026-12-31",
                "",
                "A newsletter for families",
            ],
        ]
    )
    assert xlsx.plan_import(user=leader, plan=small_plan["plan"], data=data) == 2
    created = Action.objects.get(reference="2.1")
    assert (created.workstream.title, created.start_date, created.due_date, created.public_summary) == (
        "Communications",
        date(2026, 4, 1),
        date(2026, 12, 31),
        "A newsletter for families",
    )
    assert list(Action.objects.get(reference="1.2").findings.values_list("reference", flat=True)) == ["a"]


def test_every_problem_is_reported_by_row_and_column_and_nothing_is_imported(small_plan, leader):
    data = _workbook(
        [
            [1, "", "1.2", "Fine row", small_plan["owner"].username, "01/03/2026", "30/09/2026", "a", ""],
            ["one", "", "", "", "nobody", "31/02/2026", "yesterday", "z", ""],
            [1, "", "1.1", "Duplicate of an existing action", leader.username, "01/05/2026", "01/04/2026", "", ""],
            [3, "", "3.1", "New workstream without a title", leader.username, "01/05/2026", "01/06/2026", "", ""],
        ]
    )
    with pytest.raises(xlsx.ImportRejected) as rejected:
        xlsx.plan_import(user=leader, plan=small_plan["plan"], data=data)
    problems = {(p.record, p.field, p.rule) for p in rejected.value.problems}
    assert problems == {
        ("row 3", "Workstream number", "whole number"),
        ("row 3", "Action reference", "required"),
        ("row 3", "Action", "required"),
        ("row 3", "Owner username", "unknown user"),
        ("row 3", "Start date", "required"),
        ("row 3", "Due date", "required"),
        ("row 3", "Findings", "unknown finding"),
        ("row 4", "Action reference", "duplicate"),
        ("row 4", "Due date", "date order"),
        ("row 5", "Workstream title", "new workstream"),
    }
    assert Action.objects.count() == 1 and Workstream.objects.count() == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"not a workbook at all", "not an .xlsx workbook"),
        (b"PK\x03\x04broken zip", "not an .xlsx workbook"),
        (_workbook([], sheet="Sheet1"), "no sheet called 'Actions'"),
        (_workbook([[1]], headers=["Wrong", "Headings"]), "first row must be the template's headings"),
        (_workbook([]), "no actions"),
    ],
)
def test_a_malformed_file_gets_a_clear_error(small_plan, leader, data, message):
    with pytest.raises(xlsx.ImportRejected) as rejected:
        xlsx.plan_import(user=leader, plan=small_plan["plan"], data=data)
    assert message in rejected.value.problems[0].message
    assert Action.objects.count() == 1


@settings(max_examples=30, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(data=st.binary(max_size=400))
def test_arbitrary_bytes_never_import_and_never_crash(small_plan, leader, data):
    with pytest.raises(xlsx.ImportRejected):
        xlsx.plan_import(user=leader, plan=small_plan["plan"], data=data)
    assert Action.objects.count() == 1


def test_a_closed_plan_takes_no_import(small_plan, leader):
    Plan.objects.filter(pk=small_plan["plan"].pk).update(status="closed")
    small_plan["plan"].refresh_from_db()
    with pytest.raises(xlsx.ImportRejected) as rejected:
        xlsx.plan_import(user=leader, plan=small_plan["plan"], data=_workbook([]))
    assert "is closed" in rejected.value.problems[0].message


def test_export_reimports_into_another_plan(client, sign_in, small_plan, leader):
    sign_in(Role.AREA_LEADER)
    exported = client.get(reverse("plans:export", args=[small_plan["plan"].pk])).content
    rows = list(load_workbook(io.BytesIO(exported))[xlsx.SHEET].iter_rows(values_only=True))
    assert rows[0][:9] == tuple(xlsx.HEADERS) and rows[1][2:4] == ("1.1", "Rebuild the website")
    other = Plan.objects.create(inspection=small_plan["inspection"], kind="wsoa", title="Copy", status="active")
    assert xlsx.plan_import(user=leader, plan=other, data=exported) == 1
    assert other.workstreams.get().actions.get().due_date == date(2027, 3, 31)


def test_the_import_page_lists_problems_and_keeps_nothing(client, sign_in, small_plan):
    sign_in(Role.AREA_LEADER)
    url = reverse("plans:import", args=[small_plan["plan"].pk])
    assert "Choose the .xlsx file to import" in client.post(url, {}).text
    upload = io.BytesIO(_workbook([[1, "", "1.9", "x", "nobody", "01/03/2026", "01/02/2026", "", ""]]))
    upload.name = "plan.xlsx"
    preview = client.post(url, {"file": upload}, follow=True).content
    assert text_of(page(preview).find(".//h1")) == "The file cannot be loaded"
    assert [row[:3] for row in table_rows(preview, "Problems")] == [
        ["row 2", "Owner username", "unknown user"],
        ["row 2", "Due date", "date order"],
    ]
    assert [text_of(b) for b in page(preview).find_class("govuk-button")] == []
    assert Action.objects.count() == 1
    template = client.get(reverse("plans:import-template"))
    assert load_workbook(io.BytesIO(template.content))[xlsx.SHEET]["A1"].value == "Workstream number"


def test_exported_text_never_becomes_a_formula(client, sign_in, small_plan, leader):
    services.action_update(
        user=leader, action=small_plan["action"], title='=HYPERLINK("http://example.invalid","Click")'
    )
    sign_in(Role.AREA_LEADER)
    exported = client.get(reverse("plans:export", args=[small_plan["plan"].pk])).content
    cell = load_workbook(io.BytesIO(exported))[xlsx.SHEET]["D2"]
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")


def test_an_oversized_workbook_is_refused_before_it_is_read(client, sign_in, small_plan, monkeypatch):
    from sendboard.plans import forms

    monkeypatch.setattr(forms, "MAX_WORKBOOK_BYTES", 10)
    sign_in(Role.AREA_LEADER)
    upload = io.BytesIO(_workbook([]))
    upload.name = "plan.xlsx"
    assert (
        "The file must be smaller than 5 MB"
        in client.post(reverse("plans:import", args=[small_plan["plan"].pk]), {"file": upload}).text
    )


def _upload(client, plan, data: bytes):
    upload = io.BytesIO(data)
    upload.name = "plan.xlsx"
    return client.post(reverse("plans:import", args=[plan.pk]), {"file": upload}, follow=True)


def test_the_import_page_previews_then_loads_as_a_job_once_per_plan(client, sign_in, small_plan):
    """Upload, preview (what the file holds), load as a job; the same file again is recognised for this plan, and
    may still be loaded into another."""
    sign_in(Role.AREA_LEADER)
    plan = small_plan["plan"]
    owner = small_plan["owner"].username
    data = _workbook([[3, "Travel", "3.1", "Buses", owner, "01/03/2026", "01/09/2026", "", ""]])
    preview = _upload(client, plan, data)
    assert text_of(page(preview.content).find(".//h1")) == "Check the file before loading it"
    assert [text_of(row) for row in page(preview.content).find_class("govuk-summary-list__row")] == [
        "Actions 1",
        "New workstreams 1",
        "Problems found None",
    ]
    assert Action.objects.count() == 1
    job_url = client.post(preview.redirect_chain[-1][0])["Location"]
    job = ImportJob.objects.get()
    assert job_url == reverse("plans:import-job", args=[plan.pk, job.public_id]) and job.target == str(plan.pk)
    run_queued_jobs()
    assert text_of(page(client.get(job_url).content).find(".//h1")) == "The file is loaded"
    assert Workstream.objects.get(number=3).actions.get().title == "Buses"
    again = _upload(client, plan, data)
    assert text_of(page(again.content).find(".//h1")) == "This file was loaded before"
    other = Plan.objects.create(inspection=small_plan["inspection"], kind="wsoa", title="Copy", status="active")
    elsewhere = _upload(client, other, data)
    assert text_of(page(elsewhere.content).find(".//h1")) == "Check the file before loading it"


def test_a_plan_import_job_is_not_found_under_another_plan(client, sign_in, small_plan):
    sign_in(Role.AREA_LEADER)
    plan = small_plan["plan"]
    data = _workbook([[1, "", "1.5", "More", small_plan["owner"].username, "01/03/2026", "01/09/2026", "", ""]])
    preview_url = _upload(client, plan, data).redirect_chain[-1][0]
    other = Plan.objects.create(inspection=small_plan["inspection"], kind="wsoa", title="Copy", status="active")
    assert client.get(preview_url.replace(f"/plans/{plan.pk}/", f"/plans/{other.pk}/")).status_code == 404
    job = ImportJob.objects.get(public_id=client.post(preview_url)["Location"].rstrip("/").split("/")[-1])
    assert client.get(reverse("plans:import-job", args=[other.pk, job.public_id])).status_code == 404


def test_regression_decompression_bombs_in_a_plan_xlsx(client, sign_in, small_plan):
    """Finding: an 82 KB plan .xlsx raised the server's memory by 150 MB and held a request for 19.5 s."""
    sign_in(Role.AREA_LEADER)
    for bomb, words in (
        (bombs.xlsx_sheet_bomb(_workbook([]), megabytes=25), "expands more than 100 times"),
        (bombs.xlsx_shared_strings_bomb(_workbook([]), count=120_000), "more than 100,000 different pieces of text"),
    ):
        assert len(bomb) < 400 * 1024
        responses: list = []
        held = bombs.peak_memory(
            lambda data=bomb, answers=responses: answers.append(_upload(client, small_plan["plan"], data))
        )
        assert responses[0].status_code == 200 and words in responses[0].text
        assert held < 16 * bombs.MB
    assert Action.objects.count() == 1


_SHEET_WITH_SHARED_STRING = (
    b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    b'<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>'
)


@pytest.mark.parametrize(
    "damage", ["workbook.xml", "workbook.xml names no sheet part", "sharedStrings.xml", "sheet1.xml", "NUL byte"]
)
def test_regression_server_errors_on_malformed_uploads_plan_xlsx(client, sign_in, small_plan, damage):
    """Finding: a malformed workbook.xml or shared-strings part in a plan .xlsx gave a server error."""
    base = _workbook([[1, "", "1.2", "Fine", small_plan["owner"].username, "01/03/2026", "30/09/2026", "", ""]])
    data = {
        "workbook.xml": bombs.zip_replacing(
            base,
            {
                "xl/workbook.xml": b'<workbook xmlns="http://schemas.openxmlformats.org/'
                b'spreadsheetml/2006/main"><sheets><sheet name="Actions"'
            },
        ),
        "workbook.xml names no sheet part": bombs.zip_replacing(
            base,
            {
                "xl/workbook.xml": b'<workbook xmlns="http://schemas.'
                b'openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet '
                b'name="Actions" sheetId="1" r:id="rId9" xmlns:r="http://schemas.'
                b'openxmlformats.org/officeDocument/2006/relationships"/></sheets>'
                b"</workbook>"
            },
        ),
        "sharedStrings.xml": bombs.zip_replacing(
            bombs.xlsx_with_shared_strings(base, [b"x"], sheet=_SHEET_WITH_SHARED_STRING),
            {"xl/sharedStrings.xml": b"<sst><si><t>x</si>"},
        ),
        "sheet1.xml": bombs.zip_replacing(base, {"xl/worksheets/sheet1.xml": _SHEET_WITH_SHARED_STRING[:-30]}),
        "NUL byte": bombs.zip_replacing(
            base, {"xl/worksheets/sheet1.xml": _SHEET_WITH_SHARED_STRING.replace(b"<v>0", b"<v>\x00")}
        ),
    }[damage]
    sign_in(Role.AREA_LEADER)
    response = _upload(client, small_plan["plan"], data)
    assert response.status_code == 200 and "part of it is damaged" in response.text
    assert Action.objects.count() == 1


def test_a_cell_with_a_nul_character_or_longer_than_its_field_is_a_problem(small_plan, leader, monkeypatch):
    """No .xlsx can carry a NUL (XML forbids it), so this reaches the row checks past the reader."""
    owner = small_plan["owner"].username
    rows = [
        tuple(xlsx.HEADERS),
        (1, "", "1.2", "A\x00B", owner, "01/03/2026", "30/09/2026", "", ""),
        (1, "", "1.3" * 10, "x" * 301, owner, "01/03/2026", "30/09/2026", "", ""),
    ]
    monkeypatch.setattr(xlsx, "_sheet_rows", lambda data: rows)
    with pytest.raises(xlsx.ImportRejected) as rejected:
        xlsx.plan_import(user=leader, plan=small_plan["plan"], data=b"")
    assert {(p.record, p.field, p.rule) for p in rejected.value.problems} == {
        ("row 2", "Action", "NUL character"),
        ("row 3", "Action reference", "too long"),
        ("row 3", "Action", "too long"),
    }
    assert "NUL character" in rejected.value.problems[0].message


_CELL = st.one_of(
    st.sampled_from(
        ["", "1", "2", "1.9", "a", "01/03/2026", "2026-09-30", "99999999999999999999", "²", "0", "x" * 301, "y" * 21]
    ),
    st.text(max_size=40).map(lambda text: ILLEGAL_CHARACTERS_RE.sub("", text)),
    st.integers(-(10**12), 10**12),
)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(
    rows=st.lists(st.lists(_CELL, max_size=len(xlsx.HEADERS) + 1), min_size=1, max_size=3), owner_column=st.booleans()
)
def test_fuzzed_plan_rows_import_whole_or_are_reported_never_a_crash(small_plan, leader, rows, owner_column):
    """Long values, short rows, odd numbers: every outcome is all the rows imported or problems reported."""
    if owner_column:
        rows = [row[:4] + [small_plan["owner"].username] + row[5:] for row in rows]
    before = Action.objects.count()
    try:
        imported = xlsx.plan_import(user=leader, plan=small_plan["plan"], data=_workbook(rows))
    except xlsx.ImportRejected as rejected:
        assert rejected.problems and all(p.message for p in rejected.problems)
        assert Action.objects.count() == before
    else:
        assert Action.objects.count() == before + imported
        Action.objects.exclude(pk=small_plan["action"].pk).delete()
        Workstream.objects.exclude(pk=small_plan["workstream"].pk).delete()
