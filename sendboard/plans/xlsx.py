"""Plans to and from .xlsx (openpyxl). An import is validated whole: every problem is reported by row and
column, and nothing is written unless there are none (ADR 0015)."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction
from openpyxl import Workbook, load_workbook

from sendboard.accounts.models import User
from sendboard.core.archives import NotASpreadsheet, SpreadsheetLimits, SpreadsheetRefused, spreadsheet_check
from sendboard.plans import services
from sendboard.plans.models import Plan

SHEET = "Actions"
COLUMNS = [
    ("Workstream number", "A whole number, for example 4"),
    ("Workstream title", "Needed only for a new workstream"),
    ("Action reference", "For example 4.3; unique within the workstream"),
    ("Action", "What will be done"),
    ("Owner username", "The sendboard username of the action owner"),
    ("Start date", "A date, for example 01/09/2026"),
    ("Due date", "A date on or after the start date"),
    ("Findings", "References of the findings it answers, separated by commas, for example a, b"),
    ("Public summary", "Optional: what is being done, in plain English, for the public page once approved"),
]
HEADERS = [name for name, _ in COLUMNS]
MAX_ROWS = 5000
# A full sheet of MAX_ROWS actions, each cell different, is about 45,000 pieces of text and 3 MB unpacked (10 MB
# with long titles and summaries); reading time grows with the unpacked size, so it is held to twice that.
LIMITS = SpreadsheetLimits(uncompressed=20 * 1024 * 1024, shared_strings=100_000, elements=500_000)
# The longest text each column's field holds; a longer cell is a problem, never a database error.
LONGEST = {"Workstream title": 200, "Action reference": 20, "Action": 300, "Owner username": 150}
NOT_READABLE = (
    "The file is not an .xlsx workbook, or part of it is damaged: save it from Excel as an .xlsx file and try again"
)


@dataclass(frozen=True)
class Problem:
    row: int
    column: str
    message: str


class ImportRejected(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


def template_bytes() -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET
    sheet.append(HEADERS)
    guide = workbook.create_sheet("How to fill this in")
    guide.append(["Column", "What to enter"])
    for row in COLUMNS:
        guide.append(list(row))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def plan_export(*, plan: Plan, workstreams) -> bytes:
    """The plan in the import template's shape (so an exported plan can be re-imported into another), plus
    the derived RAG and status for reading."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET
    sheet.append(HEADERS + ["Status", "RAG"])
    for view in workstreams:
        for row in view.rows:
            action = row.action
            sheet.append(
                [
                    view.workstream.number,
                    view.workstream.title,
                    action.reference,
                    action.title,
                    action.owner.username,
                    action.start_date,
                    action.due_date,
                    ", ".join(f.reference for f in action.findings.all()),
                    action.public_summary,
                    action.get_status_display(),
                    row.rag.capitalize(),
                ]
            )
            for cell in sheet[sheet.max_row]:
                # Text a user typed is text: "=..." must never become a formula in someone else's spreadsheet.
                if isinstance(cell.value, str):
                    cell.data_type = "s"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _as_date(value) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        text = value.strip()
        for parse in (date.fromisoformat, lambda t: datetime.strptime(t, "%d/%m/%Y").date()):
            try:
                return parse(text)
            except ValueError:
                continue
    return None


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


@dataclass
class _Row:
    number: int
    workstream_number: int
    workstream_title: str
    reference: str
    title: str
    owner: User
    start: date
    due: date
    findings: list
    public_summary: str


def _sheet_rows(data: bytes) -> list[tuple]:
    """The rows of the actions sheet, first columns only; refused whole if the file is over a limit or damaged."""
    try:
        spreadsheet_check(data, limits=LIMITS)
    except NotASpreadsheet:
        raise ImportRejected([Problem(0, "", NOT_READABLE)]) from None
    except SpreadsheetRefused as refused:
        raise ImportRejected([Problem(0, "", refused.message)]) from None
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - openpyxl raises zip, XML, key, type and value errors alike for a damaged part
        raise ImportRejected([Problem(0, "", NOT_READABLE)]) from None
    try:
        if SHEET not in workbook.sheetnames:
            raise ImportRejected(
                [Problem(0, "", f"The workbook has no sheet called '{SHEET}': start from the template")]
            )
        return list(workbook[SHEET].iter_rows(values_only=True, max_row=MAX_ROWS + 2, max_col=len(HEADERS)))
    except ImportRejected:
        raise
    except Exception:  # noqa: BLE001 - the sheet's XML is read only here, row by row
        raise ImportRejected([Problem(0, "", NOT_READABLE)]) from None
    finally:
        workbook.close()


