"""Benchmark: the outcomes facts refresh for the ``england`` generated area and all published comparators, as ratios
to a plain pandas implementation of the same indicators and to the time just to scan the input columns, with peak
memory, all measured in the same run.

    python bench/bench_outcomes_refresh.py [--scale 0.1] [--database sqlite|postgres] [--extracts small|county]
                                           [--repeat N] [--keep DIR] [--setup-only]

Set-up (not timed; with ``--keep`` done once and the database reused, migrated again before each use): a fresh
database (PostgreSQL: on ``POSTGRES_URL``'s server) is migrated; SEN2 files for every council (generated, ``england``
size at ``--scale``; 1.0 is the full 640,000 plans) are loaded through the SEN2 importer, the home area's local extracts
through the extract importers, and the published files through the statistics importers.

Measured, each in a fresh process so that its peak resident memory is its own (``--repeat N``: best of N, the
measurements taken in turn so that the machine's load is shared alike):
- full refresh, DuckDB: ``refresh_run()`` end to end: export every input out of the database to CSV, read it
  into DuckDB, compute every indicator's cells, make the facts (values, suppression, ratios, published
  comparators, in plain Python), write them in one transaction and retire the facts of the run before last.
- full refresh, pandas: the same ``refresh_run()`` with the compute step replaced by the plain pandas
  implementation below (``pandas_facts_build``): the same export, pandas reading the same files and computing
  the same cells (groupby and merge, no loop per row), then the same plain-Python facts step and the same write.
  The two runs must write identical facts (a digest of every fact is compared). This is the ratio the issue
  asks for (goal: DuckDB at least 10x faster).
- scan floor: the engine's input stage alone (the same export into DuckDB) and one DuckDB pass over every input
  column; the goal is a full refresh within 3x of this.
- compute step only: DuckDB and pandas each from the same exported CSV files to the same cells (every indicator,
  area, period and breakdown, before suppression; asserted equal), with no database; shown because the shared
  export and write dominate both full refreshes.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
AS_OF = date(2025, 1, 16)
POSTGRES = os.environ.get("POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")


def _django(database_url: str) -> None:
    os.environ.update(
        {
            "DATABASE_URL": database_url,
            "SENDBOARD_DEBUG": "true",
            "SENDBOARD_OTP_REQUIRED": "false",
            "SENDBOARD_SECRET_KEY": "bench-only",
            "DJANGO_SETTINGS_MODULE": "sendboard.config.settings",
        }
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# -- set-up ---------------------------------------------------------------------------------------------------------
def setup(args) -> dict:
    _django(args.database_url)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from sendboard.casework.generated_area import local_authorities
    from sendboard.core.models import LocalArea
    from sendboard.extracts.services import generated_extracts_load
    from sendboard.returns.framework import file_import
    from sendboard.returns.sen2.generated import area_files_generate
    from sendboard.returns.sen2.importer import Sen2Importer
    from sendboard.statistics.loading import published_statistics_load

    for code, (name, gss, region_code, region_name, _) in local_authorities().items():
        LocalArea.objects.get_or_create(
            la_code=code,
            defaults={"name": name, "gss_code": gss, "region_code": region_code, "region_name": region_name},
        )
    folder = Path(args.folder)
    start = time.perf_counter()
    files = area_files_generate(size="england", out_dir=folder / "sen2", as_of=AS_OF, scale=args.scale, caseworker=None)
    persons = 0
    for path in files:
        outcome = file_import(importer=Sen2Importer(), path=path, filename=path.name)
        if not outcome.loaded:
            raise SystemExit(f"{path.name} did not load: {outcome.report.problems[:3]}")
        persons += outcome.report.counts["person"]
        path.unlink()
    for path, outcome in generated_extracts_load(
        area=LocalArea.objects.get(la_code="885"), size=args.extracts, out_dir=folder / "extracts", as_of=AS_OF
    ):
        if not (outcome.loaded or outcome.already_loaded):
            raise SystemExit(f"{path.name} did not load: {outcome.report.problems[:3]}")
    published = published_statistics_load()
    return {
        "persons": persons,
        "councils": len(files),
        "published_files": len(published),
        "seconds": time.perf_counter() - start,
    }


def migrate(args) -> dict:
    _django(args.database_url)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return {}


# -- the measurements -----------------------------------------------------------------------------------------------
def _facts_digest(run) -> str:
    """A digest of every fact a run wrote, to show two refreshes wrote the same facts."""
    import hashlib

    from sendboard.outcomes.models import Fact

    rows = sorted(
        Fact.objects.filter(run=run).values_list(
            "indicator__code",
            "area_code",
            "area_level",
            "period",
            "period_end",
            "dimension",
            "category",
            "numerator",
            "denominator",
            "value",
            "suppressed",
            "source",
        )
    )
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def measure_refresh(args) -> dict:
    """``refresh_run()`` end to end; with ``--engine pandas`` the same job with its compute step (DuckDB) replaced by
    the pandas implementation below: the same export of the inputs, the same plain-Python suppression and
    published comparators, the same write."""
    _django(args.database_url)
    from sendboard.outcomes import refresh
    from sendboard.outcomes.models import Fact

    if args.engine == "pandas":
        refresh.facts_build = pandas_facts_build
    start = time.perf_counter()
    run = refresh.refresh_run()
    seconds = time.perf_counter() - start
    if run.state != "succeeded":
        raise SystemExit(f"refresh failed: {run.error}")
    return {
        "seconds": seconds,
        "facts": Fact.objects.filter(run=run).count(),
        "rows": run.inputs["rows"],
        "suppressed": Fact.objects.filter(run=run, suppressed=True).count(),
        "digest": _facts_digest(run),
    }


def pandas_facts_build(folder: Path, indicators: list[dict], run_id: int | None = None):
    """The refresh's ``facts_build`` with pandas in place of DuckDB: export each input as the engine does, read the
    files with pandas, compute the cells with ``pandas_cells``, and make the facts with the engine's shared
    plain-Python step (values, suppression, ratios, published comparators)."""
    import pandas as pd

    from sendboard.outcomes.engine.compute import facts_assemble
    from sendboard.outcomes.engine.inputs import input_export

    items = _inputs(indicators)
    for item in items:
        input_export(item, folder / f"{item.name}.csv")
    counts: dict[str, int] = {}
    cells = pandas_cells(folder, indicators, counts)
    spec = items[-1]
    published = pd.read_csv(
        folder / "published.csv",
        header=None,
        names=list(spec.columns),
        keep_default_na=False,
        na_values={"value": [""]},
        dtype={c: str for c in spec.columns if c != "value"},
    )
    counts[spec.table] = len(published)
    published["period_end"] = pd.to_datetime(published.period_end, format="%Y-%m-%d").dt.date
    published["value"] = published.value.astype(object).where(published.value.notna(), None)
    coverage = pd.read_csv(
        folder / "coverage.csv", header=None, names=["area_code", "complete_from"], dtype=str
    ).dropna()
    coverage = {row.area_code: date.fromisoformat(row.complete_from) for row in coverage.itertuples()}
    return facts_assemble(cells, list(published.itertuples(index=False, name=None)), indicators, coverage), counts


def _inputs(indicators):
    from sendboard.outcomes.engine.inputs import COVERAGE, EXTRACTS, REGISTER, published_input

    measures = sorted({item["comparator"]["measure"] for item in indicators if item.get("comparator")})
    return [*REGISTER, COVERAGE, *EXTRACTS, published_input(measures)]


def measure_scan(args) -> dict:
    """The floor: read every input column out of the database into DuckDB, and touch every column once."""
    _django(args.database_url)
    import duckdb

    from sendboard.outcomes.catalogue import catalogue_indicators
    from sendboard.outcomes.engine.inputs import inputs_load

    items = _inputs(catalogue_indicators())
    start = time.perf_counter()
    con = duckdb.connect()
    with tempfile.TemporaryDirectory() as folder:
        inputs_load(con, Path(folder), items)
    loaded = time.perf_counter() - start
    for item in items:
        counted = ", ".join(f'count("{column}")' for column in item.columns)
        con.execute(f"SELECT {counted} FROM {item.name}").fetchall()
    return {"seconds": time.perf_counter() - start, "load_seconds": loaded}


def measure_export(args) -> dict:
    """Write the inputs as the engine does, once, for the DuckDB and pandas computations to share."""
    _django(args.database_url)
    from sendboard.outcomes.catalogue import catalogue_indicators
    from sendboard.outcomes.engine.inputs import input_export

    items = _inputs(catalogue_indicators())
    start = time.perf_counter()
    for item in items:
        input_export(item, Path(args.folder) / f"{item.name}.csv")
    return {
        "seconds": time.perf_counter() - start,
        "mb": sum(p.stat().st_size for p in Path(args.folder).glob("*.csv")) / 1e6,
    }


def _catalogue() -> list[dict]:
    sys.path.insert(0, str(ROOT))
    return json.loads((ROOT / "sendboard/outcomes/catalogue/indicators_2025.json").read_text())["indicators"]


def measure_duckdb(args) -> dict:
    sys.path.insert(0, str(ROOT))
    import duckdb

    from sendboard.outcomes.engine.compute import local_cells
    from sendboard.outcomes.engine.inputs import input_register

    indicators = _catalogue()
    items = [i for i in _inputs_spec() if i.name != "published"]
    start = time.perf_counter()
    con = duckdb.connect()
    for item in items:
        input_register(con, item, Path(args.folder) / f"{item.name}.csv")
    cells = local_cells(con, indicators)
    seconds = time.perf_counter() - start
    _save(args, cells)
    return {"seconds": seconds, "cells": len(cells)}


def _inputs_spec():
    """The input specifications without Django (the module reads no settings at import)."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sendboard.config.settings")
    from sendboard.outcomes.engine.inputs import EXTRACTS, REGISTER, published_input

    return [*REGISTER, *EXTRACTS, published_input([])]


