"""Thin views: parse, call a selector or a service, render."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from sendboard.accounts.access import public, requires
from sendboard.accounts.roles import Permission
from sendboard.core.forms import form_errors_apply
from sendboard.core.jobs import job_page_refresh
from sendboard.core.lists import list_page
from sendboard.plans import forms, reports, selectors, services, xlsx
from sendboard.plans.history import history_rows
from sendboard.plans.milestone_state import milestone_rows, regime_ended_on
from sendboard.plans.models import (
    Plan,
)
from sendboard.returns import pages as import_pages
from sendboard.returns.framework import IMPORTERS
from sendboard.returns.pages import ImportPages


def _today() -> date:
    return timezone.localdate()


def _posted(request: HttpRequest, *, files: bool = False):
    """The submitted data on a POST (even an empty one, so that it is validated), None otherwise."""
    if request.method != "POST":
        return None
    return request.FILES if files else request.POST


def _initial(target, *, initial=None, edit: str | None = None) -> dict | None:
    """The form's starting values; an edit form also starts with the record's version (ADR 0070)."""
    values = dict(initial(target)) if initial else {}
    if edit:
        values["version"] = services.edit_version(edit, target)
    return values or None


# --- staff pages ---------------------------------------------------------------------------------------


@requires(Permission.VIEW_PLANS)
def index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "plans/index.html",
        {
            "inspections": selectors.inspection_list(user=request.user),
            "plans": selectors.plan_list(user=request.user),
            "may": selectors.plan_abilities(user=request.user),
        },
    )


@requires(Permission.VIEW_PLANS)
def inspection(request: HttpRequest, inspection_id: int) -> HttpResponse:
    found = selectors.inspection_detail(user=request.user, inspection_id=inspection_id)
    rows = milestone_rows(found.milestones.all(), today=_today(), regime_ended=regime_ended_on(found.pk))
    return render(
        request,
        "plans/inspection.html",
        {"inspection": found, "milestones": rows, "may": selectors.plan_abilities(user=request.user)},
    )


@requires(Permission.MANAGE_INSPECTIONS)
def inspection_new(request: HttpRequest) -> HttpResponse:
    form = forms.InspectionForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        created = services.inspection_create(user=request.user, **form.cleaned_data)
        return HttpResponseRedirect(reverse("plans:inspection", args=[created.pk]))
    return render(
        request, "core/form.html", {"form": form, "title": "Record an inspection", "button": "Record inspection"}
    )


def _inspection_form(
    request: HttpRequest,
    inspection_id: int,
    *,
    form_class,
    write,
    title: str,
    button: str,
    form_kwargs=None,
    initial=None,
    edit=None,
) -> HttpResponse:
    """One small form about one inspection: validate, call the service, then to what it made or the inspection."""
    target = selectors.inspection_detail(user=request.user, inspection_id=inspection_id)
    form = form_class(
        _posted(request),
        initial=_initial(target, initial=initial, edit=edit),
        **(form_kwargs(target) if form_kwargs else {}),
    )
    if request.method == "POST" and form.is_valid():
        try:
            made = write(target, form.cleaned_data)
        except ValidationError as error:
            form_errors_apply(form, error)
        else:
            if isinstance(made, Plan):
                return HttpResponseRedirect(reverse("plans:plan", args=[made.pk]))
            return HttpResponseRedirect(reverse("plans:inspection", args=[target.pk]))
    return render(request, "core/form.html", {"form": form, "title": title, "button": button, "caption": target.title})


def _inspection_form_view(
    *, permission: Permission, form_class, title: str, button: str, write, initial=None, form_kwargs=None, edit=None
):
    """A page with one small form about one inspection: ``write(user, inspection, cleaned_data)`` calls the service;
    ``edit`` names what an edit form changes, for its version."""

    @requires(permission)
    def view(request: HttpRequest, inspection_id: int) -> HttpResponse:
        return _inspection_form(
            request,
            inspection_id,
            form_class=form_class,
            title=title,
            button=button,
            initial=initial,
            form_kwargs=form_kwargs,
            edit=edit,
            write=lambda target, data: write(request.user, target, data),
        )

    return view


event_new = _inspection_form_view(
    permission=Permission.MANAGE_INSPECTIONS,
    form_class=forms.EventForm,
    title="Record a date",
    button="Record date",
    write=lambda user, target, data: services.inspection_event_record(user=user, inspection=target, **data),
)
finding_new = _inspection_form_view(
    permission=Permission.MANAGE_INSPECTIONS,
    form_class=forms.FindingForm,
    title="Record a finding",
    button="Record finding",
    write=lambda user, target, data: services.finding_create(user=user, inspection=target, **data),
)
judgement_new = _inspection_form_view(
    permission=Permission.MANAGE_INSPECTIONS,
    form_class=forms.JudgementForm,
    title="Record a judgement",
    button="Record judgement",
    form_kwargs=lambda target: {"findings": selectors.findings_judged_by(inspection=target)},
    write=lambda user, target, data: services.judgement_record(
        user=user, inspection=target, findings=list(data.pop("findings")), **data
    ),
)
outcome_edit = _inspection_form_view(
    permission=Permission.MANAGE_INSPECTIONS,
    form_class=forms.OutcomeForm,
    title="Change the outcome",
    button="Save outcome",
    initial=lambda target: {"outcome": target.outcome},
    edit="inspection_outcome",
    write=lambda user, target, data: services.inspection_outcome_set(user=user, inspection=target, **data),
)
plan_new = _inspection_form_view(
    permission=Permission.MANAGE_PLANS,
    form_class=forms.PlanForm,
    title="Create the plan that answers this inspection",
    button="Create plan",
    write=lambda user, target, data: services.plan_create(
        user=user, inspection=target, status=Plan.Status.ACTIVE, **data
    ),
)


@requires(Permission.MANAGE_PLANS)
def workstream_new(request: HttpRequest, plan_id: int) -> HttpResponse:
    found = selectors.plan_get(user=request.user, plan_id=plan_id)
    form = forms.WorkstreamForm(_posted(request), leads=selectors.possible_leads())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.workstream_create(
                user=request.user,
                plan=found,
                number=data["number"],
                title=data["title"],
                objective=data["objective"],
                leads=list(data["leads"]),
            )
        except ValidationError as error:
            form_errors_apply(form, error)
        else:
            return HttpResponseRedirect(reverse("plans:plan", args=[found.pk]))
    return render(
        request,
        "core/form.html",
        {"form": form, "title": "Add a workstream", "button": "Add workstream", "caption": found.title},
    )


@requires(Permission.MANAGE_INSPECTIONS)
def finding_plain_english(request: HttpRequest, finding_id: int) -> HttpResponse:
    finding = selectors.finding_get(user=request.user, finding_id=finding_id)
    form = forms.FindingPlainEnglishForm(
        _posted(request),
        initial={
            "plain_english": finding.plain_english,
            "version": services.edit_version("finding_plain_english", finding),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.finding_plain_english_set(user=request.user, finding=finding, **form.cleaned_data)
        except ValidationError as error:
            form_errors_apply(form, error)
        else:
            return HttpResponseRedirect(reverse("plans:inspection", args=[finding.inspection_id]))
    return render(
        request,
        "core/form.html",
        {
            "form": form,
            "title": "Change what the public page says about a finding",
            "button": "Save for approval",
            "caption": f"Finding {finding.reference}) {finding.text}",
        },
    )


@requires(Permission.VIEW_PLANS)
def plan(request: HttpRequest, plan_id: int) -> HttpResponse:
    filters = forms.PlanActionsFilterForm(request.GET)
    found, workstreams = selectors.plan_detail(user=request.user, plan_id=plan_id, today=_today(), **filters.values())
    return render(
        request,
        "plans/plan.html",
        {
            "plan": found,
            "workstreams": workstreams,
            "filters": filters.shown(),
            "filtered": any(filters.values().values()),
            "changes": selectors.plan_changes(plan=found, limit=20),
            "may": selectors.plan_abilities(user=request.user),
        },
    )


@requires(Permission.VIEW_PLANS)
def action(request: HttpRequest, action_id: int) -> HttpResponse:
    found, row = selectors.action_detail(user=request.user, action_id=action_id, today=_today())
    measured = selectors.linked_measure_values([m.pk for m in found.measures.all()], _today())
    return render(
        request,
        "plans/action.html",
        {
            "action": found,
            "row": row,
            "measured": measured,
            "history": history_rows(selectors.record_history(record=found)),
        },
    )


@requires(Permission.MANAGE_PLANS)
def action_new(request: HttpRequest, workstream_id: int) -> HttpResponse:
    workstream, owners, findings = selectors.workstream_for_new_action(user=request.user, workstream_id=workstream_id)
    form = forms.ActionForm(_posted(request), owners=owners, findings=findings)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            created = services.action_create(
                user=request.user, workstream=workstream, organisation=data["owner"].organisation, **data
            )
        except ValidationError as error:
            form_errors_apply(form, error)
        else:
            return HttpResponseRedirect(reverse("plans:action", args=[created.pk]))
    return render(
        request,
        "core/form.html",
        {"form": form, "title": "Add an action", "button": "Add action", "caption": str(workstream)},
    )


@requires(Permission.UPDATE_ACTIONS)
def action_update(request: HttpRequest, action_id: int) -> HttpResponse:
    target = selectors.action_for_change(user=request.user, action_id=action_id)
    form = forms.ProgressUpdateForm(
        _posted(request),
        _posted(request, files=True),
        initial={"status": target.status, "day": _today(), "version": services.edit_version("action_status", target)},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            update = services.progress_update_record(
                user=request.user,
                action=target,
                day=data["day"],
                summary=data["summary"],
                public_summary=data["public_summary"],
                status=data["status"],
                version=data["version"],
            )
            if data["evidence_link"] or data["evidence_file"]:
                services.evidence_add(
                    user=request.user,
                    action=target,
                    update=update,
                    link=data["evidence_link"],
                    file=data["evidence_file"],
                    title=data["evidence_title"] or "Evidence",
                )
        except ValidationError as error:
            form_errors_apply(form, error)
        else:
            messages.success(request, "Progress update recorded")
            return HttpResponseRedirect(reverse("plans:action", args=[target.pk]))
    return render(
        request,
        "core/form.html",
        {
            "form": form,
            "title": "Record a progress update",
            "button": "Record update",
            "caption": str(target),
            "multipart": True,
        },
    )


def _action_form(
    request: HttpRequest,
    action_id: int,
    *,
    form_class,
    write,
    title: str,
    button: str,
    initial=None,
    form_kwargs=None,
    edit=None,
) -> HttpResponse:
    """One small form about one action the user may change: validate, call the service, back to the action."""
    target = selectors.action_for_change(user=request.user, action_id=action_id)
    form = form_class(
        _posted(request),
        initial=_initial(target, initial=initial, edit=edit),
        **(form_kwargs(target) if form_kwargs else {}),
    )
    if request.method == "POST" and form.is_valid():
        try:
            write(target, form.cleaned_data)
        except ValidationError as error:
            form_errors_apply(form, error)
        else:
            return HttpResponseRedirect(reverse("plans:action", args=[target.pk]))
    return render(request, "core/form.html", {"form": form, "title": title, "button": button, "caption": str(target)})


def _action_form_view(*, form_class, title: str, button: str, write, initial=None, form_kwargs=None, edit=None):
    """A page with one small form about one action: ``write(user, action, cleaned_data)`` calls the service;
    ``edit`` names what an edit form changes, for its version."""

    @requires(Permission.UPDATE_ACTIONS)
    def view(request: HttpRequest, action_id: int) -> HttpResponse:
        return _action_form(
            request,
            action_id,
            form_class=form_class,
            title=title,
            button=button,
            initial=initial,
            form_kwargs=form_kwargs,
            edit=edit,
            write=lambda action, data: write(request.user, action, data),
        )

    return view


action_rag = _action_form_view(
    form_class=forms.RagOverrideForm,
    title="Override the RAG rating",
    button="Save RAG rating",
    initial=lambda a: {"rag": a.rag_override},
    edit="action_rag",
    write=lambda user, a, data: services.action_rag_override_set(user=user, action=a, **data),
)
action_edit = _action_form_view(
    form_class=forms.ActionDatesForm,
    title="Change the action and its dates",
    button="Save changes",
    initial=lambda a: {"title": a.title, "start_date": a.start_date, "due_date": a.due_date},
    edit="action_details",
    write=lambda user, a, data: services.action_update(user=user, action=a, **data),
)
action_risk = _action_form_view(
    form_class=forms.RiskForm,
    title="Raise a risk or issue",
    button="Raise",
    write=lambda user, a, data: services.risk_record(user=user, action=a, raised_on=_today(), **data),
)
action_coproduction = _action_form_view(
    form_class=forms.CoproductionForm,
    title="Record co-production",
    button="Record co-production",
    write=lambda user, a, data: services.coproduction_record(user=user, action=a, **data),
)
action_measure = _action_form_view(
    form_class=forms.SuccessMeasureForm,
    title="Add a success measure",
    button="Add measure",
    write=lambda user, a, data: services.measure_create(user=user, action=a, **data),
)
action_measure_actual = _action_form_view(
    form_class=forms.MeasureActualForm,
    title="Record a success measure value",
    button="Record value",
    form_kwargs=lambda a: {"measures": a.measures.all()},
    write=lambda user, a, data: services.measure_actual_record(user=user, **data),
)
action_dependencies = _action_form_view(
    form_class=forms.DependenciesForm,
    title="Set what this action depends on",
    button="Save dependencies",
    initial=lambda a: {"depends_on": list(a.depends_on.values_list("pk", flat=True))},
    edit="action_dependencies",
    form_kwargs=lambda a: {"candidates": selectors.action_dependency_candidates(action=a)},
    write=lambda user, a, data: services.action_dependencies_set(
        user=user, action=a, depends_on=list(data["depends_on"]), version=data["version"]
    ),
)
action_public_summary = _action_form_view(
    form_class=forms.PublicSummaryForm,
    title="Change the public summary",
    button="Save for approval",
    initial=lambda a: {"public_summary": a.public_summary},
    edit="action_public_summary",
    write=lambda user, a, data: services.action_public_summary_set(user=user, action=a, **data),
)


@requires(Permission.VIEW_PLANS)
def evidence_file(request: HttpRequest, evidence_id: int) -> HttpResponse:
    evidence = selectors.evidence_file_get(user=request.user, evidence_id=evidence_id)
    response = FileResponse(
        evidence.file.open("rb"), as_attachment=True, filename=evidence.file.name.rsplit("/", 1)[-1]
    )
    response["X-Content-Type-Options"] = "nosniff"  # never let a browser run an upload as a page or script
    return response


@requires(Permission.UPDATE_ACTIONS)
def my_actions(request: HttpRequest) -> HttpResponse:
    filters = forms.MyActionsFilterForm(request.GET)
    listing = list_page(selectors.my_actions(user=request.user, today=_today(), **filters.values()), params=request.GET)
    return render(request, "plans/my_actions.html", {"listing": listing, "filters": filters.shown()})


@requires(Permission.RECORD_MONITORING)
def monitoring(request: HttpRequest, plan_id: int) -> HttpResponse:
    found = selectors.plan_get(user=request.user, plan_id=plan_id)
    form = forms.MonitoringVisitForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.monitoring_visit_record(user=request.user, plan=found, **form.cleaned_data)
        except ValidationError as error:
            form_errors_apply(form, error)
        else:
            return HttpResponseRedirect(reverse("plans:monitoring", args=[found.pk]))
    return render(
        request,
        "plans/monitoring.html",
        {"plan": found, "visits": selectors.monitoring_visits(plan=found), "form": form},
    )


@requires(Permission.MANAGE_MILESTONE_RULES)
def rules(request: HttpRequest) -> HttpResponse:
    return render(request, "plans/rules.html", {"rules": selectors.milestone_rule_list(user=request.user)})


@requires(Permission.MANAGE_MILESTONE_RULES)
def rule_edit(request: HttpRequest, rule_id: int) -> HttpResponse:
    rule = selectors.milestone_rule_get(user=request.user, rule_id=rule_id)
    initial = {
        **{name: getattr(rule, name) for name in services.RULE_TERMS},
        "version": services.edit_version("milestone_rule", rule),
    }
    form = forms.MilestoneRuleForm(_posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        reason = data.pop("reason")
        try:
            services.milestone_rule_update(user=request.user, rule=rule, reason=reason, **data)
        except ValidationError as error:
            form_errors_apply(form, error)
        else:
            messages.success(request, "Rule changed and due dates recomputed")
            return HttpResponseRedirect(reverse("plans:rules"))
    return render(
        request,
        "plans/rule_edit.html",
        {"form": form, "rule": rule, "history": history_rows(selectors.record_history(record=rule))},
    )


PUBLICATION_KINDS = (
    ("finding", "findings", "Findings"),
    ("action", "actions", "Actions"),
    ("update", "updates", "Progress updates"),
)


@requires(Permission.APPROVE_PUBLICATION)
@require_http_methods(["GET", "POST"])
def publication(request: HttpRequest) -> HttpResponse:
    """Approve the public page's plain-English text, or say why it cannot be published."""
    refusal = approval = None
    if request.method == "POST":
        kind, pk = request.POST.get("kind"), request.POST.get("id", "")
        target = selectors.publication_item(user=request.user, kind=kind, pk=pk)
        if request.POST.get("decision") == "refuse":
            refusal = (kind, target.pk, forms.PublicationRefusalForm(request.POST, prefix=f"{kind}-{target.pk}"))
            if refusal[2].is_valid():
                services.publication_refuse(
                    user=request.user, reason=refusal[2].cleaned_data["reason"], **{kind: target}
                )
                messages.success(request, "Not approved: whoever wrote it will see why")
                return HttpResponseRedirect(reverse("plans:publication"))
        else:
            approval = forms.PublicationApprovalForm(request.POST)
            try:
                services.publication_approve(user=request.user, **{kind: target})
            except ValidationError as error:
                approval.is_valid()  # a form holds errors once it is cleaned
                approval.add_error(None, error)
            else:
                messages.success(request, "Approved for publication")
                return HttpResponseRedirect(reverse("plans:publication"))
    queue = selectors.publication_queue(user=request.user)
    sections = []
    for kind, plural, label in PUBLICATION_KINDS:
        listing = list_page(queue[plural], params=request.GET, param=f"{plural}_page")
        items = [
            (
                item,
                refusal[2]
                if refusal and refusal[:2] == (kind, item.pk)
                else forms.PublicationRefusalForm(prefix=f"{kind}-{item.pk}"),
            )
            for item in listing.items
        ]
        sections.append({"kind": kind, "label": label, "listing": listing, "items": items})
    form = refusal[2] if refusal else approval
    return render(request, "plans/publication.html", {"sections": sections, "form": form})


