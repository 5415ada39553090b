"""What must be reported, by when and to whom: tracking's rules as data, each with its source (ADR 0121).

Held like the plans' milestone rules (ADR 0011): loaded into ``TrackingRule`` whenever the tables are empty,
then read from the database. ``source_confirmed`` is False where sendboard could not read the source's own
text and records its understanding instead; ADR 0121 says so for each, and an administrator should check it.
"""

from __future__ import annotations

VERSION = "2026-12"

REGS_2024 = "The School Attendance (Pupil Registration) (England) Regulations 2024 (SI 2024/208)"
WTISA_2024 = "DfE, Working together to improve school attendance (statutory guidance, August 2024)"
CME = "DfE, Children missing education: statutory guidance for local authorities (2016; updated 2024 and 2025)"
LOCAL = "Local policy of the partnership (sendboard's default; the area sets its own)"

RULES: list[dict] = [
    {
        "code": "deletion-return",
        "name": "Tell the council a pupil's name is deleted from the admission register",
        "who_acts": "The school",
        "to_whom": "The council (children missing education team)",
        "anchor": "the day the pupil's name is deleted",
        "unit": "school_days",
        "count": 5,
        "source_confirmed": False,
        "source": REGS_2024 + ", regulation 13(4) (the deletion return: name, address, parents, the new school or "
        "address where known, the ground for deletion). The 5 school days are as the partnership's brief states the "
        "duty; sendboard could not read the regulation's text on timing and records it as an assumption.",
    },
    {
        "code": "ptt-report",
        "name": "Tell the council a pupil is on a part-time timetable",
        "who_acts": "The school",
        "to_whom": "The council (inclusion team; the SEND team for a child with a plan)",
        "anchor": "the first day of the part-time timetable",
        "unit": "school_days",
        "count": 5,
        "source_confirmed": False,
        "source": WTISA_2024 + ", part-time timetables: temporary, for the shortest time necessary, with a time limit, "
        "agreed with parents and regularly reviewed; schools keep the council informed. The 5 school days are local "
        "policy.",
    },
    {
        "code": "ptt-caseworker-check",
        "name": "Check the provision of a child with a plan or on SEN support put on a part-time timetable",
        "who_acts": "The child's SEND caseworker",
        "to_whom": "The SEND team",
        "anchor": "the day the school reports the part-time timetable",
        "unit": "working_days",
        "count": 5,
        "source_confirmed": False,
        "source": LOCAL
        + ". The 2021 revisit of the area's SEND inspection records that the SEND team is notified of a "
        "pupil with an EHC plan on a part-time timetable and checks the provision.",
    },
    {
        "code": "ptt-review-escalation",
        "name": "Escalate a part-time timetable past its agreed review date",
        "who_acts": "The council",
        "to_whom": "The SEND team manager and the inclusion lead",
        "anchor": "the agreed review date, when no new review date or end has been reported",
        "unit": "working_days",
        "count": 2,
        "source_confirmed": False,
        "source": LOCAL + ", following " + WTISA_2024 + ": a part-time timetable must have a time limit and formal "
        "arrangements for regular review with the pupil and parents.",
    },
    {
        "code": "cme-enquiries",
        "name": "Make reasonable enquiries to find a child missing education",
        "who_acts": "The council (children missing education team)",
        "to_whom": "The weekly multi-agency meeting",
        "anchor": "the day the child is known to be missing education",
        "unit": "school_days",
        "count": 20,
        "source_confirmed": False,
        "source": CME + ": councils must have arrangements to establish the identities of children missing education "
        "and make reasonable enquiries; " + REGS_2024 + " allows deletion for continuous unauthorised absence of 20 "
        "school days when both school and council have failed to find the child after reasonable enquiry.",
    },
    {
        "code": "placed-notification",
        "name": "Placing council tells this council of a child placed in the area",
        "who_acts": "The placing council",
        "to_whom": "This council's single point of contact",
        "anchor": "the first day of the placement",
        "unit": "working_days",
        "count": 5,
        "source_confirmed": False,
        "source": "The Care Planning, Placement and Case Review (England) Regulations 2010, regulation 11 (the "
        "responsible authority notifies the area authority of an out-of-area placement, before it is made or as soon "
        "as practicable). The 5 working days are the partnership's measure of 'on time'.",
    },
]

# Grounds for deleting a pupil of compulsory school age from the admission register, in sendboard's words
# (regulation 9 of the 2024 Regulations). Codes are sendboard's own. ADR 0121: confirm against the text.
DELETION_GROUNDS: list[tuple[str, str]] = [
    ("other_school", "Registered at another school"),
    ("home_education", "Parent has told the school in writing the child is educated at home"),
    ("moved_away", "No longer lives within reasonable distance of the school"),
    (
        "leave_not_returned",
        "Did not return after leave of absence, and the school and council could not find the child",
    ),
    ("medical", "Certified medically unfit to attend before leaving compulsory school age"),
    ("absent_20_days", "Absent for 20 school days in a row, and the school and council could not find the child"),
    ("died", "Died"),
    ("permanently_excluded", "Permanently excluded"),
    ("custody", "In custody for more than four months, with no reasonable grounds to expect a return"),
    ("attendance_order", "School attendance order changed or revoked"),
    ("other", "Another ground in the regulations"),
]
GROUNDS = dict(DELETION_GROUNDS)


def rules_ensure(TrackingRule=None) -> None:
    """Load the shipped rules if the table is empty (after migrate, and after a test's flush)."""
    if TrackingRule is None:
        from sendboard.tracking.models import TrackingRule
    if TrackingRule.objects.exists():
        return
    TrackingRule.objects.bulk_create([TrackingRule(version=VERSION, **rule) for rule in RULES])
