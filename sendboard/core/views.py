from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from sendboard.accounts.access import public, requires
from sendboard.accounts.roles import Permission
from sendboard.audit.selectors import audit_event_list
from sendboard.core import services
from sendboard.core.audit_forms import AuditFilterForm
from sendboard.core.forms import NonWorkingDayForm
from sendboard.core.lists import list_page
from sendboard.core.selectors import home_links_for, local_area_get, non_working_day_list
from sendboard.core.work import home_work_for


@public
def start(request: HttpRequest) -> HttpResponse:
    return render(request, "core/start.html")


@public
def request_assessment(request: HttpRequest) -> HttpResponse:
    return render(request, "core/request_assessment.html", {"area": local_area_get()})


@public
def sendiass(request: HttpRequest) -> HttpResponse:
    return render(request, "core/sendiass.html", {"area": local_area_get()})


@public
def feedback(request: HttpRequest) -> HttpResponse:
    return render(request, "core/feedback.html", {"area": local_area_get()})


@public
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "core/accessibility.html")


@public
def cookies(request: HttpRequest) -> HttpResponse:
    return render(request, "core/cookies.html")


@requires(Permission.VIEW_HOME)
def home(request: HttpRequest) -> HttpResponse:
    work = home_work_for(user=request.user, today=timezone.localdate())
    return render(request, "core/home.html", {"work": work, "links": home_links_for(request.user)})


@requires(Permission.MANAGE_NON_WORKING_DAYS)
def non_working_days(request: HttpRequest) -> HttpResponse:
    form = NonWorkingDayForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.non_working_day_create(
            user=request.user, day=form.cleaned_data["date"], reason=form.cleaned_data["reason"]
        )
        return HttpResponseRedirect(reverse("core:non-working-days"))
    return render(request, "core/non_working_days.html", {"form": form, "days": non_working_day_list()})


@requires(Permission.VIEW_AUDIT_LOG)
def audit_log(request: HttpRequest) -> HttpResponse:
    filters = AuditFilterForm(request.GET)
    values = filters.values()
    events = audit_event_list(
        kind=values["kind"] or None,
        username=values["username"],
        period=values["period"],
        sort=values["sort"],
        today=timezone.localdate(),
    )
    return render(
        request, "core/audit_log.html", {"listing": list_page(events, params=request.GET), "filters": filters.shown()}
    )


def error_404(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "core/404.html", status=404)


def error_403(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "core/403.html", status=403)


def error_500(request: HttpRequest) -> HttpResponse:
    # No request context: the database may be what failed, and the context processors read it.
    context = {"area_name": "", "phase": settings.SENDBOARD_PHASE, "current_user": None, "navigation": []}
    return HttpResponse(render_to_string("core/500.html", context), status=500)


@requires(Permission.VIEW_OPERATIONS)
def operations(request: HttpRequest) -> HttpResponse:
    from sendboard.core import health
    from sendboard.core import operations as running
    from sendboard.core.retention import retention_schedule

    return render(
        request,
        "core/operations.html",
        {
            "version": running.version(),
            "release": running.published_data_release(),
            "checks": health.check_results(),
            "queue": running.worker_queue(),
            "disk": running.data_disk(),
            "retention": retention_schedule(),
        },
    )
