"""Each SEN2 collection year as data: its items, their order, its code lists and its header (ADR 0130).

A file's year is its header's ``Year``. For each year and module, ``order`` lists the XML elements the DfE's
structure holds, fields and child modules together, in the order the collection's schema requires them. A
module's items not listed for a year are not items of that year: the reader refuses them and the writer leaves
them out. sendboard's own casework items (in the sendboard namespace) are not part of any year: the reader
accepts them in every year's files and the writer adds them, after the DfE's items, only to sendboard's own file.

Sources: the SEN2 schemas 2023 to 2026 of the London Innovation and Improvement Alliance's tools pipeline (copies
with their licence in ``tests/returns/sen2_public``), which follow the DfE's guide for local authorities item by
item; where they disagree with the DfE's published items, ADR 0130 says which we followed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from sendboard.returns.sen2.schema import MODULES, Field, Module

SETTING = ("URN", "UKPRN", "SENSetting", "SENSettingOther", "PlacementRank")
INDICATORS = ("SENunitIndicator", "ResourcedProvisionIndicator")
PERSON = (
    "Surname",
    "Forename",
    "PersonBirthDate",
    "Sex",
    "Ethnicity",
    "PostCode",
    "UPN",
    "UniqueLearnerNumber",
    "UPNunknown",
    "Requests",
)
REQUEST = (
    "ReceivedDate",
    "RYA",
    "RequestOutcomeDate",
    "RequestOutcome",
    "RequestMediation",
    "RequestTribunal",
    "Exported",
    "Assessment",
    "ActivePlans",
)
REQUEST_WITH_SOURCE = ("ReceivedDate", "RequestSource", *REQUEST[1:])
ASSESSMENT = (
    "AssessmentOutcome",
    "AssessmentOutcomeDate",
    "AssessmentMediation",
    "AssessmentTribunal",
    "OtherMediation",
    "OtherTribunal",
    "Week20",
    "NamedPlan",
)
NAMED_PLAN = ("StartDate", "PlanDetail", "PlanRes", "PlanWBP", "PB", "OA", "DP", "CeaseDate", "CeaseReason")
PLAN_DETAIL = (*SETTING, *INDICATORS)
PLACEMENT = (*SETTING, "EntryDate", "LeavingDate", *INDICATORS, "Res", "WBP")
SEN_NEED = ("SENtype", "SENtypeRank")

# Setting codes added in 2024: a 2023 return writes them as OTH ("other"), naming the kind in SENSettingOther.
NOT_IN_EDUCATION_2023 = {
    "NEET": "Not in education, employment or training",
    "NIEC": "Not in education or training: notice to cease issued",
    "NIEO": "Not in education or training: other",
}

# GenderCurrent (2023) read into Sex, and Sex written back as GenderCurrent.
GENDER_TO_SEX = {"1": "M", "2": "F", "0": "U", "9": "U"}
SEX_TO_GENDER = {"M": "1", "F": "2", "U": "0"}


@dataclass(frozen=True)
class Collection:
    year: int
    order: dict[str, tuple[str, ...]]
    # Codes a year's schema does not hold, by code list (the database holds the newest lists, ADR 0026).
    not_in_year: dict[str, frozenset[str]] = field(default_factory=dict)
    # Header items of the Source section each year requires (Y yes, N no, R recruitment in progress).
    required_officers: tuple[str, ...] = ("DMO", "DCO")
    officers: tuple[str, ...] = ("DMO", "DCO")

    def fields(self, module: Module) -> tuple[Field, ...]:
        """The module's DfE fields of this year, in the year's order."""
        names = self.order[module.tag]
        by_name = {f.tag: f for f in module.fields if not f.ext}
        return tuple(by_name[name] for name in names if name in by_name)

    def elements(self, module: Module) -> tuple[Field | Module, ...]:
        """The module's DfE fields and child modules of this year, in the order the collection requires."""
        by_name: dict[str, Field | Module] = {f.tag: f for f in module.fields if not f.ext}
        by_name.update({MODULES[c].element or c: MODULES[c] for c in module.children if not MODULES[c].ext})
        return tuple(by_name[name] for name in self.order[module.tag])

    def reference_date(self) -> date:
        """The collection's census day: the third Thursday of January (the DfE's census day for SEN2)."""
        first = date(self.year, 1, 1)
        return first + timedelta(days=(3 - first.weekday()) % 7 + 14)


def _collection(year: int, **changes) -> Collection:
    order = {
        "Person": PERSON,
        "Request": REQUEST,
        "Assessment": ASSESSMENT,
        "NamedPlan": NAMED_PLAN,
        "PlanDetail": PLAN_DETAIL,
        "PlacementDetail": PLACEMENT,
        "SENneed": SEN_NEED,
    }
    order.update(changes.pop("order", {}))
    return Collection(year=year, order=order, **changes)


