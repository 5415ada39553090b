"""Build casework records directly, for tests of the timescales and the pages."""

from __future__ import annotations

from datetime import date

from sendboard.accounts.models import Organisation
from sendboard.casework.models import (
    ActivePlan,
    AdviceRequest,
    Assessment,
    CaseworkTeam,
    Child,
    NamedPlan,
    Request,
    SenNeed,
)
from sendboard.core.models import LocalArea


def worcestershire() -> LocalArea:
    return LocalArea.objects.get_or_create(
        la_code="885",
        defaults={
            "name": "Worcestershire",
            "gss_code": "E10000034",
            "region_name": "West Midlands",
            "region_code": "E12000005",
        },
    )[0]


def other_area() -> LocalArea:
    return LocalArea.objects.get_or_create(
        la_code="884",
        defaults={
            "name": "Herefordshire",
            "gss_code": "E06000019",
            "region_name": "West Midlands",
            "region_code": "E12000005",
        },
    )[0]


def team(organisation: Organisation, area: LocalArea | None = None) -> CaseworkTeam:
    return CaseworkTeam.objects.get_or_create(
        organisation=organisation, defaults={"local_area": area or worcestershire()}
    )[0]


_upn = iter(range(1, 10**6))


def make_case(
    *,
    area: LocalArea | None = None,
    born=date(2014, 3, 2),
    received=date(2025, 9, 1),
    decided=None,
    outcome="",
    assessment_outcome="",
    assessed=None,
    week20=False,
    week20_reason="",
    draft=None,
    plan_start=None,
    cease=None,
    advice=(),
    review_meeting=None,
    review_outcome="",
    last_review=None,
    amended=None,
    active=False,
    caseworker=None,
    family_views=None,
) -> Child:
    child = Child.objects.create(
        local_area=area or worcestershire(),
        surname="Test",
        forename="Child",
        birth_date=born,
        sex="F",
        upn=f"T{next(_upn):012d}",
        caseworker=caseworker,
    )
    request = Request.objects.create(child=child, received_date=received, outcome_date=decided, outcome=outcome)
    if outcome == "Y":
        assessment = Assessment.objects.create(
            request=request,
            outcome=assessment_outcome,
            outcome_date=assessed,
            week20_exception=week20,
            week20_exception_reason=week20_reason,
            draft_plan_issued=draft,
        )
        for source, partner, asked, returned in advice:
            AdviceRequest.objects.create(
                assessment=assessment, source=source, partner=partner, requested_date=asked, received_date=returned
            )
        if plan_start:
            NamedPlan.objects.create(
                assessment=assessment,
                start_date=plan_start,
                cease_date=cease,
                cease_reason="2" if cease else "",
                family_views_updated=family_views,
            )
    if active or plan_start:
        plan = ActivePlan.objects.create(
            request=request,
            review_meeting=review_meeting,
            review_outcome=review_outcome,
            last_review=last_review,
            amended_plan_issued=amended,
        )
        SenNeed.objects.create(active_plan=plan, sen_type="ASD", rank=1)
    return child


def cases_with_overdue_advice(
    n: int,
    *,
    caseworker=None,
    area: LocalArea | None = None,
    received: date | None = None,
    surname: str | None = None,
    as_of: date = date(2026, 1, 12),
) -> list[Child]:
    """n cases, each with a decision made late (20 November 2025) and advice asked 21 November 2025 and not
    returned (overdue from 2 January 2026), with their statutory steps as of ``as_of``. Requests arrive between
    1 and 20 October 2025 unless ``received`` fixes the day."""
    from sendboard.casework.services import steps_refresh

    made = [
        make_case(
            received=received or date(2025, 10, 1 + i % 20),
            caseworker=caseworker,
            area=area,
            decided=date(2025, 11, 20),
            outcome="Y",
            advice=[("HEALTH", "Community paediatrics", date(2025, 11, 21), None)],
        )
        for i in range(n)
    ]
    if surname is not None:
        Child.objects.filter(id__in=[c.id for c in made]).update(surname=surname)
    steps_refresh(child_ids=[c.id for c in made], as_of=as_of)
    return made
