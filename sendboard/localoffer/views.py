"""Pages of the Local Offer: public pages for families (no JavaScript needed), the provider's own services,
and the Local Offer team's approvals, feedback, information pages, import and use counts."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from sendboard.accounts.access import public, requires
from sendboard.accounts.roles import Permission
from sendboard.core.forms import form_errors_apply
from sendboard.core.lists import list_page
from sendboard.localoffer import selectors, services
from sendboard.localoffer.forms import (
    DecisionForm,
    FeedbackForm,
    FeedbackResponseForm,
    InformationPageForm,
    ServiceChangeForm,
    ServiceImportForm,
    ServiceSearchForm,
)
from sendboard.localoffer.imports import COLUMNS, ServicesImporter
from sendboard.localoffer.models import (
    Feedback,
    InformationTopic,
    UseCount,
)
from sendboard.localoffer.parsing import full_postcode
from sendboard.localoffer.presenters import (
    SearchResult,
    SearchSummary,
    paragraphs,
    revision_rows,
    search_back_query,
    version_rows,
)
from sendboard.localoffer.selectors import METRES_PER_MILE
from sendboard.returns import pages as import_pages
from sendboard.returns.framework import IMPORTERS
from sendboard.returns.pages import ImportPages

RESULTS_PER_PAGE = 20
QUEUE_PER_PAGE = 25


def _page_number(request: HttpRequest) -> int:
    try:
        return max(int(request.GET.get("page", "1")), 1)
    except ValueError:
        return 1


@public
def local_offer_home(request: HttpRequest) -> HttpResponse:
    services.use_count_record(kind=UseCount.Kind.PAGE_VIEW)
    return render(
        request,
        "localoffer/home.html",
        {
            "form": ServiceSearchForm(),
            "pages": selectors.information_pages(),
            "topics": InformationTopic.choices,
        },
    )


@public
def service_search(request: HttpRequest) -> HttpResponse:
    form = ServiceSearchForm(request.GET)
    context = {"form": form, "results": None, "summary": None, "listing": None, "capped": False}
    if form.is_valid():
        data = form.cleaned_data
        near, place_note, centre = None, "", None
        if data["place"]:
            centre = selectors.postcode_centre(
                district=data["place"], postcode=full_postcode(form.data.get("place", ""))
            )
            if centre and data["distance"]:
                near = selectors.Near(
                    latitude=centre[0], longitude=centre[1], metres=float(data["distance"]) * METRES_PER_MILE
                )
            elif not centre:
                place_note = (
                    f"We do not know where {data['place']} is on a map, so these are services in {data['place']}."
                )
        criteria = selectors.ServiceCriteria(
            keyword=data["q"],
            need_code=data["need"],
            category_code=data["category"],
            age_from=data["age"],
            age_to=data["age"],
            free_only=data["free"],
            day=data["day"],
            time_from=data["time"],
            district=data["place"],
            near=near,
            accessibility=tuple(data["access"]),
            origin=centre,
        )
        listing = list_page(
            selectors.service_search(criteria=criteria),
            params=request.GET,
            per_page=RESULTS_PER_PAGE,
            paginator_class=selectors.ResultsPaginator,
        )
        paginator = listing.page.paginator
        if any(value for key, value in request.GET.items() if key != "page"):
            services.use_count_record(
                kinds=(UseCount.Kind.SEARCH, UseCount.Kind.ZERO_RESULT_SEARCH)
                if paginator.count == 0
                else (UseCount.Kind.SEARCH,)
            )
        else:  # the list of every service, not a search
            services.use_count_record(kind=UseCount.Kind.PAGE_VIEW)
        context.update(
            {
                "results": SearchResult.list_of(listing.items, search=request.GET.urlencode()),
                "listing": listing,
                "summary": SearchSummary.of(form=form, total=paginator.count),
                "place_note": place_note,
                "capped": paginator.capped,
                "cap": paginator.RESULTS_CAP,
            }
        )
    return render(request, "localoffer/search.html", context)


@public
def service_detail(request: HttpRequest, service_id: UUID) -> HttpResponse:
    version = selectors.service_published_get(service_id=service_id)
    if version is None:
        raise Http404("No such service")
    services.use_count_record(kind=UseCount.Kind.PAGE_VIEW)
    return render(
        request,
        "localoffer/service.html",
        {
            "version": version,
            "rows": version_rows(version),
            "search_query": search_back_query(request.GET),
            "review": selectors.review_state(review_by=version.service.review_by),
            "grace_days": selectors.REVIEW_GRACE_DAYS,
        },
    )


def _information_page_or_404(topic: str):
    if topic not in InformationTopic.values:
        raise Http404("No such topic")
    page = selectors.information_page_get(topic=topic)
    if page is None:
        raise Http404("No page on this topic yet")
    return page


@public
def information_page(request: HttpRequest, topic: str) -> HttpResponse:
    page = _information_page_or_404(topic)
    services.use_count_record(kind=UseCount.Kind.PAGE_VIEW)
    return render(
        request,
        "localoffer/information.html",
        {
            "page": page,
            "paragraphs": paragraphs(page.body),
            "out_of_date": page.review_by < timezone.localdate(),
        },
    )


@public
@require_http_methods(["GET", "POST"])
def feedback(request: HttpRequest) -> HttpResponse:
    about = None
    if request.GET.get("service"):
        try:
            about = selectors.service_published_get(service_id=UUID(request.GET["service"]))
        except ValueError:
            about = None
    form = FeedbackForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.feedback_create(comment=form.cleaned_data["comment"], service=about.service if about else None)
        return HttpResponseRedirect(reverse("localoffer:feedback-sent"))
    return render(request, "localoffer/feedback.html", {"form": form, "about": about})


@public
def feedback_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "localoffer/feedback_sent.html")


@public
def you_said_we_did(request: HttpRequest) -> HttpResponse:
    listing = list_page(selectors.you_said_we_did(), params=request.GET, per_page=RESULTS_PER_PAGE)
    return render(request, "localoffer/you_said_we_did.html", {"listing": listing})


# The provider's own services


@requires(Permission.EDIT_OWN_SERVICES)
def provider_services(request: HttpRequest) -> HttpResponse:
    return render(request, "localoffer/provider_services.html", {"rows": selectors.provider_service_rows(request.user)})


@requires(Permission.EDIT_OWN_SERVICES)
@require_http_methods(["GET", "POST"])
def service_edit(request: HttpRequest, service_id: UUID) -> HttpResponse:
    service = get_object_or_404(selectors.provider_services_for(request.user), pk=service_id)
    latest = selectors.service_latest_version(service=service)
    if latest is None:
        raise Http404("This service has no version to start from")
    form = ServiceChangeForm(
        request.POST if request.method == "POST" else None,
        initial={**ServiceChangeForm.initial_from(latest), "version": services.service_change_version(latest)},
    )
    if request.method == "POST" and form.is_valid():
        content = form.content_from(services.version_content(latest))
        try:
            services.service_change_submit(
                user=request.user, service=service, content=content, version=form.cleaned_data["version"]
            )
        except ValidationError as error:
            form_errors_apply(form, error)
        else:
            messages.success(
                request, "Your change has been sent to the Local Offer team. It will be published when they approve it."
            )
            return HttpResponseRedirect(reverse("localoffer:provider-services"))
    return render(request, "localoffer/service_edit.html", {"form": form, "service": service, "latest": latest})


# The Local Offer team


@requires(Permission.MANAGE_LOCAL_OFFER)
def team_dashboard(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "localoffer/team.html",
        {
            # Three queues on one page, each paged on its own (ADR 0080).
            "pending": list_page(
                selectors.pending_versions(), params=request.GET, per_page=QUEUE_PER_PAGE, param="changes_page"
            ),
            "overdue": list_page(
                selectors.overdue_services(), params=request.GET, per_page=QUEUE_PER_PAGE, param="overdue_page"
            ),
            "feedback": list_page(
                selectors.feedback_to_triage(), params=request.GET, per_page=QUEUE_PER_PAGE, param="feedback_page"
            ),
            "use": selectors.use_counts(),
            "kinds": UseCount.Kind.choices,
            "checklist": selectors.schedule_2_checklist(),
            "counts": selectors.directory_counts(),
            "grace_days": selectors.REVIEW_GRACE_DAYS,
        },
    )


@requires(Permission.MANAGE_LOCAL_OFFER)
def checklist(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "localoffer/checklist.html",
        {
            "items": selectors.schedule_2_checklist(),
            "coverage": selectors.category_coverage(),
        },
    )


@requires(Permission.MANAGE_LOCAL_OFFER)
@require_http_methods(["GET", "POST"])
def version_review(request: HttpRequest, version_id: int) -> HttpResponse:
    version = get_object_or_404(selectors.pending_versions(), pk=version_id)
    published = selectors.service_published_get(service_id=version.service_id)
    form = DecisionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data["decision"] == "approve":
                services.version_approve(user=request.user, version=version, note=form.cleaned_data["note"])
                messages.success(request, f"The change to {version.name} is approved and published.")
            else:
                services.version_reject(user=request.user, version=version, note=form.cleaned_data["note"])
                messages.success(request, f"The change to {version.name} was not approved.")
        except ValidationError as error:
            form_errors_apply(form, error)
        else:
            return HttpResponseRedirect(reverse("localoffer:team"))
    return render(
        request,
        "localoffer/version_review.html",
        {
            "form": form,
            "version": version,
            "rows": version_rows(version),
            "published_rows": version_rows(published) if published else None,
        },
    )


@requires(Permission.MANAGE_LOCAL_OFFER)
@require_http_methods(["GET", "POST"])
def feedback_respond(request: HttpRequest, feedback_id: int) -> HttpResponse:
    item = get_object_or_404(Feedback.objects.select_related("service"), pk=feedback_id, status=Feedback.Status.NEW)
    form = FeedbackResponseForm(
        request.POST if request.method == "POST" else None,
        initial={"version": services.feedback_response_version(item)},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.feedback_respond(
                user=request.user,
                feedback=item,
                publish=data["outcome"] == "publish",
                you_said=data["you_said"],
                we_did=data["we_did"],
                version=data["version"],
            )
        except ValidationError as error:
            form_errors_apply(form, error)
        else:
            messages.success(request, "Your response is recorded.")
            return HttpResponseRedirect(reverse("localoffer:team"))
    return render(request, "localoffer/feedback_respond.html", {"form": form, "item": item})


@requires(Permission.MANAGE_LOCAL_OFFER)
@require_http_methods(["GET", "POST"])
def information_edit(request: HttpRequest, topic: str) -> HttpResponse:
    if topic not in InformationTopic.values:
        raise Http404("No such topic")
    page = selectors.information_page_get(topic=topic)
    initial = services.information_page_values(page) if page else {"title": InformationTopic(topic).label}
    form = InformationPageForm(
        request.POST if request.method == "POST" else None,
        initial={**initial, "version": services.information_page_version(page)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.information_page_save(user=request.user, topic=topic, **form.cleaned_data)
        except ValidationError as error:
            form_errors_apply(form, error)
        else:
            messages.success(request, "The page is saved and published.")
            return HttpResponseRedirect(reverse("localoffer:checklist"))
    return render(
        request,
        "localoffer/information_edit.html",
        {"form": form, "topic": topic, "page": page, "topic_label": InformationTopic(topic).label},
    )


@requires(Permission.MANAGE_LOCAL_OFFER)
def information_history(request: HttpRequest, topic: str) -> HttpResponse:
    page = _information_page_or_404(topic)
    labels = {name: str(InformationPageForm.base_fields[name].label) for name in services.INFORMATION_FIELDS}
    return render(
        request,
        "localoffer/information_history.html",
        {
            "page": page,
            "topic_label": InformationTopic(topic).label,
            "revisions": [
                (revision, revision_rows(revision, labels))
                for revision in selectors.information_page_revisions(page=page)
            ],
        },
    )


# The one upload page pattern of every import (ADR 0163), from the Local Offer team's own pages and permission.
IMPORT_PAGES = ImportPages(
    permission=Permission.MANAGE_LOCAL_OFFER,
    upload="localoffer:import",
    preview="localoffer:import-preview",
    job="localoffer:import-job",
)


@requires(Permission.MANAGE_LOCAL_OFFER)
@require_http_methods(["GET", "POST"])
def service_import(request: HttpRequest) -> HttpResponse:
    form = ServiceImportForm(
        request.POST if request.method == "POST" else None, request.FILES if request.method == "POST" else None
    )
    if request.method == "POST" and form.is_valid():
        return import_pages.upload_hold(
            request, pages=IMPORT_PAGES, upload=form.cleaned_data["file"], importer=IMPORTERS[ServicesImporter.kind]
        )
    return render(request, "localoffer/import.html", {"form": form, "columns": COLUMNS})


@requires(Permission.MANAGE_LOCAL_OFFER)
@require_http_methods(["GET", "POST"])
def service_import_preview(request: HttpRequest, token: str) -> HttpResponse:
    return import_pages.preview_page(request, token, pages=IMPORT_PAGES)


@requires(Permission.MANAGE_LOCAL_OFFER)
@require_http_methods(["GET", "POST"])
def service_import_job(request: HttpRequest, public_id) -> HttpResponse:
    return import_pages.job_page(request, public_id, pages=IMPORT_PAGES)
