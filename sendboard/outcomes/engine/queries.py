"""The indicators in SQL (DuckDB dialect).

``base_prepare`` builds shared tables from the inputs: the register's cases, the periods, the census of each
academic year, placements classed by setting. Each *unit* is a query with one row per thing counted (a request,
a plan in force on a census date, a pupil) and the columns ``area_code, period, period_end, num, den`` plus one
column per breakdown; ``cells_sql`` sums a unit for the headline and for each breakdown. Definitions follow the
SEN2 statistics (ADR 0025): within 20 weeks is no more than 140 days from the request to the plan's start.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

TWENTY_WEEKS = 140
HISTORY = 6  # calendar years and January census dates computed from the register, most recent first

MACROS = """
CREATE OR REPLACE MACRO age_on(born, d) AS
    (year(d) - year(born)) - CASE WHEN month(d) * 100 + day(d) < month(born) * 100 + day(born) THEN 1 ELSE 0 END;
CREATE OR REPLACE MACRO age_band(age) AS
    CASE WHEN age IS NULL THEN 'unknown' WHEN age < 5 THEN 'under_5' WHEN age <= 10 THEN '5-10'
         WHEN age <= 15 THEN '11-15' WHEN age <= 19 THEN '16-19' ELSE '20-25' END;
CREATE OR REPLACE MACRO ethnic_group(code) AS
    CASE WHEN code IS NULL OR code IN ('NOBT', 'REFU') THEN 'unknown' WHEN code = 'CHNE' THEN 'chinese'
         WHEN code = 'OOTH' THEN 'other' WHEN code[1] = 'W' THEN 'white' WHEN code[1] = 'M' THEN 'mixed'
         WHEN code[1] = 'A' THEN 'asian' WHEN code[1] = 'B' THEN 'black' ELSE 'other' END;
CREATE OR REPLACE MACRO sex_name(code) AS
    CASE code WHEN 'M' THEN 'male' WHEN 'F' THEN 'female' ELSE 'unknown' END;
CREATE OR REPLACE MACRO phase_name(code) AS
    CASE code WHEN 'PR' THEN 'primary' WHEN 'SE' THEN 'secondary' WHEN 'SP' THEN 'special'
              WHEN 'AP' THEN 'alternative_provision' WHEN '16' THEN 'post16' WHEN 'NU' THEN 'nursery' ELSE NULL END;
CREATE OR REPLACE MACRO fsm_name(flag) AS
    CASE flag WHEN 1 THEN 'eligible' WHEN 0 THEN 'not_eligible' ELSE 'unknown' END;
CREATE OR REPLACE MACRO sen_name(code) AS
    CASE code WHEN 'E' THEN 'ehc_plan' WHEN 'K' THEN 'sen_support' WHEN 'N' THEN 'no_sen' ELSE 'unknown' END;
