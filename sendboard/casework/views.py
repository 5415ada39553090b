from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from sendboard.accounts.access import requires, user_has_permission
from sendboard.accounts.roles import Permission
from sendboard.casework import presenters, recording_presenters, selectors, services
from sendboard.casework.forms import (
    BreachReasonForm,
    ChildSearchForm,
    QueueFilterForm,
    SubjectAccessForm,
    TeamFilterForm,
)
from sendboard.casework.timeliness import suppress, suppress_share, timeliness_for_area
from sendboard.core.forms import form_errors_apply
from sendboard.core.lists import list_page


def _step_rows(steps, today, names):
    return [{"step": s, "name": names.get(s.step, s.step), "state": presenters.step_state(s, today)} for s in steps]


@requires(Permission.MANAGE_CASEWORK)
def my_cases(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    names = selectors.timescale_rule_names()
    filters = QueueFilterForm(request.GET, steps=names)
    queue = selectors.caseworker_queue(request.user, today=today, **filters.values())
    listing = list_page(queue.steps, params=request.GET)
    # The page names the children of the steps on this page of the list: each is logged (ADR 0065).
    services.children_shown_record(user=request.user, children=[step.child for step in listing.items], listed=True)
    return render(
        request,
        "casework/my_cases.html",
        {
            "today": today,
            "queue": queue,
            "filters": filters.shown(),
            "listing": listing,
            "rows": _step_rows(listing.items, today, names),
            "advice_rows": [(row["partner"], row["count"]) for row in queue.awaiting_advice],
        },
    )


@requires(Permission.VIEW_TEAM_CASELOAD)
def team(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    names = selectors.timescale_rule_names()
    filters = TeamFilterForm(
        request.GET, today=today, caseworkers=selectors.team_caseworkers(request.user), steps=names
    )
    queue = selectors.team_queue(request.user, today=today, filters=filters.filters())
    labels = selectors.code_labels()
    reasons = labels.get("BreachReason", {})
    missed = list_page(queue.missed, params=request.GET)
    stale = list_page(queue.stale_family_views, params=request.GET, param="views_page")
    services.children_shown_record(
        user=request.user,
        listed=True,
        children=[step.child for step in missed.items] + [plan.assessment.request.child for plan in stale.items],
    )
    return render(
        request,
        "casework/team.html",
        {
            "today": today,
            "queue": queue,
            "filters": filters.shown(),
            "missed": missed,
            "stale": stale,
            "reasons": reasons,
            "overdue_rows": [(names.get(row["step"], row["step"]), row["count"]) for row in queue.overdue_by_step],
            "reason_rows": [
                (reasons.get(row["breach_reason"], "No reason recorded yet"), row["count"])
                for row in queue.breaches_by_reason
            ],
            "partner_rows": [(row["partner"], row["count"]) for row in queue.breaches_by_partner],
            "missed_rows": _step_rows(missed.items, today, names),
        },
    )


@requires(Permission.VIEW_CHILDREN)
@require_http_methods(["GET", "POST"])
def child_search(request: HttpRequest) -> HttpResponse:
    """Find a child by POST: the name, date of birth or UPN typed stays out of addresses and logs (ADR 0081)."""
    form = ChildSearchForm(request.POST if request.method == "POST" else None)
    result = None
    if request.method == "POST" and form.is_valid():
        criteria = form.cleaned_data["term"]
        result = selectors.child_search(request.user, **criteria)
        services.child_search_record(user=request.user, how=form.described(criteria), children=result.children)
    return render(
        request,
        "casework/child_search.html",
        {
            "form": form,
            "result": result,
            "limit": selectors.CHILD_SEARCH_LIMIT,
            "can_record": user_has_permission(request.user, Permission.MANAGE_CASEWORK),
        },
    )


@requires(Permission.VIEW_CHILDREN)
def child(request: HttpRequest, public_id) -> HttpResponse:
    record = selectors.child_get_for_user(request.user, public_id)
    services.children_shown_record(user=request.user, children=[record])
    today = timezone.localdate()
    labels = selectors.code_labels()
    steps = _step_rows(selectors.steps_for_child_page(record), today, selectors.timescale_rule_names())
    return render(
        request,
        "casework/child.html",
        {
            "child": record,
            "today": today,
            "steps": steps,
            "labels": labels,
            "timeline": presenters.child_timeline(record, labels),
            "needs": presenters.needs_in_words(record, labels),
            "reasons": labels.get("BreachReason", {}),
            "can_manage": user_has_permission(request.user, Permission.MANAGE_CASEWORK),
            "can_export": user_has_permission(request.user, Permission.EXPORT_SUBJECT_ACCESS),
            "recorded": recording_presenters.recorded(record, labels),
            "assessment_under_way": selectors.assessment_under_way(record),
            "advice_asked": selectors.advice_asked(record),
        },
    )


@requires(Permission.MANAGE_CASEWORK)
def breach_reason(request: HttpRequest, public_id, step_id: int) -> HttpResponse:
    record = selectors.child_get_for_user(request.user, public_id)
    step = next((s for s in selectors.steps_for_child_page(record) if s.id == step_id), None)
    today = timezone.localdate()
    if step is None or not step.is_breached(today):
        raise Http404("No such missed timescale for this child")
    reasons = selectors.code_labels().get("BreachReason", {})
    form = BreachReasonForm(
        request.POST if request.method == "POST" else None,
        reasons=reasons,
        initial={
            "reason": step.breach_reason,
            "note": step.breach_note,
            "version": services.breach_reason_version(step),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.step_record_breach_reason(user=request.user, step=step, **form.cleaned_data)
        except ValidationError as error:
            form_errors_apply(form, error)
        else:
            messages.success(request, "Reason recorded")
            return HttpResponseRedirect(reverse("casework:child", args=[record.public_id]))
    services.children_shown_record(user=request.user, children=[record])
    name = selectors.timescale_rule_names().get(step.step, step.step)
    return render(
        request, "casework/breach_reason.html", {"form": form, "child": record, "step": step, "step_name": name}
    )


@requires(Permission.VIEW_CASEWORK_AGGREGATES)
def timeliness(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    area = selectors.local_area_for_aggregates()
    years = [today.year - 1, today.year]
    figures = [timeliness_for_area(area=area, year=year) for year in years] if area else []
    return render(
        request,
        "casework/timeliness.html",
        {
            "area": area,
            "figures": figures,
            "suppress": suppress,
            "suppress_share": suppress_share,
        },
    )


@requires(Permission.EXPORT_SUBJECT_ACCESS)
def subject_access(request: HttpRequest, public_id) -> HttpResponse:
    """Everything about one child as a zip, downloaded by POST with a reason (ADR 0144)."""
    record = selectors.child_get_for_user(request.user, public_id)
    form = SubjectAccessForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        bundle = services.subject_access_export(user=request.user, child=record, reason=form.cleaned_data["reason"])
        response = HttpResponse(bundle, content_type="application/zip")
        response["Content-Disposition"] = f'attachment; filename="subject-access-{timezone.localdate():%Y-%m-%d}.zip"'
        return response
    services.children_shown_record(user=request.user, children=[record])
    return render(request, "casework/subject_access.html", {"form": form, "child": record})