def measure_pandas(args) -> dict:
    indicators = _catalogue()
    start = time.perf_counter()
    cells = pandas_cells(Path(args.folder), indicators)
    seconds = time.perf_counter() - start
    _save(args, cells)
    return {"seconds": seconds, "cells": len(cells)}


def measure_shared(args) -> dict:
    """The plain-Python steps both engines share: suppression and the facts from cells."""
    sys.path.insert(0, str(ROOT))
    from sendboard.outcomes.engine.compute import local_facts

    cells = pickle.loads(Path(args.out).read_bytes())
    start = time.perf_counter()
    facts = local_facts(cells, _catalogue())
    return {"seconds": time.perf_counter() - start, "facts": len(facts)}


def _save(args, cells) -> None:
    Path(args.out).write_bytes(pickle.dumps(cells))


# -- the pandas reference: the same definitions as sendboard/outcomes/engine/queries.py ------------------------------
PHASES = {
    "PR": "primary",
    "SE": "secondary",
    "SP": "special",
    "AP": "alternative_provision",
    "16": "post16",
    "NU": "nursery",
}


def _age_band(born, on):
    import numpy as np
    import pandas as pd

    age = (
        on.dt.year - born.dt.year - ((on.dt.month * 100 + on.dt.day) < (born.dt.month * 100 + born.dt.day)).astype(int)
    )
    return pd.Series(
        np.select(
            [age.isna(), age < 5, age <= 10, age <= 15, age <= 19],
            ["unknown", "under_5", "5-10", "11-15", "16-19"],
            "20-25",
        ),
        index=born.index,
    )


