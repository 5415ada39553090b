"""Vulnerable learners' indicators for the outcomes dashboard (ADR 0124), added through the catalogue's app extension
(``outcomes.catalogue.app_extensions``): catalogue entries as data, the tables the engine reads, and their unit
queries. Suppression, RAG, targets, deep dives and pages are the dashboard's own, unchanged. Periods are academic
years, by the date each event happened."""

from __future__ import annotations

THEME = "Vulnerable learners: part-time timetables, removals and children missing education"
SOURCE = (
    "Schools' and settings' reports, and the council's own records of children missing education and of children "
    "placed in the area"
)
BREAKDOWNS = ["sen"]


def _entry(
    code: str,
    title: str,
    definition: str,
    formula: str,
    unit: str,
    polarity: str,
    order: int,
    compute: dict,
    breakdowns: list[str] | None = None,
) -> dict:
    return {
        "code": code,
        "title": title,
        "theme": THEME,
        "definition": definition,
        "formula": formula,
        "unit": unit,
        "polarity": polarity,
        "source": SOURCE,
        "comparator": None,
        "comparator_source": "",
        "comparator_none": "The DfE publishes no council figures for this: it comes from the area's own records.",
        "period_type": "academic_year",
        "breakdowns": BREAKDOWNS if breakdowns is None else breakdowns,
        "order": order,
        "compute": compute,
    }


INDICATORS: list[dict] = [
    _entry(
        "part_time_timetables",
        "Pupils put on part-time timetables",
        "How many part-time timetables schools and settings reported beginning in the academic year, with and without "
        "special educational needs (an EHC plan or SEN support).",
        "Count of reported part-time timetables whose start date falls in the academic year.",
        "count",
        "lower",
        1010,
        {"unit": "tracking_part_time", "value": "count"},
    ),
    _entry(
        "part_time_timetables_sen_pct",
        "Part-time timetables for pupils with SEN",
        (
            "Of the part-time timetables that began in the academic year, the share for pupils with an EHC plan or on "
            "SEN support."
        ),
        "Part-time timetables for pupils with SEN provision K or E, divided by all that began in the year, times 100.",
        "percent",
        "neither",
        1020,
        {"unit": "tracking_part_time", "num": "sen", "value": "percent"},
        breakdowns=[],
    ),
    _entry(
        "part_time_timetable_weeks",
        "Time on a part-time timetable",
        "For part-time timetables that ended in the academic year, the average number of weeks the pupil spent on one.",
        (
            "Sum of (end date minus start date, in weeks) over part-time timetables ending in the year, divided by "
            "their number."
        ),
        "weeks",
        "lower",
        1030,
        {"unit": "tracking_part_time_ended", "value": "mean"},
    ),
    _entry(
        "removals_unknown_destination_pct",
        "Removals from roll to an unknown destination",
        (
            "Of the pupils schools reported taking off roll in the academic year, the share whose destination the "
            "school did not know."
        ),
        (
            "Reported removals from roll with no known destination, divided by all reported removals in the year, "
            "times 100."
        ),
        "percent",
        "lower",
        1040,
        {"unit": "tracking_removals", "value": "percent"},
    ),
    _entry(
        "children_missing_education",
        "Children missing education",
        "How many children the council found to be missing education in the academic year (cases opened).",
        "Count of children missing education cases whose first day missing falls in the year.",
        "count",
        "lower",
        1050,
        {"unit": "tracking_cme_opened", "value": "count"},
    ),
    _entry(
        "children_missing_education_days",
        "Days missing education",
        "For children missing education found in the academic year, the average number of days between going missing "
        "from education and being found in education.",
        "Sum of (date found minus first day missing, in days) over cases closed in the year, divided by their number.",
        "score",
        "lower",
        1060,
        {"unit": "tracking_cme_closed", "value": "mean"},
    ),
    _entry(
        "placed_notified_on_time_pct",
        "Children placed here by other councils: told on time",
        "Of the children placed in the area by another council in the academic year, the share whose placing council "
        "told this council by the day the rule says (by default 5 working days after the placement began).",
        "Placements notified on or before their due date, divided by all placements that began in the year, times 100.",
        "percent",
        "higher",
        1070,
        {"unit": "tracking_placed", "value": "percent"},
        breakdowns=[],
    ),
]


def _input(name: str, table: str, columns: dict[str, str], select: str) -> dict:
    return {
        "name": name,
        "table": table,
        "columns": {"area_code": "VARCHAR", **columns},
        "sql": f"SELECT la.gss_code, {select} FROM {table} t JOIN core_localarea la ON la.id = t.local_area_id",
    }


INPUTS: list[dict] = [
    _input(
        "tracking_part_time",
        "tracking_parttimetimetable",
        {"sen_provision": "VARCHAR", "start_date": "DATE", "end_date": "DATE"},
        "t.sen_provision, t.start_date, t.end_date",
    ),
    _input(
        "tracking_removal",
        "tracking_rollremoval",
        {"sen_provision": "VARCHAR", "removal_date": "DATE", "destination_known": "INTEGER"},
        "t.sen_provision, t.removal_date, CASE WHEN t.destination_known THEN 1 ELSE 0 END",
    ),
    _input(
        "tracking_cme",
        "tracking_missingeducationcase",
        {"sen_provision": "VARCHAR", "opened_on": "DATE", "closed_on": "DATE"},
        "t.sen_provision, t.opened_on, t.closed_on",
    ),
    _input(
        "tracking_placed",
        "tracking_placedchild",
        {"placed_on": "DATE", "notified_on": "DATE", "notification_due": "DATE"},
        "t.placed_on, t.notified_on, t.notification_due",
    ),
]


def _by_year(source: str, day: str, num: str = "1", den: str = "1", where: str = "TRUE", sen: bool = True) -> str:
    sen_column = ", sen_name(sen_provision) AS sen" if sen else ""
    return (
        f"SELECT area_code, ay_name(ay_start({day})) AS period, make_date(ay_start({day}) + 1, 8, 31) AS period_end, "
        f"{num} AS num, {den} AS den{sen_column} FROM {source} WHERE {day} IS NOT NULL AND {where}"
    )


def unit_sql(compute: dict) -> str | None:
    unit = compute.get("unit")
    if unit == "tracking_part_time":
        num = "CASE WHEN sen_provision IN ('K', 'E') THEN 1 ELSE 0 END" if compute.get("num") == "sen" else "1"
        return _by_year("tracking_part_time", "start_date", num=num)
    if unit == "tracking_part_time_ended":
        return _by_year("tracking_part_time", "end_date", num="date_diff('day', start_date, end_date) / 7.0")
    if unit == "tracking_removals":
        return _by_year("tracking_removal", "removal_date", num="1 - destination_known")
    if unit == "tracking_cme_opened":
        return _by_year("tracking_cme", "opened_on")
    if unit == "tracking_cme_closed":
        return _by_year("tracking_cme", "closed_on", num="date_diff('day', opened_on, closed_on)")
    if unit == "tracking_placed":
        return _by_year(
            "tracking_placed",
            "placed_on",
            sen=False,
            num="CASE WHEN notified_on IS NOT NULL AND notified_on <= notification_due THEN 1 ELSE 0 END",
        )
    return None