COLLECTIONS: dict[int, Collection] = {
    c.year: c
    for c in (
        _collection(
            2023,
            order={
                "Person": tuple("GenderCurrent" if name == "Sex" else name for name in PERSON),
                "ActivePlan": ("TransferLA", "PlacementDetail", "Res", "WBP", "SENneed", "LastReview"),
                "PlacementDetail": (*SETTING, "EntryDate", "LeavingDate", "AttendancePattern", *INDICATORS),
            },
            not_in_year={
                "SENtype": frozenset({"DS"}),
                "SENsetting": frozenset({"NEET", "NIEC", "NIEO"}),
                "Sex": frozenset({"U"}),
            },
        ),
        _collection(
            2024,
            order={
                "ActivePlan": (
                    "TransferLA",
                    "PlacementDetail",
                    "SENneed",
                    "ReviewMeeting",
                    "ReviewOutcome",
                    "LastReview",
                ),
            },
            not_in_year={"SENtype": frozenset({"DS"}), "Sex": frozenset({"U"})},
        ),
        _collection(
            2025,
            order={
                "Request": REQUEST_WITH_SOURCE,
                "ActivePlan": (
                    "TransferLA",
                    "PlacementDetail",
                    "SENneed",
                    "ReviewMeeting",
                    "LastReview",
                    "ReviewOutcome",
                    "ReviewDraft",
                    "PhaseTransferDueDate",
                    "PhaseTransferFinalDate",
                ),
            },
            not_in_year={"Sex": frozenset({"U"})},
            officers=("DMO", "DCO", "DSCO"),
        ),
        _collection(
            2026,
            order={
                "Request": REQUEST_WITH_SOURCE,
                "ActivePlan": (
                    "TransferLA",
                    "PlacementDetail",
                    "SENneed",
                    "ReviewMeeting",
                    "ReviewOutcome",
                    "ReviewDraft",
                    "PhaseTransferDueDate",
                    "PhaseTransferFinalDate",
                    "LastReview",
                ),
            },
            not_in_year={"Sex": frozenset({"U"})},
            officers=("DMO", "DCO", "DSCO"),
            required_officers=("DMO", "DCO", "DSCO"),
        ),
    )
}
YEARS = tuple(sorted(COLLECTIONS))
NEWEST = COLLECTIONS[YEARS[-1]]
OFFICER_CODES = {"Y": "Yes", "N": "No", "R": "Recruitment in progress"}
OFFICER_NAMES = {
    "DMO": "Designated Medical Officer",
    "DCO": "Designated Clinical Officer",
    "DSCO": "Designated Social Care Officer",
}


def collection_for(year: str | int | None) -> Collection | None:
    """The collection a file of ``year`` follows. A year after the newest sendboard knows is read and written as
    the newest, until its own items are added here (the DfE publishes a year's changes months before its census
    day; sendboard's demo generates a register for today). A year before 2023 is not one sendboard reads."""
    try:
        number = int(year)
    except (TypeError, ValueError):
        return None
    return NEWEST if number > NEWEST.year else COLLECTIONS.get(number)


def settle(person: dict, collection: Collection) -> None:
    """Turn a year's own items into the register's fields, once a person has been read."""
    if collection.year == 2023:
        code = person.pop("gender_current", None)
        if code is not None:
            person["sex"] = GENDER_TO_SEX[code]
        for request in person["Request"]:
            for active in request["ActivePlan"]:
                res, wbp = active.pop("plan_level_res", None), active.pop("plan_level_wbp", None)
                for placement in active["PlacementDetail"]:
                    placement["residential"] = placement.get("residential") or res
                    placement["work_based"] = placement.get("work_based") or wbp


def prepare(person: dict, collection: Collection) -> dict:
    """The year's own items, made from the register's fields, for writing (a shallow copy where they differ).
    Every year requires Ethnicity: a register that holds none writes NOBT, the code for "not yet obtained"."""
    if not person.get("ethnicity"):
        person = {**person, "ethnicity": "NOBT"}
    if collection.year != 2023:
        return person
    person = {**person, "gender_current": SEX_TO_GENDER.get(person.get("sex") or "", None)}
    requests = []
    for request in person.get("Request", ()):
        actives = []
        for active in request.get("ActivePlan", ()):
            placements = [_setting_2023(p) for p in active.get("PlacementDetail", ())]
            first = next(iter(placements), {})
            actives.append(
                {
                    **active,
                    "PlacementDetail": placements,
                    "plan_level_res": first.get("residential"),
                    "plan_level_wbp": first.get("work_based"),
                }
            )
        assessments = []
        for assessment in request.get("Assessment", ()):
            plans = [
                {**plan, "PlanDetail": [_setting_2023(d) for d in plan.get("PlanDetail", ())]}
                for plan in assessment.get("NamedPlan", ())
            ]
            assessments.append({**assessment, "NamedPlan": plans})
        requests.append({**request, "ActivePlan": actives, "Assessment": assessments})
    person["Request"] = requests
    return person


def _setting_2023(setting: dict) -> dict:
    words = NOT_IN_EDUCATION_2023.get(setting.get("sen_setting") or "")
    if words is None:
        return setting
    return {**setting, "sen_setting": "OTH", "sen_setting_other": setting.get("sen_setting_other") or words}
