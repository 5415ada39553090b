"""Write validated SEN2 persons into the casework register in batches, inside the caller's transaction.

Rows go in as plain tuples, one bulk statement per table and batch (``BulkWriter``: COPY on PostgreSQL from a
second thread while the next batch is read, the driver's executemany elsewhere), with ids handed out from
blocks reserved up front, instead of a Django model instance and an INSERT per row: the ORM's per-object work
was most of an import's time (see bench/, ADR 0028 and 0054). Tables are written parents first, so foreign keys
can be checked as each statement ends. The statutory steps are computed by the same ``steps_for_child`` the
rest of casework uses, reading light views of the records.
"""

from __future__ import annotations

import uuid
from datetime import date
from operator import itemgetter
from types import SimpleNamespace

from django.db import connection

from sendboard.casework.models import (
    ActivePlan,
    AdviceRequest,
    AnnualReview,
    Appeal,
    Assessment,
    Child,
    Consultation,
    NamedPlan,
    Placement,
    PlanDetail,
    Request,
    SenNeed,
    StatutoryStep,
)
from sendboard.casework.reviews import REVIEW_FIELDS, latest_review_values
from sendboard.casework.timescales import steps_for_child
from sendboard.core.bulk import BulkWriter
from sendboard.core.calendar import WorkingDayCalendar
from sendboard.returns.sen2.schema import MODULES

BATCH = 1000
ID_BLOCK = 20000
_EMPTY = {"text": "", "code": "", "digits": "", "la": "", "bool": False, "date": None, "int": None}
MODULE_MODELS = [
    ("Person", Child),
    ("Request", Request),
    ("Assessment", Assessment),
    ("Advice", AdviceRequest),
    ("Consultation", Consultation),
    ("Appeal", Appeal),
    ("NamedPlan", NamedPlan),
    ("PlanDetail", PlanDetail),
    ("ActivePlan", ActivePlan),
    ("PlacementDetail", Placement),
    ("SENneed", SenNeed),
]
PARENT = {
    "Request": "child_id",
    "Assessment": "request_id",
    "Advice": "assessment_id",
    "Consultation": "assessment_id",
    "Appeal": "request_id",
    "NamedPlan": "assessment_id",
    "PlanDetail": "named_plan_id",
    "ActivePlan": "request_id",
    "PlacementDetail": "active_plan_id",
    "SENneed": "active_plan_id",
}
CHILD_EXTRA = ("public_id", "local_area_id", "source_file_id", "caseworker_id")
STEP_COLUMNS = (
    "id",
    "child_id",
    "step",
    "subject",
    "partner",
    "anchor_date",
    "warning_date",
    "due_date",
    "done_date",
    "excepted",
    "exception_reason",
    "breach_reason",
    "breach_note",
    "breach_recorded_by_id",
    "breach_recorded_at",
)
REVIEW_COLUMNS = ("id", "active_plan_id", "follows", *REVIEW_FIELDS)


class IdBlocks:
    """Ids for new rows of one table, handed out from blocks reserved from the database.

    PostgreSQL: a block is taken from the table's sequence in one statement (setval past nextval), so ids
    never collide with rows others add later. SQLite: the import's transaction holds the database's write lock
    from its first write, so the next id is simply one past the table's largest, counted once."""

    def __init__(self, model) -> None:
        self.table = model._meta.db_table
        self.next = self.end = 0

    def reserve_now(self) -> None:
        self._reserve()

    def take(self) -> int:
        if self.next >= self.end:
            self._reserve()
        value = self.next
        self.next += 1
        return value

    def _reserve(self) -> None:
        with connection.cursor() as cursor:
            self._reserve_with(cursor)

    def _reserve_with(self, cursor) -> None:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [self.table])
            sequence = cursor.fetchone()[0]
            cursor.execute("SELECT setval(%s, nextval(%s) + %s - 1)", [sequence, sequence, ID_BLOCK])
            self.end = cursor.fetchone()[0] + 1
            self.next = self.end - ID_BLOCK
        elif self.end == 0:
            cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {connection.ops.quote_name(self.table)}")
            self.next = cursor.fetchone()[0] + 1
            self.end = self.next + 10**12  # the write lock is ours: no one else adds ids while we hold it


