"""Worcestershire's published EHC plan figures, read from the files sendboard ships: the targets the generated
area is calibrated against, and that the outcomes engine's register measures are checked against."""

from __future__ import annotations

import csv
from datetime import date
from functools import partial

from sendboard.statistics.published import open_published

AS_OF = date(2025, 1, 16)  # the SEN2 return's reference date the figures are compared on


def ehcp_row(name: str, period: str, topic: str) -> dict[str, str]:
    with open_published(f"ehcp_2025/data/{name}") as handle:
        return next(
            r
            for r in csv.DictReader(handle)
            if r["time_period"] == period and r["old_la_code"] == "885" and r["breakdown_topic"] == topic
        )


def ehcp_rows(name: str, period: str, topic: str) -> list[dict[str, str]]:
    with open_published(f"ehcp_2025/data/{name}") as handle:
        return [
            r
            for r in csv.DictReader(handle)
            if r["time_period"] == period and r["old_la_code"] == "885" and r["breakdown_topic"] == topic
        ]


def appeals_2024() -> tuple[int, int]:
    """Worcestershire's 2024 appeals registered and appealable decisions (MoJ and DfE appeal-rate table)."""
    with open_published("ehcp_2025/supporting-files/send_tribunals_and_appeal_rate_2014-2024.csv") as handle:
        rows = list(csv.reader(handle))
    years = rows[3]
    column = years.index("2024")
    row = next(r for r in rows if len(r) > column and r[1].strip() == "885")
    return int(row[column].replace(",", "")), int(row[column + 1].replace(",", ""))


def pct(part: float, whole: float) -> float:
    return 100 * part / whole


# Worcestershire's headline row of each published table: (file, time period, breakdown topic).
HEADLINES = {
    "requests": ("requests.csv", "2024", "All requests for EHC needs assessments"),
    "caseload": ("caseload.csv", "202425", "All EHC plans"),
    "ceased": ("ceased_plans.csv", "2024", "All ceased EHC plans"),
    "reviews": ("annual_reviews.csv", "2024", "All annual reviews"),
    "timeliness": ("timeliness_20_week.csv", "2024", "All EHC plans issued"),
    "assessments": ("assessments.csv", "2024", "All EHC needs assessments"),
    "needs": ("sen_needs_all_plans.csv", "202425", "All EHC plans"),
}


def headline(table: str, column: str) -> float:
    return float(ehcp_row(*HEADLINES[table])[column])


req, caseload, ceased = partial(headline, "requests"), partial(headline, "caseload"), partial(headline, "ceased")
reviews, timeliness, assessments = (
    partial(headline, "reviews"),
    partial(headline, "timeliness"),
    partial(headline, "assessments"),
)
caseload_need = partial(headline, "needs")