def _ethnic_group(code: object) -> str:
    if not isinstance(code, str) or code in ("NOBT", "REFU"):
        return "unknown"
    if code == "CHNE":
        return "chinese"
    if code == "OOTH":
        return "other"
    return {"W": "white", "M": "mixed", "A": "asian", "B": "black"}.get(code[0], "other")


def _ethnic(code):
    return code.map({c: _ethnic_group(c) for c in code.unique()}).astype(object)


def _sex_name(code):
    return code.map({"M": "male", "F": "female"}).fillna("unknown").astype(object)


def _fsm_name(flag):
    return flag.map({1: "eligible", 0: "not_eligible"}).fillna("unknown").astype(object)


def _sen_name(code):
    return code.map({"E": "ehc_plan", "K": "sen_support", "N": "no_sen"}).fillna("unknown").astype(object)


def _academic(period_column):
    import pandas as pd

    start = period_column.str[:4].astype(int)
    return pd.to_datetime(pd.DataFrame({"year": start + 1, "month": 8, "day": 31}))


def _ay_start(d):
    return d.dt.year - (d.dt.month < 9).astype(int)


def _financial(d):
    import pandas as pd

    start = d.dt.year - (d.dt.month < 4).astype(int)
    label = start.astype(str) + "-" + ((start + 1) % 100).astype(str).str.zfill(2)
    return label, pd.to_datetime(pd.DataFrame({"year": start + 1, "month": 3, "day": 31}))


def _read(folder: Path, spec):
    import pandas as pd

    dates = [c for c, t in spec.columns.items() if t == "DATE"]
    types = {
        c: (str if t == "VARCHAR" else "Int64" if t in ("BIGINT", "INTEGER") else "float64")
        for c, t in spec.columns.items()
        if t != "DATE"
    }
    frame = pd.read_csv(
        folder / f"{spec.name}.csv",
        header=None,
        names=list(spec.columns),
        dtype=types,
        keep_default_na=False,
        na_values={c: [""] for c in spec.columns},
    )
    for column in dates:
        frame[column] = pd.to_datetime(frame[column], format="%Y-%m-%d").astype("datetime64[us]")
    return frame