def _read(*, plan: Plan, data: bytes) -> list[_Row]:
    rows = _sheet_rows(data)
    if not rows or [_text(v) for v in rows[0][: len(HEADERS)]] != HEADERS:
        raise ImportRejected([Problem(1, "", "The first row must be the template's headings: " + ", ".join(HEADERS))])
    problems: list[Problem] = []
    if len(rows) > MAX_ROWS + 1:
        problems.append(
            Problem(MAX_ROWS + 2, "", f"The sheet has more than {MAX_ROWS} actions: split it into smaller files")
        )
    users = {u.username: u for u in User.objects.filter(is_active=True).select_related("organisation")}
    findings = {f.reference: f for f in plan.inspection.findings.all()}
    workstreams = {w.number: w for w in plan.workstreams.all()}
    existing = {
        (a.workstream.number, a.reference)
        for a in services.Action.objects.filter(workstream__plan=plan).select_related("workstream")
    }
    seen: set[tuple[int, str]] = set()
    parsed: list[_Row] = []
    for number, values in enumerate(rows[1 : MAX_ROWS + 1], start=2):
        values = list(values) + [None] * (len(HEADERS) - len(values))
        cells = dict(zip(HEADERS, values, strict=False))
        if all(_text(v) == "" for v in values[: len(HEADERS)]):
            continue
        before = len(problems)

        def problem(column: str, message: str, row=number) -> None:
            problems.append(Problem(row, column, message))

        for column in HEADERS:
            text = _text(cells[column])
            if "\x00" in text:
                problem(column, "The cell contains a NUL character, which cannot be stored: delete it")
            elif len(text) > LONGEST.get(column, 100_000):
                problem(column, f"The cell is longer than {LONGEST.get(column, 100_000):,} characters: shorten it")
        if len(problems) > before:
            continue
        ws_text = _text(cells["Workstream number"])
        ws_number = int(ws_text) if re.fullmatch(r"[0-9]{1,6}", ws_text) else None
        if ws_number is None:
            problem("Workstream number", "Enter the workstream number as a whole number")
        elif ws_number not in workstreams and not _text(cells["Workstream title"]):
            problem("Workstream title", f"Workstream {ws_number} is new: enter its title")
        reference, title = _text(cells["Action reference"]), _text(cells["Action"])
        if not reference:
            problem("Action reference", "Enter the action's reference")
        if not title:
            problem("Action", "Enter what the action is")
        key = (ws_number, reference)
        if reference and ws_number is not None:
            if key in existing:
                problem("Action reference", f"Workstream {ws_number} already has an action {reference}")
            elif key in seen:
                problem("Action reference", f"Action {reference} appears more than once for workstream {ws_number}")
            seen.add(key)
        owner = users.get(_text(cells["Owner username"]))
        if owner is None:
            problem("Owner username", f"No active sendboard user is called '{_text(cells['Owner username'])}'")
        start, due = _as_date(cells["Start date"]), _as_date(cells["Due date"])
        if start is None:
            problem("Start date", "Enter the start date as a date, for example 01/09/2026")
        if due is None:
            problem("Due date", "Enter the due date as a date, for example 31/03/2027")
        if start and due and due < start:
            problem("Due date", "The due date must be the same as or after the start date")
        refs = [r.strip() for r in _text(cells["Findings"]).split(",") if r.strip()]
        unknown = [r for r in refs if r not in findings]
        if unknown:
            problem("Findings", f"The inspection has no finding {', '.join(unknown)}")
        if len(problems) == before:
            parsed.append(
                _Row(
                    number,
                    ws_number,
                    _text(cells["Workstream title"]),
                    reference,
                    title,
                    owner,
                    start,
                    due,
                    [findings[r] for r in refs],
                    _text(cells["Public summary"]),
                )
            )
    if not parsed and not problems:
        problems.append(Problem(2, "", "The sheet has no actions in it"))
    if problems:
        raise ImportRejected(problems)
    return parsed


@transaction.atomic
def plan_import(*, user, plan: Plan, data: bytes) -> int:
    """Import every action in the workbook, or none. Returns how many were imported."""
    if plan.status == Plan.Status.CLOSED:
        raise ImportRejected([Problem(0, "", f"{plan.title} is closed: nothing can be imported into it")])
    rows = _read(plan=plan, data=data)
    workstreams = {w.number: w for w in plan.workstreams.all()}
    for row in rows:
        if row.workstream_number not in workstreams:
            workstreams[row.workstream_number] = services.workstream_create(
                user=user, plan=plan, number=row.workstream_number, title=row.workstream_title
            )
        services.action_create(
            user=user,
            workstream=workstreams[row.workstream_number],
            reference=row.reference,
            title=row.title,
            owner=row.owner,
            organisation=row.owner.organisation,
            start_date=row.start,
            due_date=row.due,
            findings=row.findings,
            public_summary=row.public_summary,
        )
    return len(rows)
