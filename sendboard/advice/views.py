from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from sendboard.accounts.access import requires
from sendboard.accounts.roles import Permission
from sendboard.advice import permissions, selectors, services
from sendboard.advice.forms import AskForAdviceForm, DeclineForm, ForwardForm, LateHealthFilterForm, ReturnAdviceForm
from sendboard.advice.models import RequestDocument
from sendboard.casework.selectors import assessment_under_way, child_get_for_user
from sendboard.casework.timeliness import suppress
from sendboard.core.disclosure import is_small
from sendboard.core.forms import form_errors_apply
from sendboard.core.govuk import format_date
from sendboard.core.lists import list_page
from sendboard.documents.selectors import documents_for_child
from sendboard.documents.services import documents_shown_record


@requires(Permission.MANAGE_CASEWORK)
@require_http_methods(["GET", "POST"])
def ask(request: HttpRequest, child_id) -> HttpResponse:
    """A caseworker asks a partner organisation for advice on a child whose assessment is under way."""
    child = child_get_for_user(request.user, child_id)
    if assessment_under_way(child) is None:
        raise Http404("No assessment under way for this child")
    today = timezone.localdate()
    form = AskForAdviceForm(
        request.POST if request.method == "POST" else None,
        organisations=permissions.partner_organisations(),
        sources=selectors.advice_sources(),
        documents=documents_for_child(request.user, child),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            advice = services.advice_request_ask(
                user=request.user,
                child=child,
                organisation_id=data["organisation"],
                source=data["source"],
                question=data["question"],
                documents=form.chosen_documents(),
                today=today,
            )
        except ValidationError as error:
            form_errors_apply(form, error)
        else:
            messages.success(request, f"Advice asked of {advice.partner}, due {format_date(advice.due_date)}")
            return HttpResponseRedirect(reverse("casework:child", args=[child.public_id]))
    services.children_shown_record(user=request.user, children=[child])
    return render(
        request,
        "advice/ask.html",
        {"form": form, "child": child, "due": selectors.advice_due_date(asked=today)},
    )


@requires(Permission.ANSWER_ADVICE)
def queue(request: HttpRequest) -> HttpResponse:
    """A professional's queue: the open requests sent to their organisation, overdue first."""
    today = timezone.localdate()
    found = selectors.advice_queue(request.user, today=today)
    listing = list_page(found.requests, params=request.GET)
    services.advice_queue_shown_record(user=request.user, requests=listing.items)
    sources = selectors.advice_sources()
    return render(
        request,
        "advice/queue.html",
        {
            "today": today,
            "queue": found,
            "listing": listing,
            "sources": sources,
            "organisation": request.user.organisation,
        },
    )


@requires(Permission.ANSWER_ADVICE)
def answered(request: HttpRequest) -> HttpResponse:
    """The requests the user's organisation has returned or declined, the latest first."""
    listing = list_page(selectors.answered_requests(request.user), params=request.GET)
    services.advice_queue_shown_record(user=request.user, requests=listing.items)
    return render(
        request,
        "advice/answered.html",
        {"listing": listing, "sources": selectors.advice_sources(), "organisation": request.user.organisation},
    )


@requires(Permission.ANSWER_ADVICE)
def request_detail(request: HttpRequest, public_id) -> HttpResponse:
    """One request, with only what it needs of the child: name, date of birth, the question, its documents."""
    advice = selectors.advice_request_get(request.user, public_id)
    shared = selectors.request_documents(advice)
    services.advice_request_shown_record(user=request.user, advice=advice)
    documents_shown_record(user=request.user, documents=[link.document for link in shared])
    return render(
        request,
        "advice/request.html",
        {
            "advice": advice,
            "child": advice.assessment.request.child,
            "source": selectors.advice_sources().get(advice.source, "Advice"),
            "shared": [link.document for link in shared if link.purpose == RequestDocument.Purpose.SHARED],
            "returned": [link.document for link in shared if link.purpose == RequestDocument.Purpose.ADVICE],
            "forwardings": selectors.forwardings_of(advice),
            "today": timezone.localdate(),
        },
    )


def _open_request_get(user, public_id):
    """A request sent to the user's organisation that is still waiting for an answer; any other is not found."""
    advice = selectors.advice_request_get(user, public_id)
    if advice.status != advice.Status.ASKED:
        raise Http404("This request has been answered")
    return advice


@requires(Permission.ANSWER_ADVICE)
@require_http_methods(["GET", "POST"])
def return_advice(request: HttpRequest, public_id) -> HttpResponse:
    advice = _open_request_get(request.user, public_id)
    form = ReturnAdviceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            services.advice_return(
                user=request.user,
                advice=advice,
                needs_identified=form.cleaned_data["needs_identified"],
                provision_recommended=form.cleaned_data["provision_recommended"],
                outcomes_sought=form.cleaned_data["outcomes_sought"],
                filename=upload.name,
                content=upload.read(),
                today=timezone.localdate(),
            )
        except ValidationError as error:
            form_errors_apply(form, error)
        else:
            messages.success(request, "Advice returned to the caseworker")
            return HttpResponseRedirect(reverse("advice:request", args=[advice.public_id]))
    services.advice_request_shown_record(user=request.user, advice=advice)
    return render(
        request, "advice/return.html", {"form": form, "advice": advice, "child": advice.assessment.request.child}
    )


@requires(Permission.ANSWER_ADVICE)
@require_http_methods(["GET", "POST"])
def decline(request: HttpRequest, public_id) -> HttpResponse:
    advice = _open_request_get(request.user, public_id)
    form = DeclineForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.advice_decline(user=request.user, advice=advice, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form_errors_apply(form, error)
        else:
            messages.success(request, "Request declined: the caseworker can see your reason")
            return HttpResponseRedirect(reverse("advice:queue"))
    services.advice_request_shown_record(user=request.user, advice=advice)
    return render(
        request, "advice/decline.html", {"form": form, "advice": advice, "child": advice.assessment.request.child}
    )


@requires(Permission.ANSWER_ADVICE)
@require_http_methods(["GET", "POST"])
def forward(request: HttpRequest, public_id) -> HttpResponse:
    """A professional passes a request meant for another organisation on to it, saying why."""
    advice = _open_request_get(request.user, public_id)
    form = ForwardForm(request.POST or None, organisations=services.forward_organisations(advice))
    if request.method == "POST" and form.is_valid():
        try:
            forwarding = services.advice_request_forward(
                user=request.user,
                advice=advice,
                organisation_id=form.cleaned_data["organisation"],
                reason=form.cleaned_data["reason"],
                today=timezone.localdate(),
            )
        except ValidationError as error:
            form_errors_apply(form, error)
        else:
            messages.success(request, f"Request forwarded to {forwarding.to_organisation.name}")
            return HttpResponseRedirect(reverse("advice:queue"))
    services.advice_request_shown_record(user=request.user, advice=advice)
    return render(
        request, "advice/forward.html", {"form": form, "advice": advice, "child": advice.assessment.request.child}
    )


@requires(Permission.ANSWER_ADVICE)
def document(request: HttpRequest, public_id, document_id) -> HttpResponse:
    """A document that goes with a request the user's organisation was sent; any other is not found."""
    advice = selectors.advice_request_get(request.user, public_id)
    found = selectors.request_document_get(advice, document_id)
    documents_shown_record(user=request.user, documents=[found], how="downloaded")
    response = HttpResponse(found.content, content_type=found.content_type)
    response["Content-Disposition"] = f'attachment; filename="{found.filename}"'
    return response


def _on_time(month) -> str:
    """The share returned on time, unless any count of the month is small: with the other counts shown, the
    share would give the small one away."""
    if not month.due:
        return "None due"
    if any(is_small(n) for n in (month.on_time, month.late, month.outstanding)):
        return "Suppressed (small numbers)"
    return f"{round(100 * month.on_time / month.due)}%"


@requires(Permission.VIEW_HEALTH_ADVICE_TIMELINESS)
def health_timeliness(request: HttpRequest) -> HttpResponse:
    """The designated clinical officer: health advice returned on time, late, or not yet, month by month, and
    every late request with who was asked and how late. No child is named."""
    today = timezone.localdate()
    filters = LateHealthFilterForm(
        request.GET,
        months=selectors.months_shown(today=today),
        asked_of=selectors.late_health_partners(request.user, today=today),
        lateness=selectors.Lateness.CHOICES,
    )
    chosen = filters.filters()
    months = selectors.health_timeliness_by_month(request.user, today=today, partner=chosen["partner"])
    late = list_page(selectors.late_health_requests(request.user, today=today, **chosen), params=request.GET)
    return render(
        request,
        "advice/health_timeliness.html",
        {
            "today": today,
            "filters": filters.shown(),
            "filtered": chosen != {"month": None, "partner": "", "lateness": selectors.Lateness.ALL},
            "partner": chosen["partner"],
            "areas": list(permissions.health_areas_for_user(request.user)),
            "months": months,
            "late": late,
            "late_rows": [
                {
                    "step": step,
                    "late": selectors.weeks_and_days(selectors.days_late(step, today=today)),
                }
                for step in late.items
            ],
            "suppress": suppress,
            "on_time": _on_time,
        },
    )
