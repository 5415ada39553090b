from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from sendboard.accounts.access import requires, user_has_permission
from sendboard.accounts.roles import Permission
from sendboard.casework import allocation, presenters, recording_presenters, selectors, services
from sendboard.casework.forms import (
    AllocationForm,
    BreachReasonForm,
    CaseloadFilterForm,
    CaseloadStepsFilterForm,
    ChildSearchForm,
    QueueFilterForm,
    ReassignForm,
    SubjectAccessForm,
    TeamFilterForm,
)
from sendboard.casework.selectors import UNALLOCATED
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
    services.children_shown_record(
        user=request.user, children=[step.child for step in listing.items] + queue.newly_allocated, listed=True
    )
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
            "leavers": selectors.cases_held_by_leavers(request.user),
            "can_allocate": user_has_permission(request.user, Permission.ALLOCATE_CASES),
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
            "can_allocate": user_has_permission(request.user, Permission.ALLOCATE_CASES),
            "recorded": recording_presenters.recorded(record, labels, user=request.user, today=today),
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


# --- allocation and caseloads (ADR 0150) ----------------------------------------------------------------------


@requires(Permission.ALLOCATE_CASES)
def caseloads(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    return render(
        request,
        "casework/caseloads.html",
        {"today": today, "caseloads": selectors.team_caseloads(request.user, today=today)},
    )


@requires(Permission.ALLOCATE_CASES)
def caseload_children(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    filters = CaseloadFilterForm(request.GET, caseworkers=selectors.case_holders_for_user(request.user))
    listing = list_page(selectors.caseload_children(request.user, today=today, **filters.values()), params=request.GET)
    services.children_shown_record(user=request.user, children=listing.items, listed=True)
    return render(
        request,
        "casework/caseload_children.html",
        {"filters": filters.shown(), "listing": listing, "unallocated": filters.values()["caseworker"] == UNALLOCATED},
    )


@requires(Permission.ALLOCATE_CASES)
def caseload_steps(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    names = selectors.timescale_rule_names()
    filters = CaseloadStepsFilterForm(request.GET, caseworkers=selectors.case_holders_for_user(request.user))
    listing = list_page(selectors.caseload_steps(request.user, today=today, **filters.values()), params=request.GET)
    services.children_shown_record(user=request.user, children=[step.child for step in listing.items], listed=True)
    return render(
        request,
        "casework/caseload_steps.html",
        {
            "today": today,
            "filters": filters.shown(),
            "listing": listing,
            "rows": _step_rows(listing.items, today, names),
        },
    )


@requires(Permission.ALLOCATE_CASES)
@require_http_methods(["GET", "POST"])
def allocate(request: HttpRequest, public_id) -> HttpResponse:
    record = selectors.child_get_for_user(request.user, public_id)
    from_list = request.GET.get("from") == "unallocated"
    form = AllocationForm(
        request.POST if request.method == "POST" else None,
        candidates=selectors.allocation_candidates(request.user, with_caseloads=True),
        initial={"caseworker": record.caseworker_id, "version": allocation.allocation_version(record)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            allocation.case_allocate(user=request.user, child=record, **form.cleaned_data)
        except ValidationError as error:
            form_errors_apply(form, error)
        else:
            messages.success(
                request,
                f"{record.forename} {record.surname}'s case is allocated to "
                f"{form.cleaned_data['caseworker'].display_name}",
            )
            if from_list:
                return HttpResponseRedirect(f"{reverse('casework:caseload-children')}?caseworker={UNALLOCATED}")
            return HttpResponseRedirect(reverse("casework:child", args=[record.public_id]))
    services.children_shown_record(user=request.user, children=[record])
    return render(
        request,
        "casework/allocate.html",
        {"form": form, "child": record, "history": selectors.allocation_history(record), "from_list": from_list},
    )


@requires(Permission.ALLOCATE_CASES)
@require_http_methods(["GET", "POST"])
def reassign(request: HttpRequest) -> HttpResponse:
    """Move every case of someone leaving: choose, preview, confirm (ADR 0150)."""
    holders = selectors.people_holding_cases(request.user)
    candidates = selectors.allocation_candidates(request.user, with_caseloads=True)
    posted = request.POST if request.method == "POST" else None
    initial = {"leaver": request.GET.get("leaver")} if request.GET.get("leaver", "").isdigit() else {}
    form = ReassignForm(posted, holders=holders, candidates=candidates, initial=initial)
    plan = None
    if posted is not None and form.is_valid():
        leaver, receivers = form.cleaned_data["leaver"], list(form.cleaned_data["receivers"])
        if posted.get("action") == "confirm":
            try:
                moved = allocation.cases_reassign(
                    user=request.user, leaver=leaver, receivers=receivers, version=form.cleaned_data["version"]
                )
            except ValidationError as error:
                form_errors_apply(form, error)
            else:
                messages.success(request, _moved_in_words(leaver, moved))
                return HttpResponseRedirect(reverse("casework:caseloads"))
        plan = allocation.reassignment_plan(user=request.user, leaver=leaver, receivers=receivers)
        if not plan and not form.errors:
            form.add_error("leaver", f"{leaver.display_name} holds no cases to reassign")
    if plan:
        services.children_shown_record(user=request.user, children=[move.child for move in plan], listed=True)
        return render(
            request,
            "casework/reassign_preview.html",
            {
                "form": form,
                "leaver": form.cleaned_data["leaver"],
                "receivers": form.cleaned_data["receivers"],
                "plan": plan,
                "shares": _shares(plan),
                "version": allocation.plan_version(plan),
            },
        )
    return render(request, "casework/reassign.html", {"form": form})


def _shares(plan) -> list[tuple[str, int]]:
    counts: dict = {}
    for move in plan:
        counts[move.to] = counts.get(move.to, 0) + 1
    return [(person.display_name, count) for person, count in counts.items()]


def _moved_in_words(leaver, moved) -> str:
    shares = ", ".join(f"{count:,} to {name}" for name, count in _shares(moved))
    cases = "case" if len(moved) == 1 else "cases"
    return f"{len(moved):,} {cases} moved from {leaver.display_name}: {shares}"
