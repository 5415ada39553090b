"""Small hand-made SEN2 records for tests: one child through request, assessment, plan and review."""

from __future__ import annotations

import copy
from datetime import date, datetime
from pathlib import Path

from sendboard.returns.sen2.reader import upn_check_letter
from sendboard.returns.sen2.writer import write_sen2

HEADER = {
    "Collection": "SEN2",
    "Year": "2025",
    "ReferenceDate": "2025-01-16",
    "SourceLevel": "L",
    "LEA": "885",
    "SoftwareCode": "tests",
    "Release": "1",
    "SerialNo": "001",
    "DateTime": datetime(2025, 1, 20, 9, 0).isoformat(),
    "DMO": "Y",
    "DCO": "Y",
}

PERSON = {
    "surname": "Example",
    "forename": "Ada",
    "birth_date": date(2014, 3, 2),
    "sex": "F",
    "ethnicity": "WBRI",
    "postcode": "WR1 1AA",
    "upn": "",
    "uln": None,
    "upn_unknown": None,
    "caseworker": None,
    "Request": [
        {
            "received_date": date(2023, 9, 4),
            "rya": False,
            "outcome_date": date(2023, 10, 9),
            "outcome": "Y",
            "mediation": False,
            "tribunal": False,
            "exported": False,
            "Assessment": [
                {
                    "outcome": "Y",
                    "outcome_date": date(2023, 12, 18),
                    "mediation": False,
                    "tribunal": False,
                    "other_mediation": False,
                    "other_tribunal": False,
                    "week20_exception": False,
                    "week20_exception_reason": None,
                    "draft_plan_issued": date(2023, 12, 18),
                    "Advice": [
                        {
                            "source": "HEALTH",
                            "partner": "Community paediatrics",
                            "requested_date": date(2023, 10, 10),
                            "received_date": date(2023, 11, 30),
                        }
                    ],
                    "NamedPlan": [
                        {
                            "start_date": date(2024, 1, 19),
                            "plan_res": None,
                            "plan_wbp": None,
                            "personal_budget": False,
                            "organised_arrangements": False,
                            "direct_payments": None,
                            "cease_date": None,
                            "cease_reason": None,
                            "family_views_updated": date(2024, 1, 5),
                            "PlanDetail": [
                                {
                                    "urn": "116000",
                                    "ukprn": None,
                                    "sen_setting": None,
                                    "sen_setting_other": None,
                                    "placement_rank": 1,
                                    "sen_unit": False,
                                    "resourced_provision": False,
                                }
                            ],
                        }
                    ],
                }
            ],
            "ActivePlan": [
                {
                    "transfer_la": None,
                    "review_meeting": None,
                    "review_outcome": None,
                    "last_review": None,
                    "amended_plan_issued": None,
                    "PlacementDetail": [
                        {
                            "urn": "116000",
                            "ukprn": None,
                            "sen_setting": None,
                            "sen_setting_other": None,
                            "placement_rank": 1,
                            "entry_date": date(2021, 9, 1),
                            "leaving_date": None,
                            "residential": None,
                            "work_based": None,
                            "sen_unit": False,
                            "resourced_provision": False,
                        }
                    ],
                    "SENneed": [{"sen_type": "ASD", "rank": 1}, {"sen_type": "SLCN", "rank": 2}],
                }
            ],
        }
    ],
}


def upn(n: int) -> str:
    """The n-th test UPN: LA 885, then n in nine digits, with the check letter DfE rule 1510 requires."""
    tail = f"885{n:09d}"
    return upn_check_letter(tail) + tail


def person(n: int = 0, **overrides) -> dict:
    record = copy.deepcopy(PERSON)
    record["upn"] = upn(n)
    record.update(overrides)
    return record


def write(path: Path, persons: list[dict], **header) -> Path:
    with path.open("wb") as out:
        write_sen2(out, header={**HEADER, **header}, persons=persons)
    return path
