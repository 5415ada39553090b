"""Write validated SEN2 persons into the casework register in batches, inside the caller's transaction.

Rows are inserted with one ``executemany`` per table and batch, with ids reserved up front (a PostgreSQL
sequence, or the table's current maximum under SQLite's write lock), instead of building a Django model
instance per row: the ORM's per-object work was most of an import's time (see bench/). The statutory steps
are computed by the same ``steps_for_child`` the rest of casework uses, reading light views of the records.
"""

from __future__ import annotations

from datetime import date
from operator import itemgetter
from types import SimpleNamespace

from django.db import connection

from sendboard.casework.models import (
    ActivePlan,
    AdviceRequest,
    Assessment,
    Child,
    NamedPlan,
    Placement,
    PlanDetail,
    Request,
    SenNeed,
    StatutoryStep,
)
from sendboard.casework.timescales import steps_for_child
from sendboard.core.calendar import WorkingDayCalendar
from sendboard.returns.sen2.schema import MODULES

BATCH = 1000
_EMPTY = {"text": "", "code": "", "bool": False, "date": None, "int": None}
MODULE_MODELS = [("Person", Child), ("Request", Request), ("Assessment", Assessment), ("Advice", AdviceRequest),
                 ("NamedPlan", NamedPlan), ("PlanDetail", PlanDetail), ("ActivePlan", ActivePlan),
                 ("PlacementDetail", Placement), ("SENneed", SenNeed)]
PARENT = {"Request": "child_id", "Assessment": "request_id", "Advice": "assessment_id", "NamedPlan": "assessment_id",
          "PlanDetail": "named_plan_id", "ActivePlan": "request_id", "PlacementDetail": "active_plan_id",
          "SENneed": "active_plan_id"}


class _Many(list):
    """A list that answers ``.all()``, as the related managers ``steps_for_child`` reads do."""

    def all(self) -> _Many:
        return self


def _clean(record: dict, module: str) -> dict:
    return {f.key: _EMPTY[f.kind] if record[f.key] is None else record[f.key]
            for f in MODULES[module].fields if f.key != "caseworker"}


class _Table:
    def __init__(self, model) -> None:
        self.model = model
        self.fields = [f for f in model._meta.concrete_fields]
        columns = ", ".join(connection.ops.quote_name(f.column) for f in self.fields)
        table = connection.ops.quote_name(model._meta.db_table)
        self.qmark_sql = f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['?'] * len(self.fields))})"
        self.callable_defaults = [f for f in self.fields if f.has_default() and callable(f.default)]
        self.defaults = {f.attname: None if f in self.callable_defaults else f.get_default() for f in self.fields}
        # SQLite stores UUIDs as hex text, so they go through Django's adaptation; the drivers adapt the rest.
        self.to_prepare = [(i, f) for i, f in enumerate(self.fields)
                           if f.get_internal_type() == "UUIDField" and connection.vendor != "postgresql"]
        self.getter = itemgetter(*(f.attname for f in self.fields))
        self.copy_sql = f"COPY {connection.ops.quote_name(model._meta.db_table)} ({columns}) FROM STDIN"
        self.rows: list[dict] = []

    def add(self, row: dict) -> None:
        for f in self.callable_defaults:
            if f.attname not in row:
                row[f.attname] = f.default()
        self.rows.append({**self.defaults, **row})

    def flush(self, cursor) -> None:
        if self.rows:
            values = [self.getter(row) for row in self.rows]
            for index, f in self.to_prepare:
                values = [(*v[:index], f.get_db_prep_save(v[index], connection), *v[index + 1:]) for v in values]
            if connection.vendor == "postgresql":
                # COPY: PostgreSQL's own bulk path, with no SQL text to build or parse.
                with cursor.cursor.copy(self.copy_sql) as copy:
                    for row in values:
                        copy.write_row(row)
                self.rows = []
                return
            # SQLite: the driver's own executemany, in C, with qmark placeholders.
            cursor.cursor.executemany(self.qmark_sql, values)
        self.rows = []


def reserve_ids(cursor, model, n: int) -> list[int]:
    table = model._meta.db_table
    if connection.vendor == "postgresql":
        cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", [table, n])
        return [row[0] for row in cursor.fetchall()]
    cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {connection.ops.quote_name(table)}")
    start = cursor.fetchone()[0] + 1
    return list(range(start, start + n))


