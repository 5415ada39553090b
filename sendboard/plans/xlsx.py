"""Plans to and from .xlsx (openpyxl). An import is validated whole, by a form per row (ADR 0163): every problem is
reported by row, column and rule in the returns framework's one problem type, and nothing is written unless there
are none (ADR 0015)."""

from __future__ import annotations

import io
import re
from datetime import date, datetime
from pathlib import Path

from django import forms
from django.db import transaction
from openpyxl import Workbook, load_workbook

from sendboard.accounts.models import User
from sendboard.accounts.roles import Permission
from sendboard.core.archives import NotASpreadsheet, SpreadsheetLimits, SpreadsheetRefused, spreadsheet_check
from sendboard.plans import services
from sendboard.plans.models import Plan
from sendboard.returns.framework import Problem, Report
from sendboard.returns.models import ImportedFile
from sendboard.returns.rows import RowForm, rows_validate, rule

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


class ImportRejected(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


def _refused(message: str, *, record: str = "file", rule_name: str = "workbook") -> ImportRejected:
    return ImportRejected([Problem(record, "", rule_name, message)])


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


def _sheet_rows(data: bytes) -> list[tuple]:
    """The rows of the actions sheet, first columns only; refused whole if the file is over a limit or damaged."""
    try:
        spreadsheet_check(data, limits=LIMITS)
    except NotASpreadsheet:
        raise _refused(NOT_READABLE) from None
    except SpreadsheetRefused as refused:
        raise _refused(refused.message, rule_name="too large") from None
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - openpyxl raises zip, XML, key, type and value errors alike for a damaged part
        raise _refused(NOT_READABLE) from None
    try:
        if SHEET not in workbook.sheetnames:
            raise _refused(f"The workbook has no sheet called '{SHEET}': start from the template", rule_name="sheet")
        return list(workbook[SHEET].iter_rows(values_only=True, max_row=MAX_ROWS + 2, max_col=len(HEADERS)))
    except ImportRejected:
        raise
    except Exception:  # noqa: BLE001 - the sheet's XML is read only here, row by row
        raise _refused(NOT_READABLE) from None
    finally:
        workbook.close()


class Cell(forms.Field):
    """A cell as text (a whole number typed as 4 reads "4"), holding no NUL and no more than ``longest``."""

    def __init__(self, *, longest: int = 100_000, **kwargs) -> None:
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.longest = longest

    def to_python(self, value) -> str:
        return _text(value)

    def validate(self, value: str) -> None:
        super().validate(value)
        if "\x00" in value:
            raise rule("NUL character", "The cell contains a NUL character, which cannot be stored: delete it")
        if len(value) > self.longest:
            raise rule("too long", f"The cell is longer than {self.longest:,} characters: shorten it")


class DateCell(forms.Field):
    """A date cell: a spreadsheet date, or text as 2026-09-01 or 01/09/2026."""

    def to_python(self, value) -> date | None:
        return _as_date(value)


FIELDS = {
    "workstream_number": "Workstream number",
    "workstream_title": "Workstream title",
    "reference": "Action reference",
    "title": "Action",
    "owner": "Owner username",
    "start": "Start date",
    "due": "Due date",
    "findings": "Findings",
    "public_summary": "Public summary",
}


class ActionCells(RowForm):
    """The first check of a row: every cell is text a field can hold. A row that fails is checked no further."""

    columns = FIELDS
    workstream_number = Cell()
    workstream_title = Cell(longest=LONGEST["Workstream title"])
    reference = Cell(longest=LONGEST["Action reference"])
    title = Cell(longest=LONGEST["Action"])
    owner = Cell(longest=LONGEST["Owner username"])
    start = Cell()
    due = Cell()
    findings = Cell()
    public_summary = Cell()


class ActionRow(RowForm):
    """One action: its cells, then the rules across them and against the plan (``context``)."""

    columns = FIELDS
    workstream_number = Cell()
    workstream_title = Cell()
    reference = Cell(required=True, error_messages={"required": "Enter the action's reference"})
    title = Cell(required=True, error_messages={"required": "Enter what the action is"})
    owner = Cell()
    start = DateCell(error_messages={"required": "Enter the start date as a date, for example 01/09/2026"})
    due = DateCell(error_messages={"required": "Enter the due date as a date, for example 31/03/2027"})
    findings = Cell()
    public_summary = Cell()

    def clean_workstream_number(self) -> int:
        text = self.cleaned_data["workstream_number"]
        if not re.fullmatch(r"[0-9]{1,6}", text):
            raise rule("whole number", "Enter the workstream number as a whole number")
        return int(text)

    def clean_owner(self) -> User:
        owner = self.context["users"].get(self.cleaned_data["owner"])
        if owner is None:
            raise rule("unknown user", f"No active sendboard user is called '{self.cleaned_data['owner']}'")
        return owner

    def clean_findings(self) -> list:
        refs = [r.strip() for r in self.cleaned_data["findings"].split(",") if r.strip()]
        unknown = [r for r in refs if r not in self.context["findings"]]
        if unknown:
            raise rule("unknown finding", f"The inspection has no finding {', '.join(unknown)}")
        return [self.context["findings"][r] for r in refs]

    def clean(self):
        cleaned = super().clean()
        number, reference = cleaned.get("workstream_number"), cleaned.get("reference")
        if number is not None and number not in self.context["workstreams"] and not cleaned.get("workstream_title"):
            self.add_error("workstream_title", rule("new workstream", f"Workstream {number} is new: enter its title"))
        if number is not None and reference:
            self._unique(number, reference)
        start, due = cleaned.get("start"), cleaned.get("due")
        if start and due and due < start:
            self.add_error("due", rule("date order", "The due date must be the same as or after the start date"))
        return cleaned

    def _unique(self, number: int, reference: str) -> None:
        key = (number, reference)
        if key in self.context["existing"]:
            self.add_error("reference", rule("duplicate", f"Workstream {number} already has an action {reference}"))
        elif key in self.context["seen"]:
            message = f"Action {reference} appears more than once for workstream {number}"
            self.add_error("reference", rule("duplicate", message))
        self.context["seen"].add(key)


def _plan_context(plan: Plan) -> dict:
    """What every row is checked against, read once: users, the inspection's findings, the plan's workstreams and
    actions, and the (workstream, reference) pairs of the rows read so far."""
    return {
        "users": {u.username: u for u in User.objects.filter(is_active=True).select_related("organisation")},
        "findings": {f.reference: f for f in plan.inspection.findings.all()},
        "workstreams": {w.number: w for w in plan.workstreams.all()},
        "existing": {
            (a.workstream.number, a.reference)
            for a in services.Action.objects.filter(workstream__plan=plan).select_related("workstream")
        },
        "seen": set(),
    }


def _filled_rows(rows: list[tuple]) -> list[tuple[int, dict]]:
    """(row number, cells by heading) of every row of actions that is not blank."""
    filled = []
    for number, values in enumerate(rows[1 : MAX_ROWS + 1], start=2):
        values = list(values) + [None] * (len(HEADERS) - len(values))
        if any(_text(v) != "" for v in values[: len(HEADERS)]):
            filled.append((number, dict(zip(HEADERS, values, strict=False))))
    return filled


def _read(*, plan: Plan, data: bytes) -> list[dict]:
    rows = _sheet_rows(data)
    if not rows or [_text(v) for v in rows[0][: len(HEADERS)]] != HEADERS:
        message = "The first row must be the template's headings: " + ", ".join(HEADERS)
        raise _refused(message, record="row 1", rule_name="header")
    report = Report()
    if len(rows) > MAX_ROWS + 1:
        message = f"The sheet has more than {MAX_ROWS} actions: split it into smaller files"
        report.add(f"row {MAX_ROWS + 2}", "", "too many rows", message)
    filled = _filled_rows(rows)
    readable = {number for number, _ in rows_validate(ActionCells, filled, report)}
    checked = rows_validate(
        ActionRow, [row for row in filled if row[0] in readable], report, context=_plan_context(plan)
    )
    parsed = [values for _, values in checked]
    if not parsed and report.ok:
        report.add("row 2", "", "no actions", "The sheet has no actions in it")
    if not report.ok:
        raise ImportRejected(report.problems)
    return parsed


def _open_check(plan: Plan) -> None:
    if plan.status == Plan.Status.CLOSED:
        raise _refused(f"{plan.title} is closed: nothing can be imported into it", record="plan", rule_name="closed")


@transaction.atomic
def plan_import(*, user, plan: Plan, data: bytes) -> int:
    """Import every action in the workbook, or none (the importer's load, ADR 0163). Returns how many were
    imported; a workbook with problems raises ImportRejected with every one of them."""
    _open_check(plan)
    return _actions_create(user=user, plan=plan, rows=_read(plan=plan, data=data))


def _actions_create(*, user, plan: Plan, rows: list[dict]) -> int:
    workstreams = {w.number: w for w in plan.workstreams.all()}
    for row in rows:
        if row["workstream_number"] not in workstreams:
            workstreams[row["workstream_number"]] = services.workstream_create(
                user=user, plan=plan, number=row["workstream_number"], title=row["workstream_title"]
            )
        services.action_create(
            user=user,
            workstream=workstreams[row["workstream_number"]],
            reference=row["reference"],
            title=row["title"],
            owner=row["owner"],
            organisation=row["owner"].organisation,
            start_date=row["start"],
            due_date=row["due"],
            findings=row["findings"],
            public_summary=row["public_summary"],
        )
    return len(rows)


class PlanActionsImporter:
    """A plan's actions from the template's workbook, on the returns framework (ADR 0163): loaded from the plan's
    own import pages, into that plan (the importer ``bound`` to it); the same file loads once into each plan."""

    kind = "plan_actions"
    label = "Improvement plan actions (.xlsx)"
    suffix = ".xlsx"
    version = 1
    permission = Permission.MANAGE_PLANS
    count_labels = {"actions": "Actions", "workstreams": "New workstreams"}

    def __init__(self, plan: Plan | None = None) -> None:
        self.plan = plan
        self.target = str(plan.pk) if plan is not None else ""

    def bound(self, target: str) -> PlanActionsImporter:
        return PlanActionsImporter(Plan.objects.select_related("inspection").get(pk=int(target)))

    def _rows(self, path: Path, report: Report) -> list[dict]:
        try:
            _open_check(self.plan)
            return _read(plan=self.plan, data=path.read_bytes())
        except ImportRejected as rejected:
            for problem in rejected.problems:
                report.add(*problem.as_list())
            return []

    def _count(self, rows: list[dict], report: Report) -> None:
        report.count("actions", len(rows))
        known = set(self.plan.workstreams.values_list("number", flat=True))
        report.count("workstreams", len({row["workstream_number"] for row in rows} - known))

    def check(self, path: Path, report: Report) -> None:
        rows = self._rows(path, report)
        if report.ok:
            self._count(rows, report)

    def load(self, path: Path, imported_file: ImportedFile, report: Report) -> None:
        workstreams = self.plan.workstreams.count()
        try:
            actions = plan_import(user=imported_file.imported_by, plan=self.plan, data=path.read_bytes())
        except ImportRejected as rejected:
            for problem in rejected.problems:
                report.add(*problem.as_list())
            return
        report.count("actions", actions)
        report.count("workstreams", self.plan.workstreams.count() - workstreams)
