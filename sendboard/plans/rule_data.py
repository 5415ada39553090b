"""The milestone rules sendboard ships with, as data (ADR 0011). A data migration loads them once; after that
an administrator edits them in the service, and every change recomputes due dates."""

from __future__ import annotations

ANNEX = (
    "DfE letter to Worcestershire, 17 May 2018, Annex A: roles and responsibilities information sheet, "
    "taken from Annex A of the local area SEND inspection handbook (2016 framework)"
)
HANDBOOK_2023 = (
    "Ofsted and CQC, Area SEND inspections: framework and handbook (2023 framework, updated 2025). "
    "The count is recorded as sendboard understands the handbook: an administrator should confirm it against "
    "the current handbook"
)

RULES: list[dict] = [
    {
        "code": "wsoa-submit",
        "framework": "2016",
        "applies_to_outcomes": ["wsoa_required"],
        "name": "Submit the written statement of action",
        "anchor_event": "report_received",
        "completed_by": ["statement_submitted"],
        "unit": "working_days",
        "count": 70,
        "recurring": False,
        "source_confirmed": True,
        "source": ANNEX
        + ": 'within 70 working days (approx. 14 weeks) from the date of receiving the inspection report'.",
    },
    {
        "code": "wsoa-evaluate",
        "framework": "2016",
        "applies_to_outcomes": ["wsoa_required"],
        "name": "Ofsted and CQC evaluate the statement",
        "anchor_event": "statement_submitted",
        "completed_by": ["statement_found_fit", "statement_found_not_fit"],
        "unit": "working_days",
        "count": 10,
        "recurring": False,
        "source_confirmed": True,
        "source": ANNEX
        + ": 'Ofsted and CQC are responsible for evaluating the WSOA within 10 working days of receiving it'.",
    },
    {
        "code": "wsoa-resubmit",
        "framework": "2016",
        "applies_to_outcomes": ["wsoa_required"],
        "name": "Resubmit a statement found not fit for purpose",
        "anchor_event": "statement_found_not_fit",
        "completed_by": ["statement_resubmitted"],
        "unit": "working_days",
        "count": 20,
        "recurring": False,
        "source_confirmed": True,
        "source": ANNEX
        + ": 'If it is not fit for purpose, the LA and CCG must resubmit another WSOA within 20 working days'.",
    },
    {
        "code": "dfe-nhse-monitoring",
        "framework": "2016",
        "applies_to_outcomes": ["wsoa_required"],
        "name": "DfE and NHS England quarterly monitoring visit",
        "anchor_event": "report_published",
        "completed_by": ["monitoring_visit"],
        "unit": "months",
        "count": 3,
        "recurring": True,
        "source_confirmed": True,
        "source": ANNEX + ": 'Advisers will hold quarterly joint monitoring visits'. Counted from publication, then "
        "from each visit.",
    },
    {
        "code": "advice-to-minister",
        "framework": "2016",
        "applies_to_outcomes": ["wsoa_required"],
        "name": "DfE and NHS England advise the minister on progress",
        "anchor_event": "report_published",
        "completed_by": ["advice_to_minister"],
        "unit": "months",
        "count": 12,
        "recurring": False,
        "source_confirmed": True,
        "source": ANNEX + ": 'submit advice to the Minister ... within 1 year of the publication of the report'; "
        "the minister's letter of 12 July 2018.",
    },
    {
        "code": "strategic-plan-update",
        "framework": "2023",
        "applies_to_outcomes": [],
        "name": "Update and publish the strategic SEND plan",
        "anchor_event": "report_published",
        "completed_by": ["strategic_plan_published"],
        "unit": "working_days",
        "count": 30,
        "recurring": False,
        "source_confirmed": False,
        "source": HANDBOOK_2023 + ": the local area partnership updates and publishes its strategic plan after a full "
        "inspection.",
    },
    {
        "code": "priority-action-plan",
        "framework": "2023",
        "applies_to_outcomes": ["outcome_3"],
        "name": "Submit the priority action plan",
        "anchor_event": "report_published",
        "completed_by": ["priority_action_plan_submitted"],
        "unit": "working_days",
        "count": 30,
        "recurring": False,
        "source_confirmed": False,
        "source": HANDBOOK_2023 + ": where inspectors identify areas for priority action (outcome 3), the partnership "
        "submits a priority action plan.",
    },
    {
        "code": "monitoring-inspection",
        "framework": "2023",
        "applies_to_outcomes": ["outcome_3"],
        "name": "Monitoring inspection (outcome 3)",
        "anchor_event": "report_published",
        "completed_by": ["monitoring_inspection"],
        "unit": "months",
        "count": 18,
        "recurring": False,
        "source_confirmed": False,
        "source": HANDBOOK_2023 + ": a monitoring inspection about 18 months after an outcome 3 inspection.",
    },
    {
        "code": "engagement-meeting",
        "framework": "2023",
        "applies_to_outcomes": [],
        "name": "Annual engagement meeting",
        "anchor_event": "report_published",
        "completed_by": ["engagement_meeting"],
        "unit": "months",
        "count": 12,
        "recurring": True,
        "source_confirmed": False,
        "source": HANDBOOK_2023 + ": an annual engagement meeting between inspections.",
    },
]


def milestone_rules_load(rule_model) -> int:
    """Create any shipped rule that is missing (by code); never change one an administrator has edited."""
    created = 0
    for rule in RULES:
        fields = dict(rule)
        _, was_created = rule_model.objects.get_or_create(code=fields.pop("code"), defaults=fields)
        created += was_created
    return created
