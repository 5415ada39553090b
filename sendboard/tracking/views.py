from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from sendboard.accounts.access import requires
from sendboard.accounts.roles import Permission
from sendboard.casework.selectors import local_area_for_aggregates
from sendboard.core.calendar import default_calendar
from sendboard.core.lists import list_page
from sendboard.tracking import forms, permissions, selectors, services
from sendboard.tracking.history import history_rows
from sendboard.tracking.models import (
    AreaContacts,
    MissingEducationCase,
    NonAttendance,
    PartTimeTimetable,
    PlacedChild,
    RollRemoval,
)
from sendboard.tracking.rule_data import GROUNDS


def _setting_or_404(request):
    setting = permissions.user_setting(request.user)
    if setting is None:
        raise Http404("Your account is not linked to a setting with a URN")
    return setting


# --- the settings portal -----------------------------------------------------------------------------------------


@requires(Permission.REPORT_PUPILS)
def setting_home(request: HttpRequest) -> HttpResponse:
    setting = permissions.user_setting(request.user)
    reports = selectors.setting_reports(request.user) if setting else None
    if reports:
        services.records_shown_record(
            user=request.user, listed=True, records=[*reports.timetables, *reports.removals, *reports.not_attending]
        )
    return render(
        request,
        "tracking/setting_home.html",
        {"setting": setting, "reports": reports, "today": timezone.localdate(), "grounds": GROUNDS},
    )