CREATE OR REPLACE MACRO ay_start(d) AS CASE WHEN month(d) >= 9 THEN year(d) ELSE year(d) - 1 END;
CREATE OR REPLACE MACRO ay_name(s) AS printf('%d/%02d', s, (s + 1) % 100);
CREATE OR REPLACE MACRO fy_start(d) AS CASE WHEN month(d) >= 4 THEN year(d) ELSE year(d) - 1 END;
CREATE OR REPLACE MACRO fy_name(s) AS printf('%d-%02d', s, (s + 1) % 100);
"""

CEASE_REASONS = {
    "1": "max_age",
    "2": "needs_met",
    "3": "he",
    "4": "employ",
    "5": "transfer",
    "6": "no_engage",
    "7": "moved_outside_eng",
    "8": "deceased",
    "9": "other",
}
# Rank-1 placement's setting type (census phase of its URN, post-16 provider by UKPRN, else the SEN2 SENsetting
# code) to the published placement groups.
PLACEMENTS = {
    "primary": "mainstream",
    "secondary": "mainstream",
    "nursery": "mainstream",
    "post16": "mainstream",
    "special": "special",
    "alternative_provision": "alternative",
    "ola": "alternative",
    "post16_provider": "post16",
    "not_in_census": "independent_or_out_of_area",
    "eyp": "early_years",
    "opa": "other",
    "ehe": "other",
    "oth": "other",
    "neet": "none",
    "niec": "none",
    "nieo": "none",
}


def _case(column: str, mapping: dict[str, str], default: str) -> str:
    whens = " ".join(f"WHEN '{key}' THEN '{value}'" for key, value in mapping.items())
    return f"CASE {column} {whens} ELSE '{default}' END"


def third_thursday_of_january(year: int) -> date:
    first = date(year, 1, 1)
    return first + timedelta(days=(3 - first.weekday()) % 7 + 14)


def reference_period(reference: date) -> tuple[str, date]:
    """A figure measured on the register's reference date is labelled, as every count on a day is (the January
    census dates), with the academic year the day falls in: 20 January 2025 is "2024/25". The label stays the
    same as the register moves on within the year, so a target set for it keeps applying."""
    start = reference.year if reference.month >= 9 else reference.year - 1
    return f"{start}/{(start + 1) % 100:02d}", reference


def register_periods(reference: date | None) -> tuple[list[int], list[int]]:
    """Complete calendar years, and years whose January census date has passed, up to ``reference``."""
    if reference is None:
        return [], []
    years = [y for y in range(reference.year - HISTORY, reference.year + 1) if date(y, 12, 31) <= reference][-HISTORY:]
    snapshots = [
        y for y in range(reference.year - HISTORY, reference.year + 1) if third_thursday_of_january(y) <= reference
    ][-HISTORY:]
    return years, snapshots


REFERENCE_SQL = """
SELECT max(d) FROM (
    SELECT max(received_date) AS d FROM request UNION ALL SELECT max(outcome_date) FROM request
    UNION ALL SELECT max(outcome_date) FROM assessment UNION ALL SELECT max(start_date) FROM named_plan
    UNION ALL SELECT max(cease_date) FROM named_plan UNION ALL SELECT max(review_meeting) FROM active_plan)