# --- reports -------------------------------------------------------------------------------------------


def _period_end(request: HttpRequest) -> date:
    raw = request.GET.get("period_end", "")
    try:
        return date.fromisoformat(raw) if raw else _today()
    except ValueError:
        raise Http404 from None


def _period_form(request: HttpRequest) -> tuple[forms.ReportPeriodForm, date]:
    """The period chosen with the GOV.UK date input, or by a link's ISO date; an impossible date is shown as an
    error beside the box, with the current period below it."""
    chosen = any(key.startswith("period_end-") for key in request.GET)
    form = forms.ReportPeriodForm(
        request.GET if chosen else None, initial=None if chosen else {"period_end": _period_end(request)}
    )
    if chosen and form.is_valid():
        return form, form.cleaned_data["period_end"]
    return form, _period_end(request) if not chosen else _today()


@requires(Permission.VIEW_PLANS)
def highlight(request: HttpRequest, plan_id: int, workstream_id: int) -> HttpResponse:
    form, period_end = _period_form(request)
    report = selectors.board_report(
        user=request.user, plan_id=plan_id, period_end=period_end, workstream_id=workstream_id
    )
    if not report.workstreams:
        raise Http404
    if request.GET.get("format") == "pdf":
        return reports.pdf_response(
            reports.render_report_html(report, title="Highlight report"), filename="highlight-report.pdf"
        )
    return render(
        request,
        "plans/report.html",
        {
            "report": report,
            "form": form,
            "title": f"Highlight report: {report.workstreams[0].workstream}",
            "pdf_url": f"{request.path}?period_end={report.period_end.isoformat()}&format=pdf",
        },
    )