class PandasReference:
    """The exported inputs read with pandas, and each catalogue unit computed from them with groupby and merge: the
    reference the DuckDB engine is measured against (the same definitions as its queries)."""

    def __init__(self, folder: Path, counts: dict | None = None) -> None:
        sys.path.insert(0, str(ROOT))
        specs = {item.name: item for item in _inputs_spec()}
        self.t = t = {name: _read(folder, specs[name]) for name in specs if name != "published"}
        if counts is not None:
            counts.update({specs[name].table: len(frame) for name, frame in t.items()})
        self.cases = self._cases()
        self.reference = self._reference()
        from sendboard.outcomes.engine.queries import register_periods

        self.years, self.snapshots = register_periods(self.reference)
        census = t["census"]
        self.census_pupil = census[census.upn.notna()][["upn", "census_date", "phase", "fsm"]].sort_values(
            "census_date"
        )
        import pandas as pd

        years = self.years
        self.year_table = pd.DataFrame(
            {"year": years, "period": [str(y) for y in years], "period_end": [pd.Timestamp(y, 12, 31) for y in years]}
        )
        self.plans = self.cases[self.cases.start_date.notna()]
        self.in_force, self.on_reference = self._in_force(self._profile())
        self.census = census.assign(ay=_ay_start(census.census_date))
        self.census_ay = self._census_ay()
        self.pupil_tables = {
            "attendance": self._nearest_census("attendance"),
            "attainment": self._nearest_census("attainment"),
        }

    def _cases(self):
        t = self.t
        request, assessment = t["request"], t["assessment"]
        cases = (
            request.rename(
                columns={
                    "id": "request_id",
                    "outcome": "request_outcome",
                    "outcome_date": "request_outcome_date",
                    "tribunal": "request_tribunal",
                }
            )
            .merge(t["child"].rename(columns={"id": "child_id"}), on="child_id")
            .merge(
                assessment.rename(
                    columns={
                        "id": "assessment_id",
                        "outcome": "assessment_outcome",
                        "outcome_date": "assessment_outcome_date",
                        "tribunal": "assessment_tribunal",
                    }
                ),
                on="request_id",
                how="left",
            )
            .merge(t["named_plan"].rename(columns={"id": "plan_id"}), on="assessment_id", how="left")
            .merge(t["active_plan"].rename(columns={"id": "active_plan_id"}), on="request_id", how="left")
        )
        cases["week20_exception"] = cases["week20_exception"].fillna(0)
        return cases

    def _reference(self) -> date | None:
        import pandas as pd

        t = self.t
        dates = [
            t["request"].received_date.max(),
            t["request"].outcome_date.max(),
            t["assessment"].outcome_date.max(),
            t["named_plan"].start_date.max(),
            t["named_plan"].cease_date.max(),
            t["active_plan"].review_meeting.max(),
        ]
        dates = [d for d in dates if pd.notna(d)]
        return min(max(dates).date(), date.today()) if dates else None

    def _with_pupil(self, frame):
        import pandas as pd

        frame = frame.reset_index(drop=True)
        has = (
            frame[frame.upn.notna()]
            .assign(ref_date=lambda f: f.ref_date.astype("datetime64[us]"))
            .sort_values("ref_date")
        )
        matched = pd.merge_asof(
            has, self.census_pupil, left_on="ref_date", right_on="census_date", by="upn", direction="backward"
        )
        rest = frame[frame.upn.isna()].assign(phase=pd.NA, fsm=pd.NA)
        out = pd.concat([matched.drop(columns="census_date"), rest], ignore_index=True)
        out["phase"] = out.phase.map(PHASES).fillna("unknown").astype(object)
        out["fsm"] = _fsm_name(out.fsm)
        return out

    def _person(self, frame, extra=()):
        import pandas as pd

        frame = self._with_pupil(frame)
        return pd.DataFrame(
            {
                "area_code": frame.area_code,
                "period": frame.period,
                "period_end": frame.period_end,
                "num": frame.num,
                "den": frame.den,
                "age": _age_band(frame.birth_date, frame.ref_date),
                "sex": _sex_name(frame.sex),
                "ethnicity": _ethnic(frame.ethnicity),
                "phase": frame.phase,
                "fsm": frame.fsm,
                **{name: frame[name] for name in extra},
            }
        )

    def _flow(self, mask, date_column, num=None, extra=None):
        cases = self.cases
        frame = cases[mask & cases[date_column].notna()].copy()
        frame["year"] = frame[date_column].dt.year
        frame = frame.merge(self.year_table, on="year")
        frame["ref_date"] = frame[date_column]
        frame["num"] = 1 if num is None else num(frame)
        frame["den"] = 1
        for name, function in (extra or {}).items():
            frame[name] = function(frame)
        return self._person(frame, tuple(extra or {}))

    def _profile(self):
        """Each plan's setting, placement and need."""
        import numpy as np
        import pandas as pd

        from sendboard.outcomes.engine.queries import PLACEMENTS

        t, census = self.t, self.t["census"]
        placement = t["placement"].sort_values(["active_plan_id", "placement_rank"]).drop_duplicates("active_plan_id")
        counted = set(census.area_code.dropna().unique())
        school = (
            census.groupby(["area_code", "school_urn", "phase"])
            .size()
            .rename("pupils")
            .reset_index()
            .sort_values(["area_code", "school_urn", "pupils", "phase"], ascending=[True, True, False, True])
            .drop_duplicates(["area_code", "school_urn"])
            .drop(columns="pupils")
            .rename(columns={"school_urn": "urn", "phase": "school_phase"})
        )
        profile = (
            t["active_plan"][["id", "request_id"]]
            .rename(columns={"id": "active_plan_id"})
            .merge(t["request"][["id", "child_id"]].rename(columns={"id": "request_id"}), on="request_id")
            .merge(t["child"][["id", "area_code"]].rename(columns={"id": "child_id"}), on="child_id")
            .merge(placement, on="active_plan_id", how="left")
            .merge(school, on=["area_code", "urn"], how="left")
        )
        setting = np.select(
            [
                profile.placement_rank.isna() | ~profile.area_code.isin(counted),
                profile.urn.notna(),
                profile.ukprn.notna(),
            ],
            ["unknown", profile.school_phase.map(PHASES).fillna("not_in_census"), "post16_provider"],
            profile.sen_setting.str.lower().fillna("unknown"),
        )
        profile = pd.DataFrame({"active_plan_id": profile.active_plan_id, "setting_type": setting})
        profile["placement"] = profile.setting_type.map(PLACEMENTS).fillna("unknown")
        needs = t["sen_need"].rename(columns={"sen_type": "need"})
        profile = profile.merge(needs, on="active_plan_id", how="left")
        profile["need"] = profile.need.fillna("unknown")
        return profile

    def _in_force(self, profile):
        """Plans in force on each census date (and, apart, on the reference date), with their profile."""
        import pandas as pd

        from sendboard.outcomes.engine.queries import reference_period, third_thursday_of_january

        plans = self.plans
        days = [
            (
                pd.Timestamp(third_thursday_of_january(year)),
                f"{year - 1}/{year % 100:02d}",
                pd.Timestamp(year, 1, 31),
                "census",
            )
            for year in self.snapshots
        ]
        if self.reference is not None:
            label, end = reference_period(self.reference)
            days.append((pd.Timestamp(self.reference), label, pd.Timestamp(end), "reference"))
        in_force_frames = []
        for snap, label, end, kind in days:
            frame = plans[(plans.start_date <= snap) & (plans.cease_date.isna() | (plans.cease_date > snap))].copy()
            frame["period"], frame["period_end"], frame["ref_date"], frame["kind"] = label, end, snap, kind
            in_force_frames.append(frame)
        in_force = (
            pd.concat(in_force_frames, ignore_index=True)
            if in_force_frames
            else plans.head(0).assign(period="", period_end=pd.NaT, ref_date=pd.NaT, kind="")
        )
        in_force = in_force.merge(profile, on="active_plan_id", how="left")
        for column in ("setting_type", "placement", "need"):
            in_force[column] = in_force[column].fillna("unknown")
        return in_force[in_force.kind == "census"], in_force[in_force.kind == "reference"]

    def _in_force_unit(self, frame, num, den=None):
        frame = frame.copy()
        frame["num"], frame["den"] = num(frame), 1 if den is None else den(frame)
        return self._person(frame, ("setting_type", "placement", "need"))

    def _census_ay(self):
        import pandas as pd

        census = self.census
        order = census.assign(not_january=census.census_date.dt.month != 1).sort_values(
            ["not_january", "census_date"], ascending=[True, False]
        )
        chosen = order.drop_duplicates(["area_code", "ay"])[["area_code", "ay", "census_date"]]
        census_ay = census.merge(chosen, on=["area_code", "ay", "census_date"])
        census_ay["period"] = census_ay.ay.astype(str) + "/" + ((census_ay.ay + 1) % 100).astype(str).str.zfill(2)
        census_ay["period_end"] = pd.to_datetime(pd.DataFrame({"year": census_ay.ay + 1, "month": 8, "day": 31}))
        return census_ay

    def _nearest_census(self, table):
        import pandas as pd

        frame = self.t[table].reset_index(drop=True)
        frame["row_id"] = frame.index
        joined = frame.merge(self.census.drop(columns="ay"), on=["area_code", "upn"], suffixes=("", "_c"))
        january = pd.to_datetime(
            pd.DataFrame({"year": joined.academic_year.str[:4].astype(int) + 1, "month": 1, "day": 16})
        )
        joined["distance"] = (joined.census_date - january).abs()
        joined = joined.sort_values(["row_id", "distance", "census_date"]).drop_duplicates("row_id")
        joined["period"] = joined.academic_year
        joined["period_end"] = _academic(joined.academic_year)
        return joined

    @staticmethod
    def _pupils(frame, num, den=None):
        import pandas as pd

        return pd.DataFrame(
            {
                "area_code": frame.area_code,
                "period": frame.period,
                "period_end": frame.period_end,
                "num": num,
                "den": 1 if den is None else den,
                "sen": _sen_name(frame.sen_provision),
                "phase": frame.phase.map(PHASES).fillna("unknown").astype(object),
                "sex": _sex_name(frame.sex),
                "ethnicity": _ethnic(frame.ethnicity),
                "fsm": _fsm_name(frame.fsm),
                "need": frame.primary_need.fillna("none").astype(object),
            }
        )

    # -- one method per unit, as queries.UNITS has one query per unit
    def requests(self, compute):
        import pandas as pd

        refused = compute.get("where") == "refused"
        return self._flow(
            pd.Series(True, index=self.cases.index),
            "received_date",
            num=(lambda f: (f.request_outcome == "N").fillna(False).astype(int)) if refused else None,
        )

    def requests_decided(self, compute):
        return self._flow(
            self.cases.request_outcome.isin(["A", "N"]).fillna(False),
            "received_date",
            num=lambda f: (f.request_outcome == "N").astype(int),
        )

    def assessments(self, compute):
        no_plan = compute.get("where") == "no_plan"
        return self._flow(
            self.cases.assessment_outcome.isin(["Y", "N"]).fillna(False),
            "assessment_outcome_date",
            num=(lambda f: (f.assessment_outcome == "N").astype(int)) if no_plan else None,
        )

    def new_plans(self, compute):
        from sendboard.outcomes.engine.queries import TWENTY_WEEKS

        cases = self.cases
        mask = cases.start_date.notna()
        if compute["unit"] == "new_plans_no_exception":
            mask &= cases.week20_exception == 0
        within = (
            (lambda f: ((f.start_date - f.received_date).dt.days <= TWENTY_WEEKS).astype(int))
            if compute.get("num") == "within_20_weeks"
            else None
        )
        return self._flow(mask, "start_date", num=within)

    def plans_in_force(self, compute):
        num_name = compute.get("num")
        if num_name and num_name.startswith("placement_is_"):
            wanted = num_name.removeprefix("placement_is_")
            return self._in_force_unit(
                self.in_force,
                lambda f: (f.placement == wanted).astype(int),
                lambda f: (f.placement != "unknown").astype(int),
            )
        return self._in_force_unit(self.in_force, lambda f: 1)

    def plans_due_review(self, compute):
        import pandas as pd

        on_reference = self.on_reference
        frame = on_reference[on_reference.start_date <= on_reference.ref_date - pd.Timedelta(days=365)]
        return self._in_force_unit(
            frame, lambda f: (f.review_meeting.notna() & (f.review_meeting <= f.ref_date)).astype(int)
        )

    def plans_ceased(self, compute):
        from sendboard.outcomes.engine.queries import CEASE_REASONS

        return self._flow(
            self.cases.cease_date.notna(),
            "cease_date",
            extra={"reason": lambda f: f.cease_reason.map(CEASE_REASONS).fillna("not_recorded").astype(object)},
        )

    def appealable(self, compute):
        import pandas as pd

        from sendboard.outcomes.engine.queries import CEASE_REASONS

        cases = self.cases
        needs_met = next(code for code, reason in CEASE_REASONS.items() if reason == "needs_met")
        refusals = cases[cases.request_outcome == "N"][
            ["area_code", "request_outcome_date", "request_tribunal"]
        ].assign(den=1)
        refusals.columns = ["area_code", "decided", "num", "den"]
        assessed = cases[cases.assessment_outcome.isin(["Y", "N"]).fillna(False)]
        assessed = assessed[["area_code", "assessment_outcome_date", "assessment_tribunal"]].assign(
            den=(assessed.assessment_outcome == "N").astype(int)
        )
        assessed.columns = ["area_code", "decided", "num", "den"]
        started = cases[cases.start_date.notna()][["area_code", "start_date", "other_tribunal"]].assign(den=0)
        started.columns = ["area_code", "decided", "num", "den"]
        started["num"] = started.num.fillna(0)
        ceased = cases[cases.cease_reason == needs_met][["area_code", "cease_date"]].assign(num=0, den=1)
        ceased.columns = ["area_code", "decided", "num", "den"]
        frame = pd.concat([refusals, assessed, started, ceased], ignore_index=True)
        frame = frame[frame.decided.notna()].assign(year=lambda f: f.decided.dt.year).merge(self.year_table, on="year")
        return pd.concat(
            [frame[["area_code", "period", "period_end", "num", "den"]], *self._counted()], ignore_index=True
        )

    def _counted(self):
        """The plans in force at the January census after each year: the decisions appealable that year."""
        import pandas as pd

        from sendboard.outcomes.engine.queries import third_thursday_of_january

        plans, counted = self.plans, []
        for year in self.years:
            census_next = pd.Timestamp(third_thursday_of_january(year + 1))
            if self.reference is not None:
                census_next = min(census_next, pd.Timestamp(self.reference))
            here = plans[
                (plans.start_date <= census_next) & (plans.cease_date.isna() | (plans.cease_date > census_next))
            ]
            counted.append(
                here[["area_code"]].assign(period=str(year), period_end=pd.Timestamp(year, 12, 31), num=0, den=1)
            )
        return counted

    def exclusions(self, compute):
        category = "SUS" if compute["unit"] == "suspensions" else "PERM"
        suspension = self.t["suspension"]
        events = (
            suspension[suspension.category == category]
            .groupby(["area_code", "upn", "academic_year"])
            .size()
            .rename("events")
            .reset_index()
            .rename(columns={"academic_year": "period"})
        )
        frame = self.census_ay.merge(events, on=["area_code", "upn", "period"], how="left")
        return self._pupils(frame, frame.events.fillna(0))

    def attendance(self, compute):
        frame = self.pupil_tables["attendance"]
        frame = frame[(frame.possible_sessions > 0) & (_sen_name(frame.sen_provision) == compute["sen"])]
        return self._pupils(frame, (frame.absence_sessions >= 0.1 * frame.possible_sessions).astype(int))

    def attainment(self, compute):
        frame = self.pupil_tables["attainment"]
        frame = frame[(frame.measure == compute["measure"]) & (_sen_name(frame.sen_provision) == compute["sen"])]
        return self._pupils(frame, frame.value)

    def census_unit(self, compute):
        census_ay = self.census_ay
        frame = census_ay[census_ay[compute["filter"]] == 1]
        return self._pupils(frame, (frame.sen_provision == compute.get("num").removeprefix("sen_")).astype(int))

    def neet(self, compute):
        import pandas as pd

        frame = self.t["neet"]
        frame = frame[
            frame.month.dt.month.isin([12, 1, 2])
            & frame.activity.isin(["EET", "NEET"])
            & frame.sen_provision.isin(["K", "E"])
        ]
        start = _ay_start(frame.month)
        return pd.DataFrame(
            {
                "area_code": frame.area_code,
                "period": start.astype(str) + "/" + ((start + 1) % 100).astype(str).str.zfill(2),
                "period_end": pd.to_datetime(pd.DataFrame({"year": start + 1, "month": 8, "day": 31})),
                "num": (frame.activity == "NEET").astype(int),
                "den": 1,
                "sen": _sen_name(frame.sen_provision),
            }
        )

    def youth_justice(self, compute):
        frame = self.t["youth_justice"].copy()
        frame["period"], frame["period_end"] = _financial(frame.period_end)
        frame["num"] = frame.sen_provision.isin(["K", "E"]).astype(int)
        frame = frame.groupby(["area_code", "period", "period_end", "person_ref"]).num.max().reset_index()
        return frame.assign(den=1)

    def health_wait(self, compute):
        import pandas as pd

        frame = self.t["health_wait"]
        frame = frame[frame.service == compute["service"]]
        return pd.DataFrame(
            {
                "area_code": frame.area_code,
                "period": frame.month.dt.strftime("%Y-%m"),
                "period_end": frame.month + pd.offsets.MonthEnd(0),
                "num": frame.waiting_over_18_weeks,
                "den": frame.waiting,
                "provider": frame.provider,
            }
        )

    def plan_audit(self, compute):
        frame = self.t["plan_audit"].copy()
        frame["period"], frame["period_end"] = _financial(frame.audit_date)
        return frame.assign(num=(frame.overall_grade >= 3).astype(int), den=1)[
            ["area_code", "period", "period_end", "num", "den"]
        ]

    UNITS = {
        "requests": requests,
        "requests_decided": requests_decided,
        "assessments": assessments,
        "new_plans": new_plans,
        "new_plans_no_exception": new_plans,
        "plans": plans_in_force,
        "plans_due_review": plans_due_review,
        "plans_ceased": plans_ceased,
        "appealable": appealable,
        "suspensions": exclusions,
        "permanent_exclusions": exclusions,
        "attendance": attendance,
        "attainment": attainment,
        "census": census_unit,
        "neet": neet,
        "youth_justice": youth_justice,
        "health_wait": health_wait,
        "plan_audit": plan_audit,
    }

    def unit(self, compute):
        import pandas as pd

        name = compute["unit"]
        if name in self.UNITS:
            return self.UNITS[name](self, compute)
        from sendboard.outcomes.catalogue import app_extensions

        if any(extension.unit_sql(compute) for extension in app_extensions()):
            return (
                pd.DataFrame()
            )  # another app's indicator (vulnerable learners): the benchmark area has none of its records
        raise ValueError(name)