"""


def base_prepare(con, *, years: list[int], snapshots: list[int], reference: date | None = None) -> None:
    """``reference`` is the register's reference date (its latest date): the one day on which figures that only
    the latest record can give (annual review meetings) are measured, as a snapshot of kind "reference"."""
    con.execute(MACROS)
    # census_next: the January census date after the year, on which the plans in force count among the year's
    # appealable decisions (as the MoJ and DfE count them), or the reference date if that census is still to come.
    con.execute("CREATE OR REPLACE TABLE years (year INTEGER, period VARCHAR, period_end DATE, census_next DATE)")
    for year in years:
        census_next = third_thursday_of_january(year + 1)
        if reference is not None:
            census_next = min(census_next, reference)
        con.execute("INSERT INTO years VALUES (?, ?, ?, ?)", [year, str(year), date(year, 12, 31), census_next])
    con.execute(
        "CREATE OR REPLACE TABLE snapshots (year INTEGER, snap_date DATE, period VARCHAR, period_end DATE, kind "
        "VARCHAR)"
    )
    for year in snapshots:
        con.execute(
            "INSERT INTO snapshots VALUES (?, ?, ?, ?, 'census')",
            [year, third_thursday_of_january(year), f"{year - 1}/{year % 100:02d}", date(year, 1, 31)],
        )
    if reference is not None:
        period, period_end = reference_period(reference)
        con.execute(
            "INSERT INTO snapshots VALUES (?, ?, ?, ?, 'reference')", [reference.year, reference, period, period_end]
        )
    con.execute("""
        CREATE OR REPLACE TABLE cases AS
        SELECT r.id AS request_id, c.area_code, c.birth_date, c.sex, c.ethnicity, c.upn, r.received_date,
               r.outcome AS request_outcome, r.outcome_date AS request_outcome_date, r.tribunal AS request_tribunal,
               a.outcome AS assessment_outcome, a.outcome_date AS assessment_outcome_date,
               a.tribunal AS assessment_tribunal, coalesce(a.other_tribunal, 0) AS assessment_other_tribunal,
               coalesce(a.week20_exception, 0) AS week20_exception,
               p.start_date, p.cease_date, p.cease_reason, ap.id AS active_plan_id, ap.review_meeting
        FROM request r JOIN child c ON c.id = r.child_id
        LEFT JOIN assessment a ON a.request_id = r.id
        LEFT JOIN named_plan p ON p.assessment_id = a.id
        LEFT JOIN active_plan ap ON ap.request_id = r.id""")
    # One census per council and academic year: January's if there is one, else the latest.
    con.execute("""
        CREATE OR REPLACE TABLE census_ay AS
        SELECT *, ay_name(ay_start(census_date)) AS period, make_date(ay_start(census_date) + 1, 8, 31) AS period_end
        FROM census
        QUALIFY census_date = first_value(census_date) OVER (
            PARTITION BY area_code, ay_start(census_date) ORDER BY month(census_date) <> 1, census_date DESC)""")
    for table in ("attendance", "attainment"):
        # A pupil's SEN status and characteristics for a result or a year's attendance: their census nearest to
        # the January of that academic year (the result's own year when there is one).
        con.execute(f"""
            CREATE OR REPLACE TABLE {table}_pupil AS
            SELECT t.*, c.sen_provision, c.phase, c.sex, c.ethnicity, c.fsm, c.primary_need, t.academic_year AS period,
                   make_date(CAST(left(t.academic_year, 4) AS INTEGER) + 1, 8, 31) AS period_end
            FROM (SELECT *, row_number() OVER () AS row_id FROM {table}) t
            JOIN census c ON c.area_code = t.area_code AND c.upn = t.upn
            QUALIFY row_number() OVER (PARTITION BY t.row_id ORDER BY abs(date_diff('day', c.census_date,
                make_date(CAST(left(t.academic_year, 4) AS INTEGER) + 1, 1, 16))), c.census_date) = 1""")
    con.execute(
        "CREATE OR REPLACE TABLE census_pupil AS SELECT upn, census_date, phase, fsm FROM census WHERE upn IS NOT "
        "NULL ORDER BY upn, census_date"
    )
    con.execute("""
        CREATE OR REPLACE TABLE plan_setting AS
        WITH school AS (  -- a school's phase: its pupils' most common (ties: the first code)
                 SELECT area_code, urn, phase FROM (
                     SELECT area_code, school_urn AS urn, phase, count(*) AS pupils FROM census GROUP BY ALL)
                 QUALIFY row_number() OVER (PARTITION BY area_code, urn ORDER BY pupils DESC, phase) = 1),
             counted AS (SELECT DISTINCT area_code FROM census),
             first_placement AS (
                 SELECT * FROM placement
                 QUALIFY row_number() OVER (PARTITION BY active_plan_id ORDER BY placement_rank) = 1)
        SELECT ap.id AS active_plan_id,
               CASE WHEN pl.active_plan_id IS NULL OR counted.area_code IS NULL THEN 'unknown'
                    WHEN pl.urn IS NOT NULL THEN coalesce(phase_name(school.phase), 'not_in_census')
                    WHEN pl.ukprn IS NOT NULL THEN 'post16_provider'
                    ELSE coalesce(lower(pl.sen_setting), 'unknown') END AS setting_type
        FROM active_plan ap
        JOIN request r ON r.id = ap.request_id JOIN child c ON c.id = r.child_id
        LEFT JOIN first_placement pl ON pl.active_plan_id = ap.id
        LEFT JOIN counted ON counted.area_code = c.area_code
        LEFT JOIN school ON school.area_code = c.area_code AND school.urn = pl.urn""")
    con.execute(f"""
        CREATE OR REPLACE TABLE plan_profile AS
        SELECT s.active_plan_id, s.setting_type, {_case("s.setting_type", PLACEMENTS, "unknown")} AS placement,
               coalesce(n.sen_type, 'unknown') AS need
        FROM plan_setting s LEFT JOIN sen_need n ON n.active_plan_id = s.active_plan_id""")


EVENTS = {
    "received": "received_date",
    "assessed": "assessment_outcome_date",
    "started": "start_date",
    "ceased": "cease_date",
}
# Only the columns the unit queries read are carried into the event and in-force tables (a table of every case
# column cost more to build than the queries over it).
CASE_COLUMNS = (
    "x.area_code, x.birth_date, x.sex, x.ethnicity, x.upn, x.request_outcome, x.assessment_outcome, x.received_date, "
    "x.start_date, x.week20_exception, x.cease_reason"
)
# The plan's profile is joined to the plans before they meet the census dates: joined after, DuckDB 2.0
# estimated the plans in force at a few thousand rows and built its hash table on them (2 million at scale 1.0),
# twice as slow as this.
IN_FORCE = """
    SELECT x.area_code, x.birth_date, x.sex, x.ethnicity, x.upn, x.start_date, x.review_meeting,
           s.period, s.period_end, s.snap_date AS ref_date, s.kind, x.setting_type, x.placement, x.need
    FROM (SELECT x.*, coalesce(pp.setting_type, 'unknown') AS setting_type,
                 coalesce(pp.placement, 'unknown') AS placement, coalesce(pp.need, 'unknown') AS need
          FROM cases x LEFT JOIN plan_profile pp ON pp.active_plan_id = x.active_plan_id
          WHERE x.start_date IS NOT NULL) x
    JOIN snapshots s ON x.start_date <= s.snap_date AND (x.cease_date IS NULL OR x.cease_date > s.snap_date)"""


def _enriched(con, table: str, select: str) -> None:
    """Create ``table`` from a selection of cases with a ``ref_date``, adding the person breakdowns: age band on
    that date, sex, ethnic group, and phase and free school meals from the pupil's latest census on or before it
    (joined on UPN). The selection is materialised first (DuckDB 2.0 planned joins over some of these subqueries
    hundreds of times slower than over a table). The latest census is found for each distinct (UPN, date) with an
    equality join and ``arg_max``, not an ASOF join: the same rows, about 4 times faster here, because only the
    few UPNs that are in a census take part (scale 0.1: 1,658 of 207,732 plans in force)."""
    con.execute(f"CREATE OR REPLACE TEMP TABLE {table}_base AS {select}")
    con.execute(f"""
        CREATE OR REPLACE TABLE {table} AS
        WITH pupil AS (
            SELECT x.upn, x.ref_date, arg_max({{'phase': cp.phase, 'fsm': cp.fsm}}, cp.census_date) AS p
            FROM (SELECT DISTINCT upn, ref_date FROM {table}_base WHERE upn IS NOT NULL) x
            JOIN census_pupil cp ON cp.upn = x.upn AND cp.census_date <= x.ref_date
            GROUP BY x.upn, x.ref_date)
        SELECT x.* EXCLUDE (sex, ethnicity, birth_date, upn), age_band(age_on(x.birth_date, x.ref_date)) AS age,
               sex_name(x.sex) AS sex, ethnic_group(x.ethnicity) AS ethnicity,
               coalesce(phase_name(pupil.p.phase), 'unknown') AS phase, fsm_name(pupil.p.fsm) AS fsm
        FROM {table}_base x LEFT JOIN pupil ON pupil.upn = x.upn AND pupil.ref_date = x.ref_date""")
    con.execute(f"DROP TABLE {table}_base")


def events_prepare(con) -> None:
    """One table of events (a request received, an assessment decided, a plan started or ceased; the ``event``
    column says which) in a complete calendar year, and one of plans in force on each January census date, each
    with its breakdowns."""
    each = " UNION ALL ".join(
        f"SELECT '{name}' AS event, {CASE_COLUMNS}, y.period, y.period_end, x.{column} AS ref_date "
        f"FROM cases x JOIN years y ON y.year = year(x.{column})"
        for name, column in EVENTS.items()
    )
    _enriched(con, "events", each)
    _enriched(con, "in_force", IN_FORCE)


PERSON = "age, sex, ethnicity, phase, fsm"


def _flow(where: str, event: str, num: str = "1", extra: dict[str, str] | None = None) -> str:
    """Cases whose event falls in a complete calendar year."""
    columns = "".join(f", {expression} AS {name}" for name, expression in (extra or {}).items())
    return (
        f"SELECT area_code, period, period_end, {num} AS num, 1 AS den, {PERSON}{columns} FROM events x WHERE x.event "
        f"= '{event}' AND {where}"
    )


def _in_force(where: str = "TRUE", num: str = "1", den: str = "1", kind: str = "census") -> str:
    """Plans in force on each January census date (or, ``kind="reference"``, on the register's reference date)."""
    return (
        f"SELECT area_code, period, period_end, {num} AS num, {den} AS den, {PERSON}, setting_type, placement, need "
        f"FROM in_force x WHERE x.kind = '{kind}' AND {where}"
    )


def _pupils(source: str, where: str, num: str, den: str = "1") -> str:
    """Extract rows joined to the census of the same council and academic year on UPN."""
    return f"""
        SELECT c.area_code, c.period, c.period_end, {num} AS num, {den} AS den,
               sen_name(c.sen_provision) AS sen, coalesce(phase_name(c.phase), 'unknown') AS phase,
               sex_name(c.sex) AS sex, ethnic_group(c.ethnicity) AS ethnicity, fsm_name(c.fsm) AS fsm,
               coalesce(c.primary_need, 'none') AS need
        FROM {source} WHERE {where}"""


def _sen_is(sen: str) -> str:
    """A pupil's SEN provision at the census is ``sen``; "any_sen" is SEN support or an EHC plan, as the DfE
    publishes "all SEN"."""
    if sen == "any_sen":
        return "sen_name(c.sen_provision) IN ('ehc_plan', 'sen_support')"
    return f"sen_name(c.sen_provision) = '{sen}'"


def _requests(compute: dict) -> str:
    refused = "CASE WHEN x.request_outcome = 'N' THEN 1 ELSE 0 END"
    return _flow("TRUE", "received", num=refused if compute.get("where") == "refused" else "1")


def _requests_decided(compute: dict) -> str:
    return _flow(
        "x.request_outcome IN ('Y', 'N')", "received", num="CASE WHEN x.request_outcome = 'N' THEN 1 ELSE 0 END"
    )


def _assessments(compute: dict) -> str:
    no_plan = "CASE WHEN x.assessment_outcome = 'N' THEN 1 ELSE 0 END"
    return _flow(
        "x.assessment_outcome IN ('Y', 'N')", "assessed", num=no_plan if compute.get("where") == "no_plan" else "1"
    )


def _new_plans(compute: dict) -> str:
    within = f"CASE WHEN date_diff('day', x.received_date, x.start_date) <= {TWENTY_WEEKS} THEN 1 ELSE 0 END"
    no_exception = compute["unit"] == "new_plans_no_exception"
    where = "x.start_date IS NOT NULL" + (" AND x.week20_exception = 0" if no_exception else "")
    return _flow(where, "started", num=within if compute.get("num") == "within_20_weeks" else "1")


def _plans(compute: dict) -> str:
    num_name = compute.get("num")
    if num_name and num_name.startswith("placement_is_"):
        placement = num_name.removeprefix("placement_is_")
        return _in_force(
            num=f"CASE WHEN x.placement = '{placement}' THEN 1 ELSE 0 END",
            den="CASE WHEN x.placement <> 'unknown' THEN 1 ELSE 0 END",
        )
    return _in_force()


def _plans_due_review(compute: dict) -> str:
    # As the DfE counts SEN2 annual reviews: plans in force that have been in force a year (a review is due),
    # and of those the ones with a review meeting recorded. The register holds each plan's latest meeting, so
    # only the reference date is measured (a census date months before it would miss the meetings since).
    return _in_force(
        "x.start_date <= x.ref_date - INTERVAL 365 DAY",
        num="CASE WHEN x.review_meeting IS NOT NULL AND x.review_meeting <= x.ref_date THEN 1 ELSE 0 END",
        kind="reference",
    )


def _plans_ceased(compute: dict) -> str:
    return _flow("TRUE", "ceased", extra={"reason": _case("x.cease_reason", CEASE_REASONS, "not_recorded")})


def _appealable(compute: dict) -> str:
    # The MoJ and DfE appeal rate: appeals registered in the calendar year over the year's appealable decisions,
    # which are the requests refused, the assessments ending without a plan, the plans ceased because needs are
    # met without one (all in the year) and the plans in force at the January census after it. Appeals are the
    # SEN2 tribunal flags: on a refused request, on an assessment decided in the year, and the "other" appeals
    # (against a plan's contents) on an assessment whose plan started in the year.
    needs_met = next(code for code, name in CEASE_REASONS.items() if name == "needs_met")
    return f"""
        SELECT x.area_code, y.period, y.period_end, x.appealed AS num, x.decision AS den FROM (
            SELECT area_code, request_outcome_date AS decided, request_tribunal AS appealed, 1 AS decision
            FROM cases WHERE request_outcome = 'N'
            UNION ALL
            SELECT area_code, assessment_outcome_date, assessment_tribunal,
                   CASE WHEN assessment_outcome = 'N' THEN 1 ELSE 0 END
            FROM cases WHERE assessment_outcome IN ('Y', 'N')
            UNION ALL
            SELECT area_code, start_date, assessment_other_tribunal, 0 FROM cases WHERE start_date IS NOT NULL
            UNION ALL
            SELECT area_code, cease_date, 0, 1 FROM cases WHERE cease_reason = '{needs_met}'
        ) x JOIN years y ON y.year = year(x.decided)
        UNION ALL
        SELECT x.area_code, y.period, y.period_end, 0, 1 FROM cases x
        JOIN years y ON x.start_date <= y.census_next AND (x.cease_date IS NULL OR x.cease_date > y.census_next)"""


def _exclusions(compute: dict) -> str:
    category = "SUS" if compute["unit"] == "suspensions" else "PERM"
    source = f"""census_ay c LEFT JOIN (
                    SELECT area_code, upn, academic_year, count(*) AS events
                    FROM suspension WHERE category = '{category}' GROUP BY ALL
                 ) s ON s.area_code = c.area_code AND s.upn = c.upn AND s.academic_year = c.period"""
    return _pupils(source, "TRUE", "coalesce(s.events, 0)")


def _attendance(compute: dict) -> str:
    where = f"c.possible_sessions > 0 AND {_sen_is(compute['sen'])}"
    if compute.get("num") == "sessions":  # overall absence: sessions missed over possible sessions, as the DfE has it
        return _pupils("attendance_pupil c", where, "c.absence_sessions", "c.possible_sessions")
    return _pupils(
        "attendance_pupil c", where, "CASE WHEN c.absence_sessions >= 0.1 * c.possible_sessions THEN 1 ELSE 0 END"
    )


def _attainment(compute: dict) -> str:
    return _pupils("attainment_pupil c", f"c.measure = '{compute['measure']}' AND {_sen_is(compute['sen'])}", "c.value")


def _census(compute: dict) -> str:
    return _pupils(
        "census_ay c",
        f"c.{compute['filter']} = 1",
        f"CASE WHEN c.sen_provision = '{compute['num'].removeprefix('sen_')}' THEN 1 ELSE 0 END",
    )


def _neet(compute: dict) -> str:
    return """
        SELECT area_code, ay_name(ay_start(month)) AS period, make_date(ay_start(month) + 1, 8, 31) AS period_end,
               CASE WHEN activity = 'NEET' THEN 1 ELSE 0 END AS num, 1 AS den, sen_name(sen_provision) AS sen
        FROM neet
        WHERE month(month) IN (12, 1, 2) AND activity IN ('EET', 'NEET') AND sen_provision IN ('K', 'E')"""


def _youth_justice(compute: dict) -> str:
    return """
        SELECT area_code, fy_name(fy) AS period, make_date(fy + 1, 3, 31) AS period_end,
               max(CASE WHEN sen_provision IN ('K', 'E') THEN 1 ELSE 0 END) AS num, 1 AS den
        FROM (SELECT *, fy_start(period_end) AS fy FROM youth_justice) GROUP BY area_code, fy, person_ref"""


def _health_wait(compute: dict) -> str:
    return f"""
        SELECT area_code, strftime(month, '%Y-%m') AS period, last_day(month) AS period_end,
               waiting_over_18_weeks AS num, waiting AS den, provider
        FROM health_wait WHERE service = '{compute["service"]}'"""


def _plan_audit(compute: dict) -> str:
    return """
        SELECT area_code, fy_name(fy_start(audit_date)) AS period,
               make_date(fy_start(audit_date) + 1, 3, 31) AS period_end,
               CASE WHEN overall_grade >= 3 THEN 1 ELSE 0 END AS num, 1 AS den
        FROM plan_audit"""


# Each catalogue unit's query, by the ``unit`` of its ``compute`` block.
UNITS: dict[str, Callable[[dict], str]] = {
    "requests": _requests,
    "requests_decided": _requests_decided,
    "assessments": _assessments,
    "new_plans": _new_plans,
    "new_plans_no_exception": _new_plans,
    "plans": _plans,
    "plans_due_review": _plans_due_review,
    "plans_ceased": _plans_ceased,
    "appealable": _appealable,
    "suspensions": _exclusions,
    "permanent_exclusions": _exclusions,
    "attendance": _attendance,
    "attainment": _attainment,
    "census": _census,
    "neet": _neet,
    "youth_justice": _youth_justice,
    "health_wait": _health_wait,
    "plan_audit": _plan_audit,
}


def unit_sql(compute: dict) -> str:
    """The unit query of one catalogue entry's ``compute`` block: one of sendboard's units, or an app's."""
    unit = compute["unit"]
    if unit in UNITS:
        return UNITS[unit](compute)
    from sendboard.outcomes.catalogue import app_extensions

    for extension in app_extensions():
        if (sql := extension.unit_sql(compute)) is not None:
            return sql
    raise ValueError(f"No unit query called {unit!r}")


def cells_sql(code: str, compute: dict, breakdowns: list[str]) -> str:
    """Sum one unit for the headline and for each breakdown (grouping sets): one row per cell."""
    keys = "area_code, period, period_end"
    sets = ", ".join([f"({keys})"] + [f"({keys}, {d})" for d in breakdowns])
    if breakdowns:
        dimension = "CASE " + " ".join(f"WHEN grouping({d}) = 0 THEN '{d}'" for d in breakdowns) + " ELSE '' END"
        category = (
            "CASE "
            + " ".join(f"WHEN grouping({d}) = 0 THEN coalesce(CAST({d} AS VARCHAR), 'unknown')" for d in breakdowns)
            + " ELSE '' END"
        )
        part = (
            "CASE " + " ".join(f"WHEN grouping({d}) = 0 THEN {n}" for n, d in enumerate(breakdowns, 1)) + " ELSE 0 END"
        )
    else:
        dimension = category = "''"
        part = "0"
    return (
        f"SELECT '{code}' AS indicator, {keys}, {dimension} AS dimension, {category} AS category, "
        f"sum(num)::DOUBLE AS num, sum(den)::DOUBLE AS den, {part} AS part "
        f"FROM ({unit_sql(compute)}) u GROUP BY GROUPING SETS ({sets})"
    )


def all_cells_sql(indicators: list[dict]) -> str | None:
    """Every indicator's cells in one statement, in a fixed order (an indicator's area and period, then its
    headline and its breakdowns in catalogue order, then category): suppression looks at a headline's breakdowns
    in the order given, so the order must not depend on how DuckDB happened to run the aggregates."""
    parts = [
        f"({cells_sql(item['code'], item['compute'], item['breakdowns'])})"
        for item in indicators
        if "unit" in item["compute"]
    ]
    if not parts:
        return None
    return (
        "SELECT indicator, area_code, period, period_end, dimension, category, num, den FROM ("
        + " UNION ALL ".join(parts)
        + ") ORDER BY indicator, area_code, period, period_end, part, category"
    )