@requires(Permission.VIEW_PLANS)
def board_pack(request: HttpRequest, plan_id: int) -> HttpResponse:
    form, period_end = _period_form(request)
    if request.method == "POST":
        job = reports.report_job_request(
            user=request.user, plan=selectors.plan_get(user=request.user, plan_id=plan_id), period_end=period_end
        )
        return HttpResponseRedirect(reverse("plans:report-job", args=[job.pk]))
    report = selectors.board_report(user=request.user, plan_id=plan_id, period_end=period_end)
    return render(
        request,
        "plans/report.html",
        {
            "report": report,
            "form": form,
            "title": "Board pack",
            "pdf_url": "",
            "exceptions": reports.board_pack_exceptions(),
        },
    )


@requires(Permission.VIEW_PLANS)
def report_job(request: HttpRequest, job_id: int) -> HttpResponse:
    job = selectors.report_job_get(user=request.user, job_id=job_id)
    if request.method == "POST":
        if not reports.report_job_retry(job=job):
            messages.error(request, "This board pack cannot be built again: it has not failed")
        return HttpResponseRedirect(reverse("plans:report-job", args=[job.pk]))
    if request.GET.get("download") and job.succeeded:
        return reports.pdf_bytes_response(selectors.report_job_pdf(job=job), filename="board-pack.pdf")
    response = render(
        request, "plans/report_job.html", {"job": job, "refresh_seconds": settings.SENDBOARD_JOB_REFRESH_SECONDS}
    )
    return job_page_refresh(response, in_progress=job.in_progress)