class _Table:
    """One module's table: the record keys its columns take, in order, and the rows waiting to be written."""

    def __init__(self, module: str, model) -> None:
        fields = [f for f in MODULES[module].fields if f.key != "caseworker" and f.stored]
        self.table = model._meta.db_table
        self.keys = tuple(f.key for f in fields)
        self.empties = tuple(_EMPTY[f.kind] for f in fields)
        self.getter = itemgetter(*self.keys)
        extra = CHILD_EXTRA if module == "Person" else (PARENT[module],)
        self.columns = ("id", *self.keys, *extra)
        self.rows: list[tuple] = []

    def values(self, record: dict) -> list:
        return [e if v is None else v for v, e in zip(self.getter(record), self.empties, strict=True)]


class RegisterLoader:
    def __init__(self, *, imported_file, as_of: date, calendar: WorkingDayCalendar, rules) -> None:
        self.imported_file = imported_file
        self.as_of = as_of
        self.calendar = calendar
        self.rules = rules
        self.batch: list[tuple] = []
        self.tables = {module: _Table(module, model) for module, model in MODULE_MODELS}
        self.ids: dict[str, IdBlocks] = {}
        self.uuid_text = connection.vendor != "postgresql"  # SQLite keeps UUIDs as 32 hex characters
        self.writer: BulkWriter | None = None
        self.reviews: list[tuple] = []

    def __enter__(self) -> RegisterLoader:
        return self

    def __exit__(self, kind, value, traceback) -> None:
        """Wait for the writer (and raise its failure) when the load went well; stop it when it did not."""
        if self.writer is not None:
            self.writer.__exit__(kind, value, traceback)

    def add(self, header, person: dict) -> None:
        self.batch.append((header, person))
        if len(self.batch) >= BATCH:
            self.flush()

    def flush(self) -> None:
        if not self.batch:
            return
        if not self.ids:
            self.ids = {
                module: IdBlocks(model)
                for module, model in [*MODULE_MODELS, ("Step", StatutoryStep), ("Review", AnnualReview)]
            }
            if connection.vendor != "postgresql":
                # Before any replaced child is removed: its id, kept for it, may be the table's largest.
                for blocks in self.ids.values():
                    blocks.reserve_now()
            self.writer = BulkWriter(immediate_constraints=True)
        replaced = self._replace([person["replaces"] for _, person in self.batch if person.get("replaces")])
        steps: list[tuple] = []
        take_step = self.ids["Step"].take
        rules, calendar, as_of = self.rules, self.calendar, self.as_of
        for header, person in self.batch:
            child_id, view, breaches = self._person(header, person, replaced.get(person.get("replaces")))
            for spec in steps_for_child(view, rules=rules, calendar=calendar, as_of=as_of):
                kept = breaches.get((spec.step, spec.subject))
                steps.append(
                    (
                        take_step(),
                        child_id,
                        spec.step,
                        spec.subject,
                        spec.partner,
                        spec.anchor_date,
                        spec.warning_date,
                        spec.due_date,
                        spec.done_date,
                        bool(spec.excepted),
                        spec.exception_reason or "",
                        *(kept or ("", "", None, None)),
                    )
                )
        batch = [(table.table, table.columns, table.rows) for table in self.tables.values()]
        batch.append((AnnualReview._meta.db_table, REVIEW_COLUMNS, self.reviews))
        batch.append((StatutoryStep._meta.db_table, STEP_COLUMNS, steps))
        for table in self.tables.values():
            table.rows = []
        self.batch, self.reviews = [], []
        self.writer.write(batch)

    def _replace(self, child_ids: list[int]) -> dict[int, dict]:
        """Remove what the register holds for children a later return replaces, keeping each child's opaque id,
        caseworker and the breach reasons recorded on their steps (restored where the same step recurs)."""
        if not child_ids:
            return {}
        kept = {
            child_id: {
                "id": child_id,
                "public_id": public_id,
                "caseworker_id": caseworker_id,
                "breaches": {},
                "reviews": [],
            }
            for child_id, public_id, caseworker_id in Child.objects.filter(id__in=child_ids).values_list(
                "id", "public_id", "caseworker_id"
            )
        }
        for row in (
            StatutoryStep.objects.filter(child_id__in=child_ids)
            .exclude(breach_reason="")
            .values_list(
                "child_id",
                "step",
                "subject",
                "breach_reason",
                "breach_note",
                "breach_recorded_by_id",
                "breach_recorded_at",
            )
        ):
            kept[row[0]]["breaches"][(row[1], row[2])] = row[3:]
        # The reviews the register already holds stay in the plan's history; the file's review joins them.
        for row in (
            AnnualReview.objects.filter(active_plan__request__child_id__in=child_ids)
            .order_by("meeting", "id")
            .values("active_plan__request__child_id", "follows", *REVIEW_FIELDS)
        ):
            kept[row.pop("active_plan__request__child_id")]["reviews"].append(row)
        Child.objects.filter(id__in=child_ids).delete()
        return kept

    def _rows(self, module: str, records: list[dict], parent_id: int) -> list[int]:
        table, take = self.tables[module], self.ids[module].take
        ids = []
        for record in records:
            row_id = take()
            table.rows.append((row_id, *table.values(record), parent_id))
            ids.append(row_id)
        return ids

    def _person(self, header, person: dict, replaced: dict | None) -> tuple[int, SimpleNamespace, dict]:
        table = self.tables["Person"]
        if replaced:
            child_id, public_id = replaced["id"], replaced["public_id"]
            caseworker_id = person.get("caseworker_id") or replaced["caseworker_id"]
            breaches = replaced["breaches"]
        else:
            child_id, public_id, caseworker_id, breaches = (
                self.ids["Person"].take(),
                uuid.uuid4(),
                person.get("caseworker_id"),
                {},
            )
        table.rows.append(
            (
                child_id,
                *table.values(person),
                public_id.hex if self.uuid_text else public_id,
                header.area_id,
                self.imported_file.id,
                caseworker_id,
            )
        )
        for breach in person["Breach"]:
            breaches[(breach["step"], breach["subject"])] = (
                breach["breach_reason"],
                breach["breach_note"] or "",
                None,
                None,
            )
        requests = []
        kept_reviews = replaced["reviews"] if replaced else []
        last_plan = next((ap for r in reversed(person["Request"]) for ap in reversed(r["ActivePlan"])), None)
        request_ids = self._rows("Request", person["Request"], child_id)
        for r, request_id in zip(person["Request"], request_ids, strict=True):
            view = SimpleNamespace(**r, assessment=None, active_plan=None)
            self._rows("Appeal", r["Appeal"], request_id)
            for a, assessment_id in zip(
                r["Assessment"], self._rows("Assessment", r["Assessment"], request_id), strict=True
            ):
                self._rows("Advice", a["Advice"], assessment_id)
                self._rows("Consultation", a["Consultation"], assessment_id)
                view.assessment = SimpleNamespace(
                    **a, advice_requests=_Many(SimpleNamespace(**x) for x in a["Advice"]), named_plan=None
                )
                for p, plan_id in zip(
                    a["NamedPlan"], self._rows("NamedPlan", a["NamedPlan"], assessment_id), strict=True
                ):
                    self._rows("PlanDetail", p["PlanDetail"], plan_id)
                    view.assessment.named_plan = SimpleNamespace(**p)
            for ap, active_id in zip(
                r["ActivePlan"], self._rows("ActivePlan", r["ActivePlan"], request_id), strict=True
            ):
                self._rows("PlacementDetail", ap["PlacementDetail"], active_id)
                self._rows("SENneed", ap["SENneed"], active_id)
                history = self._reviews(ap, active_id, kept_reviews if ap is last_plan else [])
                view.active_plan = SimpleNamespace(**ap, reviews=_Many(SimpleNamespace(**r) for r in history))
            requests.append(view)
        return child_id, SimpleNamespace(birth_date=person["birth_date"], requests=_Many(requests)), breaches

    def _reviews(self, active_plan: dict, active_id: int, kept: list[dict]) -> list[dict]:
        """The plan's review history after this file (ADR 0174): the reviews kept from before, and the file's
        latest review, new or updating the kept one of the same meeting, written with the plan."""
        latest = latest_review_values(SimpleNamespace(**active_plan))
        history = [r for r in kept if latest is None or r["meeting"] < latest["meeting"]]
        if latest is not None:
            same = next((r for r in kept if r["meeting"] == latest["meeting"]), None)
            follows = same["follows"] if same else (history[-1]["meeting"] if history else None)
            history.append({"follows": follows, **latest})
        take = self.ids["Review"].take
        for review in history:
            self.reviews.append((take(), active_id, review["follows"], *(review[n] for n in REVIEW_FIELDS)))
        return history


class _Many(list):
    """A list that answers ``.all()``, as the related managers ``steps_for_child`` reads do."""

    def all(self) -> _Many:
        return self
