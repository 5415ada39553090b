"""Thin views: parse, call a selector or a service, shape with the presenters, render (or write CSV)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from sendboard.accounts.access import requires, user_has_permission
from sendboard.accounts.roles import Permission
from sendboard.core.forms import form_errors_apply
from sendboard.core.jobs import job_page_refresh
from sendboard.outcomes import forms, presenters, selectors, services
from sendboard.outcomes.csv_export import csv_response


def _posted(request: HttpRequest):
    return request.POST if request.method == "POST" else None


def _notes(cells) -> list[str]:
    return [presenters.SUPPRESSED_NOTE] if any(cell.suppressed for cell in cells) else []


# --- the dashboard and refreshes -------------------------------------------------------------------------


@requires(Permission.VIEW_OUTCOMES)
def dashboard(request: HttpRequest) -> HttpResponse:
    state = selectors.dashboard_state(user=request.user)
    return render(
        request,
        "outcomes/dashboard.html",
        {
            "home": state.home,
            "run": state.run,
            "inputs": presenters.run_inputs(state.run),
            "tables": presenters.dashboard_tables_kept(state, read=lambda: selectors.dashboard(user=request.user)),
            "can_manage": user_has_permission(request.user, Permission.MANAGE_INDICATORS),
        },
    )


@requires(Permission.VIEW_OUTCOMES)
def dashboard_csv(request: HttpRequest) -> HttpResponse:
    rows = [row for theme in presenters.dashboard_themes(selectors.dashboard(user=request.user)) for row in theme.rows]
    return csv_response(
        presenters.DASHBOARD_CSV_HEADERS,
        [row.csv_row() for row in rows],
        filename="outcomes-dashboard.csv",
        notes=_notes(cell for row in rows for cell in (row.latest, row.england.cell, row.region.cell)),
    )


@require_POST
@requires(Permission.MANAGE_INDICATORS)
def refresh(request: HttpRequest) -> HttpResponse:
    run = services.refresh_start(user=request.user)
    return HttpResponseRedirect(reverse("outcomes:refresh-run", args=[run.pk]))


@requires(Permission.VIEW_OUTCOMES)
def refresh_run(request: HttpRequest, run_id: int) -> HttpResponse:
    run = selectors.refresh_run_get(user=request.user, run_id=run_id)
    if request.method == "POST":
        if not services.refresh_again(user=request.user, run=run):
            messages.error(request, "This refresh cannot be run again: it is not one that failed")
        return HttpResponseRedirect(reverse("outcomes:refresh-run", args=[run.pk]))
    response = render(
        request,
        "outcomes/refresh_run.html",
        {
            "run": run,
            "inputs": presenters.run_inputs(run),
            "counts": selectors.refresh_run_counts(run=run),
            "in_force": selectors.latest_successful_run(),
            "can_retry": user_has_permission(request.user, Permission.MANAGE_INDICATORS),
            "refresh_seconds": settings.SENDBOARD_JOB_REFRESH_SECONDS,
        },
    )
    return job_page_refresh(response, in_progress=run.in_progress)


# --- one indicator ---------------------------------------------------------------------------------------


def _chosen(request: HttpRequest) -> tuple[forms.ComparisonForm, list[str]]:
    form = forms.ComparisonForm(request.GET if "compare" in request.GET else None)
    return form, (form.cleaned_data["compare"] if form.is_bound and form.is_valid() else [])


@requires(Permission.VIEW_OUTCOMES)
def indicator(request: HttpRequest, code: str) -> HttpResponse:
    form, chosen = _chosen(request)
    data = selectors.indicator_detail(user=request.user, code=code, chosen=chosen, with_councils=True)
    rows = presenters.series_rows(data)
    comparison = presenters.comparison_rows(data)
    query = f"?{request.GET.urlencode()}" if chosen else ""
    return render(
        request,
        "outcomes/indicator.html",
        {
            "indicator": data.indicator,
            "run": data.run,
            "home": data.areas.home,
            "rows": rows,
            "chart": presenters.indicator_chart(data, rows),
            "comparison": comparison,
            "comparison_period": presenters.comparison_period(data),
            "headline": presenters.indicator_headline(data),
            "unknown": presenters.chosen_unknown(data),
            "missing": presenters.chosen_without_facts(data),
            "form": form,
            "comparison_csv": reverse("outcomes:comparison-csv", args=[code]) + query,
            "measures": list(data.indicator.success_measures.all()),
            "targets": presenters.target_texts(data.indicator),
            "can_manage": user_has_permission(request.user, Permission.MANAGE_INDICATORS),
            "dimensions": [(d, presenters.DIMENSIONS.get(d, d)) for d in data.indicator.breakdowns],
            "any_suppressed": bool(
                _notes([*(c for r in rows for c in (r.home, r.england, r.region)), *(r.value for r in comparison)])
            ),
        },
    )


@requires(Permission.VIEW_OUTCOMES)
def series_csv(request: HttpRequest, code: str) -> HttpResponse:
    rows = presenters.series_rows(selectors.indicator_detail(user=request.user, code=code))
    return csv_response(
        presenters.SERIES_CSV_HEADERS,
        presenters.series_csv(rows),
        filename=f"{code}-series.csv",
        notes=_notes(c for r in rows for c in (r.home, r.england, r.region)),
    )


@requires(Permission.VIEW_OUTCOMES)
def comparison_csv(request: HttpRequest, code: str) -> HttpResponse:
    _form, chosen = _chosen(request)
    rows = presenters.comparison_rows(selectors.indicator_detail(user=request.user, code=code, chosen=chosen))
    return csv_response(
        presenters.COMPARISON_CSV_HEADERS,
        presenters.comparison_csv(rows),
        filename=f"{code}-comparison.csv",
        notes=_notes(r.value for r in rows),
    )


def _deep_dive(request: HttpRequest, code: str) -> selectors.DeepDiveData:
    return selectors.deep_dive(
        user=request.user,
        code=code,
        dimension=request.GET.get("dimension") or None,
        period=request.GET.get("period") or None,
    )


@requires(Permission.VIEW_OUTCOMES)
def deep_dive(request: HttpRequest, code: str) -> HttpResponse:
    data = _deep_dive(request, code)
    rows, total = presenters.deep_dive_rows(data)
    choose = forms.DeepDiveForm(
        initial={"dimension": data.dimension, "period": data.period},
        dimensions=data.indicator.breakdowns,
        periods=data.periods,
        period_type=data.indicator.period_type,
    )
    cells = [c for r in [*rows, *([total] if total else [])] for c in (r.numerator, r.denominator, r.value, r.england)]
    return render(
        request,
        "outcomes/deep_dive.html",
        {
            "indicator": data.indicator,
            "home": data.home,
            "dimension": data.dimension,
            "dimension_label": presenters.DIMENSIONS.get(data.dimension, data.dimension),
            "period": presenters.period_label(data.period, data.indicator.period_type),
            "rows": rows,
            "total": total,
            "choose": choose,
            "any_suppressed": bool(_notes(cells)),
            "no_comparator": presenters.no_comparator_reason(data.indicator),
            "any_comparator": any(
                r.england.number is not None or r.region.number is not None or r.neighbours.count for r in rows
            ),
            "csv_url": reverse("outcomes:deep-dive-csv", args=[code])
            + f"?dimension={data.dimension}&period={data.period or ''}",
        },
    )


@requires(Permission.VIEW_OUTCOMES)
def deep_dive_csv(request: HttpRequest, code: str) -> HttpResponse:
    data = _deep_dive(request, code)
    rows, total = presenters.deep_dive_rows(data)
    cells = [c for r in [*rows, *([total] if total else [])] for c in (r.numerator, r.denominator, r.value, r.england)]
    return csv_response(
        presenters.DEEP_DIVE_CSV_HEADERS,
        presenters.deep_dive_csv(rows, total),
        filename=f"{code}-{data.dimension}-{(data.period or 'none').replace('/', '-')}.csv",
        notes=_notes(cells),
    )


@requires(Permission.MANAGE_INDICATORS)
def targets(request: HttpRequest, code: str) -> HttpResponse:
    found = selectors.indicator_get(user=request.user, code=code, for_change=True)
    form = forms.TargetForm(_posted(request), indicator=found, initial={"version": services.targets_version(found)})
    if request.method == "POST" and form.is_valid():
        try:
            services.target_set(user=request.user, indicator=found, **form.cleaned_data)
        except ValidationError as error:
            form_errors_apply(form, error)
        else:
            messages.success(
                request, f"Target for {presenters.period_label(form.cleaned_data['period'], found.period_type)} saved"
            )
            return HttpResponseRedirect(reverse("outcomes:targets", args=[found.code]))
    return render(
        request, "outcomes/targets.html", {"indicator": found, "targets": presenters.target_texts(found), "form": form}
    )


@requires(Permission.MANAGE_INDICATORS)
def owner(request: HttpRequest, code: str) -> HttpResponse:
    found = selectors.indicator_get(user=request.user, code=code, for_change=True)
    form = forms.OwnerForm(
        _posted(request),
        owners=selectors.possible_owners(),
        initial={"owner": found.owner_id, "version": services.indicator_owner_version(found)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.indicator_owner_set(user=request.user, indicator=found, **form.cleaned_data)
        except ValidationError as error:
            form_errors_apply(form, error)
        else:
            messages.success(request, "Owner saved")
            return HttpResponseRedirect(reverse("outcomes:indicator", args=[found.code]))
    return render(
        request,
        "core/form.html",
        {"form": form, "title": "Choose the indicator's owner", "button": "Save owner", "caption": found.title},
    )


# --- exception reports -------------------------------------------------------------------------------------


@requires(Permission.VIEW_OUTCOMES)
def exception_list(request: HttpRequest) -> HttpResponse:
    leads = selectors.user_leads_exceptions(request.user)
    reports = selectors.exception_report_list(user=request.user)
    return render(
        request,
        "outcomes/exceptions.html",
        {
            "reports": reports,
            "leads": leads,
            "period_labels": {r.pk: presenters.period_label(r.period, r.indicator.period_type) for r in reports},
        },
    )


@requires(Permission.VIEW_OUTCOMES)
def exception_report(request: HttpRequest, report_id: int) -> HttpResponse:
    report = selectors.exception_report_get(
        user=request.user, report_id=report_id, for_comment=request.method == "POST"
    )
    form = forms.CommentaryForm(
        _posted(request),
        initial={"commentary": report.commentary, "version": services.exception_commentary_version(report)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.exception_commentary_set(user=request.user, report=report, **form.cleaned_data)
        except ValidationError as error:
            form_errors_apply(form, error)
        else:
            messages.success(request, "Commentary saved: it will show on the board pack")
            return HttpResponseRedirect(reverse("outcomes:exception", args=[report.pk]))
    return render(
        request,
        "outcomes/exception.html",
        {
            "report": report,
            "form": form,
            "can_comment": selectors.user_can_comment(user=request.user, report=report),
            "value": presenters.format_value(report.value, report.indicator.unit),
            "period": presenters.period_label(report.period, report.indicator.period_type),
            "target": presenters.format_value(report.target, report.indicator.unit),
        },
    )
