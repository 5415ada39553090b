"""What a child's page shows of the steps recorded by hand, and the links to record what may come next."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.urls import reverse

from sendboard.casework import recording
from sendboard.casework.models import Requester
from sendboard.casework.recording import STEPS, Case
from sendboard.core.govuk import format_date


@dataclass
class Recorded:
    rows: list[tuple[str, str]] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)


def _when(day) -> str:
    return format_date(day) if day else "Not yet"


def _links(child, case: Case) -> list[tuple[str, str]]:
    """The steps the legal order allows next, each settings' reply awaited and each appeal's outcome awaited."""
    slug_links = [
        (STEPS[slug], reverse("casework:record", args=[child.public_id, slug])) for slug in recording.allowed(case)
    ]
    reply_links = [
        (f"Record the reply from {c.setting}", reverse("casework:record-reply", args=[child.public_id, c.id]))
        for c in recording.open_consultations(case)
    ]
    outcome_links = [
        (
            f"Record the outcome of the {a.get_kind_display().lower()} begun {format_date(a.started_date)}",
            reverse("casework:record-appeal-outcome", args=[child.public_id, a.id]),
        )
        for a in recording.open_appeals(case)
    ]
    return slug_links + reply_links + outcome_links


def _request_rows(request, labels: dict[str, dict[str, str]]) -> list[tuple[str, str]]:
    rows = []
    if request.requester:
        who = Requester(request.requester).label
        rows.append(("Who asked for the assessment", f"{who}: {request.requester_name}".rstrip(": ")))
        if request.requester_contact:
            rows.append(("Their contact details", request.requester_contact))
    elif request.request_source:
        rows.append(("Who asked for the assessment", labels.get("RequestSource", {}).get(request.request_source, "")))
    if request.decision_reason:
        rows.append(("Reason for the decision whether to assess", request.decision_reason))
    return rows


def _assessment_rows(assessment) -> list[tuple[str, str]]:
    rows = []
    for c in assessment.consultations.all():
        reply = f"replied {format_date(c.reply_date)}: {c.reply}" if c.reply_date else "no reply yet"
        rows.append((f"Consulted {c.setting}", f"Sent {format_date(c.sent_date)}, {reply}".rstrip(": ")))
    if assessment.family_response_date:
        rows.append(("Family's response to the draft plan", format_date(assessment.family_response_date)))
        if assessment.preferred_setting:
            rows.append(("Setting the family asked for", assessment.preferred_setting))
        if assessment.family_views:
            rows.append(("The family's views", assessment.family_views))
    return rows


def _active_plan_rows(active) -> list[tuple[str, str]]:
    rows = []
    if active.review_meeting:
        rows.append(("Last review meeting", format_date(active.review_meeting)))
        rows.append(("Report of the review meeting received", _when(active.review_report_received)))
        if active.review_draft:
            rows.append(("Proposed amendments sent", format_date(active.review_draft)))
    if active.phase_transfer_due or active.phase_transfer_final:
        rows.append(("Plan reviewed for the move to the next phase", _when(active.phase_transfer_due)))
        rows.append(("Plan for the move finalised", _when(active.phase_transfer_final)))
    if active.post16_transfer:
        rows.append(("Planned move between post-16 institutions", format_date(active.post16_transfer)))
    return rows


def recorded(child, labels: dict[str, dict[str, str]]) -> Recorded:
    case = Case.of(child)
    out = Recorded(links=_links(child, case))
    request, assessment, active = case.request, case.assessment, case.active
    if request is None:
        return out
    out.rows.extend(_request_rows(request, labels))
    if assessment is not None:
        out.rows.extend(_assessment_rows(assessment))
    if active is not None:
        out.rows.extend(_active_plan_rows(active))
    for a in request.appeals.all():
        outcome = f"{a.get_outcome_display()}, {format_date(a.outcome_date)}" if a.outcome else "Outcome not known yet"
        out.rows.append(
            (f"{a.get_kind_display()} begun {format_date(a.started_date)}", f"{a.get_about_display()}. {outcome}")
        )
    return out