def _summed(item: dict, frame) -> list[tuple]:
    """One indicator's cells from its unit's rows: the headline, then each breakdown's categories."""
    import pandas as pd

    keys = ["area_code", "period", "period_end"]
    frame = frame.assign(num=frame.num.astype(float), den=pd.Series(frame.den, index=frame.index).astype(float))
    groups = [(None, frame.groupby(keys, dropna=False)[["num", "den"]].sum().reset_index())]
    for dimension in item["breakdowns"]:
        column = frame[dimension].astype(object).where(frame[dimension].notna(), "unknown").astype(str)
        summed = frame.assign(category=column).groupby([*keys, "category"])[["num", "den"]].sum().reset_index()
        groups.append((dimension, summed))
    cells = []
    for dimension, summed in groups:
        categories = summed.category if dimension else [""] * len(summed)
        for (area, period, period_end, num, den), category in zip(
            summed[["area_code", "period", "period_end", "num", "den"]].itertuples(index=False),
            categories,
            strict=True,
        ):
            cells.append((item["code"], area, period, period_end.date(), dimension or "", category, num, den))
    return cells


def pandas_cells(folder: Path, indicators: list[dict], counts: dict | None = None) -> list[tuple]:
    reference = PandasReference(folder, counts)
    cells = []
    for item in indicators:
        if "unit" not in item["compute"]:
            continue
        frame = reference.unit(item["compute"])
        if not frame.empty:
            cells.extend(_summed(item, frame))
    return cells