@requires(Permission.VIEW_PLANS)
def plan_export(request: HttpRequest, plan_id: int) -> HttpResponse:
    found, workstreams = selectors.plan_detail(user=request.user, plan_id=plan_id, today=_today())
    response = HttpResponse(
        xlsx.plan_export(plan=found, workstreams=workstreams),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="plan.xlsx"'
    return response


@requires(Permission.VIEW_PLANS)
def import_template(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(
        xlsx.template_bytes(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = 'attachment; filename="sendboard-plan-template.xlsx"'
    return response


def _import_pages(plan: Plan) -> ImportPages:
    """The one upload page pattern of every import (ADR 0163), under the plan's URL, loading into the plan."""
    return ImportPages(
        permission=Permission.MANAGE_PLANS,
        upload="plans:import",
        preview="plans:import-preview",
        job="plans:import-job",
        args=(plan.pk,),
        target=str(plan.pk),
    )


@requires(Permission.MANAGE_PLANS)
def plan_import(request: HttpRequest, plan_id: int) -> HttpResponse:
    found = selectors.plan_get(user=request.user, plan_id=plan_id)
    form = forms.PlanImportForm(_posted(request), _posted(request, files=True))
    if request.method == "POST" and form.is_valid():
        importer = IMPORTERS[xlsx.PlanActionsImporter.kind].bound(str(found.pk))
        return import_pages.upload_hold(
            request, pages=_import_pages(found), upload=form.cleaned_data["file"], importer=importer
        )
    return render(request, "plans/import.html", {"form": form, "plan": found})


@requires(Permission.MANAGE_PLANS)
def plan_import_preview(request: HttpRequest, plan_id: int, token: str) -> HttpResponse:
    found = selectors.plan_get(user=request.user, plan_id=plan_id)
    return import_pages.preview_page(request, token, pages=_import_pages(found))


@requires(Permission.MANAGE_PLANS)
def plan_import_job(request: HttpRequest, plan_id: int, public_id) -> HttpResponse:
    found = selectors.plan_get(user=request.user, plan_id=plan_id)
    return import_pages.job_page(request, public_id, pages=_import_pages(found))


@requires(Permission.MANAGE_PLANS)
def plan_status(request: HttpRequest, plan_id: int) -> HttpResponse:
    """Closing (or reopening) a plan asks first: a closed plan can no longer be changed."""
    found = selectors.plan_get(user=request.user, plan_id=plan_id)
    target = Plan.Status.ACTIVE if found.status == Plan.Status.CLOSED else Plan.Status.CLOSED
    form = forms.PlanStatusForm(
        _posted(request), initial={"status": target, "version": services.edit_version("plan_status", found)}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_status_set(
                user=request.user, plan=found, status=form.cleaned_data["status"], version=form.cleaned_data["version"]
            )
        except ValidationError as error:
            form_errors_apply(form, error)
        else:
            messages.success(
                request,
                "The plan is closed" if form.cleaned_data["status"] == Plan.Status.CLOSED else "The plan is open again",
            )
            return HttpResponseRedirect(reverse("plans:plan", args=[found.pk]))
    return render(
        request, "plans/plan_status.html", {"form": form, "plan": found, "closing": target == Plan.Status.CLOSED}
    )


# --- the public progress page ----------------------------------------------------------------------------


@public
def public_progress(request: HttpRequest) -> HttpResponse:
    return render(request, "plans/public_index.html", {"findings": selectors.public_finding_list(today=_today())})


@public
def public_finding(request: HttpRequest, finding_id: int) -> HttpResponse:
    return render(
        request,
        "plans/public_finding.html",
        {"item": selectors.public_finding_get(finding_id=finding_id, today=_today())},
    )