class RegisterLoader:
    def __init__(self, *, imported_file, as_of: date, calendar: WorkingDayCalendar, rules) -> None:
        self.imported_file = imported_file
        self.as_of = as_of
        self.calendar = calendar
        self.rules = rules
        self.batch: list[tuple] = []
        self.tables = {module: _Table(model) for module, model in MODULE_MODELS}
        self.steps = _Table(StatutoryStep)
        self.breaches: dict[tuple, dict] = {}

    def add(self, header, person: dict) -> None:
        self.batch.append((header, person))
        if len(self.batch) >= BATCH:
            self.flush()

    def _tally(self) -> dict[str, int]:
        counts = {module: 0 for module, _ in MODULE_MODELS}

        def walk(module: str, records: list[dict]) -> None:
            if module not in counts:
                return
            counts[module] += len(records)
            for child in MODULES[module].children:
                for record in records:
                    walk(child, record[child])

        walk("Person", [person for _, person in self.batch])
        return counts

    def flush(self) -> None:
        if not self.batch:
            return
        with connection.cursor() as cursor:
            # Ids first: under SQLite they start above the current maximum, which must still count replaced rows.
            ids = {module: iter(reserve_ids(cursor, model, n)) for (module, model), n in
                   zip(MODULE_MODELS, self._tally().values(), strict=True) if n}
            replaced = self._replace([person["replaces"] for _, person in self.batch if person.get("replaces")])
            views = [self._person(header, person, ids, replaced.get(person.get("replaces"))) for header, person in self.batch]
            for table in self.tables.values():
                table.flush(cursor)
            for child_id, view in views:
                for spec in steps_for_child(view, rules=self.rules, calendar=self.calendar, as_of=self.as_of):
                    kept = self.breaches.get((child_id, spec.step, spec.subject), {})
                    self.steps.add({"child_id": child_id, **spec.__dict__, **kept})
            step_ids = iter(reserve_ids(cursor, StatutoryStep, len(self.steps.rows))) if self.steps.rows else iter(())
            for row in self.steps.rows:
                row["id"] = next(step_ids)
            self.steps.flush(cursor)
        self.batch = []

    def _replace(self, child_ids: list[int]) -> dict[int, dict]:
        """Remove what the register holds for children a later return replaces, keeping each child's opaque id,
        caseworker and the breach reasons recorded on their steps (restored where the same step recurs)."""
        self.breaches = {}
        if not child_ids:
            return {}
        kept = {child_id: {"id": child_id, "public_id": public_id, "caseworker_id": caseworker_id}
                for child_id, public_id, caseworker_id in Child.objects.filter(id__in=child_ids).values_list("id", "public_id", "caseworker_id")}
        for row in StatutoryStep.objects.filter(child_id__in=child_ids).exclude(breach_reason="").values(
            "child_id", "step", "subject", "breach_reason", "breach_note", "breach_recorded_by_id", "breach_recorded_at"
        ):
            self.breaches[(row.pop("child_id"), row.pop("step"), row.pop("subject"))] = row
        Child.objects.filter(id__in=child_ids).delete()
        return kept

    def _row(self, module: str, record: dict, ids, parent_id: int | None, **extra) -> tuple[int, dict]:
        row_id = next(ids[module])
        values = _clean(record, module)
        row = {"id": row_id, **values, **extra}
        if parent_id is not None:
            row[PARENT[module]] = parent_id
        self.tables[module].add(row)
        return row_id, values

    def _person(self, header, person: dict, ids, replaced: dict | None) -> tuple[int, SimpleNamespace]:
        identity = dict(replaced or {})
        if person.get("caseworker_id") or not identity:
            identity["caseworker_id"] = person.get("caseworker_id")
        child_id, values = self._row("Person", person, ids, None, local_area_id=header.area_id,
                                     source_file_id=self.imported_file.id, **identity)
        child_id = identity.get("id", child_id)
        for breach in person["Breach"]:
            self.breaches[(child_id, breach["step"], breach["subject"])] = {
                "breach_reason": breach["breach_reason"], "breach_note": breach["breach_note"] or ""}
        requests = _Many()
        for r in person["Request"]:
            request_id, request = self._row("Request", r, ids, child_id)
            view = SimpleNamespace(**request, assessment=None, active_plan=None)
            for a in r["Assessment"]:
                assessment_id, assessment = self._row("Assessment", a, ids, request_id)
                advice = _Many(SimpleNamespace(**self._row("Advice", x, ids, assessment_id)[1]) for x in a["Advice"])
                view.assessment = SimpleNamespace(**assessment, advice_requests=advice, named_plan=None)
                for p in a["NamedPlan"]:
                    plan_id, plan = self._row("NamedPlan", p, ids, assessment_id)
                    for d in p["PlanDetail"]:
                        self._row("PlanDetail", d, ids, plan_id)
                    view.assessment.named_plan = SimpleNamespace(**plan)
            for ap in r["ActivePlan"]:
                active_id, active = self._row("ActivePlan", ap, ids, request_id)
                for x in ap["PlacementDetail"]:
                    self._row("PlacementDetail", x, ids, active_id)
                for x in ap["SENneed"]:
                    self._row("SENneed", x, ids, active_id)
                view.active_plan = SimpleNamespace(**active)
            requests.append(view)
        return child_id, SimpleNamespace(birth_date=values["birth_date"], requests=requests)