def _report(request, *, form_class, service, template, title, success):
    setting = _setting_or_404(request)
    form = form_class(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        service(user=request.user, setting=setting, data=form.cleaned_data)
        messages.success(request, success)
        return HttpResponseRedirect(reverse("tracking:setting"))
    return render(request, template, {"form": form, "setting": setting, "title": title})


@requires(Permission.REPORT_PUPILS)
@require_http_methods(["GET", "POST"])
def timetable_new(request: HttpRequest) -> HttpResponse:
    return _report(
        request,
        form_class=forms.TimetableForm,
        service=services.timetable_report,
        template="tracking/timetable_form.html",
        title="Report a part-time timetable",
        success="Part-time timetable reported",
    )


@requires(Permission.REPORT_PUPILS)
@require_http_methods(["GET", "POST"])
def removal_new(request: HttpRequest) -> HttpResponse:
    return _report(
        request,
        form_class=forms.RemovalForm,
        service=services.removal_report,
        template="tracking/removal_form.html",
        title="Report a removal from roll",
        success="Removal from roll reported",
    )


@requires(Permission.REPORT_PUPILS)
@require_http_methods(["GET", "POST"])
def not_attending_new(request: HttpRequest) -> HttpResponse:
    return _report(
        request,
        form_class=forms.NonAttendanceForm,
        service=services.non_attendance_report,
        template="tracking/not_attending_form.html",
        title="Report a child not attending",
        success="Child not attending reported",
    )


@requires(Permission.REPORT_PUPILS)
@require_http_methods(["POST"])
def not_attending_back(request: HttpRequest, public_id) -> HttpResponse:
    record = permissions.report_get_for_user(request.user, NonAttendance, public_id)
    if not permissions.can_change_report(request.user, record) or record.resolved_on is not None:
        raise Http404("No such report for you")
    services.non_attendance_resolve(user=request.user, record=record)
    messages.success(request, f"{record.name} is back at school")
    return HttpResponseRedirect(reverse("tracking:setting"))


@requires(Permission.REPORT_PUPILS)
@require_http_methods(["GET", "POST"])
def timetable_edit(request: HttpRequest, public_id) -> HttpResponse:
    timetable = permissions.report_get_for_user(request.user, PartTimeTimetable, public_id)
    if not permissions.can_change_report(request.user, timetable):
        raise Http404("No such report for you")
    initial = {
        "hours_per_week": timetable.hours_per_week,
        "reason": timetable.reason,
        "review_date": timetable.review_date,
        "parent_agreed": "yes" if timetable.parent_agreed else "no",
        "end_date": timetable.end_date,
    }
    form = forms.TimetableForm(request.POST if request.method == "POST" else None, initial=initial, editing=True)
    form.start_date = timetable.start_date
    if request.method == "POST" and form.is_valid():
        services.timetable_update(user=request.user, timetable=timetable, data=form.cleaned_data)
        messages.success(request, "Part-time timetable updated")
        return HttpResponseRedirect(reverse("tracking:setting"))
    services.records_shown_record(user=request.user, records=[timetable])
    return render(
        request,
        "tracking/timetable_edit.html",
        {"form": form, "timetable": timetable, "history_rows": history_rows(timetable)},
    )


# --- the SEND and inclusion teams ----------------------------------------------------------------------------------


@requires(Permission.VIEW_VULNERABLE_LEARNERS)
def overview(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    timetables = list_page(selectors.timetables_open(request.user).order_by("review_date", "id"), params=request.GET)
    removals = list_page(
        permissions.reports_for_user(request.user, RollRemoval).order_by("-removal_date", "id"),
        params=request.GET,
        param="removals_page",
    )
    not_attending = list_page(
        permissions.reports_for_user(request.user, NonAttendance).filter(resolved_on__isnull=True),
        params=request.GET,
        param="absent_page",
    )
    services.records_shown_record(
        user=request.user, listed=True, records=[*timetables.items, *removals.items, *not_attending.items]
    )
    return render(
        request,
        "tracking/overview.html",
        {
            "today": today,
            "timetables": timetables,
            "removals": removals,
            "not_attending": not_attending,
            "grounds": GROUNDS,
            "can_manage": permissions.can_manage(request.user),
        },
    )


@requires(Permission.VIEW_VULNERABLE_LEARNERS)
def my_tasks(request: HttpRequest) -> HttpResponse:
    tasks = list(selectors.my_tasks(request.user))
    unallocated = list(selectors.unallocated_tasks(request.user)) if permissions.can_manage(request.user) else []
    services.records_shown_record(user=request.user, listed=True, records=[t.timetable for t in tasks + unallocated])
    return render(
        request, "tracking/my_tasks.html", {"tasks": tasks, "unallocated": unallocated, "today": timezone.localdate()}
    )


@requires(Permission.VIEW_VULNERABLE_LEARNERS)
@require_http_methods(["GET", "POST"])
def task(request: HttpRequest, public_id) -> HttpResponse:
    item = selectors.task_get_for_user(request.user, public_id)
    allowed = permissions.can_complete_task(request.user, item) and item.done_on is None
    form = forms.TaskDoneForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not allowed:
            raise Http404("This task is not yours to complete")
        if form.is_valid():
            services.task_complete(user=request.user, task=item, note=form.cleaned_data["note"])
            messages.success(request, "Check recorded")
            return HttpResponseRedirect(reverse("tracking:my-tasks"))
    services.records_shown_record(user=request.user, records=[item.timetable])
    return render(
        request,
        "tracking/task.html",
        {
            "task": item,
            "timetable": item.timetable,
            "form": form,
            "allowed": allowed,
            "history_rows": history_rows(item.timetable),
        },
    )


@requires(Permission.MANAGE_VULNERABLE_LEARNERS)
def weekly_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    rows = selectors.weekly_list(request.user, today=today)
    services.records_shown_record(user=request.user, listed=True, records=[row.record for row in rows])
    return render(request, "tracking/weekly_list.html", {"rows": rows, "today": today})


@requires(Permission.MANAGE_VULNERABLE_LEARNERS)
@require_http_methods(["GET", "POST"])
def decision(request: HttpRequest, kind: str, public_id) -> HttpResponse:
    if kind == "case":
        record = permissions.area_record_get_for_user(request.user, MissingEducationCase, public_id)
    elif kind == "timetable":
        record = permissions.report_get_for_user(request.user, PartTimeTimetable, public_id)
    else:
        raise Http404("No such list entry")
    form = forms.DecisionForm(
        request.POST if request.method == "POST" else None, initial={"meeting_date": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.decision_record(
            user=request.user,
            meeting_date=data["meeting_date"],
            data=data,
            **{"case" if kind == "case" else "timetable": record},
        )
        messages.success(request, "Decision recorded")
        return HttpResponseRedirect(reverse("tracking:weekly-list"))
    services.records_shown_record(user=request.user, records=[record])
    decisions = record.decisions.all()
    return render(
        request,
        "tracking/decision.html",
        {"form": form, "record": record, "decisions": decisions, "history_rows": history_rows(record)},
    )


@requires(Permission.MANAGE_VULNERABLE_LEARNERS)
def cases(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    listing = list_page(selectors.cme_cases_open(request.user).order_by("opened_on", "id"), params=request.GET)
    services.records_shown_record(user=request.user, listed=True, records=listing.items)
    return render(request, "tracking/cases.html", {"listing": listing, "today": today})


@requires(Permission.MANAGE_VULNERABLE_LEARNERS)
@require_http_methods(["GET", "POST"])
def case_new(request: HttpRequest) -> HttpResponse:
    form = forms.CaseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        case = services.cme_case_open(user=request.user, data=form.cleaned_data)
        messages.success(request, "Case opened")
        return HttpResponseRedirect(reverse("tracking:case", args=[case.public_id]))
    return render(request, "tracking/case_new.html", {"form": form})


@requires(Permission.MANAGE_VULNERABLE_LEARNERS)
@require_http_methods(["GET", "POST"])
def case(request: HttpRequest, public_id) -> HttpResponse:
    record = permissions.area_record_get_for_user(request.user, MissingEducationCase, public_id)
    posted = request.POST if request.method == "POST" else None
    enquiry_form = forms.EnquiryForm(posted if posted and posted.get("action") == "enquiry" else None)
    close_form = forms.CloseForm(
        posted if posted and posted.get("action") == "close" else None, opened_on=record.opened_on
    )
    if posted and posted.get("action") == "enquiry" and enquiry_form.is_valid():
        services.enquiry_record(user=request.user, case=record, data=enquiry_form.cleaned_data)
        messages.success(request, "Enquiry recorded")
        return HttpResponseRedirect(reverse("tracking:case", args=[record.public_id]))
    if posted and posted.get("action") == "close" and record.closed_on is None and close_form.is_valid():
        services.cme_case_close(user=request.user, case=record, **close_form.cleaned_data)
        messages.success(request, "Case closed")
        return HttpResponseRedirect(reverse("tracking:case", args=[record.public_id]))
    services.records_shown_record(user=request.user, records=[record])
    return render(
        request,
        "tracking/case.html",
        {
            "case": record,
            "enquiries": record.enquiries.all(),
            "decisions": record.decisions.all(),
            "enquiry_form": enquiry_form,
            "close_form": close_form,
            "today": timezone.localdate(),
            "form": enquiry_form if enquiry_form.is_bound else close_form,
            "history_rows": history_rows(record),
        },
    )


@requires(Permission.MANAGE_VULNERABLE_LEARNERS)
def placed(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    listing = list_page(selectors.placed_children(request.user), params=request.GET)
    days = selectors.rule_count("placed-notification")
    calendar = default_calendar()
    rows = [
        (child, selectors.placed_overdue(child, today=today, notification_days=days, calendar=calendar))
        for child in listing.items
    ]
    services.records_shown_record(user=request.user, listed=True, records=listing.items)
    return render(request, "tracking/placed.html", {"listing": listing, "rows": rows, "today": today, "days": days})


@requires(Permission.MANAGE_VULNERABLE_LEARNERS)
@require_http_methods(["GET", "POST"])
def placed_edit(request: HttpRequest, public_id=None) -> HttpResponse:
    record = permissions.area_record_get_for_user(request.user, PlacedChild, public_id) if public_id else None
    initial = {}
    if record is not None:
        initial = {name: getattr(record, name) for name in services.PLACED_FIELDS}
        initial.update(looked_after="yes" if record.looked_after else "no", has_plan="yes" if record.has_plan else "no")
    form = forms.PlacedChildForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.placed_child_save(user=request.user, placed=record, data=form.cleaned_data)
        messages.success(request, "Placement saved")
        return HttpResponseRedirect(reverse("tracking:placed"))
    if record is not None:
        services.records_shown_record(user=request.user, records=[record])
    return render(
        request,
        "tracking/placed_form.html",
        {"form": form, "record": record, "history_rows": history_rows(record) if record else []},
    )


@requires(Permission.MANAGE_VULNERABLE_LEARNERS)
def reconciliation(request: HttpRequest) -> HttpResponse:
    area = local_area_for_aggregates()
    flags = (
        selectors.reconciliation_flags(area)
        if area and permissions.staff_areas(request.user).filter(id=area.id).exists()
        else []
    )
    listing = list_page(flags, params=request.GET)
    services.flags_shown_record(user=request.user, flags=listing.items)
    return render(
        request,
        "tracking/reconciliation.html",
        {
            "listing": listing,
            "part_time": sum(f.kind == "part_time" for f in flags),
            "disappeared": sum(f.kind == "disappeared" for f in flags),
            "share": selectors.PART_TIME_ABSENCE_SHARE,
            "sessions": selectors.PART_TIME_MIN_SESSIONS,
        },
    )


@requires(Permission.MANAGE_VULNERABLE_LEARNERS)
@require_http_methods(["GET", "POST"])
def contacts(request: HttpRequest) -> HttpResponse:
    area = permissions.staff_areas(request.user).order_by("id").first()
    if area is None:
        raise Http404("Your team works no area")
    current = AreaContacts.objects.filter(local_area=area).first()
    initial = (
        {"inclusion_lead": current.inclusion_lead_id, "placed_children_contact": current.placed_children_contact_id}
        if current
        else {}
    )
    form = forms.ContactsForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        people=selectors.contact_candidates(request.user),
    )
    if request.method == "POST" and form.is_valid():
        services.contacts_save(user=request.user, area=area, **form.cleaned_data)
        messages.success(request, "Contacts saved")
        return HttpResponseRedirect(reverse("tracking:overview"))
    return render(request, "tracking/contacts.html", {"form": form, "area": area})
