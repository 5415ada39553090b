"""The structure of a SEN2 person-level file as sendboard reads and writes it (ADR 0020, ADR 0026).

The message follows the DfE's *SEN2 person level technical specification* (2023 v1.1, section 3.2, and the
2024/2025 editions' items): ``Message > Header (CollectionDetails, Source) > Persons > Person``, and within a
Person the modules ``Requests > Assessment > NamedPlan > PlanDetail`` and ``Requests > ActivePlans >
PlacementDetail, SENneed``. Elements are in no namespace. Indicators are written ``1``/``0`` (``true``/``false``
are read too, as xs:boolean allows). Casework that SEN2 does not carry is written in sendboard's own namespace
(EXT), only in sendboard's own copy of a register, never in the return (ADR 0130).

``MODULES`` holds every item of every collection year; which of them a year holds, and in what order, is
``years.py``'s data.

A module has two names: ``tag``, the key its records use inside sendboard (``Request``, ``ActivePlan``: the
register's words), and ``element``, the return's XML element (``Requests``, ``ActivePlans``).
"""

from __future__ import annotations

from dataclasses import dataclass

EXT = "urn:sendboard:casework:1"
ROOT = "Message"


@dataclass(frozen=True)
class Field:
    tag: str
    key: str
    kind: str = "text"  # text, date, bool, int, code, digits
    mandatory: bool = False
    code_list: str = ""
    max_length: int = 0  # for kind "digits", the exact number of digits
    ext: bool = False
    aliases: tuple[str, ...] = ()  # other spellings read (never written): the DfE's documents differ in case
    stored: bool = True  # False: an item of one collection year only, turned into stored fields as it is read

    def qualified(self) -> str:
        return f"{{{EXT}}}{self.tag}" if self.ext else self.tag


@dataclass(frozen=True)
class Module:
    tag: str
    label: str
    fields: tuple[Field, ...]
    children: tuple[str, ...] = ()
    ext: bool = False
    element: str = ""  # the XML element, where it differs from ``tag``

    def qualified(self) -> str:
        name = self.element or self.tag
        return f"{{{EXT}}}{name}" if self.ext else name