# -- the parent: set up, measure, compare, report ------------------------------------------------------------------
def run_worker(kind: str, args, **extra) -> dict:
    command = [
        sys.executable,
        __file__,
        "--worker",
        kind,
        "--database-url",
        args.database_url,
        "--folder",
        str(args.folder),
        "--scale",
        str(args.scale),
        "--extracts",
        args.extracts,
        "--out",
        extra.get("out", ""),
        "--engine",
        extra.get("engine", "duckdb"),
    ]
    result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)
    if result.returncode != 0:
        raise SystemExit(f"{kind} failed:\n{result.stdout[-2000:]}\n{result.stderr[-4000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def fresh_database(name: str, folder: Path, database: str = "bench_outcomes") -> str:
    if name == "sqlite":
        return f"sqlite:///{folder / 'bench-outcomes.sqlite3'}"
    import psycopg

    base = POSTGRES.rsplit("/", 1)[0]
    with psycopg.connect(POSTGRES, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {database}")
        connection.execute(f"CREATE DATABASE {database}")
    return f"{base}/{database}"


def kept_database(args, folder: Path) -> tuple[str, Path | None]:
    """The database to measure, and the marker saying it is prepared (None: a fresh one for this run). With
    ``--keep``, SQLite keeps its file there; PostgreSQL keeps a database named after the scale, with a marker file."""
    if not args.keep:
        return fresh_database(args.database, folder), None
    label = f"{args.scale}-{args.extracts}"
    if args.database == "sqlite":
        kept = Path(args.keep) / f"outcomes-{label}.sqlite3"
        return f"sqlite:///{kept}", kept
    name = "bench_outcomes_" + label.replace(".", "_").replace("-", "_")
    marker = Path(args.keep) / f"outcomes-postgres-{label}.ready"
    if marker.exists():
        return f"{POSTGRES.rsplit('/', 1)[0]}/{name}", marker
    return fresh_database(args.database, folder, name), marker


def _normalised(cells: list[tuple]) -> set[tuple]:
    return {
        (c[0], c[1], c[2], c[3], c[4], c[5], round(float(c[6]), 6), None if c[7] is None else round(float(c[7]), 6))
        for c in cells
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=0.1)
    parser.add_argument("--database", default="sqlite", choices=["sqlite", "postgres"])
    parser.add_argument("--extracts", default="county", choices=["small", "county"])
    parser.add_argument("--repeat", type=int, default=1, help="Take the best of this many runs of each measurement")
    parser.add_argument(
        "--keep",
        default="",
        help="A folder to keep the prepared database (SQLite) or its marker (PostgreSQL) in, to reuse it",
    )
    parser.add_argument("--setup-only", action="store_true", help="Prepare the (kept) database and stop")
    parser.add_argument("--worker", default="")
    parser.add_argument("--database-url", default="")
    parser.add_argument("--folder", default="")
    parser.add_argument("--out", default="")
    parser.add_argument("--engine", default="duckdb", choices=["duckdb", "pandas"])
    args, _ = parser.parse_known_args()
    if args.worker:
        function = {
            "setup": setup,
            "migrate": migrate,
            "refresh": measure_refresh,
            "scan": measure_scan,
            "export": measure_export,
            "duckdb": measure_duckdb,
            "pandas": measure_pandas,
            "shared": measure_shared,
        }[args.worker]
        result = function(args)
        result["maxrss_mb"] = _peak_mb()
        print(json.dumps(result, default=str))
        return
    with tempfile.TemporaryDirectory(prefix="bench-outcomes-") as tmp:
        folder = Path(tmp)
        args.folder = folder
        args.database_url, kept = kept_database(args, folder)
        if kept is None or not kept.exists():
            ready = run_worker("setup", args)
            print(
                f"set-up: {ready['councils']} councils, {ready['persons']:,} SEN2 persons (england x {args.scale}), "
                f"home extracts '{args.extracts}', {ready['published_files']} published files, in "
                f"{ready['seconds']:.0f} s ({args.database})",
                flush=True,
            )
            if kept is not None and args.database == "postgres":
                kept.write_text(args.database_url)
        else:
            run_worker("migrate", args)  # a kept database gets any migration added since it was prepared
        if args.setup_only:
            return

        def best(kinds: dict[str, tuple[str, dict]]) -> dict[str, dict]:
            """Best of ``--repeat`` runs of each, the kinds taken in turn (the machine is shared, so a ratio is only
            fair between runs made at about the same time)."""
            runs: dict[str, list[dict]] = {name: [] for name in kinds}
            for _ in range(max(1, args.repeat)):
                for name, (kind, extra) in kinds.items():
                    runs[name].append(run_worker(kind, args, **extra))
            return {name: min(found, key=lambda r: r["seconds"]) for name, found in runs.items()}

        measured = best(
            {"refresh": ("refresh", {}), "refresh_pandas": ("refresh", {"engine": "pandas"}), "scan": ("scan", {})}
        )
        refresh, refresh_pandas, scan = measured["refresh"], measured["refresh_pandas"], measured["scan"]
        exported = folder / "inputs"
        exported.mkdir()
        args.folder = exported
        export = run_worker("export", args)
        measured = best(
            {
                "duck": ("duckdb", {"out": str(folder / "duckdb.pickle")}),
                "pandas": ("pandas", {"out": str(folder / "pandas.pickle")}),
            }
        )
        duck, pandas = measured["duck"], measured["pandas"]
        shared = run_worker("shared", args, out=str(folder / "duckdb.pickle"))
        same_d = _normalised(pickle.loads((folder / "duckdb.pickle").read_bytes()))
        same_p = _normalised(pickle.loads((folder / "pandas.pickle").read_bytes()))
        if same_d != same_p:
            only_d, only_p = sorted(same_d - same_p)[:5], sorted(same_p - same_d)[:5]
            raise SystemExit(
                f"DuckDB and pandas disagree ({len(same_d ^ same_p)} cells), e.g.\n duckdb {only_d}\n pandas {only_p}"
            )
        if refresh["digest"] != refresh_pandas["digest"] or refresh["facts"] != refresh_pandas["facts"]:
            raise SystemExit(
                f"The DuckDB and pandas refreshes wrote different facts ({refresh['facts']:,} and "
                f"{refresh_pandas['facts']:,})"
            )
        rows = sum(refresh["rows"].values())
        full, floor, compute = (
            refresh_pandas["seconds"] / refresh["seconds"],
            refresh["seconds"] / scan["seconds"],
            pandas["seconds"] / duck["seconds"],
        )
        print(
            f"inputs: {rows:,} rows ({export['mb']:.0f} MB as CSV); {refresh['facts']:,} facts "
            f"({refresh['suppressed']:,} suppressed); best of {max(1, args.repeat)}"
        )
        print(
            "full refresh: refresh_run() end to end (export the inputs out of the database, compute, suppress, write "
            "the facts in one transaction, retire old facts)"
        )
        print(f"  duckdb     {refresh['seconds']:7.2f} s  peak {refresh['maxrss_mb']:5.0f} MB")
        print(
            f"  pandas     {refresh_pandas['seconds']:7.2f} s  peak {refresh_pandas['maxrss_mb']:5.0f} MB   (compute "
            "step in pandas; the same facts written: digest equal)"
        )
        print(f"  pandas / duckdb = {full:.1f}x (goal >= 10x)")
        print(
            f"scan floor   {scan['seconds']:7.2f} s  peak {scan['maxrss_mb']:5.0f} MB   (export the inputs and read "
            f"them into DuckDB {scan['load_seconds']:.2f} s, then every column touched)"
        )
        print(f"  refresh / floor = {floor:.1f}x (goal <= 3x)")
        print("compute step only, from the same exported CSV files to the same cells (asserted equal), no database:")
        print(
            f"  duckdb     {duck['seconds']:7.2f} s  peak {duck['maxrss_mb']:5.0f} MB   {duck['cells']:,} cells (read "
            "the files, shared tables, every indicator)"
        )
        print(
            f"  pandas     {pandas['seconds']:7.2f} s  peak {pandas['maxrss_mb']:5.0f} MB   {pandas['cells']:,} cells "
            "(read the files, every indicator)"
        )
        print(
            f"  pandas / duckdb = {compute:.1f}x; shared Python step (values, suppression, ratios) "
            f"{shared['seconds']:.2f} s for {shared['facts']:,} local facts, the same code in both refreshes"
        )


if __name__ == "__main__":
    main()
