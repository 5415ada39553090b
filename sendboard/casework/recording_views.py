"""Pages a caseworker records a case's statutory steps on: one form per step, offered only when the order of
the law allows it (``recording.allowed``), and a new request for a child not yet on the register."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from sendboard.accounts.access import requires
from sendboard.accounts.roles import Permission
from sendboard.casework import recording, selectors, services
from sendboard.casework.permissions import may_change_recorded
from sendboard.casework.recording import STEPS, Case
from sendboard.casework.recording_forms import (
    FORMS,
    RECORDED,
    AppealOutcomeForm,
    ConsultationReplyForm,
    NewChildForm,
)
from sendboard.core.forms import form_errors_apply

_SAVED = {
    "request": "Request recorded",
    "decision": "Decision recorded",
    "draft-plan": "Draft plan recorded",
    "consultation": "Consultation recorded",
    "family-response": "Family's response recorded",
    "final-plan": "Final plan recorded",
    "review-meeting": "Review meeting recorded",
    "review-report": "Review report recorded",
    "review-decision": "Decision after the review recorded",
    "amended-plan": "Amended plan recorded",
    "phase-transfer": "Phase transfer recorded",
    "cease": "Plan ceased recorded",
    "appeal": "Mediation or appeal recorded",
}


def _recorders() -> dict:
    """The service that records each step of a case (all but a new request, which has no case yet)."""
    r = recording
    return {
        "decision": r.decision_record,
        "draft-plan": r.draft_plan_record,
        "consultation": r.consultation_record,
        "family-response": r.family_response_record,
        "final-plan": r.final_plan_record,
        "review-meeting": r.review_meeting_record,
        "review-report": r.review_report_record,
        "review-decision": r.review_decision_record,
        "amended-plan": r.amended_plan_record,
        "phase-transfer": r.phase_transfer_record,
        "cease": r.cease_record,
        "appeal": r.appeal_record,
    }


def _save(slug: str, *, user, case: Case, data: dict, today) -> None:
    if slug == "request":
        recording.request_record(user=user, child=case.child, today=today, **data)
    else:
        _recorders()[slug](user=user, case=case, today=today, **data)


_CHANGED = {slug: _SAVED[slug].replace(" recorded", " changed") for slug in RECORDED}

CHANGE_TITLES = {
    "request": "Change the request for an assessment",
    "decision": "Change the decision whether to assess",
    "draft-plan": "Change the date the draft plan was sent",
    "family-response": "Change the family's response to the draft plan",
    "review-meeting": "Change the date of the latest review meeting",
    "review-report": "Change the date the review report was received",
    "review-decision": "Change the decision after the review",
    "amended-plan": "Change the date the amended plan was issued",
    "cease": "Change when and why the plan ceased",
}


def _change(slug: str, *, user, case: Case, data: dict, today) -> None:
    """Save a changed step through the service that records it, or its own where recording adds a record."""
    if slug == "request":
        recording.request_record(user=user, child=case.child, today=today, changing=case.request, **data)
    elif slug == "review-meeting":
        recording.review_meeting_change(user=user, case=case, today=today, **data)
    else:
        _recorders()[slug](user=user, case=case, today=today, changing=True, **data)


def _page(request, *, form, child, title: str, button: str) -> HttpResponse:
    services.children_shown_record(user=request.user, children=[child])
    return render(
        request, "casework/record_step.html", {"form": form, "child": child, "title": title, "button": button}
    )


@requires(Permission.MANAGE_CASEWORK)
@require_http_methods(["GET", "POST"])
def record_step(request: HttpRequest, public_id, step: str) -> HttpResponse:
    child = selectors.child_get_for_user(request.user, public_id)
    case = Case.of(child)
    if step not in FORMS or step not in recording.allowed(case):
        raise Http404("That step cannot be recorded now")
    today = timezone.localdate()
    form = FORMS[step](
        request.POST if request.method == "POST" else None, case=case, today=today, labels=selectors.code_labels()
    )
    if request.method == "POST" and form.is_valid():
        try:
            _save(step, user=request.user, case=case, data=form.cleaned_data, today=today)
        except ValidationError as error:
            form_errors_apply(form, error)
        else:
            messages.success(request, _SAVED[step])
            return HttpResponseRedirect(reverse("casework:child", args=[child.public_id]))
    return _page(request, form=form, child=child, title=STEPS[step], button="Save")


@requires(Permission.MANAGE_CASEWORK)
@require_http_methods(["GET", "POST"])
def change_step(request: HttpRequest, public_id, step: str) -> HttpResponse:
    """A recorded step put right (ADR 0175): its form, filled with what was recorded, checked as recording checks
    it and saved through the same service."""
    child = selectors.child_get_for_user(request.user, public_id)
    if not may_change_recorded(request.user, child):
        raise PermissionDenied("Only a team manager or the caseworker who holds the case may change it")
    case = Case.of(child)
    if step not in RECORDED or step not in recording.changeable(case):
        raise Http404("That step has not been recorded")
    today = timezone.localdate()
    form = FORMS[step](
        request.POST if request.method == "POST" else None,
        case=case,
        today=today,
        labels=selectors.code_labels(),
        changing=True,
        initial=RECORDED[step](case),
    )
    if request.method == "POST" and form.is_valid():
        try:
            _change(step, user=request.user, case=case, data=form.cleaned_data, today=today)
        except ValidationError as error:
            form_errors_apply(form, error)
        else:
            messages.success(request, _CHANGED[step])
            return HttpResponseRedirect(reverse("casework:child", args=[child.public_id]))
    return _page(request, form=form, child=child, title=CHANGE_TITLES[step], button="Save changes")


@requires(Permission.MANAGE_CASEWORK)
@require_http_methods(["GET", "POST"])
def record_reply(request: HttpRequest, public_id, consultation_id: int) -> HttpResponse:
    child = selectors.child_get_for_user(request.user, public_id)
    case = Case.of(child)
    consultation = next((c for c in recording.open_consultations(case) if c.id == consultation_id), None)
    if consultation is None:
        raise Http404("No consultation awaiting a reply")
    today = timezone.localdate()
    form = ConsultationReplyForm(
        request.POST if request.method == "POST" else None,
        case=case,
        today=today,
        labels={},
        consultation=consultation,
    )
    if request.method == "POST" and form.is_valid():
        try:
            recording.consultation_reply_record(
                user=request.user, case=case, consultation=consultation, today=today, **form.cleaned_data
            )
        except ValidationError as error:
            form_errors_apply(form, error)
        else:
            messages.success(request, "Setting's reply recorded")
            return HttpResponseRedirect(reverse("casework:child", args=[child.public_id]))
    return _page(request, form=form, child=child, title=f"Record the reply from {consultation.setting}", button="Save")


@requires(Permission.MANAGE_CASEWORK)
@require_http_methods(["GET", "POST"])
def record_appeal_outcome(request: HttpRequest, public_id, appeal_id: int) -> HttpResponse:
    child = selectors.child_get_for_user(request.user, public_id)
    case = Case.of(child)
    appeal = next((a for a in recording.open_appeals(case) if a.id == appeal_id), None)
    if appeal is None:
        raise Http404("No mediation or appeal awaiting its outcome")
    today = timezone.localdate()
    form = AppealOutcomeForm(
        request.POST if request.method == "POST" else None, case=case, today=today, labels={}, appeal=appeal
    )
    if request.method == "POST" and form.is_valid():
        try:
            recording.appeal_outcome_record(
                user=request.user, case=case, appeal=appeal, today=today, **form.cleaned_data
            )
        except ValidationError as error:
            form_errors_apply(form, error)
        else:
            messages.success(request, "Outcome recorded")
            return HttpResponseRedirect(reverse("casework:child", args=[child.public_id]))
    title = f"Record the outcome of the {appeal.get_kind_display().lower()}"
    return _page(request, form=form, child=child, title=title, button="Save")


@requires(Permission.MANAGE_CASEWORK)
@require_http_methods(["GET", "POST"])
def record_new_request(request: HttpRequest) -> HttpResponse:
    """A request for a child not yet on the register: the child's details and the request, on one page."""
    areas = list(selectors.areas_for_user(request.user).order_by("name"))
    if not areas:
        raise Http404("Your organisation's team works no local area's register")
    today = timezone.localdate()
    form = NewChildForm(
        request.POST if request.method == "POST" else None, case=None, today=today, labels=selectors.code_labels()
    )
    if request.method == "POST" and form.is_valid():
        try:
            child = recording.child_record_new_request(
                user=request.user,
                local_area=areas[0],
                child_fields=form.child_fields(),
                request_fields=form.request_fields(),
                today=today,
            )
        except ValidationError as error:
            form_errors_apply(form, error)
        else:
            messages.success(request, "Request recorded")
            return HttpResponseRedirect(reverse("casework:child", args=[child.public_id]))
    return render(request, "casework/record_new_request.html", {"form": form, "area": areas[0]})