F = Field
# How SEN2 identifies a setting, named in a plan (4b) or attended (5b): a URN or UKPRN, or else a type code.
SETTING = (
    F("URN", "urn", "digits", max_length=6),
    F("UKPRN", "ukprn", "digits", max_length=8),
    F("SENSetting", "sen_setting", "code", code_list="SENsetting", aliases=("SENsetting",)),
    F("SENSettingOther", "sen_setting_other", max_length=200, aliases=("SENsettingOther",)),
    F("PlacementRank", "placement_rank", "int", mandatory=True),
)
SETTING_INDICATORS = (
    F("SENunitIndicator", "sen_unit", "bool"),
    F("ResourcedProvisionIndicator", "resourced_provision", "bool"),
)
MODULES: dict[str, Module] = {
    m.tag: m
    for m in (
        Module(
            "Person",
            "person",
            (
                F("Surname", "surname", mandatory=True, max_length=100),
                F("Forename", "forename", mandatory=True, max_length=100),
                F("PersonBirthDate", "birth_date", "date", mandatory=True),
                F("Sex", "sex", "code", mandatory=True, code_list="Sex"),
                # 2023 collection only: GenderCurrent, read into Sex (1 male, 2 female, 0 not known, 9 not specified).
                F("GenderCurrent", "gender_current", "code", mandatory=True, code_list="GenderCurrent", stored=False),
                F("Ethnicity", "ethnicity", "code", mandatory=True, code_list="Ethnicity"),
                F("PostCode", "postcode", max_length=8),
                F("UPN", "upn", max_length=13),
                F("UniqueLearnerNumber", "uln", "digits", max_length=10),
                F("UPNunknown", "upn_unknown", "code", code_list="UPNunknown"),
                F("Caseworker", "caseworker", max_length=150, ext=True),
            ),
            ("Request", "Breach"),
        ),
        Module(
            "Breach",
            "reason a timescale was missed",
            (
                F("Step", "step", mandatory=True, max_length=40, ext=True),
                F("Subject", "subject", mandatory=True, max_length=60, ext=True),
                F("Reason", "breach_reason", "code", mandatory=True, code_list="BreachReason", ext=True),
                F("Note", "breach_note", max_length=500, ext=True),
            ),
            ext=True,
        ),
        Module(
            "Request",
            "request",
            element="Requests",
            fields=(
                F("ReceivedDate", "received_date", "date", mandatory=True),
                F("RequestSource", "request_source", "code", code_list="RequestSource"),
                F("RYA", "rya", "bool"),
                F("RequestOutcomeDate", "outcome_date", "date"),
                F("RequestOutcome", "outcome", "code", code_list="RequestOutcome"),
                F("RequestMediation", "mediation", "bool"),
                F("RequestTribunal", "tribunal", "bool"),
                # The code of the local authority the person moved to before the assessment finished (item 2.8).
                F("Exported", "exported_to", "la"),
                # Whether the person moved away, where the authority is not known: sendboard's own file only.
                F("ExportedAway", "exported", "bool", ext=True),
                # Who asked, and why the council decided as it did, as a caseworker recorded them.
                F("Requester", "requester", max_length=20, ext=True),
                F("RequesterName", "requester_name", max_length=200, ext=True),
                F("RequesterContact", "requester_contact", max_length=300, ext=True),
                F("DecisionReason", "decision_reason", max_length=5000, ext=True),
            ),
            children=("Assessment", "ActivePlan", "Appeal"),
        ),
        Module(
            "Appeal",
            "mediation or appeal",
            (
                F("Kind", "kind", mandatory=True, max_length=20, ext=True),
                F("About", "about", mandatory=True, max_length=20, ext=True),
                F("Started", "started_date", "date", mandatory=True, ext=True),
                F("OutcomeDate", "outcome_date", "date", ext=True),
                F("Outcome", "outcome", max_length=20, ext=True),
            ),
            ext=True,
        ),
        Module(
            "Assessment",
            "assessment",
            (
                F("AssessmentOutcome", "outcome", "code", code_list="AssessmentOutcome"),
                F("AssessmentOutcomeDate", "outcome_date", "date"),
                F("AssessmentMediation", "mediation", "bool"),
                F("AssessmentTribunal", "tribunal", "bool"),
                F("OtherMediation", "other_mediation", "bool"),
                F("OtherTribunal", "other_tribunal", "bool"),
                F("Week20", "week20_exception", "bool"),
                F("Week20ExceptionReason", "week20_exception_reason", "code", code_list="Week20Exception", ext=True),
                F("DraftPlanIssued", "draft_plan_issued", "date", ext=True),
                F("FamilyResponse", "family_response_date", "date", ext=True),
                F("PreferredSetting", "preferred_setting", max_length=200, ext=True),
                F("FamilyViews", "family_views", max_length=5000, ext=True),
            ),
            ("Advice", "Consultation", "NamedPlan"),
        ),
        Module(
            "Consultation",
            "setting consulted",
            (
                F("Setting", "setting", mandatory=True, max_length=200, ext=True),
                F("Sent", "sent_date", "date", mandatory=True, ext=True),
                F("ReplyDate", "reply_date", "date", ext=True),
                F("Reply", "reply", max_length=500, ext=True),
            ),
            ext=True,
        ),
        Module(
            "Advice",
            "advice request",
            (
                F("Source", "source", "code", mandatory=True, code_list="AdviceSource", ext=True),
                F("Partner", "partner", mandatory=True, max_length=200, ext=True),
                F("Requested", "requested_date", "date", mandatory=True, ext=True),
                F("Received", "received_date", "date", ext=True),
            ),
            ext=True,
        ),
        Module(
            "NamedPlan",
            "named plan",
            (
                F("StartDate", "start_date", "date", mandatory=True),
                F("PlanRes", "plan_res", "code", code_list="PlanRes"),
                F("PlanWBP", "plan_wbp", "code", code_list="WorkBasedLearning"),
                F("PB", "personal_budget", "bool"),
                F("OA", "organised_arrangements", "bool"),
                F("DP", "direct_payments", "code", code_list="DirectPayments"),
                F("CeaseDate", "cease_date", "date"),
                F("CeaseReason", "cease_reason", "code", code_list="CeaseReason"),
                F("FamilyViewsUpdated", "family_views_updated", "date", ext=True),
            ),
            ("PlanDetail",),
        ),
        Module("PlanDetail", "setting named in the plan", SETTING + SETTING_INDICATORS),
        Module(
            "ActivePlan",
            "active plan",
            element="ActivePlans",
            fields=(
                F("TransferLA", "transfer_la", "digits", max_length=3),
                F("ReviewMeeting", "review_meeting", "date"),
                F("ReviewOutcome", "review_outcome", "code", code_list="ReviewOutcome"),
                F("LastReview", "last_review", "date"),
                F("ReviewDraft", "review_draft", "date"),
                F("PhaseTransferDueDate", "phase_transfer_due", "date"),
                F("PhaseTransferFinalDate", "phase_transfer_final", "date"),
                # 2023 collection only: residential and work-based placement were items of the active plan; read
                # into each of its placements (where the placement gives none) and written from the first.
                F("Res", "plan_level_res", "code", code_list="PlanRes", stored=False),
                F("WBP", "plan_level_wbp", "code", code_list="WorkBasedLearning", stored=False),
                F("AmendedPlanIssued", "amended_plan_issued", "date", ext=True),
                F("ReviewReportReceived", "review_report_received", "date", ext=True),
                F("Post16Transfer", "post16_transfer", "date", ext=True),
            ),
            children=("PlacementDetail", "SENneed"),
        ),
        Module(
            "PlacementDetail",
            "placement",
            SETTING
            + (
                F("EntryDate", "entry_date", "date"),
                F("LeavingDate", "leaving_date", "date"),
                F("AttendancePattern", "attendance_pattern", "code", code_list="AttendancePattern"),
                F("Res", "residential", "code", code_list="PlanRes", aliases=("RES",)),
                F("WBP", "work_based", "code", code_list="WorkBasedLearning"),
            )
            + SETTING_INDICATORS,
        ),
        Module(
            "SENneed",
            "SEN need",
            (
                F("SENtype", "sen_type", "code", mandatory=True, code_list="SENtype"),
                F("SENtypeRank", "rank", "int", mandatory=True),
            ),
        ),
    )
}

# Modules that occur at most once in their parent; the others repeat.
SINGLE = {"Assessment", "NamedPlan", "ActivePlan"}

# Modules by their XML element (qualified), for the reader.
BY_ELEMENT = {m.qualified(): m for m in MODULES.values()}

HEADER_FIELDS = (
    ("CollectionDetails", "Collection"),
    ("CollectionDetails", "Year"),
    ("CollectionDetails", "ReferenceDate"),
    ("Source", "SourceLevel"),
    ("Source", "LEA"),
    ("Source", "SoftwareCode"),
    ("Source", "Release"),
    ("Source", "SerialNo"),
    ("Source", "DateTime"),
    ("Source", "DMO"),
    ("Source", "DCO"),
    ("Source", "DSCO"),
)
